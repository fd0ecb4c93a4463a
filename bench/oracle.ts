// The network as an oracle: eqlens's WASM SIMD forward pass against tfjs-wasm predict on
// 100,000 points, for the SRNet network shapes (1-3-3-1 … 22-100-100-2). Both start from the
// same flat row-major Float32Array and end with plain arrays in JS; medians of repeated runs.
// tfjs gets its best case, one batch of all rows (its default batchSize of 32 is ~30× slower).
// eqlens is timed as a user calls it (predict's default threads: 'auto', which uses both cores
// on this machine once a batch has ≥ 2e8 multiply-adds: only 22-100-100-2 here) and on one
// thread. tfjs-backend-wasm runs one thread in Node whatever it is asked (its multithreaded
// build is switched off there, tfjs issue #3830), so the first ratio is what a Node user gets
// and the second the like-for-like kernel comparison.
import { Bench } from 'tinybench';
import type { Tensor } from '@tensorflow/tfjs';
import { Mlp, closeForwardPool, mlpToTfjs, type Activation } from '../src/index.js';
import { tensorflow } from '../src/nn/tf.js';
import { Rng } from '../src/cgp/rng.js';

const POINTS = 100_000;
const SHAPES: [number[], Activation][] = [[[1, 3, 3, 1], 'linear'], [[5, 5, 5, 5, 1], 'linear'], [[22, 100, 100, 2], 'softmax']];

function randomMlp(sizes: number[], out: Activation, rng: Rng): Mlp {
  return new Mlp(sizes.slice(1).map((units, k) => ({
    inputs: sizes[k], outputs: units, activation: k === sizes.length - 2 ? out : 'sigmoid',
    weight: Float32Array.from({ length: sizes[k] * units }, () => (rng.uniform() - 0.5) * 2),
    bias: Float32Array.from({ length: units }, () => rng.uniform() - 0.5),
  })));
}

export async function benchOracle(): Promise<{ table: Record<string, unknown>[]; summary: Record<string, number> }> {
  const tf = await tensorflow();
  const rng = new Rng(11);
  const bench = new Bench({ time: 2000, warmupTime: 300, iterations: 5 });
  const ratios: number[] = [];
  const names: string[] = [];
  for (const [sizes, out] of SHAPES) {
    const mlp = randomMlp(sizes, out, rng);
    const model = await mlpToTfjs(mlp);
    const flat = Float32Array.from({ length: POINTS * sizes[0] }, () => -2 + 4 * rng.uniform());
    const shape: [number, number] = [POINTS, sizes[0]];
    const name = sizes.join('-');
    names.push(name);
    bench.add(`eqlens ${name}`, async () => { await mlp.predict({ data: flat, shape }); });
    bench.add(`eqlens-1 ${name}`, async () => { await mlp.predict({ data: flat, shape }, { threads: 1 }); });
    bench.add(`tfjs-wasm ${name}`, async () => {
      const x = tf.tensor2d(flat, shape);
      const y = model.predict(x, { batchSize: POINTS }) as Tensor;
      await y.data();
      x.dispose(); y.dispose();
    });
  }
  await bench.run();
  const median = (n: string) => {
    const r = bench.tasks.find((t) => t.name === n)!.result as unknown as { latency?: { p50?: number } };
    return r.latency!.p50!;
  };
  const oneThread: number[] = [];
  const table = names.map((n) => {
    const ours = median(`eqlens ${n}`), one = median(`eqlens-1 ${n}`), theirs = median(`tfjs-wasm ${n}`);
    ratios.push(theirs / ours);
    oneThread.push(theirs / one);
    return { network: n, 'eqlens ms': +ours.toFixed(2), 'eqlens 1 thread ms': +one.toFixed(2), 'tfjs-wasm ms': +theirs.toFixed(2),
      ratio: +(theirs / ours).toFixed(2), 'ratio 1 thread': +(theirs / one).toFixed(2) };
  });
  await closeForwardPool();
  const byNetwork = (r: number[]) => Object.fromEntries(names.map((n, i) => [n, +r[i].toFixed(2)])) as never;
  return { table, summary: {
    oracleOverTfjs: +Math.min(...ratios).toFixed(2), oracleOverTfjsByNetwork: byNetwork(ratios),
    oracleOverTfjsOneThread: +Math.min(...oneThread).toFixed(2), oracleOverTfjsOneThreadByNetwork: byNetwork(oneThread),
  } };
}
