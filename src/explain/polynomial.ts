// Polynomials over a MonomialBasis: re-expansion from powers of (x − x0) to powers of x,
// evaluation, and a readable printed form such as `0.5*x^2 - 2*x + 1`.
import { binomial, type MonomialBasis } from './monomials.js';

/**
 * Σ_α c_α (x − x0)^α written as Σ_β g_β x^β: each (x_i − x0_i)^a expands binomially into
 * Σ_b C(a, b) x_i^b (−x0_i)^(a−b). Needed to average polynomials taken at different points,
 * whose local coefficients refer to different origins.
 * @example
 * // (x − 1)² = x² − 2x + 1
 * toGlobal(new MonomialBasis(1, 2), Float64Array.of(0, 0, 1), [1]); // [1, -2, 1]
 */
export function toGlobal(basis: MonomialBasis, local: ArrayLike<number>, x0: readonly number[]): Float64Array {
  const g = new Float64Array(basis.size);
  const beta = new Array<number>(basis.dims).fill(0);
  basis.exponents.forEach((alpha, a) => {
    const c = local[a];
    if (c === 0) return;
    // Every β ≤ α componentwise, by recursion over the variables.
    const visit = (i: number, weight: number) => {
      if (i === basis.dims) { g[basis.indexOf(beta)] += c * weight; return; }
      for (let b = 0; b <= alpha[i]; b++) {
        beta[i] = b;
        visit(i + 1, weight * binomial(alpha[i], b) * (-x0[i]) ** (alpha[i] - b));
      }
    };
    visit(0, 1);
  });
  return g;
}

/** Σ_β g_β x^β at one point. */
export function evaluate(basis: MonomialBasis, coefficients: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  basis.exponents.forEach((e, m) => {
    const c = coefficients[m];
    if (c === 0) return;
    let v = c;
    for (let i = 0; i < e.length; i++) if (e[i]) v *= x[i] ** e[i];
    s += v;
  });
  return s;
}

/** `x0^2*x1`; the constant monomial is `1`. */
export function monomialText(exponents: readonly number[], names: readonly string[]): string {
  const parts = exponents.flatMap((e, i) => (e === 0 ? [] : [e === 1 ? names[i] : `${names[i]}^${e}`]));
  return parts.length ? parts.join('*') : '1';
}

/**
 * Highest degree first, coefficients to `digits` significant digits, unit coefficients
 * left out (`x^2`, not `1*x^2`), signs as binary operators: `0.5*x^2 - 2*x + 1`. Terms whose
 * |coefficient| is below `threshold` are left out of the text (not out of the polynomial).
 * The result parses with mathjs.
 */
export function formatPolynomial(basis: MonomialBasis, coefficients: ArrayLike<number>, names: readonly string[],
  digits = 4, threshold = 0): string {
  const order = [...basis.exponents.keys()].sort((a, b) => basis.degree[b] - basis.degree[a] || a - b);
  let text = '';
  for (const m of order) {
    const c = Number(coefficients[m].toPrecision(digits));
    if (c === 0 || Math.abs(coefficients[m]) < threshold) continue;
    const mono = basis.degree[m] === 0 ? '' : monomialText(basis.exponents[m], names);
    const mag = Math.abs(c);
    const body = mono === '' ? String(mag) : mag === 1 ? mono : `${mag}*${mono}`;
    text += text === '' ? (c < 0 ? `-${body}` : body) : c < 0 ? ` - ${body}` : ` + ${body}`;
  }
  return text || '0';
}
