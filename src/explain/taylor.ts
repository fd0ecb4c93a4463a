// Truncated Taylor polynomial of a network (METHODS §3, Li arXiv 2011.12424): exact
// derivatives up to `order` at one or more points, by propagating jets through the layers,
// averaged over the points in the global basis of monomials of x, with the truncation error
// measured against the network.
import { EqlensError } from '../errors.js';
import { sampleBox, type Box } from '../data/samplers.js';
import type { Mlp } from '../nn/mlp.js';
import { MonomialBasis } from './monomials.js';
import { outputJet } from './jet-forward.js';
import { evaluate, formatPolynomial, monomialText, toGlobal } from './polynomial.js';
import { fidelity, type Fidelity } from './fidelity.js';
import { networkValues } from './network-values.js';
import { checkBox, checkInteger, checkKnown, checkNames, checkOutput } from './validate.js';

export interface TaylorOptions {
  /** Expansion point (one value per input), or several points whose polynomials are averaged. */
  at: readonly number[] | readonly (readonly number[])[];
  /** Highest total degree of the polynomial. Default 2. */
  order?: number;
  /** Output unit. Default 0. */
  output?: number;
  /**
   * Expand the output unit before its activation. Default false: after it, i.e. what
   * `mlp.predict` returns (for a softmax classifier, the probability). true gives the logit,
   * which is usually far closer to a low-order polynomial than a saturating probability.
   */
  preActivation?: boolean;
  /** Region where the truncation error is measured. Default: the points' bounding box widened by `radius`. */
  box?: Box;
  /** Half-width added around the points when there is no box. Default 0.1. */
  radius?: number;
  /** Points sampled to measure the error. Default 1000. */
  samples?: number;
  /** Seed of those points. Default 0. */
  seed?: number;
  /** Names in the printed polynomial. Default x0, x1, … */
  variableNames?: readonly string[];
  /** Significant digits of printed coefficients. Default 4. */
  digits?: number;
}

export interface TaylorTerm {
  exponents: number[];
  /** e.g. `x0^2*x1`; `1` for the constant. */
  monomial: string;
  coefficient: number;
}

/** A term in powers of (x − x0) at one point (`monomial` names the power of x − x0): coefficient = derivative / α!. */
export interface LocalTerm extends TaylorTerm {
  /** The mixed partial derivative ∂^α f(x0). */
  derivative: number;
}

const KNOWN = ['at', 'order', 'output', 'preActivation', 'box', 'radius', 'samples', 'seed', 'variableNames', 'digits'];

/** The averaged Taylor polynomial, its terms at each point, and its error against the network. */
export class TaylorResult {
  constructor(
    private readonly basis: MonomialBasis,
    /** Coefficients of the monomials of x, in `terms` order. */
    readonly coefficients: Float64Array,
    readonly points: number[][],
    readonly local: { at: number[]; terms: LocalTerm[] }[],
    readonly variables: string[],
    readonly output: number,
    readonly preActivation: boolean,
    readonly expression: string,
    /** Polynomial vs network in `region`. */
    readonly error: Fidelity & { region: [number, number][] },
  ) {}

  get order(): number { return this.basis.order; }

  /** Monomials of x (not of x − x0), lowest degree first. */
  get terms(): TaylorTerm[] {
    return this.basis.exponents.map((e, m) => ({ exponents: [...e], monomial: monomialText(e, this.variables), coefficient: this.coefficients[m] }));
  }

  /**
   * Coefficient of one monomial of x, by exponents.
   * @example
   * t.coefficient([1, 1]); // the x0·x1 coefficient
   */
  coefficient(exponents: readonly number[]): number {
    const m = this.basis.indexOf(exponents);
    if (exponents.length !== this.basis.dims || m < 0) {
      throw new EqlensError('E_OPTION', `exponents ${JSON.stringify(exponents)}: expected ${this.basis.dims} non-negative integers of total degree ≤ ${this.basis.order}`);
    }
    return this.coefficients[m];
  }

  /** The polynomial at one input row. */
  evaluate(x: ArrayLike<number>): number { return evaluate(this.basis, this.coefficients, x); }

  toJSON() {
    return {
      order: this.order, output: this.output, preActivation: this.preActivation, variables: this.variables,
      points: this.points, expression: this.expression, terms: this.terms, local: this.local, error: this.error,
    };
  }
}

/**
 * The order-k Taylor polynomial of a network output from its exact derivatives. With several
 * points, each local polynomial is rewritten in powers of x and the coefficients are
 * averaged (as in Li's thesis).
 * @example
 * const t = await taylor(mlp, { at: [[1], [2], [3]], order: 2, box: [[0, 4]], variableNames: ['x'] });
 * t.expression;   // "0.5001*x^2 - 2.001*x + 1.002"
 * t.error.rmse;   // polynomial vs network over [0, 4]
 */
export async function taylor(mlp: Mlp, options: TaylorOptions): Promise<TaylorResult> {
  const o = resolve(mlp, options);
  const basis = new MonomialBasis(mlp.inputs, o.order);
  const target = { output: o.output, preActivation: o.preActivation };
  const global = new Float64Array(basis.size);
  const local = o.points.map((x0) => {
    const c = outputJet(mlp, basis, x0, target);
    const g = toGlobal(basis, c, x0);
    for (let m = 0; m < g.length; m++) global[m] += g[m] / o.points.length;
    return {
      at: [...x0],
      terms: basis.exponents.map((e, m) => ({
        exponents: [...e], monomial: monomialText(e, o.names), coefficient: c[m],
        derivative: c[m] * e.reduce((f, k) => f * factorial(k), 1),
      })),
    };
  });
  const nonFinite = global.findIndex((v) => !Number.isFinite(v));
  if (nonFinite >= 0) throw new EqlensError('E_MODEL', `the order-${o.order} derivatives overflow (coefficient of ${monomialText(basis.exponents[nonFinite], o.names)} is ${global[nonFinite]}); use a lower order`);

  const X = sampleBox(o.region, o.samples, o.seed);
  const net = await networkValues(mlp, X, o.output, o.preActivation);
  const poly = X.map((x) => evaluate(basis, global, x));
  return new TaylorResult(basis, global, o.points.map((p) => [...p]), local, o.names, o.output, o.preActivation,
    formatPolynomial(basis, global, o.names, o.digits), { ...fidelity(net, poly), region: o.region });
}

/** Defaults filled in and every option checked, before any work. */
function resolve(mlp: Mlp, options: TaylorOptions) {
  if (!options || typeof options !== 'object') throw new EqlensError('E_OPTION', 'taylor needs options with at least `at` (the expansion point)');
  checkKnown(options, KNOWN);
  // An option given as undefined takes its default, as with destructuring.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TaylorOptions;
  const o = { order: 2, output: 0, preActivation: false, radius: 0.1, samples: 1000, seed: 0, digits: 4, ...given };
  const points = checkPoints(mlp, o.at);
  checkInteger('order', o.order, 0, 30);
  checkOutput(mlp, o.output);
  if (typeof o.preActivation !== 'boolean') throw new EqlensError('E_OPTION', `option preActivation: expected true or false, got ${String(o.preActivation)}`);
  if (!(typeof o.radius === 'number' && o.radius >= 0 && Number.isFinite(o.radius))) throw new EqlensError('E_OPTION', `option radius: expected a finite number ≥ 0, got ${String(o.radius)}`);
  checkInteger('samples', o.samples, 1, 1e7);
  checkInteger('seed', o.seed, 0, 2 ** 32 - 1);
  checkInteger('digits', o.digits, 1, 17);
  const names = checkNames(mlp, o.variableNames);
  // No box: the points' bounding box, widened so that a single point has a neighbourhood.
  const region = o.box !== undefined
    ? checkBox(mlp, o.box).map(([lo, hi]) => [lo, hi] as [number, number])
    : Array.from({ length: mlp.inputs }, (_, i) => {
      const v = points.map((p) => p[i]);
      return [Math.min(...v) - o.radius, Math.max(...v) + o.radius] as [number, number];
    });
  return { ...o, points, names, region };
}

/** `at` as a list of points: a flat list is one point. */
function checkPoints(mlp: Mlp, at: unknown): number[][] {
  const bad = (why: string) => new EqlensError('E_OPTION', `option at: ${why}`);
  if (!Array.isArray(at) || at.length === 0) throw bad('expected a point (one number per input) or a non-empty list of points');
  const points = (at.every((v) => typeof v === 'number') ? [at] : at) as unknown[];
  return points.map((p, k) => {
    if (!Array.isArray(p) || !p.every((v) => typeof v === 'number')) throw bad(`point ${k} is ${JSON.stringify(p)}, not a list of numbers`);
    if (p.length !== mlp.inputs) {
      const hint = points.length === 1 && mlp.inputs === 1 ? ' (several points are a list of points: [[2], [3]])' : '';
      throw new EqlensError('E_DATA_SHAPE', `option at: point ${k} has ${p.length} values; the network takes ${mlp.inputs} inputs${hint}`);
    }
    const i = p.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw bad(`point ${k} has ${p[i]} at input ${i}`);
    return p as number[];
  });
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}
