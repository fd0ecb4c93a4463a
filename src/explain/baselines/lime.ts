// Tabular LIME (Ribeiro et al. 2016) as METHODS.md §7 sets it: Gaussian perturbations with the
// training data's per-feature std around the query point, labelled by the network, weighted by an
// exponential kernel on standardised distance, and fitted by weighted ridge; the local linear
// model is the explanation.
import type { Matrix } from '../../data/matrix.js';
import type { Mlp } from '../../nn/mlp.js';
import { Rng } from '../../cgp/rng.js';
import { makeExplanation, type LocalExplainer, type LocalExplanation } from './explanation.js';
import { localFidelity, type FidelityResult } from './fidelity.js';
import {
  bad,
  checkRun, intOption, makeYielder, numOption, rejectUnknown, splitRun, taskOption, throwIfAborted,
  type RunOptions, type Task,
} from './options.js';
import { WeightedRidge } from './ridge.js';
import { checkMlp, checkPoint, checkRows, defaultTask, toTargets } from './targets.js';

export interface LimeOptions {
  /** 'classification' explains class probabilities; default: classification when the output layer is softmax. */
  task?: Task;
  /** Perturbations per query point. Default 5000 (LIME's default). */
  samples?: number;
  /**
   * Width of the kernel exp(−d²/width²) on standardised distance, as METHODS.md §7 states it (the
   * lime package weights by the square root of this, i.e. a √2 wider kernel). Default 0.75·√(inputs).
   */
  kernelWidth?: number;
  /**
   * Ridge penalty on the standardised coefficients. Default 1e-3: against kernel weights summing
   * to hundreds or more it shrinks nothing measurable; it is only there to keep the system
   * solvable (LIME's own Ridge(alpha=1) would pull a 5000-sample fit visibly toward zero).
   */
  ridge?: number;
  /** Seed of the perturbations. Default 0. */
  seed?: number;
  /** Network rows per predict call when explaining many points. Default 16384 (fits the CPU cache; larger calls ran at half the rows per second). */
  batchRows?: number;
  /**
   * Where the perturbations are centred: 'point' (METHODS.md §7, default) or 'mean', the training
   * data's mean, as the lime package does by default (sample_around_instance=False). With 'mean'
   * the network is only queried around the training data, so a point outside it gets a local
   * model extrapolated from there: the fair comparison for extrapolation.
   */
  sampleAround?: 'point' | 'mean';
}

const KEYS = ['task', 'samples', 'kernelWidth', 'ridge', 'seed', 'batchRows', 'sampleAround'] as const;

/**
 * A LIME explainer for one network and training set. The standardised perturbations are drawn
 * once from `seed` and reused for every query point (common random numbers), so an explanation
 * depends only on the point, the seed and the training data, not on which points were explained
 * before it. They are drawn in antithetic pairs (ε, −ε): the sample is then exactly symmetric
 * about the point, so a linear network is reproduced exactly at the point, and the sampling
 * noise of every odd-order term of the network around the point cancels. Build one with `lime()`.
 */
export class LimeExplainer implements LocalExplainer {
  /** Per-feature standard deviation of the training data: the perturbation scale. */
  readonly scale: Float64Array;
  readonly samples: number;
  readonly kernelWidth: number;
  readonly ridge: number;
  readonly seed: number;
  private readonly batchRows: number;
  private readonly active: number[]; // features with a non-zero std (the others are never perturbed)
  private readonly noise: Float64Array; // samples × active, standard normal, antithetic
  private readonly fit: WeightedRidge;

  readonly sampleAround: 'point' | 'mean';
  private shared: Float32Array[] | undefined; // 'mean': the network's targets on the shared sample

  constructor(private readonly mlp: Mlp, scale: Float64Array, readonly task: Task, o: Required<LimeOptions>,
    private readonly trainMean: Float64Array) {
    this.scale = scale;
    this.sampleAround = o.sampleAround;
    this.samples = o.samples;
    this.kernelWidth = o.kernelWidth;
    this.ridge = o.ridge;
    this.seed = o.seed;
    this.batchRows = o.batchRows;
    this.active = Array.from(scale.keys()).filter((j) => scale[j] > 0);
    const n = o.samples, da = this.active.length;
    const rng = new Rng(o.seed);
    const noise = new Float64Array(n * da);
    // Pairs (ε, −ε); an odd count ends with ε = 0, the point itself, as LIME's first row is.
    for (let i = 0; i + 1 < n; i += 2) {
      for (let j = 0; j < da; j++) {
        const e = rng.gaussian();
        noise[i * da + j] = e;
        noise[(i + 1) * da + j] = -e;
      }
    }
    const weights = new Float64Array(n);
    const w2 = o.kernelWidth * o.kernelWidth;
    for (let i = 0; i < n; i++) {
      let d2 = 0;
      for (let j = 0; j < da; j++) d2 += noise[i * da + j] ** 2;
      weights[i] = Math.exp(-d2 / w2);
    }
    this.noise = noise;
    this.fit = new WeightedRidge(noise, n, da, weights, o.ridge);
  }

  /**
   * The local linear model around one point.
   * @example
   * const ex = await lime(mlp, trainX, { seed: 1 });
   * const { intercept, coefficients, prediction } = await ex.explain([0.5, -1.2]);
   */
  async explain(x: ArrayLike<number>): Promise<LocalExplanation> {
    const p = checkPoint(x, this.mlp);
    return (await this.explainRows([p], {}))[0];
  }

  /**
   * Local linear models around every row of X, labelling the perturbations of several points in
   * one predict call.
   * @example
   * const models = await ex.explainMany(testX, { onProgress: ({ done, total }) => console.log(done, total) });
   */
  async explainMany(X: Matrix, run: RunOptions = {}): Promise<LocalExplanation[]> {
    checkRun(run);
    const { columns, rows } = checkRows(X, this.mlp, 'X');
    return this.explainRows(Array.from({ length: rows }, (_, r) => Float32Array.from(columns, (c) => c[r])), run);
  }

  private async explainRows(points: Float32Array[], run: RunOptions): Promise<LocalExplanation[]> {
    if (this.sampleAround === 'mean') return this.explainFromMean(points, run);
    const { mlp, samples: n, active, noise, scale } = this;
    const d = mlp.inputs, da = active.length;
    const perCall = Math.max(1, Math.floor(this.batchRows / n));
    const out: LocalExplanation[] = [];
    const pause = makeYielder();
    for (let start = 0; start < points.length; start += perCall) {
      await pause();
      throwIfAborted(run.signal, 'LIME');
      const batch = points.slice(start, start + perCall);
      const data = new Float32Array(batch.length * n * d);
      batch.forEach((x, q) => {
        for (let i = 0; i < n; i++) {
          const row = (q * n + i) * d;
          data.set(x, row);
          for (let a = 0; a < da; a++) data[row + active[a]] += scale[active[a]] * noise[i * da + a];
        }
      });
      const targets = toTargets(mlp, await mlp.predict({ data, shape: [batch.length * n, d] }), this.task);
      batch.forEach((x, q) => {
        out.push(this.toRaw(this.fit.solve(targets.map((t) => t.subarray(q * n, (q + 1) * n))), x));
      });
      run.onProgress?.({ done: out.length, total: points.length });
    }
    return out;
  }
  /** Back from standardised offsets (z − x)/std to raw inputs: model(z) = c + Σ β_a (z_a − x_a)/std_a. */
  private toRaw(fit: { intercept: number[]; coefficients: Float64Array[] }, x: ArrayLike<number>): LocalExplanation {
    const { active, scale } = this;
    const raw = fit.coefficients.map((beta) => {
      const b = new Array<number>(this.mlp.inputs).fill(0);
      active.forEach((j, a) => { b[j] = beta[a] / scale[j]; });
      return b;
    });
    const c0 = fit.intercept.map((c, k) => raw[k].reduce((s, b, j) => s - b * x[j], c));
    return makeExplanation(this.task, c0, raw, x);
  }

  /** 'mean': one sample around the training mean, labelled once; per point, kernel weights and a weighted ridge. */
  private async explainFromMean(points: Float32Array[], run: RunOptions): Promise<LocalExplanation[]> {
    const { mlp, samples: n, active, noise, scale, trainMean } = this;
    const d = mlp.inputs, da = active.length;
    const sample = new Float64Array(n * da);
    for (let i = 0; i < n; i++) for (let a = 0; a < da; a++) sample[i * da + a] = trainMean[active[a]] + scale[active[a]] * noise[i * da + a];
    if (!this.shared) {
      const data = new Float32Array(n * d);
      for (let i = 0; i < n; i++) {
        data.set(Float32Array.from(trainMean), i * d);
        for (let a = 0; a < da; a++) data[i * d + active[a]] = sample[i * da + a];
      }
      this.shared = toTargets(mlp, await mlp.predict({ data, shape: [n, d] }), this.task);
    }
    const targets = this.shared;
    const w2 = this.kernelWidth * this.kernelWidth;
    const out: LocalExplanation[] = [];
    const pause = makeYielder();
    for (const x of points) {
      await pause();
      throwIfAborted(run.signal, 'LIME');
      const design = offsetsFrom(sample, x, active, scale);
      const weights = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let d2 = 0;
        for (let a = 0; a < da; a++) d2 += design[i * da + a] ** 2;
        weights[i] = Math.exp(-d2 / w2);
      }
      // Weights are rescaled to mean 1, so the ridge penalty means what it means around a point
      // even far from the data, where every raw weight is tiny; if all underflow, equal weights.
      const sum = weights.reduce((a, b) => a + b, 0);
      if (sum > 1e-300) for (let i = 0; i < n; i++) weights[i] *= n / sum;
      else weights.fill(1);
      out.push(this.toRaw(new WeightedRidge(design, n, da, weights, this.ridge).solve(targets), x));
      run.onProgress?.({ done: out.length, total: points.length });
    }
    return out;
  }
}

/** Offsets (z − x)/std of the shared sample z from a point x, row-major samples × active. */
function offsetsFrom(sample: Float64Array, x: ArrayLike<number>, active: readonly number[], scale: Float64Array): Float64Array {
  const da = active.length, n = sample.length / da;
  const out = new Float64Array(sample.length);
  for (let i = 0; i < n; i++) for (let a = 0; a < da; a++) out[i * da + a] = (sample[i * da + a] - x[active[a]]) / scale[active[a]];
  return out;
}

function resolve(mlp: Mlp, o: LimeOptions): Required<LimeOptions> {
  rejectUnknown(o, KEYS, 'lime'); // signal and onProgress belong to explainMany
  return {
    task: o.task === undefined ? defaultTask(mlp) : taskOption(o.task),
    samples: o.samples === undefined ? 5000 : intOption('samples', o.samples, 2, 1e7),
    kernelWidth: o.kernelWidth === undefined ? 0.75 * Math.sqrt(mlp.inputs) : numOption('kernelWidth', o.kernelWidth, 0),
    ridge: o.ridge === undefined ? 1e-3 : numOption('ridge', o.ridge, 0),
    seed: o.seed === undefined ? 0 : intOption('seed', o.seed, 0, 2 ** 32 - 1),
    batchRows: o.batchRows === undefined ? 16384 : intOption('batchRows', o.batchRows, 1, 1e8),
    sampleAround: o.sampleAround === undefined ? 'point' : (() => {
      if (o.sampleAround !== 'point' && o.sampleAround !== 'mean') throw bad('sampleAround', `expected 'point' or 'mean', got ${String(o.sampleAround)}`);
      return o.sampleAround;
    })(),
  };
}

/**
 * Builds a LIME explainer: the training data give only the per-feature std (population std, as
 * LIME's StandardScaler); the network labels the perturbations when a point is explained.
 * @example
 * const ex = await lime(mlp, trainX, { seed: 7 });
 * const e = await ex.explain(testX[0]);   // e.coefficients[c][j]: ∂(local model c)/∂x_j
 */
export async function lime(mlp: Mlp, trainX: Matrix, options: LimeOptions = {}): Promise<LimeExplainer> {
  checkMlp(mlp, 'lime');
  const o = resolve(mlp, options);
  const { columns, rows } = checkRows(trainX, mlp, 'trainX');
  const mean = Float64Array.from(columns, (col) => {
    let m = 0;
    for (let r = 0; r < rows; r++) m += col[r];
    return m / rows;
  });
  const scale = Float64Array.from(columns, (col, j) => {
    let v = 0;
    for (let r = 0; r < rows; r++) v += (col[r] - mean[j]) ** 2;
    return Math.sqrt(v / rows);
  });
  return new LimeExplainer(mlp, scale, o.task, o, mean);
}

/**
 * LIME's fidelity to the network on the rows of testX (see FidelityResult): one local model per
 * point, class = argmax of the local class-probability models at the point.
 * @example
 * const f = await limeFidelity(mlp, train.X, test.X, { task: 'classification', seed: 1 });
 * console.log(`LIME agrees with the network on ${(100 * f.fidelity).toFixed(1)}% of test points`);
 */
export async function limeFidelity(mlp: Mlp, trainX: Matrix, testX: Matrix, options: LimeOptions & RunOptions = {}): Promise<FidelityResult> {
  const started = performance.now();
  const { rest, run } = splitRun(options, 'limeFidelity');
  const ex = await lime(mlp, trainX, rest);
  return localFidelity(mlp, testX, ex.task, await ex.explainMany(testX, run), started);
}
