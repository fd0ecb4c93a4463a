// srnet(): exact recovery of a hand-built network, the paper's K0 at a small budget, a
// classifier, reproducibility and bad input.
import { describe, expect, test } from '@jest/globals';
import { srnet } from '../../src/explain/srnet.js';
import { Mlp } from '../../src/nn/mlp.js';
import { EqlensError } from '../../src/errors.js';
import { loadSrnetRegression } from '../../src/data/srnet.js';
import { randomMlp, SRNET_DIR, SKIP_NOTE, withShared } from '../helpers.js';
import { sampleBox } from '../../src/data/samplers.js';
import { math } from '../../src/expr/math.js';
import { compileRow } from '../../src/expr/format.js';

const f32 = (a: number[]) => Float32Array.from(a);
// hidden = sigmoid(2x + 1) (both units), output = 3·h0 − h1 + 0.5.
const HAND = new Mlp([
  { inputs: 1, outputs: 2, weight: f32([2, 2]), bias: f32([1, 1]), activation: 'sigmoid' },
  { inputs: 2, outputs: 1, weight: f32([3, -1]), bias: f32([0.5]), activation: 'linear' },
]);
const X1 = Array.from({ length: 64 }, (_, r) => [-2 + (4 * r) / 63]);

describe('srnet', () => {
  test('explains a hand-built network exactly (per-layer MSE ≤ 1e-8)', async () => {
    const r = await srnet(HAND, X1, {
      functions: ['add', 'mul', 'sigmoid'], constantRange: [1, 1], generations: 400, lambda: 50, seed: 1, stopFitness: 1e-12,
    });
    for (const l of r.layers) expect(l.mse).toBeLessThanOrEqual(1e-8);
    expect(r.fidelity.train.r2).toBeGreaterThan(0.999999);
    expect(r.fidelity.extrapolation!.r2).toBeGreaterThan(0.99999);
    // The composed equation evaluates to the network's function.
    const y = r.predict([[0.3]])[0][0];
    expect(Math.abs(y - (2 / (1 + Math.exp(-1.6)) + 0.5))).toBeLessThan(1e-4);
  });

  test('the one-dimensional maps take names no input has', async () => {
    const r = await srnet(HAND, X1, { generations: 20, lambda: 10, seed: 1, variableNames: ['u1'] });
    expect(r.factored.steps.map((st) => st.name)).toEqual(['v1']);
    expect(r.factored.steps[0].expression).toBe(r.layers[0].expression);
    expect(r.factored.equations[0]).toMatch(/v1/);
  });

  withShared(`K0 at a small budget beats what a broken search reaches, and a seed repeats${SKIP_NOTE}`, async () => {
    const d = await loadSrnetRegression(`${SRNET_DIR}regression/K0`);
    const opts = { generations: 300, seed: 7, activations: [...d.hidden, [d.yNN]] };
    const a = await srnet(d.mlp, d.X, opts);
    const b = await srnet(d.mlp, d.X, opts);
    // A constant per layer scores ≈ 0.1 here; the paper's own mean after 5000 generations is 9.61e-4.
    expect(a.fitness).toBeLessThan(2e-3);
    expect(b.fitness).toBe(a.fitness);
    expect(b.equation).toBe(a.equation);
    expect(a.layers.map((l) => l.expression)).toEqual(b.layers.map((l) => l.expression));
    expect(a.fidelity.interpolation!.r2).toBeGreaterThan(0.99);
    expect(JSON.parse(JSON.stringify(a)).layers).toHaveLength(3);
    // The printed layers (expression, w, b; outer constants of g folded into w, b) are the chain.
    const rows = d.X.slice(0, 20);
    const chain = rows.map((row) => a.layers.reduce<number[]>((v, l) => {
      const g = compileRow(math.parse(l.expression), l.inputs)(v);
      return l.weights.map((w, j) => w * g + l.biases[j]);
    }, row)[0]);
    const predicted = a.predict(rows)[0];
    chain.forEach((y, r) => expect(Math.abs(y - predicted[r])).toBeLessThan(1e-3 * (1 + Math.abs(predicted[r]))));
    // So are the one-dimensional maps u1 = g₁(x), u2(u1), y(u2), each layer's expression once.
    const { steps, equations } = a.factored;
    expect(steps.map((st) => st.name)).toEqual(['u1', 'u2']);
    expect(steps[0].expression).toBe(a.layers[0].expression);
    rows.forEach((row, r) => {
      let u = compileRow(math.parse(steps[0].expression), ['x0'])(row);
      u = compileRow(math.parse(steps[1].expression), ['u1'])([u]);
      const y = compileRow(math.parse(equations[0]), ['u2'])([u]);
      expect(Math.abs(y - predicted[r])).toBeLessThan(1e-3 * (1 + Math.abs(predicted[r])));
    });
    expect(equations[0].length).toBeLessThan(a.equation.length);
  });

  withShared(`layer moves let the chain carry the output: K1 (2·sin x0·cos x1) at a small budget${SKIP_NOTE}`, async () => {
    // The layer-wise choice picks g_1 by the first hidden layer's loss alone, often a g_1 that
    // the output cannot be read from (seeds 1–5 measured: fitness 0.11–1.0, R² 0.02–0.97); with
    // the moves the chain reaches fitness 0.035–0.056, training R² 0.988–0.9985, at the same budget.
    // These three tests hold the 200 validation rows they were measured with (the default is 1,000).
    const d = await loadSrnetRegression(`${SRNET_DIR}regression/K1`);
    const plain: number[] = [];
    for (const seed of [1, 2, 3]) {
      // The ceiling start off: it too finds a g₁ the output can be read from (tested below).
      const opts = { generations: 300, lambda: 40, seed, threads: 1, activations: [...d.hidden, [d.yNN]], ceilingStart: false as const, validation: { min: 200 } };
      const p = await srnet(d.mlp, d.X, { ...opts, layerMoves: 0, localMoves: 0 });
      const m = await srnet(d.mlp, d.X, { ...opts, localMoves: 0 });
      plain.push(p.fitness);
      expect(m.fitness).toBeLessThan(Math.min(0.06, p.fitness));
      expect(m.fidelity.train.r2).toBeGreaterThan(0.98);
    }
    expect(plain.reduce((a, b) => a + b) / plain.length).toBeGreaterThan(0.3);
  });

  withShared(`the ceiling start gives the plain MNNCGP-ES a g₁ the output can be read from: K1 at a small budget${SKIP_NOTE}`, async () => {
    // Layer and local moves off, 300 generations of λ = 40. Seeds 1–5 measured: fitness 0.50–0.92
    // without the start, 0.029–0.032 with it (training R² ≥ 0.998), every g₁ a form of x0·cos(√|x1|).
    const d = await loadSrnetRegression(`${SRNET_DIR}regression/K1`);
    for (const seed of [1, 2, 3]) {
      const opts = { generations: 300, lambda: 40, seed, threads: 1, activations: [...d.hidden, [d.yNN]], layerMoves: 0, localMoves: 0, validation: { min: 200 } };
      const without = await srnet(d.mlp, d.X, { ...opts, ceilingStart: false });
      const started = await srnet(d.mlp, d.X, opts);
      expect(started.fitness).toBeLessThan(Math.min(0.04, 0.1 * without.fitness));
      expect(started.fidelity.train.r2).toBeGreaterThan(0.995);
    }
  });

  withShared(`local moves refine the chain: K5 (x0·x1 + sin((x0−1)(x1−1))) at 1000 generations${SKIP_NOTE}`, async () => {
    // The paper's p = 0.4 rewires much of a chromosome at once; single-active-gene mutants of the
    // parent's own chromosomes take the small steps. Seeds 1–5 measured: fitness 3.03–4.11 (mean
    // 3.54) without them, 1.93–3.33 (mean 2.85) with them, every seed lower. Measured with the
    // validation rows uniform in the wider box ('whole'); with the default, outside the box only,
    // K5 at 1000 generations shows no gain (seeds 1–5: mean 3.31 without, 3.44 with).
    const d = await loadSrnetRegression(`${SRNET_DIR}regression/K5`);
    const without: number[] = [], withLocal: number[] = [];
    for (const seed of [1, 2, 3]) {
      const opts = { generations: 1000, seed, threads: 1, activations: [...d.hidden, [d.yNN]], validation: { region: 'whole' as const, min: 200 }, ceilingStart: false as const };
      const p = await srnet(d.mlp, d.X, { ...opts, localMoves: 0 });
      const m = await srnet(d.mlp, d.X, opts);
      expect(m.fitness).toBeLessThan(p.fitness);
      without.push(p.fitness); withLocal.push(m.fitness);
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(withLocal)).toBeLessThan(0.9 * mean(without));
  });

  test('a classifier: cross-entropy output, class agreement reported', async () => {
    const mlp = randomMlp([2, 4, 2], ['sigmoid', 'softmax'], 5, 8);
    const X = sampleBox([[-1, 1], [-1, 1]], 400, 3);
    const r = await srnet(mlp, X, { generations: 150, lambda: 40, seed: 2 });
    expect(r.task).toBe('classification');
    // Local moves are off for classifiers by default (see SrnetOptions.localMoves).
    const off = await srnet(mlp, X, { generations: 150, lambda: 40, seed: 2, localMoves: 0 });
    const on = await srnet(mlp, X, { generations: 150, lambda: 40, seed: 2, localMoves: 16 });
    expect(off.fitness).toBe(r.fitness);
    expect(on.fitness).not.toBe(r.fitness);
    expect(r.fidelity.train.accuracy).toBeGreaterThan(0.95);
    expect((await r.fidelityOn(sampleBox([[-1, 1], [-1, 1]], 400, 9))).accuracy).toBeGreaterThan(0.93);
  });

  test('an AbortSignal stops the search with the best individual so far; progress is reported', async () => {
    const controller = new AbortController();
    let reports = 0;
    const r = await srnet(HAND, X1, {
      generations: 1_000_000, lambda: 20, seed: 3,
      signal: controller.signal, onProgress: (p) => { reports++; if (p.generation > 0) controller.abort(); },
    });
    expect(r.stopReason).toBe('aborted');
    expect(reports).toBeGreaterThan(0);
    expect(r.generations).toBeLessThan(1_000_000);
    expect(Number.isFinite(r.fitness)).toBe(true);
    expect(r.equation.length).toBeGreaterThan(0);
  });

  test('bad input gets a clear error', async () => {
    const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (e instanceof EqlensError ? e.code : String(e)));
    const acts = [[f32(X1.map(() => 0.5))], [f32(X1.map(() => 1))]];
    expect(await code(srnet(HAND, X1, { activations: acts }))).toBe('E_DATA_SHAPE'); // 1 unit given, 2 in the network
    const nan = [[f32(X1.map(() => 0.5)), f32(X1.map((_, r) => (r === 5 ? NaN : 0.5)))], [f32(X1.map(() => 1))]];
    expect(await code(srnet(HAND, X1, { activations: nan }))).toBe('E_DATA_VALUE');
    const noHidden = new Mlp([{ inputs: 1, outputs: 1, weight: f32([1]), bias: f32([0]), activation: 'linear' }]);
    expect(await code(srnet(noHidden, X1))).toBe('E_MODEL');
    expect(await code(srnet(HAND, X1, { box: [] }))).toBe('E_OPTION');
    expect(await code(srnet(HAND, [[1, 2]]))).toBe('E_DATA_SHAPE');
    expect(await code(srnet(HAND, X1, { generations: 0 }))).toBe('E_OPTION');
    expect(await code(srnet(HAND, X1, { colour: 'red' } as never))).toBe('E_OPTION');
    expect(await code(srnet(HAND, X1, { layerMoves: -1 }))).toBe('E_OPTION');
    expect(await code(srnet(HAND, X1, { localMoves: 2.5 }))).toBe('E_OPTION');
    expect(await code(srnet(HAND, X1, { validation: { min: 1.5 } }))).toBe('E_OPTION');
    expect(await code(srnet(HAND, X1, { validation: { region: 'inside' } as never }))).toBe('E_OPTION');
    expect(await code(srnet(HAND, X1, { validation: { factor: 1 } }))).toBe('E_OPTION'); // no room outside the box
    expect(await code(srnet(HAND, X1, { validation: { factor: 1, region: 'whole' }, generations: 2 }))).toBe('resolved');
    expect(await code(srnet(HAND, X1, { validation: { size: 10 } as never }))).toBe('E_OPTION');
  });
});
