// The dense forward pass in WASM: data cross once (inputs in, requested layers out).
import { createEngine, type WasmEngine } from './engine.js';
import type { DenseLayer, LayerActivations } from '../src/nn/mlp.js';

const ACT_CODES = { linear: 0, relu: 1, sigmoid: 2, tanh: 3, elu: 4, softmax: 5 } as const;

let shared: Promise<WasmEngine> | undefined;

/** Where the inputs are: row-major (`data[r·inputs + i]`) or one array per input. */
export type ForwardInput =
  | { kind: 'rows'; data: Float32Array; rows: number; inputs: number }
  | { kind: 'columns'; columns: readonly Float32Array[]; rows: number };

/**
 * The last layer's post-activations, one Float32Array per unit, or null when an input is NaN
 * or ±∞ (the caller then names it). The whole network runs tile by tile in WASM
 * (assembly/nn/dense.ts forwardRows): no hidden layer is ever stored whole.
 */
export async function forwardLast(layers: readonly DenseLayer[], input: ForwardInput): Promise<Float32Array[] | null> {
  const engine = await (shared ??= createEngine());
  const ptrs: number[] = [];
  const alloc = (bytes: number) => { const p = engine.alloc(bytes); ptrs.push(p); return p; };
  try {
    const { rows } = input;
    const inputs = input.kind === 'rows' ? input.inputs : input.columns.length;
    const x = alloc(4 * rows * inputs);
    if (input.kind === 'rows') engine.f32.set(input.data.subarray(0, rows * inputs), x >> 2);
    else input.columns.forEach((c, i) => engine.f32.set(c.subarray(0, rows), (x >> 2) + i * rows));
    const desc = alloc(20 * layers.length);
    layers.forEach((l, k) => {
      const w = alloc(4 * l.weight.length), b = alloc(4 * l.outputs);
      engine.f32.set(l.weight, w >> 2);
      engine.f32.set(l.bias, b >> 2);
      engine.i32.set([l.inputs, l.outputs, ACT_CODES[l.activation], w, b], (desc >> 2) + 5 * k);
    });
    const units = layers.at(-1)!.outputs;
    const out = alloc(4 * rows * units);
    const [rowStep, colStep] = input.kind === 'rows' ? [inputs, 1] : [1, rows];
    const bad = engine.raw.forwardRows(x, rowStep, colStep, inputs, rows, desc, layers.length, out, rows);
    if (bad !== 0) return null;
    return Array.from({ length: units }, (_, j) => engine.f32.slice((out >> 2) + j * rows, (out >> 2) + (j + 1) * rows));
  } finally {
    ptrs.forEach((p) => engine.free(p));
  }
}

/** Every layer's pre- and post-activations on f32 columns. */
export async function forwardAll(layers: readonly DenseLayer[], columns: readonly Float32Array[], rows: number): Promise<LayerActivations[]> {
  const engine = await (shared ??= createEngine());
  const data = engine.loadData(columns, rows);
  const stride = data.stride;
  const ptrs: number[] = [];
  const allocF32 = (n: number) => { const p = engine.alloc(4 * n); ptrs.push(p); return p; };
  try {
    let x = data.x;
    const bufs = layers.map((l) => {
      const w = allocF32(l.weight.length), b = allocF32(l.outputs);
      engine.f32.set(l.weight, w >> 2);
      engine.f32.set(l.bias, b >> 2);
      const pre = allocF32(l.outputs * stride), post = allocF32(l.outputs * stride);
      return { l, w, b, pre, post };
    });
    for (const { l, w, b, pre, post } of bufs) {
      engine.raw.denseLayer(x, l.inputs, w, b, l.outputs, ACT_CODES[l.activation], pre, post, rows, stride);
      x = post;
    }
    const read = (p: number, units: number) => Array.from({ length: units }, (_, j) => engine.f32.slice((p >> 2) + j * stride, (p >> 2) + j * stride + rows));
    return bufs.map(({ l, pre, post }) => ({ pre: read(pre, l.outputs), post: read(post, l.outputs) }));
  } finally {
    ptrs.forEach((p) => engine.free(p));
    engine.freeData(data);
  }
}
