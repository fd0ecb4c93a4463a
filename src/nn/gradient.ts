// Analytic input gradients of any unit of any layer, by backpropagation over activations that
// the forward pass already computed (batched over rows, f64 accumulation).
import { EqlensError } from '../errors.js';
import type { DenseLayer, LayerActivations } from './mlp.js';

export interface GradientTarget {
  /** Weight layer index, 0-based (default: the output layer). */
  layer?: number;
  /** Unit within the layer (default 0). */
  unit?: number;
  /** Differentiate the pre-activation z instead of the activation (default false). */
  preActivation?: boolean;
}

/** ∂post/∂pre of an elementwise activation, from the stored pre/post values. */
function derivative(l: DenseLayer, pre: number, post: number): number {
  switch (l.activation) {
    case 'linear': return 1;
    case 'relu': return pre > 0 ? 1 : 0;
    case 'sigmoid': return post * (1 - post);
    case 'tanh': return 1 - post * post;
    case 'elu': return pre > 0 ? 1 : post + 1;
    default: throw new EqlensError('E_MODEL', 'softmax has no elementwise derivative');
  }
}

/** One Float64Array per input: ∂(target unit)/∂x_i for every row. */
export function backpropInput(layers: readonly DenseLayer[], acts: readonly LayerActivations[], rows: number,
  target: GradientTarget = {}): Float64Array[] {
  const L = target.layer ?? layers.length - 1;
  const u = target.unit ?? 0;
  if (!Number.isInteger(L) || L < 0 || L >= layers.length) throw new EqlensError('E_OPTION', `option layer: ${L} is not a layer index (0..${layers.length - 1})`);
  const top = layers[L];
  if (!Number.isInteger(u) || u < 0 || u >= top.outputs) throw new EqlensError('E_OPTION', `option unit: layer ${L} has units 0..${top.outputs - 1}, got ${u}`);
  // δ over the pre-activations of layer L.
  let delta: Float64Array[] = Array.from({ length: top.outputs }, () => new Float64Array(rows));
  if (target.preActivation) delta[u].fill(1);
  else if (top.activation === 'softmax') {
    const p = acts[L].post;
    for (let j = 0; j < top.outputs; j++) {
      for (let r = 0; r < rows; r++) delta[j][r] = p[u][r] * ((j === u ? 1 : 0) - p[j][r]);
    }
  } else {
    for (let r = 0; r < rows; r++) delta[u][r] = derivative(top, acts[L].pre[u][r], acts[L].post[u][r]);
  }
  for (let k = L; k >= 0; k--) {
    const l = layers[k];
    const below: Float64Array[] = Array.from({ length: l.inputs }, () => new Float64Array(rows));
    for (let j = 0; j < l.outputs; j++) {
      const dj = delta[j];
      for (let i = 0; i < l.inputs; i++) {
        const w = l.weight[j * l.inputs + i];
        if (w === 0) continue;
        const bi = below[i];
        for (let r = 0; r < rows; r++) bi[r] += w * dj[r];
      }
    }
    if (k > 0) {
      const prev = layers[k - 1];
      for (let i = 0; i < l.inputs; i++) {
        for (let r = 0; r < rows; r++) below[i][r] *= derivative(prev, acts[k - 1].pre[i][r], acts[k - 1].post[i][r]);
      }
    }
    delta = below;
  }
  return delta;
}
