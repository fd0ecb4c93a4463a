// Occlusion and integrated gradients at the logits, in f64: the attributions CD is compared with
// on exactly additive networks (where all three must agree).
import { activate, forwardPre, type CdNetwork } from './network.js';
import type { Activation } from '../../nn/mlp.js';

/** f(x) − f(x with feature i set to its baseline), at one logit, for each feature. */
export function occlusion(net: CdNetwork, x: Float64Array, baseline: Float64Array, output: number): Float64Array {
  const full = forwardPre(net, x).at(-1)![output];
  const y = Float64Array.from(x);
  return Float64Array.from({ length: net.inputs }, (_, i) => {
    y[i] = baseline[i];
    const v = full - forwardPre(net, y).at(-1)![output];
    y[i] = x[i];
    return v;
  });
}

function derivative(a: Activation, z: number): number {
  switch (a) {
    case 'relu': return z > 0 ? 1 : 0;
    case 'sigmoid': { const s = activate('sigmoid', z); return s * (1 - s); }
    case 'tanh': { const t = Math.tanh(z); return 1 - t * t; }
    case 'elu': return z > 0 ? 1 : Math.exp(z);
    default: return 1;
  }
}

/** ∂logit/∂x by backpropagation in f64. */
export function logitGradient(net: CdNetwork, x: Float64Array, output: number): Float64Array {
  const pre = forwardPre(net, x), L = net.layers.length;
  let g = new Float64Array(net.outputs);
  g[output] = 1;
  for (let k = L - 1; k >= 0; k--) {
    const l = net.layers[k];
    if (k < L - 1) for (let j = 0; j < l.outputs; j++) g[j] *= derivative(l.activation, pre[k][j]);
    const back = new Float64Array(l.inputs);
    for (let j = 0; j < l.outputs; j++) {
      if (g[j] === 0) continue;
      for (let i = 0; i < l.inputs; i++) back[i] += l.weight[j * l.inputs + i] * g[j];
    }
    g = back;
  }
  return g;
}

/** Integrated gradients from the baseline to x (midpoint rule with `steps` points), at one logit. */
export function integratedGradients(net: CdNetwork, x: Float64Array, baseline: Float64Array, output: number, steps: number): Float64Array {
  const sum = new Float64Array(net.inputs), p = new Float64Array(net.inputs);
  for (let s = 0; s < steps; s++) {
    const t = (s + 0.5) / steps;
    for (let i = 0; i < net.inputs; i++) p[i] = baseline[i] + t * (x[i] - baseline[i]);
    const g = logitGradient(net, p, output);
    for (let i = 0; i < net.inputs; i++) sum[i] += g[i];
  }
  return sum.map((v, i) => (v / steps) * (x[i] - baseline[i]));
}
