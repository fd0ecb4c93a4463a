// A network's logit as a function of one-hot inputs, evaluated in batches in WASM: the logit
// network (one output unit, before its activation), its first layer as a weight-column table
// (optionally relative to a reference input), and the batched pass over rows of column indices.
import { EqlensError } from '../errors.js';
import { oneHotForwardWasm } from '../../bindings/one-hot.js';
import type { DenseLayer, Mlp } from './mlp.js';
import type { OneHotNetwork } from './one-hot-forward.js';

/**
 * The layers of `mlp` computing the pre-activation of output unit `output` (the logit): the
 * last layer cut to that unit with a linear activation. A softmax or sigmoid output is thus
 * read as its logit, which is what an energy expansion describes.
 */
export function logitLayers(mlp: Mlp, output = 0): DenseLayer[] {
  const last = mlp.layers[mlp.layers.length - 1];
  if (!Number.isInteger(output) || output < 0 || output >= last.outputs) {
    throw new EqlensError('E_OPTION', `option output: the network has output units 0..${last.outputs - 1}, got ${output}`);
  }
  const cut: DenseLayer = {
    inputs: last.inputs, outputs: 1, activation: 'linear',
    weight: last.weight.slice(output * last.inputs, (output + 1) * last.inputs),
    bias: last.bias.slice(output, output + 1),
  };
  return [...mlp.layers.slice(0, -1), cut];
}

/**
 * The first layer as a table. With `referenceColumns` (one input column per position group,
 * `groupOf[c]` the group of column c) the base is z(x⁰) = b + Σ W[:, ref] and the table holds
 * W[:, c] − W[:, ref of c's group], so a mutant of x⁰ is the base plus one column per change.
 */
export function oneHotNetwork(layers: readonly DenseLayer[], reference?: { columns: readonly number[]; groupOf: ArrayLike<number> }): OneHotNetwork {
  const [l0, ...rest] = layers;
  const cols = l0.inputs, units = l0.outputs;
  let table = l0.weight, base = l0.bias;
  if (reference) {
    table = new Float32Array(l0.weight.length);
    base = new Float32Array(units);
    for (let u = 0; u < units; u++) {
      const row = u * cols;
      let z = l0.bias[u];
      for (const c of reference.columns) z += l0.weight[row + c];
      base[u] = z;
      for (let c = 0; c < cols; c++) table[row + c] = l0.weight[row + c] - l0.weight[row + reference.columns[reference.groupOf[c]]];
    }
  }
  return { first: { table, cols, base, units, activation: l0.activation }, rest };
}

/** The logit for each row of column indices (m per row), by the WASM batched pass. */
export async function oneHotLogits(net: OneHotNetwork, idx: Int32Array, m: number): Promise<Float32Array> {
  const rows = idx.length / m;
  if (!Number.isInteger(rows)) throw new EqlensError('E_DATA_SHAPE', `${idx.length} indices do not make rows of ${m}`);
  return rows ? oneHotForwardWasm(net, idx, m, rows) : new Float32Array(0);
}
