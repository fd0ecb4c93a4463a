// LIME: exact on linear networks (the antithetic sample is symmetric about the point), class
// agreement on linear-logit softmax networks, reproducible from its seed. Sample counts are below
// the default 5000 to keep the suite fast: under jest every global lookup of `Number` (as in
// toColumns' Number.isFinite per value) costs ~1 µs, so labelling perturbations is ~30× slower
// here than in plain node; the properties tested hold for any sample count.
import { describe, expect, test } from '@jest/globals';
import { lime, limeFidelity } from '../../../src/explain/baselines/lime.js';
import { agrees, randomMlp } from '../../helpers.js';
import { expectLinearModels, linearHidden, singleLayer, uniformRows } from './linear.js';

describe('LIME on linear networks', () => {
  test('regression: local model = the network (prediction and coefficients to 1e-3 relative)', async () => {
    for (const mlp of [singleLayer(3, 2, 'linear', 1), linearHidden(4, 5, 1, 2)]) {
      const trainX = uniformRows(mlp.inputs, 300, 3), testX = uniformRows(mlp.inputs, 200, 4, -3, 3);
      const ex = await lime(mlp, trainX, { seed: 1, samples: 500 });
      await expectLinearModels(await ex.explainMany(testX), mlp, testX);
      // Centred on the training mean (the lime package's default), a linear network is still exact.
      const fromMean = await lime(mlp, trainX, { seed: 1, samples: 500, sampleAround: 'mean' });
      await expectLinearModels(await fromMean.explainMany(testX), mlp, testX);
      const f = await limeFidelity(mlp, trainX, testX, { task: 'regression', seed: 1, samples: 500 });
      expect(f.fidelity).toBeLessThan(1e-4); // RMSE
      expect(f.points).toBe(200);
    }
  });

  test('binary linear-logit softmax: ≥ 99.9% class agreement (1,000 points)', async () => {
    const mlp = singleLayer(4, 2, 'softmax', 5);
    const f = await limeFidelity(mlp, uniformRows(4, 500, 6), uniformRows(4, 1000, 7), { seed: 2, samples: 400 });
    expect(f.task).toBe('classification'); // the default for a softmax output layer
    expect(f.fidelity).toBeGreaterThanOrEqual(0.999);
  });

  test('three classes: disagreements only right at a decision boundary', async () => {
    // Three-class softmax probabilities are not linear, so a local linear model can pick the
    // other class where two are almost tied; everywhere else it must agree.
    const mlp = singleLayer(4, 3, 'softmax', 8, 0.5);
    const f = await limeFidelity(mlp, uniformRows(4, 500, 9), uniformRows(4, 500, 10), { seed: 3, samples: 1000 });
    expect(f.fidelity).toBeGreaterThanOrEqual(0.97);
    for (let r = 0; r < f.points; r++) {
      const p = f.network.map((col) => col[r]), q = f.local.map((col) => col[r]);
      const net = p.indexOf(Math.max(...p)), loc = q.indexOf(Math.max(...q));
      if (net !== loc) expect(p[net] - p[loc]).toBeLessThan(0.05);
    }
  });

  test('a constant training feature is never perturbed and gets coefficient 0', async () => {
    const mlp = singleLayer(3, 1, 'linear', 11);
    const trainX = uniformRows(3, 100, 12).map((r) => [r[0], 1.5, r[2]]);
    const e = await (await lime(mlp, trainX, { seed: 0 })).explain([0.2, 1.5, -0.7]);
    expect(e.coefficients[0][1]).toBe(0);
    const [y] = await mlp.predict([[0.2, 1.5, -0.7]]);
    expect(agrees(e.prediction[0], y[0], 1e-5)).toBe(true);
  });

  test('a single sigmoid output is explained as two class probabilities', async () => {
    const mlp = singleLayer(2, 1, 'sigmoid', 13);
    const e = await (await lime(mlp, uniformRows(2, 100, 14), { task: 'classification', samples: 500 })).explain([0.5, 0.5]);
    expect(e.prediction).toHaveLength(2);
    expect(e.prediction[0] + e.prediction[1]).toBeCloseTo(1, 6);
    expect(e.class).toBe(e.prediction[1] > e.prediction[0] ? 1 : 0);
  });
});

describe('LIME is reproducible', () => {
  const mlp = randomMlp([3, 8, 2], ['tanh', 'linear'], 21);
  const trainX = uniformRows(3, 200, 22), testX = uniformRows(3, 20, 23);

  test('same seed → the same explanations; another seed → different ones', async () => {
    const a = await (await lime(mlp, trainX, { seed: 5, samples: 1000 })).explainMany(testX);
    const b = await (await lime(mlp, trainX, { seed: 5, samples: 1000 })).explainMany(testX);
    const c = await (await lime(mlp, trainX, { seed: 6, samples: 1000 })).explainMany(testX);
    expect(b).toEqual(a);
    expect(c[0].coefficients).not.toEqual(a[0].coefficients);
  });

  test('an explanation does not depend on batching or on the points explained before it', async () => {
    const ex = await lime(mlp, trainX, { seed: 5, samples: 1001, batchRows: 3000 });
    const many = await ex.explainMany(testX);
    expect(await ex.explain(testX[7])).toEqual(many[7]);
    const reordered = await ex.explainMany([testX[3], testX[0]]);
    expect(reordered).toEqual([many[3], many[0]]);
  });

  test('progress is reported up to the number of points', async () => {
    const seen: number[] = [];
    await (await lime(mlp, trainX, { samples: 100, batchRows: 500 })).explainMany(testX, { onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(testX.length);
    expect(seen.length).toBe(4); // 5 points per call
  });
});
