// Loader for the SRNet paper's networks and data (../shared/data/srnet in this repository's
// layout). Benchmarks and tests use it; the library never needs those files at run time.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EqlensError } from '../errors.js';
import { Mlp } from '../nn/mlp.js';
import { parseCsv, readCsv } from './csv.js';

export interface SrnetRegression {
  id: string;
  mlp: Mlp;
  training: TrainingRecord;
  X: number[][];
  /** Recorded hidden activations: hidden[layer][unit][row]. */
  hidden: number[][][];
  yNN: number[];
  yTrue: number[];
}

export interface SrnetClassification {
  name: string;
  mlp: Mlp;
  training: TrainingRecord;
  /** The whole PMLB data set (features, target). */
  data: { X: number[][]; y: number[] };
  /** The paper's 75/25 split, when shipped. */
  train?: { X: number[][]; y: number[] };
  test?: { X: number[][]; y: number[] };
}

/** The paper's training record kept in network.json (epochs, optimiser, accuracies, …). */
export type TrainingRecord = Record<string, unknown>;

async function readMlp(dir: string): Promise<{ mlp: Mlp; training: TrainingRecord }> {
  const file = join(dir, 'network.json');
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { training?: TrainingRecord };
    return { mlp: Mlp.fromJSON(json), training: json.training ?? {} };
  } catch (e) {
    if (e instanceof EqlensError) throw new EqlensError(e.code, `${file}: ${e.message}`);
    throw new EqlensError('E_IO', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/** `dir` is e.g. ../shared/data/srnet/regression/K0. */
export async function loadSrnetRegression(dir: string): Promise<SrnetRegression> {
  const { mlp, training } = await readMlp(dir);
  const t = await readCsv(join(dir, 'activations.csv'));
  const col = (n: string) => {
    const i = t.names.indexOf(n);
    if (i < 0) throw new EqlensError('E_CSV_COLUMN', `${dir}/activations.csv has no column "${n}"`);
    return t.rows.map((r) => r[i]);
  };
  const xs = t.names.filter((n) => /^x\d+$/.test(n));
  const hidden = mlp.layers.slice(0, -1).map((l, k) => Array.from({ length: l.outputs }, (_, j) => col(`h${k + 1}_${j}`)));
  return { id: dir.split(/[\\/]/).filter(Boolean).pop()!, mlp, training, X: t.rows.map((r) => xs.map((n) => r[t.names.indexOf(n)])), hidden, yNN: col('y_nn'), yTrue: col('y_true') };
}

/** `dir` is e.g. ../shared/data/srnet/classification/car. */
export async function loadSrnetClassification(dir: string): Promise<SrnetClassification> {
  const name = dir.split(/[\\/]/).filter(Boolean).pop()!;
  const { mlp, training } = await readMlp(dir);
  const table = await readCsv(join(dir, `${name}.tsv.gz`));
  const t = table.names.indexOf('target');
  if (t < 0) throw new EqlensError('E_CSV_COLUMN', `${dir}/${name}.tsv.gz has no "target" column`);
  const split = (rows: number[][]) => ({ X: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[r.length - 1]) });
  const data = { X: table.rows.map((r) => r.filter((_, i) => i !== t)), y: table.rows.map((r) => r[t]) };
  const out: SrnetClassification = { name, mlp, training, data };
  for (const part of ['train', 'test'] as const) {
    const file = join(dir, `${part}.csv`);
    if (existsSync(file)) out[part] = split(parseCsv(await readFile(file, 'utf8'), { header: false, source: file }).rows);
  }
  return out;
}
