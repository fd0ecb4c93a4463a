// Univariate Taylor coefficients s[n] = g⁽ⁿ⁾(c)/n!, n = 0..order, of the activations at a point c.
// sigmoid and tanh come from the recurrences of their differential equations
// (σ' = σ − σ², tanh' = 1 − tanh²), exact to rounding at any order.
import type { Activation } from '../nn/mlp.js';

/**
 * Taylor coefficients of an elementwise activation at c.
 * ReLU and ELU are piecewise: the branch is chosen by c exactly as the gradient code does
 * (c > 0 is the linear branch), so the coefficients are those of the piece c lies on; a
 * polynomial does not see the kink.
 * @example
 * activationSeries('tanh', 0, 3); // [0, 1, 0, -1/3]
 */
export function activationSeries(activation: Exclude<Activation, 'softmax'>, c: number, order: number): Float64Array {
  const s = new Float64Array(order + 1);
  switch (activation) {
    case 'linear':
      s[0] = c;
      if (order >= 1) s[1] = 1;
      return s;
    case 'relu':
      if (c > 0) { s[0] = c; if (order >= 1) s[1] = 1; }
      return s;
    case 'elu':
      if (c > 0) { s[0] = c; if (order >= 1) s[1] = 1; return s; }
      expSeries(c, order, s);
      s[0] -= 1;
      return s;
    case 'sigmoid':
      // Written so that neither branch overflows for large |c|.
      s[0] = c >= 0 ? 1 / (1 + Math.exp(-c)) : Math.exp(c) / (1 + Math.exp(c));
      return riccati(s, order, 0);
    case 'tanh':
      s[0] = Math.tanh(c);
      return riccati(s, order, 1);
  }
}

/** e^(c+t) = e^c · Σ tⁿ/n!. */
export function expSeries(c: number, order: number, s = new Float64Array(order + 1)): Float64Array {
  let v = Math.exp(c);
  for (let n = 0; n <= order; n++) { s[n] = v; v /= n + 1; }
  return s;
}

/**
 * Completes a series from s[0] by the coefficient recurrence of a Riccati equation:
 * sigmoid y' = y − y² gives (n+1)·s[n+1] = s[n] − Σᵢ s[i]·s[n−i];
 * tanh y' = 1 − y² gives (n+1)·s[n+1] = [n = 0] − Σᵢ s[i]·s[n−i].
 */
function riccati(s: Float64Array, order: number, tanhLike: 0 | 1): Float64Array {
  for (let n = 0; n < order; n++) {
    let conv = 0;
    for (let i = 0; i <= n; i++) conv += s[i] * s[n - i];
    const lin = tanhLike ? (n === 0 ? 1 : 0) : s[n];
    s[n + 1] = (lin - conv) / (n + 1);
  }
  return s;
}
