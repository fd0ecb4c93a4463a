// `eqlens energy`: a network on categorical inputs as an energy model (fields and couplings).
import { readFile } from 'node:fs/promises';
import { EqlensError } from '../errors.js';
import { parseCsv, readCsv } from '../data/csv.js';
import { energyExpansion, type EnergyOptions } from '../explain/energy/expansion.js';
import { readModelFile } from './model.js';
import { parseArgs } from './args.js';

export const ENERGY_HELP = `eqlens energy --model model.json --data seqs.csv [options]

  --model FILE       a network on one-hot inputs: eqlens-mlp-v1 JSON or a TensorFlow.js model.json
  --data FILE        sequences (with --alphabet) or a table of categorical columns; its rows are
                     where R² of the truncations is measured, and their consensus is the reference
  --alphabet SYMS    read --data as sequences of these symbols, e.g. ACDEFGHIKLMNPQRSTVWY- ; the
                     sequence column is --column (default: the first); a header row is detected
                     when its cell is not a sequence over the alphabet. Without --alphabet every
                     column (but --target) is categorical, its states sorted as strings, one-hot
                     in column order (as 'eqlens train' encodes text columns)
  --column NAME      the sequence column (with --alphabet)
  --target NAME      a column to leave out (a table's label)
  --order K          1 (fields) or 2 (fields and couplings) (default 2)
  --method NAME      reference (differences around the reference) | autodiff (derivatives at
                     σ = 1/q) (default reference)
  --gauge NAME       zero-sum | reference (default zero-sum)
  --reference SEQ    the reference sequence (default: the consensus of --data)
  --references K     average the zero-sum terms over K references (the consensus and K − 1 rows
                     of --data): the network across the data rather than around one input
                     (default 1)
  --output U         output unit whose logit is expanded (default 0)
  --top N            coupled pairs to print (default 20)
  --report FILE      also write a self-contained HTML report (coupling-norm heatmap)
  --json             print exactly one JSON document on stdout`;

/**
 * @example
 * await runEnergy(['--model', 'net.json', '--data', 'seqs.csv', '--alphabet', 'ACDEFGHIKLMNPQRSTVWY-'], console.log);
 */
export async function runEnergy(argv: readonly string[], out: (s: string) => void, signal?: AbortSignal): Promise<void> {
  const a = parseArgs(argv, {
    model: 'string', data: 'string', alphabet: 'string', column: 'string', target: 'string', order: 'number',
    method: 'string', gauge: 'string', reference: 'string', references: 'number', output: 'number', top: 'number', json: 'boolean', help: 'boolean', report: 'string',
  });
  if (a.help) { out(ENERGY_HELP); return; }
  if (!a.model) throw new EqlensError('E_OPTION', 'eqlens energy needs --model FILE');
  if (!a.data) throw new EqlensError('E_OPTION', 'eqlens energy needs --data FILE');
  const top = (a.top as number | undefined) ?? 20;
  if (!Number.isInteger(top) || top < 0) throw new EqlensError('E_OPTION', `option --top: expected a non-negative integer, got ${top}`);
  const mlp = await readModelFile(String(a.model));
  const file = String(a.data);
  const input = a.alphabet !== undefined ? await readSequences(file, String(a.alphabet), a.column as string | undefined)
    : await readCategorical(file, a.target as string | undefined);
  const e = await energyExpansion(mlp, {
    ...input,
    ...(a.order !== undefined && { order: a.order as 1 | 2 }),
    ...(a.method !== undefined && { method: String(a.method) as EnergyOptions['method'] }),
    ...(a.gauge !== undefined && { gauge: String(a.gauge) as EnergyOptions['gauge'] }),
    ...(a.reference !== undefined && { reference: String(a.reference) }),
    ...(a.references !== undefined && { references: a.references as number }),
    ...(a.output !== undefined && { output: a.output as number }),
    ...(signal && { signal }),
  });
  if (a.report !== undefined) {
    const rep = await import('../report/index.js');
    const L = e.positions;
    const norms = Array.from({ length: L }, () => new Array<number>(L).fill(0));
    for (const { i, j, norm } of e.pairs) { norms[i][j] = norm; norms[j][i] = norm; }
    await rep.writeReport(String(a.report), rep.report('eqlens energy', `${String(a.model)} on ${file}`, [await rep.couplingSection(norms, e.layout.positionNames)]));
  }
  if (a.json) { out(JSON.stringify(e)); return; }
  const { positionNames: P, stateNames: S } = e.layout;
  const f = e.fit;
  out(`energy expansion of output ${e.output}'s logit: ${e.positions} positions, ${e.states.every((q) => q === e.states[0]) ? `${e.states[0]} states` : `${e.states.join('/')} states`}, `
    + `order ${e.order}, ${e.method}, ${e.gauge} gauge; ${e.forwardPasses} forward passes in ${e.seconds.toFixed(2)} s`);
  out(`R² against the network on ${f.samples} rows of ${file}: order 1 ${f.order1.toFixed(4)}${f.order2 === null ? '' : `, order 2 ${f.order2.toFixed(4)}`}`);
  out(`E0 = ${e.E0.toPrecision(6)}`);
  if (e.order === 2 && top > 0) {
    out(`\nmost coupled pairs (‖J̃_ij‖, zero-sum gauge) and their strongest state pair:`);
    out(`${'i'.padEnd(12)} ${'j'.padEnd(12)} ${'‖J̃‖'.padStart(10)}  strongest`);
    for (const { i, j, norm } of e.pairs.slice(0, top)) {
      const m = e.coupling(i, j), qj = e.states[j];
      let k = 0;
      for (let c = 1; c < m.length; c++) if (Math.abs(m[c]) > Math.abs(m[k])) k = c;
      out(`${P[i].padEnd(12)} ${P[j].padEnd(12)} ${norm.toPrecision(4).padStart(10)}  ${S[i][Math.floor(k / qj)]},${S[j][k % qj]}: ${m[k].toPrecision(4)}`);
    }
  }
  // The fields that move the logit most at each position.
  out(`\nlargest fields (h_i(a)):`);
  const fields = e.h.flatMap((hi, i) => Array.from(hi, (v, s) => ({ i, s, v }))).sort((x, y) => Math.abs(y.v) - Math.abs(x.v));
  for (const { i, s, v } of fields.slice(0, Math.min(top || 10, 10))) out(`${P[i].padEnd(12)} ${S[i][s].padEnd(8)} ${v.toPrecision(4)}`);
}

/** Sequences from one column; the header is the first row when its cell is not a sequence over the alphabet. */
async function readSequences(file: string, alphabet: string, column?: string): Promise<Partial<EnergyOptions>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read ${file}: ${(e as Error).message}`);
  }
  const firstCell = text.split(/\r?\n/, 1)[0].split(/[,\t]/)[0].trim();
  const header = column !== undefined || [...firstCell].some((c) => !alphabet.includes(c));
  const table = parseCsv(text, { source: file, header, categorical: 'auto' });
  const c = column === undefined ? 0 : table.names.indexOf(column);
  if (c < 0) throw new EqlensError('E_CSV_COLUMN', `${file} has no column "${column}"; columns are: ${table.names.join(', ')}`);
  const cats = table.categories?.[table.names[c]];
  const seqs = table.rows.map((r) => (cats ? cats[r[c]] : String(r[c])));
  return { alphabet, data: seqs };
}

/** Every column but the target as categories (sorted as strings), in column order. */
async function readCategorical(file: string, target?: string): Promise<Partial<EnergyOptions>> {
  const probe = await readCsv(file, { categorical: 'auto' });
  if (target !== undefined && !probe.names.includes(target)) {
    throw new EqlensError('E_CSV_COLUMN', `${file} has no column "${target}"; columns are: ${probe.names.join(', ')}`);
  }
  const names = probe.names.filter((n) => n !== target);
  const table = await readCsv(file, { categorical: names });
  const cols = names.map((n) => table.names.indexOf(n));
  const categories = names.map((n) => table.categories![n]);
  categories.forEach((c, k) => {
    if (c.length < 2) throw new EqlensError('E_DATA_VALUE', `${file}: column ${names[k]} has a single value (${c[0]}); an energy model needs at least 2 states per position`);
  });
  return { categories, positionNames: names, data: table.rows.map((r) => cols.map((c) => r[c])) };
}
