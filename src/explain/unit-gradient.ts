// The quantity f a symbolic-gradient explanation describes, and its input gradient: a
// classifier's logit (log-odds of a class), or the pre-activation of any hidden unit. Points
// where f's gradient is not usable are dropped here, with the reason counted.
import { EqlensError } from '../errors.js';
import type { Mlp } from '../nn/mlp.js';

/** Which unit to explain: the network's decision, or unit `index` of weight layer `layer` (0-based). */
export type UnitSpec = 'output' | { layer: number; index: number };

export interface UnitValues {
  /** f at every point. */
  f: Float64Array;
  /** ∂f/∂x_k at every point, one column per input. */
  gradient: Float64Array[];
  /** What f is, for the report: e.g. "logit of class 1 (log p1/(1 − p1))". */
  description: string;
  /** True when f is a log-odds, so that the probability band applies. */
  isLogit: boolean;
}

const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

/** Validates `unit` against the network's layers. */
export function checkUnit(mlp: Mlp, unit: unknown): UnitSpec {
  if (unit === 'output') return unit;
  if (!unit || typeof unit !== 'object') throw bad('unit', `expected 'output' or { layer, index }, got ${JSON.stringify(unit)}`);
  const { layer, index } = unit as { layer?: unknown; index?: unknown };
  const L = mlp.layers.length;
  if (typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0 || layer >= L) {
    throw bad('unit', `layer ${String(layer)} is not a weight layer of this network (0..${L - 1})`);
  }
  const width = mlp.layers[layer].outputs;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= width) {
    throw bad('unit', `index ${String(index)} is outside layer ${layer}, which has units 0..${width - 1}`);
  }
  return { layer, index };
}

/**
 * f and ∇f for the unit. For 'output': a sigmoid or linear single output gives its
 * pre-activation; a softmax gives the log-odds of class `cls`,
 * log p_c − log(1 − p_c) = z_c − log Σ_{j≠c} e^{z_j} (for two classes simply z_1 − z_0).
 * A hidden unit gives its pre-activation: the activation is monotone, so it adds nothing.
 */
export async function unitValues(mlp: Mlp, X: number[][], unit: UnitSpec, cls: number | undefined): Promise<UnitValues> {
  const acts = await mlp.activations(X);
  const n = X.length;
  if (unit !== 'output') {
    const gradient = await mlp.inputGradient(X, { layer: unit.layer, unit: unit.index, preActivation: true });
    return { f: Float64Array.from(acts[unit.layer].pre[unit.index]), gradient, description: `pre-activation of unit ${unit.index} in layer ${unit.layer}`, isLogit: false };
  }
  const top = mlp.layers.length - 1, last = mlp.layers[top];
  if (last.activation !== 'softmax') {
    const c = cls ?? 0;
    if (!Number.isInteger(c) || c < 0 || c >= last.outputs) throw bad('class', `expected an output unit 0..${last.outputs - 1}, got ${String(cls)}`);
    const gradient = await mlp.inputGradient(X, { layer: top, unit: c, preActivation: true });
    return {
      f: Float64Array.from(acts[top].pre[c]), gradient,
      description: last.activation === 'sigmoid' ? `logit of output ${c}` : `output ${c} (${last.activation})`,
      isLogit: last.activation === 'sigmoid',
    };
  }
  const K = last.outputs;
  const c = cls ?? (K === 2 ? 1 : undefined);
  if (c === undefined) throw bad('class', `the network has ${K} classes: say which class's log-odds to explain (0..${K - 1})`);
  if (!Number.isInteger(c) || c < 0 || c >= K) throw bad('class', `expected a class 0..${K - 1}, got ${String(c)}`);
  const z = acts[top].pre;
  const grads = await Promise.all(Array.from({ length: K }, (_, j) => mlp.inputGradient(X, { layer: top, unit: j, preActivation: true })));
  const d = mlp.inputs;
  const f = new Float64Array(n);
  const gradient = Array.from({ length: d }, () => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    let m = -Infinity;
    for (let j = 0; j < K; j++) if (j !== c) m = Math.max(m, z[j][r]);
    let s = 0;
    for (let j = 0; j < K; j++) if (j !== c) s += Math.exp(z[j][r] - m);
    f[r] = z[c][r] - (m + Math.log(s));
    for (let k = 0; k < d; k++) {
      let g = grads[c][k][r];
      for (let j = 0; j < K; j++) if (j !== c) g -= (Math.exp(z[j][r] - m) / s) * grads[j][k][r];
      gradient[k][r] = g;
    }
  }
  return { f, gradient, description: K === 2 ? `log-odds of class ${c} (z${c} − z${1 - c})` : `log-odds of class ${c} against the others`, isLogit: true };
}
