// The terms from derivatives of the logit with respect to the one-hot entries at the uniform
// point σ_i = 1/q_i (METHODS §6, the alternative to reference differences).
//
// The second derivatives are exact, not finite differences: an MLP is linear between its
// elementwise activations, so its Hessian is a sum over hidden units of rank-one terms,
//   ∂²F/∂x∂x = Σ_k Σ_u (∂F/∂a_ku) · φ_k''(z_ku) · ∇z_ku ∇z_kuᵀ,
// with ∇z_k = W_k diag(φ'_{k−1}) ∇z_{k−1} (∇z_1 = W_1) computed forward and ∂F/∂a by
// backpropagation. This costs Σ_k units_k · d² multiply-adds in f64 (d = Σ q_i): about 0.3 s for
// a 1050-128-1 network, cheaper and more accurate than d forward-over-gradient passes.
import type { Activation, DenseLayer } from '../../nn/mlp.js';
import type { Layout } from './layout.js';
import type { EnergyTerms } from './terms.js';

/** φ, φ', φ'' of an elementwise activation at z. */
function phi(a: Activation, z: number): [number, number, number] {
  switch (a) {
    case 'linear': return [z, 1, 0];
    case 'relu': return z > 0 ? [z, 1, 0] : [0, 0, 0];
    case 'sigmoid': { const s = 1 / (1 + Math.exp(-z)); return [s, s * (1 - s), s * (1 - s) * (1 - 2 * s)]; }
    case 'tanh': { const t = Math.tanh(z); return [t, 1 - t * t, -2 * t * (1 - t * t)]; }
    case 'elu': return z > 0 ? [z, 1, 0] : [Math.exp(z) - 1, Math.exp(z), Math.exp(z)];
    default: throw new Error(`activation ${a} has no elementwise derivatives`);
  }
}

/** F, ∇F and (when `hessian`) the d × d Hessian (row-major) of the logit network at x. */
export function logitDerivatives(layers: readonly DenseLayer[], x: Float64Array, hessian: boolean): { F: number; g: Float64Array; H: Float64Array | null } {
  const d = x.length, K = layers.length;
  // Forward: activations, φ', φ'' and (for the Hessian) ∇z of every hidden unit.
  const dphi: Float64Array[] = [], ddphi: Float64Array[] = [], grads: Float64Array[][] = [];
  let a = x;
  let G: Float64Array[] | null = null; // ∇(post-activation) of the previous layer's units, one d-vector each
  for (let k = 0; k < K; k++) {
    const l = layers[k];
    const z = new Float64Array(l.outputs);
    for (let u = 0; u < l.outputs; u++) {
      let s = l.bias[u];
      for (let i = 0; i < l.inputs; i++) s += l.weight[u * l.inputs + i] * a[i];
      z[u] = s;
    }
    if (k === K - 1) return backward(layers, dphi, ddphi, grads, z[0], d, hessian);
    const post = new Float64Array(l.outputs), d1 = new Float64Array(l.outputs), d2 = new Float64Array(l.outputs);
    for (let u = 0; u < l.outputs; u++) [post[u], d1[u], d2[u]] = phi(l.activation, z[u]);
    dphi.push(d1); ddphi.push(d2);
    if (hessian) {
      const gz = Array.from({ length: l.outputs }, (_, u) => {
        const v = new Float64Array(d);
        if (!G) { for (let i = 0; i < d; i++) v[i] = l.weight[u * l.inputs + i]; return v; }
        for (let i = 0; i < l.inputs; i++) {
          const w = l.weight[u * l.inputs + i];
          if (w === 0) continue;
          const gi = G[i];
          for (let c = 0; c < d; c++) v[c] += w * gi[c];
        }
        return v;
      });
      grads.push(gz);
      G = gz.map((v, u) => v.map((e) => e * d1[u]));
    }
    a = post;
  }
  throw new Error('unreachable');
}

function backward(layers: readonly DenseLayer[], dphi: Float64Array[], ddphi: Float64Array[], grads: Float64Array[][],
  F: number, d: number, hessian: boolean) {
  const K = layers.length;
  // δa = ∂F/∂(post-activation) of layer k's units, from the top.
  let da = Float64Array.from(layers[K - 1].weight);
  const H = hessian ? new Float64Array(d * d) : null;
  let g = new Float64Array(0);
  for (let k = K - 2; k >= 0; k--) {
    const l = layers[k];
    if (H) {
      // Upper triangle only; mirrored below.
      for (let u = 0; u < l.outputs; u++) {
        const c = da[u] * ddphi[k][u];
        if (c === 0) continue;
        const v = grads[k][u];
        for (let r = 0; r < d; r++) {
          const cr = c * v[r];
          if (cr === 0) continue;
          const row = r * d;
          for (let s = r; s < d; s++) H[row + s] += cr * v[s];
        }
      }
    }
    const dz = da.map((v, u) => v * dphi[k][u]);
    const below = new Float64Array(l.inputs);
    for (let u = 0; u < l.outputs; u++) {
      if (dz[u] === 0) continue;
      for (let i = 0; i < l.inputs; i++) below[i] += l.weight[u * l.inputs + i] * dz[u];
    }
    da = below;
    if (k === 0) g = below;
  }
  if (K === 1) g = Float64Array.from(layers[0].weight);
  if (H) for (let r = 0; r < d; r++) for (let s = r + 1; s < d; s++) H[s * d + r] = H[r * d + s];
  return { F, g, H };
}

/**
 * Terms from the second-order Taylor polynomial at σ, rewritten on one-hot inputs (x_ia·x_ib =
 * δ_ab·x_ia within a position): h_i(a) = g_ia − (Hσ)_ia + ½H_{ia,ia}, J_ij(a,b) = H_{ia,jb},
 * E₀ = F(σ) − gᵀσ + ½σᵀHσ. At order 1: h_i(a) = g_ia, E₀ = F(σ) − gᵀσ.
 */
export function autodiffTerms(layers: readonly DenseLayer[], layout: Layout, order: 1 | 2): { terms: EnergyTerms; passes: number } {
  const { L, q, offsets } = layout;
  const d = offsets[L];
  const sigma = Float64Array.from({ length: d }, (_, c) => 1 / q[layout.groupOf[c]]);
  const { F, g, H } = logitDerivatives(layers, sigma, order === 2);
  let E0 = F;
  for (let c = 0; c < d; c++) E0 -= g[c] * sigma[c];
  const h = q.map((qi, i) => Float64Array.from({ length: qi }, (_, a) => g[offsets[i] + a]));
  if (!H) return { terms: { E0, h, J: null }, passes: 1 };
  for (let r = 0; r < d; r++) {
    let hs = 0;
    for (let s = 0; s < d; s++) hs += H[r * d + s] * sigma[s];
    const i = layout.groupOf[r];
    h[i][r - offsets[i]] += -hs + 0.5 * H[r * d + r];
    E0 += 0.5 * sigma[r] * hs;
  }
  const J: Float64Array[] = [];
  for (let i = 0; i < L; i++) {
    for (let j = i + 1; j < L; j++) {
      const out = new Float64Array(q[i] * q[j]);
      for (let a = 0; a < q[i]; a++) for (let b = 0; b < q[j]; b++) out[a * q[j] + b] = H[(offsets[i] + a) * d + offsets[j] + b];
      J.push(out);
    }
  }
  return { terms: { E0, h, J }, passes: 1 };
}
