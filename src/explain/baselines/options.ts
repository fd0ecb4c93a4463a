// Option checking shared by the baseline explainers: defaults filled in, unknown keys and bad
// values rejected with E_OPTION naming the option (the house rule: bad input never runs silently).
import { EqlensError } from '../../errors.js';

/** What the local models explain: the network's outputs, or its class probabilities. */
export type Task = 'regression' | 'classification';

/** Progress of a long explanation run (many query points), reported between batches. */
export interface BaselineProgress {
  done: number;
  total: number;
}

/** Controls of a long run; they never change the result. */
export interface RunOptions {
  /** Stops the run between batches with E_ABORTED. */
  signal?: AbortSignal;
  /** Called after each batch of query points. */
  onProgress?: (p: BaselineProgress) => void;
}

/** Splits a fidelity call's options into the explainer's options and the run controls. */
export function splitRun<T extends object>(o: T & RunOptions, where: string): { rest: T; run: RunOptions } {
  if (o == null || typeof o !== 'object') throw new EqlensError('E_OPTION', `${where} options must be an object`);
  const { signal, onProgress, ...rest } = o;
  return { rest: rest as T, run: { signal, onProgress } };
}

export const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

export function rejectUnknown(o: object, known: readonly string[], where: string): void {
  if (o == null || typeof o !== 'object') throw new EqlensError('E_OPTION', `${where} options must be an object`);
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw bad(k, `unknown option for ${where}; known: ${[...known].sort().join(', ')}`);
  }
}

export function intOption(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(name, `expected an integer in [${min}, ${max}], got ${String(v)}`);
  return v;
}

/** A finite number > lo (or ≥ lo when `inclusive`) and ≤ hi. */
export function numOption(name: string, v: unknown, lo: number, hi = Infinity, inclusive = false): number {
  const ok = typeof v === 'number' && Number.isFinite(v) && (inclusive ? v >= lo : v > lo) && v <= hi;
  if (!ok) throw bad(name, `expected a finite number ${inclusive ? '≥' : '>'} ${lo}${hi < Infinity ? ` and ≤ ${hi}` : ''}, got ${String(v)}`);
  return v as number;
}

export function taskOption(v: unknown): Task {
  if (v !== 'regression' && v !== 'classification') throw bad('task', `expected 'regression' or 'classification', got ${String(v)}`);
  return v;
}

export function checkRun(o: RunOptions): void {
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw bad('onProgress', 'expected a function');
  if (o.signal !== undefined && !(o.signal && typeof o.signal.aborted === 'boolean')) throw bad('signal', 'expected an AbortSignal');
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new EqlensError('E_ABORTED', `${what} was cancelled`);
}

/**
 * Gives the event loop a turn about every 50 ms of work, so a caller's timer or abort can fire
 * during a long synchronous run (awaiting a resolved promise alone would not let it).
 */
export function makeYielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 50) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
