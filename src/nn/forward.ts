// Plain TypeScript forward pass with the same f32 semantics as assembly/nn/dense.ts: the
// reference twin for tests and the benchmark baseline.
import type { DenseLayer, LayerActivations } from './mlp.js';

const f32 = Math.fround;

function act(a: DenseLayer['activation'], v: number): number {
  switch (a) {
    case 'linear': return v;
    case 'relu': return v > 0 ? v : 0;
    case 'sigmoid': return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    case 'tanh': return Math.tanh(v);
    case 'elu': return v > 0 ? v : Math.exp(v) - 1;
    default: return v; // softmax is applied across units below
  }
}

export function forwardReference(layers: readonly DenseLayer[], columns: readonly Float32Array[], rows: number): LayerActivations[] {
  const out: LayerActivations[] = [];
  let x = columns;
  for (const l of layers) {
    const pre = Array.from({ length: l.outputs }, () => new Float32Array(rows));
    const post = Array.from({ length: l.outputs }, () => new Float32Array(rows));
    for (let j = 0; j < l.outputs; j++) {
      for (let r = 0; r < rows; r++) {
        let z = l.bias[j];
        for (let i = 0; i < l.inputs; i++) z = f32(z + f32(l.weight[j * l.inputs + i] * x[i][r]));
        pre[j][r] = z;
        post[j][r] = act(l.activation, z);
      }
    }
    if (l.activation === 'softmax') {
      for (let r = 0; r < rows; r++) {
        let m = -Infinity, s = 0;
        for (let j = 0; j < l.outputs; j++) m = Math.max(m, pre[j][r]);
        for (let j = 0; j < l.outputs; j++) s += Math.exp(pre[j][r] - m);
        for (let j = 0; j < l.outputs; j++) post[j][r] = Math.exp(pre[j][r] - m) / s;
      }
    }
    out.push({ pre, post });
    x = post;
  }
  return out;
}
