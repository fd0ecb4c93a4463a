// Checkpoints of a running (1+λ) search: everything the ES needs to continue exactly where it
// stopped — the parent and the hall of fame (raw WASM slots), the RNG state, the generation
// counters and the restart bookkeeping. Written atomically (a temporary file, then rename), so
// a crash while writing never leaves a half-written checkpoint. Node only.
import type { WasmEngine } from '../../bindings/engine.js';
import { EqlensError } from '../errors.js';
import { VERSION } from '../version.js';

export const CHECKPOINT_FORMAT = 'eqlens-checkpoint-v1';

/** What a checkpoint must match to be resumed: the search it belongs to. */
export interface CheckpointKey {
  /** Options that shape the search (geometry, functions, λ, rate, seed, …) as canonical JSON. */
  options: string;
  /** Fingerprint of X and y. */
  data: string;
}

/** The driver's own state between chunks of generations. */
export interface LoopState {
  generation: number;
  lastImprovement: number;
  runBest: number;
  bestLoss: number;
}

const toBase64 = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');

function slotPointers(engine: WasmEngine): number[] {
  const raw = engine.raw;
  return [raw.parentSlot(), ...Array.from({ length: raw.maxComplexity() }, (_, c) => raw.hofSlot(c))];
}

/** One ES's complete state, as plain data (structured-clone safe: islands send it from workers). */
export interface EsState extends LoopState {
  slotBytes: number;
  evaluations: number;
  esGenerations: number;
  rng: number[];
  /** The parent slot, then MAX_COMPLEXITY hall-of-fame slots, raw. */
  slots: Uint8Array;
}

/** Reads the ES state out of the engine (parent, hall of fame, RNG, counters). */
export function captureEsState(engine: WasmEngine, loop: LoopState): EsState {
  const bytes = engine.slotBytes;
  const ptrs = slotPointers(engine);
  const slots = new Uint8Array(bytes * ptrs.length);
  const u8 = engine.u8;
  ptrs.forEach((p, i) => slots.set(u8.subarray(p, p + bytes), i * bytes));
  return { ...loop, slotBytes: bytes, evaluations: engine.raw.esEvaluations(), esGenerations: engine.raw.esGenerations(), rng: engine.rngState(), slots };
}

/** Writes a captured state back into an engine (after esInit); returns the loop state. */
export function restoreEsState(engine: WasmEngine, state: EsState, where: string): LoopState {
  const bad = (why: string) => new EqlensError('E_CHECKPOINT', `${where}: ${why}`);
  const ptrs = slotPointers(engine);
  const bytes = engine.slotBytes;
  if (state.slotBytes !== bytes || state.slots.length !== bytes * ptrs.length) throw bad('its genome slots do not fit this geometry');
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (![state.generation, state.lastImprovement, state.evaluations, state.esGenerations].every(ok) || !Array.isArray(state.rng) || state.rng.length !== 4) {
    throw bad('its counters or RNG state are malformed');
  }
  const u8 = engine.u8;
  ptrs.forEach((p, i) => u8.set(state.slots.subarray(i * bytes, (i + 1) * bytes), p));
  engine.setRngState(state.rng);
  engine.raw.esSetCounters(state.evaluations, state.esGenerations);
  const unbig = (v: number) => (typeof v !== 'number' || v >= 1e308 ? Infinity : v);
  return { generation: state.generation, lastImprovement: state.lastImprovement, runBest: unbig(state.runBest), bestLoss: unbig(state.bestLoss) };
}

/** An EsState as JSON (slots in base64, infinities as 1e308). */
export function esStateToJson(s: EsState): Record<string, unknown> {
  const fin = (v: number) => (Number.isFinite(v) ? v : 1e308);
  return { ...s, runBest: fin(s.runBest), bestLoss: fin(s.bestLoss), slots: toBase64(s.slots) };
}
export function esStateFromJson(j: Record<string, unknown>): EsState {
  return { ...(j as unknown as EsState), slots: new Uint8Array(Buffer.from(String(j.slots), 'base64')) };
}

/** Writes `doc` as JSON to `file` atomically (temporary file, then rename). */
export async function writeAtomically(file: string, doc: unknown): Promise<void> {
  const { writeFile, rename } = await import('node:fs/promises');
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(doc));
    await rename(tmp, file);
  } catch (e) {
    throw new EqlensError('E_IO', `cannot write checkpoint ${file}: ${(e as Error).message}`);
  }
}

/** Reads a checkpoint file and checks format, version and that it belongs to this search. */
export async function readCheckpointFile(file: string, key: CheckpointKey): Promise<Record<string, unknown>> {
  const { readFile } = await import('node:fs/promises');
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read checkpoint ${file}: ${(e as Error).message}`);
  }
  const bad = (why: string) => new EqlensError('E_CHECKPOINT', `checkpoint ${file}: ${why}`);
  if (!doc || typeof doc !== 'object' || doc.format !== CHECKPOINT_FORMAT) throw bad(`not an ${CHECKPOINT_FORMAT} file`);
  if (doc.eqlens !== VERSION) throw bad(`written by eqlens ${String(doc.eqlens)}, this is ${VERSION}: resume with the same version`);
  const k = doc.key as CheckpointKey | undefined;
  if (!k || k.data !== key.data) throw bad('made from different data (X or y differ)');
  if (k.options !== key.options) throw bad(`made with different search options: ${k.options} here ${key.options}`);
  return doc;
}

/** Serialises the engine's ES state and the loop state; writes `file` atomically. */
export async function saveCheckpoint(file: string, engine: WasmEngine, key: CheckpointKey, loop: LoopState): Promise<void> {
  await writeAtomically(file, { format: CHECKPOINT_FORMAT, eqlens: VERSION, key, threads: 1, es: esStateToJson(captureEsState(engine, loop)), savedAt: new Date().toISOString() });
}

/**
 * Reads `file`, checks that it belongs to this search, and writes its state into the engine
 * (after esInit). Returns the loop state to continue from.
 */
export async function restoreCheckpoint(file: string, engine: WasmEngine, key: CheckpointKey): Promise<LoopState> {
  const doc = await readCheckpointFile(file, key);
  if (doc.threads !== 1 || !doc.es) throw new EqlensError('E_CHECKPOINT', `checkpoint ${file}: written by a search with ${String(doc.threads)} threads; resume it with threads: ${String(doc.threads)}`);
  return restoreEsState(engine, esStateFromJson(doc.es as Record<string, unknown>), `checkpoint ${file}`);
}
