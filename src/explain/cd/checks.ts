// Reality checks for CD (METHODS §5), shipped as functions so users can run them on their own
// networks and the tests run them on ours:
// - completeness: the score of all features equals the logit minus the bias share;
// - model-parameter randomisation: re-drawing the weights from the top layer down must change the
//   attributions (Spearman ρ with the original scores reported per step);
// - agreement with occlusion and integrated gradients on exactly additive networks.
import { EqlensError } from '../../errors.js';
import type { Matrix } from '../../data/matrix.js';
import { Rng } from '../../cgp/rng.js';
import type { Mlp } from '../../nn/mlp.js';
import { decompose } from './decompose.js';
import { checkKnown, checkOutput, inputRows } from './input.js';
import { cdNetwork, forwardPre, type CdNetwork } from './network.js';
import { integratedGradients, occlusion } from './baselines.js';
import { spearman } from './rank.js';

const singles = (d: number) => Array.from({ length: d }, (_, i) => Int32Array.of(i));

export interface CompletenessReport {
  /** max over inputs and outputs of |CD(all features) − (logit − bias share)|, the logit from a separate forward pass. */
  maxError: number;
  /** max |bias share|: the part of the biases CD leaves outside the group of all features. */
  maxBiasShare: number;
  rows: number;
}

/**
 * Completeness: for the group of all features, β at the logits must equal the logit minus the bias
 * share γ (what is left of the biases), for every input and output.
 * @example
 * cdCompleteness(mlp, X).maxError; // ~1e-15
 */
export function cdCompleteness(mlp: Mlp, X: Matrix | ArrayLike<number>): CompletenessReport {
  const net = cdNetwork(mlp), d = net.inputs, K = net.outputs;
  const x = inputRows(X, d);
  const p = decompose(net, x.data, x.rows, [Int32Array.from({ length: d }, (_, i) => i)]);
  let maxError = 0, maxBiasShare = 0;
  for (let r = 0; r < x.rows; r++) {
    const z = forwardPre(net, x.data.subarray(r * d, (r + 1) * d)).at(-1)!;
    for (let k = 0; k < K; k++) {
      const share = p.irrelevant[r * K + k];
      maxError = Math.max(maxError, Math.abs(p.relevant[r * K + k] - (z[k] - share)));
      maxBiasShare = Math.max(maxBiasShare, Math.abs(share));
    }
  }
  return { maxError, maxBiasShare, rows: x.rows };
}

export interface RandomisationOptions {
  /** Output unit whose scores are compared. Default 0. */
  output?: number;
  /** Seed of the re-drawn weights. Default 0. */
  seed?: number;
}

export interface RandomisationStep {
  /** Layers from this one to the output have random weights. */
  fromLayer: number;
  /** Mean over inputs of Spearman's ρ between original and randomised per-feature CD scores. */
  spearman: number;
  /** The same for |score| (rank of importance regardless of sign). */
  spearmanAbs: number;
}

function meanRowSpearman(a: Float64Array, b: Float64Array, rows: number, d: number, abs: boolean): number {
  let s = 0;
  for (let r = 0; r < rows; r++) {
    const u = a.subarray(r * d, (r + 1) * d), v = b.subarray(r * d, (r + 1) * d);
    s += abs ? spearman(u.map(Math.abs), v.map(Math.abs)) : spearman(u, v);
  }
  return s / rows;
}

function singleScores(net: CdNetwork, x: Float64Array, rows: number, output: number): Float64Array {
  const d = net.inputs, K = net.outputs;
  const p = decompose(net, x, rows, singles(d));
  return Float64Array.from({ length: rows * d }, (_, t) => p.relevant[t * K + output]);
}

/**
 * Model-parameter randomisation (cascading, from the top): layer by layer from the output down, the
 * weights are re-drawn from a normal distribution with the layer's own weight standard deviation
 * (biases kept), and the per-feature CD scores are compared with the original ones. A real
 * explanation depends on the weights, so ρ should fall well below 1.
 * @example
 * for (const s of cdRandomisation(mlp, X, { seed: 1 })) console.log(s.fromLayer, s.spearman);
 */
export function cdRandomisation(mlp: Mlp, X: Matrix | ArrayLike<number>, options: RandomisationOptions = {}): RandomisationStep[] {
  checkKnown(options, ['output', 'seed'], 'cdRandomisation');
  const output = checkOutput(options.output ?? 0, mlp.outputs);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new EqlensError('E_OPTION', `cdRandomisation: option seed: expected an integer, got ${JSON.stringify(seed)}`);
  const net = cdNetwork(mlp), d = net.inputs;
  const x = inputRows(X, d);
  const original = singleScores(net, x.data, x.rows, output);
  const rng = new Rng(seed);
  const layers = net.layers.map((l) => ({ ...l }));
  const steps: RandomisationStep[] = [];
  for (let k = layers.length - 1; k >= 0; k--) {
    const w = layers[k].weight;
    let m = 0, s = 0;
    for (const v of w) m += v;
    m /= w.length;
    for (const v of w) s += (v - m) ** 2;
    const sd = Math.sqrt(s / w.length) || 1 / Math.sqrt(layers[k].inputs);
    layers[k] = { ...layers[k], weight: Float64Array.from(w, () => sd * rng.gaussian()) };
    const scores = singleScores({ ...net, layers }, x.data, x.rows, output);
    steps.push({
      fromLayer: k,
      spearman: meanRowSpearman(original, scores, x.rows, d, false),
      spearmanAbs: meanRowSpearman(original, scores, x.rows, d, true),
    });
  }
  return steps;
}

/**
 * Whether the network is exactly additive, f(x) = Σ gᵢ(xᵢ) at the logits: every hidden unit
 * depends (through nonzero weights) on at most one input feature.
 */
export function isExactlyAdditive(mlp: Mlp): boolean {
  let depends: Set<number>[] = Array.from({ length: mlp.inputs }, (_, i) => new Set([i]));
  for (let k = 0; k < mlp.layers.length - 1; k++) {
    const l = mlp.layers[k];
    depends = Array.from({ length: l.outputs }, (_, j) => {
      const s = new Set<number>();
      for (let i = 0; i < l.inputs; i++) if (l.weight[j * l.inputs + i] !== 0) for (const f of depends[i]) s.add(f);
      return s;
    });
    if (depends.some((s) => s.size > 1)) return false;
  }
  return true;
}

export interface AdditiveAgreementOptions {
  /** Output unit. Default 0. */
  output?: number;
  /** The occlusion value and integration start of each feature. Default all zeros. */
  baseline?: readonly number[];
  /** Integration points of integrated gradients (midpoint rule). Default 256. */
  steps?: number;
}

export interface AgreementReport {
  additive: boolean;
  /** max |CD({i}) − other attribution of i| over inputs and features. */
  maxAbsDifference: { occlusion: number; integratedGradients: number };
  /** Mean over inputs of Spearman's ρ between CD and the other attribution. */
  spearman: { occlusion: number; integratedGradients: number };
}

/**
 * Per-feature CD scores against occlusion and integrated gradients. On an exactly additive network
 * whose hidden units have no biases and act(0) = 0 (relu, tanh, elu, linear), with a zero baseline
 * and no output bias, all three equal gᵢ(xᵢ) (up to the integration error of IG).
 * @example
 * const r = cdAdditiveAgreement(additiveMlp, X);
 * r.maxAbsDifference.occlusion; // ~1e-15
 */
export function cdAdditiveAgreement(mlp: Mlp, X: Matrix | ArrayLike<number>, options: AdditiveAgreementOptions = {}): AgreementReport {
  checkKnown(options, ['output', 'baseline', 'steps'], 'cdAdditiveAgreement');
  const net = cdNetwork(mlp), d = net.inputs;
  const output = checkOutput(options.output ?? 0, mlp.outputs);
  const steps = options.steps ?? 256;
  if (!Number.isInteger(steps) || steps < 1) throw new EqlensError('E_OPTION', `cdAdditiveAgreement: option steps: expected a positive integer, got ${JSON.stringify(steps)}`);
  const baseline = options.baseline === undefined ? new Float64Array(d) : inputRows(options.baseline, d, 'option baseline').data;
  const x = inputRows(X, d);
  const cd = singleScores(net, x.data, x.rows, output);
  const occ = new Float64Array(x.rows * d), ig = new Float64Array(x.rows * d);
  for (let r = 0; r < x.rows; r++) {
    const row = x.data.subarray(r * d, (r + 1) * d);
    occ.set(occlusion(net, row, baseline, output), r * d);
    ig.set(integratedGradients(net, row, baseline, output, steps), r * d);
  }
  const maxDiff = (a: Float64Array) => a.reduce((m, v, t) => Math.max(m, Math.abs(v - cd[t])), 0);
  return {
    additive: isExactlyAdditive(mlp),
    maxAbsDifference: { occlusion: maxDiff(occ), integratedGradients: maxDiff(ig) },
    spearman: { occlusion: meanRowSpearman(cd, occ, x.rows, d, false), integratedGradients: meanRowSpearman(cd, ig, x.rows, d, false) },
  };
}
