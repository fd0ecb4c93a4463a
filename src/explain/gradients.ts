// Symbolic gradients (METHODS §4, Wetzel arXiv 2401.04978): a classifier that decides on a
// quantity q(x) is described equally well by any strictly monotone φ(q), so eqlens looks for the
// simplest expression g whose normalised gradient matches the network's — for the decision
// (log-odds), a hidden neuron or a latent unit — rather than for g's values.
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';
import { toColumns, type Matrix } from '../data/matrix.js';
import { sampleBox, type Box } from '../data/samplers.js';
import type { Mlp } from '../nn/mlp.js';
import type { MathNode } from '../expr/math.js';
import { gradientLossReference } from '../cgp/tangent.js';
import { toTex, toText } from '../expr/format.js';
import { resolveOptions, type RegressorOptions, type ResolvedOptions } from '../search/options.js';
import { memberGradient, runGradientSearch, type GradientSearch } from '../search/gradient-search.js';
import { checkBox, checkInteger, checkKnown, checkNames } from './validate.js';
import { checkUnit, unitValues, type UnitSpec } from './unit-gradient.js';
import { provenance, type Provenance } from '../provenance.js';
import type { FunctionName } from '../cgp/functions.js';

export type { UnitSpec } from './unit-gradient.js';

export interface SymbolicGradientOptions extends Omit<RegressorOptions, 'linearScaling' | 'variableNames'> {
  /** 'output' (the decision's log-odds; default) or { layer, index } for a hidden or latent unit (its pre-activation). */
  unit?: UnitSpec;
  /** For a softmax with more than two classes: whose log-odds to explain. Default: class 1 of two. */
  class?: number;
  /** Keep points whose probability σ(f) lies in this band (output unit only). Default [1e-4, 0.9999]. */
  band?: [number, number];
  /** Points drawn uniformly when a box is given. Default 10000. */
  samples?: number;
  /** Points the search is scored on (a seeded subsample of the kept points). Default 500: directions in a few dimensions need no more, and each halving doubles the generations per second. */
  trainPoints?: number;
  /** Held-out points for the loss and |cos| of every front member. Default 1000. */
  heldOutPoints?: number;
  /** Names of the inputs in printed expressions. Default x0, x1, … */
  variableNames?: readonly string[];
}

/** One member of the front. */
export interface GradientEquation {
  /** Engine complexity: function weights plus one per leaf. */
  complexity: number;
  /** Nodes of the printed expression (operators, functions, variables, constants). */
  size: number;
  /** Normalised-gradient loss on the search points. */
  loss: number;
  /** The same loss on held-out points. */
  heldOutLoss: number;
  /** Mean |cos(∇g, ∇f)| on held-out points: 1 means the level sets coincide. */
  cos: number;
  /** Oriented so that g increases with the unit; simplified. */
  expression: string;
  latex: string;
}

export const MONOTONE_NOTE = 'Any strictly monotone function of g (e.g. a·g + b with a > 0, exp(g), g³) has the same level sets and the same decisions: only the direction of ∇g is determined.';

const OWN = ['unit', 'class', 'band', 'samples', 'trainPoints', 'heldOutPoints', 'variableNames'] as const;

/** The defaults of a symbolic-gradient search where they differ from SymbolicRegressor's. */
const GRADIENT_DEFAULTS: RegressorOptions = {
  // tan's poles make gradients explode for no descriptive gain; two constants let g hold
  // the relative weights of its terms (linear scaling does not exist for directions).
  functions: ['add', 'sub', 'mul', 'div', 'neg', 'square', 'sqrt', 'exp', 'ln', 'sin', 'cos'] as FunctionName[],
  constants: 2,
  generations: 60000,
  restartAfter: 10000,
};

/** Number of nodes of an expression tree, parentheses not counted. */
export function expressionSize(node: MathNode): number {
  let n = 0;
  node.traverse((c) => { if (c.type !== 'ParenthesisNode') n++; });
  return n;
}

export class SymbolicGradientsResult {
  /** eqlens version, options, seed, data and network fingerprints. */
  provenance: Provenance | undefined;
  constructor(
    /** The Pareto front (complexity vs training loss), simplest first. */
    readonly equations: GradientEquation[],
    /** Index of the chosen member: see chooseSimplest. */
    readonly bestIndex: number,
    /** What was explained, e.g. "log-odds of class 1 (z1 − z0)". */
    readonly unitDescription: string,
    readonly points: { given: number; kept: number; train: number; heldOut: number; band: [number, number] | null },
    readonly seconds: number,
    readonly generations: number,
    readonly stopReason: string,
    private readonly search: GradientSearch,
    private readonly names: readonly string[],
    /** |cos(∇g, ∇f)| of the chosen member at each held-out point (rows where either gradient vanishes are left out). */
    private readonly heldOutAlignment: Float64Array = new Float64Array(0),
  ) {}

  /** |cos(∇g, ∇f)| of the chosen equation at each held-out point: the distribution behind `best.cos`. */
  alignment(): Float64Array { return this.heldOutAlignment.slice(); }

  get best(): GradientEquation { return this.equations[this.bestIndex]; }
  get note(): string { return MONOTONE_NOTE; }

  /** ∇g of member `index` (default: the best, oriented as printed) at the rows of X: one column per input. */
  gradient(X: Matrix, index = this.bestIndex): Float64Array[] {
    const m = this.search.members[index];
    if (!m) throw new EqlensError('E_OPTION', `equation index ${index} is outside the front (0..${this.equations.length - 1})`);
    const { columns, rows } = toColumns(X);
    if (columns.length !== this.names.length) throw new EqlensError('E_DATA_SHAPE', `X has ${columns.length} columns; the expressions take ${this.names.length}`);
    const d = this.search.engine.loadData(columns, rows);
    try {
      return memberGradient(this.search, m, d).map((c) => Float64Array.from(c, (v) => m.sign * v));
    } finally {
      this.search.engine.freeData(d);
    }
  }

  toJSON() {
    return {
      equations: this.equations, best: this.best, bestIndex: this.bestIndex, unit: this.unitDescription,
      note: this.note, points: this.points, seconds: this.seconds, generations: this.generations, stopReason: this.stopReason,
      provenance: this.provenance,
    };
  }
}

/**
 * The simplest member whose held-out misalignment 1 − cos is at most twice the best member's
 * plus 5e-4. The network's gradient has systematic errors (held-out points come from the same
 * network, so they cannot expose them); longer expressions that fit those errors lower the
 * loss a little, and PySR's score rule then prefers them. Twice the best misalignment keeps the
 * choice at the structure, not at the network's quirks.
 */
export function chooseSimplest(front: readonly { cos: number }[]): number {
  if (!front.length) return -1;
  const floor = Math.min(...front.map((e) => 1 - e.cos));
  return front.findIndex((e) => 1 - e.cos <= 2 * floor + 5e-4);
}

/** Mean over rows of |cos| between two gradient fields (rows where either vanishes are skipped). */
export function meanAbsCos(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[], rows: number): number {
  const c = absCosPerRow(a, b, rows);
  let s = 0;
  for (const v of c) s += v;
  return c.length ? s / c.length : 0;
}

/** |cos| between two gradient fields at each row (rows where either vanishes are skipped). */
export function absCosPerRow(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[], rows: number): Float64Array {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let ab = 0, aa = 0, bb = 0;
    for (let k = 0; k < a.length; k++) { ab += a[k][r] * b[k][r]; aa += a[k][r] ** 2; bb += b[k][r] ** 2; }
    if (aa > 0 && bb > 0 && Number.isFinite(ab)) out.push(Math.abs(ab) / Math.sqrt(aa * bb));
  }
  return Float64Array.from(out);
}

function normalised(gradient: readonly Float64Array[], rows: readonly number[]): Float32Array[] {
  const out = gradient.map(() => new Float32Array(rows.length));
  rows.forEach((r, i) => {
    const norm = Math.sqrt(gradient.reduce((s, g) => s + g[r] * g[r], 0));
    gradient.forEach((g, k) => { out[k][i] = g[r] / norm; });
  });
  return out;
}

/**
 * Finds expressions g whose normalised gradient matches the chosen unit's on the given
 * points (or on `samples` uniform points of a box).
 * @example
 * const r = await symbolicGradients(mlp, { box: [[-1, 1], [-1, 1]] }, { seed: 1 });
 * r.best.expression; // "x0 ^ 2 + 2 * x1 ^ 2" — or any monotone function of it
 * r.best.cos;        // 0.999…: mean |cos(∇g, ∇logit)| on held-out points
 */
export async function symbolicGradients(mlp: Mlp, X: Matrix | { box: Box }, options: SymbolicGradientOptions = {}): Promise<SymbolicGradientsResult> {
  const t0 = performance.now();
  if (!options || typeof options !== 'object') throw new EqlensError('E_OPTION', 'options: expected an object');
  const { unit: rawUnit = 'output', class: cls, band: rawBand = [1e-4, 0.9999], samples = 10000, trainPoints = 500,
    heldOutPoints = 1000, variableNames, ...searchOptions } = options;
  let o: ResolvedOptions;
  try {
    o = resolveOptions({ ...GRADIENT_DEFAULTS, ...searchOptions, linearScaling: false });
  } catch (e) {
    if (e instanceof EqlensError && /unknown option/.test(e.message)) throw new EqlensError(e.code, `${e.message}; and symbolicGradients' own: ${OWN.join(', ')}`);
    throw e;
  }
  checkKnown(options, [...OWN, ...Object.keys(searchOptions)]);
  const unit = checkUnit(mlp, rawUnit);
  if (!Array.isArray(rawBand) || rawBand.length !== 2 || !rawBand.every((v) => typeof v === 'number' && v >= 0 && v <= 1) || !(rawBand[0] < rawBand[1])) {
    throw new EqlensError('E_OPTION', `option band: expected [lo, hi] with 0 ≤ lo < hi ≤ 1, got ${JSON.stringify(rawBand)}`);
  }
  checkInteger('samples', samples, 1, 1e7);
  checkInteger('trainPoints', trainPoints, 10, 1e6);
  checkInteger('heldOutPoints', heldOutPoints, 1, 1e6);
  const names = checkNames(mlp, variableNames);

  const rng = new Rng(o.seed);
  const [sampleSeed, splitSeed] = [rng.next(), rng.next()];
  let points: number[][];
  if (X && typeof X === 'object' && !Array.isArray(X) && 'box' in X) {
    points = sampleBox(checkBox(mlp, (X as { box: Box }).box), samples, sampleSeed);
  } else {
    const { columns, rows } = toColumns(X as Matrix);
    if (columns.length !== mlp.inputs) throw new EqlensError('E_DATA_SHAPE', `X has ${columns.length} columns; the network takes ${mlp.inputs} inputs`);
    points = Array.from({ length: rows }, (_, r) => columns.map((c) => c[r]));
  }

  const u = await unitValues(mlp, points, unit, cls);
  const d = mlp.inputs;
  const bad = u.gradient.findIndex((g) => g.some((v) => !Number.isFinite(v)));
  if (bad >= 0) {
    const r = u.gradient[bad].findIndex((v) => !Number.isFinite(v));
    throw new EqlensError('E_DATA_VALUE', `the network's gradient ∂f/∂x${bad} is ${u.gradient[bad][r]} at point ${r} (${JSON.stringify(points[r])}): check the inputs and the weights`);
  }
  const band = u.isLogit ? rawBand as [number, number] : null;
  const keep: number[] = [];
  for (let r = 0; r < points.length; r++) {
    let norm2 = 0;
    for (let k = 0; k < d; k++) norm2 += u.gradient[k][r] ** 2;
    if (!(norm2 > 1e-24)) continue; // a flat point (e.g. a dead ReLU) has no direction
    if (band) {
      const p = 1 / (1 + Math.exp(-u.f[r]));
      if (!(p > band[0] && p < band[1])) continue;
    }
    keep.push(r);
  }
  if (keep.length < 20) {
    throw new EqlensError('E_DATA_EMPTY', band
      ? `only ${keep.length} of ${points.length} points have a probability in the band [${band[0]}, ${band[1]}] (at least 20 are needed): widen the band or give more data near the decision boundary`
      : `only ${keep.length} of ${points.length} points have a non-zero gradient of the unit (at least 20 are needed): give more data or choose another unit`);
  }
  // A seeded shuffle, then train points first and held-out points after them.
  const split = new Rng(splitSeed);
  for (let i = keep.length - 1; i > 0; i--) {
    const j = Math.floor(split.uniform() * (i + 1));
    [keep[i], keep[j]] = [keep[j], keep[i]];
  }
  const nHeld = Math.min(heldOutPoints, Math.max(1, Math.floor(keep.length / 4)), keep.length - 10);
  const nTrain = Math.min(trainPoints, keep.length - nHeld);
  const trainRows = keep.slice(0, nTrain), heldRows = keep.slice(keep.length - nHeld);
  const col = (rows: number[]) => Array.from({ length: d }, (_, k) => Float32Array.from(rows, (r) => points[r][k]));

  const search = await runGradientSearch(col(trainRows), nTrain, normalised(u.gradient, trainRows), o, names);
  if (!search.members.length) throw new EqlensError('E_ABORTED', 'the search ended before it found any non-constant expression');

  const heldCols = col(heldRows);
  const heldTarget = normalised(u.gradient, heldRows);
  const heldData = search.engine.loadData(heldCols, nHeld);
  let equations: GradientEquation[];
  const perRow: Float64Array[] = [];
  try {
    equations = search.members.map((m) => {
      const grad = memberGradient(search, m, heldData);
      perRow.push(absCosPerRow(grad, heldTarget, nHeld));
      const cos = meanAbsCos(grad, heldTarget, nHeld);
      return {
        complexity: m.complexity, size: expressionSize(m.node), loss: m.loss,
        heldOutLoss: gradientLossReference(grad, heldTarget, nHeld), cos,
        expression: toText(m.node), latex: toTex(m.node),
      };
    });
  } finally {
    search.engine.freeData(heldData);
  }
  // A member whose gradient is NaN/Inf somewhere on the held-out points (a pole the search
  // points missed) cannot be trusted there: it is dropped rather than reported with a NaN.
  const finite = equations.map((e, i) => [e, i] as const).filter(([e]) => Number.isFinite(e.heldOutLoss) && Number.isFinite(e.cos));
  if (finite.length && finite.length < equations.length) {
    search.members = finite.map(([, i]) => search.members[i]);
    equations = finite.map(([e]) => e);
  }
  const best = chooseSimplest(equations);
  const result = new SymbolicGradientsResult(equations, best, u.description,
    { given: points.length, kept: keep.length, train: nTrain, heldOut: nHeld, band },
    (performance.now() - t0) / 1000, search.run.generations, search.run.stopReason, search, names, perRow[best]);
  result.provenance = provenance('symbolicGradients', options, { columns: Array.from({ length: d }, (_, k) => Float32Array.from(points, (p) => p[k])), rows: points.length }, mlp);
  return result;
}
