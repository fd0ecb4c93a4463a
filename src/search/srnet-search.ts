// The MNNCGP-ES search of SRNet over data already prepared by explain/srnet: the input columns,
// and for every layer its target columns (the network's activations), on training rows followed
// by validation rows. The generation loop runs in WASM (assembly/srnet/srnet.ts); this file owns
// the memory layout, runs the loop in chunks (progress, AbortSignal, time limit) and reads back
// the parent's chromosomes and fits.
import { createEngine, type Geometry, type WasmEngine } from '../../bindings/engine.js';
import { functionByName, weightsByCode, type FunctionName } from '../cgp/functions.js';
import type { Genome } from '../cgp/genome.js';
import { EqlensError } from '../errors.js';
import { principalBasis } from './principal-basis.js';
import { ceilingSubsample, type CeilingStart } from './srnet-ceiling.js';
import { CHECKPOINT_FORMAT, readCheckpointFile, writeAtomically, type CheckpointKey } from './checkpoint.js';
import { Fingerprint } from '../provenance.js';
import { VERSION } from '../version.js';

export interface SrnetSearchData {
  /** Input columns, training rows then validation rows. */
  inputs: readonly Float32Array[];
  /** Per weight layer, its target columns (hidden: post-activation; output: value or logits). */
  targets: readonly (readonly Float32Array[])[];
  rows: number;
  trainRows: number;
  /** Classification: the network's class per row; the output loss is then cross-entropy. */
  classes?: Int32Array;
}

export interface SrnetSearchOptions {
  generations: number;
  lambda: number;
  mutationRate: number;
  rows: number;
  cols: number;
  levelsBack: number;
  functions: readonly FunctionName[];
  constants: number;
  constantRange: readonly [number, number];
  protectedOps: boolean;
  stopFitness: number;
  seed: number;
  /** Score wide hidden layers in their principal basis (default true; losses agree to ~1e-9 of the layer variance). */
  principalBasis?: boolean;
  /** Exact pruning of candidates that cannot win (default true; the result is the same). */
  pruning?: boolean;
  /** Exact memo of losses by active program (default true; the result is the same). */
  cache?: boolean;
  /** Layer moves: this many mutants' chromosomes per layer also compete one at a time in the parent's chain, by the full fitness (default 16; 0: off). */
  layerMoves?: number;
  /** Local moves: this many single-active-gene mutants of the parent's chromosome i per layer compete the same way (default 16; 0: off). */
  localMoves?: number;
  /** The ceiling start (srnet-ceiling.ts; regression only, ignored for a classifier); off when absent. */
  ceilingStart?: CeilingStart;
  timeLimitMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: SrnetProgress) => void;
  /** Save the search state to this file every `intervalSeconds` and at the end (write, then rename). */
  checkpoint?: { file: string; intervalSeconds: number };
  /** Continue from a checkpoint of the same search. */
  resume?: string;
}

export interface SrnetProgress { generation: number; generations: number; fitness: number; elapsedMs: number }

/** One layer of the found individual: its chromosome and its per-unit fit. */
export interface SrnetLayerState {
  geometry: Geometry;
  genome: Genome;
  weights: Float64Array;
  biases: Float64Array;
  loss: number;
  activeNodes: number;
}

export interface SrnetSearchResult {
  fitness: number;
  layers: SrnetLayerState[];
  generations: number;
  stopReason: 'generations' | 'target' | 'time' | 'aborted';
  seconds: number;
  /** Candidates skipped by exact pruning (they could not have won). */
  pruned: number;
  /** Candidates whose loss came from the memo (an equal active program on the same input). */
  cacheHits: number;
  /** Function-node × row evaluations (for benchmarks). */
  nodeEvals: number;
  /** Generations whose new parent came from a layer move. */
  moves: number;
}

const CHUNK_MS = 200;
/** Mutants per layer whose chromosome also competes alone in the parent's chain (layer moves). */
export const DEFAULT_LAYER_MOVES = 16;
/** Single-active-gene mutants per layer of the parent's own chromosome that compete in its chain (local moves). */
export const DEFAULT_LOCAL_MOVES = 16;
/** Hidden layers wider than this are scored in their principal basis. */
const ROTATE_ABOVE = 8;
const SLOT_HEADER = 32;

/** Runs the search; the engine instance is private to this call (SRNet's geometry is global). */
export async function runSrnetSearch(data: SrnetSearchData, o: SrnetSearchOptions): Promise<SrnetSearchResult> {
  const t0 = performance.now();
  const L = data.targets.length;
  if (L < 2) throw new EqlensError('E_MODEL', `SRNet needs a network with at least one hidden layer; this one has ${L} weight layer(s)`);
  const engine: WasmEngine = await createEngine();
  const raw = engine.raw;
  const f32cols = (cols: readonly Float32Array[]) => engine.loadColumns(cols, data.rows).ptr;
  const codes = o.functions.map((f) => functionByName(f).code);
  const fp = engine.alloc(4 * codes.length);
  engine.i32.set(codes, fp >> 2);
  const wts = weightsByCode();
  const wp = engine.alloc(4 * wts.length);
  engine.i32.set(wts, wp >> 2);
  const { ptr: x, stride } = engine.loadColumns(data.inputs, data.rows);
  const widths = data.targets.map((t) => t.length);
  const maxWidth = Math.max(...widths);
  const gPtr = engine.alloc(4 * stride);
  const wbScratch = engine.alloc(16 * maxWidth);
  let classPtr = 0;
  if (data.classes) {
    classPtr = engine.alloc(4 * stride);
    engine.i32.set(data.classes.subarray(0, data.rows), classPtr >> 2);
  }
  raw.setProtected(o.protectedOps ? 1 : 0);
  raw.setConstRange(o.constantRange[0], o.constantRange[1]);
  raw.srnetConfigure(L, o.lambda, o.mutationRate, o.constants, o.rows, o.cols, o.levelsBack, fp, codes.length, wp,
    x, data.rows, data.trainRows, stride, classPtr, data.classes ? 1 : 0, gPtr, wbScratch);
  const geometries: Geometry[] = [];
  const wbPtrs: number[] = [];
  for (let i = 0; i < L; i++) {
    const inputs = i === 0 ? data.inputs.length : widths[i - 1];
    const bytes = raw.srnetSlotBytes(inputs);
    // Wide hidden layers are scored in their principal basis (see principal-basis.ts).
    const basis = i < L - 1 && widths[i] > ROTATE_ABOVE && o.principalBasis !== false
      ? principalBasis(data.targets[i], data.rows, data.trainRows) : undefined;
    const targets = f32cols(basis ? basis.columns : data.targets[i]);
    const hat = engine.alloc(4 * stride * widths[i]);
    const parent = engine.alloc(bytes);
    const pool = engine.alloc(bytes * o.lambda);
    const wb = engine.alloc(16 * widths[i]);
    wbPtrs.push(wb);
    // Hidden layers share the weight 1/(L−1); the output layer counts once (the paper's fitness).
    raw.srnetLayer(i, inputs, basis ? basis.columns.length : widths[i], targets, hat, parent, pool, wb, i === L - 1 ? 1 : 1 / (L - 1));
    if (basis) {
      const rot = engine.alloc(8 * (basis.rotation.length + basis.means.length));
      engine.f64.set(basis.rotation, rot >> 3);
      engine.f64.set(basis.means, (rot >> 3) + basis.rotation.length);
      raw.srnetRotation(i, widths[i], rot);
    }
    geometries.push({ inputs, constants: o.constants, rows: o.rows, cols: o.cols, levelsBack: o.levelsBack, outputs: 1 });
  }
  engine.seed(o.seed);
  raw.srnetSetPruning(o.pruning === false ? 0 : 1);
  if (o.cache === false) raw.srnetSetCache(0);
  raw.srnetSetLayerMoves(o.layerMoves ?? DEFAULT_LAYER_MOVES);
  raw.srnetSetLocalMoves(o.localMoves ?? DEFAULT_LOCAL_MOVES);
  let fitness = raw.srnetInit();
  let gen = 0;
  const parents = geometries.map((_, i) => raw.srnetParent(i));
  const start = data.classes ? undefined : o.ceilingStart;
  if (start && !o.resume) fitness = ceilingStart(engine, data, start, o.seed);
  const freeze = start?.freeze ?? 0;
  const slotBytes = geometries.map((g) => raw.srnetSlotBytes(g.inputs));
  const key = srnetCheckpointKey(data, o);
  if (o.resume) {
    ({ gen, fitness } = await restoreSrnet(o.resume, engine, key, parents, slotBytes));
  }
  let lastSave = performance.now();
  const save = async () => {
    if (!o.checkpoint) return;
    const u8 = engine.u8;
    await writeAtomically(o.checkpoint.file, {
      format: CHECKPOINT_FORMAT, eqlens: VERSION, key, kind: 'srnet', generation: gen, fitness: raw.srnetFitness(), rng: engine.rngState(),
      layers: parents.map((p, i) => Buffer.from(u8.slice(p, p + slotBytes[i])).toString('base64')), savedAt: new Date().toISOString(),
    });
    lastSave = performance.now();
  };
  let stopReason: SrnetSearchResult['stopReason'] = 'generations';
  // Chunks sized to about CHUNK_MS so that progress and cancellation stay responsive.
  let chunk = 1;
  while (gen < o.generations) {
    if (fitness <= o.stopFitness) { stopReason = 'target'; break; }
    if (o.signal?.aborted) { stopReason = 'aborted'; break; }
    if (o.timeLimitMs !== undefined && performance.now() - t0 > o.timeLimitMs) { stopReason = 'time'; break; }
    if (o.checkpoint && performance.now() - lastSave >= 1000 * o.checkpoint.intervalSeconds) await save();
    const c0 = performance.now();
    // Chromosome 1 stays the ceiling start's for its first `freeze` generations (chunks end there).
    raw.srnetSetFrozen(gen < freeze ? 0 : -1);
    const n = Math.min(chunk, o.generations - gen, gen < freeze ? freeze - gen : Infinity);
    gen += raw.srnetRun(n, o.stopFitness);
    fitness = raw.srnetFitness();
    const spent = performance.now() - c0;
    chunk = Math.max(1, Math.min(1000, Math.round(n * CHUNK_MS / Math.max(spent, 1))));
    o.onProgress?.({ generation: gen, generations: o.generations, fitness, elapsedMs: performance.now() - t0 });
    await new Promise((r) => setTimeout(r, 0));
  }
  if (fitness <= o.stopFitness) stopReason = 'target';
  await save();
  fitness = raw.srnetEvaluateParent();
  const layers: SrnetLayerState[] = geometries.map((g, i) => {
    const slot = raw.srnetParent(i);
    const nGenes = 3 * g.rows * g.cols + 1;
    const offConsts = (SLOT_HEADER + 4 * nGenes + 15) & ~15;
    const wbp = wbPtrs[i];
    return {
      geometry: g,
      genome: {
        genes: engine.i32.slice((slot + SLOT_HEADER) >> 2, ((slot + SLOT_HEADER) >> 2) + nGenes),
        consts: engine.f32.slice((slot + offConsts) >> 2, ((slot + offConsts) >> 2) + g.constants),
      },
      weights: engine.f64.slice(wbp >> 3, (wbp >> 3) + widths[i]),
      biases: engine.f64.slice((wbp >> 3) + widths[i], (wbp >> 3) + 2 * widths[i]),
      loss: raw.srnetLayerLoss(i),
      activeNodes: raw.srnetActive(i),
    };
  });
  return { fitness, layers, generations: gen, stopReason, seconds: (performance.now() - t0) / 1000, pruned: raw.srnetPruned(), cacheHits: raw.srnetCacheHits(), nodeEvals: raw.nodeEvaluations(), moves: raw.srnetMoves() };
}


/** Runs the ceiling start in WASM on a seeded subsample of the scored rows; returns the parent's fitness. */
function ceilingStart(engine: WasmEngine, data: SrnetSearchData, start: CeilingStart, seed: number): number {
  const sub = ceilingSubsample(data, start.rows, seed);
  const { ptr: x, stride } = engine.loadColumns(sub.inputs, sub.rows);
  const y = engine.alloc(8 * sub.rows * sub.targets.length);
  sub.targets.forEach((c, j) => engine.f64.set(c, (y >> 3) + j * sub.rows));
  const g = engine.alloc(4 * stride);
  engine.raw.ceilingConfigure(y, sub.rows, sub.targets.length, start.bin);
  engine.raw.srnetCeilingStart(x, stride, sub.rows, g, start.generations);
  return engine.raw.srnetFitness();
}

/** What an SRNet checkpoint must match: the options that shape the search and the data. */
function srnetCheckpointKey(data: SrnetSearchData, o: SrnetSearchOptions): CheckpointKey {
  const { generations: _g, timeLimitMs: _t, signal: _s, onProgress: _p, checkpoint: _c, resume: _r, ...shape } = o;
  const f = new Fingerprint();
  for (const c of data.inputs) f.add(c.subarray(0, data.rows));
  for (const layer of data.targets) for (const c of layer) f.add(c.subarray(0, data.rows));
  if (data.classes) f.add(data.classes.subarray(0, data.rows));
  f.add([data.rows, data.trainRows]);
  return { options: JSON.stringify(shape, Object.keys(shape).sort()), data: f.hex() };
}

/** Writes a checkpoint's parents and RNG into the engine; returns the generation and fitness reached. */
async function restoreSrnet(file: string, engine: WasmEngine, key: CheckpointKey, parents: number[], slotBytes: number[]): Promise<{ gen: number; fitness: number }> {
  const doc = await readCheckpointFile(file, key);
  const bad = (why: string) => new EqlensError('E_CHECKPOINT', `checkpoint ${file}: ${why}`);
  if (doc.kind !== 'srnet' || !Array.isArray(doc.layers) || doc.layers.length !== parents.length) throw bad('not an SRNet checkpoint of a network with these layers');
  const layers = (doc.layers as string[]).map((b) => new Uint8Array(Buffer.from(String(b), 'base64')));
  layers.forEach((l, i) => { if (l.length !== slotBytes[i]) throw bad(`layer ${i}'s chromosome does not fit this geometry`); });
  if (!(typeof doc.generation === 'number' && doc.generation >= 0) || typeof doc.fitness !== 'number' || !Array.isArray(doc.rng) || doc.rng.length !== 4) {
    throw bad('its counters or RNG state are malformed');
  }
  const u8 = engine.u8;
  layers.forEach((l, i) => u8.set(l, parents[i]));
  engine.setRngState(doc.rng as number[]);
  // Rebuild the parent's chain (fits, layer outputs), then its fitness exactly as saved.
  engine.raw.srnetEvaluateParent();
  engine.raw.srnetSetFitness(doc.fitness);
  return { gen: doc.generation, fitness: doc.fitness };
}
