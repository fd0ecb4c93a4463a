// Where the training points sit in MAPLE's forest: for every tree, the training rows of each leaf
// (CSR), and for the big leaves their first and second moments, so that a query point's local
// fit adds one precomputed term per big leaf instead of touching its rows. Networks with
// saturated outputs give pure leaves of thousands of rows (adult: ~60 ms a point without this).
import type { RegressionForest } from './forest.js';

export class LeafIndex {
  /** Per tree: offsets of each leaf's rows in `rows` (leaves + 1 entries). */
  readonly start: Int32Array[] = [];
  /** Per tree: training row numbers grouped by leaf. */
  readonly rows: Int32Array[] = [];
  /** Per tree and leaf: offset of the leaf's moments in `moments[t]`, or −1 for a small leaf. */
  readonly momentAt: Int32Array[] = [];
  /**
   * Per tree, per big leaf: [μ (d), ν (k), S (d(d+1)/2, lower triangle packed row by row),
   * C (d×k)] with μ, ν the leaf's means of x and y, and S = Σ(x−μ)(x−μ)ᵀ/size,
   * C = Σ(x−μ)(y−ν)ᵀ/size: the leaf's contribution at MAPLE's weight 1/size per row.
   */
  readonly moments: Float64Array[] = [];
  readonly stride: number;

  /**
   * `x` is row-major rows × d, `y` one column per target. Leaves with at least `minMomentLeaf`
   * rows get moments (Infinity: none).
   */
  constructor(forest: RegressionForest, x: Float64Array, y: readonly Float64Array[], n: number, readonly d: number,
    readonly minMomentLeaf: number) {
    const k = y.length;
    this.stride = d + k + (d * (d + 1)) / 2 + d * k;
    const point = new Float64Array(d);
    forest.trees.forEach((tree, t) => {
      // Every training point (not only the tree's bootstrap sample) is placed, and a leaf's size
      // is the number of training points in it, as in MAPLE's code (fe.apply(X_train)).
      const leafOfRow = new Int32Array(n);
      const start = new Int32Array(tree.leaves + 1);
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < d; j++) point[j] = x[r * d + j];
        leafOfRow[r] = forest.leafOf(t, point);
        start[leafOfRow[r] + 1]++;
      }
      for (let l = 0; l < tree.leaves; l++) start[l + 1] += start[l];
      const fill = start.slice(0, tree.leaves);
      const rows = new Int32Array(n);
      for (let r = 0; r < n; r++) rows[fill[leafOfRow[r]]++] = r;
      const at = new Int32Array(tree.leaves).fill(-1);
      let big = 0;
      for (let l = 0; l < tree.leaves; l++) if (start[l + 1] - start[l] >= minMomentLeaf) at[l] = this.stride * big++;
      const m = new Float64Array(this.stride * big);
      for (let l = 0; l < tree.leaves; l++) if (at[l] >= 0) this.leafMoments(m.subarray(at[l], at[l] + this.stride), rows.subarray(start[l], start[l + 1]), x, y);
      this.start.push(start);
      this.rows.push(rows);
      this.momentAt.push(at);
      this.moments.push(m);
    });
  }

  private leafMoments(out: Float64Array, rows: Int32Array, x: Float64Array, y: readonly Float64Array[]): void {
    const d = this.d, k = y.length, size = rows.length;
    const mu = out.subarray(0, d), nu = out.subarray(d, d + k);
    const S = out.subarray(d + k, d + k + (d * (d + 1)) / 2), C = out.subarray(d + k + (d * (d + 1)) / 2);
    for (const r of rows) {
      for (let j = 0; j < d; j++) mu[j] += x[r * d + j];
      for (let c = 0; c < k; c++) nu[c] += y[c][r];
    }
    for (let j = 0; j < d; j++) mu[j] /= size;
    for (let c = 0; c < k; c++) nu[c] /= size;
    const u = new Float64Array(d);
    for (const r of rows) {
      for (let j = 0; j < d; j++) u[j] = x[r * d + j] - mu[j];
      for (let j = 0, p = 0; j < d; j++) {
        for (let l = 0; l <= j; l++) S[p++] += (u[j] * u[l]) / size;
        for (let c = 0; c < k; c++) C[j * k + c] += (u[j] * (y[c][r] - nu[c])) / size;
      }
    }
  }
}
