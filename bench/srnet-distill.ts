// The network as an oracle (METHODS §3) on the SRNet paper's regression networks: distill
// (symbolic regression on points the network labels) against LIME and MAPLE, on the same
// extrapolation points as bench:srnet. distill samples the box ×1.5, the region SRNet's
// validation rows come from, so both query the network where they are measured; LIME and
// MAPLE see the training rows, as in bench:srnet. The equation scored is distill's own choice
// (`best`), never the one that does best on these points.
// Usage: npm run bench:srnet-distill -- [--json] [--runs N (default 10, seeds 1..N)] [--only K0,F1] [--baseline-points N].
// A table, then a last-line JSON object.
import { existsSync, readdirSync } from 'node:fs';
import { distill } from '../src/explain/distill.js';
import { limeFidelity } from '../src/explain/baselines/lime.js';
import { mapleFidelity } from '../src/explain/baselines/maple.js';
import { loadSrnetRegression } from '../src/data/srnet.js';
import { SRNET_DIR, extrapolationPoints, trainingBox } from './srnet-points.js';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
const json = process.argv.includes('--json');
const runs = Number(arg('runs') ?? 10);
const only = arg('only')?.split(',');
const baselinePoints = Number(arg('baseline-points') ?? 200);
const log = (s: string) => (json ? console.error(s) : console.log(s));
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const fmt = (v: number) => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));

async function row(id: string) {
  const d = await loadSrnetRegression(`${SRNET_DIR}regression/${id}`);
  const box = trainingBox(d.X);
  const points = extrapolationPoints(box, baselinePoints);
  const [truth] = await d.mlp.predict(points);
  const wide = box.map(([lo, hi]) => [(lo + hi) / 2 - 0.75 * (hi - lo), (lo + hi) / 2 + 0.75 * (hi - lo)] as [number, number]);
  const rmse: number[] = [], seconds: number[] = [], complexity: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const t0 = performance.now();
    const r = await distill(d.mlp, { box: wide, extrapolationFactor: 1, seed, threads: 1 });
    seconds.push((performance.now() - t0) / 1000);
    const f = r.regressor.compile(r.bestIndex);
    rmse.push(Math.sqrt(points.reduce((s, x, k) => s + (f(x) - truth[k]) ** 2, 0) / points.length));
    complexity.push(r.best.complexity);
    log(`  ${id} seed ${seed}: extrapolation RMSE ${fmt(rmse.at(-1)!)}, complexity ${r.best.complexity}, ${seconds.at(-1)!.toFixed(1)} s: ${r.best.expression}`);
  }
  const lime = await limeFidelity(d.mlp, d.X, points, { seed: 1, sampleAround: 'mean' });
  const maple = await mapleFidelity(d.mlp, d.X, points, { seed: 1 });
  return { distill: mean(rmse), distillPerSeed: rmse, lime: lime.fidelity, maple: maple.fidelity, complexity: mean(complexity), secondsPerRun: mean(seconds) };
}

async function main() {
  if (!existsSync(`${SRNET_DIR}regression`)) {
    console.error(`bench:srnet-distill needs the SRNet data at ${SRNET_DIR} (../shared beside the checkout)`);
    process.exit(1);
  }
  const ids = readdirSync(`${SRNET_DIR}regression`).filter((id) => !only || only.includes(id)).sort();
  const results: Record<string, Awaited<ReturnType<typeof row>>> = {};
  for (const id of ids) { log(`${id}: ${runs} run(s)`); results[id] = await row(id); }
  log('\nid   extrapolation RMSE distill / lime / maple   complexity  s/run');
  for (const [id, r] of Object.entries(results)) {
    log(`${id.padEnd(4)} ${fmt(r.distill)} / ${fmt(r.lime)} / ${fmt(r.maple)}`.padEnd(48) + `${r.complexity.toFixed(1).padEnd(11)} ${r.secondsPerRun.toFixed(1)}`);
  }
  const rows = Object.values(results);
  console.log(JSON.stringify({ runs, regression: results,
    belowBaselines: rows.filter((r) => r.distill < Math.min(r.lime, r.maple)).length, of: rows.length }));
}

await main();
