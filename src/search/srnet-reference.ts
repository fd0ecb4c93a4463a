// Plain TypeScript twin of assembly/srnet/srnet.ts's scoring: evaluate a layer's chromosome on
// the previous SRNet layer, fit w_j, b_j per unit by least squares on the training rows, and score
// on all rows (MSE, or cross-entropy against the network's class for a classification output).
// Tests run it along the chain of a WASM search result and compare; it is also the baseline.
import { evaluateReference } from '../cgp/evaluate.js';
import type { SrnetLayerState, SrnetSearchData } from './srnet-search.js';

export interface LayerScore { loss: number; weights: Float64Array; biases: Float64Array; output: Float32Array[] }

/** Least squares of each target on [g, 1] over the first `trainRows` rows; loss over all rows. */
export function scoreLayerReference(g: Float32Array, targets: readonly Float32Array[], rows: number, trainRows: number,
  classes?: Int32Array): LayerScore {
  let mg = 0;
  for (let r = 0; r < trainRows; r++) mg += g[r];
  mg /= trainRows;
  let finite = true;
  for (let r = 0; r < rows; r++) if (!Number.isFinite(g[r])) finite = false;
  const k = targets.length;
  const weights = new Float64Array(k), biases = new Float64Array(k);
  if (!finite) return { loss: Infinity, weights, biases, output: [] };
  let sgg = 0;
  for (let r = 0; r < trainRows; r++) sgg += (g[r] - mg) ** 2;
  const flat = !(sgg > 1e-12 * mg * mg * trainRows + 1e-30);
  targets.forEach((h, j) => {
    let mh = 0;
    for (let r = 0; r < trainRows; r++) mh += h[r];
    mh /= trainRows;
    let sgh = 0;
    for (let r = 0; r < trainRows; r++) sgh += (g[r] - mg) * (h[r] - mh);
    weights[j] = flat ? 0 : sgh / sgg;
    biases[j] = mh - weights[j] * mg;
  });
  const output = targets.map((_, j) => Float32Array.from(g.subarray(0, rows), (v) => weights[j] * v + biases[j]));
  let loss = 0;
  if (classes) {
    for (let r = 0; r < rows; r++) {
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, weights[j] * g[r] + biases[j]);
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(weights[j] * g[r] + biases[j] - m);
      loss += m + Math.log(s) - (weights[classes[r]] * g[r] + biases[classes[r]]);
    }
    loss /= rows;
  } else {
    targets.forEach((h, j) => {
      for (let r = 0; r < rows; r++) loss += (weights[j] * g[r] + biases[j] - h[r]) ** 2;
    });
    loss /= rows * k;
  }
  return { loss, weights, biases, output };
}

/** Scores a found individual layer by layer along its own chain, as the WASM search does. */
export function scoreChainReference(layers: readonly SrnetLayerState[], data: SrnetSearchData, protectedOps: boolean): LayerScore[] {
  let input: readonly Float32Array[] = data.inputs;
  const L = layers.length;
  return layers.map((layer, i) => {
    const [g] = evaluateReference(layer.geometry, layer.genome, input, data.rows, { protectedOps });
    const s = scoreLayerReference(g, data.targets[i], data.rows, data.trainRows, i === L - 1 ? data.classes : undefined);
    input = s.output;
    return s;
  });
}
