// Soak test (not in CI): many consecutive fits in one process must keep memory flat and leave
// nothing running. Reports resident and heap memory after a warm-up and at the end, sampled
// after a forced GC, and the handles still open when the loop is over.
// Usage: node --expose-gc dist/bench/soak.js [--fits 1000] [--generations 200] [--json]
import { SymbolicRegressor } from '../src/search/regressor.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const fits = Number(arg('fits') ?? 1000);
const generations = Number(arg('generations') ?? 200);
const json = process.argv.includes('--json');
const log = (s: string) => { if (!json) console.log(s); else console.error(s); };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) log('note: run with node --expose-gc for exact memory figures');

const X = Array.from({ length: 200 }, (_, i) => [i / 50 - 2, Math.sin(i)]);
const y = X.map(([a, b]) => a * a + a * b);
const sample = () => {
  gc?.(); gc?.();
  const m = process.memoryUsage();
  return { rssMiB: m.rss / 2 ** 20, heapMiB: m.heapUsed / 2 ** 20, externalMiB: (m.external + m.arrayBuffers) / 2 ** 20 };
};
const warmup = Math.min(100, Math.floor(fits / 10));
let atWarmup = sample();
const samples: { fit: number; rssMiB: number; heapMiB: number; externalMiB: number }[] = [];
const t0 = performance.now();
for (let i = 1; i <= fits; i++) {
  const sr = new SymbolicRegressor({ generations, seed: i, functions: ['add', 'sub', 'mul', 'sin'] });
  await sr.fit(X, y);
  if (i === warmup) atWarmup = sample();
  if (i % Math.max(1, Math.floor(fits / 10)) === 0) {
    const s = { fit: i, ...sample() };
    samples.push(s);
    log(`fit ${i}: rss ${s.rssMiB.toFixed(1)} MiB, heap ${s.heapMiB.toFixed(1)} MiB, external ${s.externalMiB.toFixed(1)} MiB`);
  }
}
const end = sample();
const handles = (process as unknown as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo?.() ?? [];
const result = {
  fits, generations, seconds: +((performance.now() - t0) / 1000).toFixed(1), warmupFits: warmup,
  rssGrowthMiB: +(end.rssMiB - atWarmup.rssMiB).toFixed(1), heapGrowthMiB: +(end.heapMiB - atWarmup.heapMiB).toFixed(2),
  externalGrowthMiB: +(end.externalMiB - atWarmup.externalMiB).toFixed(2), rssEndMiB: +end.rssMiB.toFixed(1),
  // Open handles besides stdio (a leaked worker or timer would show here).
  openHandlesAfter: handles.filter((h) => !/^(TTYWrap|PipeWrap|FSReqCallback)$/.test(h)), gcExposed: !!gc, samples,
};
console.log(JSON.stringify(result));
