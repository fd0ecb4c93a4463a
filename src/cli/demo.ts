// `eqlens demo`: what eqlens does, in under two minutes. A physics data set (Coulomb's law in
// units where ε₀ = 1), a network trained on it, SRNet (an equation per layer and for the whole
// network) and distill (symbolic regression with the network as the oracle), printed beside the
// true law with fidelity figures, and an HTML report. Seeded; Ctrl-C keeps what is done so far.
import { EqlensError } from '../errors.js';
import { sampleBox, type Box } from '../data/samplers.js';
import { trainMlp } from '../nn/train.js';
import type { Mlp } from '../nn/mlp.js';
import { srnet, type SrnetResult } from '../explain/srnet.js';
import { distill, type DistillResult } from '../explain/distill.js';
import { fidelityText } from '../explain/fidelity.js';
import { parseArgs } from './args.js';
import { progressBar } from './progress.js';

export const DEMO_HELP = `eqlens demo [--report FILE] [--seed S] [--json]

  Coulomb's law F = q1·q2 / (4π ε0 r²) (ε0 = 1), q1, q2 in [1, 3], r in [1, 2]: trains a
  3-8-8-1 network on 1000 points, runs SRNet and distill on it, prints the equations beside the
  true law with their fidelity, and writes an HTML report.
  --report FILE        default eqlens-report.html ("-" for none)
  --seed S             default 1
  --fast               fewer epochs and generations (a smoke test, ~15 s)
  --json               print exactly one JSON document on stdout`;

export const DEMO_NAMES = ['q1', 'q2', 'r'] as const;
export const DEMO_BOX: Box = [[1, 3], [1, 3], [1, 2]];
export const coulomb = ([q1, q2, r]: readonly number[]) => (q1 * q2) / (4 * Math.PI * r * r);
export const COULOMB_TEXT = 'q1 * q2 / (4 * pi * r^2)';
export const COULOMB_LATEX = '\\frac{q_1 q_2}{4 \\pi \\varepsilon_0 r^2}';

export interface DemoResult {
  mlp: Mlp | null;
  X: number[][];
  y: number[];
  srnet: SrnetResult | null;
  distill: DistillResult | null;
  aborted: boolean;
  seconds: { train: number; srnet: number; distill: number; report: number; total: number };
}

/** Runs the demo's steps; a step started after an abort is skipped. */
export async function runDemoSteps(seed: number, fast: boolean, signal: AbortSignal, quiet: boolean): Promise<DemoResult> {
  const t0 = performance.now();
  const X = sampleBox(DEMO_BOX, 1000, seed);
  const y = X.map(coulomb);
  const res: DemoResult = { mlp: null, X, y, srnet: null, distill: null, aborted: false, seconds: { train: 0, srnet: 0, distill: 0, report: 0, total: 0 } };
  const bar = (label: string, unit?: string, loss?: string) => (quiet ? { update() {}, stop() {} } : progressBar(label, unit, loss));

  let t = performance.now();
  const b1 = bar('train  ', 'epoch', 'val loss');
  try {
    res.mlp = await trainMlp(X, y, {
      hidden: [8, 8], epochs: fast ? 30 : 100, seed, signal,
      onProgress: (p) => b1.update({ generation: p.epoch, generations: p.epochs, bestLoss: p.valLoss ?? p.loss, evaluations: 0, elapsedMs: 0 }),
    });
  } finally { b1.stop(); }
  res.seconds.train = (performance.now() - t) / 1000;

  const mlp = res.mlp;
  if (!signal.aborted) {
    t = performance.now();
    const b2 = bar('srnet  ');
    try {
      res.srnet = await srnet(mlp, X.slice(0, 300), {
        seed, generations: fast ? 300 : 2000, variableNames: [...DEMO_NAMES], signal,
        onProgress: (p) => b2.update({ generation: p.generation, generations: p.generations, bestLoss: p.fitness, evaluations: 0, elapsedMs: p.elapsedMs }),
      });
    } catch (e) {
      if (!(e instanceof EqlensError && e.code === 'E_ABORTED')) throw e;
    } finally { b2.stop(); }
    res.seconds.srnet = (performance.now() - t) / 1000;
  }
  if (!signal.aborted) {
    t = performance.now();
    const b3 = bar('distill');
    try {
      res.distill = await distill(mlp, {
        box: DEMO_BOX, seed, generations: fast ? 5000 : 20000, variableNames: [...DEMO_NAMES],
        functions: ['add', 'sub', 'mul', 'div'], signal, onProgress: (p) => b3.update(p),
      });
    } catch (e) {
      if (!(e instanceof EqlensError && e.code === 'E_ABORTED')) throw e;
    } finally { b3.stop(); }
    res.seconds.distill = (performance.now() - t) / 1000;
  }
  res.aborted = signal.aborted;
  res.seconds.total = (performance.now() - t0) / 1000;
  return res;
}

export async function runDemo(argv: readonly string[], out: (s: string) => void, signal: AbortSignal): Promise<void> {
  const a = parseArgs(argv, { report: 'string', seed: 'number', fast: 'boolean', json: 'boolean', help: 'boolean' });
  if (a.help) { out(DEMO_HELP); return; }
  const seed = (a.seed as number | undefined) ?? 1;
  const file = (a.report as string | undefined) ?? 'eqlens-report.html';
  const r = await runDemoSteps(seed, a.fast === true, signal, a.json === true);
  const t = performance.now();
  if (file !== '-') {
    const { writeDemoReport } = await import('../report/demo.js');
    await writeDemoReport(file, r, seed);
  }
  r.seconds.report = (performance.now() - t) / 1000;
  r.seconds.total += r.seconds.report;
  if (a.json) {
    out(JSON.stringify({
      truth: COULOMB_TEXT, seed, aborted: r.aborted, network: r.mlp?.sizes ?? null,
      srnet: r.srnet, distill: r.distill, report: file === '-' ? null : file, seconds: r.seconds,
    }));
    return;
  }
  out(`Coulomb's law, ε0 = 1: 1000 points with q1, q2 in [1, 3], r in [1, 2]`);
  out(`network ${r.mlp!.sizes.join('-')} (tanh), trained in ${r.seconds.train.toFixed(1)} s`);
  if (r.srnet) {
    out(`\nSRNet, per-layer semantics (${r.srnet.generationsText}, ${r.seconds.srnet.toFixed(1)} s):`);
    r.srnet.layers.forEach((l, i) => {
      const unit = i === r.srnet!.layers.length - 1 ? 'output' : `h${i + 1}`;
      out(`  ${unit.padEnd(6)} = w·g + b (${l.weights.length} unit${l.weights.length === 1 ? '' : 's'}, MSE ${l.mse.toExponential(2)}):  g = ${l.expression}`);
    });
    out(`  the whole network, as one-dimensional maps: ${r.srnet.mapsText('F')}`);
    out(`  fidelity to the network: interpolation ${fidelityText(r.srnet.fidelity.interpolation)}; extrapolation ${fidelityText(r.srnet.fidelity.extrapolation)}`);
  }
  if (r.distill) {
    const d = r.distill;
    out(`\ndistill (symbolic regression on points the network labels, ${r.seconds.distill.toFixed(1)} s):`);
    out(`  true law:  F = ${COULOMB_TEXT}  (1/(4π) = ${(1 / (4 * Math.PI)).toPrecision(6)})`);
    out(`  recovered: F = ${d.best.expression}`);
    out(`  fidelity to the network: inside the box ${fidelityText(d.fidelity.inside)}; outside it (×1.5) ${fidelityText(d.fidelity.outside)}`);
    const truthR2 = await lawFidelity(d);
    out(`  the recovered equation against the true law inside the box: R² ${truthR2.toFixed(5)}`);
  }
  if (r.aborted) out('\nstopped early (Ctrl-C): the results above are the best found so far');
  if (file !== '-') out(`\nreport: ${file}`);
  out(`total ${r.seconds.total.toFixed(1)} s`);
}

/** R² of the distilled equation against the true law on fresh points of the box. */
export async function lawFidelity(d: DistillResult, seed = 99): Promise<number> {
  const X = sampleBox(DEMO_BOX, 1000, seed);
  const truth = X.map(coulomb);
  const eq = d.regressor.predict(X, d.bestIndex);
  const mean = truth.reduce((s, v) => s + v, 0) / truth.length;
  let ss = 0, st = 0;
  truth.forEach((v, i) => { ss += (eq[i] - v) ** 2; st += (v - mean) ** 2; });
  return 1 - ss / st;
}
