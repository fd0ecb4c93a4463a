// `eqlens sr`: symbolic regression on a CSV file.
import { readCsv, splitTarget } from '../data/csv.js';
import { EqlensError } from '../errors.js';
import { SymbolicRegressor } from '../search/regressor.js';
import type { FunctionName } from '../cgp/functions.js';
import { parseArgs } from './args.js';
import { progressBar } from './progress.js';

export const SR_HELP = `eqlens sr --data file.csv --target y [options]

  --data FILE          CSV/TSV (optionally .gz) with a header row
  --target NAME        the column to explain
  --functions LIST     comma-separated, e.g. add,sub,mul,div,sin (default: add sub mul div neg square sqrt exp ln sin cos tan)
  --generations N      default 100000
  --seed S             default 0
  --cols N, --rows N, --lambda N, --mutation-rate P, --constants N, --time-limit SECONDS
  --threads N          worker threads (islands; default: the available cores; 1: the calling thread)
  --checkpoint FILE    save the search state to FILE every 60 s and when it ends (Ctrl-C included)
  --resume FILE        continue a search from its checkpoint (same data and options; more
                       --generations allowed)
  --report FILE        also write a self-contained HTML report with plots
  --json               print exactly one JSON document on stdout`;

export async function runSr(argv: readonly string[], out: (s: string) => void, signal: AbortSignal): Promise<void> {
  const a = parseArgs(argv, {
    data: 'string', target: 'string', functions: 'string', generations: 'number', seed: 'number',
    cols: 'number', rows: 'number', lambda: 'number', 'mutation-rate': 'number', constants: 'number',
    'time-limit': 'number', threads: 'number', json: 'boolean', help: 'boolean', report: 'string', checkpoint: 'string', resume: 'string',
  });
  if (a.help) { out(SR_HELP); return; }
  if (!a.data) throw new EqlensError('E_OPTION', 'eqlens sr needs --data FILE');
  if (!a.target) throw new EqlensError('E_OPTION', 'eqlens sr needs --target COLUMN');
  const table = await readCsv(String(a.data));
  const { X, y, names } = splitTarget(table, String(a.target), String(a.data));
  const bar = a.json ? { update() {}, stop() {} } : progressBar('sr');
  const sr = new SymbolicRegressor({
    ...(a.functions !== undefined && { functions: String(a.functions).split(',').map((s) => s.trim()) as FunctionName[] }),
    ...(a.generations !== undefined && { generations: a.generations as number }),
    ...(a.seed !== undefined && { seed: a.seed as number }),
    ...(a.cols !== undefined && { cols: a.cols as number }),
    ...(a.rows !== undefined && { rows: a.rows as number }),
    ...(a.lambda !== undefined && { lambda: a.lambda as number }),
    ...(a['mutation-rate'] !== undefined && { mutationRate: a['mutation-rate'] as number }),
    ...(a.constants !== undefined && { constants: a.constants as number }),
    ...(a.threads !== undefined && { threads: a.threads as number }),
    ...(a['time-limit'] !== undefined && { timeLimitMs: 1000 * (a['time-limit'] as number) }),
    ...(a.checkpoint !== undefined && { checkpoint: String(a.checkpoint) }),
    ...(a.resume !== undefined && { resume: String(a.resume) }),
    variableNames: names.map((n) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `x${names.indexOf(n)}`)),
    signal,
    onProgress: (p) => bar.update(p),
  });
  try {
    await sr.fit(X, y);
  } finally {
    bar.stop();
  }
  for (const note of sr.notes) process.stderr.write(`eqlens: note: ${note}\n`);
  const json = sr.toJSON();
  if (a.report !== undefined) {
    const r = await import('../report/index.js');
    await r.writeReport(String(a.report), r.report('eqlens sr', `${String(a.data)}, target ${String(a.target)}`, await r.srSections(sr, X, y, sr.options.variableNames ?? names)));
  }
  if (a.json) {
    const strip = (e: typeof json.equations[number]) => ({ complexity: e.complexity, loss: e.loss, score: e.score, r2: e.r2, expression: e.expression, latex: e.latex });
    out(JSON.stringify({ equations: json.equations.map(strip), best: json.best && strip(json.best), seconds: json.seconds, generations: json.generations, stopReason: json.stopReason }));
    return;
  }
  const rows = json.equations.map((e, i) => [i === sr.bestIndex ? '→' : ' ', String(e.complexity), e.loss.toExponential(3), e.score.toFixed(3), e.expression]);
  const header = [' ', 'complexity', 'loss', 'score', 'equation'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]))).join('  ');
  out(fmt(header));
  for (const r of rows) out(fmt(r));
  out(`\n${json.stopReason === 'aborted' ? 'stopped early; ' : ''}${json.generations} generations, ${json.evaluations} evaluations in ${json.seconds.toFixed(2)} s`);
}
