// The propagation rules of METHODS §5, one unit at a time. A relevant part β (due to the group) and
// an irrelevant part γ (due to everything else) pass through each layer with β + γ equal to the
// ordinary activation. Dense and ReLU follow the reference implementation (the `acd` package's
// cd_propagate.py: propagate_conv_linear, propagate_relu) so scores agree with it on ReLU networks.
import type { Activation } from '../../nn/mlp.js';
import { activate } from './network.js';

/**
 * Dense layers (in decompose.ts): r = Wβ, ir = Wγ, and the bias is shared in proportion to |r| and |ir|,
 * with this added to both (as the reference does) so a unit with r = ir = 0 splits its bias in half.
 */
export const STABILISER = 1e-20;

/**
 * Elementwise activation. ReLU: the reference rule β' = relu(β), γ' = relu(β+γ) − relu(β).
 * Every other activation: the symmetric two-part (Shapley-of-two) rule
 * β' = ½[a(β) − a(0) + a(β+γ) − a(γ)], γ' = a(β+γ) − β', so β' + γ' = a(β+γ) exactly; for a linear
 * unit it keeps β and γ as they are. Returns β' in out[0], γ' in out[1].
 */
export function splitActivation(a: Activation, beta: number, gamma: number, out: Float64Array): void {
  const both = beta + gamma;
  if (a === 'relu') {
    const rb = beta > 0 ? beta : 0;
    out[0] = rb;
    out[1] = (both > 0 ? both : 0) - rb;
    return;
  }
  if (a === 'linear' || a === 'softmax') { out[0] = beta; out[1] = gamma; return; }
  const aBoth = activate(a, both);
  const b = 0.5 * (activate(a, beta) - activate(a, 0) + aBoth - activate(a, gamma));
  out[0] = b;
  out[1] = aBoth - b;
}
