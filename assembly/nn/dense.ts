// SIMD dense forward pass for the network-as-oracle. Activations are f32, column-major: unit
// u of a layer is `stride` consecutive rows (stride a multiple of BLOCK). Rows are processed in
// blocks so that a block of the layer's input stays in cache while every unit reads it.
import { vexp, vtanh } from "../engine/vmath";

/**
 * Sigmoid for the network oracle: exp is only needed at −|x| ≤ 0, so one 2^n factor suffices,
 * the clamp is one-sided, and a degree-5 polynomial keeps the relative error ≤ 3e-6 (tested
 * against the f64 reference). Below x = −87 it returns ≈ 1.6e-38 instead of a subnormal.
 * The CGP engine keeps the full-domain vsigmoid.
 */
@inline function sigmoidOracle(x: v128): v128 {
  const t = f32x4.pmax(f32x4.neg(f32x4.abs(x)), f32x4.splat(-87.0));
  const n = f32x4.nearest(f32x4.mul(t, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(t, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.add(f32x4.mul(r, f32x4.splat(0.008333333333)), f32x4.splat(0.041666666667));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.16666666667));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const e = f32x4.mul(p, i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23));
  const s = f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), e));
  return v128.bitselect(f32x4.mul(e, s), s, f32x4.lt(x, f32x4.splat(0)));
}

export const ACT_LINEAR: i32 = 0;
export const ACT_RELU: i32 = 1;
export const ACT_SIGMOID: i32 = 2;
export const ACT_TANH: i32 = 3;
export const ACT_ELU: i32 = 4;
export const ACT_SOFTMAX: i32 = 5;

const BLOCK: i32 = 512;

/**
 * z = W·x + b for rows [0, rows) (W row-major out × in), then the activation into `post`
 * (`post` may equal `pre` when the pre-activation is not needed).
 *
 * Register tiling: 4 units × 8 rows of accumulators stay in registers over the whole input
 * loop (the previous kernel streamed z through memory once per pair of inputs and ran at half
 * the speed of tfjs's XNNPACK on 22-100-100-2). Weights are pre-splatted into a v128 table,
 * 4 units per input, so each is one load; missing units of the last group are zero weights
 * whose results are never stored.
 */
export function denseLayer(x: usize, inputs: i32, w: usize, b: usize, outputs: i32,
  act: i32, pre: usize, post: usize, rows: i32, stride: i32): void {
  const groups = (outputs + 3) >> 2;
  const ws = heap.alloc(<usize>(groups * inputs * 4) << 4);
  const bs = heap.alloc(<usize>(groups * 4) << 4);
  for (let g = 0; g < groups; g++) {
    for (let u = 0; u < 4; u++) {
      const j = 4 * g + u;
      for (let i = 0; i < inputs; i++) {
        const v = j < outputs ? load<f32>(w + (<usize>(j * inputs + i) << 2)) : <f32>0;
        v128.store(ws + (<usize>((g * inputs + i) * 4 + u) << 4), f32x4.splat(v));
      }
      v128.store(bs + (<usize>(4 * g + u) << 4), f32x4.splat(j < outputs ? load<f32>(b + (<usize>j << 2)) : <f32>0));
    }
  }
  const step = <usize>stride << 2;
  for (let row0 = 0; row0 < rows; row0 += BLOCK) {
    const n = min(BLOCK, (rows - row0 + 7) & ~7);
    for (let g = 0; g < groups; g++) {
      const wg = ws + (<usize>(g * inputs * 4) << 4);
      const bg = bs + (<usize>(4 * g) << 4);
      const z0 = pre + (<usize>(4 * g * stride + row0) << 2);
      for (let k = 0; k < n; k += 8) {
        const xo = x + (<usize>(row0 + k) << 2);
        let a0 = v128.load(bg), a1 = a0;
        let b0 = v128.load(bg, 16), b1 = b0;
        let c0 = v128.load(bg, 32), c1 = c0;
        let d0 = v128.load(bg, 48), d1 = d0;
        let xp = xo, wp = wg;
        for (let i = 0; i < inputs; i++) {
          const xa = v128.load(xp), xb = v128.load(xp, 16);
          const w0 = v128.load(wp), w1 = v128.load(wp, 16), w2 = v128.load(wp, 32), w3 = v128.load(wp, 48);
          a0 = f32x4.add(a0, f32x4.mul(w0, xa)); a1 = f32x4.add(a1, f32x4.mul(w0, xb));
          b0 = f32x4.add(b0, f32x4.mul(w1, xa)); b1 = f32x4.add(b1, f32x4.mul(w1, xb));
          c0 = f32x4.add(c0, f32x4.mul(w2, xa)); c1 = f32x4.add(c1, f32x4.mul(w2, xb));
          d0 = f32x4.add(d0, f32x4.mul(w3, xa)); d1 = f32x4.add(d1, f32x4.mul(w3, xb));
          xp += step; wp += 64;
        }
        const zo = z0 + (<usize>k << 2);
        const units = outputs - 4 * g;
        v128.store(zo, a0); v128.store(zo, a1, 16);
        if (units > 1) { v128.store(zo + step, b0); v128.store(zo + step, b1, 16); }
        if (units > 2) { v128.store(zo + 2 * step, c0); v128.store(zo + 2 * step, c1, 16); }
        if (units > 3) { v128.store(zo + 3 * step, d0); v128.store(zo + 3 * step, d1, 16); }
      }
      if (act != ACT_SOFTMAX) {
        for (let u = 0; u < min(4, outputs - 4 * g); u++) {
          const off = <usize>((4 * g + u) * stride + row0) << 2;
          activate(act, pre + off, post + off, n);
        }
      }
    }
    if (act == ACT_SOFTMAX) softmaxBlock(pre, post, outputs, row0, n, stride);
  }
  heap.free(ws);
  heap.free(bs);
}

/** The elementwise activation over n rows (a multiple of 4); exported for the one-hot first layer (energy/). */
export function activate(act: i32, z: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  for (let k = 0; k < n; k += 4) {
    const o = <usize>k << 2;
    const v = v128.load(z + o);
    let r: v128;
    if (act == ACT_LINEAR) r = v;
    else if (act == ACT_RELU) r = f32x4.pmax(v, zero);
    else if (act == ACT_SIGMOID) r = sigmoidOracle(v);
    else if (act == ACT_TANH) r = vtanh(v);
    else r = v128.bitselect(v, f32x4.sub(vexp(f32x4.pmin(v, zero)), one), f32x4.gt(v, zero)); // elu, α = 1
    v128.store(out + o, r);
  }
}

/** Softmax across the units of each row (numerically stable: subtract the row maximum). */
function softmaxBlock(pre: usize, post: usize, units: i32, row0: i32, n: i32, stride: i32): void {
  const step = <usize>stride << 2;
  for (let k = 0; k < n; k += 4) {
    const base = <usize>((row0 + k) << 2);
    let m = v128.load(pre + base);
    for (let j = 1; j < units; j++) m = f32x4.max(m, v128.load(pre + base + <usize>j * step));
    let s = f32x4.splat(0);
    for (let j = 0; j < units; j++) {
      const off = base + <usize>j * step;
      const e = vexp(f32x4.sub(v128.load(pre + off), m));
      v128.store(post + off, e);
      s = f32x4.add(s, e);
    }
    for (let j = 0; j < units; j++) {
      const off = base + <usize>j * step;
      v128.store(post + off, f32x4.div(v128.load(post + off), s));
    }
  }
}
