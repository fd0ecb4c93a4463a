// Numerical hygiene: NaN and ±Infinity never enter a reported result, even on data made to
// provoke them (poles, overflow, log of negatives). Every number in every toJSON() is finite.
import { expect, test } from '@jest/globals';
import { SymbolicRegressor, distill, srnet, symbolicGradients } from '../src/index.js';
import { randomMlp } from './helpers.js';

/** JSON.stringify that fails on any non-finite number, naming where it is. */
function strictJson(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite number ${v} at "${key}"`);
    return v;
  });
}

test('sr on data with a pole, overflow-prone and log-hostile values: every reported number is finite', async () => {
  const X = Array.from({ length: 200 }, (_, i) => [-2 + i * 0.02, (i % 7) - 3]);
  const y = X.map(([a, b]) => 1 / (a + 1e-3) + Math.exp(b) - b * b);
  const sr = await new SymbolicRegressor({ generations: 3000, seed: 5, functions: ['add', 'sub', 'mul', 'div', 'exp', 'ln', 'sqrt', 'tan'] }).fit(X, y);
  expect(() => strictJson(sr)).not.toThrow();
  for (const v of sr.predict(X)) expect(Number.isFinite(v) || Number.isNaN(v)).toBe(true); // predictions may be NaN where the equation is undefined, never reported as a loss
});

test('distill, symbolicGradients and srnet results are finite throughout', async () => {
  const mlp = randomMlp([2, 4, 1], ['tanh', 'linear'], 9, 6);
  const d = await distill(mlp, { box: [[-3, 3], [-3, 3]], generations: 2000, seed: 1, functions: ['add', 'mul', 'div', 'exp', 'ln'] });
  expect(() => strictJson(d)).not.toThrow();
  const cls = randomMlp([2, 6, 2], ['tanh', 'softmax'], 4, 4);
  const g = await symbolicGradients(cls, { box: [[-2, 2], [-2, 2]] }, { generations: 2000, seed: 1, samples: 3000, functions: ['add', 'mul', 'div', 'ln', 'sqrt'] });
  expect(() => strictJson(g)).not.toThrow();
  const s = await srnet(mlp, Array.from({ length: 100 }, (_, i) => [Math.sin(i), Math.cos(i)]), { generations: 30, lambda: 20, seed: 1 });
  expect(() => strictJson(s)).not.toThrow();
}, 60_000);
