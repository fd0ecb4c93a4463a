// One SRNet island in its own worker: runSrnetSearch (its own engine, its own seed) with a
// 'stop' message as its AbortSignal and its progress forwarded to the coordinator.
import { runSrnetSearch, type SrnetSearchData, type SrnetSearchOptions } from '../search/srnet-search.js';
import { parentPort } from './platform.js';

export type SrnetToWorker =
  | { type: 'run'; data: SrnetSearchData; options: Omit<SrnetSearchOptions, 'signal' | 'onProgress'>; fail?: boolean }
  | { type: 'stop' };

const PROGRESS_MS = 100;

async function main(): Promise<void> {
  const port = await parentPort();
  const ac = new AbortController();
  port.onMessage((raw) => {
    const m = raw as SrnetToWorker;
    if (m.type === 'stop') { ac.abort(); return; }
    if (m.type !== 'run') return;
    let last = 0;
    (async () => {
      if (m.fail) throw new Error('test fault: srnet island failed');
      const result = await runSrnetSearch(m.data, {
        ...m.options, signal: ac.signal,
        onProgress: (p) => {
          const now = performance.now();
          if (now - last > PROGRESS_MS) { last = now; port.post({ type: 'progress', ...p }); }
        },
      });
      port.post({ type: 'done', result });
    })().catch((e: unknown) => {
      const err = e as { code?: unknown; message?: unknown };
      port.post({ type: 'error', code: typeof err?.code === 'string' ? err.code : 'E_WORKER', message: String(err?.message ?? e) });
    });
  });
  port.post({ type: 'ready' });
}

void main();
