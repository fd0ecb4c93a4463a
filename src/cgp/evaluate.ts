// Plain TypeScript reference evaluator: the same semantics as the WASM SIMD evaluator
// (f32 storage after every node, plain or protected ops), computed with Math.* one node at a
// time over whole Float32Array columns. The test oracle and the benchmark baseline.
import type { Geometry } from '../../bindings/engine.js';
import { FUNCTIONS } from './functions.js';
import { activeSet, leafCount, nodeCount, type Genome } from './genome.js';

/**
 * Evaluates every output of `genome` on column-major inputs (`columns[i][r]`).
 * @returns one Float32Array per output.
 */
export function evaluateReference(g: Geometry, genome: Genome, columns: readonly Float32Array[], rows: number,
  options: { protectedOps?: boolean; weights?: readonly number[] } = {}): Float32Array[] {
  const act = activeSet(g, genome.genes, options.weights ?? FUNCTIONS.map(() => 1));
  const L = leafCount(g), N = nodeCount(g);
  const values: (Float32Array | undefined)[] = new Array(L + N);
  for (let i = 0; i < g.inputs; i++) values[i] = columns[i];
  for (let i = 0; i < g.constants; i++) values[g.inputs + i] = new Float32Array(rows).fill(genome.consts[i]);
  for (const k of act.nodes) {
    const fn = FUNCTIONS[genome.genes[3 * k]];
    const f = options.protectedOps ? fn.applyProtected : fn.apply;
    const a = values[genome.genes[3 * k + 1]]!;
    const b = fn.arity === 2 ? values[genome.genes[3 * k + 2]]! : a;
    const out = new Float32Array(rows);
    for (let r = 0; r < rows; r++) out[r] = f(a[r], b[r]);
    values[L + k] = out;
  }
  const outs: Float32Array[] = [];
  for (let o = 0; o < g.outputs; o++) outs.push(Float32Array.from(values[genome.genes[3 * N + o]]!.subarray(0, rows)));
  return outs;
}
