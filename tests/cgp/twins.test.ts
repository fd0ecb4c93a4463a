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

  test('all 16 functions: ≥ 99.95% of 600,000 values within 1e-4 on 1,000 genomes, plain and protected', async () => {
    for (const protectedOps of [false, true]) {
      const engine = await engineFor(g);
      engine.raw.setProtected(protectedOps ? 1 : 0);
      const cols = randomColumns(3, ROWS, 7);
      const d = engine.loadData(cols, ROWS);
      const slot = engine.allocSlot();
      const rng = new Rng(11);
      const used = new Map<string, number>();
      let bad = 0, total = 0, genomesWithMismatch = 0;
      for (let i = 0; i < 1000; i++) {
        const gen = randomGenome(g, ALL_CODES, rng, [-2, 2]);
        for (const k of activeSet(g, gen.genes, weightsByCode()).nodes) {
          const name = FUNCTIONS[gen.genes[3 * k]].name;
          used.set(name, (used.get(name) ?? 0) + 1);
        }
        engine.writeGenome(slot, gen.genes, gen.consts);
        const w = engine.predict(slot, d);
        const r = evaluateReference(g, gen, cols, ROWS, { protectedOps });
        let gb = 0;
        for (let o = 0; o < g.outputs; o++) {
          for (let k = 0; k < ROWS; k++) {
            total++;
            if (!agrees(w[o][k], r[o][k], 1e-4)) gb++;
          }
        }
        bad += gb;
        if (gb > 0) genomesWithMismatch++;
      }
      // Every function was exercised many times by active nodes.
      for (const f of FUNCTIONS) expect(used.get(f.name) ?? 0).toBeGreaterThan(100);
      // The only disagreements are chaotic amplification (e.g. sin of tan near its pole,
      // far outside sin's documented |x| ≤ 8192, or tan of 2.19^(x²) up to 1150): rare values
      // in a few ill-conditioned genomes.
      expect(bad / total).toBeLessThan(5e-4);
      expect(genomesWithMismatch).toBeLessThanOrEqual(20);
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
