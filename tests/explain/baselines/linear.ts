// Networks whose outputs a local linear model can reproduce, and data for them (shared by the
// LIME and MAPLE tests; not a test file itself).
import { Mlp, type Activation } from '../../../src/nn/mlp.js';
import { Rng } from '../../../src/cgp/rng.js';
import { expect } from '@jest/globals';
import { agrees, randomColumns } from '../../helpers.js';
import type { LocalExplanation } from '../../../src/explain/baselines/explanation.js';

/** Rows drawn uniformly in [lo, hi]^d, seeded. */
export function uniformRows(d: number, n: number, seed: number, lo = -2, hi = 2): number[][] {
  const cols = randomColumns(d, n, seed, lo, hi);
  return Array.from({ length: n }, (_, r) => cols.map((c) => c[r]));
}

/** One dense layer: linear (regression) or linear logits under softmax/sigmoid (classification). */
export function singleLayer(d: number, k: number, activation: Activation, seed: number, scale = 1): Mlp {
  const rng = new Rng(seed);
  return new Mlp([{
    inputs: d, outputs: k, activation,
    weight: Float32Array.from({ length: d * k }, () => (2 * rng.uniform() - 1) * scale),
    bias: Float32Array.from({ length: k }, () => (rng.uniform() - 0.5) * scale),
  }]);
}

/** A linear hidden layer then a linear output: still a linear function of the inputs. */
export function linearHidden(d: number, h: number, k: number, seed: number): Mlp {
  const a = singleLayer(d, h, 'linear', seed), b = singleLayer(h, k, 'linear', seed + 1);
  return new Mlp([a.layers[0], b.layers[0]]);
}

/** The weight matrix of a linear network composed into rows: effective[c][j] = ∂y_c/∂x_j. */
export function effectiveWeights(mlp: Mlp): number[][] {
  let W: number[][] = Array.from({ length: mlp.inputs }, (_, i) => Array.from({ length: mlp.inputs }, (_, j) => +(i === j)));
  for (const l of mlp.layers) {
    W = Array.from({ length: l.outputs }, (_, o) => Array.from({ length: mlp.inputs }, (_, j) =>
      W.reduce((s, row, i) => s + l.weight[o * l.inputs + i] * row[j], 0)));
  }
  return W;
}

/** Every local model reproduces the linear network: its prediction at the point and its coefficients, to 1e-3 relative. */
export async function expectLinearModels(models: readonly LocalExplanation[], mlp: Mlp, testX: number[][]): Promise<void> {
  const net = await mlp.predict(testX);
  const W = effectiveWeights(mlp);
  models.forEach((m, r) => {
    m.prediction.forEach((p, c) => expect(agrees(p, net[c][r], 1e-3)).toBe(true));
    m.coefficients.forEach((row, c) => row.forEach((b, j) => expect(agrees(b, W[c][j], 1e-3)).toBe(true)));
  });
}
