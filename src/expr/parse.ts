// Reading an equation back from text (a result file, a user): mathjs parses it, then only
// arithmetic, the function set's functions, numbers and the named variables are allowed — a
// result file is data, and mathjs's own language (assignments, imports, units, matrices) must
// not run from it.
import { EqlensError } from '../errors.js';
import { math, type MathNode } from './math.js';

const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'square', 'cube']);
const CONSTANTS = new Set(['pi', 'e']);
/** Longer text than any front member eqlens prints; parsing is linear but nothing needs more. */
const MAX_LENGTH = 100_000;

export interface ParsedExpression {
  node: MathNode;
  /** The expression at one input row (variables in the order given). */
  evaluate(row: ArrayLike<number>): number;
}

const bad = (why: string) => new EqlensError('E_EXPRESSION', why);

/**
 * @example
 * const g = parseExpression('x0 ^ 2 + 2 * x1 ^ 2', ['x0', 'x1']);
 * g.evaluate([1, 1]); // 3
 */
export function parseExpression(text: unknown, variables: readonly string[]): ParsedExpression {
  if (typeof text !== 'string') throw bad(`expected an expression as text, got ${text === null ? 'null' : typeof text}`);
  if (text.length > MAX_LENGTH) throw bad(`the expression is ${text.length} characters long; at most ${MAX_LENGTH} are read`);
  if (!text.trim()) throw bad('the expression is empty');
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    throw bad(`cannot parse "${text.length > 80 ? text.slice(0, 77) + '...' : text}": ${(e as Error).message}`);
  }
  const known = new Set(variables);
  node.traverse((n) => {
    const x = n as MathNode & { fn?: string | { name?: string }; name?: string; value?: unknown; implicit?: boolean };
    switch (n.type) {
      case 'ConstantNode':
        if (typeof x.value !== 'number' || !Number.isFinite(x.value)) throw bad(`${JSON.stringify(x.value)} is not a finite number`);
        return;
      case 'SymbolNode': {
        // The name of a called function is a SymbolNode too; FunctionNode checks it.
        if (known.has(x.name!) || CONSTANTS.has(x.name!) || FUNCTIONS.has(x.name!)) return;
        throw bad(`unknown variable "${x.name}"; the variables are ${variables.join(', ') || '(none)'}`);
      }
      case 'OperatorNode':
        if (!OPERATORS.has(x.fn as string)) throw bad(`operator "${(n as unknown as { op: string }).op}" is not allowed in an equation`);
        return;
      case 'FunctionNode': {
        const name = typeof x.fn === 'object' ? x.fn?.name : undefined;
        if (!name || !FUNCTIONS.has(name) || known.has(name)) throw bad(`function "${name ?? n.toString()}" is not allowed; known: ${[...FUNCTIONS].join(', ')}`);
        const args = (n as unknown as { args: MathNode[] }).args;
        if (args.length !== 1) throw bad(`${name} takes one argument, "${n.toString().slice(0, 40)}" gives ${args.length}`);
        return;
      }
      case 'ParenthesisNode':
        return;
      default:
        throw bad(`${n.type} ("${n.toString().slice(0, 40)}") is not allowed in an equation`);
    }
  });
  const code = node.compile();
  const scope = new Map<string, number>();
  return {
    node,
    evaluate(row) {
      if (row.length !== variables.length) throw new EqlensError('E_DATA_SHAPE', `expected ${variables.length} values (${variables.join(', ')}), got ${row.length}`);
      for (let i = 0; i < variables.length; i++) scope.set(variables[i], row[i]);
      let v: unknown;
      try {
        v = code.evaluate(scope);
      } catch (e) {
        throw bad(`cannot evaluate "${text.slice(0, 40)}": ${(e as Error).message}`);
      }
      return typeof v === 'number' ? v : NaN;
    },
  };
}
