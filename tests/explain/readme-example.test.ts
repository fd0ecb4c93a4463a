// The README's "Explaining a network" example, run through the public API (src/index.ts) on a
// small network, with budgets cut so that it runs in seconds.
import { expect, test } from '@jest/globals';
import { srnet, distill, taylor, lime, maple, limeFidelity, mapleFidelity, sampleBox } from '../../src/index.js';
import { randomMlp } from '../helpers.js';

test('the README example runs as documented', async () => {
  const mlp = randomMlp([2, 3, 1], ['sigmoid', 'linear'], 4);
  const X = sampleBox([[1, 5], [1, 5]], 300, 1), Xtest = sampleBox([[1, 5], [1, 5]], 50, 2);

  const sem = await srnet(mlp, X, { seed: 1, generations: 100, lambda: 40 });
  expect(sem.layers).toHaveLength(2);
  for (const l of sem.layers) expect(Object.keys(l)).toEqual(expect.arrayContaining(['expression', 'weights', 'biases', 'mse']));
  expect(sem.equation).toMatch(/x[01]/);
  expect(Object.keys(sem.fidelity)).toEqual(['train', 'interpolation', 'extrapolation']);
  // Three unlike sigmoids cannot all be affine images of one g: SRNet explains most, not all.
  expect((await sem.fidelityOn(Xtest)).r2).toBeGreaterThan(0.6);

  const d = await distill(mlp, { box: [[1, 5], [1, 5]], generations: 3000, seed: 1 });
  expect(typeof d.best.expression).toBe('string');
  expect(d.fidelity).toBeDefined();
  const t = await taylor(mlp, { at: [[2, 2], [3, 3]], order: 2 });
  expect(typeof t.expression).toBe('string');

  const local = await (await lime(mlp, X, { samples: 500 })).explain(Xtest[0]);
  const near = await (await maple(mlp, X, { trees: 20 })).explain(Xtest[0]);
  const net = (await mlp.predict([Xtest[0]]))[0][0];
  expect(Math.abs(local.prediction[0] - net)).toBeLessThan(0.05);
  expect(Math.abs(near.prediction[0] - net)).toBeLessThan(0.2);
  expect((await limeFidelity(mlp, X, Xtest, { samples: 500 })).points).toBe(50);
  expect((await mapleFidelity(mlp, X, Xtest, { trees: 20 })).points).toBe(50);
});
