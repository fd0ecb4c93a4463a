// eqlens in a bundler: examples/vite/ built with Vite (its worker detection bundles the island
// worker; eqlens.wasm becomes an asset through new URL(…, import.meta.url)), served on
// 127.0.0.1 and run in headless Chromium. The same fixed-seed search, on the page's thread and
// as two islands in Web Workers, gives the same fronts as in Node.
import { describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { SymbolicRegressor } from '../../src/search/regressor.js';
import { artifact, hasChromium, launch, serve } from './chromium.js';

const built = existsSync('dist/src/index.js') && existsSync('dist/bindings/eqlens.wasm');
const inBrowser = hasChromium && built ? describe : describe.skip;

const X = Array.from({ length: 21 }, (_, i) => [-1 + i / 10]);
const y = X.map(([x]) => x ** 4 + x ** 3 + x ** 2 + x);
const nodeRun = async (threads: number) => {
  const sr = await new SymbolicRegressor({ functions: ['add', 'sub', 'mul', 'div'], generations: 20000, seed: 7, variableNames: ['x'], threads }).fit(X, y);
  return { threads: sr.threads, best: sr.best().expression, front: sr.equations.map((e) => [e.complexity, e.loss]) };
};

inBrowser('a Vite app (examples/vite)', () => {
  test('builds, runs in Chromium with threads 1 and 2, and matches Node', async () => {
    const { build } = await import('vite');
    await build({ configFile: 'examples/vite/vite.config.js' });
    expect(existsSync('test-artifacts/vite-app/index.html')).toBe(true);
    const server = await serve('test-artifacts/vite-app');
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      // The browser's own favicon request is not the app's.
      page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'running', null, { timeout: 60000 });
      const text = (await page.textContent('#out')) ?? '';
      await page.screenshot({ path: artifact('vite-app.png') });
      expect(errors).toEqual([]);
      expect(text).not.toMatch(/^error/);
      const inPage = JSON.parse(text);
      const [one, two] = [await nodeRun(1), await nodeRun(2)];
      expect(inPage.one).toEqual(one);
      expect(inPage.two).toEqual(two);
      expect(inPage.two.threads).toBe(2);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
