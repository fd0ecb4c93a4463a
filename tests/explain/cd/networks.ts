// Networks with known structure for the CD tests: exactly additive ones, and additive plus one
// pairwise interaction.
import { Rng } from '../../../src/cgp/rng.js';
import { Mlp, type Activation, type DenseLayer } from '../../../src/nn/mlp.js';

/**
 * f(x) = Σᵢ aᵢ·g(wᵢ xᵢ) through `units` hidden units per feature (block-diagonal, no biases), and
 * optionally c·[e(x_p + x_q) − e(x_p − x_q)] with e(z) = act(z) + act(−z) (relu or elu), a
 * product-like interaction of features p and q (for elu ≈ 2c·x_p·x_q near 0). No bias anywhere.
 */
export function additiveMlp(d: number, activation: Activation, seed: number, pair?: { p: number; q: number; c: number }, units = 2): Mlp {
  const rng = new Rng(seed);
  const hidden = d * units + (pair ? 4 : 0);
  const w1 = new Float32Array(hidden * d), w2 = new Float32Array(hidden);
  for (let i = 0; i < d; i++) {
    for (let u = 0; u < units; u++) {
      const j = i * units + u;
      w1[j * d + i] = (rng.uniform() - 0.5) * 3;
      w2[j] = (rng.uniform() - 0.5) * 3;
    }
  }
  const layers: DenseLayer[] = [
    { inputs: d, outputs: hidden, weight: w1, bias: new Float32Array(hidden), activation },
    { inputs: hidden, outputs: 1, weight: w2, bias: new Float32Array(1), activation: 'linear' },
  ];
  if (!pair) return new Mlp(layers);
  // Four units act(±(x_p + x_q)), act(±(x_p − x_q)): e(z) = act(z) + act(−z) is even for relu
  // (|z|) and elu (≈ z²), so e(x_p + x_q) − e(x_p − x_q) depends on the pair, not on either alone.
  const base = d * units;
  const set = (unit: number, sp: number, sq: number, out: number) => { w1[(base + unit) * d + pair.p] = sp; w1[(base + unit) * d + pair.q] = sq; w2[base + unit] = out * pair.c; };
  set(0, 1, 1, 1); set(1, -1, -1, 1); set(2, 1, -1, -1); set(3, -1, 1, -1);
  return new Mlp(layers);
}

export const ELEMENTWISE: Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'elu'];
