// Forward-mode derivatives in WASM (assembly/engine/tangent.ts) against their TypeScript twin,
// against central finite differences and against mathjs `derivative` of the decoded expression;
// and the normalised-gradient loss in WASM against the twin's.
import { describe, expect, test } from '@jest/globals';
import { activeSet, randomGenome, type Geometry } from '../../src/cgp/genome.js';
import { FUNCTIONS, functionByName, weightsByCode } from '../../src/cgp/functions.js';
import { gradientLossReference, tangentsReference } from '../../src/cgp/tangent.js';
import { Rng } from '../../src/cgp/rng.js';
import { predictTangents, useGradientTarget, clearGradientTarget } from '../../bindings/engine.js';
import { decodeGenome, defaultNames } from '../../src/expr/decode.js';
import { math } from '../../src/expr/math.js';
import { ALL_CODES, agrees, engineFor, randomColumns } from '../helpers.js';

const g: Geometry = { inputs: 3, constants: 2, rows: 3, cols: 8, levelsBack: 8, outputs: 1 };
const ROWS = 300; // not a multiple of 4, 8 or the block: exercises every tail

describe('forward-mode derivatives: WASM vs TypeScript twin', () => {
  test('all 16 functions, plain and protected: ≥ 99.9% of values and tangents agree to 1e-3 on 600 genomes', async () => {
    for (const protectedOps of [false, true]) {
      const engine = await engineFor(g);
      engine.raw.setProtected(protectedOps ? 1 : 0);
      const cols = randomColumns(3, ROWS, 21, -2, 2);
      const d = engine.loadData(cols, ROWS);
      const slot = engine.allocSlot();
      const rng = new Rng(protectedOps ? 8 : 9);
      const used = new Set<string>();
      let bad = 0, total = 0;
      for (let i = 0; i < 600; i++) {
        const gen = randomGenome(g, ALL_CODES, rng, [-2, 2]);
        for (const k of activeSet(g, gen.genes, weightsByCode()).nodes) used.add(FUNCTIONS[gen.genes[3 * k]].name);
        engine.writeGenome(slot, gen.genes, gen.consts);
        const w = predictTangents(engine, slot, d);
        const r = tangentsReference(g, gen, cols, ROWS, { protectedOps });
        // The value column is the ordinary evaluator's output.
        expect(Array.from(w[0])).toEqual(Array.from(engine.predict(slot, d)[0]));
        for (let c = 0; c < w.length; c++) {
          for (let k = 0; k < ROWS; k++) { total++; if (!agrees(w[c][k], r[c][k], 1e-3)) bad++; }
        }
      }
      expect(used.size).toBe(FUNCTIONS.length);
      // The rare disagreements are chaotic amplification in ill-conditioned random genomes
      // (tan near a pole, pow of large values), as for the plain evaluator.
      expect(bad / total).toBeLessThan(1e-3);
    }
  });

  test('an input a subexpression does not use has an exactly zero tangent, even through pow(x, 2) at x < 0', async () => {
    const g1: Geometry = { inputs: 2, constants: 1, rows: 1, cols: 1, levelsBack: 1, outputs: 1 };
    const engine = await engineFor(g1);
    const x = [Float32Array.of(-1.5, -0.5, 0.5, 2, -3, 1, 1, 1), Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8)];
    const d = engine.loadData(x, 8);
    const slot = engine.allocSlot();
    engine.writeGenome(slot, [functionByName('pow').code, 0, 2, 3], [2]); // x0 ^ c, c = 2
    const [v, d0, d1] = predictTangents(engine, slot, d);
    for (let r = 0; r < 8; r++) {
      expect(v[r]).toBeCloseTo(x[0][r] ** 2, 4);
      expect(d0[r]).toBeCloseTo(2 * x[0][r], 4);
      expect(d1[r]).toBe(0);
    }
  });
});

describe('forward-mode derivatives against independent references', () => {
  const smooth = ['add', 'sub', 'mul', 'div', 'neg', 'square', 'exp', 'sin', 'cos', 'tanh', 'sigmoid'].map((n) => functionByName(n).code);

  test('match central finite differences (f64 twin evaluation) on 300 smooth random genomes', async () => {
    const engine = await engineFor(g, smooth);
    const cols = randomColumns(3, 64, 4, -1, 1);
    const d = engine.loadData(cols, 64);
    const slot = engine.allocSlot();
    const rng = new Rng(17);
    let checked = 0, bad = 0;
    for (let i = 0; i < 300; i++) {
      const gen = randomGenome(g, smooth, rng, [-1, 1]);
      engine.writeGenome(slot, gen.genes, gen.consts);
      const w = predictTangents(engine, slot, d);
      const node = decodeGenome(g, gen, 0, { names: defaultNames(3) });
      const f = node.compile();
      for (let r = 0; r < 64; r += 7) {
        const at = { x0: cols[0][r], x1: cols[1][r], x2: cols[2][r] };
        const f0 = f.evaluate(at);
        if (!Number.isFinite(f0) || Math.abs(f0) > 1e3) continue;
        for (let k = 0; k < 3; k++) {
          const h = 1e-5, key = `x${k}` as 'x0';
          const fd = (f.evaluate({ ...at, [key]: at[key] + h }) - f.evaluate({ ...at, [key]: at[key] - h })) / (2 * h);
          if (!Number.isFinite(fd) || Math.abs(fd) > 1e3) continue;
          checked++;
          if (Math.abs(w[1 + k][r] - fd) > 2e-3 * Math.max(1, Math.abs(fd))) bad++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(bad / checked).toBeLessThan(0.005);
  });

  test('match mathjs derivative of the decoded expression', async () => {
    const engine = await engineFor(g);
    const cols = randomColumns(3, 40, 6, 0.2, 1.5); // positive: ln, sqrt, pow defined
    const d = engine.loadData(cols, 40);
    const slot = engine.allocSlot();
    const rng = new Rng(23);
    let compared = 0;
    for (let i = 0; i < 120; i++) {
      const gen = randomGenome(g, ALL_CODES, rng, [0.5, 1.5]);
      const node = decodeGenome(g, gen, 0, { names: defaultNames(3) });
      if (!/x\d/.test(node.toString())) continue;
      engine.writeGenome(slot, gen.genes, gen.consts);
      const w = predictTangents(engine, slot, d);
      for (let k = 0; k < 3; k++) {
        let dk;
        try { dk = math.derivative(node, `x${k}`, { simplify: false }).compile(); } catch { continue; }
        for (let r = 0; r < 40; r += 9) {
          const ref = Number(dk.evaluate({ x0: cols[0][r], x1: cols[1][r], x2: cols[2][r] }));
          if (!Number.isFinite(ref) || Math.abs(ref) > 1e3) continue;
          compared++;
          expect(agrees(w[1 + k][r], ref, 5e-3)).toBe(true);
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});

describe('normalised-gradient loss in WASM', () => {
  test('equals the twin\'s loss on 300 random genomes and rejects constants', async () => {
    const engine = await engineFor(g);
    const cols = randomColumns(3, ROWS, 2, -1, 1);
    const d = engine.loadData(cols, ROWS);
    engine.useForFitness(d);
    // Target: the normalised gradient of x0² + 2·x1 (x2 unused).
    const gx = cols[0].map((v) => 2 * v), gy = new Float32Array(ROWS).fill(2);
    const norm = gx.map((v, r) => Math.hypot(v, gy[r]));
    const target = [gx.map((v, r) => v / norm[r]), gy.map((v, r) => v / norm[r]), new Float32Array(ROWS)];
    const ptr = useGradientTarget(engine, d, target);
    const slot = engine.allocSlot();
    const rng = new Rng(31);
    let finite = 0;
    for (let i = 0; i < 300; i++) {
      const gen = randomGenome(g, ALL_CODES, rng, [-2, 2]);
      engine.writeGenome(slot, gen.genes, gen.consts);
      const w = engine.raw.gradientLoss(slot);
      // The loss kernel on WASM's own tangents (the tangents themselves are compared above).
      const ref = gradientLossReference(predictTangents(engine, slot, d).slice(1), target, ROWS);
      if (Number.isFinite(ref)) {
        finite++;
        expect(Math.abs(w - ref)).toBeLessThan(1e-4 * Math.max(1, ref));
      } else expect(w).toBe(Infinity);
    }
    expect(finite).toBeGreaterThan(100);
    // The true quantity, its negative and a monotone map of it score ~0; a constant is rejected.
    const add = functionByName('add').code, mul = functionByName('mul').code, sq = functionByName('square').code;
    const neg = functionByName('neg').code, exp = functionByName('exp').code;
    const gTrue = (tail: number[]) => {
      // Node k sits in column ⌊k/3⌋ (address 5 + k): n0 = x0², n1 = x1 + x1 (column 0),
      // n3 = n0 + n1 (column 1), n6 = tail(n3) (column 2); every other node is unused.
      const genes = new Int32Array(3 * 24 + 1);
      for (let k = 0; k < 24; k++) genes.set([add, 0, 0], 3 * k);
      genes.set([sq, 0, 0, add, 1, 1], 0);
      genes.set([add, 5, 6], 9);
      if (tail.length) genes.set(tail, 18);
      genes[3 * 24] = tail.length ? 11 : 8;
      return genes;
    };
    for (const genes of [gTrue([]), gTrue([neg, 8, 8]), gTrue([exp, 8, 8])]) {
      engine.writeGenome(slot, genes, [0, 0]);
      expect(engine.raw.gradientLoss(slot)).toBeLessThan(1e-6);
    }
    const constant = gTrue([]); constant[3 * 24] = 3; // the constant slot
    engine.writeGenome(slot, constant, [1.5, 0]);
    expect(engine.raw.gradientLoss(slot)).toBe(Infinity);
    const cmul = gTrue([mul, 3, 4]); // c0 · c1: a constant expression built from a node
    engine.writeGenome(slot, cmul, [1.5, 2]);
    expect(engine.raw.gradientLoss(slot)).toBe(Infinity);
    clearGradientTarget(engine, ptr);
  });
});
