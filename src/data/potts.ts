// Potts-model sequences with planted fields and couplings (METHODS §6): the natural test of the
// energy expansion. P(x) ∝ exp(F(x)), F(x) = Σ_i h_i(x_i) + Σ_{i<j} J_ij(x_i, x_j), sampled by
// single-site Metropolis with a seeded RNG.
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';

export interface PottsModel {
  L: number;
  q: number;
  /** h[i·q + a] */
  h: Float64Array;
  /** J[((i·L + j)·q + a)·q + b], symmetric (J_ij(a,b) = J_ji(b,a)), zero for i = j. */
  J: Float64Array;
  /** The planted pairs (i < j). */
  pairs: [number, number][];
}

const jIndex = (m: { L: number; q: number }, i: number, j: number, a: number, b: number) => ((i * m.L + j) * m.q + a) * m.q + b;

/** A random model: Gaussian fields, and Gaussian couplings on `pairs` random position pairs. */
export function randomPotts(options: { L: number; q: number; pairs?: number; fieldScale?: number; couplingScale?: number; seed?: number }): PottsModel {
  const { L, q } = options;
  if (!Number.isInteger(L) || L < 2) throw new EqlensError('E_OPTION', `L: expected an integer ≥ 2, got ${L}`);
  if (!Number.isInteger(q) || q < 2) throw new EqlensError('E_OPTION', `q: expected an integer ≥ 2, got ${q}`);
  const nPairs = options.pairs ?? L;
  if (!Number.isInteger(nPairs) || nPairs < 0 || nPairs > (L * (L - 1)) / 2) throw new EqlensError('E_OPTION', `pairs: expected 0..${(L * (L - 1)) / 2}, got ${nPairs}`);
  const rng = new Rng(options.seed ?? 0);
  const fs = options.fieldScale ?? 0.5, cs = options.couplingScale ?? 1;
  const h = Float64Array.from({ length: L * q }, () => fs * rng.gaussian());
  const J = new Float64Array(L * L * q * q);
  const all: [number, number][] = [];
  for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++) all.push([i, j]);
  for (let k = all.length - 1; k > 0; k--) { const r = rng.below(k + 1); [all[k], all[r]] = [all[r], all[k]]; }
  const pairs = all.slice(0, nPairs).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const model = { L, q, h, J, pairs };
  for (const [i, j] of pairs) {
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) {
      const v = cs * rng.gaussian();
      J[jIndex(model, i, j, a, b)] = v;
      J[jIndex(model, j, i, b, a)] = v;
    }
  }
  return model;
}

/** F(x) of one sequence of state indices. */
export function pottsEnergy(m: PottsModel, x: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < m.L; i++) {
    e += m.h[i * m.q + x[i]];
    for (let j = i + 1; j < m.L; j++) e += m.J[jIndex(m, i, j, x[i], x[j])];
  }
  return e;
}

/**
 * n sequences by single-site Metropolis: `burnIn` sweeps first, then `thin` sweeps between
 * samples (a sweep is L proposals).
 */
export function samplePotts(m: PottsModel, n: number, options: { seed?: number; burnIn?: number; thin?: number } = {}): Int32Array[] {
  if (!Number.isInteger(n) || n < 1) throw new EqlensError('E_OPTION', `samples: expected a positive integer, got ${n}`);
  const rng = new Rng(options.seed ?? 0);
  const burnIn = options.burnIn ?? 200, thin = options.thin ?? 5;
  const x = Int32Array.from({ length: m.L }, () => rng.below(m.q));
  const sweep = () => {
    for (let s = 0; s < m.L; s++) {
      const i = rng.below(m.L);
      const a = x[i];
      let b = rng.below(m.q - 1);
      if (b >= a) b++;
      // ΔF of changing site i from a to b.
      let d = m.h[i * m.q + b] - m.h[i * m.q + a];
      for (let j = 0; j < m.L; j++) {
        if (j !== i) d += m.J[jIndex(m, i, j, b, x[j])] - m.J[jIndex(m, i, j, a, x[j])];
      }
      if (d >= 0 || rng.uniform() < Math.exp(d)) x[i] = b;
    }
  };
  for (let k = 0; k < burnIn; k++) sweep();
  const out: Int32Array[] = [];
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < thin; t++) sweep();
    out.push(Int32Array.from(x));
  }
  return out;
}

/** Sequences of symbols → state indices; an unknown symbol names the sequence and position. */
export function encodeSequences(seqs: readonly string[], alphabet: string): Int32Array[] {
  const index = new Map([...alphabet].map((c, i) => [c, i]));
  if (index.size !== alphabet.length) throw new EqlensError('E_OPTION', `alphabet "${alphabet}" repeats a symbol`);
  const L = seqs[0]?.length ?? 0;
  return seqs.map((s, r) => {
    if (s.length !== L) throw new EqlensError('E_DATA_SHAPE', `sequence ${r} has length ${s.length}, sequence 0 has ${L}`);
    return Int32Array.from(s, (c, i) => {
      const v = index.get(c);
      if (v === undefined) throw new EqlensError('E_DATA_VALUE', `sequence ${r}, position ${i}: "${c}" is not in the alphabet "${alphabet}"`);
      return v;
    });
  });
}

/** One-hot rows of length L·q (position-major: column i·q + a). */
export function oneHotSequences(seqs: readonly ArrayLike<number>[], q: number): number[][] {
  return seqs.map((x) => {
    const row = new Array<number>(x.length * q).fill(0);
    for (let i = 0; i < x.length; i++) row[i * q + x[i]] = 1;
    return row;
  });
}

/** The same one-hot rows as one flat row-major f32 matrix (4 bytes a cell, for large sets). */
export function oneHotMatrix(seqs: readonly ArrayLike<number>[], q: number): { data: Float32Array; shape: [number, number] } {
  const L = seqs[0]?.length ?? 0, d = L * q;
  const data = new Float32Array(seqs.length * d);
  seqs.forEach((x, r) => { for (let i = 0; i < L; i++) data[r * d + i * q + x[i]] = 1; });
  return { data, shape: [seqs.length, d] };
}
