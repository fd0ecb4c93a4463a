// `eqlens inspect model.json`: layers, sizes, activations and parameter count of a network.
import { EqlensError } from '../errors.js';
import { readModelFile } from './model.js';
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
  const mlp = await readModelFile(file);
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
