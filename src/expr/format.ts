// Printing and compiling expressions: plain text with rounded constants, LaTeX with
// subscripted variables (x_{0}), and a compiled JS function of a row.
import { math, type MathNode } from './math.js';

const SIG_DIGITS = 6;

/** Plain text with constants to 6 significant digits. */
export function toText(node: MathNode): string {
  return node.toString({
    handler: (n: MathNode) => (n.type === 'ConstantNode' && typeof (n as unknown as { value: unknown }).value === 'number'
      ? math.format((n as unknown as { value: number }).value, { precision: SIG_DIGITS })
      : undefined) as unknown as string,
    implicit: 'show',
    parenthesis: 'auto',
  } as object);
}

/** LaTeX with subscripted indexed variables and rounded constants. */
export function toTex(node: MathNode): string {
  return node.toTex({
    handler: (n: MathNode) => {
      if (n.type === 'SymbolNode') {
        const m = /^([A-Za-z]+)(\d+)$/.exec((n as unknown as { name: string }).name);
        if (m) return `${m[1]}_{${m[2]}}`;
      }
      if (n.type === 'ConstantNode' && typeof (n as unknown as { value: unknown }).value === 'number') {
        return math.format((n as unknown as { value: number }).value, { precision: SIG_DIGITS });
      }
      return undefined as unknown as string;
    },
    parenthesis: 'auto',
  } as object);
}

/** Compiles `node` to a function of one input row (variables looked up by name). */
export function compileRow(node: MathNode, names: readonly string[]): (row: ArrayLike<number>) => number {
  const code = node.compile();
  const scope = new Map<string, number>();
  return (row) => {
    for (let i = 0; i < names.length; i++) scope.set(names[i], row[i]);
    return code.evaluate(scope) as number;
  };
}
