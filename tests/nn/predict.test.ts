// Mlp.predict: the whole-network tiled pass (assembly/nn/dense.ts forwardRows) on every row
// count around its 8-row groups and 64-row tiles, from flat row-major input and from rows, and
// the same pass split across worker threads (src/nn/forward-pool.ts) — equal to one thread
// bit for bit and to the TypeScript twin within 1e-5.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { Mlp, closeForwardPool, type Activation } from '../../src/index.js';
import { forwardReference } from '../../src/nn/forward.js';
import { forwardPoolSize, predictThreads, PARALLEL_MIN_WORK } from '../../src/nn/forward-pool.js';
import { randomColumns, randomMlp } from '../helpers.js';

afterAll(() => closeForwardPool());

const flat = (X: Float32Array[], rows: number) => {
  const data = new Float32Array(rows * X.length);
  for (let r = 0; r < rows; r++) X.forEach((c, i) => { data[r * X.length + i] = c[r]; });
  return { data, shape: [rows, X.length] as [number, number] };
};

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((col, j) => col.forEach((v, r) => { worst = Math.max(worst, Math.abs(v - b[j][r]) / Math.max(1, Math.abs(b[j][r]))); }));
  return worst;
}

describe('the tiled pass against the TypeScript twin', () => {
  const mlp = randomMlp([5, 9, 6, 3], ['sigmoid', 'tanh', 'softmax'] as Activation[], 4);
  test.each([1, 7, 8, 9, 63, 64, 65, 128, 130, 1001])('%i rows, flat and as rows: within 1e-5, and the two forms agree exactly', async (rows) => {
    const X = randomColumns(5, rows, rows, -3, 3);
    const ref = forwardReference(mlp.layers, X, rows).at(-1)!.post;
    const fromFlat = await mlp.predict(flat(X, rows));
    const fromRows = await mlp.predict(Array.from({ length: rows }, (_, r) => X.map((c) => c[r])));
    expect(fromFlat.map((c) => c.length)).toEqual([rows, rows, rows]);
    expect(maxDiff(fromFlat, ref)).toBeLessThanOrEqual(1e-5);
    expect(maxDiff(fromRows, fromFlat)).toBe(0);
  });

  test('a non-finite value in flat input is named by row and column; a value beyond f32 is refused', async () => {
    const X = randomColumns(5, 100, 1, -1, 1);
    const bad = flat(X, 100);
    bad.data[77 * 5 + 3] = NaN;
    await expect(mlp.predict(bad)).rejects.toMatchObject({ code: 'E_DATA_VALUE', message: expect.stringMatching(/row 77, column 3/) });
    const huge = { data: Float64Array.from(flat(X, 100).data), shape: [100, 5] as [number, number] };
    huge.data[12] = 1e39;
    await expect(mlp.predict(huge)).rejects.toMatchObject({ code: 'E_DATA_VALUE', message: expect.stringMatching(/f32 range/) });
    await expect(mlp.predict({ data: new Float32Array(12), shape: [3, 4] })).rejects.toMatchObject({ code: 'E_DATA_SHAPE' });
  });
});

describe('predict on several threads', () => {
  const mlp = randomMlp([22, 100, 100, 2], ['sigmoid', 'sigmoid', 'softmax'] as Activation[], 9);
  test('threads 2 and 3 equal one thread bit for bit (flat and rows), on a row count that does not split evenly', async () => {
    const rows = 4099;
    const X = randomColumns(22, rows, 5, -2, 2);
    const one = await mlp.predict(flat(X, rows), { threads: 1 });
    for (const threads of [2, 3]) {
      expect(maxDiff(await mlp.predict(flat(X, rows), { threads }), one)).toBe(0);
    }
    const asRows = Array.from({ length: rows }, (_, r) => X.map((c) => c[r]));
    expect(maxDiff(await mlp.predict(asRows, { threads: 2 }), one)).toBe(0);
    expect(forwardPoolSize()).toBe(2);
    expect(maxDiff(one, forwardReference(mlp.layers, X, rows).at(-1)!.post)).toBeLessThanOrEqual(1e-5);
  });

  test('a NaN in a chunk another thread runs is still named; the pool survives it', async () => {
    const rows = 2000;
    const X = randomColumns(22, rows, 6, -2, 2);
    const bad = flat(X, rows);
    bad.data[1990 * 22 + 21] = Infinity;
    await expect(mlp.predict(bad, { threads: 2 })).rejects.toMatchObject({ code: 'E_DATA_VALUE', message: expect.stringMatching(/row 1990, column 21/) });
    bad.data[1990 * 22 + 21] = 0;
    expect((await mlp.predict(bad, { threads: 2 }))[0]).toHaveLength(rows);
  });

  test("'auto' stays on one thread for small batches; bad thread counts are refused", async () => {
    const work = mlp.layers.reduce((s, l) => s + l.inputs * l.outputs, 0);
    expect(await predictThreads(mlp.layers, 1000, 'auto')).toBe(1);
    expect(await predictThreads(mlp.layers, Math.ceil((2 * PARALLEL_MIN_WORK) / work), 'auto')).toBeGreaterThanOrEqual(1);
    expect(await predictThreads(mlp.layers, 4, 2)).toBe(1); // fewer than 8 rows per thread
    for (const threads of [0, -1, 1.5, NaN]) {
      await expect(mlp.predict([[...Array(22).fill(0)]], { threads })).rejects.toMatchObject({ code: 'E_OPTION' });
    }
  });

  test('closeForwardPool ends the workers; the next parallel predict starts new ones', async () => {
    await closeForwardPool();
    expect(forwardPoolSize()).toBe(0);
    const X = randomColumns(22, 256, 8, -2, 2);
    expect((await mlp.predict(flat(X, 256), { threads: 2 }))[1]).toHaveLength(256);
    expect(forwardPoolSize()).toBe(1);
  });

  test('a script whose last act is a parallel predict prints its result and exits by itself', () => {
    // The pool's idle workers are unref'd, its busy ones are not: neither a hang after the
    // answer nor an exit before it (Node's code 13, an unsettled top-level await).
    const script = `import { Mlp } from './dist/src/index.js';
      const mlp = new Mlp([{ inputs: 2, outputs: 3, activation: 'tanh', weight: Float32Array.of(1, 2, 3, 4, 5, 6), bias: new Float32Array(3) },
        { inputs: 3, outputs: 1, activation: 'linear', weight: Float32Array.of(1, 1, 1), bias: new Float32Array(1) }]);
      const [y] = await mlp.predict({ data: new Float32Array(2000), shape: [1000, 2] }, { threads: 2 });
      console.log('rows', y.length);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('rows 1000');
    expect(r.status).toBe(0);
  });
});
