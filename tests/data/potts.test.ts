import { describe, expect, test } from '@jest/globals';
import { encodeSequences, oneHotSequences, pottsEnergy, randomPotts, samplePotts } from '../../src/data/potts.js';

describe('Potts sequences', () => {
  test('Metropolis samples follow exp(F) exactly on a model small enough to enumerate', () => {
    const m = randomPotts({ L: 3, q: 3, pairs: 3, seed: 4, couplingScale: 0.8 });
    const states: number[][] = [];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) states.push([a, b, c]);
    const w = states.map((s) => Math.exp(pottsEnergy(m, s)));
    const Z = w.reduce((x, y) => x + y, 0);
    const counts = new Map<string, number>();
    const n = 60_000;
    for (const s of samplePotts(m, n, { seed: 1, thin: 2 })) counts.set(s.join(), (counts.get(s.join()) ?? 0) + 1);
    let tv = 0;
    states.forEach((s, k) => { tv += Math.abs((counts.get(s.join()) ?? 0) / n - w[k] / Z); });
    expect(tv / 2).toBeLessThan(0.02); // total-variation distance
  });
  test('planted structure: symmetric couplings on exactly the planted pairs, seeded', () => {
    const m = randomPotts({ L: 10, q: 4, pairs: 7, seed: 2 });
    expect(m.pairs).toHaveLength(7);
    const at = (i: number, j: number, a: number, b: number) => m.J[((i * m.L + j) * m.q + a) * m.q + b];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) {
      const planted = m.pairs.some(([p, r]) => (p === i && r === j) || (p === j && r === i));
      const norm = Math.hypot(...Array.from({ length: 16 }, (_, k) => at(i, j, k >> 2, k & 3)));
      expect(norm > 0).toBe(planted);
      expect(at(i, j, 1, 2)).toBe(at(j, i, 2, 1));
    }
    expect(randomPotts({ L: 10, q: 4, pairs: 7, seed: 2 })).toEqual(m);
    expect(samplePotts(m, 5, { seed: 3 })).toEqual(samplePotts(m, 5, { seed: 3 }));
  });
  test('symbols, one-hot encoding and errors', () => {
    const AA = 'ACDEFGHIKLMNPQRSTVWY-';
    const x = encodeSequences(['AC-', 'YWA'], AA);
    expect(Array.from(x[0])).toEqual([0, 1, 20]);
    const oh = oneHotSequences(x, 21);
    expect(oh[0]).toHaveLength(63);
    expect(oh[0][0] + oh[0][21 + 1] + oh[0][42 + 20]).toBe(3);
    expect(oh[0].reduce((s, v) => s + v, 0)).toBe(3);
    expect(() => encodeSequences(['ACZ'], AA)).toThrow(/sequence 0, position 2: "Z" is not in the alphabet/);
    expect(() => encodeSequences(['AC', 'A'], AA)).toThrow(/sequence 1 has length 1, sequence 0 has 2/);
    expect(() => randomPotts({ L: 1, q: 3 })).toThrow(/L: expected an integer ≥ 2/);
  });
});
