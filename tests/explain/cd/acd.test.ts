// The ACD hierarchy: tree invariants for tabular and sequence inputs, the interacting pair found
// first, and bad options.
import { describe, expect, test } from '@jest/globals';
import { acd, type AcdNode } from '../../../src/explain/cd/acd.js';
import { contextualDecomposition } from '../../../src/explain/cd/scores.js';
import { fails, randomMlp } from '../../helpers.js';
import { additiveMlp } from './networks.js';

/** Every node's children partition its features; scores are the group's CD score. */
function checkTree(n: AcdNode, score: (f: number[]) => number): void {
  expect(n.score).toBeCloseTo(score(n.features), 10);
  if (!n.children.length) { expect(n.features).toHaveLength(1); return; }
  expect(n.children.flatMap((c) => c.features).sort((a, b) => a - b)).toEqual(n.features);
  for (const c of n.children) { expect(c.level).toBeLessThan(n.level); checkTree(c, score); }
}

describe('acd', () => {
  const mlp = randomMlp([8, 16, 16, 2], ['relu', 'tanh', 'softmax'], 3, 3);
  const x = [0.5, -1, 2, 0.3, -0.7, 1.1, -2, 0.9];
  const score = (f: number[]) => contextualDecomposition(mlp, x, { groups: [f] }).score(0, 0, 1);

  test.each(['tabular', 'sequence'] as const)('%s: a tree from single features to all features', (structure) => {
    const t = acd(mlp, x, { structure, output: 1 });
    expect(t.root.features).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(t.levels[0].groups).toHaveLength(8);
    expect(t.selected.length).toBeGreaterThanOrEqual(4);
    checkTree(t.root, score);
    // Groups within a level are disjoint; in a sequence every group is a run of neighbours.
    for (const l of t.levels.slice(1)) {
      const all = l.groups.flatMap((g) => g.features);
      expect(new Set(all).size).toBe(all.length);
      if (structure === 'sequence') for (const g of l.groups) expect(g.features.at(-1)! - g.features[0]).toBe(g.features.length - 1);
    }
    const j = JSON.parse(JSON.stringify(t));
    expect(j.root.features).toHaveLength(8);
    expect(j.levels.at(-1).groups[0].features).toHaveLength(8);
  });

  test('the interacting pair is joined first (interaction gain)', () => {
    const net = additiveMlp(6, 'relu', 7, { p: 2, q: 4, c: 2 });
    const t = acd(net, [0.1, -0.1, 1.5, 0.1, -1.2, 0.1], { gain: 'interaction', magnitude: true, percentile: 100 });
    expect(t.selected.length).toBe(1);
    expect([2, 4]).toContain(t.selected[0]);
    expect(t.levels[1].groups.map((g) => g.features)).toEqual([[2, 4]]);
  });

  test('one feature: the root is the leaf', () => {
    const t = acd(randomMlp([1, 3, 1], ['relu', 'linear'], 1), [0.5]);
    expect(t.root.features).toEqual([0]);
    expect(t.levels).toHaveLength(1);
  });

  test('bad options', async () => {
    await fails(() => acd(mlp, x, { structure: 'image' as never }), 'E_OPTION', /structure: expected 'tabular' or 'sequence'/);
    await fails(() => acd(mlp, x, { percentile: 101 }), 'E_OPTION', /percentile: expected a number from 0 to 100/);
    await fails(() => acd(mlp, x, { gain: 'x' as never }), 'E_OPTION', /gain: expected 'score' or 'interaction'/);
    await fails(() => acd(mlp, x, { output: 2 }), 'E_OPTION', /output unit 0 to 1, got 2/);
    await fails(() => acd(mlp, x, { levels: 3 } as never), 'E_OPTION', /unknown option levels/);
    await fails(() => acd(mlp, [x, x] as never), 'E_DATA_SHAPE', /one input/);
  });
});
