// taylor(): Li's thesis examples (METHODS §3) recovered from trained networks, more closely
// than the thesis; several points, softmax, the error report, and bad input.
import { describe, expect, test } from '@jest/globals';
import { Mlp } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import { taylor } from '../../src/explain/taylor.js';
import { randomMlp } from '../helpers.js';
import { forward64, trainAndSolveOutput } from './networks.js';

// Small and quick (a few seconds each): Adam for 50 epochs, then the output layer solved.
const TRAIN = { epochs: 50, batchSize: 64, learningRate: 0.01, seed: 1 } as const;

describe("Li's thesis examples, from trained networks (order 2, coefficients averaged over points)", () => {
  test('y = 0.5x² − 2x + 1 on [0, 4]: thesis 0.51x² − 2.25x + 2.2; eqlens 0.4989x² − 1.994x + 0.9905', async () => {
    const rng = new Rng(1);
    const X = Array.from({ length: 500 }, () => [4 * rng.uniform()]);
    const mlp = await trainAndSolveOutput(X, X.map(([x]) => 0.5 * x * x - 2 * x + 1), { ...TRAIN, hidden: [16, 32] });
    const t = await taylor(mlp, { at: [[0.8], [1.4], [2], [2.6], [3.2]], order: 2, box: [[0, 4]], variableNames: ['x'] });
    const [c2, c1, c0] = [t.coefficient([2]), t.coefficient([1]), t.coefficient([0])];
    expect(t.expression).toBe('0.4989*x^2 - 1.994*x + 0.9905');
    // Measured: 0.49888, −1.99375, 0.99045 (asserted to 3 decimals: other tfjs builds may round differently).
    expect(c2).toBeCloseTo(0.49888, 3);
    expect(c1).toBeCloseTo(-1.99375, 3);
    expect(c0).toBeCloseTo(0.99045, 3);
    // Closer than the thesis on every coefficient, by at least 5×.
    expect(Math.abs(c2 - 0.5)).toBeLessThan(Math.abs(0.51 - 0.5) / 5);
    expect(Math.abs(c1 + 2)).toBeLessThan(Math.abs(-2.25 + 2) / 5);
    expect(Math.abs(c0 - 1)).toBeLessThan(Math.abs(2.2 - 1) / 5);
    expect(t.error.r2).toBeGreaterThan(0.9999);
    expect(t.error.rmse).toBeLessThan(0.01);
  });

  test('F = m·a on [1, 5]²: thesis ma − 0.02m + 0.09; eqlens 1.0003ma + 0.0007m − 0.0018a + 0.0024', async () => {
    const rng = new Rng(1);
    const X = Array.from({ length: 1000 }, () => [1 + 4 * rng.uniform(), 1 + 4 * rng.uniform()]);
    const mlp = await trainAndSolveOutput(X, X.map(([m, a]) => m * a), { ...TRAIN, hidden: [16, 64] });
    const grid = [2, 3, 4].flatMap((m) => [2, 3, 4].map((a) => [m, a]));
    const t = await taylor(mlp, { at: grid, order: 2, box: [[1, 5], [1, 5]], variableNames: ['m', 'a'] });
    const c = (e: number[]) => t.coefficient(e);
    // Measured: ma 1.00030, m 0.00069, a −0.00175, 1 0.00236, m² −0.00025, a² 0.00001.
    const measured: [number[], number][] = [[[1, 1], 1.0003], [[1, 0], 0.00069], [[0, 1], -0.00175], [[0, 0], 0.00236], [[2, 0], -0.00025], [[0, 2], 0.00001]];
    for (const [e, v] of measured) expect(c(e)).toBeCloseTo(v, 3);
    // The thesis: ma coefficient within 0.01 of 1 (it printed 1), spurious 0.02 (m) and 0.09 (constant).
    expect(Math.abs(c([1, 1]) - 1)).toBeLessThan(0.01 / 5);
    for (const e of [[1, 0], [0, 1], [2, 0], [0, 2]]) expect(Math.abs(c(e))).toBeLessThan(0.02 / 5);
    expect(Math.abs(c([0, 0]))).toBeLessThan(0.09 / 5);
    expect(t.expression).toMatch(/m\*a/);
    expect(t.error.r2).toBeGreaterThan(0.99999);
  });
});

describe('taylor', () => {
  const net = randomMlp([2, 6, 1], ['tanh', 'linear'], 4);

  test('one point: value, gradient and Hessian are the network\'s; the polynomial is close near the point', async () => {
    const t = await taylor(net, { at: [0.3, -0.4], order: 3, radius: 0.05 });
    const local = t.local[0].terms;
    const term = (e: number[]) => local.find((x) => x.exponents.join() === e.join())!;
    expect(term([0, 0]).coefficient).toBeCloseTo(forward64(net, [0.3, -0.4]), 12);
    const [g0, g1] = await net.inputGradient([[0.3, -0.4]]);
    expect(term([1, 0]).derivative).toBeCloseTo(g0[0], 5);
    expect(term([0, 1]).derivative).toBeCloseTo(g1[0], 5);
    expect(term([2, 0]).derivative).toBeCloseTo(2 * term([2, 0]).coefficient, 14);
    t.error.region.flat().forEach((v, i) => expect(v).toBeCloseTo([0.25, 0.35, -0.45, -0.35][i], 12));
    // Order 3 within ±0.05: the truncation error is O(0.05⁴); the network itself is f32.
    expect(t.error.maxAbs).toBeLessThan(1e-4);
    expect(t.evaluate([0.3, -0.4])).toBeCloseTo(forward64(net, [0.3, -0.4]), 10);
    expect(t.expression).toMatch(/x0\^3/);
    const flat = await taylor(net, { at: [0.3, -0.4], order: 0, box: undefined });
    expect(flat.terms).toHaveLength(1);
    expect(flat.coefficients[0]).toBeCloseTo(forward64(net, [0.3, -0.4]), 12);
  });

  test('several points: the coefficients are the mean of the single-point polynomials', async () => {
    const pts = [[0, 0], [1, -1], [-0.5, 2]];
    const all = await taylor(net, { at: pts, order: 2 });
    const each = await Promise.all(pts.map((p) => taylor(net, { at: p, order: 2 })));
    all.terms.forEach((term, m) => {
      expect(term.coefficient).toBeCloseTo(each.reduce((s, t) => s + t.coefficients[m], 0) / pts.length, 12);
    });
    all.error.region.flat().forEach((v, i) => expect(v).toBeCloseTo([-0.6, 1.1, -1.1, 2.1][i], 12));
  });

  test('a linear network is its own order-1 polynomial', async () => {
    const lin = new Mlp([
      { inputs: 2, outputs: 2, weight: Float32Array.of(1, 2, -1, 0.5), bias: Float32Array.of(0.5, -1), activation: 'linear' },
      { inputs: 2, outputs: 1, weight: Float32Array.of(2, -3), bias: Float32Array.of(0.25), activation: 'linear' },
    ]);
    const t = await taylor(lin, { at: [7, -3], order: 1, box: [[-10, 10], [-10, 10]] });
    // 2(x0 + 2x1 + 0.5) − 3(−x0 + 0.5x1 − 1) + 0.25 = 5x0 + 2.5x1 + 4.25
    expect(t.expression).toBe('5*x0 + 2.5*x1 + 4.25');
    expect(t.error.maxAbs).toBeLessThan(1e-4);
  });

  test('softmax output: the probability by default, the logit with preActivation', async () => {
    const clf = randomMlp([2, 5, 3], ['sigmoid', 'softmax'], 8);
    const x = [0.2, 0.7];
    const [p] = await clf.predict([x]);
    const acts = await clf.activations([x]);
    const prob = await taylor(clf, { at: x, order: 2, output: 0 });
    const logit = await taylor(clf, { at: x, order: 2, output: 0, preActivation: true });
    expect(prob.local[0].terms[0].coefficient).toBeCloseTo(p[0], 6);
    expect(logit.local[0].terms[0].coefficient).toBeCloseTo(acts.at(-1)!.pre[0][0], 5);
    // Each error is measured against the matching quantity of the network.
    expect(prob.error.maxAbs).toBeLessThan(1e-3);
    expect(logit.error.maxAbs).toBeLessThan(1e-3);
    expect(JSON.parse(JSON.stringify(logit))).toMatchObject({ preActivation: true, order: 2, points: [x], expression: logit.expression });
  });

  test('one input: a flat list is one point, and the error says how to give several', async () => {
    const one = randomMlp([1, 4, 1], ['sigmoid', 'linear'], 2);
    expect((await taylor(one, { at: [2] })).points).toEqual([[2]]);
    await expect(taylor(one, { at: [2, 3] })).rejects.toMatchObject({ code: 'E_DATA_SHAPE', message: expect.stringMatching(/\[\[2\], \[3\]\]/) });
  });

  test.each([
    [{ at: [] }, 'E_OPTION', /option at/],
    [{ at: [1] }, 'E_DATA_SHAPE', /point 0 has 1 values; the network takes 2 inputs/],
    [{ at: [[1, 2], [3]] }, 'E_DATA_SHAPE', /point 1 has 1 values/],
    [{ at: [1, NaN] }, 'E_OPTION', /point 0 has NaN at input 1/],
    [{ at: [1, 2], order: 1.5 }, 'E_OPTION', /option order/],
    [{ at: [1, 2], order: -1 }, 'E_OPTION', /option order/],
    [{ at: [1, 2], output: 1 }, 'E_OPTION', /option output: expected an output unit 0..0/],
    [{ at: [1, 2], box: [[0, 1]] }, 'E_DATA_SHAPE', /option box: 1 ranges for a network with 2 inputs/],
    [{ at: [1, 2], box: [[0, 1], [2, 1]] }, 'E_OPTION', /box\[1\] = \[2, 1\] has lo > hi/],
    [{ at: [1, 2], box: [] }, 'E_OPTION', /option box: expected a non-empty list/],
    [{ at: [1, 2], box: [[0, 1], [NaN, 1]] }, 'E_OPTION', /box\[1\] = \[NaN, 1\] is not a pair of finite numbers/],
    [{ at: [1, 2], variableNames: ['m'] }, 'E_OPTION', /option variableNames/],
    [{ at: [1, 2], radius: -1 }, 'E_OPTION', /option radius/],
    [{ at: [1, 2], ordre: 2 }, 'E_OPTION', /option ordre: unknown option/],
  ])('bad options %j', async (options, code, message) => {
    await expect(taylor(net, options as never)).rejects.toMatchObject({ name: 'EqlensError', code, message: expect.stringMatching(message) });
  });
});
