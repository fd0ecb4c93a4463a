// An SRNet layer w·g + b prints g without its outer scale and shift, w and b refitted to carry them.
import { describe, expect, test } from '@jest/globals';
import { math } from '../../src/expr/math.js';
import { affineCore, peelAffine } from '../../src/expr/affine-core.js';
import { toText } from '../../src/expr/format.js';

const core = (s: string) => { const c = affineCore(math.parse(s)); return c ? toText(c) : null; };
const names = ['a', 'b', 'c'];
const rows = Array.from({ length: 50 }, (_, r) => [Math.sin(r), Math.cos(3 * r), 0.1 * r - 2]);

describe('affineCore', () => {
  test('peels outer constants, signs and parentheses, repeatedly', () => {
    expect(core('(a + b) * cos(c) + 3870.83')).toBe('(a + b) * cos(c)');
    expect(core('3870.83 + (a + b) * cos(c)')).toBe('(a + b) * cos(c)');
    expect(core('2.5 - sin(a)')).toBe('sin(a)');
    expect(core('-(sin(a) * 3) / 7 - 1')).toBe('sin(a)');
    expect(core('0.5 * (a + b)')).toBe('a + b');
  });

  test('takes a constant factor out of a product chain at any depth', () => {
    // mathjs parses c·A·B as (c·A)·B: the constant is not a child of the top node.
    expect(core('0.564158 * a * (cos(b) ^ 2 + 0.564158)')).toBe('a * (cos(b) ^ 2 + 0.564158)');
    expect(core('a * (2 * b) * c')).toBe('a * b * c');
    expect(core('3 * a / sin(b) + 1')).toBe('a / sin(b)');
    expect(core('a * b')).toBeNull();
    expect(core('(a + 2) * b')).toBeNull();
  });

  test('a sum drops its constant terms wherever they stand, and its first term\'s factor', () => {
    // `eqlens srnet` on examples/mix.csv printed g = 1.07946 * x0 + 0.454492 - 1.13417 * x1.
    expect(core('1.07946 * a + 0.454492 - 1.13417 * b')).toBe('a - 1.05068 * b');
    expect(core('2 * a - 4 * b + 1 + c / 0.5')).toBe('a - 2 * b + c');
    expect(core('-(3 * a) + sin(b) * 6 - 2')).toBe('a - 2 * sin(b)');
    expect(core('a + 1 - (b - 2)')).toBe('a - b');
    expect(core('sin(a) * 2 + b')).toBe('sin(a) + 0.5 * b');
    expect(core('a - b')).toBeNull();
    expect(core('a + 2 * b')).toBeNull();
  });

  test('leaves what is not an outer affine constant', () => {
    expect(core('sin(a) + b')).toBeNull();
    expect(core('2 / sin(a)')).toBeNull();
    expect(core('3')).toBeNull();
    expect(core('a')).toBeNull();
  });
});

describe('peelAffine', () => {
  test('refits w and b on the core to full precision (the printed constant has 6 digits)', () => {
    // The layer's g carries 3870.8312 (the printed form rounds it to 3870.83); w = [2, −1], b = [1, 0.5].
    const g = (x: ArrayLike<number>) => (x[0] + x[1]) * Math.cos(x[2]) + 3870.8312;
    const p = peelAffine(math.parse('(a + b) * cos(c) + 3870.83'), { weights: [2, -1], biases: [1, 0.5] }, g, names, rows);
    expect(toText(p.node)).toBe('(a + b) * cos(c)');
    expect(p.weights[0]).toBeCloseTo(2, 9);
    expect(p.weights[1]).toBeCloseTo(-1, 9);
    expect(p.biases[0]).toBeCloseTo(1 + 2 * 3870.8312, 6);
    expect(p.biases[1]).toBeCloseTo(0.5 - 3870.8312, 6);
  });

  test('a scale goes into w, a sign too', () => {
    const g = (x: ArrayLike<number>) => 4 - 0.25 * Math.sin(x[0]);
    const p = peelAffine(math.parse('4 - 0.25 * sin(a)'), { weights: [8], biases: [0] }, g, names, rows);
    expect(toText(p.node)).toBe('sin(a)');
    expect(p.weights[0]).toBeCloseTo(-2, 9);
    expect(p.biases[0]).toBeCloseTo(32, 9);
  });

  test('a sum\'s constants and first factor go into w and b', () => {
    const g = (x: ArrayLike<number>) => 1.07946 * x[0] + 0.454492 - 1.13417 * x[1];
    const p = peelAffine(math.parse('1.07946 * a + 0.454492 - 1.13417 * b'), { weights: [2], biases: [1] }, g, names, rows);
    expect(toText(p.node)).toBe('a - 1.05068 * b');
    expect(p.weights[0]).toBeCloseTo(2 * 1.07946, 9);
    expect(p.biases[0]).toBeCloseTo(1 + 2 * 0.454492, 9);
    for (const x of rows) expect(p.weights[0] * (x[0] - (1.13417 / 1.07946) * x[1]) + p.biases[0]).toBeCloseTo(2 * g(x) + 1, 9);
  });

  test('keeps g, w, b when the printed form is not g (a simplification that moved it) or has nothing to peel', () => {
    const g = (x: ArrayLike<number>) => Math.sin(x[0]) ** 2 + 1;
    const wrong = peelAffine(math.parse('sin(a) + 1'), { weights: [3], biases: [2] }, g, names, rows);
    expect(toText(wrong.node)).toBe('sin(a) + 1');
    expect(wrong.weights).toEqual([3]);
    expect(wrong.biases).toEqual([2]);
    const none = peelAffine(math.parse('sin(a) * b'), { weights: [3], biases: [2] }, (x) => Math.sin(x[0]) * x[1], names, rows);
    expect(toText(none.node)).toBe('sin(a) * b');
  });
});
