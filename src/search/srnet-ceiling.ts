// The ceiling start of SRNet (eqlens): before the MNNCGP-ES, chromosome 1 is searched alone for
// the g₁ from which the network's output can best be read, then frozen while the later
// chromosomes learn to read it. Every later SRNet layer sees only w·g₁ + b, so the SRNet's output
// is a function of g₁ alone: the best any later chromosomes can do is the best function of g₁,
// its one-dimensional ceiling. The layer-wise choice cannot see this (it keeps the g₁ that best
// follows the first hidden layer), nor can a layer move (it judges a new g₁ in a chain built for
// the old one). The search loop is WASM (assembly/srnet/srnet.ts srnetCeilingStart, loss in
// assembly/srnet/ceiling.ts); this file holds the subsample and the loss's TypeScript twin.
import { pickRows } from './row-budget.js';
import type { SrnetSearchData } from './srnet-search.js';

export interface CeilingStart {
  /** Generations of the (1+λ) ES on chromosome 1 alone (cheap: one chromosome, `rows` rows). */
  generations: number;
  /** Rows of the subsample the ceiling is measured on (training and validation rows alike). */
  rows: number;
  /** Rows per bin of the ceiling's piecewise-linear fit. */
  bin: number;
  /** Generations of the main search during which chromosome 1 stays the start's. */
  freeze: number;
}

export const DEFAULT_CEILING_START: CeilingStart = { generations: 500, rows: 1024, bin: 32, freeze: 500 };

/** The subsample: input columns and output target columns (f64) of `rows` seeded rows of all the scored rows. */
export function ceilingSubsample(data: SrnetSearchData, rows: number, seed: number)
  : { inputs: Float32Array[]; targets: Float64Array[]; rows: number } {
  const picked = pickRows(data.rows, rows, seed ^ 0xce111);
  const out = data.targets[data.targets.length - 1];
  return {
    inputs: data.inputs.map((c) => Float32Array.from(picked, (r) => c[r])),
    targets: out.map((c) => Float64Array.from(picked, (r) => c[r])),
    rows: picked.length,
  };
}

/**
 * The ceiling loss of g, the twin of WASM ceilingLoss: rows sorted by g (ties by row number),
 * bins of `bin` consecutive rows, a least-squares line of each target on g per bin; the mean
 * squared residual over rows and targets. +Infinity when some g is not finite.
 */
export function ceilingLossReference(g: Float32Array, targets: readonly Float64Array[], bin: number): number {
  const n = g.length;
  if (!g.every(Number.isFinite)) return Infinity;
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => g[a] - g[b] || a - b);
  const B = Math.max(bin, 2);
  let sse = 0;
  for (let s = 0; s < n; s += B) {
    const rows = order.slice(s, Math.min(n, s + B));
    const m = rows.length;
    const mg = rows.reduce((t, r) => t + g[r], 0) / m;
    for (const y of targets) {
      const my = rows.reduce((t, r) => t + y[r], 0) / m;
      let sgg = 0, sgy = 0, syy = 0;
      for (const r of rows) { const a = g[r] - mg, b = y[r] - my; sgg += a * a; sgy += a * b; syy += b * b; }
      sse += sgg > 1e-12 * m * (mg * mg + 1e-30) ? Math.max(syy - sgy * sgy / sgg, 0) : syy;
    }
  }
  return sse / (n * targets.length);
}
