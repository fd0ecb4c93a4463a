// energyExpansion: a network's logit on categorical inputs as E₀ + fields + couplings
// (METHODS §6), by reference differences or by derivatives at the uniform point, in the
// zero-sum or the reference gauge, with the share of the logit each order explains.
import { provenance, type Provenance } from '../../provenance.js';
import { EqlensError } from '../../errors.js';
import { Rng } from '../../cgp/rng.js';
import type { Mlp } from '../../nn/mlp.js';
import { logitLayers, oneHotLogits, oneHotNetwork } from '../../nn/one-hot.js';
import { autodiffTerms } from './autodiff.js';
import { consensus, resolveLayout, toStates, type EnergyInput, type Layout, type LayoutOptions } from './layout.js';
import { referenceTerms, type Progress } from './reference.js';
import { evaluateTerms, pairIndex, pairNorms, toReferenceGauge, toZeroSum, type EnergyTerms } from './terms.js';

export interface EnergyOptions extends LayoutOptions {
  /** 'reference': differences around a reference input (exact up to the order); 'autodiff': derivatives at σ = 1/q. Default 'reference'. */
  method?: 'reference' | 'autodiff';
  /** 1: fields only; 2: fields and couplings. Default 2. */
  order?: 1 | 2;
  /** 'zero-sum' (fields and every coupling row/column average to zero) or 'reference' (zero at the reference states). Default 'zero-sum'. */
  gauge?: 'zero-sum' | 'reference';
  /** Output unit whose logit (value before the output activation) is expanded. Default 0. */
  output?: number;
  /** Reference input x⁰ (a string with `alphabet`, or state indices). Default: the consensus of `data`, else state 0 everywhere. */
  reference?: EnergyInput;
  /**
   * Reference method: average the zero-sum terms of this many expansions, around the reference
   * and around inputs drawn from `data` (seeded). Differences around one input describe the
   * network in that input's background; when the network has higher orders, the average describes
   * it across the data (the terms of a network of order ≤ 2 do not depend on the reference, so
   * nothing changes for it). Costs that many times the passes. Default 1 (METHODS §6 as written).
   */
  references?: number;
  /** Held-out inputs on which R² of the truncations is measured (strings with `alphabet`, or state indices). */
  data?: readonly EnergyInput[];
  /** Without `data`: this many uniformly random inputs for R². Default 1000. */
  samples?: number;
  /** Seed of the random inputs. Default 0. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

const KNOWN = new Set(['positions', 'states', 'categories', 'alphabet', 'positionNames', 'method', 'order', 'gauge', 'output',
  'reference', 'references', 'data', 'samples', 'seed', 'signal', 'onProgress']);
const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

/** R² of the truncated expansion against the network's logit. */
export interface EnergyFit {
  /** E₀ + Σ h (in the chosen gauge). */
  order1: number;
  /** E₀ + Σ h + Σ J; null at order 1. */
  order2: number | null;
  /** How many inputs, and whether they were the given data or uniformly random ones. */
  samples: number;
  source: 'data' | 'random';
}

export interface PairRank { i: number; j: number; norm: number }

export interface PatternContributions {
  E0: number;
  /** h̃_i(x_i) per position. */
  fields: Float64Array;
  /** J̃_ij(x_i, x_j) for every pair i < j, largest |value| first. */
  couplings: { i: number; j: number; value: number }[];
  /** E₀ + Σ fields + Σ couplings (order 2) — the expansion's value at x. */
  energy: number;
}

/**
 * The result of energyExpansion: terms in the chosen gauge, pairs ranked by ‖J̃_ij‖ (always in
 * the zero-sum gauge, where the norm does not depend on a reference), and the fit.
 */
export class EnergyExpansion {
  /** eqlens version, options and the network's fingerprint. */
  provenance: Provenance | undefined;
  private nested: number[][][][] | undefined;
  /** @internal */
  constructor(readonly layout: Layout, private readonly terms: EnergyTerms, readonly meta: {
    method: 'reference' | 'autodiff'; order: 1 | 2; gauge: 'zero-sum' | 'reference'; output: number; reference: Int32Array | null;
    forwardPasses: number; seconds: number; fit: EnergyFit; pairs: PairRank[];
  }) {}

  get positions(): number { return this.layout.L; }
  get states(): number[] { return this.layout.q; }
  get E0(): number { return this.terms.E0; }
  /** Fields h[i][a]. */
  get h(): Float64Array[] { return this.terms.h; }
  /** Couplings J[i][j][a][b] (symmetric: J[j][i][b][a] = J[i][j][a][b]; zero for i = j); empty at order 1. */
  get J(): number[][][][] {
    const { L, q } = this.layout;
    if (!this.terms.J) return [];
    // Built once (L²·q² numbers): indexing e.J[i][j][a][b] in a loop must not rebuild it.
    return this.nested ??= Array.from({ length: L }, (_, i) => Array.from({ length: L }, (_, j) => {
      if (i === j) return Array.from({ length: q[i] }, () => new Array<number>(q[i]).fill(0));
      const [lo, hi] = i < j ? [i, j] : [j, i];
      const m = this.terms.J![pairIndex(L, lo, hi)];
      return Array.from({ length: q[i] }, (_, a) => Array.from({ length: q[j] }, (_, b) => (i < j ? m[a * q[j] + b] : m[b * q[i] + a])));
    }));
  }
  /** The q_i × q_j coupling matrix of positions i ≠ j, row-major. */
  coupling(i: number, j: number): Float64Array {
    const { L, q } = this.layout;
    if (!this.terms.J) throw new EqlensError('E_OPTION', 'an order-1 expansion has no couplings');
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < L && j < L && i !== j)) throw bad('coupling', `positions ${i}, ${j}: expected two different positions in 0..${L - 1}`);
    if (i < j) return this.terms.J[pairIndex(L, i, j)];
    const m = this.terms.J[pairIndex(L, j, i)];
    return Float64Array.from({ length: q[i] * q[j] }, (_, k) => m[(k % q[j]) * q[i] + Math.floor(k / q[j])]);
  }
  get method() { return this.meta.method; }
  get order() { return this.meta.order; }
  get gauge() { return this.meta.gauge; }
  get output() { return this.meta.output; }
  get reference(): Int32Array | null { return this.meta.reference; }
  /** Pairs i < j by the Frobenius norm of the zero-sum coupling matrix, largest first. */
  get pairs(): PairRank[] { return this.meta.pairs; }
  get fit(): EnergyFit { return this.meta.fit; }
  /** Forward passes that computed the terms (reference: 1 + Σq_i + Σ_{i<j} q_i·q_j; autodiff: 1), not counting the R² check. */
  get forwardPasses(): number { return this.meta.forwardPasses; }
  get seconds(): number { return this.meta.seconds; }

  /** The truncated expansion at one or more inputs. */
  predict(x: readonly EnergyInput[], order: 1 | 2 = this.order): Float64Array {
    const rows = toStates(this.layout, x, 'x');
    return Float64Array.from(rows, (r) => evaluateTerms(this.layout, this.terms, r, order === 2 ? 2 : 1));
  }

  /** Per-pattern contributions of one input: its field at each position and coupling at each pair. */
  contributions(x: EnergyInput): PatternContributions {
    const [s] = toStates(this.layout, [x], 'x');
    const { L, q } = this.layout;
    const fields = Float64Array.from({ length: L }, (_, i) => this.terms.h[i][s[i]]);
    const couplings: PatternContributions['couplings'] = [];
    if (this.terms.J) {
      let k = 0;
      for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++, k++) couplings.push({ i, j, value: this.terms.J[k][s[i] * q[j] + s[j]] });
      couplings.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    }
    return { E0: this.E0, fields, couplings, energy: evaluateTerms(this.layout, this.terms, s, this.order) };
  }

  /** Plain data: terms, ranked pairs with names, fit. Couplings are listed once per pair i < j. */
  toJSON() {
    const { L, q, positionNames, stateNames } = this.layout;
    const couplings = this.terms.J ? this.meta.pairs.map(({ i, j, norm }) => {
      const m = this.terms.J![pairIndex(L, i, j)];
      return { i, j, norm, J: Array.from({ length: q[i] }, (_, a) => Array.from(m.subarray(a * q[j], (a + 1) * q[j]))) };
    }) : [];
    return {
      method: this.method, order: this.order, gauge: this.gauge, output: this.output,
      positions: L, states: q, positionNames, stateNames,
      reference: this.reference ? Array.from(this.reference) : null,
      E0: this.E0,
      fields: this.terms.h.map((hi) => Array.from(hi)),
      pairs: this.meta.pairs.map(({ i, j, norm }) => ({ i, j, names: [positionNames[i], positionNames[j]], norm })),
      couplings,
      fit: this.fit,
      forwardPasses: this.forwardPasses,
      seconds: this.seconds,
      provenance: this.provenance,
    };
  }
}

/**
 * Expands the logit of a network on one-hot categorical inputs as an energy model.
 * @example
 * // 50 positions of amino acids or gap, one-hot (1050 inputs):
 * const e = await energyExpansion(mlp, { alphabet: 'ACDEFGHIKLMNPQRSTVWY-', data: heldOut });
 * e.pairs.slice(0, 5);           // most coupled position pairs
 * e.fit;                         // { order1: 0.81, order2: 0.99, … } R² against the network
 * e.contributions(heldOut[0]);   // h̃_i(x_i) per site, J̃_ij(x_i, x_j) per pair
 */
export async function energyExpansion(mlp: Mlp, options: EnergyOptions): Promise<EnergyExpansion> {
  const t0 = performance.now();
  if (!options || typeof options !== 'object') throw bad('options', 'expected an object');
  for (const k of Object.keys(options)) if (!KNOWN.has(k)) throw bad(k, `unknown option; known: ${[...KNOWN].join(', ')}`);
  const method = options.method ?? 'reference', order = options.order ?? 2, gauge = options.gauge ?? 'zero-sum';
  if (method !== 'reference' && method !== 'autodiff') throw bad('method', `expected 'reference' or 'autodiff', got ${String(method)}`);
  if (order !== 1 && order !== 2) throw bad('order', `expected 1 or 2, got ${String(order)}`);
  if (gauge !== 'zero-sum' && gauge !== 'reference') throw bad('gauge', `expected 'zero-sum' or 'reference', got ${String(gauge)}`);
  const samples = options.samples ?? 1000;
  if (!Number.isInteger(samples) || samples < 2) throw bad('samples', `expected an integer ≥ 2, got ${samples}`);
  const layout = resolveLayout(options, mlp.inputs);
  const layers = logitLayers(mlp, options.output ?? 0);
  const data = options.data === undefined ? undefined : toStates(layout, options.data, 'data');
  const needsReference = method === 'reference' || gauge === 'reference';
  const reference = options.reference !== undefined ? toStates(layout, [options.reference], 'reference')[0]
    : needsReference ? (data ? consensus(layout, data) : new Int32Array(layout.L)) : null;

  const references = options.references ?? 1;
  if (!Number.isInteger(references) || references < 1) throw bad('references', `expected a positive integer, got ${references}`);
  if (references > 1 && method !== 'reference') throw bad('references', 'averaging over references is for the reference method');
  if (references > 1 && !data) throw bad('references', 'the other references are drawn from data; give data');
  const raw = method === 'reference'
    ? await referenceTerms(layers, layout, reference!, order, options)
    : autodiffTerms(layers, layout, order);
  // Reference differences come out in the reference gauge; the Taylor terms in none in particular.
  let zeroSum = toZeroSum(layout, raw.terms);
  if (references > 1) {
    const rng = new Rng((options.seed ?? 0) + 1);
    const all = [zeroSum];
    for (let k = 1; k < references; k++) {
      const r = await referenceTerms(layers, layout, data![rng.below(data!.length)], order, options);
      raw.passes += r.passes;
      all.push(toZeroSum(layout, r.terms));
    }
    zeroSum = averageTerms(all);
  }
  const terms = gauge === 'zero-sum' ? zeroSum
    : method === 'reference' && references === 1 ? raw.terms : toReferenceGauge(layout, zeroSum, reference!);
  const pairs: PairRank[] = [];
  if (zeroSum.J) {
    const norms = pairNorms(zeroSum.J);
    let k = 0;
    for (let i = 0; i < layout.L; i++) for (let j = i + 1; j < layout.L; j++, k++) pairs.push({ i, j, norm: norms[k] });
    pairs.sort((a, b) => b.norm - a.norm || a.i - b.i || a.j - b.j);
  }

  // R² on held-out inputs: the network's logit by the same one-hot pass (one column per position).
  const evalRows = data ?? randomInputs(layout, samples, options.seed ?? 0);
  const idx = new Int32Array(evalRows.length * layout.L);
  evalRows.forEach((x, r) => { for (let i = 0; i < layout.L; i++) idx[r * layout.L + i] = layout.offsets[i] + x[i]; });
  const F = await oneHotLogits(oneHotNetwork(layers), idx, layout.L);
  const r2 = (o: 1 | 2) => rSquared(F, evalRows.map((x) => evaluateTerms(layout, terms, x, o)));
  const fit: EnergyFit = { order1: r2(1), order2: order === 2 ? r2(2) : null, samples: evalRows.length, source: data ? 'data' : 'random' };

  const result = new EnergyExpansion(layout, terms, {
    method, order, gauge, output: options.output ?? 0, reference,
    forwardPasses: raw.passes, seconds: (performance.now() - t0) / 1000, fit, pairs,
  });
  result.provenance = provenance('energyExpansion', options, undefined, mlp);
  return result;
}

function averageTerms(all: EnergyTerms[]): EnergyTerms {
  const n = all.length;
  const avg = (arrays: Float64Array[]) => arrays[0].map((_, k) => arrays.reduce((s, a) => s + a[k], 0) / n);
  return {
    E0: all.reduce((s, t) => s + t.E0, 0) / n,
    h: all[0].h.map((_, i) => avg(all.map((t) => t.h[i]))),
    J: all[0].J ? all[0].J.map((_, k) => avg(all.map((t) => t.J![k]))) : null,
  };
}

function randomInputs(layout: Layout, n: number, seed: number): Int32Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Int32Array.from(layout.q, (q) => rng.below(q)));
}

/** 1 − SS_res/SS_tot; 1 when the logit is constant and matched exactly, else 0 for a constant logit. */
export function rSquared(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < y.length; k++) m += y[k];
  m /= y.length;
  let res = 0, tot = 0;
  for (let k = 0; k < y.length; k++) { res += (y[k] - yhat[k]) ** 2; tot += (y[k] - m) ** 2; }
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}
