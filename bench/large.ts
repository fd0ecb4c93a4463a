// The largest data sets: N rows × 10 inputs (default 10 million) fitted whole within the default
// WASM memory budget, and again under a smaller budget, where the search runs on a seeded
// subsample with a note. Reports seconds, the rows searched, the note and peak resident memory.
// Usage: node dist/bench/large.js [--rows 10000000] [--json]
import { SymbolicRegressor } from '../src/search/regressor.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const rows = Number(arg('rows') ?? 10_000_000);
const json = process.argv.includes('--json');
const log = (s: string) => { if (!json) console.log(s); else console.error(s); };
const INPUTS = 10;

const t0 = performance.now();
const X = new Float32Array(rows * INPUTS);
const y = new Float64Array(rows);
let s = 12345;
for (let r = 0; r < rows; r++) {
  for (let i = 0; i < INPUTS; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; X[r * INPUTS + i] = s / 2 ** 31 - 1; }
  y[r] = X[r * INPUTS] * X[r * INPUTS + 1] + X[r * INPUTS + 2];
}
log(`generated ${rows} × ${INPUTS} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);

async function run(memoryLimitMiB: number) {
  const t = performance.now();
  const sr = new SymbolicRegressor({
    memoryLimitMiB, generations: 50, seed: 1, threads: 1, functions: ['add', 'mul'], constants: 0, optimizeConstants: false,
  });
  await sr.fit({ data: X, shape: [rows, INPUTS] }, y);
  const out = { memoryLimitMiB, seconds: +((performance.now() - t) / 1000).toFixed(1), best: sr.best().expression, r2: sr.best().r2, notes: sr.notes };
  log(JSON.stringify(out));
  return out;
}
const whole = await run(1024);
const limited = await run(256);
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ rows, inputs: INPUTS, whole, limited, peakRssMiB: Math.round(peak / 2 ** 20) }));
