import { describe, expect, test } from '@jest/globals';
import { enlargeBox, sampleBoundary, sampleBox, sampleExtrapolation, sampleRows } from '../../src/data/samplers.js';

describe('samplers', () => {
  const box: [number, number][] = [[-1, 1], [2, 5]];
  test('uniform in a box: inside, seeded, and spread', () => {
    const a = sampleBox(box, 2000, 7);
    expect(sampleBox(box, 2000, 7)).toEqual(a);
    expect(sampleBox(box, 2000, 8)).not.toEqual(a);
    expect(a.every(([x, y]) => x >= -1 && x <= 1 && y >= 2 && y <= 5)).toBe(true);
    const mean = a.reduce((s, [x]) => s + x, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
  });
  test('extrapolation points lie in the enlarged box and outside the original', () => {
    expect(enlargeBox(box, 2)).toEqual([[-2, 2], [0.5, 6.5]]);
    const e = sampleExtrapolation(box, 2, 500, 1);
    expect(e.every(([x, y]) => x >= -2 && x <= 2 && y >= 0.5 && y <= 6.5)).toBe(true);
    expect(e.every(([x, y]) => x < -1 || x > 1 || y < 2 || y > 5)).toBe(true);
  });
  test('from data, with replacement', () => {
    const rows = [[1, 2], [3, 4], [5, 6]];
    const s = sampleRows(rows, 300, 3);
    expect(s.every((r) => rows.some((q) => q[0] === r[0] && q[1] === r[1]))).toBe(true);
    expect(new Set(s.map((r) => r[0])).size).toBe(3);
  });
  test('near a decision boundary: only points inside the probability band', async () => {
    const p = async (X: number[][]) => X.map(([x, y]) => 1 / (1 + Math.exp(-20 * (x * x + y * y - 1))));
    const pts = await sampleBoundary([[-2, 2], [-2, 2]], 500, p, { seed: 2, band: [0.01, 0.99] });
    const probs = await p(pts);
    expect(probs.every((v) => v > 0.01 && v < 0.99)).toBe(true);
    // The band is |r² − 1| < ln(99)/20, i.e. r in (0.877, 1.109) around the unit circle.
    const d = Math.log(99) / 20;
    expect(pts.every(([x, y]) => Math.abs(x * x + y * y - 1) < d + 1e-12)).toBe(true);
    expect(Math.min(...pts.map(([x, y]) => Math.hypot(x, y)))).toBeGreaterThan(Math.sqrt(1 - d) - 1e-9);
  });
  test('bad input', async () => {
    expect(() => sampleBox([[1, 0]], 5)).toThrow(/box\[0\]: expected \[lo, hi\]/);
    expect(() => sampleBox(box, 0)).toThrow(/samples: expected a positive integer/);
    expect(() => enlargeBox(box, 0.5)).toThrow(/factor: expected ≥ 1/);
    await expect(sampleBoundary(box, 5, async (X) => X.map(() => 0), { maxDraws: 100 })).rejects.toMatchObject({ code: 'E_DATA_EMPTY' });
  });
});
