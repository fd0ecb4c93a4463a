// `eqlens train`: train an MLP on a CSV file and write it as eqlens-mlp-v1 JSON.
import { writeFile, rename } from 'node:fs/promises';
import { readCsv, splitTarget } from '../data/csv.js';
import { EqlensError } from '../errors.js';
import { trainMlp } from '../nn/train.js';
import type { Activation } from '../nn/mlp.js';
import { parseArgs } from './args.js';

export const TRAIN_HELP = `eqlens train --data file.csv --target y --out model.json [options]

  --hidden 64,64       hidden layer widths (default 64,64)
  --activation NAME    tanh | relu | sigmoid | elu | linear (default tanh)
  --task NAME          regression | classification (labels 0, 1, …) (default regression)
  --epochs N           default 200;  --batch-size N default 64;  --learning-rate R default 0.003
  --seed S             default 0
  --json               print a JSON summary on stdout`;

export async function runTrain(argv: readonly string[], out: (s: string) => void, signal: AbortSignal): Promise<void> {
  const a = parseArgs(argv, {
    data: 'string', target: 'string', out: 'string', hidden: 'string', activation: 'string', task: 'string',
    epochs: 'number', 'batch-size': 'number', 'learning-rate': 'number', seed: 'number', json: 'boolean', help: 'boolean',
  });
  if (a.help) { out(TRAIN_HELP); return; }
  for (const k of ['data', 'target', 'out']) if (!a[k]) throw new EqlensError('E_OPTION', `eqlens train needs --${k}`);
  const hidden = a.hidden === undefined ? undefined : String(a.hidden).split(',').map((s) => Number(s.trim()));
  // Text columns are categories: one-hot features, class-index targets.
  const { X, y } = splitTarget(await readCsv(String(a.data), { categorical: 'auto' }), String(a.target), String(a.data));
  const t0 = performance.now();
  let last = { epoch: 0, loss: NaN, valLoss: undefined as number | undefined };
  const mlp = await trainMlp(X, y, {
    ...(hidden && { hidden }),
    ...(a.activation !== undefined && { activation: String(a.activation) as Exclude<Activation, 'softmax'> }),
    ...(a.task !== undefined && { task: String(a.task) as 'regression' | 'classification' }),
    ...(a.epochs !== undefined && { epochs: a.epochs as number }),
    ...(a['batch-size'] !== undefined && { batchSize: a['batch-size'] as number }),
    ...(a['learning-rate'] !== undefined && { learningRate: a['learning-rate'] as number }),
    ...(a.seed !== undefined && { seed: a.seed as number }),
    signal,
    onProgress: (p) => {
      last = p;
      if (!a.json && process.stderr.isTTY) process.stderr.write(`\repoch ${p.epoch}/${p.epochs} loss ${p.loss.toExponential(3)}${p.valLoss === undefined ? '' : ` val ${p.valLoss.toExponential(3)}`}   `);
    },
  });
  if (!a.json && process.stderr.isTTY) process.stderr.write('\n');
  // Atomic write: a crash never leaves half a model behind.
  const file = String(a.out);
  try {
    await writeFile(`${file}.tmp`, JSON.stringify(mlp.toJSON()));
    await rename(`${file}.tmp`, file);
  } catch (e) {
    throw new EqlensError('E_IO', `cannot write ${file}: ${(e as Error).message}`);
  }
  const summary = { out: file, sizes: mlp.sizes, parameters: mlp.parameterCount, epochs: last.epoch, loss: last.loss, valLoss: last.valLoss ?? null, seconds: (performance.now() - t0) / 1000 };
  out(a.json ? JSON.stringify(summary) : `wrote ${file}: ${mlp.sizes.join('-')} network, ${summary.parameters} parameters, ${summary.epochs} epochs, final loss ${last.loss.toExponential(3)} (standardised units), ${summary.seconds.toFixed(1)} s`);
}
