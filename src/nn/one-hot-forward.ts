// A network on one-hot inputs, with its first layer written as a table of weight columns plus a
// base vector (see assembly/energy/one-hot.ts for why), and the plain-TS twin of the WASM
// batched forward pass: same f32 summation order, reference activations (tests compare the two).
import type { Activation, DenseLayer } from './mlp.js';
import { forwardReference } from './forward.js';

export interface OneHotNetwork {
  first: {
    /** Row-major units × cols. */
    table: Float32Array;
    cols: number;
    /** One value per unit, added before the table columns. */
    base: Float32Array;
    units: number;
    activation: Activation;
  };
  /** The layers after the first; the value read is unit 0 of the last one. */
  rest: DenseLayer[];
}

const f32 = Math.fround;

/** Unit 0 of the last layer for each row (row r adds the table columns idx[r·m .. r·m + m − 1]). */
export function oneHotForwardReference(net: OneHotNetwork, idx: Int32Array, m: number, rows: number): Float32Array {
  const { first, rest } = net;
  const z = Array.from({ length: first.units }, () => new Float32Array(rows));
  for (let u = 0; u < first.units; u++) {
    const t = u * first.cols;
    for (let r = 0; r < rows; r++) {
      let v = first.base[u];
      for (let k = 0; k < m; k++) v = f32(v + first.table[t + idx[r * m + k]]);
      z[u][r] = v;
    }
  }
  // The first activation through the dense reference: an identity layer would change nothing
  // but cost a matmul, so apply it by a one-unit-per-unit pass over the stored values.
  const h = z.map((col) => applyActivation(first.activation, col));
  if (!rest.length) return h[0];
  return forwardReference(rest, h, rows).at(-1)!.post[0];
}

function applyActivation(a: Activation, col: Float32Array): Float32Array {
  const identity: DenseLayer = { inputs: 1, outputs: 1, weight: new Float32Array([1]), bias: new Float32Array([0]), activation: a };
  return forwardReference([identity], [col], col.length)[0].post[0];
}
