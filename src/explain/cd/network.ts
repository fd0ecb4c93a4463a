// The network as contextual decomposition sees it: every weight widened to f64 once (f32 → f64 is
// exact), and a plain f64 forward pass. CD subtracts nearly equal numbers (the bias share, the
// activation splits), so it runs in f64 throughout and the scores are checked against an f64 forward.
import type { Activation, Mlp } from '../../nn/mlp.js';

export interface CdLayer {
  inputs: number;
  outputs: number;
  /** Row-major outputs × inputs, as in DenseLayer. */
  weight: Float64Array;
  bias: Float64Array;
  activation: Activation;
}

export interface CdNetwork {
  inputs: number;
  outputs: number;
  layers: CdLayer[];
}

export function cdNetwork(mlp: Mlp): CdNetwork {
  return {
    inputs: mlp.inputs,
    outputs: mlp.outputs,
    layers: mlp.layers.map((l) => ({
      inputs: l.inputs, outputs: l.outputs, activation: l.activation,
      weight: Float64Array.from(l.weight), bias: Float64Array.from(l.bias),
    })),
  };
}

/** The elementwise activation (softmax never reaches here: CD scores the output at its logits). */
export function activate(a: Activation, v: number): number {
  switch (a) {
    case 'relu': return v > 0 ? v : 0;
    case 'sigmoid': return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    case 'tanh': return Math.tanh(v);
    case 'elu': return v > 0 ? v : Math.expm1(v);
    default: return v;
  }
}

/**
 * Pre-activations of every layer for one input (f64). The last entry holds the logits: the output
 * layer's activation is never applied, because CD scores the output before it.
 */
export function forwardPre(net: CdNetwork, x: ArrayLike<number>): Float64Array[] {
  const pre: Float64Array[] = [];
  let h: ArrayLike<number> = x;
  net.layers.forEach((l, k) => {
    const z = new Float64Array(l.outputs);
    for (let j = 0; j < l.outputs; j++) {
      let s = l.bias[j];
      const o = j * l.inputs;
      for (let i = 0; i < l.inputs; i++) s += l.weight[o + i] * h[i];
      z[j] = s;
    }
    pre.push(z);
    if (k < net.layers.length - 1) h = z.map((v) => activate(l.activation, v));
  });
  return pre;
}

/** The logits (output pre-activations) for one input. */
export function logits(net: CdNetwork, x: ArrayLike<number>): Float64Array {
  return forwardPre(net, x).at(-1)!;
}
