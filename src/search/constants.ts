// Constant refinement for the final front: the closed-form linear scaling y ≈ a·g + b, and
// Levenberg–Marquardt on all active constant slots with (a, b) profiled out (variable
// projection), so every LM step sees the best linear scaling of its candidate.
import type { Geometry } from '../../bindings/engine.js';
import { activeSet } from '../cgp/genome.js';

export interface LinearFit {
  a: number;
  b: number;
  /** Mean squared error after scaling. */
  mse: number;
}

/** Least squares of y on [g, 1] in f64. Non-finite g gives mse = Infinity. */
export function linearFit(g: ArrayLike<number>, y: ArrayLike<number>, scaling = true): LinearFit {
  const n = y.length;
  if (!scaling) {
    let ss = 0;
    for (let i = 0; i < n; i++) { const d = y[i] - g[i]; ss += d * d; }
    return { a: 1, b: 0, mse: Number.isFinite(ss) ? ss / n : Infinity };
  }
  let sg = 0, sy = 0;
  for (let i = 0; i < n; i++) { sg += g[i]; sy += y[i]; }
  const mg = sg / n, my = sy / n;
  let vgg = 0, vgy = 0, vyy = 0;
  for (let i = 0; i < n; i++) {
    const dg = g[i] - mg, dy = y[i] - my;
    vgg += dg * dg; vgy += dg * dy; vyy += dy * dy;
  }
  if (!Number.isFinite(vgg) || !Number.isFinite(vgy)) return { a: 0, b: my, mse: Infinity };
  if (vgg <= 1e-12 * mg * mg + 1e-30) return { a: 0, b: my, mse: vyy / n };
  const a = vgy / vgg;
  return { a, b: my - a * mg, mse: Math.max(0, vyy - a * vgy) / n };
}

/**
 * Minimises mse(params) by Levenberg–Marquardt with a central finite-difference Jacobian.
 * `residuals(p)` returns the residual vector, or null where the candidate is not finite.
 * Returns the best parameters seen (never worse than the start).
 */
export function levenbergMarquardt(start: readonly number[], residuals: (p: number[]) => Float64Array | null,
  maxIterations = 25): { params: number[]; sse: number } {
  let p = [...start];
  let r = residuals(p);
  const sseOf = (v: Float64Array | null) => {
    if (!v) return Infinity;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] * v[i];
    return Number.isFinite(s) ? s : Infinity;
  };
  let sse = sseOf(r);
  if (!r || !Number.isFinite(sse) || p.length === 0) return { params: p, sse };
  const k = p.length, n = r.length;
  let mu = 1e-3;
  for (let it = 0; it < maxIterations; it++) {
    // Jacobian columns by central differences.
    const J: Float64Array[] = [];
    for (let j = 0; j < k; j++) {
      const h = 1e-3 * Math.max(Math.abs(p[j]), 1e-2);
      const pp = [...p]; pp[j] += h;
      const pm = [...p]; pm[j] -= h;
      const rp = residuals(pp), rm = residuals(pm);
      if (!rp || !rm) return { params: p, sse };
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = (rp[i] - rm[i]) / (2 * h);
      J.push(col);
    }
    const JtJ = Array.from({ length: k }, () => new Float64Array(k));
    const Jtr = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += J[a][i] * J[b][i];
        JtJ[a][b] = JtJ[b][a] = s;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += J[a][i] * r![i];
      Jtr[a] = s;
    }
    let improved = false;
    for (let tries = 0; tries < 10 && !improved; tries++) {
      const A = JtJ.map((row, a) => Array.from(row, (v, b) => (a === b ? v * (1 + mu) + 1e-12 : v)));
      const step = solve(A, Array.from(Jtr, (v) => -v));
      if (!step) { mu *= 10; continue; }
      const q = p.map((v, j) => v + step[j]);
      const rq = residuals(q);
      const s = sseOf(rq);
      if (s < sse) {
        const gain = (sse - s) / sse;
        p = q; r = rq; sse = s; mu = Math.max(mu / 3, 1e-9); improved = true;
        if (gain < 1e-10) return { params: p, sse };
      } else mu *= 10;
    }
    if (!improved) break;
  }
  return { params: p, sse };
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (!(Math.abs(A[piv][c]) > 1e-300)) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    [b[c], b[piv]] = [b[piv], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= A[r][k] * x[k];
    x[r] = s / A[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/**
 * Refines the constant slots a genome actually uses by Levenberg–Marquardt on `residualsOf`,
 * and keeps the result only when `lossOf` (the engine's own f32 loss) says it is strictly
 * better — never worse, never NaN. Returns the constants to keep.
 */
export function refineConstants<C extends Float32Array>(g: Geometry, genes: Int32Array, consts: C, weights: readonly number[],
  residualsOf: (consts: Float32Array) => Float64Array | null, lossOf: (consts: Float32Array) => number): C | Float32Array<ArrayBuffer> {
  const act = activeSet(g, genes, weights);
  const used = [...Array(g.constants).keys()].filter((i) => act.leafUsed[g.inputs + i] === 1);
  if (!used.length) return consts;
  const withParams = (p: readonly number[]) => {
    const c = Float32Array.from(consts);
    used.forEach((i, j) => { c[i] = p[j]; });
    return c;
  };
  const { params } = levenbergMarquardt(used.map((i) => consts[i]), (p) => residualsOf(withParams(p)));
  const trial = withParams(params);
  return lossOf(trial) < lossOf(consts) ? trial : consts;
}
