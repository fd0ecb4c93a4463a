// MAPLE (Plumb, Molitor & Talwalkar 2018) as METHODS.md §7 sets it: a random forest fitted to the
// network's outputs on the training points; a query point weights each training point by how
// often it shares a leaf with it (Σ over trees of 1/leaf size), and a weighted ridge fit on the
// training points with those weights is the local linear model. MAPLE's optional DStump feature
// selection is not used: every feature enters the local model.
import type { Matrix } from '../../data/matrix.js';
import type { Mlp } from '../../nn/mlp.js';
import { makeExplanation, type LocalExplainer, type LocalExplanation } from './explanation.js';
import { localFidelity, type FidelityResult } from './fidelity.js';
import { RegressionForest } from './forest.js';
import { LeafIndex } from './leaves.js';
import {
  checkRun, intOption, makeYielder, numOption, rejectUnknown, splitRun, taskOption, throwIfAborted, type RunOptions, type Task,
} from './options.js';
import { solveMoments } from './ridge.js';
import { checkMlp, checkPoint, checkRows, defaultTask, toTargets } from './targets.js';

export interface MapleOptions {
  /** 'classification' explains class probabilities; default: classification when the output layer is softmax. */
  task?: Task;
  /** Trees in the forest. Default 200. */
  trees?: number;
  /** Fewest training rows in a leaf. Default 10. */
  minLeaf?: number;
  /** Fraction of the features tried at each split. Default 0.5. */
  maxFeatures?: number;
  /** Ridge penalty of the local fit, on raw inputs (scikit-learn's alpha). Default 0.001. */
  ridge?: number;
  /** Seed of the forest (bootstrap samples and feature draws). Default 0. */
  seed?: number;
  /**
   * Memory (MiB) for precomputed moments of big leaves, which make explanations fast when leaves
   * hold thousands of rows; 0 turns them off. The result is the same either way (up to rounding).
   * Default 64.
   */
  cacheMB?: number;
}

const KEYS = ['task', 'trees', 'minLeaf', 'maxFeatures', 'ridge', 'seed', 'cacheMB'] as const;
const POINTS_PER_PROGRESS = 64;

/**
 * A MAPLE explainer: the forest and the network's targets on the training points. For
 * classification one forest fits all class probabilities at once (scikit-learn's multi-output
 * regressor, with the squared error summed over classes), so every class's local model uses the
 * same neighbourhood, as one query point should have; it also costs one forest instead of k.
 * Build one with `maple()`.
 */
export class MapleExplainer implements LocalExplainer {
  private readonly d: number;
  private readonly k: number;
  private readonly weight: Float64Array; // scratch: neighbour weights, zero between queries

  /**
   * `x`: the training inputs, row-major rows × d (the f32 values the network saw); `y`: the
   * targets per output over the training rows.
   */
  constructor(private readonly mlp: Mlp, readonly forest: RegressionForest, private readonly leaves: LeafIndex,
    private readonly x: Float64Array, private readonly y: readonly Float64Array[], readonly task: Task, readonly ridge: number) {
    this.d = mlp.inputs;
    this.k = y.length;
    this.weight = new Float64Array(y[0].length);
  }

  /**
   * The local linear model around one point.
   * @example
   * const ex = await maple(mlp, trainX, { seed: 1 });
   * const { intercept, coefficients, prediction } = await ex.explain(testX[0]);
   */
  async explain(x: ArrayLike<number>): Promise<LocalExplanation> {
    return this.explainPoint(checkPoint(x, this.mlp));
  }

  /**
   * Local linear models around every row of X.
   * @example
   * const models = await ex.explainMany(testX, { signal: AbortSignal.timeout(60_000) });
   */
  async explainMany(X: Matrix, run: RunOptions = {}): Promise<LocalExplanation[]> {
    checkRun(run);
    const { columns, rows } = checkRows(X, this.mlp, 'X');
    const out: LocalExplanation[] = [];
    const pause = makeYielder();
    for (let r = 0; r < rows; r++) {
      if (r % POINTS_PER_PROGRESS === 0) {
        if (r > 0) run.onProgress?.({ done: r, total: rows });
        await pause();
        throwIfAborted(run.signal, 'MAPLE');
      }
      out.push(this.explainPoint(Float32Array.from(columns, (c) => c[r])));
    }
    run.onProgress?.({ done: rows, total: rows });
    return out;
  }

  /**
   * Training points that share a leaf with x, each weighted Σ_trees 1/(leaf size): MAPLE's
   * neighbourhood, spelled out row by row (explanations use the same weights, faster).
   * @example
   * const { rows, weights } = ex.neighbours(testX[0]);   // weights sum to the number of trees
   */
  neighbours(x: ArrayLike<number>): { rows: Int32Array; weights: Float64Array } {
    const touched: number[] = [];
    for (let t = 0; t < this.forest.trees.length; t++) this.addLeafRows(t, this.forest.leafOf(t, x), touched);
    return this.takeWeights(touched);
  }

  private addLeafRows(t: number, leaf: number, touched: number[]): void {
    const { weight } = this;
    const s = this.leaves.start[t][leaf], e = this.leaves.start[t][leaf + 1];
    const share = 1 / (e - s); // e > s: the leaf was grown from training rows that land in it
    const rows = this.leaves.rows[t];
    for (let p = s; p < e; p++) {
      const r = rows[p];
      if (weight[r] === 0) touched.push(r);
      weight[r] += share;
    }
  }

  private takeWeights(touched: number[]): { rows: Int32Array; weights: Float64Array } {
    const rows = Int32Array.from(touched);
    const weights = Float64Array.from(rows, (r) => this.weight[r]);
    for (const r of touched) this.weight[r] = 0;
    return { rows, weights };
  }

  /**
   * The weighted ridge fit on the neighbourhood, from centred moments: rows of small leaves one
   * by one, big leaves through their precomputed moments (parallel-axis theorem: a leaf of mean
   * μ and scatter S adds S + (μ−x̄)(μ−x̄)ᵀ at total weight 1; no cancellation on raw scales).
   */
  private explainPoint(x: Float32Array): LocalExplanation {
    const { d, k, leaves } = this;
    const touched: number[] = [];
    const groups: [number, number][] = []; // (tree, offset of the leaf's moments)
    for (let t = 0; t < this.forest.trees.length; t++) {
      const leaf = this.forest.leafOf(t, x);
      const at = leaves.momentAt[t][leaf];
      if (at >= 0) groups.push([t, at]);
      else this.addLeafRows(t, leaf, touched);
    }
    const { rows, weights } = this.takeWeights(touched);
    const xbar = new Float64Array(d), ybar = new Float64Array(k);
    let W = 0;
    rows.forEach((r, q) => {
      const w = weights[q];
      W += w;
      for (let j = 0; j < d; j++) xbar[j] += w * this.x[r * d + j];
      for (let c = 0; c < k; c++) ybar[c] += w * this.y[c][r];
    });
    for (const [t, at] of groups) {
      const m = leaves.moments[t];
      W += 1;
      for (let j = 0; j < d; j++) xbar[j] += m[at + j];
      for (let c = 0; c < k; c++) ybar[c] += m[at + d + c];
    }
    for (let j = 0; j < d; j++) xbar[j] /= W;
    for (let c = 0; c < k; c++) ybar[c] /= W;
    const A = new Float64Array(d * d), B = new Float64Array(d * k);
    const u = new Float64Array(d), v = new Float64Array(k);
    const add = (w: number) => {
      for (let j = 0; j < d; j++) {
        const wu = w * u[j];
        for (let l = 0; l <= j; l++) A[j * d + l] += wu * u[l];
        for (let c = 0; c < k; c++) B[j * k + c] += wu * v[c];
      }
    };
    rows.forEach((r, q) => {
      for (let j = 0; j < d; j++) u[j] = this.x[r * d + j] - xbar[j];
      for (let c = 0; c < k; c++) v[c] = this.y[c][r] - ybar[c];
      add(weights[q]);
    });
    const sAt = d + k, cAt = d + k + (d * (d + 1)) / 2;
    for (const [t, at] of groups) {
      const m = leaves.moments[t];
      for (let j = 0; j < d; j++) u[j] = m[at + j] - xbar[j];
      for (let c = 0; c < k; c++) v[c] = m[at + d + c] - ybar[c];
      add(1);
      for (let j = 0, p = at + sAt; j < d; j++) {
        for (let l = 0; l <= j; l++) A[j * d + l] += m[p++];
        for (let c = 0; c < k; c++) B[j * k + c] += m[at + cAt + j * k + c];
      }
    }
    const { intercept, coefficients } = solveMoments(A, B, xbar, ybar, d, k, this.ridge);
    return makeExplanation(this.task, intercept, coefficients.map((b) => Array.from(b)), x);
  }
}

function resolve(mlp: Mlp, o: MapleOptions): Required<MapleOptions> {
  rejectUnknown(o, KEYS, 'maple'); // signal and onProgress belong to explainMany
  return {
    task: o.task === undefined ? defaultTask(mlp) : taskOption(o.task),
    trees: o.trees === undefined ? 200 : intOption('trees', o.trees, 1, 100000),
    minLeaf: o.minLeaf === undefined ? 10 : intOption('minLeaf', o.minLeaf, 1, 1e9),
    maxFeatures: o.maxFeatures === undefined ? 0.5 : numOption('maxFeatures', o.maxFeatures, 0, 1),
    ridge: o.ridge === undefined ? 0.001 : numOption('ridge', o.ridge, 0),
    seed: o.seed === undefined ? 0 : intOption('seed', o.seed, 0, 2 ** 32 - 1),
    cacheMB: o.cacheMB === undefined ? 64 : numOption('cacheMB', o.cacheMB, 0, Infinity, true),
  };
}

/**
 * Builds a MAPLE explainer: labels the training points with the network (one predict call) and
 * fits the forest to those labels.
 * @example
 * const ex = await maple(mlp, trainX, { seed: 3 });
 * const e = await ex.explain(testX[0]);   // e.prediction: the local models at the point
 */
export async function maple(mlp: Mlp, trainX: Matrix, options: MapleOptions = {}): Promise<MapleExplainer> {
  checkMlp(mlp, 'maple');
  const o = resolve(mlp, options);
  const { columns, rows } = checkRows(trainX, mlp, 'trainX');
  const targets = toTargets(mlp, await mlp.predict(trainX), o.task);
  const forest = RegressionForest.fit(columns, rows, targets, o);
  const d = columns.length;
  const x = new Float64Array(rows * d);
  columns.forEach((col, j) => { for (let r = 0; r < rows; r++) x[r * d + j] = col[r]; });
  const y = targets.map((t) => Float64Array.from(t));
  // A tree has at most rows/B leaves of B or more rows: B is chosen so all trees' moments fit the budget.
  const stride = d + y.length + (d * (d + 1)) / 2 + d * y.length;
  const minMomentLeaf = o.cacheMB > 0 ? Math.max(2, Math.ceil((o.trees * rows * stride * 8) / (o.cacheMB * 2 ** 20))) : Infinity;
  const leaves = new LeafIndex(forest, x, y, rows, d, minMomentLeaf);
  return new MapleExplainer(mlp, forest, leaves, x, y, o.task, o.ridge);
}

/**
 * MAPLE's fidelity to the network on the rows of testX (see FidelityResult).
 * @example
 * const f = await mapleFidelity(mlp, train.X, test.X, { task: 'classification', seed: 1 });
 * console.log(`MAPLE agrees with the network on ${(100 * f.fidelity).toFixed(1)}% of test points`);
 */
export async function mapleFidelity(mlp: Mlp, trainX: Matrix, testX: Matrix, options: MapleOptions & RunOptions = {}): Promise<FidelityResult> {
  const started = performance.now();
  const { rest, run } = splitRun(options, 'mapleFidelity');
  const ex = await maple(mlp, trainX, rest);
  return localFidelity(mlp, testX, ex.task, await ex.explainMany(testX, run), started);
}
