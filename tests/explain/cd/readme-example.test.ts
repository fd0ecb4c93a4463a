// The README's attribution example, run through the public API (src/index.ts).
import { expect, test } from '@jest/globals';
import { Mlp, contextualDecomposition, interactionMatrix, acd, cdCompleteness, cdRandomisation, cdAdditiveAgreement } from '../../../src/index.js';

test('the README attribution example runs as documented', () => {
  const mlp = Mlp.fromJSON({ format: 'eqlens-mlp-v1', layers: [
    { weight: [[1, 2, 0], [-1, 1, 1]], bias: [0.5, -1], activation: 'relu' },
    { weight: [[1, -2]], bias: [0.25], activation: 'linear' }] });
  const x = [1, 1, 0.5];
  const cd = contextualDecomposition(mlp, [x], { groups: [[0], [1, 2]] });
  expect(typeof cd.score(0, 1)).toBe('number');
  const m = interactionMatrix(mlp, x);
  expect(m.strongest(3)).toHaveLength(3);
  const tree = acd(mlp, x, { structure: 'tabular' });
  expect(JSON.parse(JSON.stringify(tree)).root.features).toEqual([0, 1, 2]);
  expect(cdCompleteness(mlp, [x]).maxError).toBeLessThan(1e-12);
  expect(cdRandomisation(mlp, [x], { seed: 1 })).toHaveLength(2);
  expect(cdAdditiveAgreement(mlp, [x]).additive).toBe(false);
});
