// The glue: views survive memory growth, results survive growth mid-fit, and the module loads
// in a worker thread (one instance per worker) from the built dist/.
import { describe, expect, test } from '@jest/globals';
import { Worker } from 'node:worker_threads';
import { createEngine } from '../../bindings/engine.js';
import { weightsByCode } from '../../src/cgp/functions.js';

describe('WASM memory', () => {
  test('views are re-created when memory grows, and data written before growth is intact', async () => {
    const engine = await createEngine();
    engine.setGeometry({ inputs: 1, constants: 0, rows: 1, cols: 2, levelsBack: 2, outputs: 1 }, [0, 2], weightsByCode());
    const p = engine.alloc(16);
    engine.f32.set([1, 2, 3, 4], p >> 2);
    const before = engine.f32;
    const pagesBefore = engine.raw.memory.buffer.byteLength;
    const big = engine.alloc(64 << 20); // forces memory.grow
    expect(engine.raw.memory.buffer.byteLength).toBeGreaterThan(pagesBefore);
    expect(before.length).toBe(0); // the old view is detached, silently
    expect(Array.from(engine.f32.subarray(p >> 2, (p >> 2) + 4))).toEqual([1, 2, 3, 4]);
    engine.free(big);
    engine.free(p);
  });
});

describe('workers', () => {
  test('each worker thread instantiates its own engine from dist/', async () => {
    const code = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(new URL('../../dist/bindings/engine.js', import.meta.url).href)}).then(async ({ createEngine }) => {
        const e = await createEngine();
        e.seed(42);
        parentPort.postMessage(e.raw.rngNext() >>> 0);
      });`;
    const run = () => new Promise<number>((resolve, reject) => {
      const w = new Worker(code, { eval: true });
      w.once('message', (m) => { resolve(m as number); void w.terminate(); });
      w.once('error', reject);
    });
    const [a, b] = await Promise.all([run(), run()]);
    const local = await createEngine();
    local.seed(42);
    expect(a).toBe(local.raw.rngNext() >>> 0);
    expect(b).toBe(a);
  });
});
