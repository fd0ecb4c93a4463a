// Genome → mathjs expression tree. Shared sub-graphs are expanded into the tree. While
// decoding, the graph is reduced exactly: sub-graphs of constants are folded as the evaluator
// computes them (f32 after every node; in f64 a constant near a pole of tan, 1/x or ln came out
// different from the one the search scored: K1's tan(…) = −151.5107 in f32 printed as −151.5120,
// and the chain's ×400 gain at the output turned an output MSE of 0.004 into 0.45), and
// structurally equal operands (compared by a canonical key, commutative arguments sorted)
// give A − A → 0 and A / A → 1; identities A + 0, A − 0, A·1, A/1, A·0 and −(−A) drop out.
// This removes CGP's typical bloat (x/x, (x·x + x) − (x·x + x), …) before mathjs simplifies.
import type { Geometry } from '../../bindings/engine.js';
import { FUNCTIONS, type FunctionSpec } from '../cgp/functions.js';
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

interface Term {
  node: MathNode;
  /** Canonical structural key: equal keys ⇒ equal functions. */
  key: string;
  /** The numeric value when the term is a constant. */
  value?: number;
}

const constant = (v: number): Term => ({ node: new math.ConstantNode(v), key: `c:${v}`, value: v });

function instantiate(code: number, A: MathNode, B: MathNode): MathNode {
  return template(code).transform((n) => {
    const name = (n as unknown as { name?: string }).name;
    if (n.type === 'SymbolNode' && name === 'A') return A.cloneDeep();
    if (n.type === 'SymbolNode' && name === 'B') return B.cloneDeep();
    return n;
  });
}

/** Exact algebraic reductions of fn(A, B); undefined when none applies. */
function reduce(fn: FunctionSpec, A: Term, B: Term): Term | undefined {
  const a = A.value, b = B.value;
  switch (fn.name) {
    case 'add':
      if (a === 0) return B;
      if (b === 0) return A;
      break;
    case 'sub':
      if (A.key === B.key) return constant(0);
      if (b === 0) return A;
      break;
    case 'mul':
      if (a === 0 || b === 0) return constant(0);
      if (a === 1) return B;
      if (b === 1) return A;
      break;
    case 'div':
      if (A.key === B.key) return constant(1);
      if (b === 1) return A;
      break;
    case 'neg':
      if (A.key.startsWith('neg(')) return { node: (A.node as unknown as { args: MathNode[] }).args?.[0] ?? A.node, key: A.key.slice(4, -1) };
      break;
  }
  return undefined;
}

/**
 * The expression of output `output` of `genome`. Inputs are named by `names`; constant slots
 * become their numeric values; protected ops print as their protected form.
 */
export function decodeGenome(g: Geometry, genome: Genome, output = 0,
  options: { names?: readonly string[]; protectedOps?: boolean } = {}): MathNode {
  const names = options.names ?? defaultNames(g.inputs);
  const L = leafCount(g), N = nodeCount(g);
  const memo = new Map<number, Term>();
  const build = (addr: number): Term => {
    if (addr < g.inputs) return { node: new math.SymbolNode(names[addr]), key: `v:${addr}` };
    if (addr < L) return constant(genome.consts[addr - g.inputs]);
    const cached = memo.get(addr);
    if (cached) return cached;
    const k = addr - L;
    const code = genome.genes[3 * k];
    const fn = FUNCTIONS[code];
    const A = build(genome.genes[3 * k + 1]);
    const B = fn.arity === 2 ? build(genome.genes[3 * k + 2]) : A;
    let term: Term | undefined;
    if (A.value !== undefined && B.value !== undefined) {
      const v = Math.fround((options.protectedOps ? fn.applyProtected : fn.apply)(A.value, B.value));
      if (Number.isFinite(v)) term = constant(v);
    }
    // Protected x/0 = 1 has no printed form; a divisor that is structurally 0 folds here.
    if (!term && options.protectedOps && fn.name === 'div' && B.value === 0) term = constant(1);
    term ??= reduce(fn, A, B);
    if (!term) {
      const commutative = fn.name === 'add' || fn.name === 'mul';
      const keys = fn.arity === 2 ? [A.key, B.key] : [A.key];
      if (commutative) keys.sort();
      let node = instantiate(code, A.node, B.node);
      if (options.protectedOps && (fn.name === 'sqrt' || fn.name === 'ln')) {
        node = instantiate(code, new math.FunctionNode('abs', [A.node.cloneDeep()]), B.node);
      }
      term = { node, key: `${fn.name}(${keys.join(',')})` };
    }
    memo.set(addr, term);
    return term;
  };
  return build(genome.genes[3 * N + output]).node.cloneDeep();
}
