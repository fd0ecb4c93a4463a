// Messages between the island coordinator (main thread) and island workers. Everything here is
// structured-clone data: typed arrays, a (shared) buffer and a compiled WebAssembly.Module.
import type { Geometry } from '../../bindings/engine.js';
import type { EsState } from '../search/checkpoint.js';

/** The ES settings every island uses (the same as the single-thread search). */
export interface IslandConfig {
  lambda: number;
  mutationRate: number;
  /** 0 = point, 1 = single active gene. */
  mutationMode: number;
  neutralDrift: boolean;
  restartAfter: number;
  /** Per-island generation budget (restarts are not started at the very end, as in runEsLoop). */
  generations: number;
  protectedOps: boolean;
  /** undefined: the gradient fitness does not call setLinearScaling (as runGradientSearch). */
  linearScaling?: boolean;
  constantSigma: number;
  constantRange: [number, number];
}

/**
 * The data set in one buffer (shared when the platform allows): X column-major f32 at byte 0
 * (inputs × rows), then y (f64, rows) at `yOffset` when present, then the normalised-gradient
 * target (f32, inputs × rows) at `gradientOffset` when present (-1: absent).
 */
export interface IslandData {
  buffer: ArrayBufferLike;
  rows: number;
  inputs: number;
  yOffset: number;
  gradientOffset: number;
}

/** Test hook: make island `island` fail at the start of epoch `epoch` ('throw': a caught error; 'crash': an uncaught one). */
export interface IslandFault { island: number; epoch: number; mode: 'throw' | 'crash' }

export interface GenomeMessage { genes: Int32Array; consts: Float32Array; fitness: number; complexity: number; nActive: number }

export type ToWorker =
  | { type: 'init'; module: WebAssembly.Module; island: number; seed: number; geometry: Geometry; codes: number[];
      weights: number[]; config: IslandConfig; data: IslandData; fault?: IslandFault; restore?: EsState }
  | { type: 'epoch'; epoch: number; generations: number; target: number; immigrant?: GenomeMessage }
  | { type: 'stop' }
  | { type: 'snapshot' }
  | { type: 'collect' };

export interface EpochReport {
  /** Generations this island has run in total. */
  generation: number;
  evaluations: number;
  /** Function-node × row evaluations so far (benchmarks: work per generation depends on the genomes). */
  nodeEvaluations: number;
  bestLoss: number;
  reachedTarget: boolean;
  /** Stopped by a 'stop' message (abort or time limit) before the epoch was complete. */
  stopped: boolean;
  /** Whether the immigrant replaced the parent. */
  adopted: boolean;
  /** The island's best genome so far (lowest loss in its hall of fame). */
  best: GenomeMessage | null;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'inited'; loadMs: number; copyMs: number }
  | { type: 'progress'; generation: number; evaluations: number; bestLoss: number }
  | ({ type: 'epochDone' } & EpochReport)
  | { type: 'hof'; members: GenomeMessage[] }
  | { type: 'state'; state: EsState }
  | { type: 'error'; code: string; message: string };
