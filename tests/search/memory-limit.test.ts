// A data set larger than the WASM memory budget is searched on a seeded subsample that fits,
// with a note saying so; one that fits is used whole.
import { expect, test } from '@jest/globals';
import { SymbolicRegressor } from '../../src/index.js';
import { datasetBytes, rowsWithin } from '../../src/search/row-budget.js';
import { fails } from '../helpers.js';

const INPUTS = 10, LIMIT = 64;

function data(rows: number) {
  const X = new Float32Array(rows * INPUTS);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < INPUTS; i++) X[r * INPUTS + i] = Math.sin(r * (i + 1) * 0.001);
    y[r] = X[r * INPUTS] * X[r * INPUTS + 1] + X[r * INPUTS + 2];
  }
  return { X: { data: X, shape: [rows, INPUTS] as [number, number] }, y };
}

test('just over the limit: subsampled to the largest block-aligned size that fits, with a note', async () => {
  const fit = rowsWithin(LIMIT * 2 ** 20, INPUTS);
  expect(datasetBytes(fit, INPUTS)).toBeLessThanOrEqual(LIMIT * 2 ** 20);
  const { X, y } = data(fit + 1);
  const sr = await new SymbolicRegressor({ memoryLimitMiB: LIMIT, generations: 20, seed: 1, functions: ['add', 'mul'], constants: 0, optimizeConstants: false }).fit(X, y);
  expect(sr.notes).toHaveLength(1);
  expect(sr.notes[0]).toMatch(new RegExp(`${fit + 1} rows × 10 inputs.*exceed memoryLimitMiB = 64.*subsample of ${fit} rows`));
  expect(sr.toJSON().notes).toEqual(sr.notes);
  expect(sr.toJSON().provenance!.data!.rows).toBe(fit + 1); // the data as given are what the result describes
  // Exactly at the limit: used whole, no note.
  const at = data(fit);
  const whole = await new SymbolicRegressor({ memoryLimitMiB: LIMIT, generations: 5, seed: 1, functions: ['add', 'mul'], constants: 0, optimizeConstants: false }).fit(at.X, at.y);
  expect(whole.notes).toEqual([]);
}, 60_000);

test('memoryLimitMiB is validated', () => {
  fails(() => new SymbolicRegressor({ memoryLimitMiB: 8 }), 'E_OPTION', /memoryLimitMiB: expected a number of MiB in \[64, 4096\]/);
});
