// Genome → mathjs expression tree. Shared sub-graphs are expanded into the tree (a DAG node
// used twice appears twice in the printed formula).
import type { Geometry } from '../../bindings/engine.js';
import { FUNCTIONS } from '../cgp/functions.js';
import { leafCount, nodeCount, type Genome } from '../cgp/genome.js';
import { math, type MathNode } from './math.js';

const templates = new Map<number, MathNode>();
function template(code: number): MathNode {
  let t = templates.get(code);
  if (!t) { t = math.parse(FUNCTIONS[code].template); templates.set(code, t); }
  return t;
}

/** Default variable names x0, x1, … */
export const defaultNames = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);

/**
 * The expression of output `output` of `genome`. Inputs are named by `names`; constant slots
 * become their numeric values; protected ops print as their protected form.
 */
export function decodeGenome(g: Geometry, genome: Genome, output = 0,
  options: { names?: readonly string[]; protectedOps?: boolean } = {}): MathNode {
  const names = options.names ?? defaultNames(g.inputs);
  const L = leafCount(g), N = nodeCount(g);
  const memo = new Map<number, MathNode>();
  const build = (addr: number): MathNode => {
    if (addr < g.inputs) return new math.SymbolNode(names[addr]);
    if (addr < L) return new math.ConstantNode(genome.consts[addr - g.inputs]);
    const cached = memo.get(addr);
    if (cached) return cached.cloneDeep();
    const k = addr - L;
    const code = genome.genes[3 * k];
    const fn = FUNCTIONS[code];
    const A = build(genome.genes[3 * k + 1]);
    const B = fn.arity === 2 ? build(genome.genes[3 * k + 2]) : A;
    let node = template(code).transform((n) => {
      if (n.type === 'SymbolNode' && (n as unknown as { name: string }).name === 'A') return A.cloneDeep();
      if (n.type === 'SymbolNode' && (n as unknown as { name: string }).name === 'B') return B.cloneDeep();
      return n;
    });
    if (options.protectedOps) {
      if (fn.name === 'sqrt' || fn.name === 'ln') node = math.parse(`${fn.name === 'ln' ? 'log' : 'sqrt'}(abs(A))`).transform((n) => (n.type === 'SymbolNode' && (n as unknown as { name: string }).name === 'A' ? A.cloneDeep() : n));
    }
    memo.set(addr, node);
    return node;
  };
  return build(genome.genes[3 * N + output]);
}
