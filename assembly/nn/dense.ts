// SIMD dense forward pass for the network-as-oracle. Activations are f32, column-major: unit
// u of a layer is `stride` consecutive rows (stride a multiple of BLOCK). Rows are processed in
// blocks so that a block of the layer's input stays in cache while every unit reads it.
import { vexp, vtanh } from "../engine/vmath";

// Constants of the oracle's sigmoid, read from linear memory once per call: V8 otherwise
// rebuilds every SIMD constant inside the loop with three instructions (movq, vmovq,
// vpunpcklqdq), which cost more than the arithmetic.
const SIG = memory.data<f32>([
  -87.0,                 // 0 clamp: below, e^t would be subnormal
  1.44269504088896341,   // 1 log2 e
  12583039.0,            // 2 1.5·2^23 + 127: adding it rounds to an integer n and leaves n + 127 in the low bits
  0.693359375,           // 3 ln 2, high part (Cody–Waite)
  -2.12194440e-4,        // 4 ln 2, low part
  0.008333333333,        // 5 1/120
  0.041666666667,        // 6 1/24
  0.16666666667,         // 7 1/6
  0.5,                   // 8 1/2
  1.0,                   // 9
]);

/**
 * Sigmoid for the network oracle, over n rows (a multiple of 4) from z into out.
 * e = e^{−|x|}: range reduction by the 1.5·2^23 rounding trick (where nearest + trunc_sat cost
 * six instructions on x64), a degree-5 polynomial, 2^n straight from the rounded float's bits;
 * then 1/(1+e) for x ≥ 0 and e/(1+e) below. Relative error ≤ 3e-6 (tested against the f64
 * reference). Below x = −87 it returns ≈ 1.6e-38 instead of a subnormal.
 * Two vectors go through each step side by side: one alone is a chain of ~35 dependent
 * operations (a division among them), and the loop was bound by its latency, not by the
 * number of operations. The CGP engine keeps the full-domain vsigmoid.
 */
function sigmoidRows(z: usize, out: usize, n: i32): void {
  const lo = v128.load32_splat(SIG), log2e = v128.load32_splat(SIG, 4), magic = v128.load32_splat(SIG, 8);
  const ln2hi = v128.load32_splat(SIG, 12), ln2lo = v128.load32_splat(SIG, 16);
  const c5 = v128.load32_splat(SIG, 20), c4 = v128.load32_splat(SIG, 24), c3 = v128.load32_splat(SIG, 28);
  const c2 = v128.load32_splat(SIG, 32), one = v128.load32_splat(SIG, 36);
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= n; k += 8) {
    const o = <usize>k << 2;
    const x0 = v128.load(z + o), x1 = v128.load(z + o, 16);
    // −min(|x|, 87) as pmax(pmin(x, 0 − x), −87): abs and neg would each rebuild a mask.
    const t0 = f32x4.pmax(f32x4.pmin(x0, f32x4.sub(zero, x0)), lo);
    const t1 = f32x4.pmax(f32x4.pmin(x1, f32x4.sub(zero, x1)), lo);
    const v0 = f32x4.add(f32x4.mul(t0, log2e), magic), v1 = f32x4.add(f32x4.mul(t1, log2e), magic);
    const m0 = f32x4.sub(v0, magic), m1 = f32x4.sub(v1, magic);
    const r0 = f32x4.sub(f32x4.sub(t0, f32x4.mul(m0, ln2hi)), f32x4.mul(m0, ln2lo));
    const r1 = f32x4.sub(f32x4.sub(t1, f32x4.mul(m1, ln2hi)), f32x4.mul(m1, ln2lo));
    let p0 = f32x4.add(f32x4.mul(r0, c5), c4), p1 = f32x4.add(f32x4.mul(r1, c5), c4);
    p0 = f32x4.add(f32x4.mul(p0, r0), c3); p1 = f32x4.add(f32x4.mul(p1, r1), c3);
    p0 = f32x4.add(f32x4.mul(p0, r0), c2); p1 = f32x4.add(f32x4.mul(p1, r1), c2);
    p0 = f32x4.add(f32x4.mul(p0, r0), one); p1 = f32x4.add(f32x4.mul(p1, r1), one);
    p0 = f32x4.add(f32x4.mul(p0, r0), one); p1 = f32x4.add(f32x4.mul(p1, r1), one);
    const e0 = f32x4.mul(p0, i32x4.shl(v0, 23)), e1 = f32x4.mul(p1, i32x4.shl(v1, 23)); // p · 2^n
    const s0 = f32x4.div(one, f32x4.add(one, e0)), s1 = f32x4.div(one, f32x4.add(one, e1));
    v128.store(out + o, v128.bitselect(f32x4.mul(e0, s0), s0, f32x4.lt(x0, zero)));
    v128.store(out + o, v128.bitselect(f32x4.mul(e1, s1), s1, f32x4.lt(x1, zero)), 16);
  }
  for (; k < n; k += 4) {
    const o = <usize>k << 2;
    const x = v128.load(z + o);
    const t = f32x4.pmax(f32x4.pmin(x, f32x4.sub(zero, x)), lo);
    const v = f32x4.add(f32x4.mul(t, log2e), magic);
    const m = f32x4.sub(v, magic);
    const r = f32x4.sub(f32x4.sub(t, f32x4.mul(m, ln2hi)), f32x4.mul(m, ln2lo));
    let p = f32x4.add(f32x4.mul(r, c5), c4);
    p = f32x4.add(f32x4.mul(p, r), c3);
    p = f32x4.add(f32x4.mul(p, r), c2);
    p = f32x4.add(f32x4.mul(p, r), one);
    p = f32x4.add(f32x4.mul(p, r), one);
    const e = f32x4.mul(p, i32x4.shl(v, 23));
    const s = f32x4.div(one, f32x4.add(one, e));
    v128.store(out + o, v128.bitselect(f32x4.mul(e, s), s, f32x4.lt(x, zero)));
  }
}

export const ACT_LINEAR: i32 = 0;
export const ACT_RELU: i32 = 1;
export const ACT_SIGMOID: i32 = 2;
export const ACT_TANH: i32 = 3;
export const ACT_ELU: i32 = 4;
export const ACT_SOFTMAX: i32 = 5;

/** Rows per tile: a tile of the widest layer's activations (100 units × 64 rows) stays in L1. */
const TILE: i32 = 64;
/**
 * Floats between two units of a tile: not a power of two, so the units of one tile fall in
 * different L1 sets (with a 2^k stride every unit maps to the same set and the reads thrash:
 * padding alone took 22-100-100-2 from 117 to 89 ms).
 */
const TS: i32 = TILE + 8;

/**
 * A layer's weights pre-splatted for the kernel: for each group of 4 units and each input,
 * the 4 weights as 4 v128 (one load each in the inner loop), then the 4 biases likewise.
 * Missing units of the last group get zero weights; their results are never stored.
 */
function splatLayer(w: usize, b: usize, inputs: i32, outputs: i32): usize {
  const groups = (outputs + 3) >> 2;
  const ws = heap.alloc(<usize>(groups * (inputs + 1) * 4) << 4);
  for (let g = 0; g < groups; g++) {
    const base = ws + (<usize>(g * (inputs + 1) * 4) << 4);
    for (let u = 0; u < 4; u++) {
      const j = 4 * g + u;
      for (let i = 0; i < inputs; i++) {
        const v = j < outputs ? load<f32>(w + (<usize>(j * inputs + i) << 2)) : <f32>0;
        v128.store(base + (<usize>(i * 4 + u) << 4), f32x4.splat(v));
      }
      v128.store(base + (<usize>(inputs * 4 + u) << 4), f32x4.splat(j < outputs ? load<f32>(b + (<usize>j << 2)) : <f32>0));
    }
  }
  return ws;
}

/**
 * z = W·x + b for n rows (a multiple of 8), x with `xs` floats between inputs, z and the
 * activation written with `os` floats between units (`post` may equal `pre`).
 *
 * Register tiling: 4 units × 8 rows of accumulators stay in registers over the whole input
 * loop: per input, 2 loads of x and 4 of weights feed 8 multiply-adds.
 */
function denseTile(x: usize, xs: i32, inputs: i32, ws: usize, outputs: i32, act: i32,
  pre: usize, post: usize, os: i32, n: i32): void {
  const groups = (outputs + 3) >> 2;
  const xstep = <usize>xs << 2, ostep = <usize>os << 2;
  for (let g = 0; g < groups; g++) {
    const wg = ws + (<usize>(g * (inputs + 1) * 4) << 4);
    const bg = wg + (<usize>(inputs * 4) << 4);
    const z0 = pre + <usize>(4 * g) * ostep;
    for (let k = 0; k < n; k += 8) {
      let a0 = v128.load(bg), a1 = a0;
      let b0 = v128.load(bg, 16), b1 = b0;
      let c0 = v128.load(bg, 32), c1 = c0;
      let d0 = v128.load(bg, 48), d1 = d0;
      let xp = x + (<usize>k << 2), wp = wg;
      for (let i = 0; i < inputs; i++) {
        const xa = v128.load(xp), xb = v128.load(xp, 16);
        const w0 = v128.load(wp), w1 = v128.load(wp, 16), w2 = v128.load(wp, 32), w3 = v128.load(wp, 48);
        a0 = f32x4.add(a0, f32x4.mul(w0, xa)); a1 = f32x4.add(a1, f32x4.mul(w0, xb));
        b0 = f32x4.add(b0, f32x4.mul(w1, xa)); b1 = f32x4.add(b1, f32x4.mul(w1, xb));
        c0 = f32x4.add(c0, f32x4.mul(w2, xa)); c1 = f32x4.add(c1, f32x4.mul(w2, xb));
        d0 = f32x4.add(d0, f32x4.mul(w3, xa)); d1 = f32x4.add(d1, f32x4.mul(w3, xb));
        xp += xstep; wp += 64;
      }
      const zo = z0 + (<usize>k << 2);
      const units = outputs - 4 * g;
      v128.store(zo, a0); v128.store(zo, a1, 16);
      if (units > 1) { v128.store(zo + ostep, b0); v128.store(zo + ostep, b1, 16); }
      if (units > 2) { v128.store(zo + 2 * ostep, c0); v128.store(zo + 2 * ostep, c1, 16); }
      if (units > 3) { v128.store(zo + 3 * ostep, d0); v128.store(zo + 3 * ostep, d1, 16); }
    }
    if (act != ACT_SOFTMAX) {
      for (let u = 0; u < min(4, outputs - 4 * g); u++) {
        const off = <usize>(4 * g + u) * ostep;
        activate(act, pre + off, post + off, n);
      }
    }
  }
  if (act == ACT_SOFTMAX) softmaxBlock(pre, post, outputs, 0, n, os);
}

/** Copies n rows of `units` columns (stride `from`) into a tile (stride `to`). */
function copyColumns(src: usize, from: i32, dst: usize, to: i32, units: i32, n: i32): void {
  for (let u = 0; u < units; u++) {
    memory.copy(dst + (<usize>(u * to) << 2), src + (<usize>(u * from) << 2), <usize>n << 2);
  }
}

/**
 * z = W·x + b for rows [0, rows) (W row-major out × in), then the activation into `post`
 * (`post` may equal `pre` when the pre-activation is not needed); x, pre and post have
 * `stride` floats between units. Used when every layer's activations are wanted. Each tile of
 * x is first copied to a padded scratch tile: with a 2^k stride the kernel's reads alias.
 */
export function denseLayer(x: usize, inputs: i32, w: usize, b: usize, outputs: i32,
  act: i32, pre: usize, post: usize, rows: i32, stride: i32): void {
  const ws = splatLayer(w, b, inputs, outputs);
  const tile = heap.alloc(<usize>(inputs * TS) << 2);
  for (let row0 = 0; row0 < rows; row0 += TILE) {
    const n = min(TILE, (rows - row0 + 7) & ~7);
    const off = <usize>row0 << 2;
    copyColumns(x + off, stride, tile, TS, inputs, n);
    denseTile(tile, TS, inputs, ws, outputs, act, pre + off, post + off, stride, n);
  }
  heap.free(tile);
  heap.free(ws);
}

/**
 * The whole network, tile by tile: input (r, i) is the f32 at x + 4·(r·rowStep + i·colStep)
 * (row-major: rowStep = inputs, colStep = 1; columns: rowStep = 1, colStep = their stride).
 * Each tile of rows is gathered into a padded scratch tile and passes through every layer while it is in L1;
 * only the last layer's post-activations are written, to `out` (`outStride` floats between
 * units). `layers` holds per layer [inputs, outputs, activation, weights ptr, bias ptr] as i32.
 * Returns 0 when every input is finite, else NaN (the caller then finds and names the value).
 */
export function forwardRows(x: usize, rowStep: i32, colStep: i32, inputs: i32, rows: i32, layers: usize, count: i32,
  out: usize, outStride: i32): f32 {
  let widest = inputs;
  const tables = heap.alloc(<usize>count << 2);
  for (let l = 0; l < count; l++) {
    const d = layers + (<usize>(l * 5) << 2);
    widest = max(widest, load<i32>(d, 4));
    store<u32>(tables + (<usize>l << 2), <u32>splatLayer(load<u32>(d, 12), load<u32>(d, 16), load<i32>(d), load<i32>(d, 4)));
  }
  const tileBytes = <usize>(widest * TS) << 2;
  const ta = heap.alloc(tileBytes), tb = heap.alloc(tileBytes), tz = heap.alloc(tileBytes);
  memory.fill(ta, 0, tileBytes);
  let bad = f32x4.splat(0);
  for (let row0 = 0; row0 < rows; row0 += TILE) {
    const real = min(TILE, rows - row0);
    const n = (real + 7) & ~7;
    // Gather the tile (rows past the end keep zeros from the fill above or a previous tile's
    // finite values: harmless, they are never written out).
    if (colStep == 1) {
      for (let r = 0; r < real; r++) {
        const src = x + (<usize>((row0 + r) * rowStep) << 2);
        for (let i = 0; i < inputs; i++) store<f32>(ta + (<usize>(i * TS + r) << 2), load<f32>(src + (<usize>i << 2)));
      }
    } else {
      for (let i = 0; i < inputs; i++) {
        const src = x + (<usize>(i * colStep + row0 * rowStep) << 2);
        for (let r = 0; r < real; r++) store<f32>(ta + (<usize>(i * TS + r) << 2), load<f32>(src + (<usize>(r * rowStep) << 2)));
      }
    }
    for (let i = 0; i < inputs; i++) {
      for (let r = 0; r < n; r += 4) {
        const v = v128.load(ta + (<usize>(i * TS + r) << 2));
        bad = f32x4.add(bad, f32x4.sub(v, v)); // NaN once any input is NaN or ±∞
      }
    }
    let cur = ta, next = tb;
    for (let l = 0; l < count; l++) {
      const d = layers + (<usize>(l * 5) << 2);
      const ins = load<i32>(d), outs = load<i32>(d, 4), act = load<i32>(d, 8);
      const ws = <usize>load<u32>(tables + (<usize>l << 2));
      // Softmax needs z apart from its output: z goes to the third tile.
      denseTile(cur, TS, ins, ws, outs, act, act == ACT_SOFTMAX ? tz : next, next, TS, n);
      const t = cur; cur = next; next = t;
    }
    const units = load<i32>(layers + (<usize>((count - 1) * 5 + 1) << 2));
    copyColumns(cur, TS, out + (<usize>row0 << 2), outStride, units, real);
  }
  for (let l = 0; l < count; l++) heap.free(<usize>load<u32>(tables + (<usize>l << 2)));
  heap.free(tables); heap.free(ta); heap.free(tb); heap.free(tz);
  const s = f32x4.extract_lane(bad, 0) + f32x4.extract_lane(bad, 1) + f32x4.extract_lane(bad, 2) + f32x4.extract_lane(bad, 3);
  return s;
}

/** The elementwise activation over n rows (a multiple of 4); exported for the one-hot first layer (energy/). */
export function activate(act: i32, z: usize, out: usize, n: i32): void {
  if (act == ACT_SIGMOID) { sigmoidRows(z, out, n); return; }
  if (act == ACT_LINEAR) { if (out != z) memory.copy(out, z, <usize>n << 2); return; }
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  if (act == ACT_RELU) {
    for (let k = 0; k < n; k += 4) {
      const o = <usize>k << 2;
      v128.store(out + o, f32x4.pmax(v128.load(z + o), zero));
    }
  } else if (act == ACT_TANH) {
    for (let k = 0; k < n; k += 4) {
      const o = <usize>k << 2;
      v128.store(out + o, vtanh(v128.load(z + o)));
    }
  } else { // elu, α = 1
    for (let k = 0; k < n; k += 4) {
      const o = <usize>k << 2;
      const v = v128.load(z + o);
      v128.store(out + o, v128.bitselect(v, f32x4.sub(vexp(f32x4.pmin(v, zero)), one), f32x4.gt(v, zero)));
    }
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
