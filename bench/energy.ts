// Energy expansion (METHODS §6) on networks trained on Potts sequences with planted fields and
// couplings, the speed of the ~541,000-pass L = 50, q = 21 expansion, and the car data set.
//   Potts: sequences from a Metropolis sampler of a random model (randomPotts defaults: Gaussian
//   fields of scale 0.5, L planted pairs with Gaussian couplings of scale 1), half of the training
//   set, and as many uniformly random sequences (the low-energy side, which also shows the
//   network every pair of states); or (--design uniform) uniform sequences only. A one-hidden-
//   layer tanh network (trainMlp, which trains one-hot inputs through a sparse first layer)
//   regresses the planted energy F(x); settings per case below (POTTS4, POTTS21). Reported:
//   Pearson correlation of recovered and planted couplings (both zero-sum gauge, every entry of
//   every pair i < j), precision of the top-k pairs by ‖J̃_ij‖ (k = planted pairs), R² of the
//   order-1 and order-2 truncations against the network on held-out sequences (both kinds); for
//   reference differences around the consensus, averaged over 20 references, and autodiff; the
//   network's own R² on the planted energy, the training seconds and epochs run; and a control
//   network built to equal the planted energy (what the expansion recovers from a network that
//   has learned it).
//   Speed: a random 1050-128-1 tanh network, order 2, reference differences; against the same
//   passes as full one-hot rows through the dense WASM kernel, and the plain-TS twin (both timed
//   on a subset and scaled).
//   Car (../shared/data/srnet/classification/car, 6 categorical features, 4 classes): a softmax
//   classifier on one-hot features; each class logit's R² (consensus reference, and the zero-sum
//   terms averaged over 50 references drawn from the data) and top pairs (averaged).
// Usage: npm run bench:energy -- [--json] [--only potts4,potts21,speed,car] [--design mixture|uniform]
//        [--samples N] [--hidden H] [--activation tanh|relu] [--bias B] [--decay D] [--epochs N] [--batch N] [--lr R] [--patience N] [--plateau P]
//        (the Potts flags override the per-case defaults of whichever Potts cases run)
// A table, then a last-line JSON object.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomPotts, samplePotts, pottsEnergy, oneHotMatrix, type PottsModel } from '../src/data/potts.js';
import { readCsv } from '../src/data/csv.js';
import { trainMlp } from '../src/nn/train.js';
import { Mlp, type DenseLayer } from '../src/nn/mlp.js';
import { Rng } from '../src/cgp/rng.js';
import { energyExpansion } from '../src/explain/energy/expansion.js';
import { resolveLayout } from '../src/explain/energy/layout.js';
import { toZeroSum } from '../src/explain/energy/terms.js';
import { logitLayers, oneHotNetwork } from '../src/nn/one-hot.js';
import { oneHotForwardReference } from '../src/nn/one-hot-forward.js';
import { forwardLast } from '../bindings/nn.js';

const CAR = fileURLToPath(new URL('../../../shared/data/srnet/classification/car/car.tsv.gz', import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const json = process.argv.includes('--json');
const only = arg('only')?.split(',');
const want = (k: string) => !only || only.includes(k);
const log = (s: string) => { if (!json) console.log(s); else console.error(s); };
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let mx = 0, my = 0;
  for (let k = 0; k < x.length; k++) { mx += x[k]; my += y[k]; }
  mx /= x.length; my /= y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let k = 0; k < x.length; k++) { const a = x[k] - mx, b = y[k] - my; sxy += a * b; sxx += a * a; syy += b * b; }
  return sxy / Math.sqrt(sxx * syy);
}

function uniformSequences(m: PottsModel, n: number, seed: number): Int32Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Int32Array.from({ length: m.L }, () => rng.below(m.q)));
}

interface PottsSettings { samples: number; design: 'mixture' | 'uniform'; hidden: number; activation: 'tanh' | 'relu'; biasInit: number; weightDecay: number; epochs: number; batchSize: number; learningRate: number; patience: number; plateau: number }

async function potts(L: number, q: number, s: PottsSettings) {
  const t0 = performance.now();
  const model = randomPotts({ L, q, seed: 1 });
  // Training and held-out sets: design 'mixture': `samples` Metropolis samples (high F) and as
  // many uniform sequences (low F); 'uniform': 2·samples uniform sequences only. Held out: 1000
  // more of each kind (2000 uniform for 'uniform').
  const mixture = s.design === 'mixture';
  const mc = mixture ? samplePotts(model, s.samples + 1000, { seed: 2, burnIn: 500, thin: 5 }) : [];
  const uni = uniformSequences(model, (mixture ? 1 : 2) * (s.samples + 1000), 3);
  const nu = (mixture ? 1 : 2) * s.samples;
  const train = [...mc.slice(0, s.samples), ...uni.slice(0, nu)];
  const heldOut = [...mc.slice(s.samples), ...uni.slice(nu)];
  const y = Float64Array.from(train, (x) => pottsEnergy(model, x));
  const t1 = performance.now();
  let epochsRun = 0;
  const mlp = await trainMlp(oneHotMatrix(train, q), y, {
    hidden: [s.hidden], activation: s.activation, biasInit: s.biasInit, weightDecay: s.weightDecay, epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate, seed: 1,
    earlyStopping: { patience: s.patience }, reduceLearningRate: s.plateau > 0 && { patience: s.plateau, factor: 0.5 },
    onProgress: ({ epoch, loss, valLoss }) => {
      epochsRun = epoch;
      if (!json || process.env.EQLENS_PROGRESS) log(`    epoch ${epoch}: loss ${loss.toFixed(5)} validation ${valLoss?.toFixed(5)} (${((performance.now() - t1) / 1000).toFixed(0)} s)`);
    },
  });
  const trainSeconds = (performance.now() - t1) / 1000, dataSeconds = (t1 - t0) / 1000;
  const out: Record<string, unknown> = { L, q, ...s, plantedPairs: model.pairs.length, trainSequences: train.length, network: mlp.sizes.join('-'), epochsRun, dataSeconds: r4(dataSeconds), trainSeconds: r4(trainSeconds) };
  // Planted couplings in the zero-sum gauge, pair order i < j.
  const layout = resolveLayout({ states: q }, L * q);
  const J: Float64Array[] = [];
  for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++) J.push(Float64Array.from({ length: q * q }, (_, ab) => model.J[((i * L + j) * q + Math.floor(ab / q)) * q + (ab % q)]));
  const planted = toZeroSum(layout, { E0: 0, h: Array.from({ length: L }, (_, i) => model.h.slice(i * q, (i + 1) * q)), J });
  const plantedFlat = Float64Array.from(planted.J!.flatMap((m) => Array.from(m)));
  const isPlanted = new Set(model.pairs.map(([i, j]) => `${i},${j}`));
  const variants = { reference: { method: 'reference' }, referenceAveraged20: { method: 'reference', references: 20 }, autodiff: { method: 'autodiff' } } as const;
  for (const [method, opts] of Object.entries(variants)) {
    const e = await energyExpansion(mlp, { states: q, ...opts, data: heldOut });
    const rec = new Float64Array(plantedFlat.length);
    for (let i = 0, k = 0; i < L; i++) for (let j = i + 1; j < L; j++, k++) rec.set(e.coupling(i, j), k * q * q);
    const topK = e.pairs.slice(0, model.pairs.length).filter(({ i, j }) => isPlanted.has(`${i},${j}`)).length / model.pairs.length;
    const fieldCorr = pearson(Float64Array.from(planted.h.flatMap((v) => Array.from(v))), Float64Array.from(e.h.flatMap((v) => Array.from(v))));
    // The network's own error on the planted energy, for context.
    const [F] = await mlp.predict(oneHotMatrix(heldOut, q));
    const truth = heldOut.map((x) => pottsEnergy(model, x));
    let res = 0, tot = 0; const mt = truth.reduce((s, v) => s + v, 0) / truth.length;
    truth.forEach((v, r) => { res += (v - F[r]) ** 2; tot += (v - mt) ** 2; });
    out[method] = {
      couplingCorrelation: r4(pearson(plantedFlat, rec)), topKPrecision: r4(topK), fieldCorrelation: r4(fieldCorr),
      r2Order1: r4(e.fit.order1), r2Order2: r4(e.fit.order2!), forwardPasses: e.forwardPasses, seconds: r4(e.seconds),
    };
    out.networkR2OnPlantedEnergy = r4(1 - res / tot);
    log(`  potts L=${L} q=${q} ${method.padEnd(19)}: coupling corr ${pearson(plantedFlat, rec).toFixed(4)}, top-${model.pairs.length} precision ${topK.toFixed(3)}, `
      + `R² order 1 ${e.fit.order1.toFixed(4)} order 2 ${e.fit.order2!.toFixed(4)} (network ${mlp.sizes.join('-')}, R² on planted energy ${(1 - res / tot).toFixed(4)}, trained in ${trainSeconds.toFixed(1)} s)`);
  }
  // Control: a hand-built ReLU network that is exactly the planted energy (one unit per field
  // entry and per planted coupling entry, x_ia·x_jb = relu(x_ia + x_jb − 1)): what the expansion
  // recovers when the network has learned the couplings.
  const exact = plantedNetwork(model);
  const c = await energyExpansion(exact, { states: q, data: heldOut });
  const crec = new Float64Array(plantedFlat.length);
  for (let i = 0, k = 0; i < L; i++) for (let j = i + 1; j < L; j++, k++) crec.set(c.coupling(i, j), k * q * q);
  const ctop = c.pairs.slice(0, model.pairs.length).filter(({ i, j }) => isPlanted.has(`${i},${j}`)).length / model.pairs.length;
  out.exactNetworkControl = { network: exact.sizes.join('-'), couplingCorrelation: r4(pearson(plantedFlat, crec)), topKPrecision: r4(ctop), r2Order2: r4(c.fit.order2!), seconds: r4(c.seconds) };
  log(`  potts L=${L} q=${q} control (network = planted energy, ${exact.sizes.join('-')}): coupling corr ${pearson(plantedFlat, crec).toFixed(4)}, top-${model.pairs.length} precision ${ctop.toFixed(3)}, R² order 2 ${c.fit.order2!.toFixed(4)}`);
  return out;
}

function plantedNetwork(m: PottsModel): Mlp {
  const { L, q } = m, d = L * q;
  const units: { cols: number[]; bias: number; out: number }[] = [];
  for (let c = 0; c < d; c++) units.push({ cols: [c], bias: 0, out: m.h[c] });
  for (const [i, j] of m.pairs) {
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) units.push({ cols: [i * q + a, j * q + b], bias: -1, out: m.J[((i * L + j) * q + a) * q + b] });
  }
  const w = new Float32Array(units.length * d);
  units.forEach((u, k) => u.cols.forEach((c) => { w[k * d + c] = 1; }));
  return new Mlp([
    { inputs: d, outputs: units.length, activation: 'relu', weight: w, bias: Float32Array.from(units, (u) => u.bias) },
    { inputs: units.length, outputs: 1, activation: 'linear', weight: Float32Array.from(units, (u) => u.out), bias: new Float32Array(1) },
  ]);
}

async function speed() {
  const rng = new Rng(1);
  const mk = (i: number, o: number, activation: DenseLayer['activation']): DenseLayer => ({
    inputs: i, outputs: o, activation,
    weight: Float32Array.from({ length: i * o }, () => rng.gaussian() / Math.sqrt(i)), bias: Float32Array.from({ length: o }, () => 0.1 * rng.gaussian()),
  });
  const mlp = new Mlp([mk(1050, 128, 'tanh'), mk(128, 1, 'linear')]);
  await energyExpansion(mlp, { states: 21, order: 1 }); // warm-up (WASM instantiation)
  const t0 = performance.now();
  const e = await energyExpansion(mlp, { states: 21, order: 2 });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await energyExpansion(mlp, { states: 21, order: 2, method: 'autodiff' });
  const autodiffSeconds = (performance.now() - t1) / 1000;
  // The same passes as full 1050-wide one-hot rows through the dense kernel: 20,000 rows, scaled.
  const n = 20000;
  const cols = Array.from({ length: 1050 }, () => new Float32Array(n));
  for (let r = 0; r < n; r++) for (let i = 0; i < 50; i++) cols[i * 21 + rng.below(21)][r] = 1;
  const t2 = performance.now();
  await forwardLast(mlp.layers, { kind: 'columns', columns: cols, rows: n });
  const denseSeconds = ((performance.now() - t2) / 1000) * (e.forwardPasses / n);
  // The plain-TS twin of the column-sum pass on 20,000 pair rows, scaled.
  const net = oneHotNetwork(logitLayers(mlp), { columns: Array.from({ length: 50 }, (_, i) => i * 21), groupOf: Int32Array.from({ length: 1050 }, (_, c) => Math.floor(c / 21)) });
  const idx = Int32Array.from({ length: 2 * n }, () => rng.below(1050));
  const t3 = performance.now();
  oneHotForwardReference(net, idx, 2, n);
  const tsSeconds = ((performance.now() - t3) / 1000) * (e.forwardPasses / n);
  log(`  speed: L=50 q=21 order 2, 1050-128-1 tanh: ${e.forwardPasses} passes in ${seconds.toFixed(2)} s (target ≤ 10 s); autodiff ${autodiffSeconds.toFixed(2)} s; `
    + `as full one-hot rows through the dense WASM kernel ≈ ${denseSeconds.toFixed(1)} s; plain-TS column sums ≈ ${tsSeconds.toFixed(1)} s`);
  return { forwardPasses: e.forwardPasses, seconds: r4(seconds), autodiffSeconds: r4(autodiffSeconds), denseOneHotSecondsEstimated: r4(denseSeconds), typescriptTwinSecondsEstimated: r4(tsSeconds), target: 10, met: seconds <= 10 };
}

async function car(epochs: number) {
  if (!existsSync(CAR)) { log('  car: ../shared/data/srnet/classification/car not found, skipped'); return { skipped: true }; }
  const probe = await readCsv(CAR);
  const features = probe.names.filter((n) => n !== 'target');
  const table = await readCsv(CAR, { categorical: features });
  const t = table.names.indexOf('target');
  const categories = features.map((n) => table.categories![n]);
  const states = table.rows.map((r) => features.map((n) => r[table.names.indexOf(n)]));
  const X = states.map((x) => x.flatMap((a, i) => categories[i].map((_, k) => (k === a ? 1 : 0))));
  const y = table.rows.map((r) => r[t]);
  const mlp = await trainMlp(X, y, { task: 'classification', hidden: [32], activation: 'tanh', epochs, batchSize: 32, learningRate: 0.01, seed: 1 });
  const probs = await mlp.predict(X);
  const accuracy = y.filter((c, r) => probs.reduce((b, p, k) => (p[r] > probs[b][r] ? k : b), 0) === c).length / y.length;
  const classes: Record<string, unknown> = {};
  for (let c = 0; c < mlp.outputs; c++) {
    const e = await energyExpansion(mlp, { categories, positionNames: features, output: c, data: states });
    const avg = await energyExpansion(mlp, { categories, positionNames: features, output: c, data: states, references: 50 });
    const top = avg.pairs.slice(0, 3).map(({ i, j, norm }) => ({ pair: `${features[i]}×${features[j]}`, norm: r4(norm) }));
    classes[c] = { rows: y.filter((v) => v === c).length, r2Order1: r4(e.fit.order1), r2Order2: r4(e.fit.order2!), averaged50: { r2Order1: r4(avg.fit.order1), r2Order2: r4(avg.fit.order2!) }, topPairs: top };
    log(`  car class ${c} (${y.filter((v) => v === c).length} rows): R² order 1 ${e.fit.order1.toFixed(4)}, order 2 ${e.fit.order2!.toFixed(4)} (consensus reference); `
      + `averaged over 50 references ${avg.fit.order1.toFixed(4)}, ${avg.fit.order2!.toFixed(4)}; top pairs ${top.map((p) => `${p.pair} ${p.norm}`).join(', ')}`);
  }
  return { network: mlp.sizes.join('-'), trainingAccuracy: r4(accuracy), classes };
}

// Per-case defaults; --samples, --design, --hidden, --bias, --epochs, --batch, --lr, --patience
// override them for whichever Potts cases run. L = 20, q = 4 meets its targets as it was.
// L = 30, q = 21 (≈ 14,000 planted parameters) needs far more: with 20,000 sequences and 128
// units the network learned the fields and memorised the rest (couplings correlation ≈ 0). On
// uniform sequences a zero-sum coupling leaves no first-order trace, and a tanh unit with zero
// bias has zero mean curvature, so no gradient leads it to a pair: biasInit 2 (top-30 precision
// 0.07 → 1.0 at 100,000 uniform sequences). A full 21×21 coupling matrix takes about 21 units
// of curvature per sign, so 30 of them want ≳ 600 units: 1024. Averaged-reference coupling
// correlation / order-2 R², measured on 2 shared cores: 512 units, 300,000 sequences: 0.71 /
// 0.76; 1024 units, weightDecay 1e-5: 0.83 / 0.95 (19 epochs, early stop); 600,000 sequences,
// weightDecay 3e-5: 0.88 / 0.97 (12 epochs, stopped on a noisy validation loss); the same
// halving the learning rate after 2 epochs without progress (plateau 2, patience 6): 0.958 /
// 0.981, validation loss 0.0188 → 0.0074, 30 epochs, 1690 s of training.
const POTTS4: PottsSettings = { samples: 10000, design: 'mixture', hidden: 64, activation: 'tanh', biasInit: 0, weightDecay: 0, epochs: 60, batchSize: 128, learningRate: 0.002, patience: 10, plateau: 0 };
const POTTS21: PottsSettings = { samples: 300000, design: 'mixture', hidden: 1024, activation: 'tanh', biasInit: 2, weightDecay: 3e-5, epochs: 30, batchSize: 512, learningRate: 0.001, patience: 6, plateau: 2 };

function settings(defaults: PottsSettings): PottsSettings {
  const num = (name: string, v: number) => (arg(name) === undefined ? v : Number(arg(name)));
  const design = arg('design') ?? defaults.design;
  if (design !== 'mixture' && design !== 'uniform') throw new Error(`--design: expected mixture or uniform, got ${design}`);
  return {
    samples: num('samples', defaults.samples), design, hidden: num('hidden', defaults.hidden), activation: (arg('activation') ?? defaults.activation) as 'tanh' | 'relu',
    biasInit: num('bias', defaults.biasInit), weightDecay: num('decay', defaults.weightDecay), epochs: num('epochs', defaults.epochs),
    batchSize: num('batch', defaults.batchSize), learningRate: num('lr', defaults.learningRate), patience: num('patience', defaults.patience), plateau: num('plateau', defaults.plateau),
  };
}

async function main() {
  const summary: Record<string, unknown> = {};
  if (want('potts4')) summary.pottsL20q4 = await potts(20, 4, settings(POTTS4));
  if (want('potts21')) summary.pottsL30q21 = await potts(30, 21, settings(POTTS21));
  if (want('speed')) summary.speed = await speed();
  if (want('car')) summary.car = await car(150);
  const targets: Record<string, boolean> = {};
  for (const k of ['pottsL20q4', 'pottsL30q21']) {
    for (const v of ['reference', 'referenceAveraged20', 'autodiff']) {
      const r = (summary[k] as Record<string, { couplingCorrelation: number; topKPrecision: number; r2Order2: number }> | undefined)?.[v];
      if (r) targets[`${k}.${v}`] = r.couplingCorrelation >= 0.9 && r.topKPrecision >= 0.9 && r.r2Order2 >= 0.95;
    }
  }
  summary.targetsMet = targets;
  console.log(JSON.stringify(summary));
}

await main();
