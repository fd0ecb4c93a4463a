// Group scores: contextualDecomposition(mlp, X, { groups }) for many inputs and groups at once.
import type { Matrix } from '../../data/matrix.js';
import type { Mlp } from '../../nn/mlp.js';
import { decompose } from './decompose.js';
import { checkGroups, checkKnown, inputRows, type FeatureGroup } from './input.js';
import { cdNetwork } from './network.js';

export interface CdOptions {
  /** Feature groups to score (0-based input indices). Default: every feature alone. */
  groups?: readonly FeatureGroup[];
}

/** CD scores of feature groups at the network's logits (pre-activation outputs), for each input. */
export class CdResult {
  constructor(
    /** The scored groups, as given. */
    readonly groups: number[][],
    readonly rows: number,
    readonly outputs: number,
    /** β at the logits, index ((row · groups) + group) · outputs + output. */
    readonly relevant: Float64Array,
    /** γ at the logits (everything but the group, including the rest of the biases); same layout. */
    readonly irrelevant: Float64Array,
  ) {}

  /** The score of group `group` for input `row` at output unit `output` (default 0). */
  score(row: number, group: number, output = 0): number {
    return this.relevant[(row * this.groups.length + group) * this.outputs + output];
  }

  /** One group's scores over all inputs. */
  scoresOf(group: number, output = 0): Float64Array {
    return Float64Array.from({ length: this.rows }, (_, r) => this.score(r, group, output));
  }

  toJSON() {
    const G = this.groups.length, K = this.outputs;
    const cube = (a: Float64Array) => Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: G }, (_, g) => Array.from(a.subarray((r * G + g) * K, (r * G + g + 1) * K))));
    return { groups: this.groups, rows: this.rows, outputs: K, scores: cube(this.relevant), irrelevant: cube(this.irrelevant) };
  }
}

/**
 * Contextual decomposition (METHODS §5) of an MLP's logits into the part due to each feature group
 * and the rest, for one input or many. Scores are at the output before its activation (the logits
 * of a softmax classifier).
 * @example
 * const cd = contextualDecomposition(mlp, [[0.5, -1, 2]], { groups: [[0], [1, 2]] });
 * cd.score(0, 1); // the score of features 1 and 2 together, for row 0, output 0
 */
export function contextualDecomposition(mlp: Mlp, X: Matrix | ArrayLike<number>, options: CdOptions = {}): CdResult {
  checkKnown(options, ['groups'], 'contextualDecomposition');
  const d = mlp.inputs;
  const groups = options.groups === undefined ? Array.from({ length: d }, (_, i) => Int32Array.of(i)) : checkGroups(options.groups, d);
  const x = inputRows(X, d);
  const p = decompose(cdNetwork(mlp), x.data, x.rows, groups);
  return new CdResult(groups.map((g) => Array.from(g)), x.rows, p.outputs, p.relevant, p.irrelevant);
}
