// The WASM SRNet scoring against its plain TypeScript twin, along the chain of real search results.
import { describe, expect, test } from '@jest/globals';
import { runSrnetSearch, type SrnetSearchOptions } from '../../src/search/srnet-search.js';
import { scoreChainReference } from '../../src/search/srnet-reference.js';
import { randomColumns, randomMlp } from '../helpers.js';

const OPTIONS: SrnetSearchOptions = {
  generations: 30, lambda: 20, mutationRate: 0.4, rows: 5, cols: 5, levelsBack: 5,
  functions: ['add', 'sub', 'mul', 'div', 'sqrt', 'square', 'ln', 'sin', 'cos', 'tan'], constants: 1,
  constantRange: [-1, 1], protectedOps: true, stopFitness: 0, seed: 3,
};

async function dataFor(task: 'regression' | 'classification', seed: number) {
  const mlp = task === 'regression'
    ? randomMlp([2, 4, 3, 1], ['sigmoid', 'sigmoid', 'linear'], seed)
    : randomMlp([3, 5, 4, 3], ['sigmoid', 'tanh', 'softmax'], seed, 6);
  const rows = 301; // odd on purpose: SIMD tails and a train/validation split inside a vector
  const inputs = randomColumns(mlp.inputs, rows, seed);
  const acts = await mlp.activations(Array.from({ length: rows }, (_, r) => inputs.map((c) => c[r])));
  const L = mlp.layers.length;
  const targets = acts.map((a, i) => (task === 'classification' && i === L - 1 ? a.pre : a.post));
  let classes: Int32Array | undefined;
  if (task === 'classification') {
    classes = Int32Array.from({ length: rows }, (_, r) => {
      let b = 0;
      targets[L - 1].forEach((c, k) => { if (c[r] > targets[L - 1][b][r]) b = k; });
      return b;
    });
  }
  return { inputs, targets, rows, trainRows: 227, classes };
}

describe('SRNet scoring: WASM = TypeScript twin', () => {
  for (const task of ['regression', 'classification'] as const) {
    test(`${task}: per-layer losses and fits agree along the chain`, async () => {
      for (const seed of [1, 2, 3]) {
        const data = await dataFor(task, seed);
        const found = await runSrnetSearch(data, { ...OPTIONS, seed });
        const ref = scoreChainReference(found.layers, data, true);
        found.layers.forEach((layer, i) => {
          expect(Number.isFinite(layer.loss)).toBe(true);
          expect(Math.abs(layer.loss - ref[i].loss)).toBeLessThanOrEqual(2e-4 * Math.max(1e-3, ref[i].loss));
          layer.weights.forEach((w, j) => {
            expect(Math.abs(w - ref[i].weights[j])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(ref[i].weights[j])));
            expect(Math.abs(layer.biases[j] - ref[i].biases[j])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(ref[i].biases[j])));
          });
        });
        const L = found.layers.length;
        const weighted = ref.reduce((s, r, i) => s + (i === L - 1 ? 1 : 1 / (L - 1)) * r.loss, 0);
        expect(Math.abs(found.fitness - weighted)).toBeLessThanOrEqual(2e-4 * Math.max(1e-3, weighted));
      }
    });
  }
});

describe('SRNet exact pruning', () => {
  test('pruning skips candidates but the search result is identical', async () => {
    const mlp = randomMlp([3, 4, 4, 1], ['sigmoid', 'sigmoid', 'linear'], 11);
    const rows = 3000; // several pruning checkpoints (256, 512, 1024, 2048)
    const inputs = randomColumns(3, rows, 4);
    const acts = await mlp.activations(Array.from({ length: rows }, (_, r) => inputs.map((c) => c[r])));
    const data = { inputs, targets: acts.map((a) => a.post), rows, trainRows: 2400 };
    const on = await runSrnetSearch(data, { ...OPTIONS, generations: 25, lambda: 40, seed: 5 });
    const off = await runSrnetSearch(data, { ...OPTIONS, generations: 25, lambda: 40, seed: 5, pruning: false });
    expect(on.pruned).toBeGreaterThan(500);
    expect(off.pruned).toBe(0);
    expect(on.fitness).toBe(off.fitness);
    on.layers.forEach((l, i) => expect(Array.from(l.genome.genes)).toEqual(Array.from(off.layers[i].genome.genes)));
  });
});

describe('SRNet loss memo', () => {
  test('memoised losses replace evaluations and the search result is identical, bit for bit', async () => {
    const mlp = randomMlp([3, 4, 4, 1], ['sigmoid', 'sigmoid', 'linear'], 11);
    const rows = 3000;
    const inputs = randomColumns(3, rows, 4);
    const acts = await mlp.activations(Array.from({ length: rows }, (_, r) => inputs.map((c) => c[r])));
    const data = { inputs, targets: acts.map((a) => a.post), rows, trainRows: 2400 };
    for (const seed of [2, 5]) {
      const on = await runSrnetSearch(data, { ...OPTIONS, generations: 40, lambda: 40, seed });
      const off = await runSrnetSearch(data, { ...OPTIONS, generations: 40, lambda: 40, seed, cache: false, pruning: false });
      expect(on.cacheHits).toBeGreaterThan(300);
      expect(off.cacheHits).toBe(0);
      expect(on.fitness).toBe(off.fitness);
      on.layers.forEach((l, i) => {
        expect(Array.from(l.genome.genes)).toEqual(Array.from(off.layers[i].genome.genes));
        expect(l.loss).toBe(off.layers[i].loss);
      });
    }
  });

  test('classification: the memo covers the cross-entropy output layer too', async () => {
    const data = await dataFor('classification', 4);
    const on = await runSrnetSearch(data, { ...OPTIONS, seed: 4 });
    const off = await runSrnetSearch(data, { ...OPTIONS, seed: 4, cache: false });
    expect(on.cacheHits).toBeGreaterThan(0);
    expect(on.fitness).toBe(off.fitness);
    on.layers.forEach((l, i) => expect(Array.from(l.genome.genes)).toEqual(Array.from(off.layers[i].genome.genes)));
  });
});

describe('SRNet principal basis for wide layers', () => {
  test('scoring in the principal basis gives the per-unit losses and fits of the TypeScript twin', async () => {
    const mlp = randomMlp([3, 24, 12, 1], ['sigmoid', 'tanh', 'linear'], 21);
    const rows = 500;
    const inputs = randomColumns(3, rows, 8);
    const acts = await mlp.activations(Array.from({ length: rows }, (_, r) => inputs.map((c) => c[r])));
    const data = { inputs, targets: acts.map((a) => a.post), rows, trainRows: 400 };
    const rotated = await runSrnetSearch(data, { ...OPTIONS, generations: 20, lambda: 30, seed: 9 });
    const plain = await runSrnetSearch(data, { ...OPTIONS, generations: 20, lambda: 30, seed: 9, principalBasis: false });
    const ref = scoreChainReference(rotated.layers, data, true);
    rotated.layers.forEach((layer, i) => {
      expect(Math.abs(layer.loss - ref[i].loss)).toBeLessThanOrEqual(1e-4 * Math.max(1e-3, ref[i].loss));
      layer.weights.forEach((w, j) => expect(Math.abs(w - ref[i].weights[j])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(ref[i].weights[j]))));
    });
    expect(Math.abs(rotated.fitness - plain.fitness)).toBeLessThanOrEqual(1e-5 * plain.fitness);
  });
});
