// Seeded samplers of input points for querying a network as an oracle: uniform in a box, in
// a box enlarged around its centre (extrapolation), from data, and near a classifier's
// decision boundary.
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';

/** Per-input [lo, hi] ranges. */
export type Box = readonly (readonly [number, number])[];

function checkBox(box: Box): void {
  if (!Array.isArray(box) || box.length === 0) throw new EqlensError('E_OPTION', 'box: expected a non-empty list of [lo, hi] ranges');
  box.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[0] <= r[1])) {
      throw new EqlensError('E_OPTION', `box[${i}]: expected [lo, hi] with finite lo ≤ hi, got ${JSON.stringify(r)}`);
    }
  });
}
function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new EqlensError('E_OPTION', `samples: expected a positive integer, got ${n}`);
}

/** n points uniform in the box. */
export function sampleBox(box: Box, n: number, seed = 0): number[][] {
  checkBox(box); checkCount(n);
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => box.map(([lo, hi]) => lo + (hi - lo) * rng.uniform()));
}

/** The box scaled by `factor` about its centre (factor 1.5 = half as wide again on each side in total). */
export function enlargeBox(box: Box, factor: number): [number, number][] {
  checkBox(box);
  if (!(factor >= 1)) throw new EqlensError('E_OPTION', `factor: expected ≥ 1, got ${factor}`);
  return box.map(([lo, hi]) => {
    const c = (lo + hi) / 2, h = ((hi - lo) / 2) * factor;
    return [c - h, c + h];
  });
}

/** n points uniform in the enlarged box but outside the original one (pure extrapolation). */
export function sampleExtrapolation(box: Box, factor: number, n: number, seed = 0): number[][] {
  const big = enlargeBox(box, factor);
  checkCount(n);
  if (factor === 1) throw new EqlensError('E_OPTION', 'factor: must be > 1 to have points outside the box');
  const rng = new Rng(seed);
  const out: number[][] = [];
  while (out.length < n) {
    const x = big.map(([lo, hi]) => lo + (hi - lo) * rng.uniform());
    if (x.some((v, i) => v < box[i][0] || v > box[i][1])) out.push(x);
  }
  return out;
}

/** n rows drawn from data with replacement. */
export function sampleRows(rows: readonly (readonly number[])[], n: number, seed = 0): number[][] {
  checkCount(n);
  if (!rows.length) throw new EqlensError('E_DATA_EMPTY', 'sampleRows: no rows to draw from');
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => [...rows[rng.below(rows.length)]]);
}

/**
 * n points of the box whose probability p(x) lies in `band` (default [1e-4, 0.9999], METHODS §4):
 * candidates are drawn in batches and scored by `probability` until enough are kept.
 */
export async function sampleBoundary(box: Box, n: number, probability: (X: number[][]) => Promise<ArrayLike<number>>,
  options: { band?: [number, number]; seed?: number; maxDraws?: number } = {}): Promise<number[][]> {
  checkBox(box); checkCount(n);
  const [lo, hi] = options.band ?? [1e-4, 0.9999];
  const maxDraws = options.maxDraws ?? 1000 * n;
  const rng = new Rng(options.seed ?? 0);
  const kept: number[][] = [];
  let drawn = 0;
  while (kept.length < n && drawn < maxDraws) {
    const batch = Array.from({ length: Math.min(4096, maxDraws - drawn) }, () => box.map(([a, b]) => a + (b - a) * rng.uniform()));
    drawn += batch.length;
    const p = await probability(batch);
    batch.forEach((x, i) => { if (kept.length < n && p[i] > lo && p[i] < hi) kept.push(x); });
  }
  if (kept.length < n) {
    throw new EqlensError('E_DATA_EMPTY', `sampleBoundary: only ${kept.length} of ${n} points fell in the band (${lo}, ${hi}) after ${drawn} draws`);
  }
  return kept;
}
