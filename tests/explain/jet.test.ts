// Jets: activation series, polynomial algebra, and the network's exact derivatives checked
// against mlp.inputGradient and against finite differences of an independent float64 forward.
import { describe, expect, test } from '@jest/globals';
import { Mlp, type Activation } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import { MonomialBasis } from '../../src/explain/monomials.js';
import { activationSeries } from '../../src/explain/series.js';
import { outputJet } from '../../src/explain/jet-forward.js';
import { evaluate, formatPolynomial, toGlobal } from '../../src/explain/polynomial.js';
import { randomMlp } from '../helpers.js';
import { forward64 } from './networks.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i])));
};

describe('activation series', () => {
  test('tanh and sigmoid at 0 are their Maclaurin series', () => {
    close(activationSeries('tanh', 0, 7), [0, 1, 0, -1 / 3, 0, 2 / 15, 0, -17 / 315], 1e-15);
    close(activationSeries('sigmoid', 0, 5), [0.5, 1 / 4, 0, -1 / 48, 0, 1 / 480], 1e-15);
  });
  test('tanh at 0.7 matches its closed-form derivatives', () => {
    const t = Math.tanh(0.7), u = 1 - t * t;
    close(activationSeries('tanh', 0.7, 3), [t, u, (-2 * t * u) / 2, (-2 * u * (1 - 3 * t * t)) / 6], 1e-14);
  });
  test('sigmoid keeps finite coefficients far in both tails', () => {
    for (const c of [-800, 800]) expect(Array.from(activationSeries('sigmoid', c, 4)).every(Number.isFinite)).toBe(true);
  });
  test('piecewise activations take the branch their point is on', () => {
    close(activationSeries('relu', 1.5, 3), [1.5, 1, 0, 0], 0);
    close(activationSeries('relu', -1.5, 3), [0, 0, 0, 0], 0);
    const e = Math.exp(-1);
    close(activationSeries('elu', -1, 3), [e - 1, e, e / 2, e / 6], 1e-15);
    close(activationSeries('elu', 2, 3), [2, 1, 0, 0], 0);
    close(activationSeries('linear', -3, 2), [-3, 1, 0], 0);
  });
});

describe('polynomials', () => {
  test('the basis lists monomials by degree, x0 first', () => {
    const b = new MonomialBasis(2, 2);
    expect(b.exponents).toEqual([[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]]);
    expect(b.indexOf([1, 1])).toBe(4);
    expect(b.indexOf([2, 1])).toBe(-1);
  });
  test('too many monomials is an E_OPTION naming the order', () => {
    expect(() => new MonomialBasis(30, 4)).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringMatching(/order/) }));
  });
  test('re-expansion in powers of x: (x0 − 1)(x1 − 2) = x0x1 − 2x0 − x1 + 2', () => {
    const b = new MonomialBasis(2, 2);
    const local = new Float64Array(b.size);
    local[b.indexOf([1, 1])] = 1;
    const g = toGlobal(b, local, [1, 2]);
    close(g, [2, -2, -1, 0, 1, 0], 1e-15);
    expect(evaluate(b, g, [3, 5])).toBeCloseTo((3 - 1) * (5 - 2), 12);
  });
  test('printed form: highest degree first, unit coefficients dropped, binary minus', () => {
    const b = new MonomialBasis(1, 2);
    expect(formatPolynomial(b, [1, -2, 0.5], ['x'])).toBe('0.5*x^2 - 2*x + 1');
    expect(formatPolynomial(b, [0, 0, -1], ['x'])).toBe('-x^2');
    expect(formatPolynomial(b, [0, 0, 0], ['x'])).toBe('0');
    expect(formatPolynomial(b, [1.23456, 1e-7, 1], ['x'], 3, 1e-6)).toBe('x^2 + 1.23');
    const b2 = new MonomialBasis(2, 2);
    expect(formatPolynomial(b2, [0.09, -0.02, 0, 0, 1, 0], ['m', 'a'])).toBe('m*a - 0.02*m + 0.09');
  });
});

// Finite differences on the float64 forward: central, second and third order.
const fd = {
  grad(f: (x: number[]) => number, x: number[], h = 1e-5) {
    return x.map((_, i) => { const p = [...x], m = [...x]; p[i] += h; m[i] -= h; return (f(p) - f(m)) / (2 * h); });
  },
  mixed(f: (x: number[]) => number, x: number[], i: number, j: number, h = 1e-3) {
    const at = (si: number, sj: number) => { const y = [...x]; y[i] += si * h; y[j] += sj * h; return f(y); };
    return (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h);
  },
  third(f: (x: number[]) => number, x: number[], i: number, h = 1e-2) {
    const at = (s: number) => { const y = [...x]; y[i] += s * h; return f(y); };
    return (at(2) - 2 * at(1) + 2 * at(-1) - at(-2)) / (2 * h ** 3);
  },
};

const cases: [string, Activation, Activation][] = [
  ['tanh', 'tanh', 'linear'], ['sigmoid', 'sigmoid', 'sigmoid'], ['elu', 'elu', 'tanh'], ['relu', 'relu', 'linear'], ['softmax', 'tanh', 'softmax'],
];

describe('exact derivatives of a network', () => {
  test.each(cases)('%s: first order equals mlp.inputGradient at 20 points', async (_n, hidden, top) => {
    const mlp = randomMlp([3, 6, 5, 3], [hidden, hidden, top], 7);
    const rng = new Rng(11);
    const X = Array.from({ length: 20 }, () => [0, 0, 0].map(() => -2 + 4 * rng.uniform()));
    const basis = new MonomialBasis(3, 1);
    for (const output of [0, 2]) {
      const g = await mlp.inputGradient(X, { unit: output });
      X.forEach((x, r) => {
        const c = outputJet(mlp, basis, x, { output, preActivation: false });
        expect(c[0]).toBeCloseTo(forward64(mlp, x, output), 12);
        close([c[1], c[2], c[3]], [g[0][r], g[1][r], g[2][r]], 2e-5);
      });
    }
  });

  test.each(cases)('%s: orders 2 and 3 equal finite differences (Hessian, ∂³/∂xi³)', (_n, hidden, top) => {
    const mlp = randomMlp([2, 5, 4, 2], [hidden, hidden, top], 3);
    const rng = new Rng(5);
    const basis = new MonomialBasis(2, 3);
    for (const preActivation of [false, true]) {
      const f = (x: number[]) => forward64(mlp, x, 1, preActivation);
      for (let k = 0; k < 10; k++) {
        const x = [-2 + 4 * rng.uniform(), -2 + 4 * rng.uniform()];
        const c = outputJet(mlp, basis, x, { output: 1, preActivation });
        close([c[1], c[2]], fd.grad(f, x), 1e-7);
        // Coefficients are derivatives / α!: ½f_00, f_01, ½f_11, ⅙f_000, ⅙f_111.
        close([2 * c[basis.indexOf([2, 0])], c[basis.indexOf([1, 1])], 2 * c[basis.indexOf([0, 2])]],
          [fd.mixed(f, x, 0, 0), fd.mixed(f, x, 0, 1), fd.mixed(f, x, 1, 1)], 2e-5);
        if (hidden !== 'relu') close([6 * c[basis.indexOf([3, 0])], 6 * c[basis.indexOf([0, 3])]], [fd.third(f, x, 0), fd.third(f, x, 1)], 2e-3);
        else expect(Array.from(c.subarray(3)).every((v) => v === 0)).toBe(true); // piecewise linear: nothing beyond the Hessian (itself 0)
      }
    }
  });

  test('a one-unit tanh network is tanh: x − x³/3 + 2x⁵/15 at 0', () => {
    const mlp = new Mlp([
      { inputs: 1, outputs: 1, weight: Float32Array.of(1), bias: Float32Array.of(0), activation: 'tanh' },
      { inputs: 1, outputs: 1, weight: Float32Array.of(1), bias: Float32Array.of(0), activation: 'linear' },
    ]);
    close(outputJet(mlp, new MonomialBasis(1, 5), [0], { output: 0, preActivation: false }), [0, 1, 0, -1 / 3, 0, 2 / 15], 1e-15);
  });
});
