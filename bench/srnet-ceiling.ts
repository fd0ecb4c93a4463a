// What one scalar can carry on a classification network (agaricus_lepiota by default): every
// SRNet layer is an affine image of one scalar g₁(x), and the paper's fitness picks g₁ to match
// the first hidden layer. This measures, on the paper's split, the agreement with the network's
// class of (a) the best threshold on each of the first hidden layer's leading principal
// components (what a g₁ chosen for that layer can reach) and (b) a linear logistic rule on the
// inputs (one scalar chosen for the decision), and (c) the best any function of k input codes can
// do: the training rows' majority class per combination of the codes (a lookup table), for the
// best set of 1 to 5 codes (every set), then grown greedily to 6, and (d) a logistic rule on the one-hot
// codes (the best additive g₁), and (e) k ridge functions: a tanh network with k hidden units
// (Σ_i v_i·tanh(w_i·x + b_i), every w_i a real weight on each of the 22 codes), fitted by least
// squares to the network's logit margin on the training rows: what k scalar projections of the
// codes carry when each has all its weights free. A diagnostic, not a target.
// Usage: node dist/bench/srnet-ceiling.js [--data agaricus_lepiota] [--json]
import { existsSync } from 'node:fs';
import { loadSrnetClassification } from '../src/data/srnet.js';
import { trainMlp } from '../src/nn/train.js';
import { SRNET_DIR } from './srnet-points.js';

const DIR = `${SRNET_DIR}classification/`;
const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
const name = arg('data') ?? 'agaricus_lepiota';
const json = process.argv.includes('--json');

/** Power iteration with deflation: the leading `count` eigenvectors of a symmetric matrix. */
function leadingEigenvectors(C: Float64Array[], count: number): { vector: number[]; value: number }[] {
  const k = C.length, out: { vector: number[]; value: number }[] = [];
  for (let q = 0; q < count; q++) {
    let v = Array.from({ length: k }, (_, i) => Math.sin(i + q + 1));
    for (let it = 0; it < 500; it++) {
      let u = C.map((row) => row.reduce((s, c, j) => s + c * v[j], 0));
      for (const { vector } of out) { const d = u.reduce((s, x, i) => s + x * vector[i], 0); u = u.map((x, i) => x - d * vector[i]); }
      const n = Math.hypot(...u);
      v = u.map((x) => x / n);
    }
    const value = v.reduce((s, x, i) => s + x * C[i].reduce((t, c, j) => t + c * v[j], 0), 0);
    out.push({ vector: v, value });
  }
  return out;
}

/** The best threshold (either direction) on `score` for `cls` on training rows, applied to test rows. */
function bestThreshold(train: number[], cls: number[], test: number[], testCls: number[]): { train: number; test: number } {
  const idx = train.map((_, r) => r).sort((a, b) => train[a] - train[b]);
  const ones = cls.reduce((s, c) => s + c, 0), n = train.length;
  let best = 0, at = 0, dir = 1, below1 = 0, below0 = 0;
  for (const r of idx) {
    if (cls[r]) below1++; else below0++;
    const up = (below0 + ones - below1) / n; // class 1 above the threshold
    if (up > best) { best = up; at = train[r]; dir = 1; }
    if (1 - up > best) { best = 1 - up; at = train[r]; dir = -1; }
  }
  const agree = test.filter((x, r) => (dir * (x - at) > 0 ? 1 : 0) === testCls[r]).length / test.length;
  return { train: best, test: agree };
}

/** Logistic regression by full-batch gradient descent (3000 steps, small ridge): agreement on train and test. */
function logistic(X: number[][], cls: number[], Xt: number[][], clsT: number[]): { train: number; test: number } {
  const p = X[0].length, n = X.length;
  const w = new Float64Array(p + 1);
  const score = (x: number[]) => x.reduce((s, v, j) => s + w[j] * v, w[p]);
  for (let it = 0; it < 3000; it++) {
    const g = new Float64Array(p + 1);
    X.forEach((x, r) => {
      const e = 1 / (1 + Math.exp(-score(x))) - cls[r];
      x.forEach((v, j) => { g[j] += e * v; });
      g[p] += e;
    });
    for (let j = 0; j <= p; j++) w[j] -= 0.5 * (g[j] / n + (j < p ? 1e-4 * w[j] : 0));
  }
  const agree = (A: number[][], c: number[]) => A.filter((x, r) => (score(x) > 0 ? 1 : 0) === c[r]).length / A.length;
  return { train: agree(X, cls), test: agree(Xt, clsT) };
}

async function main() {
  if (!existsSync(`${DIR}${name}`)) { console.error(`srnet-ceiling needs ${DIR}${name} (../shared beside the checkout)`); process.exit(1); }
  const d = await loadSrnetClassification(`${DIR}${name}`);
  if (!d.train || !d.test) { console.error(`${name} has no train/test split`); process.exit(1); }
  const label = async (X: number[][]) => {
    const acts = await d.mlp.activations(X);
    const logits = acts[acts.length - 1].pre;
    const cls = X.map((_, r) => { let b = 0; logits.forEach((c, j) => { if (c[r] > logits[b][r]) b = j; }); return b; });
    return { hidden: acts[0].post, cls };
  };
  const tr = await label(d.train.X), te = await label(d.test.X);
  if (new Set(tr.cls).size > 2) throw new Error('a two-class network is expected');
  // (a) principal components of the first hidden layer.
  const H = tr.hidden, k = H.length, n = d.train.X.length;
  const mean = H.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const C = Array.from({ length: k }, () => new Float64Array(k));
  for (let r = 0; r < n; r++) for (let i = 0; i < k; i++) { const a = H[i][r] - mean[i]; for (let j = 0; j <= i; j++) C[i][j] += a * (H[j][r] - mean[j]); }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) C[j][i] = C[i][j];
  const total = C.reduce((s, row, i) => s + row[i], 0);
  const project = (cols: ArrayLike<number>[], v: number[], rows: number) =>
    Array.from({ length: rows }, (_, r) => v.reduce((s, x, i) => s + x * (cols[i][r] - mean[i]), 0));
  const components = leadingEigenvectors(C, 3).map(({ vector, value }) => ({
    varianceShare: value / total,
    ...bestThreshold(project(H, vector, n), tr.cls, project(te.hidden, vector, d.test!.X.length), te.cls),
  }));
  // (b) logistic regression on the standardised inputs; (d) on one-hot codes: the best additive
  // rule, Σ_j f_j(x_j) with any f_j, the most a g₁ that is a sum of one term per code can carry.
  const p = d.train.X[0].length;
  const mu = Array(p).fill(0), sd = Array(p).fill(0);
  for (const x of d.train.X) x.forEach((v, j) => { mu[j] += v / n; });
  for (const x of d.train.X) x.forEach((v, j) => { sd[j] += (v - mu[j]) ** 2 / n; });
  const z = (x: number[]) => x.map((v, j) => (v - mu[j]) / (Math.sqrt(sd[j]) || 1));
  const linear = logistic(d.train.X.map(z), tr.cls, d.test.X.map(z), te.cls);
  const levels = Array.from({ length: p }, (_, j) => [...new Set(d.train!.X.map((x) => x[j]))]);
  const oneHot = (x: number[]) => levels.flatMap((vals, j) => vals.map((v) => (x[j] === v ? 1 : 0)));
  const additive = logistic(d.train.X.map(oneHot), tr.cls, d.test.X.map(oneHot), te.cls);
  // (c) lookup tables: majority class per combination of the chosen codes (unseen: class 0).
  // A combination's key: mixed radix over each code's levels, a number (cheaper to hash than a
  // joined string: the whole bench, with its scan of all 26,334 five-code sets, runs in about 80 s
  // on agaricus), or the joined string when the radix product could overflow.
  const levelIndex = levels.map((vals) => new Map(vals.map((v, i) => [v, i + 1])));
  const lookup = (vars: number[]) => {
    const numeric = vars.reduce((m, v) => m * (levels[v].length + 1), 1) < 2 ** 52;
    const key = numeric
      ? (x: number[]) => vars.reduce((k, v) => k * (levels[v].length + 1) + (levelIndex[v].get(x[v]) ?? 0), 0)
      : (x: number[]) => vars.map((v) => x[v]).join(',');
    const counts = new Map<number | string, [number, number]>();
    d.train!.X.forEach((x, r) => { const c = counts.get(key(x)) ?? [0, 0]; c[tr.cls[r]]++; counts.set(key(x), c); });
    return d.test!.X.filter((x, r) => { const c = counts.get(key(x)) ?? [1, 0]; return (c[1] > c[0] ? 1 : 0) === te.cls[r]; }).length / d.test!.X.length;
  };
  const subsets = (k: number, from = 0): number[][] => (k === 0 ? [[]]
    : Array.from({ length: p - from }, (_, i) => from + i).flatMap((v) => subsets(k - 1, v + 1).map((rest) => [v, ...rest])));
  const lookupTables: { codes: number[]; test: number }[] = [];
  let best: { codes: number[]; test: number } = { codes: [], test: 0 };
  for (let k = 1; k <= 6; k++) {
    const candidates = k <= 5 ? subsets(k) : Array.from({ length: p }, (_, v) => v).filter((v) => !best.codes.includes(v)).map((v) => [...best.codes, v]);
    best = candidates.map((codes) => ({ codes, test: lookup(codes) })).reduce((a, b) => (b.test > a.test ? b : a));
    lookupTables.push(best);
  }
  // (e) ridge functions, fitted to the margin (logit of class 1 minus class 0), best of three
  // seeds by training MSE; agreement = sign of the fitted margin against the network's class.
  const margin = async (X: number[][]) => {
    const acts = await d.mlp.activations(X);
    const logits = acts[acts.length - 1].pre;
    return X.map((_, r) => logits[1][r] - logits[0][r]);
  };
  const mTrain = await margin(d.train.X);
  const ridgeFunctions: { k: number; train: number; test: number; mse: number }[] = [];
  for (const k of [1, 2, 3]) {
    let bestFit: { k: number; train: number; test: number; mse: number } | undefined;
    for (const seed of [1, 2, 3]) {
      const fit = await trainMlp(d.train.X, mTrain, { hidden: [k], activation: 'tanh', epochs: 400, batchSize: 256,
        learningRate: 0.01, validationSplit: 0, earlyStopping: false, seed });
      const [pTrain] = await fit.predict(d.train.X), [pTest] = await fit.predict(d.test.X);
      const agree = (pred: Float32Array, cls: number[]) => cls.filter((c, r) => (pred[r] > 0 ? 1 : 0) === c).length / cls.length;
      const mse = mTrain.reduce((s, m, r) => s + (pTrain[r] - m) ** 2, 0) / n;
      if (!bestFit || mse < bestFit.mse) bestFit = { k, train: agree(pTrain, tr.cls), test: agree(pTest, te.cls), mse };
    }
    ridgeFunctions.push(bestFit!);
  }
  const result = { data: name, hiddenPrincipalComponents: components, linearLogistic: linear, additiveLogistic: additive, lookupTables, ridgeFunctions };
  if (!json) {
    components.forEach((c, i) => console.log(`PC${i + 1} of hidden layer 1 (${(100 * c.varianceShare).toFixed(1)}% of its variance): best threshold agrees ${(100 * c.test).toFixed(1)}% on test`));
    console.log(`linear logistic rule on the inputs: ${(100 * linear.test).toFixed(1)}% on test`);
    console.log(`additive logistic rule (one-hot codes): ${(100 * additive.test).toFixed(2)}% on test`);
    lookupTables.forEach((t) => console.log(`best function of ${t.codes.length} code(s) (x${t.codes.join(', x')}): ${(100 * t.test).toFixed(2)}% on test`));
    ridgeFunctions.forEach((f) => console.log(`${f.k} ridge function(s) of all codes, fitted to the margin: ${(100 * f.test).toFixed(2)}% on test (${(100 * f.train).toFixed(2)}% on train)`));
  }
  console.log(JSON.stringify(result));
}

await main();
