// Printing and compiling expressions: plain text with rounded constants, LaTeX with
// subscripted variables (x_{0}), and a compiled JS function of a row.
import { math, type MathNode } from './math.js';

const SIG_DIGITS = 6;

const numberOf = (n: MathNode): number | undefined => {
  const v = (n as unknown as { value: unknown }).value;
  return n.type === 'ConstantNode' && typeof v === 'number' ? v : undefined;
};

/**
 * `a + (−c)` with a negative constant c, which composition leaves (w·g + b with b < 0): printed
 * as `a - |c|`, not `a + -c`.
 */
const plusNegative = (n: MathNode): { left: MathNode; minus: string } | undefined => {
  const op = n as unknown as { type: string; fn?: string; args?: MathNode[] };
  if (op.type !== 'OperatorNode' || op.fn !== 'add' || op.args?.length !== 2) return undefined;
  const c = numberOf(op.args[1]);
  return c !== undefined && c < 0 ? { left: op.args[0], minus: math.format(-c, { precision: SIG_DIGITS }) } : undefined;
};

/** Plain text with constants to 6 significant digits. */
export function toText(node: MathNode): string {
  const options = {
    handler: (n: MathNode, o: object): string | undefined => {
      const c = numberOf(n);
      if (c !== undefined) return math.format(c, { precision: SIG_DIGITS });
      const sub = plusNegative(n);
      if (sub) return `${sub.left.toString(o)} - ${sub.minus}`;
      return undefined;
    },
    implicit: 'show',
    parenthesis: 'auto',
  };
  return node.toString(options as object);
}

/** LaTeX with subscripted indexed variables and rounded constants. */
export function toTex(node: MathNode): string {
  const options = {
    handler: (n: MathNode) => {
      if (n.type === 'SymbolNode') {
        const m = /^([A-Za-z]+)(\d+)$/.exec((n as unknown as { name: string }).name);
        if (m) return `${m[1]}_{${m[2]}}`;
      }
      const c = numberOf(n);
      if (c !== undefined) return math.format(c, { precision: SIG_DIGITS });
      const sub = plusNegative(n);
      if (sub) return `${sub.left.toTex(options as object)}-${sub.minus}`;
      return undefined as unknown as string;
    },
    parenthesis: 'auto',
  };
  return node.toTex(options as object);
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
