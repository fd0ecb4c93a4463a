// The HTML report: one self-contained file (no external URLs, KaTeX fonts inlined) with every
// kind of plot, rendered in headless Chromium without console errors; a screenshot is kept in
// test-artifacts/.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderReport, writeReport, tex } from '../../src/report/index.js';
import { main } from '../../src/cli/main.js';
import { allSections } from './fixtures.js';
import { artifact, hasChromium, launch } from './chromium.js';
import type { Browser } from 'playwright-core';

let dir: string;
let file: string;
let plots: string[];
let page: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eqlens-report-'));
  const all = await allSections();
  plots = all.plots;
  file = join(dir, 'report.html');
  await writeReport(file, { title: 'every section', subtitle: 'tests/product/report.test.ts', sections: all.sections });
  page = await readFile(file, 'utf8');
});

describe('report', () => {
  test('is one self-contained file: inline SVG plots, KaTeX with inlined fonts, nothing fetched', () => {
    for (const p of plots) expect(page).toContain(`data-plot="${p}"`);
    expect(page).toContain('<svg');
    expect(page).toContain('class="katex"');
    expect(page).toContain('data:font/woff2;base64,');
    const external = page.match(/<script|<link|src="http|url\((?!data:|#)[^)]*\)/g);
    expect(external).toBeNull();
  });

  test('typesets mathjs LaTeX (\\cdot run into a letter)', () => {
    expect(tex('\\frac{q_{1}\\cdotq_{2}}{r}')).toContain('class="katex"');
    expect(tex('\\frac{')).toMatch(/^<code>/);
  });

  test('--report on a command writes a report', async () => {
    const out = join(dir, 'sr.html');
    const lines: string[] = [];
    const code = await main(['sr', '--data', 'examples/koza1.csv', '--target', 'y', '--functions', 'add,mul', '--generations', '2000', '--report', out], (s) => lines.push(s));
    expect(code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('data-plot="pareto"');
    expect(html).toContain('data-plot="fit"');
    expect(await renderReport({ title: 't', sections: [] })).toMatch(/^<!doctype html>/);
  });
});

const inBrowser = hasChromium ? describe : describe.skip;
inBrowser('report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });

  test('loads without console errors, every plot drawn, screenshot saved', async () => {
    const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`request ${r.url()}`); });
    await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    for (const name of plots) {
      const fig = p.locator(`figure.plot[data-plot="${name}"] svg`);
      expect(await fig.count()).toBeGreaterThan(0);
      const box = await fig.first().boundingBox();
      expect(box!.width).toBeGreaterThan(50);
      expect(box!.height).toBeGreaterThan(50);
    }
    expect(await p.locator('.katex').count()).toBeGreaterThan(5);
    expect(await p.locator('.katex-error').count()).toBe(0);
    // KaTeX's own font is in use (inlined, so it loads offline).
    expect(await p.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
    await p.screenshot({ path: artifact('report.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
