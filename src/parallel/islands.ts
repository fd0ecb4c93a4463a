// The island model (METHODS §1, parallel): `threads` islands, one engine per worker, each running
// the (1+λ) strategy on its own RNG stream derived from (seed, island). Islands run in epochs of
// `migrationInterval` generations and wait for each other at every epoch boundary; there the
// best genome of island i migrates to island i+1 and replaces that island's parent when it is
// better (island 0 sends but never receives: it is the single-thread search, untouched). Because migration happens only at fixed generation counts, the same seed and
// thread count give the same halls of fame whatever the timing. The halls of fame are merged
// (the lowest loss per complexity) and the caller builds the Pareto front from them.
import { compileModule } from '../../bindings/loader.js';
import type { Geometry, GenomeData } from '../../bindings/engine.js';
import { EqlensError } from '../errors.js';
import type { ResolvedOptions } from '../search/options.js';
import type { CheckpointPlan } from '../search/es-loop.js';
import { CHECKPOINT_FORMAT, esStateFromJson, esStateToJson, readCheckpointFile, writeAtomically, type EsState } from '../search/checkpoint.js';
import { VERSION } from '../version.js';
import { allocTransferBuffer, spawnWorker, type WorkerHandle } from './platform.js';
import type { EpochReport, FromWorker, GenomeMessage, IslandConfig, IslandData, IslandFault, ToWorker } from './protocol.js';

export type StopReason = 'target' | 'generations' | 'time' | 'aborted';

export interface IslandProblem {
  geometry: Geometry;
  codes: number[];
  weights: number[];
  columns: readonly Float32Array[];
  rows: number;
  /** The regression target (MSE fitness). */
  y?: ArrayLike<number>;
  /** The normalised-gradient target, one column per input (gradient fitness). */
  gradientTarget?: readonly Float32Array[];
  linearScaling?: boolean;
}

export interface IslandsResult {
  /** Generations over all islands. */
  generations: number;
  evaluations: number;
  stopReason: StopReason;
  bestLoss: number;
  /** The merged halls of fame: the lowest loss per complexity over all islands. */
  candidates: GenomeData[];
  islands: number;
  /** Whether the data reached the workers through one SharedArrayBuffer (false: one copy per worker). */
  sharedData: boolean;
  /** Per worker: ms to instantiate its engine, set it up and copy the data into its WASM memory. */
  loadMs: number[];
  /** Per worker: ms of the copy of the data set into its own WASM memory alone. */
  copyMs: number[];
  /** Ms from the moment every island was ready to the end of the last epoch (the steady-state search). */
  searchMs: number;
  /** Function-node × row evaluations over all islands. */
  nodeEvaluations: number;
  epochs: number;
  /** Immigrants adopted over the run (diagnostics). */
  migrations: number;
}

export interface IslandRunOptions {
  /** Force one copy of the data per worker even where SharedArrayBuffer exists (benchmarks, tests). */
  copyData?: boolean;
  /**
   * Benchmarks only: every island gets the search seed, so all do the same work (identical
   * trajectories; an immigrant never beats an identical parent). Measures the machinery's scaling.
   */
  sameSeed?: boolean;
  /** Checkpoints at epoch boundaries (every island's state and the pending immigrants), and resume. */
  checkpoint?: CheckpointPlan;
}

const genomeToJson = (g: GenomeMessage | null) => g && { ...g, genes: Array.from(g.genes), consts: Array.from(g.consts) };
const genomeFromJson = (g: Record<string, unknown> | null): GenomeMessage | null => g && {
  ...(g as unknown as GenomeMessage), genes: Int32Array.from(g.genes as number[]), consts: Float32Array.from(g.consts as number[]),
};

let testFault: IslandFault | undefined;
/** Test hook: the next island searches fail as described (undefined: none). Not part of the public API. */
export function setIslandFaultForTests(fault: IslandFault | undefined): void { testFault = fault; }

/** The seed of island `i`: island 0 keeps the search seed (its stream is the single-thread one). */
export function islandSeed(seed: number, i: number): number {
  if (i === 0) return seed >>> 0;
  let z = (seed + Math.imul(i, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

function packData(p: IslandProblem, copy: boolean): IslandData & { shared: boolean } {
  const { rows, columns } = p, inputs = columns.length;
  const xBytes = 4 * inputs * rows;
  const yOffset = p.y ? (xBytes + 7) & ~7 : -1;
  const gradientOffset = p.gradientTarget ? (p.y ? yOffset + 8 * rows : xBytes) : -1;
  const bytes = Math.max(8, p.gradientTarget ? gradientOffset + xBytes : p.y ? yOffset + 8 * rows : xBytes);
  const { buffer, shared } = allocTransferBuffer(bytes, copy ? false : undefined);
  columns.forEach((c, k) => new Float32Array(buffer, 4 * k * rows, rows).set(c.subarray(0, rows)));
  if (p.y) new Float64Array(buffer, yOffset, rows).set(Array.from({ length: rows }, (_, r) => p.y![r]));
  p.gradientTarget?.forEach((c, k) => new Float32Array(buffer, gradientOffset + 4 * k * rows, rows).set(c.subarray(0, rows)));
  return { buffer, rows, inputs, yOffset, gradientOffset, shared };
}

class IslandWorker {
  private waiting: { type: FromWorker['type']; resolve: (m: FromWorker) => void } | undefined;
  /** Replies that arrived before anyone waited for them (e.g. 'ready' while later workers start). */
  private inbox: FromWorker[] = [];
  constructor(readonly handle: WorkerHandle, readonly index: number, fail: (e: EqlensError) => void,
    onProgress: (i: number, m: Extract<FromWorker, { type: 'progress' }>) => void) {
    handle.onMessage((raw) => {
      const m = raw as FromWorker;
      if (m.type === 'progress') { onProgress(index, m); return; }
      if (m.type === 'error') { fail(new EqlensError('E_WORKER', `island ${index} failed: ${m.code !== 'E_WORKER' ? `${m.code}: ` : ''}${m.message}`)); return; }
      const w = this.waiting;
      if (w && w.type === m.type) { this.waiting = undefined; w.resolve(m); } else this.inbox.push(m);
    });
    handle.onFailure((e) => fail(new EqlensError('E_WORKER', `island ${index} failed: ${e.message}`)));
  }
  /** Resolves with the next message of `type`. */
  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const i = this.inbox.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as Extract<FromWorker, { type: T }>);
    return new Promise((resolve) => { this.waiting = { type, resolve: resolve as (m: FromWorker) => void }; });
  }
  request<T extends FromWorker['type']>(m: ToWorker, reply: T): Promise<Extract<FromWorker, { type: T }>> {
    const p = this.next(reply);
    this.handle.post(m);
    return p;
  }
}

const workerUrl = () => new URL('./island-worker.js', import.meta.url);
/** Browsers only (Node has no global Worker): the literal form bundlers detect. */
const browserWorker = () => new Worker(new URL('./island-worker.js', import.meta.url), { type: 'module' });

/**
 * Runs the island model with `threads` workers on problem `p` until `o.generations` per island,
 * the target loss, the time limit or the signal. Every worker is terminated before this returns
 * or throws; a worker that fails rejects with EqlensError E_WORKER.
 */
export async function runIslands(p: IslandProblem, o: ResolvedOptions, threads: number, target: number, t0: number,
  run: IslandRunOptions = {}): Promise<IslandsResult> {
  const module = await compileModule();
  const data = packData(p, run.copyData === true);
  const { shared, ...islandData } = data;
  const config: IslandConfig = {
    lambda: o.lambda, mutationRate: o.mutationRate, mutationMode: o.mutation === 'point' ? 0 : 1, neutralDrift: o.neutralDrift,
    restartAfter: o.restartAfter, generations: o.generations, protectedOps: o.protectedOps, linearScaling: p.linearScaling,
    constantSigma: o.constantSigma, constantRange: [o.constantRange[0], o.constantRange[1]],
  };
  const fault = testFault;
  const plan = run.checkpoint;
  // Resuming: every island's state, the epoch reached and the immigrants waiting for the next.
  let restore: EsState[] | undefined;
  let resumed = { done: 0, epoch: 0, migrations: 0, bests: [] as (GenomeMessage | null)[] };
  if (plan?.resume) {
    const doc = await readCheckpointFile(plan.resume, plan.key);
    if (doc.threads !== threads || !Array.isArray(doc.islands)) {
      throw new EqlensError('E_CHECKPOINT', `checkpoint ${plan.resume}: written by a search with ${String(doc.threads)} threads; resume it with threads: ${String(doc.threads)}`);
    }
    restore = (doc.islands as Record<string, unknown>[]).map(esStateFromJson);
    resumed = {
      done: Number(doc.done), epoch: Number(doc.epoch), migrations: Number(doc.migrations),
      bests: (doc.bests as (Record<string, unknown> | null)[]).map(genomeFromJson),
    };
  }
  let failure: EqlensError | undefined;
  let rejectFailure: (e: EqlensError) => void = () => {};
  const failed = new Promise<never>((_, reject) => { rejectFailure = reject; });
  failed.catch(() => {});
  const fail = (e: EqlensError) => { if (!failure) { failure = e; rejectFailure(e); } };
  /** Waits for `work` unless a worker fails first. */
  const guarded = <T>(work: Promise<T>): Promise<T> => Promise.race([work, failed]);

  const progress = Array.from({ length: threads }, () => ({ generation: 0, evaluations: 0, bestLoss: Infinity }));
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!o.onProgress || (!force && now - lastReport < 50)) return;
    lastReport = now;
    o.onProgress({
      generation: progress.reduce((s, q) => s + q.generation, 0), generations: threads * o.generations,
      bestLoss: Math.min(...progress.map((q) => q.bestLoss)), evaluations: progress.reduce((s, q) => s + q.evaluations, 0),
      elapsedMs: now - t0,
    });
  };

  const workers: IslandWorker[] = [];
  const handles: WorkerHandle[] = [];
  let stopCause: StopReason | undefined;
  const stopAll = (why: StopReason) => {
    stopCause ??= why;
    for (const h of handles) { try { h.post({ type: 'stop' } satisfies ToWorker); } catch { /* gone */ } }
  };
  const onAbort = () => stopAll('aborted');
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (let i = 0; i < threads; i++) {
      const h = await spawnWorker(workerUrl(), browserWorker);
      handles.push(h);
      workers.push(new IslandWorker(h, i, fail, (k, m) => { progress[k] = m; report(); }));
    }
    o.signal?.addEventListener('abort', onAbort);
    if (o.signal?.aborted) stopCause = 'aborted';
    if (o.timeLimitMs !== undefined) {
      const left = o.timeLimitMs - (performance.now() - t0);
      if (left <= 0) stopCause = 'time';
      else timer = setTimeout(() => stopAll('time'), left);
    }
    // Each worker signals 'ready' once it listens; only then is it sent its island.
    const loads = await guarded(Promise.all(workers.map(async (w, i) => {
      await w.next('ready');
      const m = await w.request({ type: 'init', module, island: i, seed: run.sameSeed ? o.seed >>> 0 : islandSeed(o.seed, i), geometry: p.geometry, codes: p.codes,
        weights: p.weights, config, data: islandData, fault, ...(restore && { restore: restore[i] }) }, 'inited');
      return m;
    })));
    const tSearch = performance.now();

    let { done, epoch, migrations } = resumed;
    let stopReason: StopReason = 'generations';
    let reports: EpochReport[] = [];
    let bests = resumed.bests;
    let lastSave = performance.now();
    // At an epoch boundary every island is between chunks and the immigrants are known: the
    // whole island model can be saved there and resumed to the same result.
    const save = async () => {
      if (!plan?.file) return;
      const states = await guarded(Promise.all(workers.map((w) => w.request({ type: 'snapshot' }, 'state'))));
      await writeAtomically(plan.file, {
        format: CHECKPOINT_FORMAT, eqlens: VERSION, key: plan.key, threads, done, epoch, migrations,
        bests: bests.map(genomeToJson), islands: states.map((m) => esStateToJson(m.state)), savedAt: new Date().toISOString(),
      });
      lastSave = performance.now();
    };
    while (done < o.generations) {
      if (stopCause) { stopReason = stopCause; break; }
      const gens = Math.min(o.migrationInterval, o.generations - done);
      reports = await guarded(Promise.all(workers.map((w, i) => {
        // A chain 0 → 1 → … → n−1 (a ring without the edge into island 0): island 0 receives
        // nobody and stays exactly the single-thread search, so the merged hall of fame is never
        // worse at any complexity than threads: 1 with the same seed and generations.
        const immigrant = i > 0 ? bests[i - 1] ?? undefined : undefined;
        return w.request({ type: 'epoch', epoch, generations: gens, target, immigrant }, 'epochDone');
      })));
      epoch++;
      done += gens;
      migrations += reports.filter((r) => r.adopted).length;
      const stopped = reports.some((r) => r.stopped);
      if (!stopped) {
        bests = reports.map((r) => r.best);
        const last = done >= o.generations || reports.some((r) => r.reachedTarget);
        if (plan?.file && (last || performance.now() - lastSave >= 1000 * plan.intervalSeconds)) await save();
      }
      reports.forEach((r, i) => { progress[i] = { generation: r.generation, evaluations: r.evaluations, bestLoss: r.bestLoss }; });
      report();
      if (reports.some((r) => r.stopped)) { stopReason = stopCause ?? 'aborted'; break; }
      if (reports.some((r) => r.reachedTarget)) { stopReason = 'target'; break; }
    }
    const searchMs = performance.now() - tSearch;
    const nodeEvaluations = reports.reduce((sum, r) => sum + r.nodeEvaluations, 0);
    if (stopCause && stopReason === 'generations' && done < o.generations) stopReason = stopCause;
    report(true);

    const halls = await guarded(Promise.all(workers.map((w) => w.request({ type: 'collect' }, 'hof'))));
    const byComplexity = new Map<number, GenomeMessage>();
    for (const hall of halls) {
      for (const g of hall.members) {
        const cur = byComplexity.get(g.complexity);
        if (!cur || g.fitness < cur.fitness) byComplexity.set(g.complexity, g);
      }
    }
    const candidates = [...byComplexity.keys()].sort((a, b) => a - b).map((c) => byComplexity.get(c)!);
    return {
      generations: progress.reduce((s, q) => s + q.generation, 0), evaluations: progress.reduce((s, q) => s + q.evaluations, 0),
      stopReason, bestLoss: Math.min(...progress.map((q) => q.bestLoss)), candidates, islands: threads, sharedData: shared,
      loadMs: loads.map((m) => m.loadMs), copyMs: loads.map((m) => m.copyMs), searchMs, nodeEvaluations, epochs: epoch, migrations,
    };
  } catch (e) {
    if (e instanceof EqlensError) throw e;
    throw new EqlensError('E_WORKER', `island search failed: ${(e as Error).message}`);
  } finally {
    if (timer) clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
    await Promise.all(handles.map((h) => h.terminate().catch(() => {})));
  }
}
