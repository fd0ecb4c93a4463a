// `eqlens taylor`: the truncated Taylor polynomial of a network at one or more points.
import { EqlensError } from '../errors.js';
import { taylor } from '../explain/taylor.js';
import { readModelFile } from './model.js';
import { mergeNames, parseBox, parsePoints } from '../explain/spec.js';
import { parseArgs } from './args.js';

export const TAYLOR_HELP = `eqlens taylor --model model.json --at "x0:2" [options]

  --model FILE      a network: eqlens-mlp-v1 JSON or a TensorFlow.js model.json
  --at POINTS       expansion point, name:value per input, comma-separated, e.g. "m:2,a:3";
                    several points separated by ';' ("x:1;x:2;x:3"): their polynomials, written
                    in powers of the inputs, are averaged. Names are optional ("2,3") and, when
                    given, are the variable names of the printed polynomial
  --order K         highest total degree (default 2)
  --output U        output unit (default 0)
  --logit           expand the output before its activation (for a softmax classifier: the logit,
                    not the probability)
  --box RANGES      where the truncation error is measured, e.g. "x:0:4" or "m:1:5,a:1:5"
                    (default: the points' bounding box widened by 0.1 on each side)
  --digits N        significant digits of printed coefficients (default 4)
  --json            print exactly one JSON document on stdout`;

/**
 * @example
 * await runTaylor(['--model', 'net.json', '--at', 'x:1;x:2;x:3', '--order', '2', '--box', 'x:0:4'], console.log);
 */
export async function runTaylor(argv: readonly string[], out: (s: string) => void): Promise<void> {
  const a = parseArgs(argv, {
    model: 'string', at: 'string', order: 'number', output: 'number', logit: 'boolean', box: 'string',
    digits: 'number', json: 'boolean', help: 'boolean',
  });
  if (a.help) { out(TAYLOR_HELP); return; }
  if (!a.model) throw new EqlensError('E_OPTION', 'eqlens taylor needs --model FILE');
  if (!a.at) throw new EqlensError('E_OPTION', 'eqlens taylor needs --at POINT, e.g. --at "x0:2"');
  const at = parsePoints(String(a.at));
  const box = a.box === undefined ? undefined : parseBox(String(a.box));
  const names = mergeNames('--at', at.names, '--box', box?.names);
  const mlp = await readModelFile(String(a.model));
  const t = await taylor(mlp, {
    at: at.points,
    ...(box && { box: box.box }),
    ...(names && { variableNames: names }),
    ...(a.order !== undefined && { order: a.order as number }),
    ...(a.output !== undefined && { output: a.output as number }),
    ...(a.digits !== undefined && { digits: a.digits as number }),
    preActivation: a.logit === true,
  });
  if (a.json) { out(JSON.stringify(t)); return; }
  const vars = t.variables.join(', ');
  out(`f(${vars}) ≈ ${t.expression}`);
  const where = t.error.region.map(([lo, hi], i) => `${t.variables[i]} ∈ [${lo}, ${hi}]`).join(', ');
  out(`order ${t.order} at ${t.points.length === 1 ? `(${t.points[0].join(', ')})` : `${t.points.length} points (coefficients averaged)`}; `
    + `truncation error over ${where}: RMSE ${t.error.rmse.toExponential(3)}, max ${t.error.maxAbs.toExponential(3)}, R² ${t.error.r2.toFixed(6)}`);
  // As in the printed polynomial: highest degree first, x0 before x1 within a degree.
  const degree = (e: number[]) => e.reduce((a, b) => a + b, 0);
  const terms = [...t.terms].sort((p, q) => degree(q.exponents) - degree(p.exponents));
  const width = Math.max('term'.length, ...terms.map((x) => x.monomial.length));
  out(`\n${'term'.padEnd(width)}  coefficient`);
  for (const x of terms) out(`${x.monomial.padEnd(width)}  ${x.coefficient.toPrecision(8)}`);
}
