// The SRNet benchmark generators: formulas and variable order are checked against the paper's
// recorded y_true, sizes and ranges against METHODS §2.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SRNET_BENCHMARKS, generateBenchmark } from '../../src/data/benchmarks.js';
import { parseCsv } from '../../src/data/csv.js';
import { math } from '../../src/expr/math.js';
import { SRNET_DIR, withShared, SKIP_NOTE } from '../helpers.js';

const SRNET = new URL('regression/', `file://${SRNET_DIR}`);

describe('SRNet regression benchmarks', () => {
  withShared(`each formula reproduces the paper's recorded y_true from its recorded inputs${SKIP_NOTE}`, () => {
    for (const b of SRNET_BENCHMARKS) {
      const t = parseCsv(readFileSync(new URL(`${b.id}/activations.csv`, SRNET), 'utf8'));
      const xs = t.names.filter((n) => /^x\d+$/.test(n));
      expect(xs.length).toBe(b.ranges.length);
      expect(t.rows.length).toBe(b.samples);
      const yi = t.names.indexOf('y_true');
      let worst = 0;
      for (const row of t.rows) {
        const x = xs.map((n) => row[t.names.indexOf(n)]);
        worst = Math.max(worst, Math.abs(b.f(x) - row[yi]) / Math.max(1, Math.abs(row[yi])));
      }
      expect({ id: b.id, ok: worst < 1e-4 }).toEqual({ id: b.id, ok: true });
    }
  });

  test('the printed formula equals the function', () => {
    for (const b of SRNET_BENCHMARKS) {
      const f = math.compile(b.formula);
      const { X } = generateBenchmark(b.id, { samples: 20, seed: 1 });
      for (const x of X) {
        const scope = Object.fromEntries(x.map((v, i) => [`x${i}`, v]));
        expect(f.evaluate(scope)).toBeCloseTo(b.f(x), 8);
      }
    }
  });

  test('generated sets have the paper sizes, stay in range, and are seeded', () => {
    for (const b of SRNET_BENCHMARKS) {
      const { X, y } = generateBenchmark(b.id, { seed: 3 });
      expect(X).toHaveLength(b.samples);
      expect(y.every(Number.isFinite)).toBe(true);
      const inRange = X.every((x) => x.every((v, i) => v >= b.ranges[i][0] - 1e-12 && v <= b.ranges[i][1] + 1e-12));
      expect({ id: b.id, inRange }).toEqual({ id: b.id, inRange: true });
      expect(generateBenchmark(b.id, { seed: 3 })).toEqual({ X, y });
    }
    expect(generateBenchmark('K3').X.map((x) => +x[0].toFixed(6))).toEqual(Array.from({ length: 25 }, (_, i) => +(-5 + 0.4 * i).toFixed(6)));
    expect(() => generateBenchmark('K9')).toThrow(/unknown benchmark "K9"/);
  });
});

describe('symbolic-gradient probe problems', () => {
  test('the six problems: labels follow the probe, both classes present, printed probe equals the function', async () => {
    const { PROBE_PROBLEMS, generateProbe } = await import('../../src/data/probes.js');
    expect(PROBE_PROBLEMS.map((p) => p.id)).toEqual(['ellipse', 'quadratic', 'sine', 'exponential', 'gaussian', 'ratio']);
    for (const p of PROBE_PROBLEMS) {
      const { X, y, probe } = generateProbe(p.id, 10_000, 1);
      expect(X).toHaveLength(10_000);
      const positive = y.reduce((a, b) => a + b, 0) / y.length;
      expect({ id: p.id, balanced: positive > 0.05 && positive < 0.95 }).toEqual({ id: p.id, balanced: true });
      y.forEach((v, i) => expect(v).toBe(probe[i] > p.threshold ? 1 : 0));
      const f = math.compile(p.probe);
      X.slice(0, 20).forEach((x) => expect(f.evaluate(Object.fromEntries(x.map((v, i) => [`x${i}`, v])))).toBeCloseTo(p.f(x), 10));
    }
    expect(() => generateProbe('circle')).toThrow(/unknown probe problem "circle"/);
  });
});
