// The network's forward pass on jets (float64): the Taylor polynomial of one output unit
// around a point, exact up to the order. This is forward-mode automatic differentiation of
// every mixed derivative up to `order` at once.
import type { DenseLayer, Mlp } from '../nn/mlp.js';
import { compose, multiply, variableJet, type Jet } from './jet.js';
import { activationSeries, expSeries } from './series.js';
import type { MonomialBasis } from './monomials.js';

export interface JetTarget {
  /** Output unit. */
  output: number;
  /** The output unit before its activation (a classifier's logit) instead of after it. */
  preActivation: boolean;
}

/**
 * Coefficients of f(x0 + t) = Σ_α c_α t^α for |α| ≤ basis.order, in the basis's monomial order.
 * @example
 * const basis = new MonomialBasis(mlp.inputs, 2);
 * const c = outputJet(mlp, basis, [1, 2], { output: 0, preActivation: false });
 * c[0]; // f(1, 2);  c[1] = ∂f/∂x0;  c[basis.indexOf([2, 0])] = ½·∂²f/∂x0²
 */
export function outputJet(mlp: Mlp, basis: MonomialBasis, x0: readonly number[], target: JetTarget): Jet {
  let h: Jet[] = x0.map((v, i) => variableJet(basis, i, v));
  const L = mlp.layers.length;
  for (let k = 0; k < L - 1; k++) {
    const layer = mlp.layers[k];
    // Hidden layers are never softmax (Mlp rejects that), so every unit is elementwise.
    h = dense(basis, layer, h).map((zj) => compose(basis, series(layer, zj[0], basis.order), zj));
  }
  const top = mlp.layers[L - 1];
  const z = dense(basis, top, h, target.output);
  const zu = z[target.output];
  if (target.preActivation) return zu;
  if (top.activation === 'softmax') return softmaxUnit(basis, z, target.output);
  return compose(basis, series(top, zu[0], basis.order), zu);
}

function series(l: DenseLayer, c: number, order: number): Float64Array {
  return activationSeries(l.activation as Exclude<DenseLayer['activation'], 'softmax'>, c, order);
}

/**
 * z = W·h + b on jets. On the last layer only unit `only` is needed — unless the layer is
 * softmax, whose every unit enters the normaliser — so the others are skipped.
 */
function dense(basis: MonomialBasis, l: DenseLayer, h: Jet[], only?: number): Jet[] {
  const z: Jet[] = [];
  for (let j = 0; j < l.outputs; j++) {
    const zj = new Float64Array(basis.size);
    if (only === undefined || j === only || l.activation === 'softmax') {
      zj[0] = l.bias[j];
      for (let i = 0; i < l.inputs; i++) {
        const w = l.weight[j * l.inputs + i];
        if (w === 0) continue;
        const hi = h[i];
        for (let m = 0; m < hi.length; m++) zj[m] += w * hi[m];
      }
    }
    z.push(zj);
  }
  return z;
}

/**
 * softmax(z)_u = e_u / Σ e_j with e_j = exp(z_j − max_j z_j(x0)); the shift cancels and keeps
 * exp from overflowing. The reciprocal of the sum S = s0 + q is Σ (−q)ⁿ / s0ⁿ⁺¹.
 */
function softmaxUnit(basis: MonomialBasis, z: Jet[], u: number): Jet {
  const shift = Math.max(...z.map((zj) => zj[0]));
  const sum = new Float64Array(basis.size);
  let eu: Jet | undefined;
  z.forEach((zj, j) => {
    const e = compose(basis, expSeries(zj[0] - shift, basis.order), zj);
    for (let m = 0; m < sum.length; m++) sum[m] += e[m];
    if (j === u) eu = e;
  });
  const s0 = sum[0];
  const recipSeries = Float64Array.from({ length: basis.order + 1 }, (_, n) => (n % 2 ? -1 : 1) / s0 ** (n + 1));
  // compose() expands around the constant term it is given: here 1/S around s0.
  return multiply(basis, eu!, compose(basis, recipSeries, sum));
}
