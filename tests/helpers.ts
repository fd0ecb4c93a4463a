// Shared test helpers: seeded random data and networks, the engine for a geometry, and the
// location of the SRNet data beside the checkout.
import { createEngine, type Geometry, type WasmEngine } from '../bindings/engine.js';
import { FUNCTIONS, weightsByCode } from '../src/cgp/functions.js';
import { Rng } from '../src/cgp/rng.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import { EqlensError } from '../src/errors.js';
import { Mlp, type Activation } from '../src/nn/mlp.js';

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


/** ../shared/data/srnet beside the checkout (tests only; the package never needs it). */
export const SRNET_DIR = fileURLToPath(new URL('../../shared/data/srnet/', import.meta.url));
export const haveShared = existsSync(SRNET_DIR);
/** `test` when the SRNet data are present, else a skip whose name says why. */
export const withShared = haveShared ? test : test.skip;
export const SKIP_NOTE = haveShared ? '' : ' [SKIPPED: ../shared/data/srnet not found beside the checkout]';

/** A seeded random network with the given sizes and one activation per layer. */
export function randomMlp(sizes: number[], acts: Activation[], seed: number, scale = 2): Mlp {
  const rng = new Rng(seed);
  return new Mlp(acts.map((activation, k) => ({
    inputs: sizes[k], outputs: sizes[k + 1], activation,
    weight: Float32Array.from({ length: sizes[k] * sizes[k + 1] }, () => (rng.uniform() - 0.5) * scale / Math.sqrt(sizes[k])),
    bias: Float32Array.from({ length: sizes[k + 1] }, () => rng.uniform() - 0.5),
  })));
}

/** Awaits `p` (or calls it) and checks it fails with an EqlensError of this code and message. */
export async function fails(p: Promise<unknown> | (() => unknown), code: string, message: RegExp): Promise<void> {
  let err: unknown;
  try { await (typeof p === 'function' ? p() : p); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(EqlensError);
  expect((err as EqlensError).code).toBe(code);
  expect((err as EqlensError).message).toMatch(message);
}
