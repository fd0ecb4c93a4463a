// Batched forward passes of a network on one-hot inputs, in WASM: the first layer as sums of
// weight columns (assembly/energy/one-hot.ts), the other layers with the dense SIMD kernel.
// The network, its first-layer table and the row indices cross into WASM once per call; rows
// are processed in chunks so memory stays bounded however many passes are asked for.
import { createEngine, type WasmEngine } from './engine.js';
import type { OneHotNetwork } from '../src/nn/one-hot-forward.js';

const ACT_CODES = { linear: 0, relu: 1, sigmoid: 2, tanh: 3, elu: 4, softmax: 5 } as const;
/** Rows per chunk: a multiple of the dense kernel's 512-row block. */
const CHUNK = 8192;

let shared: Promise<WasmEngine> | undefined;

/**
 * The last layer's unit-0 output for each row; row r is `first.base + Σ_k first.table[:, idx[r·m + k]]`
 * through the first activation, then the `rest` layers.
 */
export async function oneHotForwardWasm(net: OneHotNetwork, idx: Int32Array, m: number, rows: number): Promise<Float32Array> {
  const engine = await (shared ??= createEngine());
  const ptrs: number[] = [];
  const alloc = (bytes: number) => { const p = engine.alloc(bytes); ptrs.push(p); return p; };
  const out = new Float32Array(rows);
  try {
    const { first, rest } = net;
    const table = alloc(4 * first.table.length), base = alloc(4 * first.units);
    engine.f32.set(first.table, table >> 2);
    engine.f32.set(first.base, base >> 2);
    const ip = alloc(4 * CHUNK * m);
    const h0 = alloc(4 * first.units * CHUNK);
    const layers = rest.map((l) => {
      const w = alloc(4 * l.weight.length), b = alloc(4 * l.outputs);
      engine.f32.set(l.weight, w >> 2);
      engine.f32.set(l.bias, b >> 2);
      const post = alloc(4 * l.outputs * CHUNK);
      // Softmax needs z apart from its output; it never ends an oracle network (the caller
      // keeps only the logit), but stay safe.
      const pre = l.activation === 'softmax' ? alloc(4 * l.outputs * CHUNK) : post;
      return { l, w, b, pre, post };
    });
    for (let r0 = 0; r0 < rows; r0 += CHUNK) {
      const n = Math.min(CHUNK, rows - r0);
      engine.i32.set(idx.subarray(r0 * m, (r0 + n) * m), ip >> 2);
      engine.raw.oneHotLayer(table, first.cols, base, first.units, ip, m, ACT_CODES[first.activation], h0, h0, n, CHUNK);
      let x = h0;
      for (const { l, w, b, pre, post } of layers) {
        engine.raw.denseLayer(x, l.inputs, w, b, l.outputs, ACT_CODES[l.activation], pre, post, n, CHUNK);
        x = post;
      }
      out.set(engine.f32.subarray(x >> 2, (x >> 2) + n), r0);
    }
  } finally {
    ptrs.forEach((p) => engine.free(p));
  }
  return out;
}
