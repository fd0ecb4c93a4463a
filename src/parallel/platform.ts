// The small platform layer under the island model: spawning a worker (worker_threads in Node,
// a module Web Worker in browsers) behind one interface, the default thread count, and buffers
// that can be shared between threads (SharedArrayBuffer) or, failing that, copied to each.
// Nothing here knows about CGP.

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** What the coordinator needs from a worker, the same in Node and in browsers. */
export interface WorkerHandle {
  post(message: unknown): void;
  /** Messages from the worker. */
  onMessage(cb: (message: unknown) => void): void;
  /** An uncaught error in the worker, a message that could not be deserialised, or an unexpected exit. */
  onFailure(cb: (error: Error) => void): void;
  /** Stops the worker; resolves once it is gone. */
  terminate(): Promise<void>;
  /** Node: whether the worker keeps the process running (a persistent worker only while it has work). Browsers: no-op. */
  keepAlive(on: boolean): void;
}

const live = new Set<object>();

/** Workers spawned by eqlens that have not exited yet (tests check that a search leaves none). */
export function liveWorkers(): number { return live.size; }

/** Cores available to this process: os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers. */
export async function defaultThreads(): Promise<number> {
  if (isNode) {
    const os = await import('node:os');
    return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  }
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, n ?? 1);
}

/**
 * SharedArrayBuffer is usable: always in Node; in browsers only on cross-origin-isolated pages
 * (COOP: same-origin + COEP: require-corp), otherwise it is undefined or cannot be posted.
 */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isNode || isolated === true;
}

/** A buffer every worker can read: shared when the platform allows, else a plain one (copied per worker by postMessage). */
export function allocTransferBuffer(bytes: number, share = sharedMemoryAvailable()): { buffer: ArrayBufferLike; shared: boolean } {
  return share ? { buffer: new SharedArrayBuffer(bytes), shared: true } : { buffer: new ArrayBuffer(bytes), shared: false };
}

/** Node: an existing file beside this module, else the compiled one in dist/ (tests run the TypeScript sources). */
async function resolveScript(url: URL): Promise<URL> {
  if (!isNode || url.protocol !== 'file:') return url;
  const { existsSync } = await import('node:fs');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const path = fileURLToPath(url);
  if (existsSync(path)) return url;
  const m = /^(.*)[\\/]src[\\/](.*)$/.exec(path);
  const built = m && `${m[1]}/dist/src/${m[2]}`;
  if (built && existsSync(built)) return pathToFileURL(built);
  return url;
}

/**
 * Starts the module worker at `url` (an ES module). In a browser, `browser` (when given) makes
 * the Worker itself: written at the call site as `new Worker(new URL('./x.js', import.meta.url),
 * { type: 'module' })`, the form bundlers (Vite, webpack 5) recognise and bundle as a worker.
 * `persistent`: see below.
 */
export async function spawnWorker(url: URL, browser?: () => Worker, o: { persistent?: boolean } = {}): Promise<WorkerHandle> {
  const script = isNode ? await resolveScript(url) : url;
  // A persistent worker (the predict pool) outlives the call that made it: it is not counted
  // as live, and in Node its owner unrefs it while idle (keepAlive) so that it never keeps
  // the process running.
  const track = (w: object) => { if (!o.persistent) live.add(w); };
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    // Workers inherit the parent's Node flags; --input-type (allowed only with -e/--eval or
    // stdin) would make a file worker fail to start.
    const w = new Worker(script, { execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')) });
    // A persistent worker keeps the process running until its owner says it is idle.
    let alive = true;
    track(w);
    let exited = false, terminating = false;
    const failures: ((e: Error) => void)[] = [];
    const fail = (e: Error) => failures.forEach((cb) => cb(e));
    w.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    w.on('messageerror', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    w.on('exit', (code) => {
      exited = true; live.delete(w);
      if (!terminating) fail(new Error(`worker exited unexpectedly with code ${code}`));
    });
    return {
      post: (m) => w.postMessage(m),
      // A 'message' listener refs the worker's port again: re-apply the persistent state.
      onMessage: (cb) => { w.on('message', cb); if (o.persistent && !alive) w.unref(); },
      keepAlive: (on) => { alive = on; if (on) w.ref(); else w.unref(); },
      onFailure: (cb) => { failures.push(cb); },
      terminate: async () => {
        terminating = true;
        if (!exited) await w.terminate();
        live.delete(w);
      },
    };
  }
  const W = (globalThis as unknown as { Worker: new (u: URL, o: { type: 'module' }) => Worker }).Worker;
  const w = browser ? browser() : new W(script, { type: 'module' });
  track(w);
  const failures: ((e: Error) => void)[] = [];
  const fail = (e: Error) => failures.forEach((cb) => cb(e));
  w.addEventListener('error', (e) => { e.preventDefault(); fail(new Error((e as ErrorEvent).message || 'worker error')); });
  w.addEventListener('messageerror', () => fail(new Error('a message from the worker could not be deserialised')));
  return {
    post: (m) => w.postMessage(m),
    onMessage: (cb) => w.addEventListener('message', (e) => cb((e as MessageEvent).data)),
    onFailure: (cb) => { failures.push(cb); },
    terminate: async () => { w.terminate(); live.delete(w); },
    keepAlive: () => {},
  };
}

/** The worker side: posting to and receiving from the thread that spawned this one. */
export interface ParentPort {
  post(message: unknown): void;
  onMessage(cb: (message: unknown) => void): void;
}

export async function parentPort(): Promise<ParentPort> {
  if (isNode) {
    const wt = await import('node:worker_threads');
    const port = wt.parentPort;
    if (!port) throw new Error('not running in a worker thread');
    return { post: (m) => port.postMessage(m), onMessage: (cb) => { port.on('message', cb); } };
  }
  const scope = globalThis as unknown as { postMessage(m: unknown): void; addEventListener(t: 'message', cb: (e: MessageEvent) => void): void };
  return { post: (m) => scope.postMessage(m), onMessage: (cb) => scope.addEventListener('message', (e) => cb(e.data)) };
}
