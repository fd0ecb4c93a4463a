// Interactions: CD(A ∪ B) − CD(A) − CD(B) for two groups, and the full d × d matrix of pairwise
// feature interactions, batched over inputs (all singles and pairs go through one kernel call).
import { EqlensError } from '../../errors.js';
import type { Matrix } from '../../data/matrix.js';
import type { Mlp } from '../../nn/mlp.js';
import { decompose } from './decompose.js';
import { checkGroup, checkKnown, checkOutput, inputRows, type FeatureGroup } from './input.js';
import { cdNetwork } from './network.js';

export interface InteractionOptions {
  /** Output unit (for a softmax classifier: the class). Default 0. */
  output?: number;
}

/**
 * The CD interaction of groups A and B, CD(A ∪ B) − CD(A) − CD(B), for each input.
 * @example
 * const [i01] = cdInteraction(mlp, [[1, 2, 3]], [0], [1]);
 */
export function cdInteraction(mlp: Mlp, X: Matrix | ArrayLike<number>, a: FeatureGroup, b: FeatureGroup, options: InteractionOptions = {}): Float64Array {
  checkKnown(options, ['output'], 'cdInteraction');
  const d = mlp.inputs, output = checkOutput(options.output ?? 0, mlp.outputs);
  const A = checkGroup(a, d, 'a'), B = checkGroup(b, d, 'b');
  const shared = A.find((i) => B.includes(i));
  if (shared !== undefined) throw new EqlensError('E_OPTION', `groups a and b both contain feature ${shared}; an interaction is between disjoint groups`);
  const x = inputRows(X, d);
  const p = decompose(cdNetwork(mlp), x.data, x.rows, [Int32Array.from([...A, ...B]), A, B]);
  const K = p.outputs;
  return Float64Array.from({ length: x.rows }, (_, r) => {
    const at = (g: number) => p.relevant[(r * 3 + g) * K + output];
    return at(0) - at(1) - at(2);
  });
}

/** Every feature's own score and every pairwise interaction, for one input. */
export class InteractionMatrix {
  constructor(
    readonly features: number,
    /** CD({i}) for each feature. */
    readonly scores: Float64Array,
    /** Row-major d × d: CD({i, j}) − CD({i}) − CD({j}), symmetric, 0 on the diagonal. */
    readonly interactions: Float64Array,
  ) {}

  interaction(i: number, j: number): number { return this.interactions[i * this.features + j]; }

  /** The pairs by |interaction|, strongest first. */
  strongest(count = 5): { features: [number, number]; interaction: number }[] {
    const out: { features: [number, number]; interaction: number }[] = [];
    for (let i = 0; i < this.features; i++) {
      for (let j = i + 1; j < this.features; j++) out.push({ features: [i, j], interaction: this.interaction(i, j) });
    }
    return out.sort((p, q) => Math.abs(q.interaction) - Math.abs(p.interaction)).slice(0, count);
  }

  toJSON() {
    const d = this.features;
    return {
      scores: Array.from(this.scores),
      interactions: Array.from({ length: d }, (_, i) => Array.from(this.interactions.subarray(i * d, (i + 1) * d))),
    };
  }
}

/**
 * The d × d interaction matrix for each input (one kernel call over all rows, singles and pairs).
 * @example
 * const [m] = interactionMatrices(mlp, [[1, 2, 3]]);
 * m.strongest(1); // [{ features: [i, j], interaction }]
 */
export function interactionMatrices(mlp: Mlp, X: Matrix | ArrayLike<number>, options: InteractionOptions = {}): InteractionMatrix[] {
  checkKnown(options, ['output'], 'interactionMatrices');
  const d = mlp.inputs, output = checkOutput(options.output ?? 0, mlp.outputs);
  const x = inputRows(X, d);
  const groups: Int32Array[] = Array.from({ length: d }, (_, i) => Int32Array.of(i));
  const pairIndex = new Int32Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) { pairIndex[i * d + j] = groups.length; groups.push(Int32Array.of(i, j)); }
  const p = decompose(cdNetwork(mlp), x.data, x.rows, groups);
  const G = groups.length, K = p.outputs;
  return Array.from({ length: x.rows }, (_, r) => {
    const at = (g: number) => p.relevant[(r * G + g) * K + output];
    const scores = Float64Array.from({ length: d }, (_, i) => at(i));
    const m = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) m[i * d + j] = m[j * d + i] = at(pairIndex[i * d + j]) - scores[i] - scores[j];
    }
    return new InteractionMatrix(d, scores, m);
  });
}

/**
 * The d × d interaction matrix for one input.
 * @example
 * const m = interactionMatrix(mlp, [1, 2, 3]);
 * m.interaction(0, 1);
 */
export function interactionMatrix(mlp: Mlp, x: ArrayLike<number>, options: InteractionOptions = {}): InteractionMatrix {
  const rows = inputRows(x, mlp.inputs, 'x');
  if (rows.rows !== 1) throw new EqlensError('E_DATA_SHAPE', `interactionMatrix takes one input; for ${rows.rows} use interactionMatrices`);
  return interactionMatrices(mlp, x, options)[0];
}
