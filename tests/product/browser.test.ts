// The library in a real browser, unbundled: examples/browser/ served on 127.0.0.1, eqlens
// imported as ESM through the page's import map, eqlens.wasm found through import.meta.url. A
// fixed-seed SymbolicRegressor run in the page must give the same equation as in Node; the
// page's own button path (search + plots) must work; a screenshot is kept in test-artifacts/.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SymbolicRegressor } from '../../src/search/regressor.js';
import { Mlp, mlpToTfjs } from '../../src/index.js';
import { tensorflow } from '../../src/nn/tf.js';
import { artifact, hasChromium, launch, serve } from './chromium.js';

const built = existsSync('dist/src/index.js') && existsSync('dist/bindings/eqlens.wasm');
const inBrowser = hasChromium && built ? describe : describe.skip;
if (!built) console.warn('skipping the browser example test: run npm run build first');

const X = Array.from({ length: 21 }, (_, i) => [-1 + i / 10]);
const y = X.map(([x]) => x ** 4 + x ** 3 + x ** 2 + x);
const OPTIONS = { functions: ['add', 'sub', 'mul', 'div'], generations: 20000, seed: 7, variableNames: ['x'] } as const;

inBrowser('examples/browser in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    server = await serve('.');
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${server.url}/examples/browser/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, { timeout: 30000 });
  });
  afterAll(async () => { await browser?.close(); await server?.close(); });

  test('a fixed-seed SymbolicRegressor gives the same equations in the page as in Node', async () => {
    const node = await new SymbolicRegressor({ ...OPTIONS, functions: [...OPTIONS.functions] }).fit(X, y);
    const inPage = await page.evaluate(async ({ X, y, OPTIONS }) => {
      const { SymbolicRegressor } = await import('eqlens');
      const sr = await new SymbolicRegressor({ ...OPTIONS, functions: [...OPTIONS.functions] }).fit(X, y);
      return { best: sr.best().expression, front: sr.equations.map((e: { expression: string }) => e.expression) };
    }, { X, y, OPTIONS });
    expect(inPage.best).toBe(node.best().expression);
    expect(inPage.front).toEqual(node.equations.map((e) => e.expression));
  });

  test('threads: 2 runs the search as islands in Web Workers: same front as Node, and the page stays responsive', async () => {
    const opts = { ...OPTIONS, functions: [...OPTIONS.functions], generations: 40000, threads: 2 };
    const node = await new SymbolicRegressor(opts).fit(X, y);
    const inPage = await page.evaluate(async ({ X, y, opts }) => {
      const { SymbolicRegressor } = await import('eqlens');
      // Count main-thread timer ticks while the islands search (until the last progress report;
      // the front's constant fitting and simplification then run on the page's thread).
      let ticks = 0, searching = true, searchMs = 0;
      const t0 = performance.now();
      const timer = setInterval(() => { if (searching) ticks++; }, 10);
      const sr = await new SymbolicRegressor({ ...opts, onProgress: (p: { generation: number }) => {
        if (searching && p.generation >= 2 * opts.generations) { searching = false; searchMs = performance.now() - t0; }
      } }).fit(X, y);
      clearInterval(timer);
      const ms = searchMs;
      return { threads: sr.threads, front: sr.equations.map((e: { complexity: number; loss: number }) => [e.complexity, e.loss]), best: sr.best().expression, ticks, ms };
    }, { X, y, opts });
    expect(inPage.threads).toBe(2);
    // The same genomes (complexity and loss of every member; the printed forms of the longest
    // members depend on a simplification time budget) and the same chosen equation.
    expect(inPage.front).toEqual(node.equations.map((e) => [e.complexity, e.loss]));
    expect(inPage.best).toBe(node.best().expression);
    // During the search a 10 ms timer fires at least a third as often as on an idle page.
    expect(inPage.ms).toBeGreaterThan(200);
    expect(inPage.ticks).toBeGreaterThan(inPage.ms / 10 / 3);
  });

  test('the page finds an equation for its example and plots it', async () => {
    await page.fill('#generations', '5000');
    await page.click('#sr');
    await page.waitForFunction(() => /^done/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60000 });
    expect(await page.locator('#plot-front svg').count()).toBe(1);
    expect(await page.locator('#plot-fit svg').count()).toBe(1);
    await page.screenshot({ path: artifact('browser-example.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('the page trains a network with tfjs (WebAssembly backend) and distils it', async () => {
    await page.selectOption('#example', 'koza1');
    await page.click('#load');
    await page.fill('#generations', '3000');
    await page.click('#train');
    await page.waitForFunction(() => /^(distilled|error)/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 120000 });
    expect(await page.textContent('#status')).toMatch(/^distilled/);
    expect(await page.evaluate(async () => (await import('@tensorflow/tfjs')).getBackend())).toBe('wasm');
    await page.screenshot({ path: artifact('browser-distill.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('a tfjs model.json with its weight file loads from a URL and predicts as in Node', async () => {
    // Saved here the way tfjs's own `model.save` lays it out, then served over http.
    const tf = await tensorflow();
    const mlp = new Mlp([
      { inputs: 2, outputs: 3, activation: 'tanh', weight: Float32Array.from([0.5, -1, 0.25, 2, -0.75, 0.1]), bias: Float32Array.from([0.1, -0.2, 0.3]) },
      { inputs: 3, outputs: 1, activation: 'linear', weight: Float32Array.from([1, -2, 0.5]), bias: Float32Array.from([0.7]) },
    ]);
    const dir = artifact('tfjs-model');
    mkdirSync(dir, { recursive: true });
    await (await mlpToTfjs(mlp)).save(tf.io.withSaveHandler(async (a) => {
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(a.weightData as ArrayBuffer));
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const points = [[0, 0], [1, -1], [-2, 0.5], [0.3, 3]];
    const url = `${server.url}/test-artifacts/tfjs-model/model.json`;
    const inPage = await page.evaluate(async ({ url, points }) => {
      const { loadTfjsModel, mlpFromTfjs } = await import('eqlens');
      const m = mlpFromTfjs(await loadTfjsModel(url));
      const [y] = await m.predict(points);
      let missing = '';
      try { await loadTfjsModel(url.replace('model.json', 'missing.json')); } catch (e) { missing = String(e); }
      return { json: m.toJSON(), y: Array.from(y), missing };
    }, { url, points });
    expect(inPage.json).toEqual(mlp.toJSON());
    const [y] = await mlp.predict(points);
    inPage.y.forEach((v, r) => expect(v).toBeCloseTo(y[r], 6));
    expect(inPage.missing).toMatch(/404|not found|failed/i);
    errors.splice(0); // the 404 above was asked for
  });

  test('predict with threads: 2 runs half the rows in a Web Worker and equals one thread bit for bit', async () => {
    const r = await page.evaluate(async () => {
      const { Mlp } = await import('eqlens');
      let seed = 5;
      const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; };
      const sizes = [6, 40, 3];
      const mlp = new Mlp([0, 1].map((k) => ({ inputs: sizes[k], outputs: sizes[k + 1], activation: k ? 'softmax' : 'tanh',
        weight: Float32Array.from({ length: sizes[k] * sizes[k + 1] }, rnd), bias: Float32Array.from({ length: sizes[k + 1] }, rnd) })));
      const rows = 3001;
      const X = { data: Float32Array.from({ length: rows * 6 }, () => 4 * rnd()), shape: [rows, 6] as [number, number] };
      const one = await mlp.predict(X, { threads: 1 });
      const two = await mlp.predict(X, { threads: 2 });
      return { same: one.every((c: Float32Array, j: number) => c.every((v, i) => v === two[j][i])), rows: two[0].length };
    });
    expect(r).toEqual({ same: true, rows: 3001 });
    expect(errors).toEqual([]);
  });
});
