// Weighted ridge regression in closed form, as scikit-learn's Ridge(alpha, fit_intercept=True)
// with sample_weight: the intercept is not penalised (the design is centred on its weighted
// mean first), and several targets share one factorised design, so LIME factorises its shared
// perturbation design once and MAPLE once per query point.

/** A fitted design: call `solve` with one or more target vectors over the same rows. */
export class WeightedRidge {
  /** Weighted mean of each design column. */
  readonly mean: Float64Array;
  private readonly centred: Float64Array; // w_i · (x_i − x̄), row-major n × d
  private readonly chol: Float64Array;    // lower Cholesky factor of Σ w (x−x̄)(x−x̄)ᵀ + λI
  private readonly weightSum: number;

  /**
   * `design` is row-major n × d, `weights` n non-negative values with a positive sum, `lambda`
   * the penalty on the coefficients (in the design's units).
   */
  constructor(design: Float64Array, readonly n: number, readonly d: number, private readonly weights: Float64Array, lambda: number) {
    let W = 0;
    for (let i = 0; i < n; i++) W += weights[i];
    this.weightSum = W;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += weights[i] * design[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= W;
    const centred = new Float64Array(n * d);
    const A = new Float64Array(d * d);
    const u = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      for (let j = 0; j < d; j++) u[j] = design[i * d + j] - mean[j];
      for (let j = 0; j < d; j++) {
        const wu = w * u[j];
        centred[i * d + j] = wu;
        for (let l = 0; l <= j; l++) A[j * d + l] += wu * u[l];
      }
    }
    for (let j = 0; j < d; j++) A[j * d + j] += lambda;
    this.mean = mean;
    this.centred = centred;
    this.chol = cholesky(A, d);
  }

  /** Coefficients and intercept for each target (each of length n). */
  solve(targets: readonly ArrayLike<number>[]): { intercept: number[]; coefficients: Float64Array[] } {
    const { n, d, centred, weights } = this;
    const intercept: number[] = [];
    const coefficients: Float64Array[] = [];
    for (const y of targets) {
      const b = new Float64Array(d);
      let ybar = 0;
      for (let i = 0; i < n; i++) {
        const yi = y[i];
        ybar += weights[i] * yi;
        for (let j = 0; j < d; j++) b[j] += centred[i * d + j] * yi; // Σ w(x−x̄) = 0, so ȳ is not needed here
      }
      ybar /= this.weightSum;
      const beta = cholSolve(this.chol, d, b);
      let c = ybar;
      for (let j = 0; j < d; j++) c -= this.mean[j] * beta[j];
      intercept.push(c);
      coefficients.push(beta);
    }
    return { intercept, coefficients };
  }
}

/**
 * Ridge from weighted moments already centred on the weighted means x̄, ȳ: `A` (d×d, lower
 * triangle) = Σ w (x−x̄)(x−x̄)ᵀ without the penalty, `B` (d×k, row-major) = Σ w (x−x̄)(y−ȳ)ᵀ.
 * MAPLE assembles these from rows and from whole leaves' moments.
 */
export function solveMoments(A: Float64Array, B: Float64Array, xbar: Float64Array, ybar: Float64Array, d: number, k: number,
  lambda: number): { intercept: number[]; coefficients: Float64Array[] } {
  for (let j = 0; j < d; j++) A[j * d + j] += lambda;
  const L = cholesky(A, d);
  const intercept: number[] = [];
  const coefficients: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const beta = cholSolve(L, d, Float64Array.from({ length: d }, (_, j) => B[j * k + c]));
    let b0 = ybar[c];
    for (let j = 0; j < d; j++) b0 -= xbar[j] * beta[j];
    intercept.push(b0);
    coefficients.push(beta);
  }
  return { intercept, coefficients };
}

/**
 * Lower Cholesky factor of the symmetric positive definite A (lower triangle read). With λ > 0
 * A is positive definite in exact arithmetic, but on collinear columns of a large scale (e.g.
 * MAPLE on raw features in the 1e5 range) rounding can leave a pivot at or a hair below zero; such
 * a pivot is floored at 1e-12 × its diagonal entry, a tiny extra ridge on that one direction.
 */
export function cholesky(A: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = A[j * d + j];
    for (let k = 0; k < j; k++) s -= L[j * d + k] * L[j * d + k];
    const floor = 1e-12 * Math.max(A[j * d + j], Number.MIN_VALUE);
    const p = Math.sqrt(s > floor ? s : floor);
    L[j * d + j] = p;
    for (let i = j + 1; i < d; i++) {
      let t = A[i * d + j];
      for (let k = 0; k < j; k++) t -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = t / p;
    }
  }
  return L;
}

export function cholSolve(L: Float64Array, d: number, b: Float64Array): Float64Array {
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * z[k];
    z[i] = s / L[i * d + i];
  }
  return z;
}
