// Keeping a data set inside the WASM memory budget: the fitness data live in WASM memory (f32
// columns padded to whole blocks, f64 target), so a data set beyond the budget is replaced by a
// seeded uniform subsample that fits, with a note saying so — never an out-of-memory crash.
import { Rng } from '../cgp/rng.js';

/** Evaluator block: columns are padded to a multiple of it. */
const BLOCK = 1024;
/** Room left for genomes, the hall of fame and scratch buffers. */
const RESERVE_BYTES = 32 * 2 ** 20;

/** Bytes the fitness data set of `rows` × `inputs` takes in WASM memory. */
export function datasetBytes(rows: number, inputs: number): number {
  const stride = Math.max(BLOCK, Math.ceil(rows / BLOCK) * BLOCK);
  return stride * (4 * inputs + 8);
}

/** The most rows that fit `limitBytes`. */
export function rowsWithin(limitBytes: number, inputs: number): number {
  const usable = Math.max(0, limitBytes - RESERVE_BYTES);
  return Math.max(0, Math.floor(usable / (4 * inputs + 8) / BLOCK) * BLOCK);
}

export interface RowBudget {
  columns: Float32Array[];
  y: Float64Array;
  rows: number;
  /** Set when the data were subsampled. */
  note?: string;
}

/** `keep` of `rows` row numbers, uniform without replacement, ascending: selection sampling (Knuth's algorithm S), seeded, O(rows). */
export function pickRows(rows: number, keep: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const picked = new Int32Array(Math.min(keep, rows));
  let need = picked.length, k = 0;
  for (let r = 0; r < rows && need > 0; r++) {
    if (rng.uniform() * (rows - r) < need) { picked[k++] = r; need--; }
  }
  return picked;
}

/** The data as given when they fit, else a seeded subsample (original order kept) that does. */
export function fitRowBudget(columns: Float32Array[], y: Float64Array, rows: number, limitMiB: number, seed: number): RowBudget {
  const limit = limitMiB * 2 ** 20;
  if (datasetBytes(rows, columns.length) + RESERVE_BYTES <= limit) return { columns, y, rows };
  const keep = rowsWithin(limit, columns.length);
  const picked = pickRows(rows, keep, seed ^ 0x5eed);
  return {
    columns: columns.map((c) => Float32Array.from(picked, (r) => c[r])),
    y: Float64Array.from(picked, (r) => y[r]),
    rows: keep,
    note: `the data (${rows} rows × ${columns.length} inputs, ${(datasetBytes(rows, columns.length) / 2 ** 20).toFixed(0)} MiB in WASM) exceed memoryLimitMiB = ${limitMiB}: the search used a seeded uniform subsample of ${keep} rows; raise memoryLimitMiB to use them all`,
  };
}
