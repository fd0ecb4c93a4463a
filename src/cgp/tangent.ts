// Plain TypeScript twin of assembly/engine/tangent.ts: forward-mode derivatives of a genome
// (value and ∂/∂x_k for every input, rounded to f32 after every node as WASM stores them) and
// the sign-invariant normalised-gradient loss of METHODS §4. The test oracle for the WASM code.
import type { Geometry } from '../../bindings/engine.js';
import { FUNCTIONS, type FunctionSpec } from './functions.js';
import { activeSet, leafCount, nodeCount, type Genome } from './genome.js';

/** Added to ‖∇g‖ before normalising (METHODS §4). */
export const GRADIENT_EPS = 1e-5;

/** ∂f/∂a and ∂f/∂b under the protected semantics (sqrt|a|, ln|a|, a/0 → 1, |a|^b). */
function protectedDerivative(fn: FunctionSpec, a: number, b: number): [number, number] {
  switch (fn.name) {
    case 'sqrt': return [Math.sign(a) * 0.5 / Math.sqrt(Math.abs(a)), 0];
    case 'div': return b === 0 ? [0, 0] : fn.derivative(a, b);
    case 'pow': return [Math.sign(a) * b * Math.pow(Math.abs(a), b - 1), Math.pow(Math.abs(a), b) * Math.log(Math.abs(a))];
    default: return fn.derivative(a, b);
  }
}

/**
 * Output `output` of `genome` and its partial derivatives on column-major inputs.
 * @returns [value, ∂/∂x0, …, ∂/∂x(d−1)], one Float32Array per entry.
 */
export function tangentsReference(g: Geometry, genome: Genome, columns: readonly Float32Array[], rows: number,
  options: { protectedOps?: boolean; output?: number } = {}): Float32Array[] {
  const act = activeSet(g, genome.genes, FUNCTIONS.map(() => 1));
  const L = leafCount(g), N = nodeCount(g), d = g.inputs;
  const value: Float32Array[] = new Array(L + N);
  const tangent: (Float32Array | null)[][] = new Array(L + N); // null: identically zero
  for (let i = 0; i < d; i++) {
    value[i] = columns[i];
    tangent[i] = Array.from({ length: d }, (_, k) => (k === i ? new Float32Array(rows).fill(1) : null));
  }
  for (let i = 0; i < g.constants; i++) {
    value[d + i] = new Float32Array(rows).fill(genome.consts[i]);
    tangent[d + i] = new Array(d).fill(null);
  }
  for (const k of act.nodes) {
    const fn = FUNCTIONS[genome.genes[3 * k]];
    const f = options.protectedOps ? fn.applyProtected : fn.apply;
    const ia = genome.genes[3 * k + 1], ib = fn.arity === 2 ? genome.genes[3 * k + 2] : ia;
    const a = value[ia], b = value[ib];
    const v = new Float32Array(rows);
    for (let r = 0; r < rows; r++) v[r] = f(a[r], b[r]);
    value[L + k] = v;
    tangent[L + k] = Array.from({ length: d }, (_, j) => {
      const da = tangent[ia][j], db = fn.arity === 2 ? tangent[ib][j] : null;
      if (!da && !db) return null;
      const out = new Float32Array(rows);
      for (let r = 0; r < rows; r++) {
        const [pa, pb] = options.protectedOps ? protectedDerivative(fn, a[r], b[r]) : fn.derivative(a[r], b[r]);
        // A side whose tangent is zero contributes nothing (never 0·NaN: pow(x, 2) at x < 0).
        out[r] = (da ? pa * da[r] : 0) + (db ? pb * db[r] : 0);
      }
      return out;
    });
  }
  const o = genome.genes[3 * N + (options.output ?? 0)];
  return [Float32Array.from(value[o].subarray(0, rows)),
    ...tangent[o].map((t) => (t ? Float32Array.from(t.subarray(0, rows)) : new Float32Array(rows)))];
}

/**
 * min over s = ±1 of (1/(N·d)) Σ_n Σ_k (s·∂_k g/(‖∇g‖ + ε) − n_k)², with `target` the network's
 * normalised gradient (one column per input). +Infinity for a constant g or any NaN/Inf.
 */
export function gradientLossReference(tangents: readonly ArrayLike<number>[], target: readonly ArrayLike<number>[], rows: number): number {
  const d = target.length;
  let P = 0, M = 0, G = 0;
  for (let r = 0; r < rows; r++) {
    let s2 = 0;
    for (let k = 0; k < d; k++) s2 += tangents[k][r] ** 2;
    const inv = 1 / (Math.sqrt(s2) + GRADIENT_EPS);
    for (let k = 0; k < d; k++) {
      const u = tangents[k][r] * inv;
      P += (u - target[k][r]) ** 2;
      M += (u + target[k][r]) ** 2;
    }
    G += s2;
  }
  if (!Number.isFinite(P) || !Number.isFinite(M) || !Number.isFinite(G) || G === 0) return Infinity;
  return Math.min(P, M) / (rows * d);
}
