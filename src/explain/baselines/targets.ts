// What a local surrogate imitates: for regression the network's outputs as they are; for
// classification its class probabilities (LIME and MAPLE both explain probabilities, one local
// linear model per class, and read the class off as the argmax at the query point).
import { EqlensError } from '../../errors.js';
import { toColumns, type Matrix } from '../../data/matrix.js';
import { Mlp } from '../../nn/mlp.js';
import type { Task } from './options.js';

/** The network's task when none is given: a softmax output layer means classification. */
export function defaultTask(mlp: Mlp): Task {
  return mlp.layers[mlp.layers.length - 1].activation === 'softmax' ? 'classification' : 'regression';
}

/**
 * Turns network outputs into the explained targets. Classification: a softmax layer already
 * gives probabilities; other multi-output layers are read as logits and softmaxed; a single
 * output is P(class 1) when sigmoid, else a logit, and becomes the pair [1 − p, p].
 */
export function toTargets(mlp: Mlp, outputs: Float32Array[], task: Task): Float32Array[] {
  if (task === 'regression') return outputs;
  const act = mlp.layers[mlp.layers.length - 1].activation;
  const rows = outputs[0].length;
  if (outputs.length === 1) {
    const p = act === 'sigmoid' ? outputs[0] : outputs[0].map((z) => 1 / (1 + Math.exp(-z)));
    return [p.map((v) => 1 - v), p];
  }
  if (act === 'softmax') return outputs;
  const k = outputs.length;
  const out = outputs.map(() => new Float32Array(rows));
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, outputs[c][r]);
    let s = 0;
    for (let c = 0; c < k; c++) s += (out[c][r] = Math.exp(outputs[c][r] - m));
    for (let c = 0; c < k; c++) out[c][r] /= s;
  }
  return out;
}

/** Index of the largest value (first one on ties, like numpy's argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c] > values[best]) best = c;
  return best;
}

export function checkMlp(mlp: unknown, where: string): Mlp {
  if (!(mlp instanceof Mlp)) throw new EqlensError('E_MODEL', `${where}: expected an Mlp (Mlp.fromJSON, mlpFromTfjs or trainMlp), got ${mlp === null ? 'null' : typeof mlp}`);
  return mlp;
}

/** Validates X (finite, rectangular, non-empty) and its width against the network. */
export function checkRows(X: Matrix, mlp: Mlp, what: string): { columns: Float32Array[]; rows: number } {
  const c = toColumns(X, what);
  if (c.columns.length !== mlp.inputs) {
    throw new EqlensError('E_DATA_SHAPE', `${what} has ${c.columns.length} columns; the network takes ${mlp.inputs} inputs`);
  }
  return c;
}

/** One query point (an array of numbers) validated like a one-row X. */
export function checkPoint(x: ArrayLike<number>, mlp: Mlp, what = 'x'): Float32Array {
  if (x == null || typeof x.length !== 'number') throw new EqlensError('E_DATA_EMPTY', `${what} is missing: expected one row of ${mlp.inputs} numbers`);
  if (x.length !== mlp.inputs) throw new EqlensError('E_DATA_SHAPE', `${what} has ${x.length} values; the network takes ${mlp.inputs} inputs`);
  return Float32Array.from(checkRows([Array.from(x)], mlp, what).columns, (col) => col[0]);
}
