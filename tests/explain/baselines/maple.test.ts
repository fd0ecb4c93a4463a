// MAPLE: exact on linear networks (weighted ridge on exactly linear targets), class agreement on
// linear-logit softmax networks, a forest that keeps its leaf size, reproducible from its seed.
import { describe, expect, test } from '@jest/globals';
import { maple, mapleFidelity } from '../../../src/explain/baselines/maple.js';
import { RegressionForest } from '../../../src/explain/baselines/forest.js';
import { randomColumns, randomMlp } from '../../helpers.js';
import { expectLinearModels, linearHidden, singleLayer, uniformRows } from './linear.js';

describe('MAPLE on linear networks', () => {
  test('regression: local model = the network (prediction and coefficients to 1e-3 relative)', async () => {
    for (const mlp of [singleLayer(3, 2, 'linear', 1), linearHidden(4, 5, 1, 2)]) {
      const trainX = uniformRows(mlp.inputs, 400, 3), testX = uniformRows(mlp.inputs, 200, 4);
      const ex = await maple(mlp, trainX, { seed: 1, trees: 50 });
      await expectLinearModels(await ex.explainMany(testX), mlp, testX);
    }
  });

  test('binary linear-logit softmax: ≥ 99.9% class agreement (2,000 points)', async () => {
    // A leaf's neighbourhood is not symmetric about the point, so the class can flip only where
    // the probability curves over a leaf; soft logits (scale 0.5) keep it nearly linear there.
    const mlp = singleLayer(4, 2, 'softmax', 5, 0.5);
    const f = await mapleFidelity(mlp, uniformRows(4, 1000, 6), uniformRows(4, 2000, 7), { seed: 2, trees: 100 });
    expect(f.task).toBe('classification');
    expect(f.fidelity).toBeGreaterThanOrEqual(0.999);
  });
});

describe('MAPLE neighbourhoods', () => {
  test('the neighbour weights of a point sum to the number of trees', async () => {
    const mlp = singleLayer(3, 1, 'linear', 8);
    const ex = await maple(mlp, uniformRows(3, 300, 9), { trees: 20, minLeaf: 10 });
    const { rows, weights } = ex.neighbours(Float32Array.of(0.1, -0.4, 1.1));
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(20, 9);
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  test('leaf moments change nothing: all leaves, some leaves or none precomputed', async () => {
    const mlp = randomMlp([3, 8, 2], ['tanh', 'softmax'], 41);
    const trainX = uniformRows(3, 300, 42), testX = uniformRows(3, 30, 43);
    // 0.05 MiB over 20 trees × 300 rows × 17 values: leaves of ≥ 16 rows keep moments, smaller ones not.
    const run = async (cacheMB: number) => (await maple(mlp, trainX, { seed: 1, trees: 20, cacheMB })).explainMany(testX);
    const [none, some, all] = [await run(0), await run(0.05), await run(64)];
    for (const other of [some, all]) {
      other.forEach((e, r) => {
        e.prediction.forEach((p, c) => expect(p).toBeCloseTo(none[r].prediction[c], 9));
        e.coefficients.forEach((row, c) => row.forEach((b, j) => expect(b).toBeCloseTo(none[r].coefficients[c][j], 7)));
      });
    }
  });
});

describe('the forest', () => {
  const n = 600;
  const X = randomColumns(2, n, 31, -1, 1);
  const step = Float64Array.from(X[0], (v, r) => (v > 0.2 ? 3 : 0) + 0.5 * X[1][r]);

  test('every leaf keeps at least minLeaf training rows, and a step is learned', () => {
    const f = RegressionForest.fit(X, n, [step], { trees: 30, minLeaf: 10, maxFeatures: 0.5, seed: 4 });
    f.trees.forEach((_, t) => {
      const counts = new Map<number, number>();
      for (let r = 0; r < n; r++) {
        const l = f.leafOf(t, [X[0][r], X[1][r]]);
        counts.set(l, (counts.get(l) ?? 0) + 1);
      }
      expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(10);
    });
    expect(f.predict([-0.6, 0])[0]).toBeCloseTo(0, 0);
    expect(f.predict([0.7, 0])[0]).toBeCloseTo(3, 0);
  });

  test('same seed → the same forest and explanations; another seed → a different forest', async () => {
    const a = RegressionForest.fit(X, n, [step], { trees: 5, minLeaf: 10, maxFeatures: 0.5, seed: 7 });
    const b = RegressionForest.fit(X, n, [step], { trees: 5, minLeaf: 10, maxFeatures: 0.5, seed: 7 });
    const c = RegressionForest.fit(X, n, [step], { trees: 5, minLeaf: 10, maxFeatures: 0.5, seed: 8 });
    expect(b.trees).toEqual(a.trees);
    expect(c.trees).not.toEqual(a.trees);
    const mlp = randomMlp([3, 8, 2], ['tanh', 'softmax'], 21);
    const trainX = uniformRows(3, 300, 22), testX = uniformRows(3, 20, 23);
    const e1 = await (await maple(mlp, trainX, { seed: 3, trees: 20 })).explainMany(testX);
    const e2 = await (await maple(mlp, trainX, { seed: 3, trees: 20 })).explainMany(testX);
    expect(e2).toEqual(e1);
  });
});
