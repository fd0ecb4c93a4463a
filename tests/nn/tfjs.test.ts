// Mlp against TensorFlow.js (WASM backend): predict, conversion both ways, model.json from
// disk, unsupported layers, and input gradients against tf.grad.
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mlp, mlpFromTfjs, mlpToTfjs, loadTfjsModel } from '../../src/index.js';
import { tensorflow } from '../../src/nn/tf.js';
import { Rng } from '../../src/cgp/rng.js';
import { SRNET_DIR, withShared, SKIP_NOTE } from '../helpers.js';

const SHARED = new URL(`file://${SRNET_DIR}`);

const points = (n: number, d: number, lo: number, hi: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.fround(lo + (hi - lo) * rng.uniform())));
};

async function maxDiffAgainstTfjs(mlp: Mlp, X: number[][]): Promise<number> {
  const tf = await tensorflow();
  const model = await mlpToTfjs(mlp);
  const ref = (model.predict(tf.tensor2d(X)) as import('@tensorflow/tfjs').Tensor).arraySync() as number[][];
  const ours = await mlp.predict(X);
  let worst = 0;
  ref.forEach((row, r) => row.forEach((v, j) => { worst = Math.max(worst, Math.abs(ours[j][r] - v) / Math.max(1, Math.abs(v))); }));
  return worst;
}

describe('TensorFlow.js', () => {
  test('the WASM backend is the one in use', async () => {
    expect((await tensorflow()).getBackend()).toBe('wasm');
  });

  withShared(`forward pass equals tfjs predict within 1e-5 on the SRNet K0 and car networks${SKIP_NOTE}`, async () => {
    const k0 = Mlp.fromJSON(JSON.parse(readFileSync(new URL('regression/K0/network.json', SHARED), 'utf8')));
    expect(await maxDiffAgainstTfjs(k0, points(1000, 1, -1, 1, 1))).toBeLessThanOrEqual(1e-5);
    const car = Mlp.fromJSON(JSON.parse(readFileSync(new URL('classification/car/network.json', SHARED), 'utf8')));
    expect(car.sizes).toEqual([6, 100, 100, 100, 4]);
    expect(await maxDiffAgainstTfjs(car, points(1000, 6, 0, 4, 2))).toBeLessThanOrEqual(1e-5);
  });

  test('fromTfjs reads Dense, Activation and Dropout layers; predictions agree', async () => {
    const tf = await tensorflow();
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 5, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }), biasInitializer: 'ones' }),
      tf.layers.activation({ activation: 'tanh' }),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ] });
    const mlp = mlpFromTfjs(model);
    expect(mlp.sizes).toEqual([3, 8, 5, 2]);
    expect(mlp.layers.map((l) => l.activation)).toEqual(['relu', 'tanh', 'softmax']);
    const X = points(500, 3, -2, 2, 3);
    const ref = (model.predict(tf.tensor2d(X)) as import('@tensorflow/tfjs').Tensor).arraySync() as number[][];
    const ours = await mlp.predict(X);
    ref.forEach((row, r) => row.forEach((v, j) => expect(Math.abs(ours[j][r] - v)).toBeLessThanOrEqual(1e-5)));
  });

  test('a tfjs model.json with weight shards loads from disk', async () => {
    const tf = await tensorflow();
    const mlp = new Mlp([
      { inputs: 2, outputs: 4, activation: 'elu', weight: Float32Array.from([0.5, -1, 0.25, 2, -0.75, 0.1, 1.5, -0.3]), bias: Float32Array.from([0.1, -0.2, 0.3, 0]) },
      { inputs: 4, outputs: 1, activation: 'linear', weight: Float32Array.from([1, -2, 0.5, 0.25]), bias: Float32Array.from([0.7]) },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'eqlens-tfjs-'));
    await (await mlpToTfjs(mlp)).save(tf.io.withSaveHandler(async (a) => {
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(a.weightData as ArrayBuffer));
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const back = mlpFromTfjs(await loadTfjsModel(join(dir, 'model.json')));
    expect(back.toJSON()).toEqual(mlp.toJSON());
    await expect(loadTfjsModel(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'E_IO' });
  });

  test('an unsupported layer is named with its type', async () => {
    const tf = await tensorflow();
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: 4, inputShape: [2], name: 'hidden' }),
      tf.layers.batchNormalization({ name: 'bn' }),
      tf.layers.dense({ units: 1 }),
    ] });
    expect(() => mlpFromTfjs(model)).toThrow(/layer "bn" \(BatchNormalization\) is not supported/);
  });

  test('inputGradient matches tf.grad for every output unit', async () => {
    const tf = await tensorflow();
    const rng = new Rng(5);
    const mlp = new Mlp([
      { inputs: 3, outputs: 6, activation: 'tanh', weight: Float32Array.from({ length: 18 }, () => rng.uniform() - 0.5), bias: Float32Array.from({ length: 6 }, () => rng.uniform() - 0.5) },
      { inputs: 6, outputs: 3, activation: 'softmax', weight: Float32Array.from({ length: 18 }, () => 2 * rng.uniform() - 1), bias: new Float32Array(3) },
    ]);
    const model = await mlpToTfjs(mlp);
    const X = points(200, 3, -2, 2, 6);
    for (let unit = 0; unit < 3; unit++) {
      const g = tf.grad((x: import('@tensorflow/tfjs').Tensor) => (model.predict(x) as import('@tensorflow/tfjs').Tensor).slice([0, unit], [-1, 1]).sum());
      const ref = g(tf.tensor2d(X)).arraySync() as number[][];
      const ours = await mlp.inputGradient(X, { unit });
      ref.forEach((row, r) => row.forEach((v, i) => expect(Math.abs(ours[i][r] - v)).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(v))));
    }
  });
});
