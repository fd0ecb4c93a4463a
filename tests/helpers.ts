// Shared test helpers: a seeded random data set and the engine for a given geometry.
import { createEngine, type Geometry, type WasmEngine } from '../bindings/engine.js';
import { FUNCTIONS, weightsByCode } from '../src/cgp/functions.js';
import { Rng } from '../src/cgp/rng.js';

export const ALL_CODES = FUNCTIONS.map((f) => f.code);

export function randomColumns(inputs: number, rows: number, seed: number, lo = -3, hi = 3): Float32Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: inputs }, () => Float32Array.from({ length: rows }, () => lo + (hi - lo) * rng.uniform()));
}

export async function engineFor(g: Geometry, codes = ALL_CODES): Promise<WasmEngine> {
  const engine = await createEngine();
  engine.setGeometry(g, codes, weightsByCode());
  return engine;
}

/** Relative agreement used when comparing the SIMD approximations with Math.*. */
export function agrees(w: number, r: number, tol: number): boolean {
  if (Number.isNaN(r)) return Number.isNaN(w);
  if (!Number.isFinite(r)) return w === r;
  return Math.abs(w - r) <= tol * Math.max(1, Math.abs(r));
}
