// An SRNet layer is w·g + b, so an outer scale or shift of g says nothing: w and b absorb it.
// Printing g = (h2_3 + h2_7)·cos(h2_0) + 3870.83 hides the shape behind a constant that b already
// carries (and rounds it to 6 digits where b keeps all of them). This peels such constants off the
// top of an expression; the caller refits w and b on the core.
import { math, type MathNode } from './math.js';
import { compileRow } from './format.js';

type Op = { type: string; fn?: string; op?: string; args?: MathNode[]; content?: MathNode; value?: unknown };

const isConstant = (n: MathNode) => (n as unknown as Op).type === 'ConstantNode' && typeof (n as unknown as Op).value === 'number';

/**
 * A product's constant factor taken out: `c·A·B` (parsed `(c·A)·B`) gives `A·B`, `(c·A) / B`
 * gives `A / B`, at any depth of the product chain. Null when the chain has no constant factor.
 */
function withoutConstantFactor(node: MathNode): MathNode | null {
  const o = node as unknown as Op;
  if (o.type === 'ParenthesisNode' && o.content) return withoutConstantFactor(o.content);
  if (o.type !== 'OperatorNode' || o.args?.length !== 2) return null;
  const [a, b] = o.args;
  if (o.fn === 'multiply') {
    if (isConstant(a) && !isConstant(b)) return b;
    if (isConstant(b) && !isConstant(a)) return a;
    const a2 = withoutConstantFactor(a);
    if (a2) return new math.OperatorNode('*', 'multiply', [a2, b]);
    const b2 = withoutConstantFactor(b);
    if (b2) return new math.OperatorNode('*', 'multiply', [a, b2]);
  }
  if (o.fn === 'divide') {
    if (isConstant(b) && !isConstant(a)) return a;
    const a2 = withoutConstantFactor(a);
    if (a2) return new math.OperatorNode('/', 'divide', [a2, b]);
  }
  return null;
}

/**
 * The expression without its outermost additive and multiplicative constants and signs:
 * `c + A`, `A − c`, `c − A`, `c·A`, `A·c`, `A / c`, `−A`, `(A)` all give A, repeatedly, and a
 * product (or quotient) gives up a constant factor anywhere in its chain (`c·A·B` → `A·B`). Null
 * when nothing was peeled, or when what is left is a constant.
 */
export function affineCore(node: MathNode): MathNode | null {
  let n = node;
  for (;;) {
    const o = n as unknown as Op;
    if (o.type === 'ParenthesisNode' && o.content) { n = o.content; continue; }
    if (o.type === 'OperatorNode' && o.fn === 'unaryMinus' && o.args?.length === 1) { n = o.args[0]; continue; }
    if (o.type === 'OperatorNode' && o.args?.length === 2 && ['add', 'subtract', 'multiply'].includes(o.fn!)) {
      const [a, b] = o.args;
      if (isConstant(a) && !isConstant(b)) { n = b; continue; }
      if (isConstant(b) && !isConstant(a)) { n = a; continue; }
    }
    if (o.type === 'OperatorNode' && (o.fn === 'multiply' || o.fn === 'divide')) {
      const m = withoutConstantFactor(n);
      if (m) { n = m; continue; }
    }
    break;
  }
  if (n === node || (n as unknown as Op).type === 'ConstantNode') return null;
  return n;
}

/**
 * The layer as printed: g's affine core (affine-core.ts) with w, b refitted on it when g is an
 * exact affine image of the core on the rows given (to 1e-4 of g's spread); else g, w, b as found.
 */
export function peelAffine(node: MathNode, layer: { weights: ArrayLike<number>; biases: ArrayLike<number> },
  g: (row: ArrayLike<number>) => number, names: readonly string[], inputs: readonly number[][])
  : { node: MathNode; weights: number[]; biases: number[] } {
  const asFound = { node, weights: Array.from(layer.weights), biases: Array.from(layer.biases) };
  const core = affineCore(node);
  if (!core || inputs.length < 2) return asFound;
  const c = compileRow(core, names);
  const xs = inputs.map((row) => c(row)), ys = inputs.map((row) => g(row));
  if (![...xs, ...ys].every(Number.isFinite)) return asFound;
  const n = xs.length, mx = xs.reduce((a, v) => a + v, 0) / n, my = ys.reduce((a, v) => a + v, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let r = 0; r < n; r++) { sxx += (xs[r] - mx) ** 2; sxy += (xs[r] - mx) * (ys[r] - my); syy += (ys[r] - my) ** 2; }
  if (!(sxx > 0 && syy > 0)) return asFound;
  const scale = sxy / sxx, shift = my - scale * mx;
  const worst = Math.max(...xs.map((x, r) => Math.abs(scale * x + shift - ys[r])));
  if (!(worst <= 1e-4 * Math.sqrt(syy / n))) return asFound;
  return {
    node: core,
    weights: asFound.weights.map((w) => w * scale),
    biases: asFound.biases.map((b, j) => b + asFound.weights[j] * shift),
  };
}
