// The terms by reference-sequence differences (METHODS §6): F at x⁰, at every single mutant and
// (order 2) at every double mutant, 1 + Σq_i + Σ_{i<j} q_i·q_j batched forward passes. The first
// layer is built relative to x⁰, so a mutant costs one or two weight-column gathers per hidden
// unit instead of a full one-hot matmul (bindings/one-hot.ts).
import { EqlensError } from '../../errors.js';
import type { DenseLayer } from '../../nn/mlp.js';
import { oneHotLogits, oneHotNetwork } from '../../nn/one-hot.js';
import type { Layout } from './layout.js';
import type { EnergyTerms } from './terms.js';

export interface Progress { done: number; total: number }

export async function referenceTerms(layers: readonly DenseLayer[], layout: Layout, reference: Int32Array, order: 1 | 2,
  hooks: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {}): Promise<{ terms: EnergyTerms; passes: number }> {
  const { L, q, offsets } = layout;
  const refCols = Array.from(reference, (a, i) => offsets[i] + a);
  const net = oneHotNetwork(layers, { columns: refCols, groupOf: layout.groupOf });
  // Every row adds two table columns; the reference's own column is zero in the table, so it
  // stands for "no change" and the f32 sums of a single and of a pair with one unchanged site agree exactly.
  const still = refCols[0];
  const width = offsets[L];
  const singles = new Int32Array(2 * (1 + width));
  singles[0] = still; singles[1] = still;
  for (let c = 0; c < width; c++) { singles[2 * (c + 1)] = c; singles[2 * (c + 1) + 1] = still; }
  const F1 = await oneHotLogits(net, singles, 2);
  const F0 = F1[0];
  const h = q.map((qi, i) => Float64Array.from({ length: qi }, (_, a) => F1[1 + offsets[i] + a] - F0));
  let passes = 1 + width;
  if (order === 1) return { terms: { E0: F0, h, J: null }, passes };

  const J: Float64Array[] = [];
  const total = L - 1;
  for (let i = 0; i < L - 1; i++) {
    if (hooks.signal?.aborted) throw new EqlensError('E_ABORTED', `energy expansion stopped at position ${i} of ${L}`);
    // All pairs (i, j > i) in one batch: rows (a, b) for each j.
    let rows = 0;
    for (let j = i + 1; j < L; j++) rows += q[i] * q[j];
    const idx = new Int32Array(2 * rows);
    let r = 0;
    for (let j = i + 1; j < L; j++) {
      for (let a = 0; a < q[i]; a++) {
        for (let b = 0; b < q[j]; b++, r++) { idx[2 * r] = offsets[i] + a; idx[2 * r + 1] = offsets[j] + b; }
      }
    }
    const F2 = await oneHotLogits(net, idx, 2);
    passes += rows;
    r = 0;
    for (let j = i + 1; j < L; j++) {
      const qi = q[i], qj = q[j], out = new Float64Array(qi * qj);
      for (let a = 0; a < qi; a++) {
        for (let b = 0; b < qj; b++, r++) out[a * qj + b] = F2[r] - F1[1 + offsets[i] + a] - F1[1 + offsets[j] + b] + F0;
      }
      J.push(out);
    }
    hooks.onProgress?.({ done: i + 1, total });
  }
  return { terms: { E0: F0, h, J }, passes };
}
