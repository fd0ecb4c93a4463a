// Whole-network equation with the network as oracle (METHODS §3, Li arXiv 2011.12424):
// label points of a box with the network, run symbolic regression on them, and measure how
// faithfully each equation of the Pareto front follows the network inside the box (fresh
// points) and outside it (the enlarged box minus the box: extrapolation).
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';
import { enlargeBox, sampleBox, sampleExtrapolation, type Box } from '../data/samplers.js';
import type { Mlp } from '../nn/mlp.js';
import { SymbolicRegressor, type Equation } from '../search/regressor.js';
import type { RegressorOptions } from '../search/options.js';
import { fidelity, type Fidelity } from './fidelity.js';
import { networkValues } from './network-values.js';
import { checkBox, checkInteger, checkOutput } from './validate.js';
import { provenance, type Provenance } from '../provenance.js';

export interface DistillOptions extends RegressorOptions {
  /** Per-input [lo, hi] where the network is sampled (its training range, typically). */
  box: Box;
  /** Points labelled by the network for the search. Default 1000. */
  samples?: number;
  /** Fresh points for each fidelity measurement (inside, outside). Default 1000. */
  testSamples?: number;
  /** Output unit to explain. Default 0. */
  output?: number;
  /** Explain the output unit before its activation (a classifier's logit). Default false. */
  preActivation?: boolean;
  /** The extrapolation region is the box scaled by this about its centre, minus the box; 1 skips it. Default 1.5. */
  extrapolationFactor?: number;
}

/** An equation of the front with its agreement with the network. */
export interface DistilledEquation extends Equation {
  /** Against the network on fresh points of the box. */
  inside: Fidelity;
  /** Against the network between the box and the enlarged box; null when extrapolationFactor is 1. */
  outside: Fidelity | null;
}

const OWN = ['box', 'samples', 'testSamples', 'output', 'preActivation', 'extrapolationFactor'] as const;

/** The distilled front; `regressor` keeps the fitted search for predict/compile. */
export class DistillResult {
  constructor(
    /** The Pareto front, simplest first, each with its fidelity. */
    readonly equations: DistilledEquation[],
    /** Index of the chosen equation in `equations` (the regressor's best()). */
    readonly bestIndex: number,
    readonly box: [number, number][],
    /** The enlarged box of the extrapolation check, or null. */
    readonly extrapolationBox: [number, number][] | null,
    readonly output: number,
    readonly preActivation: boolean,
    readonly samples: number,
    readonly regressor: SymbolicRegressor,
    /** eqlens version, options, seed and the network's fingerprint. */
    readonly provenance?: Provenance,
  ) {}

  /** The chosen equation. */
  get best(): DistilledEquation { return this.equations[this.bestIndex]; }

  /** Fidelity of the chosen equation, inside and outside the box. */
  get fidelity(): { inside: Fidelity; outside: Fidelity | null } {
    return { inside: this.best.inside, outside: this.best.outside };
  }

  toJSON() {
    const r = this.regressor;
    return {
      equations: this.equations, best: this.best, bestIndex: this.bestIndex, fidelity: this.fidelity,
      box: this.box, extrapolationBox: this.extrapolationBox, output: this.output, preActivation: this.preActivation,
      samples: this.samples, seconds: r.seconds, generations: r.generations, evaluations: r.evaluations, stopReason: r.stopReason,
      provenance: this.provenance,
      threads: r.threads,
    };
  }
}

/**
 * Distils one output of a network into equations.
 * @example
 * const d = await distill(mlp, { box: [[1, 5], [1, 5]], generations: 20000, seed: 1, variableNames: ['m', 'a'] });
 * d.best.expression;          // "m * a"
 * d.fidelity.inside.r2;       // 0.99999…
 * d.fidelity.outside?.rmse;   // how far the equation and the network part beyond the box
 */
export async function distill(mlp: Mlp, options: DistillOptions): Promise<DistillResult> {
  if (!options || typeof options !== 'object') throw new EqlensError('E_OPTION', 'distill needs options with at least `box`');
  const { box: rawBox, samples = 1000, testSamples = 1000, output: rawOutput = 0, preActivation = false,
    extrapolationFactor = 1.5, ...regressorOptions } = options;
  // The regressor validates its own options (unknown names included) before any work is done.
  let sr: SymbolicRegressor;
  try {
    sr = new SymbolicRegressor(regressorOptions);
  } catch (e) {
    if (e instanceof EqlensError && /unknown option/.test(e.message)) throw new EqlensError(e.code, `${e.message}; and distill's own: ${OWN.join(', ')}`);
    throw e;
  }
  const box = checkBox(mlp, rawBox).map(([lo, hi]) => [lo, hi] as [number, number]);
  if (box.every(([lo, hi]) => lo === hi)) throw new EqlensError('E_OPTION', 'option box: every range has zero width; there is nothing to explain');
  checkInteger('samples', samples, 1, 1e7);
  checkInteger('testSamples', testSamples, 1, 1e7);
  const output = checkOutput(mlp, rawOutput);
  if (typeof preActivation !== 'boolean') throw new EqlensError('E_OPTION', `option preActivation: expected true or false, got ${String(preActivation)}`);
  if (!(typeof extrapolationFactor === 'number' && Number.isFinite(extrapolationFactor) && extrapolationFactor >= 1)) {
    throw new EqlensError('E_OPTION', `option extrapolationFactor: expected a finite number ≥ 1, got ${String(extrapolationFactor)}`);
  }

  // Three independent streams from one seed: search points, inside test points, outside test points.
  const rng = new Rng(sr.options.seed);
  const [trainSeed, insideSeed, outsideSeed] = [rng.next(), rng.next(), rng.next()];
  const X = sampleBox(box, samples, trainSeed);
  const y = await networkValues(mlp, X, output, preActivation);
  await sr.fit(X, y);
  if (!sr.equations.length) throw new EqlensError('E_ABORTED', 'the search ended before it found any equation with finite loss');

  const Xin = sampleBox(box, testSamples, insideSeed);
  const yin = await networkValues(mlp, Xin, output, preActivation);
  const outside = extrapolationFactor > 1;
  const Xout = outside ? sampleExtrapolation(box, extrapolationFactor, testSamples, outsideSeed) : undefined;
  const yout = Xout && await networkValues(mlp, Xout, output, preActivation);
  const equations = sr.equations.map((e, i) => ({
    ...e,
    inside: fidelity(yin, sr.predict(Xin, i)),
    outside: Xout && yout ? fidelity(yout, sr.predict(Xout, i)) : null,
  }));
  return new DistillResult(equations, sr.bestIndex, box, outside ? enlargeBox(box, extrapolationFactor) : null,
    output, preActivation, samples, sr, provenance('distill', options, undefined, mlp));
}
