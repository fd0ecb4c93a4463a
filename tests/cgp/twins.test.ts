// The WASM hot loops against their plain TypeScript twins, one suite: evaluation, active
// sets and complexity, the RNG stream and mutation.
import { describe, expect, test } from '@jest/globals';
import { activeSet, mutatePoint, randomGenome, type Geometry } from '../../src/cgp/genome.js';
import { evaluateReference } from '../../src/cgp/evaluate.js';
import { FUNCTIONS, functionByName, weightsByCode } from '../../src/cgp/functions.js';
import { Rng } from '../../src/cgp/rng.js';
import { ALL_CODES, agrees, engineFor, randomColumns } from '../helpers.js';

const g: Geometry = { inputs: 3, constants: 2, rows: 4, cols: 10, levelsBack: 10, outputs: 2 };
const ROWS = 300; // not a multiple of the block or of 8: exercises the tails

describe('evaluation: WASM SIMD vs TypeScript reference', () => {
  test('IEEE-exact functions (+ − × ÷ neg square sqrt abs) agree bit for bit on 1,000 genomes', async () => {
    const codes = ['add', 'sub', 'mul', 'div', 'neg', 'square', 'sqrt', 'abs'].map((n) => functionByName(n).code);
    const engine = await engineFor(g, codes);
    const cols = randomColumns(3, ROWS, 1);
    const d = engine.loadData(cols, ROWS);
    const slot = engine.allocSlot();
    const rng = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const gen = randomGenome(g, codes, rng, [-2, 2]);
      engine.writeGenome(slot, gen.genes, gen.consts);
      const w = engine.predict(slot, d);
      const r = evaluateReference(g, gen, cols, ROWS);
      for (let o = 0; o < g.outputs; o++) expect(Array.from(w[o])).toEqual(Array.from(r[o]));
    }
  });

  test('all 16 functions: on 1,000 genomes, plain and protected, every well-conditioned value agrees within 1e-4 (≤ 5 genomes excepted), ≥ 99.95% of all values', async () => {
    for (const protectedOps of [false, true]) {
      const engine = await engineFor(g);
      engine.raw.setProtected(protectedOps ? 1 : 0);
      const cols = randomColumns(3, ROWS, 7);
      const d = engine.loadData(cols, ROWS);
      const slot = engine.allocSlot();
      const rng = new Rng(11);
      const used = new Map<string, number>();
      let bad = 0, total = 0, illConditioned = 0, genomesWithMismatch = 0;
      for (let i = 0; i < 1000; i++) {
        const gen = randomGenome(g, ALL_CODES, rng, [-2, 2]);
        for (const k of activeSet(g, gen.genes, weightsByCode()).nodes) {
          const name = FUNCTIONS[gen.genes[3 * k]].name;
          used.set(name, (used.get(name) ?? 0) + 1);
        }
        engine.writeGenome(slot, gen.genes, gen.consts);
        const w = engine.predict(slot, d);
        const r = evaluateReference(g, gen, cols, ROWS, { protectedOps });
        // The reference again with every input and constant scaled by 1 ± 1e-6 (a few f32
        // ulps): a value that then moves by more than 1e-4 is ill-conditioned (tan near a pole,
        // exp of exp, pow of a large base), and any f32 evaluation of it, however accurate each
        // step, may differ from the f64 reference by more than 1e-4.
        const perturbed = [1 + 1e-6, 1 - 1e-6].map((f) => evaluateReference(g, { ...gen, consts: Float32Array.from(gen.consts, (c) => c * f) },
          cols.map((c) => Float32Array.from(c, (v) => v * f)), ROWS, { protectedOps }));
        let mismatched = false;
        for (let o = 0; o < g.outputs; o++) {
          for (let k = 0; k < ROWS; k++) {
            total++;
            const ok = agrees(w[o][k], r[o][k], 1e-4);
            if (!ok) bad++;
            if (!perturbed.every((p) => agrees(p[o][k], r[o][k], 1e-4))) illConditioned++;
            else if (!ok) mismatched = true;
          }
        }
        if (mismatched) genomesWithMismatch++;
      }
      // Every function was exercised many times by active nodes.
      for (const f of FUNCTIONS) expect(used.get(f.name) ?? 0).toBeGreaterThan(100);
      expect(illConditioned / total).toBeLessThan(0.01);
      expect(bad / total).toBeLessThan(5e-4);
      // Measured: 0.36% (plain) and 0.48% (protected) of values ill-conditioned; mismatches
      // among the rest in 2 and 3 genomes (e.g. a quotient of two nearly equal values, which
      // scaling every input alike does not disturb). Without the conditioning test: 20 and 28.
      expect(genomesWithMismatch).toBeLessThanOrEqual(5);
    }
  });
});

describe('genome bookkeeping: WASM vs TypeScript', () => {
  test('active node count and complexity agree on 2,000 random genomes', async () => {
    const engine = await engineFor(g);
    const slot = engine.allocSlot();
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const gen = randomGenome(g, ALL_CODES, rng);
      engine.writeGenome(slot, gen.genes, gen.consts);
      const got = engine.readGenome(slot);
      const ref = activeSet(g, gen.genes, weightsByCode());
      expect(got.nActive).toBe(ref.nodes.length);
      expect(got.complexity).toBe(ref.complexity);
    }
  });

  test('the RNG streams are identical', async () => {
    const engine = await engineFor(g);
    for (const seed of [0, 1, 42, 0xffffffff]) {
      engine.seed(seed);
      const rng = new Rng(seed);
      for (let i = 0; i < 1000; i++) expect(engine.raw.rngNext() >>> 0).toBe(rng.next());
    }
  });

  test('random genomes and point mutation give the same genes and touched flags', async () => {
    const engine = await engineFor(g);
    const codes = ALL_CODES;
    const slot = engine.allocSlot();
    for (const rate of [0.02, 0.1, 0.4, 1]) {
      engine.seed(9);
      const rng = new Rng(9);
      engine.raw.randomGenome(slot);
      const ref = randomGenome(g, codes, rng);
      let wasm = engine.readGenome(slot);
      expect(Array.from(wasm.genes)).toEqual(Array.from(ref.genes));
      expect(Array.from(wasm.consts)).toEqual(Array.from(ref.consts).map((v) => expect.closeTo(v, 5)));
      for (let i = 0; i < 500; i++) {
        const act = activeSet(g, ref.genes, weightsByCode());
        const touchedTs = mutatePoint(g, ref, act, codes, rate, rng);
        const touchedWasm = engine.raw.mutatePoint(slot, rate) !== 0;
        engine.raw.markActive(slot);
        wasm = engine.readGenome(slot);
        expect(touchedWasm).toBe(touchedTs);
        expect(Array.from(wasm.genes)).toEqual(Array.from(ref.genes));
        ref.consts.set(wasm.consts); // Box–Muller's log/cos may differ in the last ulp
      }
    }
  });
});
