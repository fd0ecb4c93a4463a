// Agglomerative contextual decomposition (ACD, METHODS §5): a hierarchy of feature groups for one
// input. Score features alone; keep those at or above a percentile; at each level grow every group
// by the feature with the largest gain CD(C ∪ {u}) − CD(C) (tabular: any feature; sequence: only a
// neighbour), merge groups that touch, record the level. Ends when one group holds every feature.
import { EqlensError } from '../../errors.js';
import type { Mlp } from '../../nn/mlp.js';
import { decompose } from './decompose.js';
import { checkKnown, checkOutput, inputRows } from './input.js';
import { cdNetwork, type CdNetwork } from './network.js';

export interface AcdOptions {
  /** Output unit (for a softmax classifier: the class). Default 0. */
  output?: number;
  /** 'tabular': any feature may join a group; 'sequence': 1-D order, only neighbours join. Default 'tabular'. */
  structure?: 'tabular' | 'sequence';
  /** Features whose own score is at or above this percentile (0–100) of all features' scores start groups. Default 50. */
  percentile?: number;
  /**
   * 'score' (METHODS §5): the gain of adding u to C is CD(C ∪ {u}) − CD(C). 'interaction': the
   * gain without u's own score, CD(C ∪ {u}) − CD(C) − CD({u}) (the ACD paper). Default 'score'.
   */
  gain?: 'score' | 'interaction';
  /** Rank scores and gains by magnitude (evidence either way) instead of by signed value. Default false. */
  magnitude?: boolean;
}

export interface AcdNode {
  /** Sorted feature indices. */
  features: number[];
  /** CD score of the group at the chosen output's logit. */
  score: number;
  /** 0 for single features; the agglomeration level at which the group formed otherwise. */
  level: number;
  children: AcdNode[];
}

export interface AcdLevel {
  level: number;
  groups: { features: number[]; score: number }[];
}

export class AcdResult {
  constructor(
    /** The group of all features, its children the groups it was merged from, down to single features. */
    readonly root: AcdNode,
    /** Level 0: every feature alone; then the groups after each growth-and-merge step. */
    readonly levels: AcdLevel[],
    /** The features that started groups (at or above the percentile). */
    readonly selected: number[],
  ) {}

  toJSON() {
    return { root: this.root, levels: this.levels, selected: this.selected };
  }
}


/** Linear-interpolated percentile (0–100) of a list. */
function percentileOf(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (s.length - 1), lo = Math.floor(at), hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** Merges groups that touch (tabular: share a feature; sequence: overlap or adjoin) until none do. */
function mergeTouching(groups: number[][], sequence: boolean): number[][] {
  const touch = (a: number[], b: number[]) => (sequence
    ? a[0] <= b[b.length - 1] + 1 && b[0] <= a[a.length - 1] + 1
    : a.some((f) => b.includes(f)));
  const out = groups.map((g) => [...g]);
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        if (touch(out[i], out[j])) {
          out[i] = [...new Set([...out[i], ...out[j]])].sort((a, b) => a - b);
          out.splice(j, 1);
          merged = true;
        }
      }
    }
  }
  return out;
}

function scoresOf(net: CdNetwork, x: Float64Array, groups: number[][], output: number): number[] {
  const p = decompose(net, x, 1, groups.map((g) => Int32Array.from(g)));
  return groups.map((_, g) => p.relevant[g * p.outputs + output]);
}

/**
 * The ACD hierarchy for one input.
 * @example
 * const tree = acd(mlp, [0.3, -1.2, 2.0, 0.7], { structure: 'sequence' });
 * console.log(JSON.stringify(tree.root));
 */
export function acd(mlp: Mlp, x: ArrayLike<number>, options: AcdOptions = {}): AcdResult {
  checkKnown(options, ['output', 'structure', 'percentile', 'gain', 'magnitude'], 'acd');
  const o = { output: 0, structure: 'tabular', percentile: 50, gain: 'score', magnitude: false, ...options };
  const output = checkOutput(o.output, mlp.outputs);
  if (o.structure !== 'tabular' && o.structure !== 'sequence') throw new EqlensError('E_OPTION', `acd: option structure: expected 'tabular' or 'sequence', got ${JSON.stringify(o.structure)}`);
  if (typeof o.percentile !== 'number' || !(o.percentile >= 0 && o.percentile <= 100)) throw new EqlensError('E_OPTION', `acd: option percentile: expected a number from 0 to 100, got ${JSON.stringify(o.percentile)}`);
  if (o.gain !== 'score' && o.gain !== 'interaction') throw new EqlensError('E_OPTION', `acd: option gain: expected 'score' or 'interaction', got ${JSON.stringify(o.gain)}`);
  if (typeof o.magnitude !== 'boolean') throw new EqlensError('E_OPTION', `acd: option magnitude: expected true or false, got ${JSON.stringify(o.magnitude)}`);
  const rows = inputRows(x, mlp.inputs, 'x');
  if (rows.rows !== 1) throw new EqlensError('E_DATA_SHAPE', `acd explains one input; x has ${rows.rows} rows`);
  const net = cdNetwork(mlp), d = net.inputs, sequence = o.structure === 'sequence';
  const rank = (v: number) => (o.magnitude ? Math.abs(v) : v);

  const single = scoresOf(net, rows.data, Array.from({ length: d }, (_, i) => [i]), output);
  const leaves: AcdNode[] = single.map((score, i) => ({ features: [i], score, level: 0, children: [] }));
  const levels: AcdLevel[] = [{ level: 0, groups: leaves.map((n) => ({ features: n.features, score: n.score })) }];
  const threshold = percentileOf(single.map(rank), o.percentile);
  const selected = single.map((s, i) => (rank(s) >= threshold ? i : -1)).filter((i) => i >= 0);

  // The current groups, as tree nodes: at first the selected features alone.
  let nodes = selected.map((i) => leaves[i]);
  for (let level = 1; !(nodes.length === 1 && nodes[0].features.length === d); level++) {
    // Every candidate extension of every group, scored in one call.
    const candidates = nodes.map((n) => {
      const f = n.features;
      const us = sequence ? [f[0] - 1, f[f.length - 1] + 1].filter((u) => u >= 0 && u < d) : Array.from({ length: d }, (_, u) => u).filter((u) => !f.includes(u));
      return us.map((u) => ({ u, features: [...f, u].sort((a, b) => a - b) }));
    });
    const flat = candidates.flat();
    const scores = scoresOf(net, rows.data, flat.map((c) => c.features), output);
    let t = 0;
    const grown = candidates.map((cs, g) => {
      let best = -Infinity, pick = cs[0]?.features ?? nodes[g].features;
      for (const c of cs) {
        const s = scores[t++];
        const gain = rank(s - nodes[g].score - (o.gain === 'interaction' ? single[c.u] : 0));
        if (gain > best) { best = gain; pick = c.features; }
      }
      return pick;
    });
    const merged = mergeTouching(grown, sequence);
    const mergedScores = scoresOf(net, rows.data, merged, output);
    // Each new group's children: the previous groups inside it, and single features for the rest.
    nodes = merged.map((features, g) => {
      const inside = nodes.filter((n) => n.features.every((f) => features.includes(f)));
      const covered = new Set(inside.flatMap((n) => n.features));
      const children = [...inside, ...features.filter((f) => !covered.has(f)).map((f) => leaves[f])]
        .sort((a, b) => a.features[0] - b.features[0]);
      return { features, score: mergedScores[g], level, children };
    });
    levels.push({ level, groups: nodes.map((n) => ({ features: n.features, score: n.score })) });
  }
  return new AcdResult(nodes[0], levels, selected);
}

