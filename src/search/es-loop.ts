// The driver of the (1+λ) strategy that runs inside WASM: chunks of generations, restarts after
// stagnation, time limit, AbortSignal and progress. Shared by every search that uses the ES
// (regression on y, symbolic gradients); the fitness in use is whatever the engine was set to.
import type { GenomeData, WasmEngine } from '../../bindings/engine.js';
import type { ResolvedOptions } from './options.js';
import { restoreCheckpoint, saveCheckpoint, type CheckpointKey } from './checkpoint.js';

/** Generations per WASM call: restart decisions happen at these boundaries, so results do not depend on timing. */
const CHUNK = 100;
/** Yield to the event loop this often so that AbortSignal and Ctrl-C are seen. */
const YIELD_MS = 50;

export type StopReason = 'target' | 'generations' | 'time' | 'aborted';

export interface EsLoopResult {
  generations: number;
  evaluations: number;
  stopReason: StopReason;
  bestLoss: number;
}

/** Where and how often the loop saves its state, and the key a resumed checkpoint must match. */
export interface CheckpointPlan {
  key: CheckpointKey;
  /** Written every `intervalSeconds` and when the search ends (also on abort). */
  file?: string;
  intervalSeconds: number;
  /** Continue from this checkpoint instead of a random start. */
  resume?: string;
}

/**
 * The checkpoint plan of a search, or undefined when it neither saves nor resumes. A checkpoint
 * belongs to one search: the options that shape it and the data, not the budget or threads.
 */
export function checkpointPlan(o: ResolvedOptions, dataHash: string): CheckpointPlan | undefined {
  if (!o.checkpoint && !o.resume) return undefined;
  const { generations: _g, timeLimitMs: _t, signal: _s, onProgress: _p, checkpoint: _c, resume: _r, variableNames: _v, threads: _th, ...shape } = o;
  const key = { options: JSON.stringify(shape, Object.keys(shape).sort()), data: dataHash };
  return { key, file: o.checkpoint?.file, intervalSeconds: o.checkpoint?.intervalSeconds ?? 60, resume: o.resume };
}

/**
 * Seeds the engine, starts from a random parent (or a checkpoint) and runs until
 * `o.generations`, `target`, the time limit or the signal. The hall of fame in WASM keeps the
 * best genome per complexity. Restarts and checkpoints happen only between chunks of
 * generations, so a resumed run continues exactly as an uninterrupted one would.
 */
export async function runEsLoop(engine: WasmEngine, o: ResolvedOptions, target: number, t0: number, checkpoint?: CheckpointPlan): Promise<EsLoopResult> {
  const raw = engine.raw;
  raw.esConfigure(o.lambda, o.mutationRate, o.mutation === 'point' ? 0 : 1, o.neutralDrift ? 1 : 0);
  raw.esInit();
  engine.seed(o.seed);
  const parentFitness = () => engine.f64[raw.parentSlot() >> 3];
  let gen = 0, lastImprovement = 0, runBest: number, bestLoss: number;
  if (checkpoint?.resume) {
    ({ generation: gen, lastImprovement, runBest, bestLoss } = await restoreCheckpoint(checkpoint.resume, engine, checkpoint.key));
  } else {
    raw.esStart(1);
    runBest = bestLoss = parentFitness();
  }
  const save = async () => {
    if (checkpoint?.file) await saveCheckpoint(checkpoint.file, engine, checkpoint.key, { generation: gen, lastImprovement, runBest, bestLoss });
  };
  let lastSave = performance.now();
  let lastYield = performance.now();
  let stopReason: StopReason = 'generations';
  while (gen < o.generations) {
    if (checkpoint?.file && performance.now() - lastSave >= 1000 * checkpoint.intervalSeconds) {
      await save();
      lastSave = performance.now();
    }
    if (o.signal?.aborted) { stopReason = 'aborted'; break; }
    if (o.timeLimitMs !== undefined && performance.now() - t0 > o.timeLimitMs) { stopReason = 'time'; break; }
    const chunk = Math.min(CHUNK, o.generations - gen);
    gen += raw.esRun(chunk, target);
    const pf = parentFitness();
    bestLoss = Math.min(bestLoss, pf);
    if (pf <= target) { stopReason = 'target'; break; }
    if (pf < runBest) { runBest = pf; lastImprovement = gen; }
    else if (o.restartAfter > 0 && gen - lastImprovement >= o.restartAfter && gen < o.generations) {
      raw.esStart(1); // new random parent; the hall of fame keeps what was found
      runBest = parentFitness(); lastImprovement = gen;
    }
    const now = performance.now();
    if (now - lastYield > YIELD_MS) {
      o.onProgress?.({ generation: gen, generations: o.generations, bestLoss, evaluations: raw.esEvaluations(), elapsedMs: now - t0 });
      await new Promise((r) => setTimeout(r, 0));
      lastYield = performance.now();
    }
  }
  await save();
  const evaluations = raw.esEvaluations();
  o.onProgress?.({ generation: gen, generations: o.generations, bestLoss, evaluations, elapsedMs: performance.now() - t0 });
  return { generations: gen, evaluations, stopReason, bestLoss };
}

/** The hall of fame of the engine's last ES run: the best genome per complexity, ascending. */
export function hallOfFame(engine: WasmEngine): GenomeData[] {
  const raw = engine.raw, out: GenomeData[] = [];
  for (let c = 0; c < raw.maxComplexity(); c++) {
    const slot = raw.hofSlot(c);
    if (Number.isFinite(engine.f64[slot >> 3])) out.push(engine.readGenome(slot));
  }
  return out;
}
