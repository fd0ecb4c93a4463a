// Exactness: a network whose logit is exactly first plus second order in the one-hot inputs is
// reproduced by the order-2 expansion, and nothing is left for third order.
import { describe, expect, test } from '@jest/globals';
import { energyExpansion } from '../../../src/index.js';
import { toZeroSum } from '../../../src/explain/energy/terms.js';
import { resolveLayout } from '../../../src/explain/energy/layout.js';
import { oneHot, plantedEnergy, plantedNetwork, randomPlanted, randomStates } from './networks.js';

const Q = [3, 4, 2, 3, 3];
const PAIRS: [number, number][] = [[0, 1], [1, 3], [2, 4], [0, 4]];

describe('a logit that is exactly an energy of order 2', () => {
  const planted = randomPlanted(Q, PAIRS, 7);
  const mlp = plantedNetwork(planted);
  const inputs = randomStates(Q, 300, 3);

  test('the network is the planted energy (check of the hand-built network)', async () => {
    const [F] = await mlp.predict(inputs.map((x) => oneHot(Q, x)));
    inputs.forEach((x, r) => expect(F[r]).toBeCloseTo(plantedEnergy(planted, x), 5));
  });

  // (Reference differences only: ReLU has no curvature, so derivatives see no couplings; the
  // autodiff tests use smooth networks.)
  {
    test(`reference differences: the expansion reproduces the logit to 1e-5; the third-order residual is zero`, async () => {
      const e = await energyExpansion(mlp, { states: Q, data: inputs });
      const [F] = await mlp.predict(inputs.map((x) => oneHot(Q, x)));
      const E2 = e.predict(inputs, 2);
      let maxResidual = 0;
      inputs.forEach((_, r) => { maxResidual = Math.max(maxResidual, Math.abs(F[r] - E2[r])); });
      expect(maxResidual).toBeLessThan(1e-5);
      expect(e.fit.order2).toBeGreaterThan(1 - 1e-9);
      expect(e.fit.source).toBe('data');
      // Recovered zero-sum couplings are the planted ones in the zero-sum gauge.
      const layout = resolveLayout({ states: Q }, mlp.inputs);
      const L = Q.length;
      const J = Array.from({ length: (L * (L - 1)) / 2 }, (_, k) => new Float64Array(0));
      let k = 0;
      for (let i = 0; i < L; i++) {
        for (let j = i + 1; j < L; j++, k++) {
          const c = planted.couplings.find((p) => p.i === i && p.j === j);
          J[k] = Float64Array.from({ length: Q[i] * Q[j] }, (_, ab) => (c ? c.J[Math.floor(ab / Q[j])][ab % Q[j]] : 0));
        }
      }
      const truth = toZeroSum(layout, { E0: planted.E0, h: planted.h.map((v) => Float64Array.from(v)), J });
      expect(e.E0).toBeCloseTo(truth.E0, 5);
      e.h.forEach((hi, i) => hi.forEach((v, a) => expect(v).toBeCloseTo(truth.h[i][a], 5)));
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < L; j++) {
          if (i === j) continue;
          const m = e.coupling(i, j);
          const [lo, hi] = i < j ? [i, j] : [j, i];
          const t = truth.J![lo * L - (lo * (lo + 1)) / 2 + (hi - lo - 1)];
          for (let a = 0; a < Q[i]; a++) {
            for (let b = 0; b < Q[j]; b++) {
              const want = i < j ? t[a * Q[j] + b] : t[b * Q[i] + a];
              expect(m[a * Q[j] + b]).toBeCloseTo(want, 5);
              expect(e.J[i][j][a][b]).toBeCloseTo(want, 5);
            }
          }
        }
      }
      // The coupled pairs rank first, the uncoupled ones have norm 0.
      const top = e.pairs.slice(0, PAIRS.length).map(({ i, j }) => `${i},${j}`).sort();
      expect(top).toEqual(PAIRS.map(([i, j]) => `${i},${j}`).sort());
      for (const p of e.pairs.slice(PAIRS.length)) expect(p.norm).toBeLessThan(1e-5);
    });
  }

  test('averaging over references changes nothing for a network of order 2, and counts its passes', async () => {
    const one = await energyExpansion(mlp, { states: Q, data: inputs });
    const five = await energyExpansion(mlp, { states: Q, data: inputs, references: 5 });
    expect(five.forwardPasses).toBe(5 * one.forwardPasses);
    const a = one.predict(inputs), b = five.predict(inputs);
    inputs.forEach((_, r) => expect(b[r]).toBeCloseTo(a[r], 5));
    five.h.forEach((hi, i) => hi.forEach((v, x) => expect(v).toBeCloseTo(one.h[i][x], 5)));
    const ref = await energyExpansion(mlp, { states: Q, data: inputs, references: 3, gauge: 'reference' });
    ref.h.forEach((hi, i) => expect(Math.abs(hi[ref.reference![i]])).toBeLessThan(1e-12));
  });

  test('order 1 has fields only and explains less; the reference input defaults to the consensus', async () => {
    const e1 = await energyExpansion(mlp, { states: Q, order: 1, data: inputs, gauge: 'reference' });
    expect(e1.J).toEqual([]);
    expect(e1.fit.order2).toBeNull();
    expect(e1.fit.order1).toBeLessThan(0.99);
    expect(e1.forwardPasses).toBe(1 + Q.reduce((s, v) => s + v, 0));
    // Reference gauge: fields vanish at the reference states.
    e1.h.forEach((hi, i) => expect(hi[e1.reference![i]]).toBe(0));
  });

  test('per-pattern contributions add up to the logit', async () => {
    const e = await energyExpansion(mlp, { states: Q, data: inputs });
    const x = inputs[5];
    const c = e.contributions(x);
    const sum = c.E0 + c.fields.reduce((s, v) => s + v, 0) + c.couplings.reduce((s, v) => s + v.value, 0);
    expect(sum).toBeCloseTo(plantedEnergy(planted, x), 5);
    expect(c.energy).toBeCloseTo(sum, 9);
    expect(c.couplings).toHaveLength((Q.length * (Q.length - 1)) / 2);
    for (let k = 1; k < c.couplings.length; k++) expect(Math.abs(c.couplings[k - 1].value)).toBeGreaterThanOrEqual(Math.abs(c.couplings[k].value));
    const json = JSON.parse(JSON.stringify(e));
    expect(json.couplings).toHaveLength(10);
    expect(json.pairs[0].norm).toBeCloseTo(e.pairs[0].norm, 12);
    expect(json.fit.order2).toBeCloseTo(1, 9);
  });

  test('a softmax classifier: the chosen output unit is expanded as its logit', async () => {
    const m3 = plantedNetwork(planted, 3);
    const e = await energyExpansion(m3, { states: Q, output: 2, data: inputs });
    const E2 = e.predict(inputs);
    inputs.forEach((x, r) => expect(E2[r]).toBeCloseTo(3 * plantedEnergy(planted, x), 4));
  });
});
