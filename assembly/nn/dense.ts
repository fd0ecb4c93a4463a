// SIMD dense forward pass for the network-as-oracle. Activations are f32, column-major: unit
// u of a layer is `stride` consecutive rows (stride a multiple of BLOCK). Rows are processed in
// blocks so that a block of the layer's input stays in cache while every unit reads it.
import { vexp, vtanh, vsigmoid } from "../engine/vmath";

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
 */
export function denseLayer(x: usize, inputs: i32, w: usize, b: usize, outputs: i32,
  act: i32, pre: usize, post: usize, rows: i32, stride: i32): void {
  for (let row0 = 0; row0 < rows; row0 += BLOCK) {
    const n = min(BLOCK, (rows - row0 + 3) & ~3);
    for (let j = 0; j < outputs; j++) {
      const zp = pre + (<usize>(j * stride + row0) << 2);
      const bias = f32x4.splat(load<f32>(b + (<usize>j << 2)));
      for (let k = 0; k < n; k += 4) v128.store(zp + (<usize>k << 2), bias);
      const wrow = w + (<usize>(j * inputs) << 2);
      let i = 0;
      // Two inputs per pass: half the read-modify-write traffic on z.
      for (; i + 1 < inputs; i += 2) {
        const w0 = f32x4.splat(load<f32>(wrow + (<usize>i << 2)));
        const w1 = f32x4.splat(load<f32>(wrow + (<usize>(i + 1) << 2)));
        const x0 = x + (<usize>(i * stride + row0) << 2);
        const x1 = x + (<usize>((i + 1) * stride + row0) << 2);
        for (let k = 0; k < n; k += 4) {
          const o = <usize>k << 2;
          v128.store(zp + o, f32x4.add(v128.load(zp + o),
            f32x4.add(f32x4.mul(w0, v128.load(x0 + o)), f32x4.mul(w1, v128.load(x1 + o)))));
        }
      }
      for (; i < inputs; i++) {
        const w0 = f32x4.splat(load<f32>(wrow + (<usize>i << 2)));
        const x0 = x + (<usize>(i * stride + row0) << 2);
        for (let k = 0; k < n; k += 4) {
          const o = <usize>k << 2;
          v128.store(zp + o, f32x4.add(v128.load(zp + o), f32x4.mul(w0, v128.load(x0 + o))));
        }
      }
      if (act != ACT_SOFTMAX) activate(act, zp, post + (<usize>(j * stride + row0) << 2), n);
    }
    if (act == ACT_SOFTMAX) softmaxBlock(pre, post, outputs, row0, n, stride);
  }
}

function activate(act: i32, z: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  for (let k = 0; k < n; k += 4) {
    const o = <usize>k << 2;
    const v = v128.load(z + o);
    let r: v128;
    if (act == ACT_LINEAR) r = v;
    else if (act == ACT_RELU) r = f32x4.pmax(v, zero);
    else if (act == ACT_SIGMOID) r = vsigmoid(v);
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
