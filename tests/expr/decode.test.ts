// Decoding genomes: exact graph reductions, constant folding, and agreement with the engine.
import { describe, expect, test } from '@jest/globals';
import { decodeGenome } from '../../src/expr/decode.js';
import { functionByName } from '../../src/cgp/functions.js';
import { compileRow, toTex, toText } from '../../src/expr/format.js';
import { evaluateReference } from '../../src/cgp/evaluate.js';
import type { Geometry } from '../../src/cgp/genome.js';

const c = (n: string) => functionByName(n).code;
// Two inputs, one constant slot (address 2); nodes start at address 3.
const g: Geometry = { inputs: 2, constants: 1, rows: 1, cols: 4, levelsBack: 4, outputs: 1 };
const genome = (nodes: [string, number, number][], out: number, consts = [2]) => ({
  genes: Int32Array.from([...nodes.flatMap(([f, a, b]) => [c(f), a, b]), out]),
  consts: Float32Array.from(consts),
});
const text = (nodes: [string, number, number][], out: number, consts?: number[]) => toText(decodeGenome(g, genome(nodes, out, consts)));

describe('decoding', () => {
  test('plain decoding of a DAG', () => {
    // n3 = x0 * x1, n4 = sin(n3), n5 = n4 + n3
    expect(text([['mul', 0, 1], ['sin', 3, 0], ['add', 4, 3], ['neg', 0, 0]], 5)).toBe('sin(x0 * x1) + x0 * x1');
  });
  test('A − A and A / A of structurally equal operands reduce exactly', () => {
    // n3 = x0 + x1, n4 = x1 + x0 (same function), n5 = n3 − n4 = 0, n6 = n5 + x0 → x0
    expect(text([['add', 0, 1], ['add', 1, 0], ['sub', 3, 4], ['add', 5, 0]], 6)).toBe('x0');
    // n3 = x0 * x0, n4 = n3 / n3 = 1, n5 = x1 * n4 → x1
    expect(text([['mul', 0, 0], ['div', 3, 3], ['mul', 1, 4], ['neg', 0, 0]], 5)).toBe('x1');
  });
  test('constant sub-graphs fold as the evaluator computes them (f32 after every node), even near a pole', () => {
    // n3 = c·c ≈ 1.5774, n4 = tan(n3) ≈ −151.5, n5 = n4 + x0. c·c rounded to f32 moves the
    // argument of tan by ~1e-8, which tan' ≈ 23,000 turns into ~2e-4: folded in f64, the constant
    // is not the one the search scored.
    const cc = Math.fround(Math.sqrt(1.5774));
    const gn = genome([['mul', 2, 2], ['tan', 3, 0], ['add', 4, 0], ['neg', 0, 0]], 5, [cc]);
    const twin = evaluateReference(g, gn, [Float32Array.of(0), Float32Array.of(0)], 1)[0][0];
    const f64 = Math.tan(cc * cc);
    expect(Math.abs(f64 - twin)).toBeGreaterThan(5e-7 * Math.abs(twin)); // more than one f32 rounding apart
    const decoded = compileRow(decodeGenome(g, gn), ['x0', 'x1'])([0, 0]);
    expect(decoded).toBe(twin);
  });
  test('constant sub-graphs fold', () => {
    // n3 = exp(c), n4 = exp(n3), n5 = n4 * x0 with c = 2 → exp(exp(2)) * x0
    expect(text([['exp', 2, 0], ['exp', 3, 0], ['mul', 4, 0], ['neg', 0, 0]], 5)).toBe(`${Number(Math.exp(Math.exp(Math.fround(2))).toPrecision(6))} * x0`);
  });
  test('non-commutative operands are not confused', () => {
    expect(text([['sub', 0, 1], ['sub', 1, 0], ['div', 3, 4], ['neg', 0, 0]], 5)).toBe('(x0 - x1) / (x1 - x0)');
  });
  test('LaTeX subscripts and compiled evaluation', () => {
    const node = decodeGenome(g, genome([['mul', 0, 1], ['sin', 3, 0], ['add', 4, 3], ['neg', 0, 0]], 5));
    expect(toTex(node)).toContain('x_{0}');
    const f = compileRow(node, ['x0', 'x1']);
    expect(f([0.5, 2])).toBeCloseTo(Math.sin(1) + 1, 12);
  });
});

describe('decoded and compiled expressions against the WASM evaluator', () => {
  test('1,000 random genomes over all 16 functions: ≥ 99.9% of finite engine values reproduced within 1e-3', async () => {
    const { randomGenome } = await import('../../src/cgp/genome.js');
    const { Rng } = await import('../../src/cgp/rng.js');
    const { ALL_CODES, engineFor, randomColumns } = await import('../helpers.js');
    const geo: Geometry = { inputs: 3, constants: 2, rows: 4, cols: 10, levelsBack: 10, outputs: 1 };
    const engine = await engineFor(geo);
    const rows = 64;
    const cols = randomColumns(3, rows, 21);
    const d = engine.loadData(cols, rows);
    const slot = engine.allocSlot();
    const rng = new Rng(17);
    let compared = 0, agreed = 0;
    for (let i = 0; i < 1000; i++) {
      const gen = randomGenome(geo, ALL_CODES, rng, [-2, 2]);
      engine.writeGenome(slot, gen.genes, gen.consts);
      const w = engine.predict(slot, d)[0];
      const f = compileRow(decodeGenome(geo, gen), ['x0', 'x1', 'x2']);
      for (let r = 0; r < rows; r++) {
        if (!Number.isFinite(w[r])) continue; // the search scores these +∞ anyway
        compared++;
        const v = f([cols[0][r], cols[1][r], cols[2][r]]);
        if (Math.abs(v - w[r]) <= 1e-3 * Math.max(1, Math.abs(w[r]))) agreed++;
      }
    }
    expect(compared).toBeGreaterThan(30000);
    expect(agreed / compared).toBeGreaterThanOrEqual(0.999);
  });
});

test('compiled equations follow IEEE semantics, not complex numbers', () => {
  const node = decodeGenome(g, genome([['sqrt', 0, 0], ['ln', 1, 0], ['add', 3, 4], ['neg', 0, 0]], 5));
  const f = compileRow(node, ['x0', 'x1']);
  expect(f([-1, 1])).toBeNaN();
  expect(f([4, Math.E])).toBeCloseTo(3, 12);
});

test('protected division by a structural zero decodes to its value, 1', () => {
  // n3 = x0 − x0 = 0, n4 = x1 / n3: protected semantics give 1 (the engine's x/0 = 1), plain x1/0
  const nodes: [string, number, number][] = [['sub', 0, 0], ['div', 1, 3], ['add', 4, 0], ['neg', 0, 0]];
  expect(toText(decodeGenome(g, genome(nodes, 5), 0, { protectedOps: true }))).toBe('1 + x0');
  const plain = compileRow(decodeGenome(g, genome(nodes, 5)), ['x0', 'x1']);
  expect(plain([1, 2])).toBe(Infinity);
});
