// The ceiling start of SRNet: its loss in WASM against the TypeScript twin, what the loss
// measures, that the start finds a g₁ the output can be read from, and that the freeze holds it.
import { describe, expect, test } from '@jest/globals';
import { createEngine } from '../../bindings/engine.js';
import { Rng } from '../../src/cgp/rng.js';
import { evaluateReference } from '../../src/cgp/evaluate.js';
import { ceilingLossReference, ceilingSubsample } from '../../src/search/srnet-ceiling.js';
import { runSrnetSearch, type SrnetSearchData, type SrnetSearchOptions } from '../../src/search/srnet-search.js';
import { srnet } from '../../src/explain/srnet.js';
import { fails, randomColumns, randomMlp } from '../helpers.js';

async function wasmCeiling(g: Float32Array, targets: Float64Array[], bin: number): Promise<number> {
  const engine = await createEngine();
  const y = engine.alloc(8 * g.length * targets.length);
  targets.forEach((c, j) => engine.f64.set(c, (y >> 3) + j * g.length));
  const p = engine.alloc(4 * g.length);
  engine.f32.set(g, p >> 2);
  engine.raw.ceilingConfigure(y, g.length, targets.length, bin);
  return engine.raw.ceilingLoss(p);
}

const variance = (y: Float64Array) => {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  return y.reduce((s, v) => s + (v - m) ** 2, 0) / y.length;
};

describe('the ceiling loss: WASM = TypeScript twin', () => {
  test('random, tied, signed-zero and short-last-bin inputs agree to 1e-9', async () => {
    const rng = new Rng(5);
    for (const [n, bin] of [[1024, 32], [1000, 32], [257, 16], [40, 7]]) {
      const g = Float32Array.from({ length: n }, () => rng.gaussian() * 3);
      for (let r = 0; r < n; r += 9) g[r] = 0.5; // ties
      for (let r = 4; r < n; r += 17) g[r] = r % 2 ? 0 : -0; // −0 and +0 compare equal
      const targets = [Float64Array.from(g, (v) => Math.sin(v) + 0.1 * rng.gaussian()), Float64Array.from(g, () => rng.gaussian())];
      const ref = ceilingLossReference(g, targets, bin);
      const got = await wasmCeiling(g, targets, bin);
      expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-9 * ref);
    }
  });

  test('a non-finite g scores +Infinity in both', async () => {
    const g = Float32Array.from({ length: 64 }, (_, r) => r);
    g[10] = NaN;
    const y = [Float64Array.from(g, (_, r) => r)];
    expect(ceilingLossReference(g, y, 8)).toBe(Infinity);
    expect(await wasmCeiling(g, y, 8)).toBe(Infinity);
  });
});

describe('what the ceiling measures', () => {
  const rng = new Rng(9);
  const g = Float32Array.from({ length: 1024 }, () => rng.uniform() * 4 - 2);
  test('an output that is a smooth function of g: near 0, whatever the function', () => {
    for (const f of [(v: number) => 3 * v - 1, (v: number) => Math.exp(v), (v: number) => Math.sin(3 * v)]) {
      const y = Float64Array.from(g, f);
      expect(ceilingLossReference(g, [y], 32)).toBeLessThan(1e-3 * variance(y));
    }
  });
  test('an output that does not depend on g: about its variance', () => {
    const y = Float64Array.from(g, () => rng.gaussian());
    const c = ceilingLossReference(g, [y], 32);
    expect(c).toBeGreaterThan(0.85 * variance(y));
    expect(c).toBeLessThan(1.05 * variance(y));
  });
});

// A network's hidden layers with an output of (x0 + x1)² + sin(x0 + x1), a function of one
// combination of the inputs that no hidden unit follows: the ceiling start should find it.
async function searchData(): Promise<SrnetSearchData> {
  const mlp = randomMlp([3, 4, 3, 1], ['sigmoid', 'sigmoid', 'linear'], 4);
  const rows = 600;
  const inputs = randomColumns(3, rows, 2);
  const acts = await mlp.activations(Array.from({ length: rows }, (_, r) => inputs.map((c) => c[r])));
  const y = Float32Array.from(inputs[0], (a, r) => (a + inputs[1][r]) ** 2 + Math.sin(a + inputs[1][r]));
  return { inputs, targets: [acts[0].post, acts[1].post, [y]], rows, trainRows: rows };
}

const OPTIONS: SrnetSearchOptions = {
  generations: 0, lambda: 30, mutationRate: 0.4, rows: 5, cols: 5, levelsBack: 5,
  functions: ['add', 'sub', 'mul', 'div', 'sqrt', 'square', 'ln', 'sin', 'cos', 'tan'], constants: 1,
  constantRange: [-1, 1], protectedOps: true, stopFitness: 0, seed: 7,
};

describe('the ceiling start in the search', () => {
  test('it lowers the ceiling of the parent\'s g₁ far below a random start\'s, and keeps it through the freeze', async () => {
    const data = await searchData();
    const start = { generations: 60, rows: 512, bin: 16, freeze: 25 };
    const sub = ceilingSubsample(data, start.rows, OPTIONS.seed);
    const ceilingOf = (layers: Awaited<ReturnType<typeof runSrnetSearch>>['layers']) => {
      const [g] = evaluateReference(layers[0].geometry, layers[0].genome, sub.inputs, sub.rows, { protectedOps: true });
      return ceilingLossReference(g, sub.targets, start.bin);
    };
    const random = ceilingOf((await runSrnetSearch(data, OPTIONS)).layers);
    const started = await runSrnetSearch(data, { ...OPTIONS, ceilingStart: start });
    const found = ceilingOf(started.layers);
    expect(random).toBeGreaterThan(0.1 * variance(sub.targets[0]));
    expect(found).toBeLessThan(1e-3 * variance(sub.targets[0]));
    // Frozen for 25 generations: chromosome 1 is still the start's, while the others have moved.
    const frozen = await runSrnetSearch(data, { ...OPTIONS, generations: 25, ceilingStart: start });
    expect(Array.from(frozen.layers[0].genome.genes)).toEqual(Array.from(started.layers[0].genome.genes));
    expect(Array.from(frozen.layers[0].genome.consts)).toEqual(Array.from(started.layers[0].genome.consts));
    expect(frozen.fitness).toBeLessThan(started.fitness);
  });
});

describe('ceilingStart options', () => {
  const mlp = randomMlp([2, 3, 1], ['sigmoid', 'linear'], 1);
  const X = [[0, 1], [1, 0], [0.5, 0.5], [1, 1]];
  test('unknown keys, bad counts and non-objects are clear errors', async () => {
    await fails(srnet(mlp, X, { generations: 1, ceilingStart: { generation: 5 } as never }), 'E_OPTION', /ceilingStart\.generation: unknown option; known: generations, rows, bin, freeze/);
    await fails(srnet(mlp, X, { generations: 1, ceilingStart: { rows: 1 } }), 'E_OPTION', /ceilingStart\.rows: expected an integer in \[2, 1e7\], got 1/);
    await fails(srnet(mlp, X, { generations: 1, ceilingStart: { freeze: -1 } }), 'E_OPTION', /ceilingStart\.freeze/);
    await fails(srnet(mlp, X, { generations: 1, ceilingStart: { generations: 1.5 } }), 'E_OPTION', /ceilingStart\.generations/);
    await fails(srnet(mlp, X, { generations: 1, ceilingStart: true as never }), 'E_OPTION', /ceilingStart: expected false or/);
  });
});
