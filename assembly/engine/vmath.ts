// f32x4 transcendental functions. WebAssembly SIMD has no sin/cos/exp/log, so these are
// range reduction + minimax polynomials (Cephes single-precision coefficients).
// Documented domains (max relative error ≤ 1e-5, measured by tests/vmath.test.ts):
//   exp: all finite x (overflow → +Inf above 88.72, gradual underflow below −87.3)
//   ln:  x > 0 incl. subnormals; ln 0 = −Inf, ln x<0 = NaN, ln +Inf = +Inf
//   sin, cos, tan: |x| ≤ 8192 (up to 2^24 values stay bounded but lose accuracy); at
//   |x| ≥ 2^24 an f32 has no fractional bits left and the result is NaN (as is ±Inf)
//   tanh, sigmoid: all finite x
//   pow(x, y): |y·ln|x|| ≤ 40; x < 0 allowed for integer y (sign by parity), else NaN
// NaN in ⇒ NaN out for every function.

@inline function splat(x: f32): v128 { return f32x4.splat(x); }

// p · 2^n for integer lanes n in [-252, 254], as two factors applied one after the other, so
// that neither the factors nor the intermediate product overflow before the result does.
@inline function scale2(p: v128, n: v128): v128 {
  const n1 = i32x4.shr_s(n, 1);
  const n2 = i32x4.sub(n, n1);
  const bias = i32x4.splat(127);
  const f1 = i32x4.shl(i32x4.add(n1, bias), 23);
  const f2 = i32x4.shl(i32x4.add(n2, bias), 23);
  return f32x4.mul(f32x4.mul(p, f1), f2);
}

@inline export function vexp(x: v128): v128 {
  // Clamp keeps the integer exponent in range. pmin/pmax are single instructions on x64
  // (min/max are not) and still pass a NaN in x through: pmax(x, c) = x < c ? c : x.
  x = f32x4.pmin(f32x4.pmax(x, splat(-150.0)), splat(150.0));
  const n = f32x4.nearest(f32x4.mul(x, splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(n, splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, splat(-2.12194440e-4)));
  const z = f32x4.mul(r, r);
  let p = splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, z), r), splat(1.0));
  return scale2(p, i32x4.trunc_sat_f32x4_s(n));
}

@inline export function vlog(x0: v128): v128 {
  // Subnormals: scale by 2^23 first so the exponent field is meaningful.
  const sub = f32x4.lt(x0, splat(1.17549435e-38));
  let x = v128.bitselect(f32x4.mul(x0, splat(8388608.0)), x0, sub);
  const bits = x;
  let e = i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(sub, i32x4.splat(23)));
  // Mantissa in [0.5, 1).
  x = v128.or(v128.and(bits, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  const small = f32x4.lt(x, splat(0.707106781186547524));
  // if x < sqrt(1/2): e -= 1, x = 2x - 1 else x = x - 1
  e = i32x4.add(e, small); // mask lanes are -1
  x = f32x4.sub(f32x4.add(x, v128.and(small, x)), splat(1.0));
  const fe = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(x, x);
  let y = splat(7.0376836292e-2);
  y = f32x4.sub(f32x4.mul(y, x), splat(1.1514610310e-1));
  y = f32x4.add(f32x4.mul(y, x), splat(1.1676998740e-1));
  y = f32x4.sub(f32x4.mul(y, x), splat(1.2420140846e-1));
  y = f32x4.add(f32x4.mul(y, x), splat(1.4249322787e-1));
  y = f32x4.sub(f32x4.mul(y, x), splat(1.6668057665e-1));
  y = f32x4.add(f32x4.mul(y, x), splat(2.0000714765e-1));
  y = f32x4.sub(f32x4.mul(y, x), splat(2.4999993993e-1));
  y = f32x4.add(f32x4.mul(y, x), splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, x), z);
  y = f32x4.add(y, f32x4.mul(fe, splat(-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, splat(0.5)));
  let r = f32x4.add(f32x4.add(x, y), f32x4.mul(fe, splat(0.693359375)));
  // Special values: 0 → -Inf, <0 → NaN, +Inf → +Inf, NaN stays NaN.
  r = v128.bitselect(splat(-Infinity), r, f32x4.eq(x0, splat(0.0)));
  r = v128.bitselect(splat(NaN), r, f32x4.lt(x0, splat(0.0)));
  r = v128.bitselect(splat(Infinity), r, f32x4.eq(x0, splat(Infinity)));
  return v128.bitselect(x0, r, f32x4.ne(x0, x0));
}

// Shared reduction for sin/cos/tan: |x| = j·π/4 + r with j even, |r| ≤ π/4
// (three-part Cody–Waite split of π/4; exact products for |x| ≤ 8192).
const TRIG_LIMIT: f32 = 16777216.0;

@inline function trigDomain(ax: v128, v: v128): v128 {
  return v128.bitselect(v, splat(NaN), f32x4.lt(ax, splat(TRIG_LIMIT)));
}

@inline function octant(ax: v128): v128 {
  const j = i32x4.trunc_sat_f32x4_s(f32x4.mul(ax, splat(1.27323954473516)));
  return v128.and(i32x4.add(j, i32x4.splat(1)), i32x4.splat(~1));
}

@inline function reduced(ax: v128, j: v128): v128 {
  const y = f32x4.convert_i32x4_s(j);
  let r = f32x4.sub(ax, f32x4.mul(y, splat(0.78515625)));
  r = f32x4.sub(r, f32x4.mul(y, splat(2.4187564849853515625e-4)));
  return f32x4.sub(r, f32x4.mul(y, splat(3.77489497744594108e-8)));
}

@inline function sinPoly(r: v128, z: v128): v128 {
  let p = splat(-1.9515295891e-4);
  p = f32x4.add(f32x4.mul(p, z), splat(8.3321608736e-3));
  p = f32x4.add(f32x4.mul(p, z), splat(-1.6666654611e-1));
  return f32x4.add(f32x4.mul(f32x4.mul(p, z), r), r);
}

@inline function cosPoly(z: v128): v128 {
  let p = splat(2.443315711809948e-5);
  p = f32x4.add(f32x4.mul(p, z), splat(-1.388731625493765e-3));
  p = f32x4.add(f32x4.mul(p, z), splat(4.166664568298827e-2));
  return f32x4.add(f32x4.sub(f32x4.mul(f32x4.mul(p, z), z), f32x4.mul(z, splat(0.5))), splat(1.0));
}

const SIGN: i32 = 0x80000000;

@inline export function vsin(x: v128): v128 {
  const ax = f32x4.abs(x);
  const j = octant(ax);
  const r = reduced(ax, j);
  const q = i32x4.shr_u(j, 1); // quadrant
  const z = f32x4.mul(r, r);
  const s = sinPoly(r, z);
  const c = cosPoly(z);
  const useCos = i32x4.ne(v128.and(q, i32x4.splat(1)), i32x4.splat(0));
  let v = v128.bitselect(c, s, useCos);
  // Negate in quadrants 2, 3; then restore the sign of x (sin is odd).
  const neg = i32x4.shl(v128.and(q, i32x4.splat(2)), 30);
  v = v128.xor(v, neg);
  return trigDomain(ax, v128.xor(v, v128.and(x, i32x4.splat(SIGN))));
}

@inline export function vcos(x: v128): v128 {
  const ax = f32x4.abs(x);
  const j = octant(ax);
  const r = reduced(ax, j);
  const q = i32x4.shr_u(j, 1);
  const z = f32x4.mul(r, r);
  const s = sinPoly(r, z);
  const c = cosPoly(z);
  const useSin = i32x4.ne(v128.and(q, i32x4.splat(1)), i32x4.splat(0));
  const v = v128.bitselect(s, c, useSin);
  // cos: q=0 → c, q=1 → −s, q=2 → −c, q=3 → s. Negate when q is 1 or 2.
  const q1 = v128.and(q, i32x4.splat(1));
  const q2 = i32x4.shr_u(v128.and(q, i32x4.splat(2)), 1);
  const neg = i32x4.shl(v128.xor(q1, q2), 31);
  return trigDomain(ax, v128.xor(v, neg));
}

@inline export function vtan(x: v128): v128 {
  const ax = f32x4.abs(x);
  const j = octant(ax);
  const r = reduced(ax, j);
  const q = i32x4.shr_u(j, 1);
  const z = f32x4.mul(r, r);
  const s = sinPoly(r, z);
  const c = cosPoly(z);
  const odd = i32x4.ne(v128.and(q, i32x4.splat(1)), i32x4.splat(0));
  const t = v128.bitselect(f32x4.neg(f32x4.div(c, s)), f32x4.div(s, c), odd);
  return trigDomain(ax, v128.xor(t, v128.and(x, i32x4.splat(SIGN))));
}

@inline export function vtanh(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  // 1 − 2/(e^{2|x|} + 1), sign restored.
  const e = vexp(f32x4.add(ax, ax));
  let big = f32x4.sub(splat(1.0), f32x4.div(splat(2.0), f32x4.add(e, splat(1.0))));
  big = v128.or(big, v128.and(x, i32x4.splat(SIGN)));
  return v128.bitselect(small, big, f32x4.lt(ax, splat(0.625)));
}

@inline export function vsigmoid(x: v128): v128 {
  // e = exp(−|x|) never overflows; σ(x) = 1/(1+e) for x ≥ 0, e/(1+e) for x < 0.
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(splat(1.0), f32x4.add(splat(1.0), e));
  return v128.bitselect(f32x4.mul(e, s), s, f32x4.lt(x, splat(0.0)));
}

@inline export function vpow(x: v128, y: v128): v128 {
  const r = vexp(f32x4.mul(y, vlog(f32x4.abs(x))));
  const yr = f32x4.nearest(y);
  const isInt = f32x4.eq(yr, y);
  const odd = f32x4.ne(f32x4.mul(f32x4.nearest(f32x4.mul(y, splat(0.5))), splat(2.0)), y);
  const negBase = f32x4.lt(x, splat(0.0));
  let v = v128.bitselect(f32x4.neg(r), r, v128.and(odd, isInt));
  v = v128.bitselect(v128.bitselect(v, splat(NaN), isInt), r, negBase);
  return v128.bitselect(splat(1.0), v, f32x4.eq(y, splat(0.0)));
}
