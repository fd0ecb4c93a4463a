// An SRNet layer is w·g + b, so an outer scale or shift of g says nothing: w and b absorb it.
// Printing g = (h2_3 + h2_7)·cos(h2_0) + 3870.83 hides the shape behind a constant that b already
// carries (and rounds it to 6 digits where b keeps all of them). This peels such constants off the
// top of an expression, and out of a sum wherever they stand in it (a sum is also scaled so its
// first term has no constant factor); the caller refits w and b on the core.
import { math, type MathNode } from './math.js';
import { compileRow } from './format.js';

type Op = { type: string; fn?: string; op?: string; args?: MathNode[]; content?: MathNode; value?: unknown };

const isConstant = (n: MathNode) => (n as unknown as Op).type === 'ConstantNode' && typeof (n as unknown as Op).value === 'number';

/**
 * A product's constant factor c taken out, and what is left: `c·A·B` (parsed `(c·A)·B`) gives c
 * and `A·B`, `(c·A) / B` gives c and `A / B`, `A / c` gives 1/c and A, at any depth of the
 * product chain. Null when the chain has no constant factor.
 */
function constantFactor(node: MathNode): { c: number; rest: MathNode } | null {
  const o = node as unknown as Op;
  if (o.type === 'ParenthesisNode' && o.content) return constantFactor(o.content);
  if (o.type !== 'OperatorNode' || o.args?.length !== 2) return null;
  const [a, b] = o.args;
  const v = (x: MathNode) => (x as unknown as Op).value as number;
  if (o.fn === 'multiply') {
    if (isConstant(a) && !isConstant(b)) return { c: v(a), rest: b };
    if (isConstant(b) && !isConstant(a)) return { c: v(b), rest: a };
    const fa = constantFactor(a);
    if (fa) return { c: fa.c, rest: new math.OperatorNode('*', 'multiply', [fa.rest, b]) };
    const fb = constantFactor(b);
    if (fb) return { c: fb.c, rest: new math.OperatorNode('*', 'multiply', [a, fb.rest]) };
  }
  if (o.fn === 'divide') {
    if (isConstant(b) && !isConstant(a)) return { c: 1 / v(b), rest: a };
    const fa = constantFactor(a);
    if (fa) return { c: fa.c, rest: new math.OperatorNode('/', 'divide', [fa.rest, b]) };
  }
  return null;
}

/** A sum's terms with their signs: `A + c − (B − C)` gives +A, +c, −B, +C (through parentheses and unary minus). */
function sumTerms(node: MathNode, sign: 1 | -1, out: { sign: 1 | -1; node: MathNode }[]): typeof out {
  const o = node as unknown as Op;
  if (o.type === 'ParenthesisNode' && o.content) return sumTerms(o.content, sign, out);
  if (o.type === 'OperatorNode' && o.fn === 'unaryMinus' && o.args?.length === 1) return sumTerms(o.args[0], sign === 1 ? -1 : 1, out);
  if (o.type === 'OperatorNode' && o.args?.length === 2 && (o.fn === 'add' || o.fn === 'subtract')) {
    sumTerms(o.args[0], sign, out);
    return sumTerms(o.args[1], o.fn === 'add' ? sign : (sign === 1 ? -1 : 1), out);
  }
  out.push({ sign, node });
  return out;
}

/**
 * A sum without its constant terms, wherever they stand, and scaled so
 * that its first term has no constant factor: `1.07946·x0 + 0.454492 − 1.13417·x1` gives
 * `x0 − 1.05068·x1`. Null when there is nothing to drop or rescale (or only constants).
 */
function normalisedSum(node: MathNode): MathNode | null {
  const terms = sumTerms(node, 1, []);
  const kept = terms.filter((t) => !isConstant(t.node));
  if (kept.length === 0) return null;
  const parts = kept.map((t) => { const f = constantFactor(t.node) ?? { c: 1, rest: t.node }; return { c: t.sign * f.c, rest: f.rest }; });
  const lead = parts[0].c;
  if ((kept.length === terms.length && lead === 1) || !(Number.isFinite(lead) && lead !== 0)) return null;
  let out: MathNode = parts[0].rest;
  for (const { c, rest } of parts.slice(1)) {
    const k = c / lead;
    const term = Math.abs(k) === 1 ? rest : new math.OperatorNode('*', 'multiply', [new math.ConstantNode(Math.abs(k)), rest]);
    out = new math.OperatorNode(k < 0 ? '-' : '+', k < 0 ? 'subtract' : 'add', [out, term]);
  }
  return out;
}

/**
 * The expression without its outermost additive and multiplicative constants and signs:
 * `c + A`, `A − c`, `c − A`, `c·A`, `A·c`, `A / c`, `−A`, `(A)` all give A, repeatedly, a
 * product (or quotient) gives up a constant factor anywhere in its chain (`c·A·B` → `A·B`), and
 * a longer sum its constant terms and its first term's factor (`2·A + 3 − 4·B` → `A − 2·B`). Null
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
    if (o.type === 'OperatorNode' && (o.fn === 'add' || o.fn === 'subtract')) {
      const m = normalisedSum(n);
      if (m) { n = m; continue; }
    }
    if (o.type === 'OperatorNode' && (o.fn === 'multiply' || o.fn === 'divide')) {
      const m = constantFactor(n);
      if (m) { n = m.rest; continue; }
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
