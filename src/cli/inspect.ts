// `eqlens inspect model.json`: layers, sizes, activations and parameter count of a network.
import { readFile } from 'node:fs/promises';
import { EqlensError } from '../errors.js';
import { Mlp } from '../nn/mlp.js';
import { parseArgs } from './args.js';

export const INSPECT_HELP = `eqlens inspect MODEL.json [--json]

  MODEL.json   a network in the eqlens-mlp-v1 format
  --json       print exactly one JSON document on stdout`;

export async function runInspect(argv: readonly string[], out: (s: string) => void): Promise<void> {
  const [file, ...rest] = argv;
  if (!file || file.startsWith('--')) {
    if (file === '--help') { out(INSPECT_HELP); return; }
    throw new EqlensError('E_OPTION', 'eqlens inspect needs a model file: eqlens inspect model.json');
  }
  const a = parseArgs(rest, { json: 'boolean' });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EqlensError('E_MODEL', `${file}: not valid JSON (${(e as Error).message})`);
  }
  let mlp: Mlp;
  try {
    mlp = Mlp.fromJSON(json);
  } catch (e) {
    if (e instanceof EqlensError) throw new EqlensError(e.code, `${file}: ${e.message}`);
    throw e;
  }
  const layers = mlp.layers.map((l, k) => ({ layer: k, inputs: l.inputs, outputs: l.outputs, activation: l.activation, parameters: l.weight.length + l.bias.length }));
  if (a.json) {
    out(JSON.stringify({ file, sizes: mlp.sizes, parameters: mlp.parameterCount, layers }));
    return;
  }
  out(`${file}: ${mlp.sizes.join('-')} multilayer perceptron, ${mlp.parameterCount} parameters`);
  out('layer  inputs  units  activation  parameters');
  for (const l of layers) {
    out(`${String(l.layer).padEnd(5)}  ${String(l.inputs).padEnd(6)}  ${String(l.outputs).padEnd(5)}  ${l.activation.padEnd(10)}  ${l.parameters}`);
  }
}
