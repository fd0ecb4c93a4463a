// SymbolicRegressor options: hyper-parameters only, with documented defaults, validated once.
import { EqlensError } from '../errors.js';
import { DEFAULT_FUNCTIONS, functionByName, type FunctionName } from '../cgp/functions.js';

/** Progress of a running search, reported between chunks of generations. */
export interface SearchProgress {
  generation: number;
  generations: number;
  /** Best (lowest) training loss found so far (MSE after linear scaling). */
  bestLoss: number;
  evaluations: number;
  elapsedMs: number;
}

export interface RegressorOptions {
  /** Rows of the CGP grid. Default 1 (a single row: the classic CGP setting). */
  rows?: number;
  /** Columns of the CGP grid. Default 100. */
  cols?: number;
  /** How many columns back a connection may reach. Default: `cols` (any earlier node). */
  levelsBack?: number;
  /** Function set by name. Default: add sub mul div neg square sqrt exp ln sin cos tan. */
  functions?: readonly FunctionName[];
  /** Complexity weight per function (default 1 each; every leaf counts 1). */
  complexityWeights?: Partial<Record<FunctionName, number>>;
  /** Children per generation of the (1+λ) strategy. Default 4. */
  lambda?: number;
  /** Per-gene mutation probability (point mutation). Default 0.03. */
  mutationRate?: number;
  /** 'point' (each gene with probability `mutationRate`) or 'single' (one active gene). Default 'point'. */
  mutation?: 'point' | 'single';
  /** Child replaces parent when not worse (true, default: neutral drift) or only when better. */
  neutralDrift?: boolean;
  /** Generations in total (over all restarts). Default 100000. */
  generations?: number;
  /** Restart from a random parent after this many generations without improvement (0: never). Default 5000. */
  restartAfter?: number;
  /** Ephemeral constant slots. Default 1 (linear scaling already supplies a·g + b). */
  constants?: number;
  /** Initial range of constant slots. Default [-2, 2]. */
  constantRange?: [number, number];
  /** Standard deviation of the Gaussian step on constants. Default 0.25. */
  constantSigma?: number;
  /** Fit y ≈ a·g(x) + b in closed form inside the fitness (Keijzer). Default true. */
  linearScaling?: boolean;
  /** Refine the constants of the final front by Levenberg–Marquardt. Default true. */
  optimizeConstants?: boolean;
  /** Protected semantics (sqrt|x|, ln|x|, x/0 = 1) instead of plain IEEE. Default false. */
  protectedOps?: boolean;
  /** Stop once the training loss ≤ this. Default 1e-12 × var(y). */
  targetLoss?: number;
  /** Seed of the search's random stream. Default 0. */
  seed?: number;
  /** Wall-clock limit in milliseconds. Default: none. */
  timeLimitMs?: number;
  /** Cancels the search; `fit` then keeps the best front found so far. */
  signal?: AbortSignal;
  /** Called between chunks of generations. */
  onProgress?: (p: SearchProgress) => void;
  /** Names of the input variables in printed equations. Default x0, x1, … */
  variableNames?: readonly string[];
  /** WASM memory the data set may take (MiB); larger data are searched on a seeded subsample, with a note. Default 1024. */
  memoryLimitMiB?: number;
  /**
   * Save the search state (parent, hall of fame, RNG, counters) to this file every
   * `intervalSeconds` (default 60) and when the search ends or is cancelled; written atomically. Node only.
   */
  checkpoint?: string | { file: string; intervalSeconds?: number };
  /** Continue from a checkpoint file of the same search (same data and options; `generations` may be larger). */
  resume?: string;
  /**
   * Worker threads (islands of the island model, one engine each). Default: the available cores
   * (os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers). 1 runs the
   * search on the calling thread exactly as before; N > 1 runs N islands of `generations` each.
   */
  threads?: number;
  /** Generations between migrations: island i's best genome goes to island i+1 (island 0 keeps the single-thread run). Default 1000. */
  migrationInterval?: number;
}

export type ResolvedOptions = Required<Omit<RegressorOptions, 'levelsBack' | 'targetLoss' | 'timeLimitMs' | 'signal' | 'onProgress' | 'variableNames' | 'complexityWeights' | 'checkpoint' | 'resume' | 'threads'>>
  & Pick<RegressorOptions, 'targetLoss' | 'timeLimitMs' | 'signal' | 'onProgress' | 'variableNames' | 'complexityWeights' | 'resume' | 'threads'>
  & { checkpoint?: { file: string; intervalSeconds: number } }
  & { levelsBack: number };

export const DEFAULTS = {
  rows: 1, cols: 100, functions: DEFAULT_FUNCTIONS, lambda: 4, mutationRate: 0.03, mutation: 'point',
  neutralDrift: true, generations: 100000, restartAfter: 5000, constants: 1, constantRange: [-2, 2],
  constantSigma: 0.25, linearScaling: true, optimizeConstants: true, protectedOps: false, seed: 0, memoryLimitMiB: 1024,
  migrationInterval: 1000,
} as const;

/** Upper bound of `threads` (each worker holds its own engine and a copy of the data). */
export const MAX_THREADS = 256;

const KNOWN = new Set([...Object.keys(DEFAULTS), 'levelsBack', 'targetLoss', 'timeLimitMs', 'signal',
  'onProgress', 'variableNames', 'complexityWeights', 'checkpoint', 'resume', 'threads']);

const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

function int(name: string, v: unknown, min: number, max = 1e9): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(name, `expected an integer in [${min}, ${max}], got ${String(v)}`);
  return v;
}

/** Fills defaults and rejects unknown options and bad values with E_OPTION. */
export function resolveOptions(o: RegressorOptions = {}): ResolvedOptions {
  for (const k of Object.keys(o)) {
    if (!KNOWN.has(k)) throw bad(k, `unknown option; known: ${[...KNOWN].sort().join(', ')}`);
  }
  const r = { ...DEFAULTS, ...o } as ResolvedOptions & { levelsBack?: number };
  int('rows', r.rows, 1, 1000);
  int('cols', r.cols, 1, 100000);
  // The evaluator keeps one 1024-row f32 buffer per node (4 KiB): 10,000 nodes = 40 MiB.
  if (r.rows * r.cols > 10000) throw bad('rows×cols', `at most 10000 nodes, got ${r.rows * r.cols}`);
  r.levelsBack = o.levelsBack === undefined ? r.cols : int('levelsBack', o.levelsBack, 1, r.cols);
  if (!Array.isArray(r.functions) || r.functions.length === 0) throw bad('functions', 'expected a non-empty list of function names');
  r.functions.forEach((f) => functionByName(f));
  if (new Set(r.functions).size !== r.functions.length) throw bad('functions', 'names a function twice');
  int('lambda', r.lambda, 1, 100000);
  if (typeof r.mutationRate !== 'number' || !(r.mutationRate > 0 && r.mutationRate <= 1)) throw bad('mutationRate', `expected a number in (0, 1], got ${String(r.mutationRate)}`);
  if (r.mutation !== 'point' && r.mutation !== 'single') throw bad('mutation', `expected 'point' or 'single', got ${String(r.mutation)}`);
  int('generations', r.generations, 1, 1e9);
  int('restartAfter', r.restartAfter, 0, 1e9);
  int('constants', r.constants, 0, 1000);
  if (!Array.isArray(r.constantRange) || r.constantRange.length !== 2 || !r.constantRange.every(Number.isFinite) || !(r.constantRange[0] <= r.constantRange[1])) {
    throw bad('constantRange', 'expected [lo, hi] with finite lo ≤ hi');
  }
  if (!(Number.isFinite(r.constantSigma) && r.constantSigma >= 0)) throw bad('constantSigma', 'expected a finite number ≥ 0');
  int('seed', r.seed, 0, 2 ** 32 - 1);
  // wasm32 addresses 4 GiB; 64 MiB leaves room for the data after the engine's own buffers.
  if (typeof r.memoryLimitMiB !== 'number' || !(r.memoryLimitMiB >= 64 && r.memoryLimitMiB <= 4096)) throw bad('memoryLimitMiB', `expected a number of MiB in [64, 4096], got ${String(r.memoryLimitMiB)}`);
  if (r.threads !== undefined) int('threads', r.threads, 1, MAX_THREADS);
  int('migrationInterval', r.migrationInterval, 1, 1e9);
  if (r.targetLoss !== undefined && !(typeof r.targetLoss === 'number' && r.targetLoss >= 0)) throw bad('targetLoss', 'expected a number ≥ 0');
  if (r.timeLimitMs !== undefined && !(typeof r.timeLimitMs === 'number' && r.timeLimitMs > 0)) throw bad('timeLimitMs', 'expected a number > 0');
  if (r.onProgress !== undefined && typeof r.onProgress !== 'function') throw bad('onProgress', 'expected a function');
  const cp = o.checkpoint;
  if (cp !== undefined) {
    const file = typeof cp === 'string' ? cp : cp?.file;
    const interval = typeof cp === 'string' ? 60 : cp?.intervalSeconds ?? 60;
    if (typeof file !== 'string' || !file) throw bad('checkpoint', 'expected a file name or { file, intervalSeconds }');
    if (!(typeof interval === 'number' && interval >= 0 && Number.isFinite(interval))) throw bad('checkpoint', `intervalSeconds: expected a number ≥ 0, got ${String(interval)}`);
    (r as { checkpoint?: unknown }).checkpoint = { file, intervalSeconds: interval };
  }
  if (r.resume !== undefined && (typeof r.resume !== 'string' || !r.resume)) throw bad('resume', 'expected the file name of a checkpoint');
  for (const k of ['neutralDrift', 'linearScaling', 'optimizeConstants', 'protectedOps'] as const) {
    if (typeof r[k] !== 'boolean') throw bad(k, `expected true or false, got ${String(r[k])}`);
  }
  return r as ResolvedOptions;
}
