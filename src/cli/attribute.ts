// `eqlens attribute`: contextual decomposition of one prediction — feature scores, chosen groups,
// pairwise interactions and the ACD hierarchy — for one row of a CSV file.
import { readCsv } from '../data/csv.js';
import { EqlensError } from '../errors.js';
import { contextualDecomposition } from '../explain/cd/scores.js';
import { interactionMatrix } from '../explain/cd/interactions.js';
import { acd, type AcdNode } from '../explain/cd/acd.js';
import { checkGroups } from '../explain/cd/input.js';
import { logits, cdNetwork } from '../explain/cd/network.js';
import { parseArgs } from './args.js';
import { readModelFile } from './model.js';

export const ATTRIBUTE_HELP = `eqlens attribute --model model.json --data data.csv --row N [options]

  --model FILE       a network: eqlens-mlp-v1 JSON or a TensorFlow.js model.json
  --data FILE        CSV of inputs (every column but --target, when given)
  --target NAME      a column of --data to leave out of the inputs
  --row N            the data row to explain (0 = the first row after the header)
  --output U         output unit to explain (default: the predicted class of a softmax
                     classifier, else 0); scores are at the logit (before the activation)
  --groups LIST      feature groups to score: indices or column names, ',' within a group,
                     ';' between groups, e.g. "0,1;2,3" or "age,sex;bmi"
  --interactions     the pairwise interaction CD({i,j}) − CD({i}) − CD({j}) of every pair
  --top K            interactions to print, strongest first (default 10)
  --hierarchy        the ACD hierarchy of feature groups
  --sequence         hierarchy for a 1-D sequence: only neighbouring features join a group
  --percentile P     hierarchy: features at or above this percentile start groups (default 50)
  --report FILE      also write a self-contained HTML report with plots
  --json             print exactly one JSON document on stdout`;

/** "0,1;age,2" → [[0, 1], [index of age, 2]], with errors that name the group. */
function parseGroups(text: string, names: string[], inputs: number): number[][] {
  const groups = text.split(';').map((g, k) => {
    const tokens = g.split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (!tokens.length) throw new EqlensError('E_OPTION', `--groups: group ${k + 1} ("${g}") is empty; a group names at least one feature`);
    return tokens.map((t) => {
      if (/^-?\d+$/.test(t)) return Number(t);
      const i = names.indexOf(t);
      if (i < 0) throw new EqlensError('E_OPTION', `--groups: group ${k + 1}: no feature "${t}"; features are 0 to ${inputs - 1} or the names ${names.join(', ')}`);
      return i;
    });
  });
  checkGroups(groups, inputs, '--groups');
  return groups;
}

function printTree(n: AcdNode, names: string[], out: (s: string) => void, depth = 0): void {
  out(`${'  '.repeat(depth)}{${n.features.map((f) => names[f]).join(', ')}}  ${n.score.toPrecision(6)}`);
  for (const c of n.children) printTree(c, names, out, depth + 1);
}

/**
 * @example
 * await runAttribute(['--model', 'net.json', '--data', 'data.csv', '--row', '5', '--interactions'], console.log);
 */
export async function runAttribute(argv: readonly string[], out: (s: string) => void): Promise<void> {
  const a = parseArgs(argv, {
    model: 'string', data: 'string', target: 'string', row: 'number', output: 'number', groups: 'string',
    interactions: 'boolean', top: 'number', hierarchy: 'boolean', sequence: 'boolean', percentile: 'number', json: 'boolean', help: 'boolean', report: 'string',
  });
  if (a.help) { out(ATTRIBUTE_HELP); return; }
  if (!a.model || !a.data) throw new EqlensError('E_OPTION', 'eqlens attribute needs --model FILE and --data FILE');
  if (a.row === undefined) throw new EqlensError('E_OPTION', 'eqlens attribute needs --row N (0 = the first data row)');
  if (a.sequence && !a.hierarchy) throw new EqlensError('E_OPTION', '--sequence applies to --hierarchy; add --hierarchy');
  if (a.percentile !== undefined && !a.hierarchy) throw new EqlensError('E_OPTION', '--percentile applies to --hierarchy; add --hierarchy');
  if (a.top !== undefined && !a.interactions) throw new EqlensError('E_OPTION', '--top applies to --interactions; add --interactions');
  const top = (a.top as number | undefined) ?? 10;
  if (!Number.isInteger(top) || top < 1) throw new EqlensError('E_OPTION', `--top: expected a positive integer, got ${top}`);
  const mlp = await readModelFile(String(a.model));
  const file = String(a.data);
  const table = await readCsv(file);
  let cols = table.names.map((_, i) => i);
  if (a.target !== undefined) {
    const t = table.names.indexOf(String(a.target));
    if (t < 0) throw new EqlensError('E_CSV_COLUMN', `${file} has no column "${a.target}"; columns are: ${table.names.join(', ')}`);
    cols = cols.filter((i) => i !== t);
  }
  if (cols.length !== mlp.inputs) {
    throw new EqlensError('E_DATA_SHAPE', `${file} has ${cols.length} input columns${a.target === undefined ? '' : ` (without ${a.target})`}; the network takes ${mlp.inputs} (use --target to leave out a column)`);
  }
  const row = a.row as number;
  if (!Number.isInteger(row) || row < 0 || row >= table.rows.length) {
    throw new EqlensError('E_OPTION', `--row ${row} is out of range: ${file} has ${table.rows.length} data rows (0 to ${table.rows.length - 1})`);
  }
  const names = cols.map((i) => table.names[i]);
  const x = cols.map((i) => table.rows[row][i]);
  const z = logits(cdNetwork(mlp), x);
  const softmax = mlp.layers.at(-1)!.activation === 'softmax';
  let output = (a.output as number | undefined) ?? (softmax ? z.indexOf(Math.max(...z)) : 0);
  if (!Number.isInteger(output) || output < 0 || output >= mlp.outputs) throw new EqlensError('E_OPTION', `--output: expected an output unit 0 to ${mlp.outputs - 1}, got ${output}`);
  output = output as number;

  const single = contextualDecomposition(mlp, x);
  const features = names.map((name, i) => ({ feature: i, name, score: single.score(0, i, output) }));
  const groups = a.groups === undefined ? undefined : parseGroups(String(a.groups), names, mlp.inputs);
  const groupScores = groups && contextualDecomposition(mlp, x, { groups });
  const matrix = a.interactions ? interactionMatrix(mlp, x, { output }) : undefined;
  const tree = a.hierarchy
    ? acd(mlp, x, { output, structure: a.sequence ? 'sequence' : 'tabular', ...(a.percentile !== undefined && { percentile: a.percentile as number }) })
    : undefined;
  const all = contextualDecomposition(mlp, x, { groups: [names.map((_, i) => i)] });
  const biasShare = all.irrelevant[output];

  if (a.report !== undefined) {
    const rep = await import('../report/index.js');
    await rep.writeReport(String(a.report), rep.report('eqlens attribute', `${String(a.model)}, row ${row} of ${file}, output ${output}`,
      await rep.attributeSections({ names, scores: features.map((f) => f.score), ...(matrix && { matrix }), ...(tree && { tree }) })));
  }
  if (a.json) {
    out(JSON.stringify({
      row, output, logit: z[output], biasShare, features,
      ...(groups && { groups: groups.map((g, k) => ({ features: g, names: g.map((f) => names[f]), score: groupScores!.score(0, k, output) })) }),
      ...(matrix && { interactions: { ...matrix.toJSON(), strongest: matrix.strongest(top) } }),
      ...(tree && { hierarchy: tree }),
    }));
    return;
  }
  out(`row ${row} of ${file}, output ${output}${softmax ? ' (a class; scores at its logit)' : ''}: logit ${z[output].toPrecision(6)} = features ${all.score(0, 0, output).toPrecision(6)} + bias share ${biasShare.toPrecision(6)}`);
  const width = Math.max('feature'.length, ...names.map((n) => n.length));
  out(`\n${'feature'.padEnd(width)}  ${'value'.padStart(12)}  CD score`);
  for (const f of [...features].sort((p, q) => Math.abs(q.score) - Math.abs(p.score))) {
    out(`${f.name.padEnd(width)}  ${x[f.feature].toPrecision(6).padStart(12)}  ${f.score.toPrecision(6)}`);
  }
  if (groups) {
    out('\ngroup scores');
    groups.forEach((g, k) => out(`  {${g.map((f) => names[f]).join(', ')}}  ${groupScores!.score(0, k, output).toPrecision(6)}`));
  }
  if (matrix) {
    out(`\nstrongest interactions CD({i,j}) − CD({i}) − CD({j})`);
    for (const p of matrix.strongest(top)) out(`  ${names[p.features[0]]} × ${names[p.features[1]]}  ${p.interaction.toPrecision(6)}`);
  }
  if (tree) {
    out(`\nACD hierarchy (${a.sequence ? 'sequence' : 'tabular'}; started from ${tree.selected.map((f) => names[f]).join(', ')})`);
    printTree(tree.root, names, out, 1);
  }
}
