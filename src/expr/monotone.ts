// Rewrites that leave an expression's level sets, and so its normalised gradient, unchanged:
// what a symbolic-gradient explanation may drop to print the simplest equivalent form.
import { math, type MathNode } from './math.js';

type Term = { sign: 1 | -1; node: MathNode };

/** The terms of a top-level chain of + and − (a − (b − c) is not flattened: it is one term b − c inside). */
function terms(node: MathNode, sign: 1 | -1, out: Term[]): Term[] {
  const n = node as MathNode & { op?: string; fn?: string; args?: MathNode[] };
  if (n.type === 'OperatorNode' && n.fn === 'add' && n.args?.length === 2) {
    terms(n.args[0], sign, out); terms(n.args[1], sign, out);
  } else if (n.type === 'OperatorNode' && n.fn === 'subtract' && n.args?.length === 2) {
    terms(n.args[0], sign, out); terms(n.args[1], (-sign) as 1 | -1, out);
  } else if (n.type === 'ParenthesisNode') {
    terms((n as unknown as { content: MathNode }).content, sign, out);
  } else out.push({ sign, node });
  return out;
}

const isConstant = (node: MathNode) => {
  let variable = false;
  node.traverse((c) => { if (c.type === 'SymbolNode' && !(c as unknown as { name: string }).name.match(/^(pi|e)$/)) variable = true; });
  return !variable;
};

/**
 * Drops the constant terms of the top-level sum: g + c has the gradient of g. The result is
 * never empty (an all-constant sum is returned unchanged).
 * @example
 * toString(dropAdditiveConstants(parse('0.5 * x0 - 0.09 - x1'))) // "0.5 * x0 - x1"
 */
export function dropAdditiveConstants(node: MathNode): MathNode {
  const all = terms(node, 1, []);
  const kept = all.filter((t) => !isConstant(t.node));
  if (kept.length === all.length || kept.length === 0) return node;
  let out: MathNode = kept[0].sign > 0 ? kept[0].node : new math.OperatorNode('-', 'unaryMinus', [kept[0].node]);
  for (const t of kept.slice(1)) {
    out = new math.OperatorNode(t.sign > 0 ? '+' : '-', t.sign > 0 ? 'add' : 'subtract', [out, t.node]);
  }
  return out;
}
