// Hand-built networks for the energy tests: a ReLU network whose logit is exactly a planted
// energy E₀ + Σh + ΣJ on one-hot inputs (x_ia·x_jb = relu(x_ia + x_jb − 1) for 0/1 entries).
import { Rng } from '../../../src/cgp/rng.js';
import { Mlp } from '../../../src/nn/mlp.js';

export interface Planted { q: number[]; E0: number; h: number[][]; couplings: { i: number; j: number; J: number[][] }[] }

export function randomPlanted(q: number[], pairs: [number, number][], seed: number): Planted {
  const rng = new Rng(seed);
  return {
    q, E0: rng.gaussian(),
    h: q.map((qi) => Array.from({ length: qi }, () => rng.gaussian())),
    couplings: pairs.map(([i, j]) => ({ i, j, J: Array.from({ length: q[i] }, () => Array.from({ length: q[j] }, () => rng.gaussian())) })),
  };
}

export function plantedEnergy(p: Planted, x: ArrayLike<number>): number {
  let e = p.E0;
  p.h.forEach((hi, i) => { e += hi[x[i]]; });
  for (const { i, j, J } of p.couplings) e += J[x[i]][x[j]];
  return e;
}

/** One hidden ReLU unit per field entry and per coupling entry; linear output with bias E₀. */
export function plantedNetwork(p: Planted, outputs = 1): Mlp {
  const offsets = [0];
  for (const v of p.q) offsets.push(offsets.at(-1)! + v);
  const d = offsets.at(-1)!;
  const rows: { w: Map<number, number>; b: number; out: number }[] = [];
  p.h.forEach((hi, i) => hi.forEach((v, a) => rows.push({ w: new Map([[offsets[i] + a, 1]]), b: 0, out: v })));
  for (const { i, j, J } of p.couplings) {
    J.forEach((row, a) => row.forEach((v, b) => rows.push({ w: new Map([[offsets[i] + a, 1], [offsets[j] + b, 1]]), b: -1, out: v })));
  }
  const H = rows.length;
  const w1 = new Float32Array(H * d);
  rows.forEach((r, u) => r.w.forEach((v, c) => { w1[u * d + c] = v; }));
  // Extra outputs (for the output option) are copies scaled by 2, 3, …
  const w2 = new Float32Array(outputs * H);
  for (let o = 0; o < outputs; o++) rows.forEach((r, u) => { w2[o * H + u] = (o + 1) * r.out; });
  return new Mlp([
    { inputs: d, outputs: H, activation: 'relu', weight: w1, bias: Float32Array.from(rows, (r) => r.b) },
    { inputs: H, outputs, activation: outputs > 1 ? 'softmax' : 'linear', weight: w2, bias: Float32Array.from({ length: outputs }, (_, o) => (o + 1) * p.E0) },
  ]);
}

export function oneHot(q: number[], x: ArrayLike<number>): number[] {
  const row: number[] = [];
  q.forEach((qi, i) => { for (let a = 0; a < qi; a++) row.push(x[i] === a ? 1 : 0); });
  return row;
}

export function randomStates(q: number[], n: number, seed: number): Int32Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Int32Array.from(q, (v) => rng.below(v)));
}
