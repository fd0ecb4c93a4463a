// Printing: a negative constant added at the end (w·g + b with b < 0, as SRNet's composition
// leaves it) reads as a subtraction, with the parentheses its place needs.
import { describe, expect, test } from '@jest/globals';
import { math, type MathNode } from '../../src/expr/math.js';
import { compileRow, toTex, toText } from '../../src/expr/format.js';

const plus = (a: MathNode, c: number): MathNode => new math.OperatorNode('+', 'add', [a, new math.ConstantNode(c)]);
const x0 = new math.SymbolNode('x0'), x1 = new math.SymbolNode('x1');
const sinX0 = new math.FunctionNode(new math.SymbolNode('sin'), [x0]);

describe('printing a + (−c)', () => {
  test('reads as a − c, alone, in a product and on the right of a subtraction', () => {
    expect(toText(plus(sinX0, -22.75341))).toBe('sin(x0) - 22.7534');
    expect(toText(new math.OperatorNode('*', 'multiply', [plus(x0, -2), x1]))).toBe('(x0 - 2) * x1');
    expect(toText(new math.OperatorNode('-', 'subtract', [x1, plus(x0, -2)]))).toBe('x1 - (x0 - 2)');
    expect(toText(plus(x0, 2))).toBe('x0 + 2');
  });

  test('the printed text evaluates as the tree does', () => {
    const node = new math.OperatorNode('-', 'subtract', [x1, new math.OperatorNode('*', 'multiply', [plus(sinX0, -0.5), x1])]);
    const row = [0.3, 1.7];
    const printed = compileRow(math.parse(toText(node)), ['x0', 'x1']);
    expect(printed(row)).toBeCloseTo(compileRow(node, ['x0', 'x1'])(row), 12);
  });

  test('LaTeX prints the same subtraction', () => {
    expect(toTex(plus(x0, -2))).toBe('x_{0}-2');
  });
});
