// `eqlens srnet`: the hidden semantics of every layer of a network, and the composed equation.
// Either the activations a training run recorded (--network + --activations, the SRNet paper's
// files), or a model and data from which eqlens samples the activations itself (--model + --data).
import { readCsv } from '../data/csv.js';
import { EqlensError } from '../errors.js';
import { srnet, type SrnetOptions } from '../explain/srnet.js';
import { fidelityText } from '../explain/fidelity.js';
import type { FunctionName } from '../cgp/functions.js';
import { parseArgs } from './args.js';
import { readModelFile } from './model.js';
import { progressBar } from './progress.js';

export const SRNET_HELP = `eqlens srnet (--network network.json --activations activations.csv | --model model.json --data data.csv) [options]

  --network FILE       a network (eqlens-mlp-v1 or tfjs model.json) whose activations were recorded
  --activations FILE   CSV: inputs x0…, hidden activations h<layer>_<unit> (layer 1 first), output y_nn
  --model FILE         a network; eqlens computes its activations on --data
  --data FILE          CSV of inputs (every column but --target, when given)
  --target NAME        a column of --data to leave out of the inputs
  --generations N      default 5000 (the paper's)
  --lambda N           mutants per generation, default 199
  --rows N, --cols N   CGP grid per layer, default 5×5 (regression), 10×10 (classification)
  --functions LIST     default add,sub,mul,div,sqrt,square,ln,sin,cos,tan
  --layer-moves N      mutants per layer whose chromosome also competes alone in the parent's chain,
                       by the full fitness; default 16, 0: the paper's plain MNNCGP-ES
  --local-moves N      single-active-gene mutants per layer of the parent's own chromosome that
                       compete the same way; default 16 for regression, 0 (off) for classifiers
  --ceiling-start N    generations of the ceiling start (regression): g₁ first searched alone for the
                       one the network's output is best read from, then held for the first 500
                       generations; default 500, 0: off
  --validation WHERE   rows the network labels beyond the training box, scored with it (regression;
                       30% as many as the training rows, at least 1,000): outside (default: only
                       outside the box, 1.5× as wide), whole (anywhere in the wider box), off
  --seed S             default 0
  --time-limit SECONDS stop then with the best so far
  --threads N          worker threads (independent islands, the best wins; default: the cores; 1: the calling thread)
  --checkpoint FILE    save the search state every 60 s and at the end (Ctrl-C included); one thread
  --resume FILE        continue from a checkpoint of the same search (more --generations allowed)
  --report FILE        also write a self-contained HTML report with plots
  --json               print exactly one JSON document on stdout`;

export async function runSrnet(argv: readonly string[], out: (s: string) => void, signal: AbortSignal): Promise<void> {
  const a = parseArgs(argv, {
    network: 'string', activations: 'string', model: 'string', data: 'string', target: 'string',
    generations: 'number', lambda: 'number', rows: 'number', cols: 'number', functions: 'string', seed: 'number',
    'layer-moves': 'number', 'local-moves': 'number', 'ceiling-start': 'number', validation: 'string', 'time-limit': 'number', threads: 'number', json: 'boolean', help: 'boolean', report: 'string', checkpoint: 'string', resume: 'string',
  });
  if (a.help) { out(SRNET_HELP); return; }
  const recorded = a.network !== undefined || a.activations !== undefined;
  if (recorded && (a.model !== undefined || a.data !== undefined)) throw new EqlensError('E_OPTION', 'give either --network and --activations, or --model and --data, not both');
  if (recorded && (!a.network || !a.activations)) throw new EqlensError('E_OPTION', '--network and --activations go together');
  if (!recorded && (!a.model || !a.data)) throw new EqlensError('E_OPTION', 'eqlens srnet needs --network and --activations, or --model and --data');
  const mlp = await readModelFile(String(recorded ? a.network : a.model));
  const file = String(recorded ? a.activations : a.data);
  const table = await readCsv(file);
  let X: number[][];
  let activations: number[][][] | undefined;
  if (recorded) {
    const col = (name: string) => {
      const i = table.names.indexOf(name);
      if (i < 0) throw new EqlensError('E_CSV_COLUMN', `${file}: no column "${name}" (the network has sizes ${mlp.sizes.join('-')})`);
      return table.rows.map((r) => r[i]);
    };
    const xs = Array.from({ length: mlp.inputs }, (_, i) => col(`x${i}`));
    X = table.rows.map((_, r) => xs.map((c) => c[r]));
    activations = mlp.layers.slice(0, -1).map((l, k) => Array.from({ length: l.outputs }, (_, j) => col(`h${k + 1}_${j}`)));
    const outs = mlp.outputs === 1 ? [table.names.includes('y_nn') ? col('y_nn') : undefined]
      : Array.from({ length: mlp.outputs }, (_, k) => (table.names.includes(`y_nn_${k}`) ? col(`y_nn_${k}`) : undefined));
    // Without recorded outputs, the network's own (recorded hidden layers are still used).
    activations = outs.every((o) => o) ? [...activations, outs as number[][]] : undefined;
  } else {
    const keep = table.names.map((n, i) => i).filter((i) => table.names[i] !== a.target);
    if (a.target !== undefined && keep.length === table.names.length) throw new EqlensError('E_CSV_COLUMN', `${file}: no column "${String(a.target)}"`);
    X = table.rows.map((r) => keep.map((i) => r[i]));
  }
  const bar = a.json ? { update() {}, stop() {} } : progressBar('srnet');
  const options: SrnetOptions = {
    ...(activations && { activations }),
    ...(a.generations !== undefined && { generations: a.generations as number }),
    ...(a.lambda !== undefined && { lambda: a.lambda as number }),
    ...(a.rows !== undefined && { rows: a.rows as number }),
    ...(a.cols !== undefined && { cols: a.cols as number }),
    ...(a.functions !== undefined && { functions: String(a.functions).split(',').map((s) => s.trim()) as FunctionName[] }),
    ...(a.seed !== undefined && { seed: a.seed as number }),
    ...(a['layer-moves'] !== undefined && { layerMoves: a['layer-moves'] as number }),
    ...(a['local-moves'] !== undefined && { localMoves: a['local-moves'] as number }),
    ...(a['ceiling-start'] !== undefined && { ceilingStart: a['ceiling-start'] === 0 ? false as const : { generations: a['ceiling-start'] as number } }),
    ...(a.validation !== undefined && { validation: validationOption(String(a.validation)) }),
    ...(a.threads !== undefined && { threads: a.threads as number }),
    ...(a['time-limit'] !== undefined && { timeLimitMs: 1000 * (a['time-limit'] as number) }),
    ...(a.checkpoint !== undefined && { checkpoint: String(a.checkpoint) }),
    ...(a.resume !== undefined && { resume: String(a.resume) }),
    signal,
    onProgress: (p) => bar.update({ generation: p.generation, generations: p.generations, bestLoss: p.fitness, evaluations: 0, elapsedMs: p.elapsedMs }),
  };
  let result;
  try {
    result = await srnet(mlp, X, options);
  } finally {
    bar.stop();
  }
  if (a.report !== undefined) {
    const r = await import('../report/index.js');
    await r.writeReport(String(a.report), r.report('eqlens srnet', `${file}, network ${mlp.sizes.join('-')}`, await r.srnetSections(result, X, X[0].map((_, i) => `x${i}`))));
  }
  if (a.json) { out(JSON.stringify(result)); return; }
  out(`SRNet on a ${mlp.sizes.join('-')} network, ${result.task}: fitness ${result.fitness.toExponential(3)}`);
  result.layers.forEach((l, i) => {
    const unit = i === result.layers.length - 1 ? 'output' : `h${i + 1}`;
    out(`  layer ${i + 1} (${unit} = w·g + b, ${l.weights.length} unit${l.weights.length === 1 ? '' : 's'}, MSE ${l.mse.toExponential(3)}):  g = ${l.expression}`);
  });
  out(`equation: y = ${result.equation}`);
  out(`as one-dimensional maps: ${result.mapsText()}`);
  const { train, interpolation, extrapolation } = result.fidelity;
  out(`fidelity to the network: training ${fidelityText(train, true)}; interpolation ${fidelityText(interpolation, true)}; extrapolation ${fidelityText(extrapolation, true)}`);
  out(`${result.stopReason === 'aborted' ? 'stopped early; ' : ''}${result.generationsText} in ${result.seconds.toFixed(2)} s`);
}

/** `--validation outside|whole|off` as SrnetOptions.validation. */
function validationOption(v: string): SrnetOptions['validation'] {
  if (v === 'off') return false;
  if (v === 'outside' || v === 'whole') return { region: v };
  throw new EqlensError('E_OPTION', `--validation: expected outside, whole or off, got "${v}"`);
}
