// After the search: fit each chromosome's constants by Levenberg–Marquardt, layer by layer along
// the chain (a later layer is refitted on the refined output of the one before). Evolution only
// perturbs constants at random, so sigmoid(x + x + c) lands near c = 1, not on it; this step
// makes a layer that the function set can express exactly come out exact.
import { evaluateReference } from '../cgp/evaluate.js';
import { levenbergMarquardt } from './constants.js';
import { scoreLayerReference } from './srnet-reference.js';
import type { SrnetLayerState, SrnetSearchData } from './srnet-search.js';

const fitnessOf = (losses: readonly number[]) => losses.reduce((s, l, i) => s + (i === losses.length - 1 ? 1 : 1 / (losses.length - 1)) * l, 0);

/**
 * The layers with refined constants and fits, and the SRNet fitness, when the refined chain is
 * better as a whole; otherwise the layers as found (re-scored by the same TypeScript twin).
 */
export function refineSrnetConstants(layers: readonly SrnetLayerState[], data: SrnetSearchData, protectedOps: boolean)
  : { layers: SrnetLayerState[]; fitness: number } {
  const asFound = rescore(layers, data, protectedOps, false);
  const refined = rescore(layers, data, protectedOps, true);
  const a = fitnessOf(asFound.map((l) => l.loss)), b = fitnessOf(refined.map((l) => l.loss));
  return b < a ? { layers: refined, fitness: b } : { layers: asFound, fitness: a };
}

function rescore(layers: readonly SrnetLayerState[], data: SrnetSearchData, protectedOps: boolean, fit: boolean)
  : SrnetLayerState[] {
  let input: readonly Float32Array[] = data.inputs;
  const L = layers.length;
  const out: SrnetLayerState[] = [];
  layers.forEach((layer, i) => {
    const classes = i === L - 1 ? data.classes : undefined;
    const score = (consts: ArrayLike<number>) => {
      const genome = { genes: layer.genome.genes, consts: Float32Array.from(consts) };
      const [g] = evaluateReference(layer.geometry, genome, input, data.rows, { protectedOps });
      return { genome, s: scoreLayerReference(g, data.targets[i], data.rows, data.trainRows, classes) };
    };
    let best = score(layer.genome.consts);
    if (fit && layer.genome.consts.length && !classes) {
      // Residuals on the training rows, as the closed-form fit uses.
      const residuals = (p: number[]) => {
        const { s } = score(p);
        if (!Number.isFinite(s.loss)) return null;
        const r = new Float64Array(data.trainRows * s.output.length);
        s.output.forEach((o, j) => { for (let k = 0; k < data.trainRows; k++) r[j * data.trainRows + k] = o[k] - data.targets[i][j][k]; });
        return r;
      };
      const fitted = levenbergMarquardt(Array.from(layer.genome.consts), residuals);
      const cand = score(fitted.params);
      if (cand.s.loss < best.s.loss) best = cand;
    }
    out.push({ ...layer, genome: best.genome, weights: best.s.weights, biases: best.s.biases, loss: best.s.loss });
    input = best.s.output;
  });
  return out;
}
