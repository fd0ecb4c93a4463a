// Contextual decomposition: the reference rules (a direct transcription of the `acd` package's
// cd_propagate.py in the test), completeness, interactions on a network with one known pairwise
// interaction, and bad input.
import { describe, expect, test } from '@jest/globals';
import { Mlp, type Activation } from '../../../src/nn/mlp.js';
import { Rng } from '../../../src/cgp/rng.js';
import { contextualDecomposition } from '../../../src/explain/cd/scores.js';
import { cdInteraction, interactionMatrices, interactionMatrix } from '../../../src/explain/cd/interactions.js';
import { cdCompleteness } from '../../../src/explain/cd/checks.js';
import { fails, randomMlp } from '../../helpers.js';
import { additiveMlp, ELEMENTWISE } from './networks.js';

/** cd_propagate.py for an MLP, written out independently: β and γ both propagated, W·γ computed directly. */
function referenceCd(mlp: Mlp, x: number[], group: number[]): number[] {
  let rel = x.map((v, i) => (group.includes(i) ? v : 0));
  let irr = x.map((v, i) => (group.includes(i) ? 0 : v));
  mlp.layers.forEach((l, k) => {
    const lin = (v: number[]) => Array.from({ length: l.outputs }, (_, j) => v.reduce((s, vi, i) => s + l.weight[j * l.inputs + i] * vi, 0));
    const r = lin(rel), ir = lin(irr);
    const pr = r.map((v) => Math.abs(v) + 1e-20), pi = ir.map((v) => Math.abs(v) + 1e-20);
    rel = r.map((v, j) => v + (pr[j] / (pr[j] + pi[j])) * l.bias[j]);
    irr = ir.map((v, j) => v + (pi[j] / (pr[j] + pi[j])) * l.bias[j]);
    if (k < mlp.layers.length - 1) { // propagate_relu
      const relu = (v: number) => Math.max(v, 0);
      const both = rel.map((v, j) => relu(v + irr[j]));
      rel = rel.map(relu);
      irr = both.map((v, j) => v - rel[j]);
    }
  });
  return rel;
}

function randomRows(n: number, d: number, seed: number, scale = 2): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => (rng.uniform() - 0.5) * 2 * scale));
}

describe('contextual decomposition', () => {
  test('a hand-computed example: 2 inputs, 2 ReLU units, 1 output', () => {
    const mlp = new Mlp([
      { inputs: 2, outputs: 2, weight: Float32Array.of(1, 2, -1, 1), bias: Float32Array.of(0.5, -1), activation: 'relu' },
      { inputs: 2, outputs: 1, weight: Float32Array.of(1, -2), bias: Float32Array.of(0.25), activation: 'linear' },
    ]);
    // Unit 0: r = 1, ir = 2 → β = 1 + 0.5/3; unit 1: r = −1, ir = 1 → β = −1.5 → relu 0.
    // Output: r = 7/6, ir = 7/3 → β = 7/6 + 0.25/3 = 1.25; γ = 7/3 + 0.5/3 = 2.5; β + γ = 3.75 = f(x).
    const cd = contextualDecomposition(mlp, [1, 1], { groups: [[0], [0, 1]] });
    expect(cd.score(0, 0)).toBeCloseTo(1.25, 12);
    expect(cd.irrelevant[0]).toBeCloseTo(2.5, 12);
    expect(cd.score(0, 1)).toBeCloseTo(3.75, 12);
  });

  test('equals a direct transcription of cd_propagate.py on random ReLU networks', () => {
    for (const seed of [1, 2, 3]) {
      const mlp = randomMlp([6, 10, 8, 3], ['relu', 'relu', 'linear'], seed);
      const X = randomRows(20, 6, seed + 10);
      const groups = [[0], [5], [1, 2], [0, 3, 4], [0, 1, 2, 3, 4, 5], [4, 2]];
      const cd = contextualDecomposition(mlp, X, { groups });
      X.forEach((x, r) => groups.forEach((g, gi) => {
        const ref = referenceCd(mlp, x, g);
        for (let k = 0; k < 3; k++) expect(Math.abs(cd.score(r, gi, k) - ref[k])).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(ref[k])));
      }));
    }
  });

  test('default groups are the single features; a single input is one row; toJSON is plain data', () => {
    const mlp = randomMlp([3, 4, 1], ['tanh', 'linear'], 4);
    const cd = contextualDecomposition(mlp, [0.1, 0.2, 0.3]);
    expect(cd.groups).toEqual([[0], [1], [2]]);
    expect(cd.rows).toBe(1);
    const j = JSON.parse(JSON.stringify(cd));
    expect(j.scores[0][2][0]).toBeCloseTo(cd.score(0, 2), 12);
    expect(cd.scoresOf(1)).toEqual(Float64Array.of(cd.score(0, 1)));
  });

  test.each([...ELEMENTWISE, 'softmax' as Activation])('completeness to 1e-5 on random networks (%s)', (act) => {
    const out: Activation = act === 'softmax' ? 'softmax' : 'linear';
    const hidden: Activation = act === 'softmax' ? 'relu' : act;
    for (const seed of [1, 2]) {
      const mlp = randomMlp([5, 16, 12, 3], [hidden, hidden, out], seed, 3);
      const X = randomRows(50, 5, seed);
      const c = cdCompleteness(mlp, X);
      expect(c.maxError).toBeLessThanOrEqual(1e-5);
      // β + γ reproduces the logits of the f32 network's own weights.
      const all = contextualDecomposition(mlp, X, { groups: [[0, 1, 2, 3, 4]] });
      const direct = contextualDecomposition(mlp, X, { groups: [[0], [1, 2, 3, 4]] });
      for (let r = 0; r < X.length; r++) {
        for (let k = 0; k < 3; k++) {
          const z = all.score(r, 0, k) + all.irrelevant[r * 3 + k];
          const z2 = direct.score(r, 0, k) + direct.irrelevant[(r * 2) * 3 + k];
          expect(Math.abs(z - z2)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(z)));
        }
      }
    }
  });

  test('the one pairwise interaction is the strongest (ReLU, the reference rule)', () => {
    const d = 6;
    const mlp = additiveMlp(d, 'relu', 7, { p: 2, q: 4, c: 2 });
    const X = randomRows(30, d, 8, 1).filter((x) => Math.abs(x[2]) > 0.2 && Math.abs(x[4]) > 0.2);
    const ms = interactionMatrices(mlp, X);
    for (const m of ms) {
      expect(m.strongest(1)[0].features).toEqual([2, 4]);
      expect(Math.abs(m.interaction(2, 4))).toBeGreaterThan(0.05);
      for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) if (!(i === 2 && j === 4)) expect(Math.abs(m.interaction(i, j))).toBeLessThan(1e-9);
      expect(m.interaction(4, 2)).toBe(m.interaction(2, 4));
    }
    // The same through cdInteraction and for one input.
    const pair = cdInteraction(mlp, X, [2], [4]);
    expect(pair[0]).toBeCloseTo(ms[0].interaction(2, 4), 12);
    expect(interactionMatrix(mlp, X[0]).toJSON().interactions[2][4]).toBeCloseTo(pair[0], 12);
  });

  test('the symmetric rule shares a two-feature unit exactly between its two features (elu)', () => {
    // Shapley-of-two is additive: for a unit fed only by x_p and x_q, CD({p}) + CD({q}) = CD({p, q}),
    // so a product formed in one layer from two features alone shows no CD interaction under the
    // symmetric rule (METHODS §5). The ReLU rule is asymmetric and does show it (test above).
    const mlp = additiveMlp(6, 'elu', 7, { p: 2, q: 4, c: 2 });
    const [m] = interactionMatrices(mlp, [[0.5, -0.3, 0.7, 0.4, -0.6, 0.2]]);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(Math.abs(m.interaction(i, j))).toBeLessThan(1e-12);
  });

  test('bad input: nonexistent feature, empty group, bad options', async () => {
    const mlp = randomMlp([3, 4, 2], ['relu', 'softmax'], 1);
    const x = [1, 2, 3];
    await fails(() => contextualDecomposition(mlp, x, { groups: [[0, 3]] }), 'E_OPTION', /groups\[0\]: feature 3 does not exist; the network has 3 inputs/);
    await fails(() => contextualDecomposition(mlp, x, { groups: [[0], []] }), 'E_OPTION', /groups\[1\]: the group is empty/);
    await fails(() => contextualDecomposition(mlp, x, { groups: [] }), 'E_OPTION', /list of groups is empty/);
    await fails(() => contextualDecomposition(mlp, x, { groups: [[1, 1]] }), 'E_OPTION', /feature 1 is named twice/);
    await fails(() => contextualDecomposition(mlp, x, { groups: [[-1]] }), 'E_OPTION', /feature -1 does not exist/);
    await fails(() => contextualDecomposition(mlp, x, { groups: [[0.5]] }), 'E_OPTION', /feature 0.5 does not exist/);
    await fails(() => contextualDecomposition(mlp, x, { groups: '0,1' as never }), 'E_OPTION', /a list of feature groups/);
    await fails(() => contextualDecomposition(mlp, x, { group: [[0]] } as never), 'E_OPTION', /unknown option group; known: groups/);
    await fails(() => contextualDecomposition(mlp, [1, 2], {}), 'E_DATA_SHAPE', /row 0 has 2 values; the network takes 3 inputs/);
    await fails(() => contextualDecomposition(mlp, [1, NaN, 2], {}), 'E_DATA_VALUE', /non-finite value \(NaN\) at row 0, column 1/);
    await fails(() => contextualDecomposition(mlp, [], {}), 'E_DATA_SHAPE', /row 0 has 0 values/);
    await fails(() => cdInteraction(mlp, x, [0, 1], [1]), 'E_OPTION', /both contain feature 1/);
    await fails(() => cdInteraction(mlp, x, [0], [1], { output: 2 }), 'E_OPTION', /output unit 0 to 1, got 2/);
    await fails(() => interactionMatrix(mlp, [x, x] as never), 'E_DATA_SHAPE', /one input/);
  });
});
