// SRNet on the paper's own networks (../shared/data/srnet), at the paper's settings, against the
// paper's logged figures, with LIME and MAPLE as baselines:
//   regression: fitness (mean, best over N runs), seconds per run, and RMSE to the network on
//   extrapolation points for SRNet, LIME and MAPLE (the same points for all three);
//   classification: agreement with the network on the paper's test split.
// Usage: npm run bench:srnet -- [--json] [--runs N] [--only K0,F1,car] [--generations G]
//        [--classification-generations G] [--baseline-points N]. A table, then a last-line JSON object.
import { existsSync } from 'node:fs';
import { defaultLocalMoves, srnet, type SrnetResult } from '../src/explain/srnet.js';
import { limeFidelity } from '../src/explain/baselines/lime.js';
import { mapleFidelity } from '../src/explain/baselines/maple.js';
import { loadSrnetClassification, loadSrnetRegression } from '../src/data/srnet.js';
import { DEFAULT_LAYER_MOVES } from '../src/search/srnet-search.js';
import { DEFAULT_CEILING_START } from '../src/search/srnet-ceiling.js';
import { SRNET_DIR as DIR, extrapolationPoints, trainingBox } from './srnet-points.js';

// The paper's logs (../shared/data/srnet/README.md): mean and best fitness over 30 runs, minutes per run.
const PAPER: Record<string, [number, number, number]> = {
  K0: [9.61e-4, 6.11e-4, 160], K1: [0.849, 0.0962, 163], K2: [0.931, 0.222, 177], K3: [0.0934, 0.0273, 201],
  K4: [0.770, 0.627, 199], K5: [6.43, 4.62, 150], F0: [0.234, 0.105, 237], F1: [0.0116, 0.00637, 188],
  F2: [183, 115, 208], F3: [43.2, 5.72, 194], F4: [2.35e8, 1.21e8, 257], F5: [195, 57.5, 363],
};
// Test-split fidelity (%) reported by the paper: LIME, MAPLE, SRNet.
const PAPER_CLASSIFICATION: Record<string, [number, number, number]> = {
  analcatdata_aids: [90.9, 100, 100], agaricus_lepiota: [93.8, 98.2, 75.6], breast: [100, 100, 100], car: [100, 100, 100],
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const json = process.argv.includes('--json');
const runs = Number(arg('runs') ?? 10);
const only = arg('only')?.split(',');
const generations = arg('generations') ? Number(arg('generations')) : undefined;
// Classification runs are the slow ones (100-unit layers, 10×10 grids): their own budget.
const classificationGenerations = arg('classification-generations') ? Number(arg('classification-generations')) : generations;
const baselinePoints = Number(arg('baseline-points') ?? 200);
const log = (s: string) => { if (!json) console.log(s); else console.error(s); };
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const fmt = (v: number) => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));

async function regression(id: string) {
  const d = await loadSrnetRegression(`${DIR}regression/${id}`);
  const extrapolation = extrapolationPoints(trainingBox(d.X), baselinePoints);
  const fitness: number[] = [], seconds: number[] = [], rmse: number[] = [];
  let best: SrnetResult | undefined;
  for (let seed = 1; seed <= runs; seed++) {
    const t0 = performance.now();
    // threads: 1: one search per seed, the paper's protocol (islands are measured by bench/engine.ts).
    const r = await srnet(d.mlp, d.X, { seed, threads: 1, activations: [...d.hidden, [d.yNN]], ...(generations && { generations }) });
    seconds.push((performance.now() - t0) / 1000);
    fitness.push(r.fitness);
    // An equation that is not finite at some of the points (a pole) scores Infinity here: fidelity
    // itself measures the other points and counts these, which would flatter a comparison.
    const f = await r.fidelityOn(extrapolation);
    rmse.push(f.nonFinite ? Infinity : f.rmse!);
    if (!best || r.fitness < best.fitness) best = r;
    log(`  ${id} seed ${seed}: fitness ${fmt(r.fitness)} in ${seconds.at(-1)!.toFixed(1)} s (${r.generations} generations), extrapolation RMSE ${fmt(rmse.at(-1)!)}${f.nonFinite ? ` (not finite at ${f.nonFinite} of ${f.samples} points)` : ''}`);
  }
  // LIME as METHODS §7 has it samples around each point and so queries the network out there;
  // the lime package's default centres its samples on the training mean and extrapolates.
  const limePoint = await limeFidelity(d.mlp, d.X, extrapolation, { seed: 1 });
  const lime = await limeFidelity(d.mlp, d.X, extrapolation, { seed: 1, sampleAround: 'mean' });
  const maple = await mapleFidelity(d.mlp, d.X, extrapolation, { seed: 1 });
  const [paperMean, paperBest, paperMinutes] = PAPER[id];
  return {
    meanFitness: mean(fitness), bestFitness: Math.min(...fitness), paperMeanFitness: paperMean, paperBestFitness: paperBest,
    secondsPerRun: mean(seconds), paperMinutesPerRun: paperMinutes, speedup: (paperMinutes * 60) / mean(seconds),
    extrapolationRmse: { srnet: mean(rmse), lime: lime.fidelity, maple: maple.fidelity, limeAroundPoint: limePoint.fidelity },
    bestEquation: best!.equation,
  };
}

async function classification(name: string) {
  const d = await loadSrnetClassification(`${DIR}classification/${name}`);
  if (!d.train || !d.test) return undefined;
  const acc: number[] = [], seconds: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const t0 = performance.now();
    const r = await srnet(d.mlp, d.train.X, { seed, threads: 1, ...(classificationGenerations && { generations: classificationGenerations }) });
    seconds.push((performance.now() - t0) / 1000);
    acc.push((await r.fidelityOn(d.test.X)).accuracy!);
    log(`  ${name} seed ${seed}: test agreement ${(100 * acc.at(-1)!).toFixed(1)}% in ${seconds.at(-1)!.toFixed(1)} s`);
  }
  const lime = await limeFidelity(d.mlp, d.train.X, d.test.X, { seed: 1 });
  const maple = await mapleFidelity(d.mlp, d.train.X, d.test.X, { seed: 1 });
  const [pl, pm, ps] = PAPER_CLASSIFICATION[name];
  return {
    srnet: mean(acc), srnetBest: Math.max(...acc), lime: lime.fidelity, maple: maple.fidelity,
    paper: { lime: pl / 100, maple: pm / 100, srnet: ps / 100 }, secondsPerRun: mean(seconds), testPoints: d.test.X.length,
  };
}

async function main() {
  if (!existsSync(DIR)) {
    console.error(`bench:srnet needs the SRNet data at ${DIR} (../shared beside the checkout)`);
    process.exit(1);
  }
  const want = (id: string) => !only || only.includes(id);
  const regressionResults: Record<string, Awaited<ReturnType<typeof regression>>> = {};
  for (const id of Object.keys(PAPER).filter(want)) {
    log(`${id}: ${runs} run(s)`);
    regressionResults[id] = await regression(id);
  }
  const classificationResults: Record<string, NonNullable<Awaited<ReturnType<typeof classification>>>> = {};
  for (const name of Object.keys(PAPER_CLASSIFICATION).filter(want)) {
    log(`${name}: ${runs} run(s)`);
    const r = await classification(name);
    if (r) classificationResults[name] = r;
  }
  const rows = Object.entries(regressionResults);
  if (rows.length) {
    log('\nid   mean fitness  (paper)     best fitness  (paper)     s/run   (paper min)  speedup  extrapolation RMSE srnet / lime / maple (lime around the point)');
    for (const [id, r] of rows) {
      log(`${id.padEnd(4)} ${fmt(r.meanFitness).padEnd(13)} ${fmt(r.paperMeanFitness).padEnd(11)} ${fmt(r.bestFitness).padEnd(13)} ${fmt(r.paperBestFitness).padEnd(11)} `
        + `${r.secondsPerRun.toFixed(1).padEnd(7)} ${String(r.paperMinutesPerRun).padEnd(12)} ${r.speedup.toFixed(0).padEnd(8)} `
        + `${fmt(r.extrapolationRmse.srnet)} / ${fmt(r.extrapolationRmse.lime)} / ${fmt(r.extrapolationRmse.maple)} (${fmt(r.extrapolationRmse.limeAroundPoint)})`);
    }
  }
  const crow = Object.entries(classificationResults);
  if (crow.length) {
    log('\ndata set            srnet   lime    maple   (paper: lime / maple / srnet)');
    for (const [n, r] of crow) {
      log(`${n.padEnd(19)} ${(100 * r.srnet).toFixed(1).padEnd(7)} ${(100 * r.lime).toFixed(1).padEnd(7)} ${(100 * r.maple).toFixed(1).padEnd(7)} `
        + `${(100 * r.paper.lime).toFixed(1)} / ${(100 * r.paper.maple).toFixed(1)} / ${(100 * r.paper.srnet).toFixed(1)}`);
    }
  }
  const summary = {
    runs, generations: generations ?? 5000, classificationGenerations: classificationGenerations ?? 5000, layerMoves: DEFAULT_LAYER_MOVES, ceilingStart: { regression: DEFAULT_CEILING_START, classification: false }, localMoves: { regression: defaultLocalMoves('regression'), classification: defaultLocalMoves('classification') },
    regression: Object.fromEntries(rows.map(([id, r]) => [id, {
      meanFitness: r.meanFitness, bestFitness: r.bestFitness, paperMeanFitness: r.paperMeanFitness, paperBestFitness: r.paperBestFitness,
      secondsPerRun: r.secondsPerRun, paperMinutesPerRun: r.paperMinutesPerRun, extrapolationRmse: r.extrapolationRmse,
    }])),
    classification: Object.fromEntries(crow.map(([n, r]) => [n, { srnet: r.srnet, lime: r.lime, maple: r.maple }])),
    targets: {
      meanBelowPaperMean: rows.filter(([, r]) => r.meanFitness <= r.paperMeanFitness).length,
      meanBelowPaperBest: rows.filter(([, r]) => r.meanFitness <= r.paperBestFitness).length,
      atLeast100xFaster: rows.filter(([, r]) => r.speedup >= 100).length,
      extrapolationBelowBaselines: rows.filter(([, r]) => r.extrapolationRmse.srnet < Math.min(r.extrapolationRmse.lime, r.extrapolationRmse.maple)).length,
      classificationAtLeastBaselines: crow.filter(([, r]) => r.srnet >= Math.max(r.lime, r.maple)).length,
      of: { regression: rows.length, classification: crow.length },
    },
  };
  console.log(JSON.stringify(summary));
}

await main();
