// Simplification with eqlens's rule list. mathjs's defaults miss trigonometric identities and
// print fractions like 1/10 unless exactFractions is off. Every simplification is checked
// numerically against the original on sample rows and discarded if it changed the function
// (mathjs rules such as n/n → 1 ignore domains).
import { math, type MathNode } from './math.js';

const EXTRA_RULES = [
  'sin(n)^2 + cos(n)^2 -> 1',
  'cos(n)^2 + sin(n)^2 -> 1',
  'log(exp(n)) -> n',
  'sqrt(n^2) -> abs(n)',
  'abs(abs(n)) -> abs(n)',
  '--n -> n',
  '-(-n) -> n',
  // An outer scale and shift around an inner shift, a(X + b) + c, is aX + (ab + c): one constant
  // fewer (linear scaling wraps every front member in a·(…) + b). Only with the outer constant,
  // so that the rule never undoes mathjs's own factoring of a(X + b).
  'c1*(v + c2) + c3 -> c1*v + (c1*c2 + c3)',
  'c1*(v - c2) + c3 -> c1*v + (c3 - c1*c2)',
  'c1*(v + c2) - c3 -> c1*v + (c1*c2 - c3)',
  'c1*(v - c2) - c3 -> c1*v - (c1*c2 + c3)',
];

/** Full rule-based simplification above this size is too slow (mathjs: ~100 ms at 60 nodes). */
const MAX_FULL_NODES = 150;
const SIG_DIGITS = 6;

/** Rounds every numeric constant to 6 significant digits (what the user reads). */
function roundConstants(node: MathNode): MathNode {
  return node.transform((n) => {
    const v = (n as unknown as { value?: unknown }).value;
    if (n.type === 'ConstantNode' && typeof v === 'number' && Number.isFinite(v) && v !== 0) {
      return new math.ConstantNode(Number(v.toPrecision(SIG_DIGITS)));
    }
    return n;
  });
}

/**
 * mathjs's rule matching is exponential in the length of a chain of + (or ·): 16 like terms
 * take 0.1 s, 20 take 1 s, 24 take 17 s, 66 never finish (measured). Longer chains than this
 * get the fast pass only.
 */
const MAX_CHAIN = 14;

/** Terms in the longest chain of one associative operator (a + b + c + d → 4). */
function longestChain(node: MathNode): number {
  let longest = 1;
  const chain = (n: MathNode, fn: string): number => {
    const x = n as MathNode & { fn?: string; args?: MathNode[] };
    if (n.type === 'ParenthesisNode') return chain((n as unknown as { content: MathNode }).content, fn);
    if (n.type === 'OperatorNode' && x.fn === fn && x.args?.length === 2) return chain(x.args[0], fn) + chain(x.args[1], fn);
    return 1;
  };
  node.traverse((n) => {
    const x = n as MathNode & { fn?: string };
    if (n.type === 'OperatorNode' && (x.fn === 'add' || x.fn === 'subtract' || x.fn === 'multiply')) {
      longest = Math.max(longest, chain(n, x.fn === 'subtract' ? 'subtract' : x.fn));
      if (x.fn !== 'multiply') longest = Math.max(longest, chain(n, 'add') + chain(n, 'subtract') - 1);
    }
  });
  return longest;
}

function countNodes(node: MathNode): number {
  let n = 0;
  node.traverse(() => { n++; });
  return n;
}

/** Up to `n` rows spread evenly over the data: the sample simplifyExpression checks itself on. */
export function sampleRows(columns: readonly ArrayLike<number>[], rows: number, n = 32): number[][] {
  const k = Math.min(rows, n);
  return Array.from({ length: k }, (_, i) => {
    const r = Math.floor((i * rows) / k);
    return columns.map((col) => col[r]);
  });
}

/**
 * Simplifies `node` (constants rounded to 6 significant digits); `sample` rows (each an input
 * row by `names`) guard against rules that change the function. `full: false`, or an
 * expression above 60 nodes, gets only mathjs's fast single-pass simplifyCore.
 */
export function simplifyExpression(node: MathNode, names: readonly string[],
  sample: readonly ArrayLike<number>[] = [], options: { full?: boolean } = {}): MathNode {
  let simplified: MathNode;
  let rounded: MathNode;
  try {
    rounded = roundConstants(node);
    if (options.full !== false && countNodes(rounded) <= MAX_FULL_NODES && longestChain(rounded) <= MAX_CHAIN) {
      const rules = [...(math.simplify as unknown as { rules: unknown[] }).rules, ...EXTRA_RULES];
      // Rounding after simplification can leave 1·x or x + 0: one fast pass cleans them.
      simplified = math.simplifyCore(roundConstants(math.simplify(rounded, rules as never, {}, { exactFractions: false })));
    } else {
      simplified = math.simplifyCore(rounded);
    }
  } catch {
    return node;
  }
  if (!sample.length) return simplified;
  // The printed form has 6-digit constants either way: a simplification may be as far from the
  // exact function as the rounded original is (twice that), or 1e-5 relative, whichever is more.
  // (Merging 29.65451·u + 15.11163·u into 44.7661·u is then accepted where rounding the merged
  // constant had moved a high-gain output by more than 1e-5.)
  const f0 = node.compile(), f1 = simplified.compile(), fr = rounded.compile();
  for (const row of sample) {
    const scope: Record<string, number> = {};
    names.forEach((nm, i) => { scope[nm] = row[i]; });
    let a: number, b: number, r: number;
    try {
      a = Number(f0.evaluate(scope));
      b = Number(f1.evaluate(scope));
      r = Number(fr.evaluate(scope));
    } catch {
      return node;
    }
    if (!Number.isFinite(a) && !Number.isFinite(b)) continue;
    const tol = Math.max(1e-5 * (1 + Math.abs(a)), Number.isFinite(r) ? 2 * Math.abs(r - a) : 0);
    if (!(Math.abs(a - b) <= tol)) return node;
  }
  return simplified;
}

/**
 * Decoded trees' nodes a front may simplify fully, simplest member first; later members get
 * the fast pass. A node count rather than a clock, so that one seed always prints the same
 * equations, however loaded the machine (a 1.5 s wall-clock budget printed a member
 * unsimplified under load). Full simplification of this many nodes takes about a second.
 */
export const FRONT_FULL_NODES = 1200;

/** simplifyExpression for the members of one front, in order, under FRONT_FULL_NODES. */
export function frontSimplifier(names: readonly string[], sample: readonly ArrayLike<number>[]): (node: MathNode) => MathNode {
  let used = 0;
  return (node) => {
    const full = used < FRONT_FULL_NODES;
    if (full) used += countNodes(node);
    return simplifyExpression(node, [...names], sample, { full });
  };
}
