// Derivatives at the uniform point: the analytic Hessian against finite differences of the
// analytic gradient, and agreement with reference differences where the two must agree.
import { describe, expect, test } from '@jest/globals';
import { energyExpansion, Mlp } from '../../../src/index.js';
import { logitDerivatives } from '../../../src/explain/energy/autodiff.js';
import { logitLayers } from '../../../src/nn/one-hot.js';
import { Rng } from '../../../src/cgp/rng.js';
import { randomMlp } from '../../helpers.js';
import { randomStates } from './networks.js';

describe('autodiff: exact derivatives at σ = 1/q', () => {
  test('Hessian = finite differences of the gradient (tanh, sigmoid, elu, 3 hidden layers)', () => {
    const mlp = randomMlp([7, 6, 5, 4, 2], ['tanh', 'sigmoid', 'elu', 'softmax'], 3);
    const layers = logitLayers(mlp, 1);
    const rng = new Rng(2);
    const x = Float64Array.from({ length: 7 }, () => rng.uniform());
    const { F, g, H } = logitDerivatives(layers, x, true);
    const eps = 1e-5;
    for (let c = 0; c < 7; c++) {
      const xp = Float64Array.from(x), xm = Float64Array.from(x);
      xp[c] += eps; xm[c] -= eps;
      const gp = logitDerivatives(layers, xp, false), gm = logitDerivatives(layers, xm, false);
      expect((gp.F - gm.F) / (2 * eps)).toBeCloseTo(g[c], 6);
      for (let r = 0; r < 7; r++) expect((gp.g[r] - gm.g[r]) / (2 * eps)).toBeCloseTo(H![r * 7 + c], 6);
    }
    expect(Number.isFinite(F)).toBe(true);
  });

  test('a linear network: both methods give the same fields, and no couplings', async () => {
    const q = [3, 3, 3, 3];
    const mlp = randomMlp([12, 5, 1], ['linear', 'linear'], 4);
    const data = randomStates(q, 200, 1);
    const ref = await energyExpansion(mlp, { states: 3, data, method: 'reference' });
    const ad = await energyExpansion(mlp, { states: 3, data, method: 'autodiff' });
    expect(ad.E0).toBeCloseTo(ref.E0, 5);
    ad.h.forEach((hi, i) => hi.forEach((v, a) => expect(v).toBeCloseTo(ref.h[i][a], 5)));
    for (const p of [...ad.pairs, ...ref.pairs]) expect(p.norm).toBeLessThan(1e-5);
    expect(ad.fit.order1).toBeGreaterThan(1 - 1e-9);
  });

  test('a nearly quadratic network (small first-layer weights): zero-sum terms agree to O(weight)', async () => {
    const q = [4, 4, 4, 4, 4];
    const base = randomMlp([20, 12, 1], ['tanh', 'linear'], 9, 2);
    for (const scale of [0.05, 0.0125]) {
      const l0 = base.layers[0];
      const mlp = new Mlp([{ ...l0, weight: l0.weight.map((w) => w * scale), bias: l0.bias.map((b) => b + 0.8) }, base.layers[1]]);
      const ref = await energyExpansion(mlp, { states: 4, method: 'reference' });
      const ad = await energyExpansion(mlp, { states: 4, method: 'autodiff' });
      let num = 0, den = 0;
      for (let i = 0; i < q.length; i++) {
        for (let j = i + 1; j < q.length; j++) {
          const a = ref.coupling(i, j), b = ad.coupling(i, j);
          a.forEach((v, k) => { num += (v - b[k]) ** 2; den += v * v; });
        }
      }
      // Couplings scale as w², their third-order error as w³: relative error ∝ w.
      expect(Math.sqrt(num / den)).toBeLessThan(2 * scale);
      let hn = 0, hd = 0;
      ref.h.forEach((hi, i) => hi.forEach((v, a) => { hn += (v - ad.h[i][a]) ** 2; hd += v * v; }));
      expect(Math.sqrt(hn / hd)).toBeLessThan(scale * scale * 10);
      expect(ad.fit.order2).toBeGreaterThan(0.999);
    }
  });
});
