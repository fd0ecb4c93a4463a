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
  /** Also count the hidden layers as the fitness does (the first exactly, later ones by their ceiling). */
  hidden: boolean;
}

export const DEFAULT_CEILING_START: CeilingStart = { generations: 500, rows: 1024, bin: 32, freeze: 500, hidden: false };

/**
 * What the ceiling is measured against: target columns with their weights in the fitness, and the
 * first column (`wholeFrom`) that is scored by one line over all rows rather than per bin.
 */
export interface CeilingTargets {
  columns: Float64Array[];
  weights: Float64Array;
  wholeFrom: number;
}

/**
 * The subsample (`rows` seeded rows of all the scored rows) and its targets, weighted as the
 * fitness weighs them: the output's units (1/width each; the output counts once), each later
 * hidden layer's units per bin, and the first hidden layer's units by one line over all rows
 * (1/((L − 1)·width) each: hidden layers share 1/(L − 1)). The first hidden layer is SRNet's
 * w·g₁ + b itself, so its loss is exactly known from g₁; every later layer reads only g₁, so
 * the best function of g₁ (per bin) bounds its loss from below. Hidden layers are left out
 * with `hidden: false` (the start then looks at the output alone).
 */
export function ceilingSubsample(data: SrnetSearchData, rows: number, seed: number, hidden: boolean)
  : { inputs: Float32Array[]; targets: CeilingTargets; rows: number } {
  const picked = pickRows(data.rows, rows, seed ^ 0xce111);
  const L = data.targets.length;
  const take = (c: Float32Array) => Float64Array.from(picked, (r) => c[r]);
  const columns: Float64Array[] = [], weights: number[] = [];
  const add = (layer: readonly Float32Array[], w: number) => layer.forEach((c) => { columns.push(take(c)); weights.push(w / layer.length); });
  add(data.targets[L - 1], 1);
  if (hidden) for (let i = L - 2; i >= 1; i--) add(data.targets[i], 1 / (L - 1));
  const wholeFrom = columns.length;
  if (hidden) add(data.targets[0], 1 / (L - 1));
  return {
    inputs: data.inputs.map((c) => Float32Array.from(picked, (r) => c[r])),
    targets: { columns, weights: Float64Array.from(weights), wholeFrom },
    rows: picked.length,
  };
}

/** Σ over `rows` of y's squared residual from its least-squares line on g. */
function lineResidual(g: Float32Array, y: Float64Array, rows: readonly number[]): number {
  const m = rows.length;
  const mg = rows.reduce((t, r) => t + g[r], 0) / m;
  const my = rows.reduce((t, r) => t + y[r], 0) / m;
  let sgg = 0, sgy = 0, syy = 0;
  for (const r of rows) { const a = g[r] - mg, b = y[r] - my; sgg += a * a; sgy += a * b; syy += b * b; }
  return sgg > 1e-12 * m * (mg * mg + 1e-30) ? Math.max(syy - sgy * sgy / sgg, 0) : syy;
}

/**
 * The ceiling loss of g, the twin of WASM ceilingLoss: rows sorted by g (ties by row number),
 * bins of `bin` consecutive rows, a least-squares line of each column on g per bin (one line over
 * all rows from `wholeFrom` on); Σ weight × mean squared residual. +Infinity when some g is not
 * finite.
 */
export function ceilingLossReference(g: Float32Array, targets: CeilingTargets, bin: number): number {
  const n = g.length;
  if (!g.every(Number.isFinite)) return Infinity;
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => g[a] - g[b] || a - b);
  const B = Math.max(bin, 2);
  let loss = 0;
  targets.columns.forEach((y, j) => {
    let sse = 0;
    if (j >= targets.wholeFrom) sse = lineResidual(g, y, order);
    else for (let s = 0; s < n; s += B) sse += lineResidual(g, y, order.slice(s, Math.min(n, s + B)));
    loss += targets.weights[j] * sse;
  });
  return loss / n;
}
