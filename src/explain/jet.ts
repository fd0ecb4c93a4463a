// Jets: truncated multivariate Taylor polynomials in t = x − x0, stored as one coefficient per
// monomial of a MonomialBasis. A network maps jets to jets exactly (up to the order) because
// dense layers are linear and activations compose through their univariate Taylor series.
import type { MonomialBasis } from './monomials.js';

export type Jet = Float64Array;

/** The jet of input variable `i` at x0: x0_i + t_i. */
export function variableJet(basis: MonomialBasis, i: number, x0: number): Jet {
  const j = new Float64Array(basis.size);
  j[0] = x0;
  if (basis.order >= 1) j[1 + i] = 1; // order 0 has no linear monomials
  return j;
}

/** a·b truncated to the basis order. */
export function multiply(basis: MonomialBasis, a: Jet, b: Jet): Jet {
  const out = new Float64Array(basis.size);
  const p = basis.products;
  for (let n = 0; n < p.length; n += 3) {
    const ai = a[p[n]];
    if (ai !== 0) out[p[n + 2]] += ai * b[p[n + 1]];
  }
  return out;
}

/**
 * g(z) for a jet z, given g's univariate Taylor coefficients at z's constant term c
 * (`series[n]` = g⁽ⁿ⁾(c)/n!): Horner's rule in the non-constant part p = z − c, so
 * g(z) = s0 + p·(s1 + p·(s2 + …)), with k truncated products for order k.
 */
export function compose(basis: MonomialBasis, series: ArrayLike<number>, z: Jet): Jet {
  const p = Float64Array.from(z);
  p[0] = 0;
  let acc: Jet = new Float64Array(basis.size);
  acc[0] = series[series.length - 1];
  for (let n = series.length - 2; n >= 0; n--) {
    acc = multiply(basis, p, acc);
    acc[0] += series[n];
  }
  return acc;
}
