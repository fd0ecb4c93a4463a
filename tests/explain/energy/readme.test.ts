// The README's energy example through the public API, with a small training budget.
import { expect, test } from '@jest/globals';
import { randomPotts, samplePotts, pottsEnergy, oneHotSequences, trainMlp, energyExpansion } from '../../../src/index.js';

test('the README energy example runs as documented', async () => {
  const potts = randomPotts({ L: 6, q: 4, seed: 1 });
  const seqs = samplePotts(potts, 600, { seed: 2 });
  const mlp = await trainMlp(oneHotSequences(seqs, 4), seqs.map((x) => pottsEnergy(potts, x)), { hidden: [16], epochs: 5 });
  const e = await energyExpansion(mlp, { states: 4, data: seqs.slice(0, 100) });
  expect(e.pairs.slice(0, 3).every((p) => p.i < p.j && p.norm >= 0)).toBe(true);
  expect(Object.keys(e.fit)).toEqual(['order1', 'order2', 'samples', 'source']);
  expect(typeof e.h[3][2]).toBe('number');
  expect(typeof e.J[0][5][1][2]).toBe('number');
  const c = e.contributions(seqs[0]);
  expect(c.fields).toHaveLength(6);
  expect(c.couplings).toHaveLength(15);
});
