// The batched CD kernel: many inputs × many feature groups in one call, plain TypeScript in f64.
//
// Only β (the group's part) is propagated. Both rules keep β + γ equal to the ordinary value at
// every layer (the bias shares sum to one, the activation splits sum to a(β+γ)), so γ is always
// the ordinary pre-activation or activation minus β, and Wγ = (z − b) − Wβ. One ordinary forward
// pass per row then serves every group, and each dense layer costs one product per group instead
// of two. Per row the groups' β form a matrix, multiplied by Wᵀ in 4×2 register blocks.
// (bench/cd.ts measures this against the ≤ 2 s target; the README records why it is not WASM.)
import { STABILISER, splitActivation } from './propagate.js';
import { activate, type CdNetwork } from './network.js';

/** CD parts at the logits: index ((row · groups) + group) · outputs + output. */
export interface CdParts {
  rows: number;
  groups: number;
  outputs: number;
  /** β at the logits: the score of each group. */
  relevant: Float64Array;
  /** γ at the logits: everything else, including the rest of the biases. */
  irrelevant: Float64Array;
}

/** out[g·m + j] = Σ_i B[g·n + i] · W[j·n + i] for g < G, j < m (B: G × n, W: m × n, both row-major). */
export function multiplyTransposed(B: Float64Array, W: Float64Array, G: number, n: number, m: number, out: Float64Array): void {
  let g = 0;
  for (; g + 4 <= G; g += 4) {
    const b0 = g * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    let j = 0;
    for (; j + 2 <= m; j += 2) {
      const w0 = j * n, w1 = w0 + n;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let i = 0; i < n; i++) {
        const u = W[w0 + i], v = W[w1 + i];
        const x0 = B[b0 + i], x1 = B[b1 + i], x2 = B[b2 + i], x3 = B[b3 + i];
        s00 += x0 * u; s01 += x0 * v; s10 += x1 * u; s11 += x1 * v;
        s20 += x2 * u; s21 += x2 * v; s30 += x3 * u; s31 += x3 * v;
      }
      out[g * m + j] = s00; out[g * m + j + 1] = s01;
      out[(g + 1) * m + j] = s10; out[(g + 1) * m + j + 1] = s11;
      out[(g + 2) * m + j] = s20; out[(g + 2) * m + j + 1] = s21;
      out[(g + 3) * m + j] = s30; out[(g + 3) * m + j + 1] = s31;
    }
    for (; j < m; j++) {
      const w0 = j * n;
      for (let q = 0; q < 4; q++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += B[(g + q) * n + i] * W[w0 + i];
        out[(g + q) * m + j] = s;
      }
    }
  }
  for (; g < G; g++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += B[g * n + i] * W[j * n + i];
      out[g * m + j] = s;
    }
  }
}

/**
 * CD of every group for every row of X (row-major rows × inputs). Groups are lists of valid,
 * distinct feature indices (checked by the caller).
 */
export function decompose(net: CdNetwork, X: Float64Array, rows: number, groups: readonly Int32Array[]): CdParts {
  const d = net.inputs, K = net.outputs, G = groups.length, L = net.layers.length;
  const width = Math.max(...net.layers.map((l) => l.outputs));
  const relevant = new Float64Array(rows * G * K), irrelevant = new Float64Array(rows * G * K);
  let beta = new Float64Array(G * width), next = new Float64Array(G * width);
  const wx = new Float64Array(width); // W·h of the ordinary pass, without bias
  const pair = new Float64Array(2);
  const first = net.layers[0];
  let h = new Float64Array(Math.max(width, d)), hNext = new Float64Array(Math.max(width, d));
  for (let r = 0; r < rows; r++) {
    const xo = r * d;
    for (let i = 0; i < d; i++) h[i] = X[xo + i];
    for (let k = 0; k < L; k++) {
      const l = net.layers[k], n = l.inputs, m = l.outputs, W = l.weight, B = l.bias, last = k === L - 1;
      // The ordinary pass of this layer: W·h, and the next layer's h.
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += W[j * n + i] * h[i];
        wx[j] = s;
        hNext[j] = activate(l.activation, s + B[j]);
      }
      // r = Wβ for every group. At the input, β is x on the group and 0 elsewhere: sum its columns.
      if (k === 0) {
        for (let g = 0; g < G; g++) {
          const members = groups[g];
          for (let j = 0; j < m; j++) {
            let s = 0;
            for (let t = 0; t < members.length; t++) { const i = members[t]; s += first.weight[j * n + i] * X[xo + i]; }
            next[g * m + j] = s;
          }
        }
      } else multiplyTransposed(beta, W, G, n, m, next);
      // Bias share, then the activation split, in place over next.
      for (let g = 0; g < G; g++) {
        for (let j = 0; j < m; j++) {
          const at = g * m + j;
          const rel = next[at], irr = wx[j] - rel, b = B[j];
          const ar = Math.abs(rel) + STABILISER, ai = Math.abs(irr) + STABILISER, sum = ar + ai;
          const bRel = rel + b * (ar / sum), bIrr = irr + b * (ai / sum);
          if (last) {
            const o = (r * G + g) * K + j;
            relevant[o] = bRel; irrelevant[o] = bIrr;
          } else if (l.activation === 'relu') {
            next[at] = bRel > 0 ? bRel : 0;
          } else {
            splitActivation(l.activation, bRel, bIrr, pair);
            next[at] = pair[0];
          }
        }
      }
      [beta, next] = [next, beta];
      [h, hNext] = [hNext, h];
    }
  }
  return { rows, groups: G, outputs: K, relevant, irrelevant };
}
