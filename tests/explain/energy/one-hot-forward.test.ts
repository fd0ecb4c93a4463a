// The one-hot first layer: the WASM batched pass (assembly/energy/one-hot.ts) against its plain-TS
// twin, and both against the network's ordinary forward pass on the full one-hot rows.
import { describe, expect, test } from '@jest/globals';
import { oneHotForwardWasm } from '../../../bindings/one-hot.js';
import { oneHotForwardReference } from '../../../src/nn/one-hot-forward.js';
import { logitLayers, oneHotNetwork } from '../../../src/nn/one-hot.js';
import type { Activation } from '../../../src/nn/mlp.js';
import { Rng } from '../../../src/cgp/rng.js';
import { randomMlp } from '../../helpers.js';
import { oneHot, randomStates } from './networks.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k])));
  expect(worst).toBeLessThan(tol);
};

describe('one-hot forward pass: WASM and TypeScript twins', () => {
  const q = [5, 3, 4, 5, 2, 5];
  const d = q.reduce((s, v) => s + v, 0);
  const offsets = q.map((_, i) => q.slice(0, i).reduce((s, v) => s + v, 0));
  const groupOf = Int32Array.from(q.flatMap((v, i) => new Array<number>(v).fill(i)));
  const cases: [number[], Activation[]][] = [
    [[d, 9, 1], ['tanh', 'linear']],
    [[d, 7, 5, 3], ['sigmoid', 'relu', 'softmax']],
    [[d, 6, 4, 2], ['elu', 'tanh', 'sigmoid']],
    [[d, 2], ['softmax']],
  ];
  for (const [sizes, acts] of cases) {
    test(`${sizes.join('-')} ${acts.join('/')}: full rows (m = L), single and pair mutants (m = 1, 2), across chunks`, async () => {
      const mlp = randomMlp(sizes, acts, sizes.length);
      const layers = logitLayers(mlp, sizes.at(-1)! - 1);
      const xs = randomStates(q, 9000, 5); // more rows than one 8192-row chunk
      const idx = new Int32Array(xs.length * q.length);
      xs.forEach((x, r) => x.forEach((a, i) => { idx[r * q.length + i] = offsets[i] + a; }));
      const net = oneHotNetwork(layers);
      const w = await oneHotForwardWasm(net, idx, q.length, xs.length);
      const t = oneHotForwardReference(net, idx, q.length, xs.length);
      close(w, t, 1e-5);
      // Against the ordinary pass on one-hot rows (the logit: the output layer's pre-activation).
      const acts2 = await mlp.activations(xs.slice(0, 300).map((x) => oneHot(q, x)));
      close(w.subarray(0, 300), acts2.at(-1)!.pre[sizes.at(-1)! - 1], 1e-5);
      // Relative to a reference input: mutants are base + one or two table columns.
      const ref = xs[0];
      const rnet = oneHotNetwork(layers, { columns: Array.from(ref, (a, i) => offsets[i] + a), groupOf });
      const rng = new Rng(1);
      for (const m of [1, 2]) {
        const n = 1001;
        const pidx = Int32Array.from({ length: n * m }, () => rng.below(d));
        const pw = await oneHotForwardWasm(rnet, pidx, m, n);
        close(pw, oneHotForwardReference(rnet, pidx, m, n), 1e-5);
        // Row 0 as a sequence: the reference with those positions changed.
        const x = Int32Array.from(ref);
        for (let k = 0; k < m; k++) { const c = pidx[k]; x[groupOf[c]] = c - offsets[groupOf[c]]; }
        if (m === 1 || groupOf[pidx[0]] !== groupOf[pidx[1]]) {
          const [full] = await oneHotForwardWasm(net, Int32Array.from(x, (a, i) => offsets[i] + a), q.length, 1);
          expect(pw[0]).toBeCloseTo(full, 4);
        }
      }
    });
  }
});
