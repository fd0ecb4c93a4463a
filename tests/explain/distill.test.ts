// distill(): a trained network's equation recovered from the network alone, its fidelity
// inside and outside the box, and bad input.
import { describe, expect, test } from '@jest/globals';
import { Mlp } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import { distill } from '../../src/explain/distill.js';
import { trainAndSolveOutput } from './networks.js';

describe('distill', () => {
  test('a network trained on x0·x1 + x0 over [1, 3]² distils back to it (measured: 1.00001·x0·(x1 + 1), R² 0.9999997 inside, 0.99985 outside)', async () => {
    const rng = new Rng(2);
    const X = Array.from({ length: 1000 }, () => [1 + 2 * rng.uniform(), 1 + 2 * rng.uniform()]);
    const truth = ([a, b]: readonly number[]) => a * b + a;
    const mlp = await trainAndSolveOutput(X, X.map(truth), { hidden: [16, 32], epochs: 50, learningRate: 0.01, seed: 2 });
    const progress: number[] = [];
    const d = await distill(mlp, {
      box: [[1, 3], [1, 3]], samples: 500, generations: 20000, seed: 1, functions: ['add', 'sub', 'mul', 'div'],
      onProgress: (p) => progress.push(p.generation),
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(d.fidelity.inside.r2).toBeGreaterThanOrEqual(0.999);
    expect(d.fidelity.inside.samples).toBe(1000);
    // The chosen equation is the function the network was trained on, not only the network.
    const f = d.regressor.compile(d.bestIndex);
    for (const x of [[1.2, 2.9], [2.5, 1.1], [2, 2]]) expect(f(x)).toBeCloseTo(truth(x), 1);
    // Outside the box the network and the equation part ways, but both stay defined.
    expect(d.extrapolationBox).toEqual([[0.5, 3.5], [0.5, 3.5]]);
    expect(d.fidelity.outside!.samples).toBe(1000);
    expect(Number.isFinite(d.fidelity.outside!.rmse)).toBe(true);
    // Every front member carries its own fidelity.
    for (const e of d.equations) expect(Object.keys(e)).toEqual(expect.arrayContaining(['expression', 'complexity', 'inside', 'outside']));
    const json = JSON.parse(JSON.stringify(d));
    expect(json).toMatchObject({ bestIndex: d.bestIndex, box: [[1, 3], [1, 3]], samples: 500, best: { expression: d.best.expression } });
    expect(json.regressor).toBeUndefined();
  });

  const net = new Mlp([
    { inputs: 2, outputs: 3, weight: Float32Array.of(1, 0, 0, 1, 1, -1), bias: Float32Array.of(0, 0, 0.5), activation: 'tanh' },
    { inputs: 3, outputs: 1, weight: Float32Array.of(1, 2, -1), bias: Float32Array.of(0.1), activation: 'linear' },
  ]);

  test('a hand-built network: seeded, reproducible, names and extrapolation off', async () => {
    const opts = { box: [[-1, 1], [-1, 1]] as [number, number][], samples: 200, generations: 500, seed: 3, extrapolationFactor: 1, variableNames: ['u', 'v'] };
    const a = await distill(net, opts);
    const b = await distill(net, opts);
    expect(a.equations.map((e) => e.expression)).toEqual(b.equations.map((e) => e.expression));
    expect(a.extrapolationBox).toBeNull();
    expect(a.fidelity.outside).toBeNull();
    expect(a.equations.at(-1)!.expression).toMatch(/[uv]/);
  });

  test.each([
    [{ box: [] }, 'E_OPTION', /option box: expected a non-empty list/],
    [{ box: [[0, 1], [3, 2]] }, 'E_OPTION', /box\[1\] = \[3, 2\] has lo > hi/],
    [{ box: [[0, 1]] }, 'E_DATA_SHAPE', /option box: 1 ranges for a network with 2 inputs/],
    [{ box: [[0, 1], [0, 1], [0, 1]] }, 'E_DATA_SHAPE', /3 ranges for a network with 2 inputs/],
    [{ box: [[0, NaN], [0, 1]] }, 'E_OPTION', /box\[0\] = \[0, NaN\] is not a pair of finite numbers/],
    [{ box: [[1, 1], [2, 2]] }, 'E_OPTION', /every range has zero width/],
    [{ box: [[0, 1], [0, 1]], samples: 0 }, 'E_OPTION', /option samples/],
    [{ box: [[0, 1], [0, 1]], output: 2 }, 'E_OPTION', /option output/],
    [{ box: [[0, 1], [0, 1]], extrapolationFactor: 0.5 }, 'E_OPTION', /option extrapolationFactor/],
    [{ box: [[0, 1], [0, 1]], generations: 0 }, 'E_OPTION', /option generations/],
    [{ box: [[0, 1], [0, 1]], sample: 10 }, 'E_OPTION', /option sample: unknown option.*distill's own: box, samples/],
    [undefined, 'E_OPTION', /needs options/],
  ])('bad options %j', async (options, code, message) => {
    await expect(distill(net, options as never)).rejects.toMatchObject({ name: 'EqlensError', code, message: expect.stringMatching(message) });
  });
});
