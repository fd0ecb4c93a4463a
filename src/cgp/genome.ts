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

/**
 * Insertion, the twin of WASM mutateInsert: one active connection (an active node's input or an
 * output, uniformly) from S is routed through an inactive node M of a column between S and its
 * consumer, M computing f(S, r) or f(r, S) with r a leaf (an input or a constant). Returns false,
 * the child unchanged, when no inactive node fits.
 */
export function mutateInsert(g: Geometry, child: Genome, act: ActiveSet, functionCodes: readonly number[], rng: Rng): boolean {
  const N = nodeCount(g), L = leafCount(g), genes = child.genes;
  const conns: { gene: number; col: number }[] = [];
  for (let o = 0; o < g.outputs; o++) conns.push({ gene: 3 * N + o, col: g.cols });
  for (const k of act.nodes) {
    for (let a = 1; a <= FUNCTIONS[genes[3 * k]].arity; a++) conns.push({ gene: 3 * k + a, col: Math.floor(k / g.rows) });
  }
  const { gene, col } = conns[rng.below(conns.length)];
  const src = genes[gene];
  const srcCol = src < L ? -1 : Math.floor((src - L) / g.rows);
  const lo = Math.max(srcCol + 1, gene >= 3 * N ? 0 : col - g.levelsBack);
  const hi = Math.min(col - 1, src < L ? g.cols - 1 : srcCol + g.levelsBack);
  if (lo > hi) return false;
  const free: number[] = [];
  for (let k = lo * g.rows; k < (hi + 1) * g.rows; k++) if (!act.activeFlag[k]) free.push(k);
  if (free.length === 0) return false;
  const node = free[rng.below(free.length)];
  const fn = functionCodes[rng.below(functionCodes.length)];
  const other = rng.below(L);
  const first = FUNCTIONS[fn].arity < 2 || rng.below(2) === 0;
  genes[3 * node] = fn;
  genes[3 * node + 1] = first ? src : other;
  genes[3 * node + 2] = first ? other : src;
  genes[gene] = L + node;
  return true;
}
