// f32x4 transcendental functions. WebAssembly SIMD has no sin/cos/exp/log, so these are
// range reduction + minimax polynomials.
// Documented domains (max relative error ≤ 1e-5, measured by tests/assembly/vmath.test.ts):
//   exp: all finite x (overflow → +Inf above 88.72, gradual underflow below −87.3)
//   ln:  x > 0 incl. subnormals; ln 0 = −Inf, ln x<0 = NaN, ln +Inf = +Inf
//   sin, cos, tan: |x| ≤ 8192 (up to 2^24 values stay bounded but lose accuracy); at
//   |x| ≥ 2^24 an f32 has no fractional bits left and the result is NaN (as is ±Inf)
//   tanh, sigmoid: all finite x
//   pow(x, y): |y·ln|x|| ≤ 40; x < 0 allowed for integer y (sign by parity), else NaN
// NaN in ⇒ NaN out for every function. Measured (tests/assembly/vmath.test.ts domains, 10^6
// points): exp, ln, tanh, sigmoid ≤ 2.3e-7; sin, cos ≤ 1.5e-7 on [−π, π] and ≤ 2.6e-6 on
// [−8192, 8192] (reduction); |sin|, |cos| may reach 1 + 2^−23 for |x| ≤ 8192.
// Accuracy is kept near 1e-7 rather than at the 1e-5 contract: CGP genomes chain these
// functions, and tests/cgp/twins.test.ts (WASM vs the Math.* reference) needs it.
//
// Speed notes (V8 TurboFan, x64; Zen 2):
// - V8 rebuilds every SIMD constant (f32x4.splat / v128.const) inside a loop with three
//   instructions (movq r10, imm64; vmovq; vpunpcklqdq). The kernels therefore take their
//   constants from a static table (v128.load32_splat, which Binaryen cannot fold back into a
//   constant): the block loops (expBlock, logBlock, sinBlock, cosBlock) load them once
//   before the loop, the single-vector functions (vexp, vsin, …) at the point of use (one
//   vbroadcastss each).
// - Rounding to an integer uses the magic-number trick (t = y + 1.5·2^23: t's low mantissa
//   bits hold round(y)) instead of nearest/trunc_sat (five instructions for trunc_sat on x64);
//   2^n is then bits(t) << 23.
// - sin and cos reduce by multiples of π (one polynomial, sign from the parity of n) rather
//   than octants (two polynomials and a select).
// - The block loops interleave eight vectors step by step: each vector is one long
//   dependency chain, and with fewer chains in flight the loop was latency-bound.
//   A 4-vector step takes the remainder (a 1024-row block leaves 4 vectors after 6 or 7).
//   expBlock, sinBlock, cosBlock, logBlockPlain and logBlockAbs are written out by
//   scripts/vmath-blocks/blocks.py from one description of each step: edit it there and
//   regenerate with scripts/vmath-blocks/splice.py.
// - Rare inputs (exp below −86.5, sin/cos beyond 8192, ln of zero/subnormals) are detected
//   with one min/max accumulator; the block then gets the exact function's values (exp and
//   ln: only the rare lanes, their fast polynomials being shorter than the exact ones'; sin
//   and cos: vsin/vcos on the vectors holding a rare lane, the fast values clamped to [−1, 1]
//   elsewhere, which is what vsin/vcos give there).
// - Measured on this machine's Intel Xeon (Golden Cove class, 3.6 GHz) the block loops run
//   at the issue limit of the three vector ports: about 21–24 vector operations per vector,
//   7–8 cycles; every operation saved is worth about 4%.

// ---------------------------------------------------------------------------------------
// Constant table: f32 scalars (and i32 bit patterns below), splatted by v128.load32_splat.

const K_INV_PI: i32 = 0;  // 1/π
const K_MAGIC: i32 = 1;  // 2^23 (vsin: |x| reduced)
const K_MAGIC_SIGNED: i32 = 2;  // 1.5·2^23 (sinBlock: x reduced)
const K_MAGIC_COS: i32 = 3;  // 2^23 + 1 (cos: low bit of t = parity of n + 1)
const K_HALF: i32 = 4;
const K_PI_A: i32 = 5;  // π = PI_A + PI_B + PI_C; PI_A, PI_B have 12 bits: n·PI_A, n·PI_B exact for |n| < 2^12
const K_PI_B: i32 = 6;
const K_PI_C: i32 = 7;
const K_S1: i32 = 8;  // sin r ≈ r·(S1 + S3 z + S5 z² + S7 z³ + S9 z⁴), z = r², |r| ≤ π/2: minimax, rel. 5e-9 (f32: 1.5e-7)
const K_S3: i32 = 9;
const K_S5: i32 = 10;
const K_S7: i32 = 11;
const K_S9: i32 = 12;
const K_TRIG_LIMIT: i32 = 13;  // 2^24
const K_EXP_LO: i32 = 14;  // exp clamps x to [EXP_LO, EXP_HI] (e^−104 rounds to 0, e^89 overflows)
const K_EXP_HI: i32 = 15;
const K_LOG2E: i32 = 16;
const K_EXP_MAGIC: i32 = 17;  // 1.5·2^23 + 126: bits(t) << 23 = 2^(n−1)
const K_LN2_A: i32 = 18;  // ln2 = LN2_A + LN2_B, LN2_A with 9 bits (n·LN2_A exact)
const K_LN2_B: i32 = 19;
const K_E0: i32 = 20;  // 2·e^r ≈ E0 + E1 r + … + E6 r⁶ on [−ln2/2, ln2/2], minimax with E0 = 2 (e^0 = 1), rel. 2.8e-9
const K_E1: i32 = 21;
const K_E2: i32 = 22;
const K_E3: i32 = 23;
const K_E4: i32 = 24;
const K_E5: i32 = 25;
const K_E6: i32 = 26;
const K_ONE: i32 = 27;
const K_LN2: i32 = 28;
const K_FLT_MAX: i32 = 29;
const K_M0: i32 = 30;  // ln(1+f) ≈ f·(M0 + M1 f + … + M8 f⁸), f in [−1/3, 1/3], rel. 2.6e-8 (vlog)
const K_M1: i32 = 31;
const K_M2: i32 = 32;
const K_M3: i32 = 33;
const K_M4: i32 = 34;
const K_M5: i32 = 35;
const K_M6: i32 = 36;
const K_M7: i32 = 37;
const K_M8: i32 = 38;
const K_LS0: i32 = 39;  // ln m = s·(LS0 + LS1 s² + LS2 s⁴ + LS3 s⁶), s = (m−1)/(m+1) in [−1/5, 1/7], rel. 2.4e-9 (logBlock)
const K_LS1: i32 = 40;
const K_LS2: i32 = 41;
const K_LS3: i32 = 42;
const K_Q0: i32 = 43;  // 2·e^r ≈ Q0 + Q1 r + … + Q5 r⁵ on [−ln2/2, ln2/2] (expBlock), minimax (Lawson) with Q0 = 2, rel. 9.3e-8 (f32 with reduction: 1.8e-7 over [−86, 88])
const K_Q1: i32 = 44;
const K_Q2: i32 = 45;
const K_Q3: i32 = 46;
const K_Q4: i32 = 47;
const K_Q5: i32 = 48;
const K_LT0: i32 = 49;  // ln m = s·(LT0 + LT1 s² + LT2 s⁴), s = (m−1)/(m+1) in [−1/5, 1/7] (logBlock), minimax (Lawson), rel. 3.0e-7
const K_LT1: i32 = 50;
const K_LT2: i32 = 51;

const KF: usize = memory.data<f32>([
  0.31830987, 8388608.0, 12582912.0, 8388609.0, 0.5, 3.140625, 0.0009675025939941406,
  1.509958e-07, 1.0, -0.16666656732559204, 0.008333024568855762, -0.00019807351054623723,
  2.6017496566055343e-06, 16777216.0, -104.0, 89.0, 1.442695, 12583038.0, 0.693359375,
  -0.00021219444, 2.0, 2.0, 1.0000001192092896, 0.333327054977417, 0.08332939445972443,
  0.016759946942329407, 0.0028129792772233486, 1.0, 0.6931472, 3.4028235e38, 1.0,
  -0.4999993145465851, 0.3333316445350647, -0.2500818371772766, 0.20012180507183075,
  -0.16409410536289215, 0.13983643054962158, -0.15423421561717987, 0.1407690793275833, 2.0,
  0.6666705012321472, 0.3995243012905121, 0.3043980896472931,
  2.0, 1.9999994039535522, 0.9999827742576599, 0.3333529531955719, 0.08379851281642914, 0.016580114141106606,
  2.0000007152557373, 0.666395902633667, 0.41780903935432434,
], 16);

// i32 bit patterns
const I_ABS: i32 = 0;        // 0x7fffffff
const I_EXP_MIN: i32 = 1;    // bits(K_EXP_MAGIC) − 125: exponent field ≥ 1
const I_127: i32 = 2;
const I_MIN_NORMAL: i32 = 3; // 0x00800000
const I_SUB149: i32 = 4;     // 149 << 23
const I_LOG_OFF: i32 = 5;    // bits(2/3) = 0x3f2aaaab
const I_ONE: i32 = 6;
const I_MANT: i32 = 7;       // 0x007fffff

const KI: usize = memory.data<i32>([
  0x7fffffff, 0x4b400001, 127, 0x00800000, 149 << 23, 0x3f2aaaab, 1, 0x007fffff,
], 16);

@inline function kf(i: i32): v128 { return v128.load32_splat(KF + (<usize>i << 2)); }
@inline function ki(i: i32): v128 { return v128.load32_splat(KI + (<usize>i << 2)); }

@inline function fma(a: v128, b: v128, c: v128): v128 { return f32x4.add(f32x4.mul(a, b), c); }

// ---------------------------------------------------------------------------------------
// sin / cos

@inline function sinPolyK(r: v128, s1: v128, s3: v128, s5: v128, s7: v128, s9: v128): v128 {
  const z = f32x4.mul(r, r);
  let p = fma(s9, z, s7);
  p = fma(p, z, s5);
  p = fma(p, z, s3);
  p = fma(p, z, s1);
  return f32x4.mul(p, r);
}

/**
 * sin x = sign(x)·(−1)^n sin(|x| − nπ), n = round(|x|/π). Reducing |x| keeps t = |x|/π + 2^23
 * inside [2^23, 2^24) (integer ulp) for all |x| < 2^24, so r stays small and the result
 * bounded even where n·π is no longer exact.
 */
@inline function sinK(
  x: v128, invPi: v128, magic: v128, pa: v128, pb: v128, pc: v128,
  s1: v128, s3: v128, s5: v128, s7: v128, s9: v128, absMask: v128, limit: v128, one: v128,
): v128 {
  const ax = v128.and(x, absMask);
  const t = fma(ax, invPi, magic);
  const n = f32x4.sub(t, magic);
  let r = f32x4.sub(ax, f32x4.mul(n, pa));
  r = f32x4.sub(r, f32x4.mul(n, pb));
  r = f32x4.sub(r, f32x4.mul(n, pc));
  let p = sinPolyK(r, s1, s3, s5, s7, s9);
  // parity of n and the sign of x → sign
  p = v128.xor(p, v128.xor(i32x4.shl(t, 31), v128.xor(x, ax)));
  // |sin| ≤ 1 also where rounding gives 1 + 2^−23; |x| ≥ 2^24: all-ones = NaN (±Inf is NaN
  // already: r = Inf − Inf; pmin/pmax keep a NaN in p).
  p = f32x4.pmax(f32x4.pmin(p, one), f32x4.neg(one));
  return v128.or(p, f32x4.ge(ax, limit));
}

/**
 * cos x = (−1)^(n+1) sin(|x| − hπ), h = n + ½, n = round(|x|/π − ½). The magic number is
 * 2^23 + 1 (t ≥ 2^23 for |x|/π − ½ ≥ −½), so the low bit of t is the parity of n + 1.
 */
@inline function cosK(
  x: v128, invPi: v128, magic: v128, half: v128, pa: v128, pb: v128, pc: v128,
  s1: v128, s3: v128, s5: v128, s7: v128, s9: v128, absMask: v128, limit: v128, one: v128,
): v128 {
  const ax = v128.and(x, absMask);
  const t = f32x4.add(f32x4.sub(f32x4.mul(ax, invPi), half), magic);
  const h = f32x4.add(f32x4.sub(t, magic), half);
  let r = f32x4.sub(ax, f32x4.mul(h, pa));
  r = f32x4.sub(r, f32x4.mul(h, pb));
  r = f32x4.sub(r, f32x4.mul(h, pc));
  let p = sinPolyK(r, s1, s3, s5, s7, s9);
  p = v128.xor(p, i32x4.shl(t, 31));
  p = f32x4.pmax(f32x4.pmin(p, one), f32x4.neg(one));
  return v128.or(p, f32x4.ge(ax, limit));
}

@inline export function vsin(x: v128): v128 {
  return sinK(x, kf(K_INV_PI), kf(K_MAGIC), kf(K_PI_A), kf(K_PI_B), kf(K_PI_C),
    kf(K_S1), kf(K_S3), kf(K_S5), kf(K_S7), kf(K_S9), ki(I_ABS), kf(K_TRIG_LIMIT), kf(K_ONE));
}

@inline export function vcos(x: v128): v128 {
  return cosK(x, kf(K_INV_PI), kf(K_MAGIC_COS), kf(K_HALF), kf(K_PI_A), kf(K_PI_B), kf(K_PI_C),
    kf(K_S1), kf(K_S3), kf(K_S5), kf(K_S7), kf(K_S9), ki(I_ABS), kf(K_TRIG_LIMIT), kf(K_ONE));
}



// ---------------------------------------------------------------------------------------
// exp

/**
 * e^x for x clamped to [−104, 89]: n = round(x·log2 e) from the magic-number add, r = x − n·ln2
 * (two-part ln2), result (2·p(r)) · 2^(max(n,−125)−1) · 2^(min(n+125, 0)): the first factor
 * reaches 2^127 (so e^88.7 stays finite), the second gives gradual underflow. `p2` is 2·e^r.
 */
@inline function expScale(t: v128, p2: v128, minA: v128, b127: v128): v128 {
  const a = i32x4.max_s(t, minA);
  const s1 = i32x4.shl(a, 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(t, a), b127), 23);
  return f32x4.mul(f32x4.mul(p2, s1), s2);
}

@inline function expK(
  x: v128, lo: v128, hi: v128, log2e: v128, magic: v128, ln2a: v128, ln2b: v128,
  e0: v128, e1: v128, e2: v128, e3: v128, e4: v128, e5: v128, e6: v128, minA: v128, b127: v128,
): v128 {
  // pmin/pmax are single instructions on x64 and pass a NaN in x through.
  x = f32x4.pmin(f32x4.pmax(x, lo), hi);
  const t = fma(x, log2e, magic);
  const n = f32x4.sub(t, magic);
  let r = f32x4.sub(x, f32x4.mul(n, ln2a));
  r = f32x4.sub(r, f32x4.mul(n, ln2b));
  let p = fma(e6, r, e5);
  p = fma(p, r, e4);
  p = fma(p, r, e3);
  p = fma(p, r, e2);
  p = fma(p, r, e1);
  p = fma(p, r, e0);
  return expScale(t, p, minA, b127);
}

@inline export function vexp(x: v128): v128 {
  return expK(x, kf(K_EXP_LO), kf(K_EXP_HI), kf(K_LOG2E), kf(K_EXP_MAGIC), kf(K_LN2_A), kf(K_LN2_B),
    kf(K_E0), kf(K_E1), kf(K_E2), kf(K_E3), kf(K_E4), kf(K_E5), kf(K_E6), ki(I_EXP_MIN), ki(I_127));
}

// ---------------------------------------------------------------------------------------
// ln

/**
 * Splits x0 > 0 into the (integer, pre-shifted) exponent e and f = m − 1, m in [2/3, 4/3).
 * Subnormals (and the lanes < 2^−126 that are overwritten later) are converted exactly by
 * their integer bits (x0·2^149) with the exponent lowered by 149 in integer space.
 */
@inline function logSplit(x0: v128, minNormal: v128, sub149: v128): v128 {
  const sub = i32x4.lt_s(x0, minNormal);
  const xs = i32x4.sub(f32x4.convert_i32x4_s(x0), sub149);
  return v128.bitselect(xs, x0, sub);
}

/** ln result fix-ups: +Inf → +Inf, NaN → NaN, x < 0 (incl. −Inf) → NaN, ±0 → −Inf. */
@inline function logSpecials(x0: v128, r: v128, fltMax: v128, one: v128, mant: v128): v128 {
  // pmax(a, b) = a < b ? b : a: x0 − FLT_MAX is ≤ 0 < ln x0 for finite x0 … no: it is
  // ≤ −2e31 unless x0 = FLT_MAX; +Inf stays +Inf and a NaN is kept.
  r = f32x4.pmax(f32x4.sub(x0, fltMax), r);
  r = v128.or(r, i32x4.lt_s(x0, one));                                // bits ≤ 0: +0 and x < 0 → all-ones NaN
  return v128.andnot(r, v128.and(f32x4.eq(x0, f32x4.splat(0)), mant)); // ±0: NaN → −Inf
}

/** ln x = e·ln2 + f·P(f), P of degree 8 (pow multiplies the error by y). */
@inline export function vlog(x0: v128): v128 {
  const b = logSplit(x0, ki(I_MIN_NORMAL), ki(I_SUB149));
  const e = i32x4.shr_s(i32x4.sub(b, ki(I_LOG_OFF)), 23);
  const f = f32x4.sub(i32x4.sub(b, i32x4.shl(e, 23)), kf(K_ONE));
  let p = fma(kf(K_M8), f, kf(K_M7));
  p = fma(p, f, kf(K_M6));
  p = fma(p, f, kf(K_M5));
  p = fma(p, f, kf(K_M4));
  p = fma(p, f, kf(K_M3));
  p = fma(p, f, kf(K_M2));
  p = fma(p, f, kf(K_M1));
  p = fma(p, f, kf(K_M0));
  const r = fma(p, f, f32x4.mul(f32x4.convert_i32x4_s(e), kf(K_LN2)));
  return logSpecials(x0, r, kf(K_FLT_MAX), ki(I_ONE), ki(I_MANT));
}


// ---------------------------------------------------------------------------------------
// Block kernels for the CGP evaluator (functions.ts): a fast loop over eight vectors at a
// time, written out lane by lane and step by step so that eight independent dependency
// chains sit next to each other in program order (V8 keeps that order; Zen 2's FP scheduler
// is small, and the loop was latency-bound with one chain: exp with 8 lanes is 1.9× faster
// than with one, with 4 lanes 1.6×; 12 lanes spill too much; sin, cos, ln have more
// constants live and do best with 6–7 lanes). The rare inputs the fast loop does not
// cover are detected by one min/max accumulator; such a block is then recomputed with the
// exact single-vector function. count is a multiple of 4.

const EXP_FAST_MIN: f32 = -86.5;
const TRIG_LIMIT: f32 = 16777216.0;
const TRIG_FAST_MAX: f32 = 8192.0;

/**
 * out[i] = e^a[i]. The fast loop covers x ≥ −86.5, where 2^(n−1) is one normal factor
 * (bits(t) << 23); its polynomial is the degree-5 Q (vexp's degree 6 is more than f32 needs).
 * In a block with any lower x (or −Inf), those lanes are redone with vexp (gradual underflow).
 */
export function expBlock(a: usize, out: usize, count: i32): void {
  const hi = kf(K_EXP_HI), log2e = kf(K_LOG2E), magic = kf(K_EXP_MAGIC);
  const ln2a = kf(K_LN2_A), ln2b = kf(K_LN2_B);
  const q0 = kf(K_Q0), q1 = kf(K_Q1), q2 = kf(K_Q2), q3 = kf(K_Q3), q4 = kf(K_Q4), q5 = kf(K_Q5);
  const end = out + (<usize>count << 2);
  const a0 = a, out0 = out;
  let acc = f32x4.splat(0);
  while (out + 128 <= end) {
    let x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48), x4 = v128.load(a, 64), x5 = v128.load(a, 80), x6 = v128.load(a, 96), x7 = v128.load(a, 112);
    acc = f32x4.pmin(acc, x0); acc = f32x4.pmin(acc, x1); acc = f32x4.pmin(acc, x2); acc = f32x4.pmin(acc, x3); acc = f32x4.pmin(acc, x4); acc = f32x4.pmin(acc, x5); acc = f32x4.pmin(acc, x6); acc = f32x4.pmin(acc, x7);
    x0 = f32x4.pmin(x0, hi); x1 = f32x4.pmin(x1, hi); x2 = f32x4.pmin(x2, hi); x3 = f32x4.pmin(x3, hi); x4 = f32x4.pmin(x4, hi); x5 = f32x4.pmin(x5, hi); x6 = f32x4.pmin(x6, hi); x7 = f32x4.pmin(x7, hi);
    const t0 = fma(x0, log2e, magic), t1 = fma(x1, log2e, magic), t2 = fma(x2, log2e, magic), t3 = fma(x3, log2e, magic), t4 = fma(x4, log2e, magic), t5 = fma(x5, log2e, magic), t6 = fma(x6, log2e, magic), t7 = fma(x7, log2e, magic);
    const n0 = f32x4.sub(t0, magic), n1 = f32x4.sub(t1, magic), n2 = f32x4.sub(t2, magic), n3 = f32x4.sub(t3, magic), n4 = f32x4.sub(t4, magic), n5 = f32x4.sub(t5, magic), n6 = f32x4.sub(t6, magic), n7 = f32x4.sub(t7, magic);
    let r0 = f32x4.sub(x0, f32x4.mul(n0, ln2a)), r1 = f32x4.sub(x1, f32x4.mul(n1, ln2a)), r2 = f32x4.sub(x2, f32x4.mul(n2, ln2a)), r3 = f32x4.sub(x3, f32x4.mul(n3, ln2a)), r4 = f32x4.sub(x4, f32x4.mul(n4, ln2a)), r5 = f32x4.sub(x5, f32x4.mul(n5, ln2a)), r6 = f32x4.sub(x6, f32x4.mul(n6, ln2a)), r7 = f32x4.sub(x7, f32x4.mul(n7, ln2a));
    r0 = f32x4.sub(r0, f32x4.mul(n0, ln2b)); r1 = f32x4.sub(r1, f32x4.mul(n1, ln2b)); r2 = f32x4.sub(r2, f32x4.mul(n2, ln2b)); r3 = f32x4.sub(r3, f32x4.mul(n3, ln2b)); r4 = f32x4.sub(r4, f32x4.mul(n4, ln2b)); r5 = f32x4.sub(r5, f32x4.mul(n5, ln2b)); r6 = f32x4.sub(r6, f32x4.mul(n6, ln2b)); r7 = f32x4.sub(r7, f32x4.mul(n7, ln2b));
    let p0 = fma(q5, r0, q4), p1 = fma(q5, r1, q4), p2 = fma(q5, r2, q4), p3 = fma(q5, r3, q4), p4 = fma(q5, r4, q4), p5 = fma(q5, r5, q4), p6 = fma(q5, r6, q4), p7 = fma(q5, r7, q4);
    p0 = fma(p0, r0, q3); p1 = fma(p1, r1, q3); p2 = fma(p2, r2, q3); p3 = fma(p3, r3, q3); p4 = fma(p4, r4, q3); p5 = fma(p5, r5, q3); p6 = fma(p6, r6, q3); p7 = fma(p7, r7, q3);
    p0 = fma(p0, r0, q2); p1 = fma(p1, r1, q2); p2 = fma(p2, r2, q2); p3 = fma(p3, r3, q2); p4 = fma(p4, r4, q2); p5 = fma(p5, r5, q2); p6 = fma(p6, r6, q2); p7 = fma(p7, r7, q2);
    p0 = fma(p0, r0, q1); p1 = fma(p1, r1, q1); p2 = fma(p2, r2, q1); p3 = fma(p3, r3, q1); p4 = fma(p4, r4, q1); p5 = fma(p5, r5, q1); p6 = fma(p6, r6, q1); p7 = fma(p7, r7, q1);
    p0 = fma(p0, r0, q0); p1 = fma(p1, r1, q0); p2 = fma(p2, r2, q0); p3 = fma(p3, r3, q0); p4 = fma(p4, r4, q0); p5 = fma(p5, r5, q0); p6 = fma(p6, r6, q0); p7 = fma(p7, r7, q0);
    v128.store(out, f32x4.mul(p0, i32x4.shl(t0, 23)), 0); v128.store(out, f32x4.mul(p1, i32x4.shl(t1, 23)), 16); v128.store(out, f32x4.mul(p2, i32x4.shl(t2, 23)), 32); v128.store(out, f32x4.mul(p3, i32x4.shl(t3, 23)), 48); v128.store(out, f32x4.mul(p4, i32x4.shl(t4, 23)), 64); v128.store(out, f32x4.mul(p5, i32x4.shl(t5, 23)), 80); v128.store(out, f32x4.mul(p6, i32x4.shl(t6, 23)), 96); v128.store(out, f32x4.mul(p7, i32x4.shl(t7, 23)), 112);
    a += 128; out += 128;
  }
  if (out + 64 <= end) {
    let x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48);
    acc = f32x4.pmin(acc, x0); acc = f32x4.pmin(acc, x1); acc = f32x4.pmin(acc, x2); acc = f32x4.pmin(acc, x3);
    x0 = f32x4.pmin(x0, hi); x1 = f32x4.pmin(x1, hi); x2 = f32x4.pmin(x2, hi); x3 = f32x4.pmin(x3, hi);
    const t0 = fma(x0, log2e, magic), t1 = fma(x1, log2e, magic), t2 = fma(x2, log2e, magic), t3 = fma(x3, log2e, magic);
    const n0 = f32x4.sub(t0, magic), n1 = f32x4.sub(t1, magic), n2 = f32x4.sub(t2, magic), n3 = f32x4.sub(t3, magic);
    let r0 = f32x4.sub(x0, f32x4.mul(n0, ln2a)), r1 = f32x4.sub(x1, f32x4.mul(n1, ln2a)), r2 = f32x4.sub(x2, f32x4.mul(n2, ln2a)), r3 = f32x4.sub(x3, f32x4.mul(n3, ln2a));
    r0 = f32x4.sub(r0, f32x4.mul(n0, ln2b)); r1 = f32x4.sub(r1, f32x4.mul(n1, ln2b)); r2 = f32x4.sub(r2, f32x4.mul(n2, ln2b)); r3 = f32x4.sub(r3, f32x4.mul(n3, ln2b));
    let p0 = fma(q5, r0, q4), p1 = fma(q5, r1, q4), p2 = fma(q5, r2, q4), p3 = fma(q5, r3, q4);
    p0 = fma(p0, r0, q3); p1 = fma(p1, r1, q3); p2 = fma(p2, r2, q3); p3 = fma(p3, r3, q3);
    p0 = fma(p0, r0, q2); p1 = fma(p1, r1, q2); p2 = fma(p2, r2, q2); p3 = fma(p3, r3, q2);
    p0 = fma(p0, r0, q1); p1 = fma(p1, r1, q1); p2 = fma(p2, r2, q1); p3 = fma(p3, r3, q1);
    p0 = fma(p0, r0, q0); p1 = fma(p1, r1, q0); p2 = fma(p2, r2, q0); p3 = fma(p3, r3, q0);
    v128.store(out, f32x4.mul(p0, i32x4.shl(t0, 23)), 0); v128.store(out, f32x4.mul(p1, i32x4.shl(t1, 23)), 16); v128.store(out, f32x4.mul(p2, i32x4.shl(t2, 23)), 32); v128.store(out, f32x4.mul(p3, i32x4.shl(t3, 23)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    let x = v128.load(a, 0);
    acc = f32x4.pmin(acc, x);
    x = f32x4.pmin(x, hi);
    const t = fma(x, log2e, magic);
    const n = f32x4.sub(t, magic);
    let r = f32x4.sub(x, f32x4.mul(n, ln2a));
    r = f32x4.sub(r, f32x4.mul(n, ln2b));
    let p = fma(q5, r, q4);
    p = fma(p, r, q3);
    p = fma(p, r, q2);
    p = fma(p, r, q1);
    p = fma(p, r, q0);
    v128.store(out, f32x4.mul(p, i32x4.shl(t, 23)), 0);
    a += 16; out += 16;
  }
  if (v128.any_true(f32x4.lt(acc, f32x4.splat(EXP_FAST_MIN)))) {
    a = a0; out = out0;
    while (out < end) {
      // Only the rare lanes take vexp: a lane's value must not depend on its neighbours (the
      // tangent kernel's blocks are smaller than the evaluator's), and vexp's polynomial differs.
      const x = v128.load(a), rare = f32x4.lt(x, f32x4.splat(EXP_FAST_MIN));
      if (v128.any_true(rare)) v128.store(out, v128.bitselect(vexp(x), v128.load(out), rare));
      a += 16; out += 16;
    }
  }
}

/**
 * out[i] = sin a[i]. The fast loop reduces x itself (t = x/π + 1.5·2^23; n·π exact for
 * |x| < 4096π); a block with any |x| > 8192 (or ±Inf) is redone with vsin.
 */
export function sinBlock(a: usize, out: usize, count: i32): void {
  const invPi = kf(K_INV_PI), magic = kf(K_MAGIC_SIGNED), pa = kf(K_PI_A), pb = kf(K_PI_B), pc = kf(K_PI_C);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9), absMask = ki(I_ABS);
  const end = out + (<usize>count << 2);
  const a0 = a, out0 = out;
  let acc = f32x4.splat(0);
  while (out + 96 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48), x4 = v128.load(a, 64), x5 = v128.load(a, 80);
    acc = f32x4.pmax(acc, v128.and(x0, absMask)); acc = f32x4.pmax(acc, v128.and(x1, absMask)); acc = f32x4.pmax(acc, v128.and(x2, absMask)); acc = f32x4.pmax(acc, v128.and(x3, absMask)); acc = f32x4.pmax(acc, v128.and(x4, absMask)); acc = f32x4.pmax(acc, v128.and(x5, absMask));
    const t0 = fma(x0, invPi, magic), t1 = fma(x1, invPi, magic), t2 = fma(x2, invPi, magic), t3 = fma(x3, invPi, magic), t4 = fma(x4, invPi, magic), t5 = fma(x5, invPi, magic);
    const n0 = f32x4.sub(t0, magic), n1 = f32x4.sub(t1, magic), n2 = f32x4.sub(t2, magic), n3 = f32x4.sub(t3, magic), n4 = f32x4.sub(t4, magic), n5 = f32x4.sub(t5, magic);
    let r0 = f32x4.sub(x0, f32x4.mul(n0, pa)), r1 = f32x4.sub(x1, f32x4.mul(n1, pa)), r2 = f32x4.sub(x2, f32x4.mul(n2, pa)), r3 = f32x4.sub(x3, f32x4.mul(n3, pa)), r4 = f32x4.sub(x4, f32x4.mul(n4, pa)), r5 = f32x4.sub(x5, f32x4.mul(n5, pa));
    r0 = f32x4.sub(r0, f32x4.mul(n0, pb)); r1 = f32x4.sub(r1, f32x4.mul(n1, pb)); r2 = f32x4.sub(r2, f32x4.mul(n2, pb)); r3 = f32x4.sub(r3, f32x4.mul(n3, pb)); r4 = f32x4.sub(r4, f32x4.mul(n4, pb)); r5 = f32x4.sub(r5, f32x4.mul(n5, pb));
    r0 = f32x4.sub(r0, f32x4.mul(n0, pc)); r1 = f32x4.sub(r1, f32x4.mul(n1, pc)); r2 = f32x4.sub(r2, f32x4.mul(n2, pc)); r3 = f32x4.sub(r3, f32x4.mul(n3, pc)); r4 = f32x4.sub(r4, f32x4.mul(n4, pc)); r5 = f32x4.sub(r5, f32x4.mul(n5, pc));
    const z0 = f32x4.mul(r0, r0), z1 = f32x4.mul(r1, r1), z2 = f32x4.mul(r2, r2), z3 = f32x4.mul(r3, r3), z4 = f32x4.mul(r4, r4), z5 = f32x4.mul(r5, r5);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7), p4 = fma(s9, z4, s7), p5 = fma(s9, z5, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5); p4 = fma(p4, z4, s5); p5 = fma(p5, z5, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3); p4 = fma(p4, z4, s3); p5 = fma(p5, z5, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1); p4 = fma(p4, z4, s1); p5 = fma(p5, z5, s1);
    p0 = f32x4.mul(p0, r0); p1 = f32x4.mul(p1, r1); p2 = f32x4.mul(p2, r2); p3 = f32x4.mul(p3, r3); p4 = f32x4.mul(p4, r4); p5 = f32x4.mul(p5, r5);
    v128.store(out, v128.xor(p0, i32x4.shl(t0, 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(t1, 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(t2, 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(t3, 31)), 48); v128.store(out, v128.xor(p4, i32x4.shl(t4, 31)), 64); v128.store(out, v128.xor(p5, i32x4.shl(t5, 31)), 80);
    a += 96; out += 96;
  }
  if (out + 64 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48);
    acc = f32x4.pmax(acc, v128.and(x0, absMask)); acc = f32x4.pmax(acc, v128.and(x1, absMask)); acc = f32x4.pmax(acc, v128.and(x2, absMask)); acc = f32x4.pmax(acc, v128.and(x3, absMask));
    const t0 = fma(x0, invPi, magic), t1 = fma(x1, invPi, magic), t2 = fma(x2, invPi, magic), t3 = fma(x3, invPi, magic);
    const n0 = f32x4.sub(t0, magic), n1 = f32x4.sub(t1, magic), n2 = f32x4.sub(t2, magic), n3 = f32x4.sub(t3, magic);
    let r0 = f32x4.sub(x0, f32x4.mul(n0, pa)), r1 = f32x4.sub(x1, f32x4.mul(n1, pa)), r2 = f32x4.sub(x2, f32x4.mul(n2, pa)), r3 = f32x4.sub(x3, f32x4.mul(n3, pa));
    r0 = f32x4.sub(r0, f32x4.mul(n0, pb)); r1 = f32x4.sub(r1, f32x4.mul(n1, pb)); r2 = f32x4.sub(r2, f32x4.mul(n2, pb)); r3 = f32x4.sub(r3, f32x4.mul(n3, pb));
    r0 = f32x4.sub(r0, f32x4.mul(n0, pc)); r1 = f32x4.sub(r1, f32x4.mul(n1, pc)); r2 = f32x4.sub(r2, f32x4.mul(n2, pc)); r3 = f32x4.sub(r3, f32x4.mul(n3, pc));
    const z0 = f32x4.mul(r0, r0), z1 = f32x4.mul(r1, r1), z2 = f32x4.mul(r2, r2), z3 = f32x4.mul(r3, r3);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1);
    p0 = f32x4.mul(p0, r0); p1 = f32x4.mul(p1, r1); p2 = f32x4.mul(p2, r2); p3 = f32x4.mul(p3, r3);
    v128.store(out, v128.xor(p0, i32x4.shl(t0, 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(t1, 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(t2, 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(t3, 31)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.load(a, 0);
    acc = f32x4.pmax(acc, v128.and(x, absMask));
    const t = fma(x, invPi, magic);
    const n = f32x4.sub(t, magic);
    let r = f32x4.sub(x, f32x4.mul(n, pa));
    r = f32x4.sub(r, f32x4.mul(n, pb));
    r = f32x4.sub(r, f32x4.mul(n, pc));
    const z = f32x4.mul(r, r);
    let p = fma(s9, z, s7);
    p = fma(p, z, s5);
    p = fma(p, z, s3);
    p = fma(p, z, s1);
    p = f32x4.mul(p, r);
    v128.store(out, v128.xor(p, i32x4.shl(t, 31)), 0);
    a += 16; out += 16;
  }
  if (v128.any_true(f32x4.gt(acc, f32x4.splat(TRIG_FAST_MAX)))) {
    a = a0; out = out0;
    while (out < end) {
      const x = v128.load(a);
      if (v128.any_true(f32x4.gt(v128.and(x, absMask), f32x4.splat(TRIG_FAST_MAX)))) v128.store(out, vsin(x));
      else v128.store(out, f32x4.pmax(f32x4.pmin(v128.load(out), kf(K_ONE)), f32x4.neg(kf(K_ONE))));
      a += 16; out += 16;
    }
  }
}

/** out[i] = cos a[i] (reduced as in vcos); a block with any |x| > 8192 (or ±Inf) is redone with vcos. */
export function cosBlock(a: usize, out: usize, count: i32): void {
  const invPi = kf(K_INV_PI), magic = kf(K_MAGIC_COS), half = kf(K_HALF);
  const pa = kf(K_PI_A), pb = kf(K_PI_B), pc = kf(K_PI_C);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9), absMask = ki(I_ABS);
  const end = out + (<usize>count << 2);
  const a0 = a, out0 = out;
  let acc = f32x4.splat(0);
  while (out + 112 <= end) {
    const x0 = v128.and(v128.load(a, 0), absMask), x1 = v128.and(v128.load(a, 16), absMask), x2 = v128.and(v128.load(a, 32), absMask), x3 = v128.and(v128.load(a, 48), absMask), x4 = v128.and(v128.load(a, 64), absMask), x5 = v128.and(v128.load(a, 80), absMask), x6 = v128.and(v128.load(a, 96), absMask);
    acc = f32x4.pmax(acc, x0); acc = f32x4.pmax(acc, x1); acc = f32x4.pmax(acc, x2); acc = f32x4.pmax(acc, x3); acc = f32x4.pmax(acc, x4); acc = f32x4.pmax(acc, x5); acc = f32x4.pmax(acc, x6);
    const t0 = f32x4.add(f32x4.sub(f32x4.mul(x0, invPi), half), magic), t1 = f32x4.add(f32x4.sub(f32x4.mul(x1, invPi), half), magic), t2 = f32x4.add(f32x4.sub(f32x4.mul(x2, invPi), half), magic), t3 = f32x4.add(f32x4.sub(f32x4.mul(x3, invPi), half), magic), t4 = f32x4.add(f32x4.sub(f32x4.mul(x4, invPi), half), magic), t5 = f32x4.add(f32x4.sub(f32x4.mul(x5, invPi), half), magic), t6 = f32x4.add(f32x4.sub(f32x4.mul(x6, invPi), half), magic);
    const h0 = f32x4.add(f32x4.sub(t0, magic), half), h1 = f32x4.add(f32x4.sub(t1, magic), half), h2 = f32x4.add(f32x4.sub(t2, magic), half), h3 = f32x4.add(f32x4.sub(t3, magic), half), h4 = f32x4.add(f32x4.sub(t4, magic), half), h5 = f32x4.add(f32x4.sub(t5, magic), half), h6 = f32x4.add(f32x4.sub(t6, magic), half);
    let r0 = f32x4.sub(x0, f32x4.mul(h0, pa)), r1 = f32x4.sub(x1, f32x4.mul(h1, pa)), r2 = f32x4.sub(x2, f32x4.mul(h2, pa)), r3 = f32x4.sub(x3, f32x4.mul(h3, pa)), r4 = f32x4.sub(x4, f32x4.mul(h4, pa)), r5 = f32x4.sub(x5, f32x4.mul(h5, pa)), r6 = f32x4.sub(x6, f32x4.mul(h6, pa));
    r0 = f32x4.sub(r0, f32x4.mul(h0, pb)); r1 = f32x4.sub(r1, f32x4.mul(h1, pb)); r2 = f32x4.sub(r2, f32x4.mul(h2, pb)); r3 = f32x4.sub(r3, f32x4.mul(h3, pb)); r4 = f32x4.sub(r4, f32x4.mul(h4, pb)); r5 = f32x4.sub(r5, f32x4.mul(h5, pb)); r6 = f32x4.sub(r6, f32x4.mul(h6, pb));
    r0 = f32x4.sub(r0, f32x4.mul(h0, pc)); r1 = f32x4.sub(r1, f32x4.mul(h1, pc)); r2 = f32x4.sub(r2, f32x4.mul(h2, pc)); r3 = f32x4.sub(r3, f32x4.mul(h3, pc)); r4 = f32x4.sub(r4, f32x4.mul(h4, pc)); r5 = f32x4.sub(r5, f32x4.mul(h5, pc)); r6 = f32x4.sub(r6, f32x4.mul(h6, pc));
    const z0 = f32x4.mul(r0, r0), z1 = f32x4.mul(r1, r1), z2 = f32x4.mul(r2, r2), z3 = f32x4.mul(r3, r3), z4 = f32x4.mul(r4, r4), z5 = f32x4.mul(r5, r5), z6 = f32x4.mul(r6, r6);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7), p4 = fma(s9, z4, s7), p5 = fma(s9, z5, s7), p6 = fma(s9, z6, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5); p4 = fma(p4, z4, s5); p5 = fma(p5, z5, s5); p6 = fma(p6, z6, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3); p4 = fma(p4, z4, s3); p5 = fma(p5, z5, s3); p6 = fma(p6, z6, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1); p4 = fma(p4, z4, s1); p5 = fma(p5, z5, s1); p6 = fma(p6, z6, s1);
    p0 = f32x4.mul(p0, r0); p1 = f32x4.mul(p1, r1); p2 = f32x4.mul(p2, r2); p3 = f32x4.mul(p3, r3); p4 = f32x4.mul(p4, r4); p5 = f32x4.mul(p5, r5); p6 = f32x4.mul(p6, r6);
    v128.store(out, v128.xor(p0, i32x4.shl(t0, 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(t1, 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(t2, 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(t3, 31)), 48); v128.store(out, v128.xor(p4, i32x4.shl(t4, 31)), 64); v128.store(out, v128.xor(p5, i32x4.shl(t5, 31)), 80); v128.store(out, v128.xor(p6, i32x4.shl(t6, 31)), 96);
    a += 112; out += 112;
  }
  if (out + 64 <= end) {
    const x0 = v128.and(v128.load(a, 0), absMask), x1 = v128.and(v128.load(a, 16), absMask), x2 = v128.and(v128.load(a, 32), absMask), x3 = v128.and(v128.load(a, 48), absMask);
    acc = f32x4.pmax(acc, x0); acc = f32x4.pmax(acc, x1); acc = f32x4.pmax(acc, x2); acc = f32x4.pmax(acc, x3);
    const t0 = f32x4.add(f32x4.sub(f32x4.mul(x0, invPi), half), magic), t1 = f32x4.add(f32x4.sub(f32x4.mul(x1, invPi), half), magic), t2 = f32x4.add(f32x4.sub(f32x4.mul(x2, invPi), half), magic), t3 = f32x4.add(f32x4.sub(f32x4.mul(x3, invPi), half), magic);
    const h0 = f32x4.add(f32x4.sub(t0, magic), half), h1 = f32x4.add(f32x4.sub(t1, magic), half), h2 = f32x4.add(f32x4.sub(t2, magic), half), h3 = f32x4.add(f32x4.sub(t3, magic), half);
    let r0 = f32x4.sub(x0, f32x4.mul(h0, pa)), r1 = f32x4.sub(x1, f32x4.mul(h1, pa)), r2 = f32x4.sub(x2, f32x4.mul(h2, pa)), r3 = f32x4.sub(x3, f32x4.mul(h3, pa));
    r0 = f32x4.sub(r0, f32x4.mul(h0, pb)); r1 = f32x4.sub(r1, f32x4.mul(h1, pb)); r2 = f32x4.sub(r2, f32x4.mul(h2, pb)); r3 = f32x4.sub(r3, f32x4.mul(h3, pb));
    r0 = f32x4.sub(r0, f32x4.mul(h0, pc)); r1 = f32x4.sub(r1, f32x4.mul(h1, pc)); r2 = f32x4.sub(r2, f32x4.mul(h2, pc)); r3 = f32x4.sub(r3, f32x4.mul(h3, pc));
    const z0 = f32x4.mul(r0, r0), z1 = f32x4.mul(r1, r1), z2 = f32x4.mul(r2, r2), z3 = f32x4.mul(r3, r3);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1);
    p0 = f32x4.mul(p0, r0); p1 = f32x4.mul(p1, r1); p2 = f32x4.mul(p2, r2); p3 = f32x4.mul(p3, r3);
    v128.store(out, v128.xor(p0, i32x4.shl(t0, 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(t1, 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(t2, 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(t3, 31)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.and(v128.load(a, 0), absMask);
    acc = f32x4.pmax(acc, x);
    const t = f32x4.add(f32x4.sub(f32x4.mul(x, invPi), half), magic);
    const h = f32x4.add(f32x4.sub(t, magic), half);
    let r = f32x4.sub(x, f32x4.mul(h, pa));
    r = f32x4.sub(r, f32x4.mul(h, pb));
    r = f32x4.sub(r, f32x4.mul(h, pc));
    const z = f32x4.mul(r, r);
    let p = fma(s9, z, s7);
    p = fma(p, z, s5);
    p = fma(p, z, s3);
    p = fma(p, z, s1);
    p = f32x4.mul(p, r);
    v128.store(out, v128.xor(p, i32x4.shl(t, 31)), 0);
    a += 16; out += 16;
  }
  if (v128.any_true(f32x4.gt(acc, f32x4.splat(TRIG_FAST_MAX)))) {
    a = a0; out = out0;
    while (out < end) {
      const x = v128.load(a);
      if (v128.any_true(f32x4.gt(v128.and(x, absMask), f32x4.splat(TRIG_FAST_MAX)))) v128.store(out, vcos(x));
      else v128.store(out, f32x4.pmax(f32x4.pmin(v128.load(out), kf(K_ONE)), f32x4.neg(kf(K_ONE))));
      a += 16; out += 16;
    }
  }
}

/**
 * out[i] = ln a[i] (logBlockPlain) or ln |a[i]| (logBlockAbs). The fast loop: x = 2^e·m, m in
 * [2/3, 4/3), s = (m − 1)/(m + 1), ln m = s·P(s²) (one division; P of degree 2, rel. 3.0e-7);
 * x < 0 (and +0) → NaN, +Inf → +Inf, NaN → NaN. In a block with any |x| < 2^−126 (±0,
 * subnormals), those lanes are redone with vlog. Two functions, not one with a flag: Binaryen
 * merged the two inlined copies of a flagged version back into one loop with a branch per lane.
 */
function logBlockPlain(a: usize, out: usize, count: i32): void {
  const off = ki(I_LOG_OFF), one = kf(K_ONE), ln2 = kf(K_LN2);
  const c0 = kf(K_LT0), c1 = kf(K_LT1), c2 = kf(K_LT2);
  const fltMax = kf(K_FLT_MAX), oneI = ki(I_ONE), absMask = ki(I_ABS);
  const end = out + (<usize>count << 2);
  const a0 = a, out0 = out;
  let acc = kf(K_FLT_MAX);
  while (out + 96 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48), x4 = v128.load(a, 64), x5 = v128.load(a, 80);
    acc = f32x4.pmin(acc, v128.and(x0, absMask)); acc = f32x4.pmin(acc, v128.and(x1, absMask)); acc = f32x4.pmin(acc, v128.and(x2, absMask)); acc = f32x4.pmin(acc, v128.and(x3, absMask)); acc = f32x4.pmin(acc, v128.and(x4, absMask)); acc = f32x4.pmin(acc, v128.and(x5, absMask));
    const e0 = i32x4.shr_s(i32x4.sub(x0, off), 23), e1 = i32x4.shr_s(i32x4.sub(x1, off), 23), e2 = i32x4.shr_s(i32x4.sub(x2, off), 23), e3 = i32x4.shr_s(i32x4.sub(x3, off), 23), e4 = i32x4.shr_s(i32x4.sub(x4, off), 23), e5 = i32x4.shr_s(i32x4.sub(x5, off), 23);
    const m0 = i32x4.sub(x0, i32x4.shl(e0, 23)), m1 = i32x4.sub(x1, i32x4.shl(e1, 23)), m2 = i32x4.sub(x2, i32x4.shl(e2, 23)), m3 = i32x4.sub(x3, i32x4.shl(e3, 23)), m4 = i32x4.sub(x4, i32x4.shl(e4, 23)), m5 = i32x4.sub(x5, i32x4.shl(e5, 23));
    const s0 = f32x4.div(f32x4.sub(m0, one), f32x4.add(m0, one)), s1 = f32x4.div(f32x4.sub(m1, one), f32x4.add(m1, one)), s2 = f32x4.div(f32x4.sub(m2, one), f32x4.add(m2, one)), s3 = f32x4.div(f32x4.sub(m3, one), f32x4.add(m3, one)), s4 = f32x4.div(f32x4.sub(m4, one), f32x4.add(m4, one)), s5 = f32x4.div(f32x4.sub(m5, one), f32x4.add(m5, one));
    const z0 = f32x4.mul(s0, s0), z1 = f32x4.mul(s1, s1), z2 = f32x4.mul(s2, s2), z3 = f32x4.mul(s3, s3), z4 = f32x4.mul(s4, s4), z5 = f32x4.mul(s5, s5);
    let p0 = fma(c2, z0, c1), p1 = fma(c2, z1, c1), p2 = fma(c2, z2, c1), p3 = fma(c2, z3, c1), p4 = fma(c2, z4, c1), p5 = fma(c2, z5, c1);
    p0 = fma(p0, z0, c0); p1 = fma(p1, z1, c0); p2 = fma(p2, z2, c0); p3 = fma(p3, z3, c0); p4 = fma(p4, z4, c0); p5 = fma(p5, z5, c0);
    let r0 = fma(p0, s0, f32x4.mul(f32x4.convert_i32x4_s(e0), ln2)), r1 = fma(p1, s1, f32x4.mul(f32x4.convert_i32x4_s(e1), ln2)), r2 = fma(p2, s2, f32x4.mul(f32x4.convert_i32x4_s(e2), ln2)), r3 = fma(p3, s3, f32x4.mul(f32x4.convert_i32x4_s(e3), ln2)), r4 = fma(p4, s4, f32x4.mul(f32x4.convert_i32x4_s(e4), ln2)), r5 = fma(p5, s5, f32x4.mul(f32x4.convert_i32x4_s(e5), ln2));
    r0 = f32x4.pmax(f32x4.sub(x0, fltMax), r0); r1 = f32x4.pmax(f32x4.sub(x1, fltMax), r1); r2 = f32x4.pmax(f32x4.sub(x2, fltMax), r2); r3 = f32x4.pmax(f32x4.sub(x3, fltMax), r3); r4 = f32x4.pmax(f32x4.sub(x4, fltMax), r4); r5 = f32x4.pmax(f32x4.sub(x5, fltMax), r5);
    v128.store(out, v128.or(r0, i32x4.lt_s(x0, oneI)), 0); v128.store(out, v128.or(r1, i32x4.lt_s(x1, oneI)), 16); v128.store(out, v128.or(r2, i32x4.lt_s(x2, oneI)), 32); v128.store(out, v128.or(r3, i32x4.lt_s(x3, oneI)), 48); v128.store(out, v128.or(r4, i32x4.lt_s(x4, oneI)), 64); v128.store(out, v128.or(r5, i32x4.lt_s(x5, oneI)), 80);
    a += 96; out += 96;
  }
  if (out + 64 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48);
    acc = f32x4.pmin(acc, v128.and(x0, absMask)); acc = f32x4.pmin(acc, v128.and(x1, absMask)); acc = f32x4.pmin(acc, v128.and(x2, absMask)); acc = f32x4.pmin(acc, v128.and(x3, absMask));
    const e0 = i32x4.shr_s(i32x4.sub(x0, off), 23), e1 = i32x4.shr_s(i32x4.sub(x1, off), 23), e2 = i32x4.shr_s(i32x4.sub(x2, off), 23), e3 = i32x4.shr_s(i32x4.sub(x3, off), 23);
    const m0 = i32x4.sub(x0, i32x4.shl(e0, 23)), m1 = i32x4.sub(x1, i32x4.shl(e1, 23)), m2 = i32x4.sub(x2, i32x4.shl(e2, 23)), m3 = i32x4.sub(x3, i32x4.shl(e3, 23));
    const s0 = f32x4.div(f32x4.sub(m0, one), f32x4.add(m0, one)), s1 = f32x4.div(f32x4.sub(m1, one), f32x4.add(m1, one)), s2 = f32x4.div(f32x4.sub(m2, one), f32x4.add(m2, one)), s3 = f32x4.div(f32x4.sub(m3, one), f32x4.add(m3, one));
    const z0 = f32x4.mul(s0, s0), z1 = f32x4.mul(s1, s1), z2 = f32x4.mul(s2, s2), z3 = f32x4.mul(s3, s3);
    let p0 = fma(c2, z0, c1), p1 = fma(c2, z1, c1), p2 = fma(c2, z2, c1), p3 = fma(c2, z3, c1);
    p0 = fma(p0, z0, c0); p1 = fma(p1, z1, c0); p2 = fma(p2, z2, c0); p3 = fma(p3, z3, c0);
    let r0 = fma(p0, s0, f32x4.mul(f32x4.convert_i32x4_s(e0), ln2)), r1 = fma(p1, s1, f32x4.mul(f32x4.convert_i32x4_s(e1), ln2)), r2 = fma(p2, s2, f32x4.mul(f32x4.convert_i32x4_s(e2), ln2)), r3 = fma(p3, s3, f32x4.mul(f32x4.convert_i32x4_s(e3), ln2));
    r0 = f32x4.pmax(f32x4.sub(x0, fltMax), r0); r1 = f32x4.pmax(f32x4.sub(x1, fltMax), r1); r2 = f32x4.pmax(f32x4.sub(x2, fltMax), r2); r3 = f32x4.pmax(f32x4.sub(x3, fltMax), r3);
    v128.store(out, v128.or(r0, i32x4.lt_s(x0, oneI)), 0); v128.store(out, v128.or(r1, i32x4.lt_s(x1, oneI)), 16); v128.store(out, v128.or(r2, i32x4.lt_s(x2, oneI)), 32); v128.store(out, v128.or(r3, i32x4.lt_s(x3, oneI)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.load(a, 0);
    acc = f32x4.pmin(acc, v128.and(x, absMask));
    const e = i32x4.shr_s(i32x4.sub(x, off), 23);
    const m = i32x4.sub(x, i32x4.shl(e, 23));
    const s = f32x4.div(f32x4.sub(m, one), f32x4.add(m, one));
    const z = f32x4.mul(s, s);
    let p = fma(c2, z, c1);
    p = fma(p, z, c0);
    let r = fma(p, s, f32x4.mul(f32x4.convert_i32x4_s(e), ln2));
    r = f32x4.pmax(f32x4.sub(x, fltMax), r);
    v128.store(out, v128.or(r, i32x4.lt_s(x, oneI)), 0);
    a += 16; out += 16;
  }
  if (v128.any_true(f32x4.lt(acc, v128.load32_splat(KI + (<usize>I_MIN_NORMAL << 2))))) {
    a = a0; out = out0;
    while (out < end) {
      // Only the rare lanes take vlog (as in expBlock).
      const x = v128.load(a);
      const rare = f32x4.lt(v128.and(x, absMask), v128.load32_splat(KI + (<usize>I_MIN_NORMAL << 2)));
      if (v128.any_true(rare)) v128.store(out, v128.bitselect(vlog(x), v128.load(out), rare));
      a += 16; out += 16;
    }
  }
}

/** logBlockPlain of |a[i]| (protected ln). */
function logBlockAbs(a: usize, out: usize, count: i32): void {
  const off = ki(I_LOG_OFF), one = kf(K_ONE), ln2 = kf(K_LN2);
  const c0 = kf(K_LT0), c1 = kf(K_LT1), c2 = kf(K_LT2);
  const fltMax = kf(K_FLT_MAX), oneI = ki(I_ONE), absMask = ki(I_ABS);
  const end = out + (<usize>count << 2);
  const a0 = a, out0 = out;
  let acc = kf(K_FLT_MAX);
  while (out + 96 <= end) {
    const x0 = v128.and(v128.load(a, 0), absMask), x1 = v128.and(v128.load(a, 16), absMask), x2 = v128.and(v128.load(a, 32), absMask), x3 = v128.and(v128.load(a, 48), absMask), x4 = v128.and(v128.load(a, 64), absMask), x5 = v128.and(v128.load(a, 80), absMask);
    acc = f32x4.pmin(acc, x0); acc = f32x4.pmin(acc, x1); acc = f32x4.pmin(acc, x2); acc = f32x4.pmin(acc, x3); acc = f32x4.pmin(acc, x4); acc = f32x4.pmin(acc, x5);
    const e0 = i32x4.shr_s(i32x4.sub(x0, off), 23), e1 = i32x4.shr_s(i32x4.sub(x1, off), 23), e2 = i32x4.shr_s(i32x4.sub(x2, off), 23), e3 = i32x4.shr_s(i32x4.sub(x3, off), 23), e4 = i32x4.shr_s(i32x4.sub(x4, off), 23), e5 = i32x4.shr_s(i32x4.sub(x5, off), 23);
    const m0 = i32x4.sub(x0, i32x4.shl(e0, 23)), m1 = i32x4.sub(x1, i32x4.shl(e1, 23)), m2 = i32x4.sub(x2, i32x4.shl(e2, 23)), m3 = i32x4.sub(x3, i32x4.shl(e3, 23)), m4 = i32x4.sub(x4, i32x4.shl(e4, 23)), m5 = i32x4.sub(x5, i32x4.shl(e5, 23));
    const s0 = f32x4.div(f32x4.sub(m0, one), f32x4.add(m0, one)), s1 = f32x4.div(f32x4.sub(m1, one), f32x4.add(m1, one)), s2 = f32x4.div(f32x4.sub(m2, one), f32x4.add(m2, one)), s3 = f32x4.div(f32x4.sub(m3, one), f32x4.add(m3, one)), s4 = f32x4.div(f32x4.sub(m4, one), f32x4.add(m4, one)), s5 = f32x4.div(f32x4.sub(m5, one), f32x4.add(m5, one));
    const z0 = f32x4.mul(s0, s0), z1 = f32x4.mul(s1, s1), z2 = f32x4.mul(s2, s2), z3 = f32x4.mul(s3, s3), z4 = f32x4.mul(s4, s4), z5 = f32x4.mul(s5, s5);
    let p0 = fma(c2, z0, c1), p1 = fma(c2, z1, c1), p2 = fma(c2, z2, c1), p3 = fma(c2, z3, c1), p4 = fma(c2, z4, c1), p5 = fma(c2, z5, c1);
    p0 = fma(p0, z0, c0); p1 = fma(p1, z1, c0); p2 = fma(p2, z2, c0); p3 = fma(p3, z3, c0); p4 = fma(p4, z4, c0); p5 = fma(p5, z5, c0);
    let r0 = fma(p0, s0, f32x4.mul(f32x4.convert_i32x4_s(e0), ln2)), r1 = fma(p1, s1, f32x4.mul(f32x4.convert_i32x4_s(e1), ln2)), r2 = fma(p2, s2, f32x4.mul(f32x4.convert_i32x4_s(e2), ln2)), r3 = fma(p3, s3, f32x4.mul(f32x4.convert_i32x4_s(e3), ln2)), r4 = fma(p4, s4, f32x4.mul(f32x4.convert_i32x4_s(e4), ln2)), r5 = fma(p5, s5, f32x4.mul(f32x4.convert_i32x4_s(e5), ln2));
    r0 = f32x4.pmax(f32x4.sub(x0, fltMax), r0); r1 = f32x4.pmax(f32x4.sub(x1, fltMax), r1); r2 = f32x4.pmax(f32x4.sub(x2, fltMax), r2); r3 = f32x4.pmax(f32x4.sub(x3, fltMax), r3); r4 = f32x4.pmax(f32x4.sub(x4, fltMax), r4); r5 = f32x4.pmax(f32x4.sub(x5, fltMax), r5);
    v128.store(out, v128.or(r0, i32x4.lt_s(x0, oneI)), 0); v128.store(out, v128.or(r1, i32x4.lt_s(x1, oneI)), 16); v128.store(out, v128.or(r2, i32x4.lt_s(x2, oneI)), 32); v128.store(out, v128.or(r3, i32x4.lt_s(x3, oneI)), 48); v128.store(out, v128.or(r4, i32x4.lt_s(x4, oneI)), 64); v128.store(out, v128.or(r5, i32x4.lt_s(x5, oneI)), 80);
    a += 96; out += 96;
  }
  if (out + 64 <= end) {
    const x0 = v128.and(v128.load(a, 0), absMask), x1 = v128.and(v128.load(a, 16), absMask), x2 = v128.and(v128.load(a, 32), absMask), x3 = v128.and(v128.load(a, 48), absMask);
    acc = f32x4.pmin(acc, x0); acc = f32x4.pmin(acc, x1); acc = f32x4.pmin(acc, x2); acc = f32x4.pmin(acc, x3);
    const e0 = i32x4.shr_s(i32x4.sub(x0, off), 23), e1 = i32x4.shr_s(i32x4.sub(x1, off), 23), e2 = i32x4.shr_s(i32x4.sub(x2, off), 23), e3 = i32x4.shr_s(i32x4.sub(x3, off), 23);
    const m0 = i32x4.sub(x0, i32x4.shl(e0, 23)), m1 = i32x4.sub(x1, i32x4.shl(e1, 23)), m2 = i32x4.sub(x2, i32x4.shl(e2, 23)), m3 = i32x4.sub(x3, i32x4.shl(e3, 23));
    const s0 = f32x4.div(f32x4.sub(m0, one), f32x4.add(m0, one)), s1 = f32x4.div(f32x4.sub(m1, one), f32x4.add(m1, one)), s2 = f32x4.div(f32x4.sub(m2, one), f32x4.add(m2, one)), s3 = f32x4.div(f32x4.sub(m3, one), f32x4.add(m3, one));
    const z0 = f32x4.mul(s0, s0), z1 = f32x4.mul(s1, s1), z2 = f32x4.mul(s2, s2), z3 = f32x4.mul(s3, s3);
    let p0 = fma(c2, z0, c1), p1 = fma(c2, z1, c1), p2 = fma(c2, z2, c1), p3 = fma(c2, z3, c1);
    p0 = fma(p0, z0, c0); p1 = fma(p1, z1, c0); p2 = fma(p2, z2, c0); p3 = fma(p3, z3, c0);
    let r0 = fma(p0, s0, f32x4.mul(f32x4.convert_i32x4_s(e0), ln2)), r1 = fma(p1, s1, f32x4.mul(f32x4.convert_i32x4_s(e1), ln2)), r2 = fma(p2, s2, f32x4.mul(f32x4.convert_i32x4_s(e2), ln2)), r3 = fma(p3, s3, f32x4.mul(f32x4.convert_i32x4_s(e3), ln2));
    r0 = f32x4.pmax(f32x4.sub(x0, fltMax), r0); r1 = f32x4.pmax(f32x4.sub(x1, fltMax), r1); r2 = f32x4.pmax(f32x4.sub(x2, fltMax), r2); r3 = f32x4.pmax(f32x4.sub(x3, fltMax), r3);
    v128.store(out, v128.or(r0, i32x4.lt_s(x0, oneI)), 0); v128.store(out, v128.or(r1, i32x4.lt_s(x1, oneI)), 16); v128.store(out, v128.or(r2, i32x4.lt_s(x2, oneI)), 32); v128.store(out, v128.or(r3, i32x4.lt_s(x3, oneI)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.and(v128.load(a, 0), absMask);
    acc = f32x4.pmin(acc, x);
    const e = i32x4.shr_s(i32x4.sub(x, off), 23);
    const m = i32x4.sub(x, i32x4.shl(e, 23));
    const s = f32x4.div(f32x4.sub(m, one), f32x4.add(m, one));
    const z = f32x4.mul(s, s);
    let p = fma(c2, z, c1);
    p = fma(p, z, c0);
    let r = fma(p, s, f32x4.mul(f32x4.convert_i32x4_s(e), ln2));
    r = f32x4.pmax(f32x4.sub(x, fltMax), r);
    v128.store(out, v128.or(r, i32x4.lt_s(x, oneI)), 0);
    a += 16; out += 16;
  }
  if (v128.any_true(f32x4.lt(acc, v128.load32_splat(KI + (<usize>I_MIN_NORMAL << 2))))) {
    a = a0; out = out0;
    while (out < end) {
      // Only the rare lanes take vlog (as in expBlock).
      const x = v128.and(v128.load(a), absMask);
      const rare = f32x4.lt(v128.and(x, absMask), v128.load32_splat(KI + (<usize>I_MIN_NORMAL << 2)));
      if (v128.any_true(rare)) v128.store(out, v128.bitselect(vlog(x), v128.load(out), rare));
      a += 16; out += 16;
    }
  }
}

export function logBlock(a: usize, out: usize, count: i32, absFirst: bool): void {
  if (absFirst) logBlockAbs(a, out, count);
  else logBlockPlain(a, out, count);
}


// Kernels for inputs in [−1 − 2^−23, 1 + 2^−23] or NaN: the values of a sin or cos node, which
// the evaluator (evaluate.ts) gives them when a sin, cos or exp node reads one. They return the
// general kernels' bits, NaN payloads included, without the steps that cannot change anything
// there. sin: n = round(x/π) = 0, so r = x exactly, and no rare lanes. cos: h = ½ (or −½ where
// |x| ≤ 4.7e-8, which π/2 absorbs: the same value, mirrored), so r = |x| − π/2 in three exact
// steps. The sign's source t is then the magic number, or x itself for a NaN: pmax(x, magic)
// gives both. exp: no overflow clamp, no underflow lanes.

/** sinBlock for a block of sin or cos values (|x| ≤ 1 + 2^−23, or NaN): same bits, no reduction. */
export function sinBlockUnit(a: usize, out: usize, count: i32): void {
  const magic = kf(K_MAGIC_SIGNED);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9);
  const end = out + (<usize>count << 2);
  while (out + 128 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48), x4 = v128.load(a, 64), x5 = v128.load(a, 80), x6 = v128.load(a, 96), x7 = v128.load(a, 112);
    const z0 = f32x4.mul(x0, x0), z1 = f32x4.mul(x1, x1), z2 = f32x4.mul(x2, x2), z3 = f32x4.mul(x3, x3), z4 = f32x4.mul(x4, x4), z5 = f32x4.mul(x5, x5), z6 = f32x4.mul(x6, x6), z7 = f32x4.mul(x7, x7);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7), p4 = fma(s9, z4, s7), p5 = fma(s9, z5, s7), p6 = fma(s9, z6, s7), p7 = fma(s9, z7, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5); p4 = fma(p4, z4, s5); p5 = fma(p5, z5, s5); p6 = fma(p6, z6, s5); p7 = fma(p7, z7, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3); p4 = fma(p4, z4, s3); p5 = fma(p5, z5, s3); p6 = fma(p6, z6, s3); p7 = fma(p7, z7, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1); p4 = fma(p4, z4, s1); p5 = fma(p5, z5, s1); p6 = fma(p6, z6, s1); p7 = fma(p7, z7, s1);
    p0 = f32x4.mul(p0, x0); p1 = f32x4.mul(p1, x1); p2 = f32x4.mul(p2, x2); p3 = f32x4.mul(p3, x3); p4 = f32x4.mul(p4, x4); p5 = f32x4.mul(p5, x5); p6 = f32x4.mul(p6, x6); p7 = f32x4.mul(p7, x7);
    v128.store(out, v128.xor(p0, i32x4.shl(f32x4.pmax(x0, magic), 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(f32x4.pmax(x1, magic), 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(f32x4.pmax(x2, magic), 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(f32x4.pmax(x3, magic), 31)), 48); v128.store(out, v128.xor(p4, i32x4.shl(f32x4.pmax(x4, magic), 31)), 64); v128.store(out, v128.xor(p5, i32x4.shl(f32x4.pmax(x5, magic), 31)), 80); v128.store(out, v128.xor(p6, i32x4.shl(f32x4.pmax(x6, magic), 31)), 96); v128.store(out, v128.xor(p7, i32x4.shl(f32x4.pmax(x7, magic), 31)), 112);
    a += 128; out += 128;
  }
  if (out + 64 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48);
    const z0 = f32x4.mul(x0, x0), z1 = f32x4.mul(x1, x1), z2 = f32x4.mul(x2, x2), z3 = f32x4.mul(x3, x3);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1);
    p0 = f32x4.mul(p0, x0); p1 = f32x4.mul(p1, x1); p2 = f32x4.mul(p2, x2); p3 = f32x4.mul(p3, x3);
    v128.store(out, v128.xor(p0, i32x4.shl(f32x4.pmax(x0, magic), 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(f32x4.pmax(x1, magic), 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(f32x4.pmax(x2, magic), 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(f32x4.pmax(x3, magic), 31)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.load(a, 0);
    const z = f32x4.mul(x, x);
    let p = fma(s9, z, s7);
    p = fma(p, z, s5);
    p = fma(p, z, s3);
    p = fma(p, z, s1);
    p = f32x4.mul(p, x);
    v128.store(out, v128.xor(p, i32x4.shl(f32x4.pmax(x, magic), 31)), 0);
    a += 16; out += 16;
  }
}

/** cosBlock for a block of sin or cos values (|x| ≤ 1 + 2^−23, or NaN): same bits, h = ½ fixed. */
export function cosBlockUnit(a: usize, out: usize, count: i32): void {
  const half = kf(K_HALF), magic = kf(K_MAGIC_COS), absMask = ki(I_ABS);
  // h·π's three parts for h = ½ (exact halves)
  const hpa = f32x4.mul(kf(K_PI_A), half), hpb = f32x4.mul(kf(K_PI_B), half), hpc = f32x4.mul(kf(K_PI_C), half);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9);
  const end = out + (<usize>count << 2);
  while (out + 96 <= end) {
    const x0 = v128.and(v128.load(a, 0), absMask), x1 = v128.and(v128.load(a, 16), absMask), x2 = v128.and(v128.load(a, 32), absMask), x3 = v128.and(v128.load(a, 48), absMask), x4 = v128.and(v128.load(a, 64), absMask), x5 = v128.and(v128.load(a, 80), absMask);
    let r0 = f32x4.sub(x0, hpa), r1 = f32x4.sub(x1, hpa), r2 = f32x4.sub(x2, hpa), r3 = f32x4.sub(x3, hpa), r4 = f32x4.sub(x4, hpa), r5 = f32x4.sub(x5, hpa);
    r0 = f32x4.sub(r0, hpb); r1 = f32x4.sub(r1, hpb); r2 = f32x4.sub(r2, hpb); r3 = f32x4.sub(r3, hpb); r4 = f32x4.sub(r4, hpb); r5 = f32x4.sub(r5, hpb);
    r0 = f32x4.sub(r0, hpc); r1 = f32x4.sub(r1, hpc); r2 = f32x4.sub(r2, hpc); r3 = f32x4.sub(r3, hpc); r4 = f32x4.sub(r4, hpc); r5 = f32x4.sub(r5, hpc);
    const z0 = f32x4.mul(r0, r0), z1 = f32x4.mul(r1, r1), z2 = f32x4.mul(r2, r2), z3 = f32x4.mul(r3, r3), z4 = f32x4.mul(r4, r4), z5 = f32x4.mul(r5, r5);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7), p4 = fma(s9, z4, s7), p5 = fma(s9, z5, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5); p4 = fma(p4, z4, s5); p5 = fma(p5, z5, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3); p4 = fma(p4, z4, s3); p5 = fma(p5, z5, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1); p4 = fma(p4, z4, s1); p5 = fma(p5, z5, s1);
    p0 = f32x4.mul(p0, r0); p1 = f32x4.mul(p1, r1); p2 = f32x4.mul(p2, r2); p3 = f32x4.mul(p3, r3); p4 = f32x4.mul(p4, r4); p5 = f32x4.mul(p5, r5);
    v128.store(out, v128.xor(p0, i32x4.shl(f32x4.pmax(x0, magic), 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(f32x4.pmax(x1, magic), 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(f32x4.pmax(x2, magic), 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(f32x4.pmax(x3, magic), 31)), 48); v128.store(out, v128.xor(p4, i32x4.shl(f32x4.pmax(x4, magic), 31)), 64); v128.store(out, v128.xor(p5, i32x4.shl(f32x4.pmax(x5, magic), 31)), 80);
    a += 96; out += 96;
  }
  if (out + 64 <= end) {
    const x0 = v128.and(v128.load(a, 0), absMask), x1 = v128.and(v128.load(a, 16), absMask), x2 = v128.and(v128.load(a, 32), absMask), x3 = v128.and(v128.load(a, 48), absMask);
    let r0 = f32x4.sub(x0, hpa), r1 = f32x4.sub(x1, hpa), r2 = f32x4.sub(x2, hpa), r3 = f32x4.sub(x3, hpa);
    r0 = f32x4.sub(r0, hpb); r1 = f32x4.sub(r1, hpb); r2 = f32x4.sub(r2, hpb); r3 = f32x4.sub(r3, hpb);
    r0 = f32x4.sub(r0, hpc); r1 = f32x4.sub(r1, hpc); r2 = f32x4.sub(r2, hpc); r3 = f32x4.sub(r3, hpc);
    const z0 = f32x4.mul(r0, r0), z1 = f32x4.mul(r1, r1), z2 = f32x4.mul(r2, r2), z3 = f32x4.mul(r3, r3);
    let p0 = fma(s9, z0, s7), p1 = fma(s9, z1, s7), p2 = fma(s9, z2, s7), p3 = fma(s9, z3, s7);
    p0 = fma(p0, z0, s5); p1 = fma(p1, z1, s5); p2 = fma(p2, z2, s5); p3 = fma(p3, z3, s5);
    p0 = fma(p0, z0, s3); p1 = fma(p1, z1, s3); p2 = fma(p2, z2, s3); p3 = fma(p3, z3, s3);
    p0 = fma(p0, z0, s1); p1 = fma(p1, z1, s1); p2 = fma(p2, z2, s1); p3 = fma(p3, z3, s1);
    p0 = f32x4.mul(p0, r0); p1 = f32x4.mul(p1, r1); p2 = f32x4.mul(p2, r2); p3 = f32x4.mul(p3, r3);
    v128.store(out, v128.xor(p0, i32x4.shl(f32x4.pmax(x0, magic), 31)), 0); v128.store(out, v128.xor(p1, i32x4.shl(f32x4.pmax(x1, magic), 31)), 16); v128.store(out, v128.xor(p2, i32x4.shl(f32x4.pmax(x2, magic), 31)), 32); v128.store(out, v128.xor(p3, i32x4.shl(f32x4.pmax(x3, magic), 31)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.and(v128.load(a, 0), absMask);
    let r = f32x4.sub(x, hpa);
    r = f32x4.sub(r, hpb);
    r = f32x4.sub(r, hpc);
    const z = f32x4.mul(r, r);
    let p = fma(s9, z, s7);
    p = fma(p, z, s5);
    p = fma(p, z, s3);
    p = fma(p, z, s1);
    p = f32x4.mul(p, r);
    v128.store(out, v128.xor(p, i32x4.shl(f32x4.pmax(x, magic), 31)), 0);
    a += 16; out += 16;
  }
}

/** expBlock for a block of sin or cos values (|x| ≤ 1 + 2^−23, or NaN): same bits, no clamp, no rare lanes. */
export function expBlockUnit(a: usize, out: usize, count: i32): void {
  const log2e = kf(K_LOG2E), magic = kf(K_EXP_MAGIC);
  const ln2a = kf(K_LN2_A), ln2b = kf(K_LN2_B);
  const q0 = kf(K_Q0), q1 = kf(K_Q1), q2 = kf(K_Q2), q3 = kf(K_Q3), q4 = kf(K_Q4), q5 = kf(K_Q5);
  const end = out + (<usize>count << 2);
  while (out + 128 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48), x4 = v128.load(a, 64), x5 = v128.load(a, 80), x6 = v128.load(a, 96), x7 = v128.load(a, 112);
    const t0 = fma(x0, log2e, magic), t1 = fma(x1, log2e, magic), t2 = fma(x2, log2e, magic), t3 = fma(x3, log2e, magic), t4 = fma(x4, log2e, magic), t5 = fma(x5, log2e, magic), t6 = fma(x6, log2e, magic), t7 = fma(x7, log2e, magic);
    const n0 = f32x4.sub(t0, magic), n1 = f32x4.sub(t1, magic), n2 = f32x4.sub(t2, magic), n3 = f32x4.sub(t3, magic), n4 = f32x4.sub(t4, magic), n5 = f32x4.sub(t5, magic), n6 = f32x4.sub(t6, magic), n7 = f32x4.sub(t7, magic);
    let r0 = f32x4.sub(x0, f32x4.mul(n0, ln2a)), r1 = f32x4.sub(x1, f32x4.mul(n1, ln2a)), r2 = f32x4.sub(x2, f32x4.mul(n2, ln2a)), r3 = f32x4.sub(x3, f32x4.mul(n3, ln2a)), r4 = f32x4.sub(x4, f32x4.mul(n4, ln2a)), r5 = f32x4.sub(x5, f32x4.mul(n5, ln2a)), r6 = f32x4.sub(x6, f32x4.mul(n6, ln2a)), r7 = f32x4.sub(x7, f32x4.mul(n7, ln2a));
    r0 = f32x4.sub(r0, f32x4.mul(n0, ln2b)); r1 = f32x4.sub(r1, f32x4.mul(n1, ln2b)); r2 = f32x4.sub(r2, f32x4.mul(n2, ln2b)); r3 = f32x4.sub(r3, f32x4.mul(n3, ln2b)); r4 = f32x4.sub(r4, f32x4.mul(n4, ln2b)); r5 = f32x4.sub(r5, f32x4.mul(n5, ln2b)); r6 = f32x4.sub(r6, f32x4.mul(n6, ln2b)); r7 = f32x4.sub(r7, f32x4.mul(n7, ln2b));
    let p0 = fma(q5, r0, q4), p1 = fma(q5, r1, q4), p2 = fma(q5, r2, q4), p3 = fma(q5, r3, q4), p4 = fma(q5, r4, q4), p5 = fma(q5, r5, q4), p6 = fma(q5, r6, q4), p7 = fma(q5, r7, q4);
    p0 = fma(p0, r0, q3); p1 = fma(p1, r1, q3); p2 = fma(p2, r2, q3); p3 = fma(p3, r3, q3); p4 = fma(p4, r4, q3); p5 = fma(p5, r5, q3); p6 = fma(p6, r6, q3); p7 = fma(p7, r7, q3);
    p0 = fma(p0, r0, q2); p1 = fma(p1, r1, q2); p2 = fma(p2, r2, q2); p3 = fma(p3, r3, q2); p4 = fma(p4, r4, q2); p5 = fma(p5, r5, q2); p6 = fma(p6, r6, q2); p7 = fma(p7, r7, q2);
    p0 = fma(p0, r0, q1); p1 = fma(p1, r1, q1); p2 = fma(p2, r2, q1); p3 = fma(p3, r3, q1); p4 = fma(p4, r4, q1); p5 = fma(p5, r5, q1); p6 = fma(p6, r6, q1); p7 = fma(p7, r7, q1);
    p0 = fma(p0, r0, q0); p1 = fma(p1, r1, q0); p2 = fma(p2, r2, q0); p3 = fma(p3, r3, q0); p4 = fma(p4, r4, q0); p5 = fma(p5, r5, q0); p6 = fma(p6, r6, q0); p7 = fma(p7, r7, q0);
    v128.store(out, f32x4.mul(p0, i32x4.shl(t0, 23)), 0); v128.store(out, f32x4.mul(p1, i32x4.shl(t1, 23)), 16); v128.store(out, f32x4.mul(p2, i32x4.shl(t2, 23)), 32); v128.store(out, f32x4.mul(p3, i32x4.shl(t3, 23)), 48); v128.store(out, f32x4.mul(p4, i32x4.shl(t4, 23)), 64); v128.store(out, f32x4.mul(p5, i32x4.shl(t5, 23)), 80); v128.store(out, f32x4.mul(p6, i32x4.shl(t6, 23)), 96); v128.store(out, f32x4.mul(p7, i32x4.shl(t7, 23)), 112);
    a += 128; out += 128;
  }
  if (out + 64 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48);
    const t0 = fma(x0, log2e, magic), t1 = fma(x1, log2e, magic), t2 = fma(x2, log2e, magic), t3 = fma(x3, log2e, magic);
    const n0 = f32x4.sub(t0, magic), n1 = f32x4.sub(t1, magic), n2 = f32x4.sub(t2, magic), n3 = f32x4.sub(t3, magic);
    let r0 = f32x4.sub(x0, f32x4.mul(n0, ln2a)), r1 = f32x4.sub(x1, f32x4.mul(n1, ln2a)), r2 = f32x4.sub(x2, f32x4.mul(n2, ln2a)), r3 = f32x4.sub(x3, f32x4.mul(n3, ln2a));
    r0 = f32x4.sub(r0, f32x4.mul(n0, ln2b)); r1 = f32x4.sub(r1, f32x4.mul(n1, ln2b)); r2 = f32x4.sub(r2, f32x4.mul(n2, ln2b)); r3 = f32x4.sub(r3, f32x4.mul(n3, ln2b));
    let p0 = fma(q5, r0, q4), p1 = fma(q5, r1, q4), p2 = fma(q5, r2, q4), p3 = fma(q5, r3, q4);
    p0 = fma(p0, r0, q3); p1 = fma(p1, r1, q3); p2 = fma(p2, r2, q3); p3 = fma(p3, r3, q3);
    p0 = fma(p0, r0, q2); p1 = fma(p1, r1, q2); p2 = fma(p2, r2, q2); p3 = fma(p3, r3, q2);
    p0 = fma(p0, r0, q1); p1 = fma(p1, r1, q1); p2 = fma(p2, r2, q1); p3 = fma(p3, r3, q1);
    p0 = fma(p0, r0, q0); p1 = fma(p1, r1, q0); p2 = fma(p2, r2, q0); p3 = fma(p3, r3, q0);
    v128.store(out, f32x4.mul(p0, i32x4.shl(t0, 23)), 0); v128.store(out, f32x4.mul(p1, i32x4.shl(t1, 23)), 16); v128.store(out, f32x4.mul(p2, i32x4.shl(t2, 23)), 32); v128.store(out, f32x4.mul(p3, i32x4.shl(t3, 23)), 48);
    a += 64; out += 64;
  }
  while (out < end) {
    const x = v128.load(a, 0);
    const t = fma(x, log2e, magic);
    const n = f32x4.sub(t, magic);
    let r = f32x4.sub(x, f32x4.mul(n, ln2a));
    r = f32x4.sub(r, f32x4.mul(n, ln2b));
    let p = fma(q5, r, q4);
    p = fma(p, r, q3);
    p = fma(p, r, q2);
    p = fma(p, r, q1);
    p = fma(p, r, q0);
    v128.store(out, f32x4.mul(p, i32x4.shl(t, 23)), 0);
    a += 16; out += 16;
  }
}

// ---------------------------------------------------------------------------------------
// tan, tanh, sigmoid, pow

// tan keeps the octant reduction (|r| ≤ π/4, both polynomials, one division).
@inline function splat(x: f32): v128 { return f32x4.splat(x); }

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

// tan's constants for tanBlock, in vtan's order (octant, Cody–Waite π/4, sin and cos
// polynomials), so that the block gives vtan's values bit for bit.
const TK: usize = memory.data<f32>([
  1.27323954473516, 0.78515625, 2.4187564849853515625e-4, 3.77489497744594108e-8,
  -1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1,
  2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2, 0.5, 1.0, TRIG_LIMIT,
]);
@inline function tk(i: i32): v128 { return v128.load32_splat(TK + (<usize>i << 2)); }

/**
 * One step of vtan for tanBlock, with the constants passed in (loaded once per block) and one
 * division: odd octant pairs give −c/s, even ones s/c, as (odd ? −c : s) / (odd ? s : c), the
 * same value bit for bit as vtan's two divisions and a select.
 */
@inline function tanK(x: v128, c4: v128, pa: v128, pb: v128, pc: v128, s0: v128, s1: v128, s2: v128,
  c0: v128, c1: v128, c2: v128, half: v128, one: v128, limit: v128, absMask: v128, one32: v128): v128 {
  const ax = v128.and(x, absMask);
  const j = v128.and(i32x4.add(i32x4.trunc_sat_f32x4_s(f32x4.mul(ax, c4)), one32), i32x4.splat(~1));
  const y = f32x4.convert_i32x4_s(j);
  let r = f32x4.sub(ax, f32x4.mul(y, pa));
  r = f32x4.sub(r, f32x4.mul(y, pb));
  r = f32x4.sub(r, f32x4.mul(y, pc));
  const z = f32x4.mul(r, r);
  let p = f32x4.add(f32x4.mul(s0, z), s1);
  p = f32x4.add(f32x4.mul(p, z), s2);
  const sn = f32x4.add(f32x4.mul(f32x4.mul(p, z), r), r);
  let q = f32x4.add(f32x4.mul(c0, z), c1);
  q = f32x4.add(f32x4.mul(q, z), c2);
  const cs = f32x4.add(f32x4.sub(f32x4.mul(f32x4.mul(q, z), z), f32x4.mul(z, half)), one);
  const odd = i32x4.ne(v128.and(i32x4.shr_u(j, 1), one32), i32x4.splat(0));
  const t = f32x4.div(v128.bitselect(v128.xor(cs, i32x4.splat(SIGN)), sn, odd), v128.bitselect(sn, cs, odd));
  const v = v128.xor(t, v128.andnot(x, absMask));
  return v128.bitselect(v, f32x4.splat(NaN), f32x4.lt(ax, limit));
}

/**
 * out[i] = tan a[i] for count floats (a multiple of 4), equal to vtan bit for bit: the
 * constants are loaded once (V8 rebuilds each inline constant on every use) and four vectors
 * go through each step side by side (one alone is a chain bound by latency, a division in it).
 */
export function tanBlock(a: usize, out: usize, count: i32): void {
  const c4 = tk(0), pa = tk(1), pb = tk(2), pc = tk(3), s0 = tk(4), s1 = tk(5), s2 = tk(6);
  const c0 = tk(7), c1 = tk(8), c2 = tk(9), half = tk(10), one = tk(11), limit = tk(12);
  const absMask = ki(I_ABS), one32 = i32x4.splat(1);
  const end = out + (<usize>count << 2);
  while (out + 64 <= end) {
    const x0 = v128.load(a, 0), x1 = v128.load(a, 16), x2 = v128.load(a, 32), x3 = v128.load(a, 48);
    const t0 = tanK(x0, c4, pa, pb, pc, s0, s1, s2, c0, c1, c2, half, one, limit, absMask, one32);
    const t1 = tanK(x1, c4, pa, pb, pc, s0, s1, s2, c0, c1, c2, half, one, limit, absMask, one32);
    const t2 = tanK(x2, c4, pa, pb, pc, s0, s1, s2, c0, c1, c2, half, one, limit, absMask, one32);
    const t3 = tanK(x3, c4, pa, pb, pc, s0, s1, s2, c0, c1, c2, half, one, limit, absMask, one32);
    v128.store(out, t0, 0); v128.store(out, t1, 16); v128.store(out, t2, 32); v128.store(out, t3, 48);
    a += 64; out += 64;
  }
  while (out < end) {
    v128.store(out, tanK(v128.load(a), c4, pa, pb, pc, s0, s1, s2, c0, c1, c2, half, one, limit, absMask, one32));
    a += 16; out += 16;
  }
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
