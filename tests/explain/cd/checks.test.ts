// The reality checks: completeness, model-parameter randomisation, agreement with occlusion and
// integrated gradients on exactly additive networks.
import { describe, expect, test } from '@jest/globals';
import { Rng } from '../../../src/cgp/rng.js';
import { cdAdditiveAgreement, cdCompleteness, cdRandomisation, isExactlyAdditive } from '../../../src/explain/cd/checks.js';
import { spearman } from '../../../src/explain/cd/rank.js';
import { fails, randomMlp } from '../../helpers.js';
import { additiveMlp } from './networks.js';

const rows = (n: number, d: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.uniform() * 4 - 2));
};

describe('reality checks', () => {
  test('spearman: ties, reversal, constants', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 2], [1, 1, 2])).toBeCloseTo(1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  test('completeness reports the bias share', () => {
    const mlp = randomMlp([4, 8, 2], ['tanh', 'linear'], 5);
    const c = cdCompleteness(mlp, rows(10, 4, 1));
    expect(c.maxError).toBeLessThan(1e-12);
    expect(c.rows).toBe(10);
    // At x = 0 nothing is attributed to the features: half of every bias is left as the share.
    expect(cdCompleteness(mlp, [0, 0, 0, 0]).maxBiasShare).toBeGreaterThan(0);
  });

  test('randomising the weights from the top changes the attributions', () => {
    const mlp = randomMlp([10, 32, 32, 1], ['relu', 'relu', 'linear'], 2);
    const steps = cdRandomisation(mlp, rows(30, 10, 3), { seed: 1 });
    expect(steps.map((s) => s.fromLayer)).toEqual([2, 1, 0]);
    // Fully random weights: the per-feature ranking is unrelated to the original one.
    expect(Math.abs(steps[2].spearman)).toBeLessThan(0.5);
    for (const s of steps) expect(s.spearman).toBeLessThan(0.9);
  });

  test('on exactly additive networks CD, occlusion and integrated gradients agree', () => {
    for (const act of ['relu', 'tanh', 'elu', 'linear'] as const) {
      const mlp = additiveMlp(5, act, 11);
      expect(isExactlyAdditive(mlp)).toBe(true);
      const r = cdAdditiveAgreement(mlp, rows(20, 5, 4), { steps: 512 });
      expect(r.additive).toBe(true);
      expect(r.maxAbsDifference.occlusion).toBeLessThan(1e-12);
      expect(r.maxAbsDifference.integratedGradients).toBeLessThan(act === 'relu' ? 2e-2 : 1e-4);
      expect(r.spearman.occlusion).toBeCloseTo(1, 12);
      expect(r.spearman.integratedGradients).toBeGreaterThan(0.95);
    }
    // A general network is not additive, and there the attributions differ.
    const mlp = randomMlp([5, 8, 1], ['tanh', 'linear'], 1);
    expect(isExactlyAdditive(mlp)).toBe(false);
    expect(cdAdditiveAgreement(mlp, rows(5, 5, 2)).additive).toBe(false);
  });

  test('bad options', async () => {
    const mlp = randomMlp([3, 4, 1], ['relu', 'linear'], 1);
    await fails(() => cdRandomisation(mlp, [1, 2, 3], { seed: 0.5 }), 'E_OPTION', /seed: expected an integer/);
    await fails(() => cdRandomisation(mlp, [1, 2, 3], { output: 1 }), 'E_OPTION', /output unit 0 to 0, got 1/);
    await fails(() => cdAdditiveAgreement(mlp, [1, 2, 3], { steps: 0 }), 'E_OPTION', /steps: expected a positive integer/);
    await fails(() => cdAdditiveAgreement(mlp, [1, 2, 3], { baseline: [0, 0] }), 'E_DATA_SHAPE', /baseline: row 0 has 2 values/);
    await fails(() => cdAdditiveAgreement(mlp, [1, 2, 3], { step: 3 } as never), 'E_OPTION', /unknown option step/);
  });
});

