// `eqlens gradients`: a closed-form description of a classifier's decision or of one hidden unit,
// as the simplest expression whose normalised gradient matches the network's (METHODS §4).
import { EqlensError } from '../errors.js';
import type { FunctionName } from '../cgp/functions.js';
import { readCsv, splitTarget } from '../data/csv.js';
import { symbolicGradients, type UnitSpec } from '../explain/gradients.js';
import { readModelFile } from './model.js';
import { parseArgs } from './args.js';
import { progressBar } from './progress.js';

export const GRADIENTS_HELP = `eqlens gradients --model model.json --data data.csv [options]

  --model FILE         a network: eqlens-mlp-v1 JSON or a TensorFlow.js model.json
  --data FILE          points (CSV/TSV); every column is a network input unless --target names
                       a column to leave out (e.g. the label); header names become variable names
  --target NAME        a column of --data that is not an input
  --unit U             'output' (the decision's log-odds, default) or L:k for unit k of weight
                       layer L (0-based; its pre-activation), e.g. 0:3
  --class C            for a softmax over more than two classes: whose log-odds to explain
  --band LO:HI         keep points whose probability is in [LO, HI] (default 1e-4:0.9999)
  --generations N      default 60000
  --time-limit SECONDS
  --seed S             default 0
  --functions LIST     comma-separated (default: add sub mul div neg square sqrt exp ln sin cos)
  --threads N          worker threads (islands; default: the available cores; 1: the calling thread)
  --report FILE        also write a self-contained HTML report with plots
  --json               print exactly one JSON document on stdout`;

export function parseUnit(text: string): UnitSpec {
  if (text === 'output') return 'output';
  const m = /^(\d+):(\d+)$/.exec(text.trim());
  if (!m) throw new EqlensError('E_OPTION', `option --unit: expected 'output' or LAYER:INDEX such as 0:3, got "${text}"`);
  return { layer: Number(m[1]), index: Number(m[2]) };
}

function parseBand(text: string): [number, number] {
  const parts = text.split(':').map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite)) throw new EqlensError('E_OPTION', `option --band: expected LO:HI such as 1e-4:0.9999, got "${text}"`);
  return [parts[0], parts[1]];
}

/**
 * @example
 * await runGradients(['--model', 'net.json', '--data', 'points.csv', '--unit', '0:2'], console.log, new AbortController().signal);
 */
export async function runGradients(argv: readonly string[], out: (s: string) => void, signal: AbortSignal): Promise<void> {
  const a = parseArgs(argv, {
    model: 'string', data: 'string', target: 'string', unit: 'string', class: 'number', band: 'string',
    generations: 'number', 'time-limit': 'number', seed: 'number', functions: 'string', threads: 'number', json: 'boolean', help: 'boolean', report: 'string',
  });
  if (a.help) { out(GRADIENTS_HELP); return; }
  if (!a.model) throw new EqlensError('E_OPTION', 'eqlens gradients needs --model FILE');
  if (!a.data) throw new EqlensError('E_OPTION', 'eqlens gradients needs --data FILE (the points where the network is described)');
  const unit = parseUnit(String(a.unit ?? 'output'));
  const mlp = await readModelFile(String(a.model));
  const table = await readCsv(String(a.data));
  const { X, names } = a.target !== undefined ? splitTarget(table, String(a.target), String(a.data)) : { X: table.rows, names: table.names };
  if (names.length !== mlp.inputs) {
    throw new EqlensError('E_DATA_SHAPE', `${String(a.data)} has ${names.length} input columns (${names.join(', ')}); the network takes ${mlp.inputs}`
      + (a.target === undefined ? ' (use --target to leave out a label column)' : ''));
  }
  const identifiers = names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) && new Set(names).size === names.length;
  const bar = a.json ? { update() {}, stop() {} } : progressBar('gradients');
  let r;
  try {
    r = await symbolicGradients(mlp, X, {
      unit,
      ...(identifiers && { variableNames: names }),
      ...(a.class !== undefined && { class: a.class as number }),
      ...(a.band !== undefined && { band: parseBand(String(a.band)) }),
      ...(a.generations !== undefined && { generations: a.generations as number }),
      ...(a['time-limit'] !== undefined && { timeLimitMs: 1000 * (a['time-limit'] as number) }),
      ...(a.seed !== undefined && { seed: a.seed as number }),
      ...(a.threads !== undefined && { threads: a.threads as number }),
      ...(a.functions !== undefined && { functions: String(a.functions).split(',').map((s) => s.trim()) as FunctionName[] }),
      signal,
      onProgress: (p) => bar.update(p),
    });
  } finally {
    bar.stop();
  }
  if (a.report !== undefined) {
    const rep = await import('../report/index.js');
    await rep.writeReport(String(a.report), rep.report('eqlens gradients', `${String(a.model)} on ${String(a.data)}`, await rep.gradientsSections(r)));
  }
  if (a.json) { out(JSON.stringify(r)); return; }
  out(`explaining the ${r.unitDescription} on ${r.points.train} points (${r.points.kept} of ${r.points.given} kept${r.points.band ? ` in the band [${r.points.band.join(', ')}]` : ''}; ${r.points.heldOut} held out)`);
  const header = [' ', 'complexity', 'loss', 'held-out', 'mean |cos|', 'g'];
  const rows = r.equations.map((e, i) => [i === r.bestIndex ? '→' : ' ', String(e.complexity), e.loss.toExponential(2),
    e.heldOutLoss.toExponential(2), e.cos.toFixed(5), e.expression]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((x) => x[c].length)));
  const fmt = (x: string[]) => x.map((v, c) => (c === x.length - 1 ? v : v.padEnd(widths[c]))).join('  ');
  out(fmt(header));
  for (const x of rows) out(fmt(x));
  out(`\ng = ${r.best.expression}   (mean |cos(∇g, ∇f)| on held-out points: ${r.best.cos.toFixed(5)})`);
  out(r.note);
  out(`${r.stopReason === 'aborted' ? 'stopped early; ' : ''}${r.generations} generations in ${r.seconds.toFixed(2)} s`);
}
