// Genome geometry in TypeScript: the twin of assembly/engine/genome.ts and mutate.ts.
// Genes are [fn, in1, in2] per node then the output genes; addresses are inputs, then
// constant slots, then nodes (node k in column ⌊k / rows⌋).
import type { Geometry } from '../../bindings/engine.js';
import { FUNCTIONS } from './functions.js';
import type { Rng } from './rng.js';

export type { Geometry };

export interface Genome {
  genes: Int32Array;
  consts: Float32Array;
}

export interface ActiveSet {
  /** Active node indices, ascending (evaluation order). */
  nodes: number[];
  activeFlag: Uint8Array;
  leafUsed: Uint8Array;
  complexity: number;
}

export const nodeCount = (g: Geometry) => g.rows * g.cols;
export const leafCount = (g: Geometry) => g.inputs + g.constants;
export const geneCount = (g: Geometry) => 3 * nodeCount(g) + g.outputs;

export function connectionRange(g: Geometry, col: number): { count: number; first: number } {
  const first = Math.max(0, col - g.levelsBack);
  return { count: leafCount(g) + g.rows * (col - first), first };
}
const connectionAt = (g: Geometry, col: number, i: number) => {
  const L = leafCount(g);
  return i < L ? i : L + g.rows * connectionRange(g, col).first + (i - L);
};
const connectionIndex = (g: Geometry, col: number, v: number) => {
  const L = leafCount(g);
  return v < L ? v : L + (v - L) - g.rows * connectionRange(g, col).first;
};

/** Active nodes (reachable from an output, honouring arity) and the complexity. */
export function activeSet(g: Geometry, genes: Int32Array, weights: readonly number[]): ActiveSet {
  const N = nodeCount(g), L = leafCount(g);
  const activeFlag = new Uint8Array(N), leafUsed = new Uint8Array(L);
  let complexity = 0;
  const visit = (v: number) => {
    if (v >= L) activeFlag[v - L] = 1;
    else { leafUsed[v] = 1; complexity += 1; }
  };
  for (let o = 0; o < g.outputs; o++) visit(genes[3 * N + o]);
  for (let k = N - 1; k >= 0; k--) {
    if (!activeFlag[k]) continue;
    const fn = genes[3 * k];
    complexity += weights[fn];
    const ar = FUNCTIONS[fn].arity;
    for (let a = 1; a <= ar; a++) visit(genes[3 * k + a]);
  }
  const nodes: number[] = [];
  for (let k = 0; k < N; k++) if (activeFlag[k]) nodes.push(k);
  return { nodes, activeFlag, leafUsed, complexity };
}

/** A uniformly random legal genome; draws in the same order as the WASM randomGenome. */
export function randomGenome(g: Geometry, functionCodes: readonly number[], rng: Rng,
  constRange: [number, number] = [-1, 1]): Genome {
  const N = nodeCount(g);
  const genes = new Int32Array(geneCount(g));
  for (let k = 0; k < N; k++) {
    const col = Math.floor(k / g.rows);
    genes[3 * k] = functionCodes[rng.below(functionCodes.length)];
    const { count } = connectionRange(g, col);
    genes[3 * k + 1] = connectionAt(g, col, rng.below(count));
    genes[3 * k + 2] = connectionAt(g, col, rng.below(count));
  }
  const outCount = leafCount(g) + N;
  for (let o = 0; o < g.outputs; o++) genes[3 * N + o] = rng.below(outCount);
  const consts = new Float32Array(g.constants);
  for (let i = 0; i < g.constants; i++) {
    consts[i] = constRange[0] + Math.fround(rng.uniform()) * (constRange[1] - constRange[0]);
  }
  return { genes, consts };
}

/**
 * Mutates gene `gi` to a uniformly drawn other legal value (constants: a Gaussian step);
 * returns whether an active gene changed (per the parent's active set `act`).
 */
function mutateGene(g: Geometry, child: Genome, act: ActiveSet, functionCodes: readonly number[],
  gi: number, rng: Rng, constSigma: number): boolean {
  const N = nodeCount(g), G = geneCount(g), genes = child.genes;
  if (gi < 3 * N) {
    const k = Math.floor(gi / 3), part = gi - 3 * k, active = act.activeFlag[k] === 1;
    if (part === 0) {
      if (functionCodes.length < 2) return false;
      const idx = functionCodes.indexOf(genes[gi]);
      let j = rng.below(functionCodes.length - 1);
      if (j >= idx) j++;
      genes[gi] = functionCodes[j];
      return active;
    }
    const col = Math.floor(k / g.rows);
    const { count } = connectionRange(g, col);
    if (count < 2) return false;
    const idx = connectionIndex(g, col, genes[gi]);
    let j = rng.below(count - 1);
    if (j >= idx) j++;
    genes[gi] = connectionAt(g, col, j);
    return active && part <= FUNCTIONS[genes[3 * k]].arity;
  }
  if (gi < G) {
    let j = rng.below(leafCount(g) + N - 1);
    if (j >= genes[gi]) j++;
    genes[gi] = j;
    return true;
  }
  const i = gi - G;
  child.consts[i] = Math.fround(child.consts[i] + constSigma * rng.gaussian());
  return act.leafUsed[g.inputs + i] === 1;
}

/** Point mutation with geometric gap sampling, the twin of WASM mutatePoint. */
export function mutatePoint(g: Geometry, child: Genome, act: ActiveSet, functionCodes: readonly number[],
  rate: number, rng: Rng, constSigma = 0.25): boolean {
  const total = geneCount(g) + g.constants;
  if (rate <= 0) return false;
  let touched = false;
  if (rate >= 1) {
    for (let gi = 0; gi < total; gi++) touched = mutateGene(g, child, act, functionCodes, gi, rng, constSigma) || touched;
    return touched;
  }
  const logq = Math.log(1 - rate);
  let gi = -1;
  for (;;) {
    const u = 1 - rng.uniform();
    gi += 1 + Math.floor(Math.log(u) / logq);
    if (gi >= total || gi < 0) break;
    touched = mutateGene(g, child, act, functionCodes, gi, rng, constSigma) || touched;
  }
  return touched;
}
