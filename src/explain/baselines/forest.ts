// A seeded random forest of CART regression trees for MAPLE, written here because the mljs
// packages do not fit: ml-cart has no minimum leaf size (its minNumSamples only stops splitting,
// so leaves of one row appear), ml-random-forest draws its feature subset once per tree rather
// than per split, and ml-cart's split search re-partitions the node for every candidate
// threshold (quadratic in the node size: minutes for 200 trees on a few thousand rows).
//
// It follows scikit-learn's RandomForestRegressor, which MAPLE uses: bootstrap samples kept as
// per-row counts (weights); per split a fresh random subset of max(1, ⌊maxFeatures·d⌋)
// non-constant features; the squared-error criterion summed over all outputs (one tree fits a
// multi-output target at once); thresholds at midpoints between neighbouring values, x ≤ t going
// left; a leaf keeps at least `minLeaf` distinct rows; a node with all targets equal is a leaf.
import { Rng } from '../../cgp/rng.js';

export interface ForestOptions {
  trees: number;
  /** Fewest distinct training rows in a leaf. */
  minLeaf: number;
  /** Fraction of the features tried at each split, in (0, 1]. */
  maxFeatures: number;
  seed: number;
}

/** One fitted tree as flat arrays (node 0 is the root). */
export interface Tree {
  /** Split feature, −1 at a leaf. */
  feature: Int32Array;
  /** x[feature] ≤ threshold goes to `left`. */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf number 0…leaves−1 at a leaf, −1 at an inner node. */
  leaf: Int32Array;
  leaves: number;
  /** Mean target per leaf: value[leaf·outputs + c]. */
  value: Float64Array;
}

export class RegressionForest {
  private constructor(readonly trees: readonly Tree[], readonly outputs: number) {}

  /**
   * Fits the forest on f32 input columns and one target vector per output.
   * @example
   * const f = RegressionForest.fit([x0, x1], 500, [y], { trees: 200, minLeaf: 10, maxFeatures: 0.5, seed: 1 });
   * f.leafOf(0, [0.3, 1.2]); f.predict([0.3, 1.2]);
   */
  static fit(columns: readonly Float32Array[], rows: number, targets: readonly ArrayLike<number>[], o: ForestOptions): RegressionForest {
    const builder = new TreeBuilder(columns, rows, targets, o);
    const rng = new Rng(o.seed);
    return new RegressionForest(Array.from({ length: o.trees }, () => builder.build(rng)), targets.length);
  }

  /** The leaf of tree t that x falls in. */
  leafOf(t: number, x: ArrayLike<number>): number {
    const { feature, threshold, left, right, leaf } = this.trees[t];
    let node = 0;
    while (feature[node] >= 0) node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
    return leaf[node];
  }

  /** The forest's prediction (mean of the trees), one value per output. */
  predict(x: ArrayLike<number>): number[] {
    const k = this.outputs;
    const out = new Array<number>(k).fill(0);
    this.trees.forEach((tree, t) => {
      const l = this.leafOf(t, x);
      for (let c = 0; c < k; c++) out[c] += tree.value[l * k + c];
    });
    return out.map((v) => v / this.trees.length);
  }
}

const CONSTANT = -2; // evalFeature's answer for a feature with one value in the node

class TreeBuilder {
  private readonly d: number;
  private readonly k: number;
  private readonly y: Float64Array;      // rows × k
  private readonly uniq: Float64Array[]; // sorted distinct values per feature
  private readonly bins: Uint32Array[];  // rank of each row's value among uniq[f]
  private readonly maxF: number;
  // Scratch reused across nodes and trees.
  private readonly histN: Int32Array;
  private readonly histW: Float64Array;
  private readonly histS: Float64Array;
  private readonly keys: Float64Array;
  private readonly sumL: Float64Array;
  private readonly ybar: Float64Array;
  private readonly perm: Int32Array;
  private w = new Float64Array(0);
  private idx = new Uint32Array(0);
  private bestScore = 0;
  private bestThr = 0;

  constructor(private readonly cols: readonly Float32Array[], private readonly n: number, targets: readonly ArrayLike<number>[], private readonly o: ForestOptions) {
    this.d = cols.length;
    this.k = targets.length;
    this.y = new Float64Array(n * this.k);
    targets.forEach((t, c) => { for (let i = 0; i < n; i++) this.y[i * this.k + c] = t[i]; });
    this.uniq = [];
    this.bins = [];
    for (const col of cols) {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => col[a] - col[b]);
      const bin = new Uint32Array(n);
      const u: number[] = [];
      for (const i of order) {
        if (!u.length || col[i] !== u[u.length - 1]) u.push(col[i]);
        bin[i] = u.length - 1;
      }
      this.uniq.push(Float64Array.from(u));
      this.bins.push(bin);
    }
    const maxU = Math.max(...this.uniq.map((u) => u.length));
    this.histN = new Int32Array(maxU);
    this.histW = new Float64Array(maxU);
    this.histS = new Float64Array(maxU * this.k);
    this.keys = new Float64Array(n);
    this.sumL = new Float64Array(this.k);
    this.ybar = new Float64Array(this.k);
    this.perm = Int32Array.from({ length: this.d }, (_, j) => j);
    this.maxF = Math.max(1, Math.floor(o.maxFeatures * this.d));
  }

  build(rng: Rng): Tree {
    const { n, k, y, o } = this;
    const w = (this.w = new Float64Array(n));
    for (let i = 0; i < n; i++) w[rng.below(n)]++;
    const idx = (this.idx = new Uint32Array(n));
    let m0 = 0;
    for (let i = 0; i < n; i++) if (w[i] > 0) idx[m0++] = i;

    const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [], leaf: number[] = [], value: number[] = [];
    const newNode = () => { feature.push(-1); threshold.push(0); left.push(-1); right.push(-1); leaf.push(-1); return feature.length - 1; };
    const stack: [number, number, number][] = [[newNode(), 0, m0]];
    while (stack.length) {
      const [id, s, e] = stack.pop()!;
      let W = 0, pure = true;
      this.ybar.fill(0);
      const first = idx[s] * k;
      for (let p = s; p < e; p++) {
        const i = idx[p];
        W += w[i];
        for (let c = 0; c < k; c++) {
          this.ybar[c] += w[i] * y[i * k + c];
          if (y[i * k + c] !== y[first + c]) pure = false;
        }
      }
      for (let c = 0; c < k; c++) this.ybar[c] /= W;
      const split = !pure && e - s >= 2 * o.minLeaf ? this.bestSplit(s, e, W, rng) : null;
      if (!split) {
        leaf[id] = value.length / k;
        for (let c = 0; c < k; c++) value.push(this.ybar[c]);
        continue;
      }
      // Partition idx[s, e) so rows with x ≤ threshold come first.
      const col = this.cols[split.f];
      let a = s, b = e - 1;
      while (a <= b) {
        if (col[idx[a]] <= split.thr) a++;
        else { const t = idx[a]; idx[a] = idx[b]; idx[b] = t; b--; }
      }
      feature[id] = split.f;
      threshold[id] = split.thr;
      left[id] = newNode();
      right[id] = newNode();
      stack.push([right[id], a, e], [left[id], s, a]);
    }
    return {
      feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), left: Int32Array.from(left),
      right: Int32Array.from(right), leaf: Int32Array.from(leaf), leaves: value.length / k, value: Float64Array.from(value),
    };
  }

  /** Best split over a fresh random subset of non-constant features, or null when none is valid. */
  private bestSplit(s: number, e: number, W: number, rng: Rng): { f: number; thr: number } | null {
    const perm = this.perm;
    let best: { f: number; thr: number } | null = null, bestScore = -1, visited = 0;
    for (let t = 0; t < this.d && visited < this.maxF; t++) {
      const r = t + rng.below(this.d - t); // Fisher–Yates step: features drawn without replacement
      const f = perm[r]; perm[r] = perm[t]; perm[t] = f;
      if (this.evalFeature(f, s, e, W) === CONSTANT) continue;
      visited++;
      if (this.bestScore > bestScore) { bestScore = this.bestScore; best = { f, thr: this.bestThr }; }
    }
    return best;
  }

  /**
   * Best threshold on feature f; sets bestScore (−1 when no split keeps minLeaf rows each side)
   * and bestThr. The score Σ_c S_c²·(1/W_L + 1/W_R), with S_c the left sum of w·(y_c − ȳ_c),
   * is the decrease of the summed squared error; centring on the node mean keeps it accurate.
   * Few distinct values (categorical codes) are binned in O(rows); many are sorted.
   */
  private evalFeature(f: number, s: number, e: number, W: number): number {
    const { k, y, w, idx, histN, histW, histS, sumL, ybar, o } = this;
    const bin = this.bins[f], uniq = this.uniq[f];
    const m = e - s;
    this.bestScore = -1;
    sumL.fill(0);
    let nL = 0, WL = 0;
    const consider = (lo: number, hi: number) => {
      if (nL < o.minLeaf || m - nL < o.minLeaf) return;
      let ss = 0;
      for (let c = 0; c < k; c++) ss += sumL[c] * sumL[c];
      const score = ss * (1 / WL + 1 / (W - WL));
      if (score > this.bestScore) {
        this.bestScore = score;
        const t = (uniq[lo] + uniq[hi]) / 2;
        this.bestThr = t < uniq[hi] && t >= uniq[lo] ? t : uniq[lo];
      }
    };
    if (uniq.length <= 2 * m) {
      let minB = uniq.length, maxB = -1;
      for (let p = s; p < e; p++) {
        const i = idx[p], b = bin[i];
        histN[b]++;
        histW[b] += w[i];
        for (let c = 0; c < k; c++) histS[b * k + c] += w[i] * (y[i * k + c] - ybar[c]);
        if (b < minB) minB = b;
        if (b > maxB) maxB = b;
      }
      let prev = -1;
      for (let b = minB; b <= maxB; b++) {
        if (histN[b] === 0) continue;
        if (prev >= 0) consider(prev, b);
        nL += histN[b];
        WL += histW[b];
        for (let c = 0; c < k; c++) { sumL[c] += histS[b * k + c]; histS[b * k + c] = 0; }
        histN[b] = 0;
        histW[b] = 0;
        prev = b;
      }
      return minB === maxB ? CONSTANT : 0;
    }
    const keys = this.keys.subarray(0, m);
    for (let q = 0; q < m; q++) keys[q] = bin[idx[s + q]] * m + q; // exact: < n² ≤ 2^53
    keys.sort();
    let prev = -1;
    for (let q = 0; q < m; q++) {
      const local = keys[q] % m, b = (keys[q] - local) / m, i = idx[s + local];
      if (b !== prev && prev >= 0) consider(prev, b);
      nL++;
      WL += w[i];
      for (let c = 0; c < k; c++) sumL[c] += w[i] * (y[i * k + c] - ybar[c]);
      prev = b;
    }
    return (keys[0] - (keys[0] % m)) / m === prev ? CONSTANT : 0;
  }
}
