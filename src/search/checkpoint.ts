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

interface CheckpointFile extends LoopState {
  format: string;
  eqlens: string;
  key: CheckpointKey;
  slotBytes: number;
  evaluations: number;
  esGenerations: number;
  rng: number[];
  /** The parent slot, then MAX_COMPLEXITY hall-of-fame slots, base64. */
  slots: string;
  savedAt: string;
}

const toBase64 = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');

function slotPointers(engine: WasmEngine): number[] {
  const raw = engine.raw;
  return [raw.parentSlot(), ...Array.from({ length: raw.maxComplexity() }, (_, c) => raw.hofSlot(c))];
}

/** Serialises the engine's ES state and the loop state; writes `file` atomically. */
export async function saveCheckpoint(file: string, engine: WasmEngine, key: CheckpointKey, loop: LoopState): Promise<void> {
  const { writeFile, rename } = await import('node:fs/promises');
  const bytes = engine.slotBytes;
  const ptrs = slotPointers(engine);
  const all = new Uint8Array(bytes * ptrs.length);
  const u8 = engine.u8;
  ptrs.forEach((p, i) => all.set(u8.subarray(p, p + bytes), i * bytes));
  const doc: CheckpointFile = {
    format: CHECKPOINT_FORMAT, eqlens: VERSION, key, slotBytes: bytes,
    evaluations: engine.raw.esEvaluations(), esGenerations: engine.raw.esGenerations(), rng: engine.rngState(),
    ...loop, runBest: Number.isFinite(loop.runBest) ? loop.runBest : 1e308, bestLoss: Number.isFinite(loop.bestLoss) ? loop.bestLoss : 1e308,
    slots: toBase64(all), savedAt: new Date().toISOString(),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(doc));
    await rename(tmp, file);
  } catch (e) {
    throw new EqlensError('E_IO', `cannot write checkpoint ${file}: ${(e as Error).message}`);
  }
}

/**
 * Reads `file`, checks that it belongs to this search, and writes its state into the engine
 * (after esInit). Returns the loop state to continue from.
 */
export async function restoreCheckpoint(file: string, engine: WasmEngine, key: CheckpointKey): Promise<LoopState> {
  const { readFile } = await import('node:fs/promises');
  let doc: CheckpointFile;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as CheckpointFile;
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read checkpoint ${file}: ${(e as Error).message}`);
  }
  const bad = (why: string) => new EqlensError('E_CHECKPOINT', `checkpoint ${file}: ${why}`);
  if (!doc || typeof doc !== 'object' || doc.format !== CHECKPOINT_FORMAT) throw bad(`not an ${CHECKPOINT_FORMAT} file`);
  if (doc.eqlens !== VERSION) throw bad(`written by eqlens ${String(doc.eqlens)}, this is ${VERSION}: resume with the same version`);
  if (!doc.key || doc.key.data !== key.data) throw bad('made from different data (X or y differ)');
  if (doc.key.options !== key.options) throw bad(`made with different search options: ${doc.key.options} here ${key.options}`);
  const ptrs = slotPointers(engine);
  const bytes = engine.slotBytes;
  const all = Buffer.from(String(doc.slots), 'base64');
  if (doc.slotBytes !== bytes || all.length !== bytes * ptrs.length) throw bad('its genome slots do not fit this geometry');
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (![doc.generation, doc.lastImprovement, doc.evaluations, doc.esGenerations].every(ok) || !Array.isArray(doc.rng) || doc.rng.length !== 4) {
    throw bad('its counters or RNG state are malformed');
  }
  const u8 = engine.u8;
  ptrs.forEach((p, i) => u8.set(all.subarray(i * bytes, (i + 1) * bytes), p));
  engine.setRngState(doc.rng);
  engine.raw.esSetCounters(doc.evaluations, doc.esGenerations);
  const unbig = (v: number) => (v >= 1e308 ? Infinity : v);
  return { generation: doc.generation, lastImprovement: doc.lastImprovement, runBest: unbig(doc.runBest), bestLoss: unbig(doc.bestLoss) };
}
