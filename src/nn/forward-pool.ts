// Mlp.predict on several threads: the rows are split into contiguous chunks, the first runs on
// the calling thread, each other on a worker of a small persistent pool. tfjs-backend-wasm runs
// one thread in Node (its multithreaded build is disabled there: tfjs issue #3830), so this is
// where eqlens's oracle gains most on big batches. The pool is created on first use; an idle
// worker is unref'd (it never keeps Node alive, a worker with a job in flight does) and
// `closeForwardPool` ends them.
import { EqlensError } from '../errors.js';
import { forwardLast, type ForwardInput } from '../../bindings/nn.js';
import type { DenseLayer } from './mlp.js';
import { defaultThreads, spawnWorker, type WorkerHandle } from '../parallel/platform.js';
import type { ForwardJob } from './forward-worker.js';

/** Multiply-adds below which one thread is faster than posting work to another (≈ 15 ms). */
export const PARALLEL_MIN_WORK = 2e8;

type Reply = { id: number; out?: Float32Array[] | null; error?: string };

interface PoolWorker { handle: WorkerHandle; pending: Map<number, { resolve(r: Float32Array[] | null): void; reject(e: Error): void }> }

let pool: Promise<PoolWorker>[] = [];
let nextId = 0;

async function startWorker(forget: () => void): Promise<PoolWorker> {
  const handle = await spawnWorker(new URL('./forward-worker.js', import.meta.url),
    () => new Worker(new URL('./forward-worker.js', import.meta.url), { type: 'module' }), { persistent: true });
  const pending: PoolWorker['pending'] = new Map();
  const self: PoolWorker = { handle, pending };
  return new Promise((resolve, reject) => {
    handle.onFailure((e) => {
      const err = new EqlensError('E_WORKER', `a predict worker failed: ${e.message}`);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      forget(); // a fresh one is started next time
      reject(err);
    });
    handle.onMessage((raw) => {
      const m = raw as Reply & { ready?: boolean };
      if (m.ready) { handle.keepAlive(false); resolve(self); return; }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) handle.keepAlive(false); // idle: never keeps the process running
      if (m.error !== undefined) p.reject(new EqlensError('E_WORKER', `a predict worker failed: ${m.error}`));
      else p.resolve(m.out ?? null);
    });
  });
}
function worker(i: number): Promise<PoolWorker> {
  while (pool.length <= i) {
    // A worker that fails (to start, or later) leaves the pool; the next call starts another.
    const entry: Promise<PoolWorker> = startWorker(() => { pool = pool.filter((p) => p !== entry); });
    entry.catch(() => { pool = pool.filter((p) => p !== entry); });
    pool.push(entry);
  }
  return pool[i];
}

/** Ends the pool's workers (a later parallel predict starts new ones). */
export async function closeForwardPool(): Promise<void> {
  const all = pool;
  pool = [];
  await Promise.all(all.map(async (p) => { try { await (await p).handle.terminate(); } catch { /* already gone */ } }));
}

/** Workers in the pool now. */
export function forwardPoolSize(): number { return pool.length; }

/** Threads a predict of `rows` rows through `layers` uses: `threads`, or by its size when 'auto'. */
export async function predictThreads(layers: readonly DenseLayer[], rows: number, threads: number | 'auto'): Promise<number> {
  if (threads !== 'auto') {
    if (!Number.isInteger(threads) || threads < 1) throw new EqlensError('E_OPTION', `threads must be a positive integer or 'auto', got ${threads}`);
    return Math.min(threads, Math.max(1, Math.floor(rows / 8)));
  }
  const work = rows * layers.reduce((s, l) => s + l.inputs * l.outputs, 0);
  if (work < PARALLEL_MIN_WORK) return 1;
  return Math.min(await defaultThreads(), Math.max(1, Math.floor(work / (PARALLEL_MIN_WORK / 2))));
}

/** Rows [r0, r1): a view for this thread, a copy to post (posting a view clones its whole buffer). */
function chunkOf(input: ForwardInput, r0: number, r1: number, copy: boolean): ForwardInput {
  const cut = (a: Float32Array, from: number, to: number) => (copy ? a.slice(from, to) : a.subarray(from, to));
  if (input.kind === 'rows') return { kind: 'rows', data: cut(input.data, r0 * input.inputs, r1 * input.inputs), rows: r1 - r0, inputs: input.inputs };
  return { kind: 'columns', columns: input.columns.map((c) => cut(c, r0, r1)), rows: r1 - r0 };
}

/** The last layer on `threads` threads (≥ 2); null when an input is not finite. */
export async function forwardParallel(layers: readonly DenseLayer[], input: ForwardInput, threads: number): Promise<Float32Array[] | null> {
  const rows = input.rows;
  // Contiguous chunks of whole 8-row groups; the calling thread takes the first.
  const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.min(rows, Math.round((rows * t) / threads / 8) * 8));
  bounds[threads] = rows;
  const plain = layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, activation: l.activation, weight: l.weight, bias: l.bias })) as DenseLayer[];
  const ready = await Promise.all(Array.from({ length: threads - 1 }, (_, k) => worker(k)));
  // Post every remote chunk first, then run the local one, so all threads work at once.
  const remote = ready.map((w, k) => {
    const id = nextId++;
    const job: ForwardJob = { id, layers: plain, input: chunkOf(input, bounds[k + 1], bounds[k + 2], true) };
    return new Promise<Float32Array[] | null>((resolve, reject) => {
      w.pending.set(id, { resolve, reject });
      w.handle.keepAlive(true); // a job in flight keeps the process alive until its answer
      w.handle.post(job);
    });
  });
  remote.forEach((p) => p.catch(() => {}));
  const local = await forwardLast(layers, chunkOf(input, 0, bounds[1], false));
  const parts = [local, ...(await Promise.all(remote))];
  if (parts.some((p) => p === null)) return null;
  const units = layers.at(-1)!.outputs;
  return Array.from({ length: units }, (_, j) => {
    const out = new Float32Array(rows);
    parts.forEach((p, t) => out.set(p![j], bounds[t]));
    return out;
  });
}
