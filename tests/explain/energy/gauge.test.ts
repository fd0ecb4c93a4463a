// Gauge: changing to the zero-sum gauge leaves every prediction unchanged and makes the fields
// and every row and column of every coupling matrix average to zero.
import { describe, expect, test } from '@jest/globals';
import { energyExpansion } from '../../../src/index.js';
import { resolveLayout } from '../../../src/explain/energy/layout.js';
import { evaluateTerms, toReferenceGauge, toZeroSum, type EnergyTerms } from '../../../src/explain/energy/terms.js';
import { Rng } from '../../../src/cgp/rng.js';
import { randomMlp } from '../../helpers.js';
import { randomStates } from './networks.js';

const Q = [4, 3, 4, 2, 3, 4];
const D = Q.reduce((s, v) => s + v, 0);

function randomTerms(seed: number): EnergyTerms {
  const rng = new Rng(seed);
  const L = Q.length, J: Float64Array[] = [];
  for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++) J.push(Float64Array.from({ length: Q[i] * Q[j] }, () => rng.gaussian()));
  return { E0: rng.gaussian(), h: Q.map((q) => Float64Array.from({ length: q }, () => rng.gaussian())), J };
}

describe('gauge changes', () => {
  const layout = resolveLayout({ states: Q }, D);
  const inputs = randomStates(Q, 500, 11);

  test('zero-sum and reference gauges are the same function; zero-sum means vanish', () => {
    const t = randomTerms(1);
    const z = toZeroSum(layout, t);
    const r = toReferenceGauge(layout, t, inputs[0]);
    for (const x of inputs) {
      const e = evaluateTerms(layout, t, x, 2);
      expect(evaluateTerms(layout, z, x, 2)).toBeCloseTo(e, 10);
      expect(evaluateTerms(layout, r, x, 2)).toBeCloseTo(e, 10);
    }
    z.h.forEach((hi) => expect(hi.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12));
    let k = 0;
    for (let i = 0; i < Q.length; i++) {
      for (let j = i + 1; j < Q.length; j++, k++) {
        const m = z.J![k];
        for (let a = 0; a < Q[i]; a++) { let s = 0; for (let b = 0; b < Q[j]; b++) s += m[a * Q[j] + b]; expect(s / Q[j]).toBeCloseTo(0, 12); }
        for (let b = 0; b < Q[j]; b++) { let s = 0; for (let a = 0; a < Q[i]; a++) s += m[a * Q[j] + b]; expect(s / Q[i]).toBeCloseTo(0, 12); }
        // Reference gauge: zero in the reference row and column.
        for (let a = 0; a < Q[i]; a++) expect(r.J![k][a * Q[j] + inputs[0][j]]).toBe(0);
      }
    }
    // Zero-sum is a fixed point, and reference → zero-sum gives back the same terms.
    const zz = toZeroSum(layout, toZeroSum(layout, r));
    expect(zz.E0).toBeCloseTo(z.E0, 10);
    zz.J!.forEach((m, k2) => m.forEach((v, c) => expect(v).toBeCloseTo(z.J![k2][c], 10)));
  });

  test('on a network: both gauges predict the same, and J̃ rows and columns average to zero', async () => {
    const mlp = randomMlp([D, 16, 8, 2], ['tanh', 'sigmoid', 'linear'], 5);
    const opts = { states: Q, data: inputs, output: 1 } as const;
    const zs = await energyExpansion(mlp, { ...opts, gauge: 'zero-sum' });
    const ref = await energyExpansion(mlp, { ...opts, gauge: 'reference' });
    const a = zs.predict(inputs), b = ref.predict(inputs);
    inputs.forEach((_, r) => expect(a[r]).toBeCloseTo(b[r], 9));
    expect(zs.fit.order2).toBeCloseTo(ref.fit.order2!, 9);
    const J = zs.J;
    for (let i = 0; i < Q.length; i++) {
      expect(zs.h[i].reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
      for (let j = 0; j < Q.length; j++) {
        for (let x = 0; x < Q[i]; x++) expect(J[i][j][x].reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
        for (let y = 0; y < Q[j]; y++) expect(J[i][j].reduce((s, row) => s + row[y], 0)).toBeCloseTo(0, 10);
      }
    }
    // The ranking is gauge-free (always by ‖J̃‖).
    expect(ref.pairs).toEqual(zs.pairs);
    // Reference gauge: terms vanish at the reference states (the consensus of the data).
    ref.h.forEach((hi, i) => expect(hi[ref.reference![i]]).toBe(0));
  });
});
