// SymbolicRegressor end to end: recovery, reproducibility, prediction and the front.
import { describe, expect, test } from '@jest/globals';
import { SymbolicRegressor } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import type { FunctionName } from '../../src/cgp/functions.js';

// Koza's own function set for the quartic (with ln for his protected log).
const KOZA_SET: FunctionName[] = ['add', 'sub', 'mul', 'div', 'sin', 'cos', 'exp', 'ln'];

function koza1() {
  const X: number[][] = [], y: number[] = [];
  for (let i = 0; i < 20; i++) {
    const x = -1 + (2 * i) / 19;
    X.push([x]); y.push(x ** 4 + x ** 3 + x ** 2 + x);
  }
  return { X, y };
}

function mix() {
  const rng = new Rng(2024);
  const X: number[][] = [], y: number[] = [];
  for (let i = 0; i < 100; i++) {
    const a = -2 + 4 * rng.uniform(), b = -2 + 4 * rng.uniform();
    X.push([a, b]); y.push(a * b + Math.sin(a));
  }
  return { X, y };
}

const bestR2 = (sr: SymbolicRegressor) => Math.max(...sr.equations.map((e) => e.r2));

describe('recovery within a fixed budget (200,000 generations, defaults otherwise)', () => {
  for (const [name, data] of [['x⁴+x³+x²+x (Koza-1, 20 points)', koza1()], ['x₀·x₁ + sin(x₀)', mix()]] as const) {
    test(`${name}: R² ≥ 0.9999 for ≥ 9 of 10 seeds`, async () => {
      let ok = 0;
      for (let seed = 0; seed < 10; seed++) {
        const sr = await new SymbolicRegressor({ seed, generations: 200_000, functions: KOZA_SET, optimizeConstants: false }).fit(data.X, data.y);
        if (bestR2(sr) >= 0.9999) ok++;
      }
      expect(ok).toBeGreaterThanOrEqual(9);
    });
  }

  test('the Koza-1 equation predicts unseen points within its training error, printed form included', async () => {
    const { X, y } = koza1();
    const sr = await new SymbolicRegressor({ seed: 1, generations: 200_000, functions: KOZA_SET }).fit(X, y);
    const best = sr.best();
    expect(best.r2).toBeGreaterThanOrEqual(0.9999);
    const xs = [-0.93, -0.31, 0.17, 0.77];
    const pred = sr.predict(xs.map((x) => [x]));
    const f = sr.compile();
    xs.forEach((x, i) => {
      const truth = x ** 4 + x ** 3 + x ** 2 + x;
      expect(Math.abs(pred[i] - truth)).toBeLessThanOrEqual(5 * Math.sqrt(best.loss) + 1e-6);
      expect(Math.abs(f([x]) - pred[i])).toBeLessThan(1e-4); // the printed (simplified) equation agrees
    });
  });
});

describe('the front', () => {
  test('is sorted by complexity with strictly decreasing loss, scores as PySR', async () => {
    const { X, y } = mix();
    const sr = await new SymbolicRegressor({ seed: 3, generations: 5000 }).fit(X, y);
    const eq = sr.equations;
    expect(eq.length).toBeGreaterThan(1);
    for (let i = 1; i < eq.length; i++) {
      expect(eq[i].complexity).toBeGreaterThan(eq[i - 1].complexity);
      expect(eq[i].loss).toBeLessThan(eq[i - 1].loss);
      const s = -(Math.log(Math.max(eq[i].loss, 1e-300)) - Math.log(eq[i - 1].loss)) / (eq[i].complexity - eq[i - 1].complexity);
      expect(eq[i].score).toBeCloseTo(s, 10);
    }
    for (const e of eq) {
      expect(Number.isFinite(e.loss)).toBe(true);
      expect(e.latex.length).toBeGreaterThan(0);
    }
    // Decoded + compiled expressions reproduce the engine's predictions, up to the chosen
    // equation. (Bloated members further along can hold cancellations such as A² − A² with
    // A = exp(exp(x₁)), which f32 evaluation quantises and the f64 formula does not.)
    eq.slice(0, sr.bestIndex + 1).forEach((e, i) => {
      const f = sr.compile(i);
      const p = sr.predict(X.slice(0, 20), i);
      X.slice(0, 20).forEach((row, r) => expect(f(row)).toBeCloseTo(p[r], 3));
    });
    const json = JSON.parse(JSON.stringify(sr));
    expect(json.equations).toHaveLength(eq.length);
    expect(json.best.expression).toBe(sr.best().expression);
  });

  test('never lists one equation twice: genomes that simplify to the same text keep the simplest', async () => {
    // A constant column and one smooth function of the other: at seed 3 the search keeps two
    // genomes of complexity 3 and 5 that both print 1.64851 - 0.691782 * sin(x1 ^ 2) (losses
    // 4.57701e-6 and 4.57694e-6, apart in f32 noise); the front used to list both.
    const X = Array.from({ length: 200 }, (_, i) => [1, i / 199]);
    const y = X.map(([, t]) => 2.77 - 2.07 * Math.cos(Math.cos(0.927 * t)));
    const sr = await new SymbolicRegressor({ seed: 3, threads: 1, generations: 20_000 }).fit(X, y);
    const printed = sr.equations.map((e) => e.expression);
    expect(printed).toContain('1.64851 - 0.691782 * sin(x1 ^ 2)');
    expect(new Set(printed).size).toBe(printed.length);
    expect(sr.equations[printed.indexOf('1.64851 - 0.691782 * sin(x1 ^ 2)')].complexity).toBe(3);
  });

  test('LaTeX subscripts variables', async () => {
    const { X, y } = mix();
    const sr = await new SymbolicRegressor({ seed: 0, generations: 50_000 }).fit(X, y);
    expect(sr.best().latex).toMatch(/x_\{0\}/);
  });
});

describe('reproducibility and control', () => {
  test('the same seed gives the same front, twice', async () => {
    const { X, y } = mix();
    const run = async () => (await new SymbolicRegressor({ seed: 7, generations: 3000 }).fit(X, y)).equations;
    expect(await run()).toEqual(await run());
  });

  test('different seeds explore differently', async () => {
    const { X, y } = koza1();
    const a = await new SymbolicRegressor({ seed: 1, generations: 300 }).fit(X, y);
    const b = await new SymbolicRegressor({ seed: 2, generations: 300 }).fit(X, y);
    expect(a.equations).not.toEqual(b.equations);
  });

  test('an AbortSignal stops the search and keeps the best front so far', async () => {
    const { X, y } = koza1();
    const controller = new AbortController();
    const sr = new SymbolicRegressor({ seed: 0, generations: 10_000_000, signal: controller.signal, targetLoss: 0,
      onProgress: (p) => { if (p.generation > 2000) controller.abort(); } });
    await sr.fit(X, y);
    expect(sr.stopReason).toBe('aborted');
    expect(sr.generations).toBeLessThan(10_000_000);
    expect(sr.equations.length).toBeGreaterThan(0);
  });

  test('timeLimitMs stops the search', async () => {
    const { X, y } = koza1();
    const t = performance.now();
    const sr = await new SymbolicRegressor({ generations: 1e9, timeLimitMs: 300, targetLoss: 0 }).fit(X, y);
    expect(sr.stopReason).toBe('time');
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
