// The network as an oracle: one output unit's values at a set of points, after its
// activation (what predict returns) or before it (a classifier's logit).
import type { Mlp } from '../nn/mlp.js';

/**
 * @example
 * const logits = await networkValues(mlp, [[0.2, 0.7]], 1, true);
 */
export async function networkValues(mlp: Mlp, X: number[][], output: number, preActivation: boolean): Promise<Float32Array> {
  return preActivation ? (await mlp.activations(X)).at(-1)!.pre[output] : (await mlp.predict(X))[output];
}
