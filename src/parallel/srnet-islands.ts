// SRNet on several threads: independent islands (multi-start), one runSrnetSearch per worker on
// the seed of its island (island 0 keeps the search seed: it is the one-thread search), the
// lowest fitness wins (ties: the lowest island). There is no migration: SRNet's WASM loop
// (assembly/srnet/srnet.ts) has no way to take a parent from outside yet. Each island runs to its
// own end, so the result depends only on (seed, threads).
import { EqlensError } from '../errors.js';
import type { SrnetProgress, SrnetSearchData, SrnetSearchOptions, SrnetSearchResult } from '../search/srnet-search.js';
import { islandSeed } from './islands.js';
import { sharedMemoryAvailable, spawnWorker, type WorkerHandle } from './platform.js';
import type { SrnetToWorker } from './srnet-worker.js';

type FromSrnetWorker =
  | { type: 'ready' }
  | ({ type: 'progress' } & SrnetProgress)
  | { type: 'done'; result: SrnetSearchResult }
  | { type: 'error'; code: string; message: string };

let failIsland: number | undefined;
/** Test hook: island `i` of the next SRNet island searches throws (undefined: none). */
export function setSrnetFaultForTests(i: number | undefined): void { failIsland = i; }

/** A copy of `a` in shared memory when the platform allows (posting it then shares, not copies). */
function shared<T extends Float32Array | Int32Array>(a: T): T {
  if (!sharedMemoryAvailable()) return a;
  const C = a.constructor as { new(b: SharedArrayBuffer): T };
  const out = new C(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

export async function runSrnetIslands(data: SrnetSearchData, o: SrnetSearchOptions, threads: number): Promise<SrnetSearchResult & { islands: number }> {
  const t0 = performance.now();
  const sharedData: SrnetSearchData = {
    inputs: data.inputs.map(shared), targets: data.targets.map((t) => t.map(shared)),
    rows: data.rows, trainRows: data.trainRows, classes: data.classes && shared(data.classes),
  };
  const { signal, onProgress, ...options } = o;
  const handles: WorkerHandle[] = [];
  const progress = Array.from({ length: threads }, () => ({ generation: 0, fitness: Infinity }));
  let lastReport = 0;
  let rejectFailure: (e: EqlensError) => void = () => {};
  const failed = new Promise<never>((_, reject) => { rejectFailure = reject; });
  failed.catch(() => {});
  const stopAll = () => { for (const h of handles) { try { h.post({ type: 'stop' } satisfies SrnetToWorker); } catch { /* gone */ } } };
  const fail = failIsland;
  try {
    const results: Promise<SrnetSearchResult>[] = [];
    for (let i = 0; i < threads; i++) {
      const h = await spawnWorker(new URL('./srnet-worker.js', import.meta.url),
        () => new Worker(new URL('./srnet-worker.js', import.meta.url), { type: 'module' }));
      handles.push(h);
      results.push(new Promise<SrnetSearchResult>((resolve) => {
        h.onFailure((e) => rejectFailure(new EqlensError('E_WORKER', `srnet island ${i} failed: ${e.message}`)));
        h.onMessage((raw) => {
          const m = raw as FromSrnetWorker;
          if (m.type === 'ready') {
            h.post({ type: 'run', data: sharedData, options: { ...options, seed: islandSeed(o.seed, i) }, fail: fail === i } satisfies SrnetToWorker);
          } else if (m.type === 'progress') {
            progress[i] = { generation: m.generation, fitness: m.fitness };
            const now = performance.now();
            if (onProgress && now - lastReport > 50) {
              lastReport = now;
              onProgress({ generation: progress.reduce((s, p) => s + p.generation, 0), generations: threads * o.generations,
                fitness: Math.min(...progress.map((p) => p.fitness)), elapsedMs: now - t0 });
            }
          } else if (m.type === 'done') resolve(m.result);
          else if (m.type === 'error') rejectFailure(new EqlensError('E_WORKER', `srnet island ${i} failed: ${m.code !== 'E_WORKER' ? `${m.code}: ` : ''}${m.message}`));
        });
      }));
    }
    signal?.addEventListener('abort', stopAll);
    if (signal?.aborted) stopAll();
    const all = await Promise.race([Promise.all(results), failed]);
    let best = 0;
    all.forEach((r, i) => { if (r.fitness < all[best].fitness) best = i; });
    const r = all[best];
    const stopReason = all.some((x) => x.stopReason === 'aborted') ? 'aborted' : all.some((x) => x.stopReason === 'time') ? 'time' : r.stopReason;
    onProgress?.({ generation: all.reduce((s, x) => s + x.generations, 0), generations: threads * o.generations, fitness: r.fitness, elapsedMs: performance.now() - t0 });
    return {
      ...r, stopReason, generations: all.reduce((s, x) => s + x.generations, 0), seconds: (performance.now() - t0) / 1000,
      pruned: all.reduce((s, x) => s + x.pruned, 0), nodeEvals: all.reduce((s, x) => s + x.nodeEvals, 0), islands: threads,
    };
  } catch (e) {
    if (e instanceof EqlensError) throw e;
    throw new EqlensError('E_WORKER', `srnet island search failed: ${(e as Error).message}`);
  } finally {
    signal?.removeEventListener('abort', stopAll);
    await Promise.all(handles.map((h) => h.terminate().catch(() => {})));
  }
}
