// Conversion between Mlp and TensorFlow.js LayersModels made of Dense layers, and loading a
// tfjs model.json (+ weight shards) from disk (Node) or a URL (browser).
import type { LayersModel } from '@tensorflow/tfjs';
import { EqlensError } from '../errors.js';
import { ACTIVATIONS, Mlp, type Activation, type DenseLayer } from './mlp.js';
import { tensorflow } from './tf.js';

interface LayerLike {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  getWeights(): { shape: number[]; dataSync(): ArrayLike<number> }[];
}

/** An Mlp from a LayersModel of Dense layers (InputLayer and Dropout are skipped; an Activation layer folds into the Dense before it). */
export function mlpFromTfjs(model: LayersModel): Mlp {
  const layers: DenseLayer[] = [];
  for (const l of model.layers as unknown as LayerLike[]) {
    const type = l.getClassName();
    if (type === 'InputLayer' || type === 'Dropout') continue;
    const activation = String(l.getConfig().activation ?? 'linear') as Activation;
    if (type === 'Activation') {
      const prev = layers[layers.length - 1];
      if (!prev || prev.activation !== 'linear') throw new EqlensError('E_MODEL', `layer "${l.name}" (Activation) must follow a Dense layer without activation`);
      if (!ACTIVATIONS.includes(activation)) throw new EqlensError('E_MODEL', `layer "${l.name}" (Activation): activation "${activation}" is not supported`);
      prev.activation = activation;
      continue;
    }
    if (type !== 'Dense') throw new EqlensError('E_MODEL', `layer "${l.name}" (${type}) is not supported: eqlens reads Dense layers only`);
    if (!ACTIVATIONS.includes(activation)) throw new EqlensError('E_MODEL', `layer "${l.name}" (Dense): activation "${activation}" is not supported (supported: ${ACTIVATIONS.join(', ')})`);
    const [kernel, bias] = l.getWeights();
    const [inputs, outputs] = kernel.shape;
    const k = kernel.dataSync();
    const weight = new Float32Array(inputs * outputs);
    for (let i = 0; i < inputs; i++) for (let j = 0; j < outputs; j++) weight[j * inputs + i] = k[i * outputs + j];
    layers.push({ inputs, outputs, weight, bias: bias ? Float32Array.from(bias.dataSync()) : new Float32Array(outputs), activation });
  }
  return new Mlp(layers);
}

/** A tfjs Sequential model with the same weights. */
export async function mlpToTfjs(mlp: Mlp): Promise<LayersModel> {
  const tf = await tensorflow();
  const model = tf.sequential();
  mlp.layers.forEach((l, k) => {
    model.add(tf.layers.dense({ units: l.outputs, activation: l.activation, ...(k === 0 && { inputShape: [l.inputs] }) }));
  });
  mlp.layers.forEach((l, k) => {
    const kernel = new Float32Array(l.inputs * l.outputs);
    for (let i = 0; i < l.inputs; i++) for (let j = 0; j < l.outputs; j++) kernel[i * l.outputs + j] = l.weight[j * l.inputs + i];
    model.layers[k].setWeights([tf.tensor2d(kernel, [l.inputs, l.outputs]), tf.tensor1d(l.bias)]);
  });
  return model;
}

interface TfjsModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}

/** Loads a tfjs model.json with its weight files: a path on disk in Node, or a URL. */
export async function loadTfjsModel(pathOrUrl: string): Promise<LayersModel> {
  const tf = await tensorflow();
  const isNode = typeof process !== 'undefined' && !!process.versions?.node;
  if (!isNode || /^https?:/.test(pathOrUrl)) return tf.loadLayersModel(pathOrUrl);
  const { readFile } = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  let doc: TfjsModelJson;
  try {
    doc = JSON.parse(await readFile(pathOrUrl, 'utf8')) as TfjsModelJson;
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read tfjs model ${pathOrUrl}: ${(e as Error).message}`);
  }
  if (!doc.modelTopology || !Array.isArray(doc.weightsManifest)) throw new EqlensError('E_MODEL', `${pathOrUrl}: not a tfjs model.json (no modelTopology/weightsManifest)`);
  const bad = (why: string) => new EqlensError('E_MODEL', `${pathOrUrl}: ${why}`);
  const BYTES: Record<string, number> = { float32: 4, int32: 4, uint8: 1, bool: 1 };
  let expected = 0;
  doc.weightsManifest.forEach((group, g) => {
    if (!group || !Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string') || !Array.isArray(group.weights)) {
      throw bad(`weightsManifest[${g}] needs "paths" (file names) and "weights" (specs)`);
    }
    group.weights.forEach((w, i) => {
      const shapeOk = w && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0);
      if (!shapeOk || typeof w.name !== 'string' || !(w.dtype in BYTES)) {
        throw bad(`weightsManifest[${g}].weights[${i}] is not a {name, shape, dtype} spec eqlens can read: ${JSON.stringify(w)}`);
      }
      expected += BYTES[w.dtype] * w.shape.reduce((a, b) => a * b, 1);
    });
  });
  const buffers: Uint8Array[] = [];
  for (const group of doc.weightsManifest) {
    for (const p of group.paths) {
      try {
        buffers.push(await readFile(join(dirname(pathOrUrl), p)));
      } catch (e) {
        throw new EqlensError('E_IO', `${pathOrUrl}: weight file ${p} cannot be read: ${(e as Error).message}`);
      }
    }
  }
  const total = buffers.reduce((s, b) => s + b.byteLength, 0);
  if (total !== expected) throw bad(`the weight files hold ${total} bytes; the manifest describes ${expected}`);
  const weightData = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) { weightData.set(b, off); off += b.byteLength; }
  try {
    return await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: doc.modelTopology as object,
      weightSpecs: doc.weightsManifest.flatMap((g) => g.weights) as never,
      weightData: weightData.buffer,
    }));
  } catch (e) {
    // tfjs's own message (an unknown layer class, a weight that does not fit the topology…).
    throw bad(`tfjs cannot build the model: ${(e as Error).message}`);
  }
}
