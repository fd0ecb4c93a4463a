// The dense forward pass in WASM: data cross once (inputs in, requested layers out).
import { createEngine, type WasmEngine } from './engine.js';
import type { DenseLayer, LayerActivations } from '../src/nn/mlp.js';

const ACT_CODES = { linear: 0, relu: 1, sigmoid: 2, tanh: 3, elu: 4, softmax: 5 } as const;

let shared: Promise<WasmEngine> | undefined;

/** Runs the layers on f32 columns; keeps every layer when `all`, else only the last. */
export async function forwardWasm(layers: readonly DenseLayer[], columns: readonly Float32Array[], rows: number,
  all: boolean): Promise<LayerActivations[]> {
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
      const keepPre = all || l.activation === 'softmax';
      const post = allocF32(l.outputs * stride);
      const pre = keepPre ? allocF32(l.outputs * stride) : post;
      return { l, w, b, pre, post };
    });
    for (const { l, w, b, pre, post } of bufs) {
      engine.raw.denseLayer(x, l.inputs, w, b, l.outputs, ACT_CODES[l.activation], pre, post, rows, stride);
      x = post;
    }
    const read = (p: number, units: number) => Array.from({ length: units }, (_, j) => engine.f32.slice((p >> 2) + j * stride, (p >> 2) + j * stride + rows));
    const wanted = all ? bufs : bufs.slice(-1);
    return wanted.map(({ l, pre, post }) => ({ pre: all ? read(pre, l.outputs) : [], post: read(post, l.outputs) }));
  } finally {
    ptrs.forEach((p) => engine.free(p));
    engine.freeData(data);
  }
}
