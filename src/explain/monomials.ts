// The monomials x^α of d variables with total degree |α| ≤ k, in a fixed order (by degree,
// then lexicographically with x0 first), and the product table the jets multiply with.
// Precomputing every pair (α, β) with |α + β| ≤ k once makes a truncated product a flat loop.
import { EqlensError } from '../errors.js';

/** Beyond this many monomials the product table grows into the hundreds of megabytes. */
export const MAX_MONOMIALS = 5000;

export class MonomialBasis {
  /** Exponent vector of each monomial; index 0 is the constant 1, indices 1..d are x0..x(d−1). */
  readonly exponents: readonly (readonly number[])[];
  /** Total degree of each monomial. */
  readonly degree: Int32Array;
  /** Flat triples (i, j, k): monomial i × monomial j = monomial k, for every pair within the order. */
  readonly products: Int32Array;
  private readonly index = new Map<string, number>();

  /**
   * @example
   * const b = new MonomialBasis(2, 2); // 1, x0, x1, x0², x0·x1, x1²
   * b.size; // 6
   */
  constructor(readonly dims: number, readonly order: number) {
    const count = binomial(dims + order, order);
    if (count > MAX_MONOMIALS) {
      throw new EqlensError('E_OPTION', `option order: ${count} monomials of degree ≤ ${order} in ${dims} variables (at most ${MAX_MONOMIALS}); use a lower order`);
    }
    const exps: number[][] = [];
    for (let deg = 0; deg <= order; deg++) exps.push(...compositions(dims, deg));
    this.exponents = exps;
    this.degree = Int32Array.from(exps, (e) => e.reduce((a, b) => a + b, 0));
    exps.forEach((e, i) => this.index.set(e.join(','), i));
    const triples: number[] = [];
    for (let i = 0; i < exps.length; i++) {
      for (let j = 0; j < exps.length; j++) {
        if (this.degree[i] + this.degree[j] > order) continue;
        triples.push(i, j, this.indexOf(exps[i].map((v, t) => v + exps[j][t])));
      }
    }
    this.products = Int32Array.from(triples);
  }

  get size(): number { return this.exponents.length; }

  /** Index of the monomial with these exponents, or −1 when its degree exceeds the order. */
  indexOf(exponents: readonly number[]): number {
    return this.index.get(exponents.join(',')) ?? -1;
  }
}

/** All exponent vectors of `dims` entries summing to `deg`, x0's exponent descending first. */
function compositions(dims: number, deg: number): number[][] {
  if (dims === 1) return [[deg]];
  const out: number[][] = [];
  for (let first = deg; first >= 0; first--) {
    for (const rest of compositions(dims - 1, deg - first)) out.push([first, ...rest]);
  }
  return out;
}

export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
