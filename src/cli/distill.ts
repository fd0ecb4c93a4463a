// `eqlens distill`: an equation for a whole network, found by symbolic regression on points
// the network labels inside a box, with its fidelity inside and beyond the box.
import { EqlensError } from '../errors.js';
import type { FunctionName } from '../cgp/functions.js';
import { distill } from '../explain/distill.js';
import { readModelFile } from './model.js';
import { parseBox } from '../explain/spec.js';
import { parseArgs } from './args.js';
import { progressBar } from './progress.js';

export const DISTILL_HELP = `eqlens distill --model model.json --box "x0:1:5,x1:1:5" [options]

  --model FILE         a network: eqlens-mlp-v1 JSON or a TensorFlow.js model.json
  --box RANGES         name:lo:hi per input, comma-separated (names optional: "1:5,1:5"); given
                       names are the variable names of the equations
  --samples N          points labelled by the network for the search (default 1000)
  --generations N      default 100000
  --seed S             default 0
  --output U           output unit (default 0)
  --logit              explain the output before its activation (a classifier's logit)
  --extrapolation F    fidelity is also measured between the box and the box scaled by F about
                       its centre (default 1.5; 1 turns it off)
  --functions LIST     comma-separated, e.g. add,sub,mul,div,sin (default: add sub mul div neg square sqrt exp ln sin cos tan)
  --time-limit SECONDS
  --threads N          worker threads (islands; default: the available cores; 1: the calling thread)
  --report FILE        also write a self-contained HTML report with plots
  --json               print exactly one JSON document on stdout`;

/**
 * @example
 * await runDistill(['--model', 'net.json', '--box', 'm:1:5,a:1:5', '--generations', '20000'], console.log, new AbortController().signal);
 */
export async function runDistill(argv: readonly string[], out: (s: string) => void, signal: AbortSignal): Promise<void> {
  const a = parseArgs(argv, {
    model: 'string', box: 'string', samples: 'number', generations: 'number', seed: 'number', output: 'number',
    logit: 'boolean', extrapolation: 'number', functions: 'string', 'time-limit': 'number', threads: 'number', json: 'boolean', help: 'boolean', report: 'string',
  });
  if (a.help) { out(DISTILL_HELP); return; }
  if (!a.model) throw new EqlensError('E_OPTION', 'eqlens distill needs --model FILE');
  if (!a.box) throw new EqlensError('E_OPTION', 'eqlens distill needs --box RANGES, e.g. --box "x0:1:5,x1:1:5"');
  const { names, box } = parseBox(String(a.box));
  const mlp = await readModelFile(String(a.model));
  const bar = a.json ? { update() {}, stop() {} } : progressBar('distill');
  let d;
  try {
    d = await distill(mlp, {
      box,
      ...(names && { variableNames: names }),
      ...(a.samples !== undefined && { samples: a.samples as number }),
      ...(a.threads !== undefined && { threads: a.threads as number }),
      ...(a.generations !== undefined && { generations: a.generations as number }),
      ...(a.seed !== undefined && { seed: a.seed as number }),
      ...(a.output !== undefined && { output: a.output as number }),
      ...(a.extrapolation !== undefined && { extrapolationFactor: a.extrapolation as number }),
      ...(a.functions !== undefined && { functions: String(a.functions).split(',').map((s) => s.trim()) as FunctionName[] }),
      ...(a['time-limit'] !== undefined && { timeLimitMs: 1000 * (a['time-limit'] as number) }),
      preActivation: a.logit === true,
      signal,
      onProgress: (p) => bar.update(p),
    });
  } finally {
    bar.stop();
  }
  if (a.report !== undefined) {
    const r = await import('../report/index.js');
    await r.writeReport(String(a.report), r.report('eqlens distill', `${String(a.model)}, box ${String(a.box)}`, await r.distillSections(d, mlp, names ?? box.map((_, i) => `x${i}`))));
  }
  if (a.json) { out(JSON.stringify(d)); return; }
  const outside = d.extrapolationBox !== null;
  const header = [' ', 'complexity', 'R² in', 'RMSE in', ...(outside ? ['R² out', 'RMSE out'] : []), 'equation'];
  // * marks figures taken over part of the points: the equation is not finite at the others.
  const star = (f: { nonFinite?: number }) => (f.nonFinite ? '*' : '');
  const rows = d.equations.map((e, i) => [
    i === d.bestIndex ? '→' : ' ', String(e.complexity), e.inside.r2.toFixed(6) + star(e.inside), e.inside.rmse.toExponential(3),
    ...(e.outside ? [e.outside.r2.toFixed(4) + star(e.outside), e.outside.rmse.toExponential(3)] : []), e.expression,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]))).join('  ');
  out(fmt(header));
  for (const r of rows) out(fmt(r));
  if (d.equations.some((e) => e.inside.nonFinite || e.outside?.nonFinite)) out('* the equation is not a finite number at some of the points (a pole); the figures are over the others');
  const j = d.toJSON();
  out(`\nfidelity to the network on fresh points: inside the box${outside ? `, and outside it up to ×${a.extrapolation ?? 1.5} (${d.extrapolationBox!.map(([lo, hi]) => `[${+lo.toPrecision(6)}, ${+hi.toPrecision(6)}]`).join(' × ')})` : ''}`);
  out(`${j.stopReason === 'aborted' ? 'stopped early; ' : ''}${j.generations} generations, ${j.evaluations} evaluations in ${j.seconds.toFixed(2)} s`);
}
