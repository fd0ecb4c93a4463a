// trainMlp: learns, in the user's units, reproducibly; bad input is a coded error.
import { describe, expect, test } from '@jest/globals';
import { generateBenchmark, trainMlp } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import { denseGradients, disposeSparse, sparseBatch, sparseRows } from '../../src/nn/train.js';
import { tensorflow } from '../../src/nn/tf.js';
import type { Scalar, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';

const r2 = (y: number[], p: ArrayLike<number>) => {
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  let ss = 0, st = 0;
  y.forEach((v, i) => { ss += (v - p[i]) ** 2; st += (v - m) ** 2; });
  return 1 - ss / st;
};

describe('trainMlp', () => {
  test('a 2-64-64-1 network on K1 (2 sin x0 cos x1) reaches test R² ≥ 0.99, in the user units', async () => {
    const train = generateBenchmark('K1', { samples: 2000, seed: 1 });
    const testSet = generateBenchmark('K1', { samples: 500, seed: 2 });
    // Shift and scale the data far from standard units: the folded standardisation must cope.
    const X = train.X.map(([a, b]) => [100 + 10 * a, -3 + 0.01 * b]);
    const Xt = testSet.X.map(([a, b]) => [100 + 10 * a, -3 + 0.01 * b]);
    const y = train.y.map((v) => 1000 + 50 * v), yt = testSet.y.map((v) => 1000 + 50 * v);
    const mlp = await trainMlp(X, y, { hidden: [64, 64], epochs: 60, seed: 1 });
    expect(mlp.sizes).toEqual([2, 64, 64, 1]);
    const [p] = await mlp.predict(Xt);
    expect(r2(yt, p)).toBeGreaterThanOrEqual(0.99);
  });

  test('classification: x0² + 2x1² > 1 learned to ≥ 95% test accuracy with a softmax output', async () => {
    const rng = new Rng(3);
    const make = (n: number) => {
      const X = Array.from({ length: n }, () => [-1 + 2 * rng.uniform(), -1 + 2 * rng.uniform()]);
      return { X, y: X.map(([a, b]) => (a * a + 2 * b * b > 1 ? 1 : 0)) };
    };
    const tr = make(3000), te = make(1000);
    const mlp = await trainMlp(tr.X, tr.y, { task: 'classification', hidden: [32, 32], epochs: 40, seed: 2 });
    expect(mlp.layers.at(-1)!.activation).toBe('softmax');
    const [p0, p1] = await mlp.predict(te.X);
    const acc = te.y.filter((v, i) => (p1[i] > p0[i] ? 1 : 0) === v).length / te.y.length;
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  test('weightDecay shrinks the kernels (the L2 gradient term is applied), and 0 changes nothing', async () => {
    const { X, y } = generateBenchmark('F3', { samples: 400, seed: 4 });
    const norm = (m: Awaited<ReturnType<typeof trainMlp>>, layers = m.layers) => layers.reduce((s, l) => s + l.weight.reduce((a, w) => a + w * w, 0), 0);
    const plain = await trainMlp(X, y, { hidden: [16], epochs: 30, seed: 9 });
    const zero = await trainMlp(X, y, { hidden: [16], epochs: 30, seed: 9, weightDecay: 0 });
    const decayed = await trainMlp(X, y, { hidden: [16], epochs: 30, seed: 9, weightDecay: 0.3 });
    expect(zero.toJSON()).toEqual(plain.toJSON());
    // Measured: ΣW² 250 against 419 (first layer 1.2 against 3.4). Adam rescales every
    // gradient, so an L2 term shrinks less than it would under plain gradient descent.
    expect(norm(decayed)).toBeLessThan(0.7 * norm(plain));
    expect(norm(decayed, decayed.layers.slice(0, 1))).toBeLessThan(0.5 * norm(plain, plain.layers.slice(0, 1)));
  });

  test('the same seed trains the same network', async () => {
    const { X, y } = generateBenchmark('F3', { samples: 300, seed: 4 });
    const a = await trainMlp(X, y, { hidden: [8], epochs: 5, seed: 9 });
    const b = await trainMlp(X, y, { hidden: [8], epochs: 5, seed: 9 });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  test('the hand-written gradients (transposes first, for XNNPACK) match tf.grads, every activation, both tasks', async () => {
    const tf = await tensorflow();
    for (const activation of ['tanh', 'relu', 'sigmoid', 'elu', 'linear'] as const) {
      for (const regression of [true, false]) {
        const model = tf.sequential();
        [5, 4, regression ? 2 : 3].forEach((units, k) => model.add(tf.layers.dense({
          units, activation: k < 2 ? activation : regression ? 'linear' : 'softmax', biasInitializer: tf.initializers.randomNormal({ seed: k + 7 }),
          kernelInitializer: tf.initializers.glorotUniform({ seed: k + 1 }), ...(k === 0 && { inputShape: [3] }),
        })));
        const x = tf.randomNormal([16, 3], 0, 1, 'float32', 3) as Tensor2D;
        const y = regression ? tf.randomNormal([16, 2], 0, 1, 'float32', 4) : tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 1, 1, 0, 2], 'int32'), 3).toFloat();
        const vars = model.trainableWeights.map((w) => w.read() as Variable);
        const { value, grads } = tf.variableGrads(() => {
          const p = model.apply(x) as Tensor;
          return (regression ? tf.losses.meanSquaredError(y, p) : tf.metrics.categoricalCrossentropy(y, p).mean()) as Scalar;
        }, vars);
        const mine = denseGradients(tf, model, regression)(x, y);
        expect((await mine.loss.data())[0]).toBeCloseTo((await value.data())[0], 5);
        for (const v of vars) {
          const a = await mine.grads[v.name].data(), b = await grads[v.name].data();
          expect(a.length).toBe(b.length);
          for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 5);
        }
        model.dispose();
      }
    }
  });

  test('one-hot rows: the sparse first layer (segment sums) gives the dense gradients of the standardised inputs', async () => {
    const tf = await tensorflow();
    const rng = new Rng(5), rows = 40, L = 4, q = 5, d = L * q;
    // One-hot rows, with three columns always 0 (their sd falls back to 1).
    const columns = Array.from({ length: d }, () => new Float32Array(rows));
    for (let r = 0; r < rows; r++) for (let i = 0; i < L; i++) columns[i * q + (i === 0 ? rng.below(2) : rng.below(q))][r] = 1;
    const csr = sparseRows(columns, rows)!;
    expect(csr.start[rows]).toBe(rows * L);
    const ms = columns.map((c) => {
      const m = c.reduce((a, b) => a + b, 0) / rows, sd = Math.sqrt(c.reduce((a, b) => a + (b - m) ** 2, 0) / rows);
      return [m, sd > 1e-12 ? sd : 1];
    });
    const standardisation = { mean: tf.tensor2d(ms.map(([m]) => m), [d, 1]), inverseScale: tf.tensor2d(ms.map(([, s]) => 1 / s), [d, 1]) };
    const model = tf.sequential();
    [6, 1].forEach((units, k) => model.add(tf.layers.dense({ units, activation: k === 0 ? 'tanh' : 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: k + 1 }), ...(k === 0 && { inputShape: [d] }) })));
    const idx = [3, 1, 39, 0, 17, 22];
    const x = tf.tensor2d(idx.flatMap((r) => columns.map((c, i) => (c[r] - ms[i][0]) / ms[i][1])), [idx.length, d]);
    const y = tf.tensor2d(idx.map((r) => r / 10), [idx.length, 1]);
    const g = denseGradients(tf, model, true, standardisation);
    const a = g(x, y), batch = sparseBatch(tf, csr, idx, d), b = g(batch, y);
    expect((await b.loss.data())[0]).toBeCloseTo((await a.loss.data())[0], 5);
    for (const v of model.trainableWeights) {
      const ga = await a.grads[v.read().name].data(), gb = await b.grads[v.read().name].data();
      for (let k = 0; k < ga.length; k++) expect(gb[k]).toBeCloseTo(ga[k], 5);
    }
    expect(sparseRows([Float32Array.of(0, 0.5)], 2)).toBeUndefined();
    disposeSparse(batch);
    model.dispose();
  });

  test('bad input and options', async () => {
    await expect(trainMlp([[1], [2]], [1], {})).rejects.toMatchObject({ code: 'E_DATA_SHAPE' });
    await expect(trainMlp([[1], [NaN]], [1, 2])).rejects.toMatchObject({ code: 'E_DATA_VALUE' });
    await expect(trainMlp([[1], [2]], [0.5, 1], { task: 'classification' })).rejects.toMatchObject({ code: 'E_DATA_VALUE' });
    await expect(trainMlp([[1], [2]], [1, 2], { hidden: [0] })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(trainMlp([[1], [2]], [1, 2], { biasInit: -1 })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(trainMlp([[1], [2]], [1, 2], { weightDecay: -1 })).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringMatching(/weightDecay/) });
    await expect(trainMlp([[1], [2]], [1, 2], { weightDecay: NaN })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(trainMlp([[1], [2]], [1, 2], { reduceLearningRate: { patience: 2, factor: 1.5 } })).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringMatching(/reduceLearningRate/) });
    await expect(trainMlp([[1], [2]], [1, 2], { reduceLearningRate: { patience: 0, factor: 0.5 } })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(trainMlp([[1], [2]], [1, 2], { epochz: 3 } as never)).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringMatching(/epochz: unknown option/) });
  });
});
