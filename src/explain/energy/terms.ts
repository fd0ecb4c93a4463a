// The expansion's terms as plain arrays, and what can be done with them without the network:
// evaluate the truncated expansion, and change the gauge. A gauge change rewrites the same
// function (every prediction is unchanged); only the split between E₀, fields and couplings moves.
import type { Layout } from './layout.js';

export interface EnergyTerms {
  E0: number;
  /** h[i][a]. */
  h: Float64Array[];
  /** J[pairIndex(L, i, j)] for i < j: row-major q_i × q_j; null at order 1. */
  J: Float64Array[] | null;
}

/** Index of the pair i < j in the upper-triangle order (0,1), (0,2), …, (1,2), …. */
export const pairIndex = (L: number, i: number, j: number) => i * L - (i * (i + 1)) / 2 + (j - i - 1);

/** E₀ + Σ h_i(x_i) (+ Σ_{i<j} J_ij(x_i, x_j) at order 2). */
export function evaluateTerms(layout: Layout, t: EnergyTerms, x: ArrayLike<number>, order: 1 | 2): number {
  const { L, q } = layout;
  let e = t.E0;
  for (let i = 0; i < L; i++) e += t.h[i][x[i]];
  if (order === 2 && t.J) {
    let k = 0;
    for (let i = 0; i < L; i++) {
      for (let j = i + 1; j < L; j++, k++) e += t.J[k][x[i] * q[j] + x[j]];
    }
  }
  return e;
}

/**
 * Zero-sum gauge (METHODS §6, `·` = mean over that index):
 * J̃_ij(a,b) = J_ij(a,b) − J_ij(·,b) − J_ij(a,·) + J_ij(·,·);
 * h̃_i(a) = h_i(a) − h_i(·) + Σ_{j≠i}[J_ij(a,·) − J_ij(·,·)];  Ẽ₀ = E₀ + Σ_i h_i(·) + Σ_{i<j} J_ij(·,·).
 */
export function toZeroSum(layout: Layout, t: EnergyTerms): EnergyTerms {
  const { L, q } = layout;
  let E0 = t.E0;
  const h = t.h.map((hi) => {
    const m = mean(hi);
    E0 += m;
    return hi.map((v) => v - m);
  });
  if (!t.J) return { E0, h, J: null };
  const J: Float64Array[] = [];
  let k = 0;
  for (let i = 0; i < L; i++) {
    for (let j = i + 1; j < L; j++, k++) {
      const src = t.J[k], qi = q[i], qj = q[j];
      const row = new Float64Array(qi), col = new Float64Array(qj);
      let all = 0;
      for (let a = 0; a < qi; a++) for (let b = 0; b < qj; b++) { const v = src[a * qj + b]; row[a] += v; col[b] += v; all += v; }
      for (let a = 0; a < qi; a++) row[a] /= qj;
      for (let b = 0; b < qj; b++) col[b] /= qi;
      all /= qi * qj;
      const out = new Float64Array(qi * qj);
      for (let a = 0; a < qi; a++) for (let b = 0; b < qj; b++) out[a * qj + b] = src[a * qj + b] - row[a] - col[b] + all;
      J.push(out);
      for (let a = 0; a < qi; a++) h[i][a] += row[a] - all;
      for (let b = 0; b < qj; b++) h[j][b] += col[b] - all;
      E0 += all;
    }
  }
  return { E0, h, J };
}

/**
 * Reference gauge for the reference input r: the terms the reference-sequence differences of
 * METHODS §6 would give if the network were exactly this expansion —
 * h_i(a) = E(r_i←a) − E(r), J_ij(a,b) = E(r_i←a, r_j←b) − E(r_i←a) − E(r_j←b) + E(r), E₀ = E(r).
 */
export function toReferenceGauge(layout: Layout, t: EnergyTerms, r: ArrayLike<number>): EnergyTerms {
  const { L, q } = layout;
  const E0 = evaluateTerms(layout, t, r, t.J ? 2 : 1);
  const h = t.h.map((hi, i) => hi.map((v) => v - hi[r[i]]));
  if (!t.J) return { E0, h, J: null };
  const J: Float64Array[] = [];
  let k = 0;
  for (let i = 0; i < L; i++) {
    for (let j = i + 1; j < L; j++, k++) {
      const src = t.J[k], qi = q[i], qj = q[j], ri = r[i], rj = r[j];
      const out = new Float64Array(qi * qj);
      for (let a = 0; a < qi; a++) {
        for (let b = 0; b < qj; b++) out[a * qj + b] = src[a * qj + b] - src[a * qj + rj] - src[ri * qj + b] + src[ri * qj + rj];
      }
      J.push(out);
      for (let a = 0; a < qi; a++) h[i][a] += src[a * qj + rj] - src[ri * qj + rj];
      for (let b = 0; b < qj; b++) h[j][b] += src[ri * qj + b] - src[ri * qj + rj];
    }
  }
  return { E0, h, J };
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k];
  return s / v.length;
}

/** Frobenius norm of each pair's coupling matrix (pair order as in pairIndex). */
export function pairNorms(J: readonly Float64Array[]): Float64Array {
  return Float64Array.from(J, (m) => {
    let s = 0;
    for (let k = 0; k < m.length; k++) s += m[k] * m[k];
    return Math.sqrt(s);
  });
}
