// Training an MLP with TensorFlow.js (WASM backend). Seeded end to end: weights come from
// seeded initialisers and each epoch's shuffle from eqlens's RNG (tfjs's own shuffle uses
// an unseeded global generator). Inputs (and regression targets) are standardised for training, and the
// standardisation is folded into the first and last layers, so the returned Mlp takes and
// returns values in the user's units and explanations need no extra step.
import type { LayersModel, Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';
import { toColumns, type Matrix } from '../data/matrix.js';
import { ACTIVATIONS, Mlp, type Activation, type DenseLayer } from './mlp.js';
import { mlpFromTfjs } from './tfjs-convert.js';
import { tensorflow, type Tf } from './tf.js';
import { cdTf, checkPenalty, type ExplanationPenalty } from './cd-penalty.js';

export interface TrainProgress { epoch: number; epochs: number; loss: number; valLoss: number | undefined }

export interface TrainOptions {
  /** Hidden layer widths. Default [64, 64]. */
  hidden?: readonly number[];
  /** Hidden activation. Default 'tanh'. */
  activation?: Exclude<Activation, 'softmax'>;
  /** 'regression' (linear output, MSE) or 'classification' (softmax, cross-entropy; y holds class indices). Default 'regression'. */
  task?: 'regression' | 'classification';
  /** Default 200. */
  epochs?: number;
  /** Default 64. */
  batchSize?: number;
  /** Adam learning rate. Default 0.003. */
  learningRate?: number;
  /** Fraction of rows held out for validation (and early stopping). Default 0.1. */
  validationSplit?: number;
  /** Stop after this many epochs without a better validation loss, and keep the best weights; false: never. Default { patience: 20 }. */
  earlyStopping?: { patience: number } | false;
  /**
   * Hidden biases start uniform in ±biasInit (seeded) instead of 0. With zero biases a tanh (or
   * sigmoid) unit's pre-activation is centred where its curvature is zero, so on average it
   * carries no pairwise interaction of its inputs and gets no gradient toward one: interactions
   * that leave no first-order trace (Potts couplings on uniform sequences) are then memorised
   * rather than learned. Default 0.
   */
  biasInit?: number;
  /**
   * L2 penalty on the kernels (not the biases): `weightDecay` × W is added to each kernel's
   * gradient, i.e. (weightDecay / 2)·ΣW² to the loss, in the standardised units the network trains
   * in. It keeps a wide network from memorising with high-order terms. Default 0.
   */
  weightDecay?: number;
  /**
   * Multiply the learning rate by `factor` after `patience` epochs without a better validation
   * loss (then wait `patience` epochs again), as keras's ReduceLROnPlateau does; false: never.
   * Default false.
   */
  reduceLearningRate?: { patience: number; factor: number } | false;
  /** Default 0. */
  seed?: number;
  onProgress?: (p: TrainProgress) => void;
  /** Stops training; the best weights so far are returned. */
  signal?: AbortSignal;
  /**
   * CDEP: add `weight` × the mean over the batch of Σ_outputs |CD score| of these input features at
   * the logits (contextual decomposition, computed on the standardised inputs the network trains
   * on) to the loss, so the network learns not to rely on them. Default: none.
   */
  explanationPenalty?: ExplanationPenalty;
}

const KNOWN = new Set(['hidden', 'activation', 'task', 'epochs', 'batchSize', 'learningRate', 'validationSplit', 'earlyStopping', 'biasInit', 'weightDecay', 'reduceLearningRate', 'seed', 'onProgress', 'signal', 'explanationPenalty']);
const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

function meanStd(v: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  const sd = Math.sqrt(s / v.length);
  return [m, sd > 1e-12 ? sd : 1];
}

/**
 * Trains an MLP on (X, y) and returns it as an Mlp in the user's units.
 * @example
 * const mlp = await trainMlp(X, y, { hidden: [64, 64], epochs: 300, seed: 1 });
 * const [yhat] = await mlp.predict(X);
 */
export async function trainMlp(X: Matrix, y: ArrayLike<number>, options: TrainOptions = {}): Promise<Mlp> {
  for (const k of Object.keys(options)) if (!KNOWN.has(k)) throw bad(k, `unknown option; known: ${[...KNOWN].join(', ')}`);
  const o = { hidden: [64, 64], activation: 'tanh' as const, task: 'regression' as const, epochs: 200, batchSize: 64, learningRate: 0.003,
    validationSplit: 0.1, earlyStopping: { patience: 20 } as { patience: number } | false, biasInit: 0, weightDecay: 0, reduceLearningRate: false as { patience: number; factor: number } | false, seed: 0, ...options };
  if (!Array.isArray(o.hidden) || o.hidden.some((h) => !Number.isInteger(h) || h < 1)) throw bad('hidden', `expected a list of positive integers, got ${JSON.stringify(o.hidden)}`);
  if (!ACTIVATIONS.includes(o.activation) || (o.activation as string) === 'softmax') throw bad('activation', `expected one of linear, relu, sigmoid, tanh, elu, got ${String(o.activation)}`);
  if (o.task !== 'regression' && o.task !== 'classification') throw bad('task', `expected 'regression' or 'classification', got ${String(o.task)}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw bad('epochs', `expected a positive integer, got ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw bad('batchSize', `expected a positive integer, got ${o.batchSize}`);
  if (!(o.learningRate > 0)) throw bad('learningRate', `expected a number > 0, got ${o.learningRate}`);
  if (!(o.biasInit >= 0 && Number.isFinite(o.biasInit))) throw bad('biasInit', `expected a finite number ≥ 0, got ${o.biasInit}`);
  if (!(o.weightDecay >= 0 && Number.isFinite(o.weightDecay))) throw bad('weightDecay', `expected a finite number ≥ 0, got ${o.weightDecay}`);
  if (o.weightDecay > 0 && o.explanationPenalty !== undefined) throw bad('weightDecay', 'is not supported together with explanationPenalty');
  const reduce = o.reduceLearningRate;
  if (reduce !== false && !(reduce && Number.isInteger(reduce.patience) && reduce.patience >= 1 && reduce.factor > 0 && reduce.factor < 1)) {
    throw bad('reduceLearningRate', `expected false or { patience: integer ≥ 1, factor in (0, 1) }, got ${JSON.stringify(reduce)}`);
  }
  if (!(o.validationSplit >= 0 && o.validationSplit < 1)) throw bad('validationSplit', `expected a number in [0, 1), got ${o.validationSplit}`);

  const { columns, rows } = toColumns(X);
  const penalty = o.explanationPenalty === undefined ? undefined : checkPenalty(o.explanationPenalty, columns.length);
  if (y == null || y.length !== rows) throw new EqlensError('E_DATA_SHAPE', `y has ${y?.length ?? 0} values but X has ${rows} rows`);
  const d = columns.length;
  let classes = 0;
  for (let r = 0; r < rows; r++) {
    const v = y[r];
    if (!Number.isFinite(v)) throw new EqlensError('E_DATA_VALUE', `y has a non-finite value (${v}) at row ${r}`);
    if (o.task === 'classification') {
      if (!Number.isInteger(v) || v < 0) throw new EqlensError('E_DATA_VALUE', `classification labels must be class indices 0, 1, …; row ${r} has ${v}`);
      classes = Math.max(classes, v + 1);
    }
  }
  if (o.task === 'classification' && classes < 2) throw new EqlensError('E_DATA_VALUE', 'classification needs at least two classes in y');

  const tf = await tensorflow();
  const xs = columns.map((c) => meanStd(c));
  const [ym, ys] = o.task === 'regression' ? meanStd(y) : [0, 1];
  const rng = new Rng(o.seed);
  const order = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) { const j = rng.below(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
  const nVal = Math.floor(rows * o.validationSplit);
  const trainIdx = order.slice(nVal), valIdx = order.slice(0, nVal);
  if (trainIdx.length === 0) throw new EqlensError('E_DATA_EMPTY', 'no rows left for training after the validation split');

  // 0/1 inputs with few ones a row (one-hot sequences) train through a sparse first layer;
  // others from the standardised inputs, row-major, built once (batches are row copies of it).
  const sparse = o.explanationPenalty === undefined ? sparseRows(columns, rows) : undefined;
  let Z: Float32Array | undefined;
  if (!sparse) {
    Z = new Float32Array(rows * d);
    for (let i = 0; i < d; i++) {
      const c = columns[i], [m, s] = xs[i];
      for (let r = 0; r < rows; r++) Z[r * d + i] = (c[r] - m) / s;
    }
  }
  const features = (idx: number[]) => {
    const a = new Float32Array(idx.length * d);
    if (Z) for (let k = 0; k < idx.length; k++) a.set(Z.subarray(idx[k] * d, (idx[k] + 1) * d), k * d);
    else idx.forEach((r, k) => { for (let i = 0; i < d; i++) a[k * d + i] = (columns[i][r] - xs[i][0]) / xs[i][1]; });
    return tf.tensor2d(a, [idx.length, d]);
  };
  const targets = (idx: number[]) => (o.task === 'regression'
    ? tf.tensor2d(Float32Array.from(idx, (r) => (y[r] - ym) / ys), [idx.length, 1])
    : tf.oneHot(tf.tensor1d(Int32Array.from(idx, (r) => y[r]), 'int32'), classes).toFloat());

  const model = tf.sequential();
  const sizes = [...o.hidden, o.task === 'regression' ? 1 : classes];
  sizes.forEach((units, k) => model.add(tf.layers.dense({
    units, activation: k < sizes.length - 1 ? o.activation : o.task === 'regression' ? 'linear' : 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed * 1000 + k + 1 }),
    ...(o.biasInit > 0 && k < sizes.length - 1 && { biasInitializer: tf.initializers.randomUniform({ minval: -o.biasInit, maxval: o.biasInit, seed: o.seed * 1000 + k + 501 }) }),
    ...(k === 0 && { inputShape: [d] }),
  })));
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: o.task === 'regression' ? 'meanSquaredError' : 'categoricalCrossentropy' });

  const xVal = nVal ? features(valIdx) : undefined, yVal = nVal ? targets(valIdx) : undefined;
  let best = Infinity, bestWeights: Tensor[] | undefined, sinceBest = 0, sinceChange = 0;
  const penalised = penalty && penaltyStep(tf, model, penalty, o.task === 'regression', o.learningRate);
  const standardisation = sparse && {
    mean: tf.tensor2d(Float32Array.from(xs, ([m]) => m), [d, 1]),
    inverseScale: tf.tensor2d(Float32Array.from(xs, ([, s]) => 1 / s), [d, 1]),
  };
  const plain = plainStep(tf, model, o.task === 'regression', o.learningRate, standardisation || undefined, o.weightDecay);
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      if (o.signal?.aborted) break;
      for (let i = trainIdx.length - 1; i > 0; i--) { const j = rng.below(i + 1); [trainIdx[i], trainIdx[j]] = [trainIdx[j], trainIdx[i]]; }
      let loss: number;
      if (penalised) {
        // A custom loop: keras's fit cannot add a loss term that depends on the weights this way.
        let sum = 0;
        for (let s = 0; s < trainIdx.length; s += o.batchSize) {
          const idx = trainIdx.slice(s, s + o.batchSize);
          const xb = features(idx), yb = targets(idx);
          sum += (await penalised.step(xb, yb)) * idx.length;
          xb.dispose(); yb.dispose();
        }
        loss = sum / trainIdx.length;
      } else {
        let sum = tf.scalar(0);
        for (let s = 0; s < trainIdx.length; s += o.batchSize) {
          const idx = trainIdx.slice(s, s + o.batchSize);
          const xb = sparse ? sparseBatch(tf, sparse, idx, d) : features(idx), yb = targets(idx);
          const l = plain.step(xb, yb);
          const next = tf.tidy(() => sum.add(l.mul(idx.length)) as Scalar);
          sum.dispose(); l.dispose(); yb.dispose();
          if (xb instanceof tf.Tensor) xb.dispose(); else disposeSparse(xb);
          sum = next;
        }
        loss = (await sum.data())[0] / trainIdx.length;
        sum.dispose();
      }
      let valLoss: number | undefined;
      if (xVal && yVal) {
        const v = model.evaluate(xVal, yVal) as Tensor;
        valLoss = (await v.data())[0];
        v.dispose();
      }
      o.onProgress?.({ epoch, epochs: o.epochs, loss, valLoss });
      const score = valLoss ?? loss;
      if (score < best) {
        best = score; sinceBest = 0; sinceChange = 0;
        bestWeights?.forEach((t) => t.dispose());
        bestWeights = model.getWeights().map((t) => t.clone());
      } else {
        if (o.earlyStopping && ++sinceBest >= o.earlyStopping.patience) break;
        if (reduce && ++sinceChange >= reduce.patience) {
          sinceChange = 0;
          (penalised ?? plain).scaleLearningRate(reduce.factor);
        }
      }
    }
    if (bestWeights) model.setWeights(bestWeights);
    return foldStandardisation(mlpFromTfjs(model), xs, o.task === 'regression' ? [ym, ys] : undefined);
  } finally {
    bestWeights?.forEach((t) => t.dispose());
    penalised?.dispose();
    plain.dispose();
    if (standardisation) { standardisation.mean.dispose(); standardisation.inverseScale.dispose(); }
    xVal?.dispose(); yVal?.dispose();
    model.dispose();
  }
}

/**
 * One Adam step on the task loss (mean squared error, or softmax cross-entropy on the logits),
 * with the gradients by hand: tfjs's own gradient of a dense layer multiplies by transposed
 * operands (matMul with transposeA/transposeB), which the WASM backend runs as a plain loop
 * about 12× slower than XNNPACK's kernel; transposing first keeps every product on XNNPACK
 * (a 630-512-1 network: ~10× faster epochs). Returns the batch's mean loss as a scalar tensor.
 */
function plainStep(tf: Tf, model: LayersModel, regression: boolean, learningRate: number, standardisation?: Standardisation, weightDecay = 0) {
  const optimizer = tf.train.adam(learningRate);
  const gradients = denseGradients(tf, model, regression, standardisation);
  const kernels = model.trainableWeights.filter((_, k) => k % 2 === 0).map((w) => w.read() as Variable);
  const step = (xb: Tensor2D | SparseBatch, yb: Tensor): Scalar => {
    const { grads, loss } = gradients(xb, yb);
    if (weightDecay > 0) {
      for (const W of kernels) {
        const g = grads[W.name];
        grads[W.name] = tf.tidy(() => tf.add(g, tf.mul(W, weightDecay))) as Variable;
        g.dispose();
      }
    }
    optimizer.applyGradients(grads);
    for (const g of Object.values(grads)) g.dispose();
    return loss;
  };
  return { step, scaleLearningRate: (f: number) => scaleLearningRate(optimizer, f), dispose: () => optimizer.dispose() };
}

/** Adam reads its `learningRate` field at every step (tfjs-core adam_optimizer.js), so it can be changed between steps. */
function scaleLearningRate(optimizer: object, factor: number) {
  const o = optimizer as { learningRate: number };
  o.learningRate *= factor;
}

/** The ones of 0/1 inputs, row by row (CSR); undefined unless every value is 0 or 1 and at most a quarter are 1. */
export function sparseRows(columns: Float32Array[], rows: number): { start: Int32Array; column: Int32Array } | undefined {
  const start = new Int32Array(rows + 1);
  let ones = 0;
  for (const c of columns) {
    for (let r = 0; r < rows; r++) {
      const v = c[r];
      if (v === 1) { start[r + 1]++; ones++; } else if (v !== 0) return undefined;
    }
  }
  if (ones > (rows * columns.length) / 4) return undefined;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const column = new Int32Array(ones), next = start.slice(0, rows);
  columns.forEach((c, i) => { for (let r = 0; r < rows; r++) if (c[r] === 1) column[next[r]++] = i; });
  return { start, column };
}

/**
 * A batch of sparse rows for the first layer's segment sums: the ones in row order (segment =
 * position in the batch, for the forward pass) and in column order (segment = column, for the
 * kernel's gradient; both sparseSegmentSum, which wants sorted segment ids).
 */
export interface SparseBatch { rows: number; segment: Tensor1D; column: Tensor1D; byColumnRow: Tensor1D; byColumnColumn: Tensor1D }
interface Standardisation { mean: Tensor2D; inverseScale: Tensor2D }

export function sparseBatch(tf: Tf, csr: { start: Int32Array; column: Int32Array }, idx: readonly number[], d: number): SparseBatch {
  let n = 0;
  for (const r of idx) n += csr.start[r + 1] - csr.start[r];
  const segment = new Int32Array(n), column = new Int32Array(n), count = new Int32Array(d + 1);
  let k = 0;
  idx.forEach((r, b) => {
    for (let p = csr.start[r]; p < csr.start[r + 1]; p++, k++) { segment[k] = b; column[k] = csr.column[p]; count[column[k] + 1]++; }
  });
  for (let c = 0; c < d; c++) count[c + 1] += count[c];
  const byColumnRow = new Int32Array(n), byColumnColumn = new Int32Array(n);
  for (let p = 0; p < n; p++) { const q = count[column[p]]++; byColumnRow[q] = segment[p]; byColumnColumn[q] = column[p]; }
  const t = (a: Int32Array) => tf.tensor1d(a, 'int32');
  return { rows: idx.length, segment: t(segment), column: t(column), byColumnRow: t(byColumnRow), byColumnColumn: t(byColumnColumn) };
}

export function disposeSparse(b: SparseBatch) {
  b.segment.dispose(); b.column.dispose(); b.byColumnRow.dispose(); b.byColumnColumn.dispose();
}

/**
 * The gradients of the batch's mean loss with respect to a tfjs sequential dense model's
 * weights (by variable name), and the loss; exported for the test against tf.grads. With
 * `standardisation` the batch may be sparse 0/1 rows: the first layer, whose kernel acts on
 * (x − mean)·inverseScale, is then Σ over the row's ones of the scaled kernel rows, minus the
 * mean's share, and its kernel gradient the same sums of the output gradient by column (segment
 * sums: a one-hot row of 30 ones in 630 columns costs 1/21 of the dense products).
 */
export function denseGradients(tf: Tf, model: LayersModel, regression: boolean, standardisation?: Standardisation) {
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const activations = model.layers.map((l) => l.getConfig().activation as Activation);
  const n = activations.length;
  const activate = (z: Tensor, a: Activation): Tensor => (a === 'linear' || a === 'softmax' ? z : tf[a](z));
  // The derivative of the activation, from its input z and output a.
  const slope = (z: Tensor, a: Tensor, f: Activation): Tensor | undefined => {
    switch (f) {
      case 'tanh': return tf.sub(1, tf.square(a));
      case 'sigmoid': return tf.mul(a, tf.sub(1, a));
      case 'relu': return tf.cast(tf.greater(z, 0), 'float32');
      case 'elu': return tf.where(tf.greater(z, 0), tf.onesLike(z), tf.add(a, 1));
      default: return undefined;
    }
  };
  // Segment sums leave out trailing empty segments: pad to `n` rows.
  const rowsOf = (t: Tensor2D, n: number) => (t.shape[0] === n ? t : tf.concat([t, tf.zeros([n - t.shape[0], t.shape[1]])]));
  return (xb: Tensor2D | SparseBatch, yb: Tensor): { grads: Record<string, Variable>; loss: Scalar } => tf.tidy(() => {
    const dense = xb instanceof tf.Tensor;
    if (!dense && !standardisation) throw new Error('denseGradients: a sparse batch needs the standardisation');
    const a: (Tensor | undefined)[] = [dense ? xb : undefined], z: Tensor[] = [];
    for (let l = 0; l < n; l++) {
      const W = variables[2 * l] as Tensor2D, b = variables[2 * l + 1];
      if (l === 0 && !dense) {
        const s = standardisation!, scaled = tf.mul(W, s.inverseScale);
        const sum = rowsOf(tf.sparse.sparseSegmentSum(scaled, xb.column, xb.segment) as Tensor2D, xb.rows);
        z.push(tf.add(sum, tf.sub(b, tf.matMul(s.mean, scaled, true, false))));
      } else z.push(tf.add(tf.matMul(a[l] as Tensor2D, W), b));
      a.push(activate(z[l], activations[l]));
    }
    const rows = dense ? xb.shape[0] : xb.rows, outputs = z[n - 1].shape[1]!;
    let dz: Tensor, loss: Scalar;
    if (regression) {
      const diff = tf.sub(a[n]!, yb);
      loss = tf.mean(tf.square(diff));
      dz = tf.mul(diff, 2 / (rows * outputs));
    } else {
      loss = tf.losses.softmaxCrossEntropy(yb, z[n - 1]) as Scalar;
      dz = tf.div(tf.sub(tf.softmax(z[n - 1]), yb), rows);
    }
    const grads: Record<string, Variable> = {};
    for (let l = n - 1; l >= 0; l--) {
      // (applyGradients reads the map as plain tensors; its type says variables.)
      if (l === 0 && !dense) {
        const s = standardisation!, W = variables[0] as Tensor2D;
        const ones = rowsOf(tf.sparse.sparseSegmentSum(dz, xb.byColumnRow, xb.byColumnColumn) as Tensor2D, W.shape[0]);
        grads[variables[0].name] = tf.mul(tf.sub(ones, tf.matMul(s.mean, tf.sum(dz, 0, true) as Tensor2D)), s.inverseScale) as Variable;
      } else grads[variables[2 * l].name] = tf.matMul(tf.transpose(a[l] as Tensor2D), dz as Tensor2D) as Variable;
      grads[variables[2 * l + 1].name] = tf.sum(dz, 0) as Variable;
      if (l > 0) {
        const da = tf.matMul(dz as Tensor2D, tf.transpose(variables[2 * l] as Tensor2D));
        const s = slope(z[l - 1], a[l]!, activations[l - 1]);
        dz = s ? tf.mul(da, s) : da;
      }
    }
    return { grads, loss };
  });
}

/**
 * One optimiser step on task loss + weight × mean Σ_outputs |CD score of the penalised features|,
 * with CD run in tf ops on the model's own weight variables (so the gradient reaches them).
 * Returns the batch's total loss.
 */
function penaltyStep(tf: Tf, model: LayersModel, penalty: { mask: Float32Array; weight: number }, regression: boolean, learningRate: number) {
  const optimizer = tf.train.adam(learningRate);
  const mask = tf.tensor1d(penalty.mask);
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const step = async (xb: Tensor2D, yb: Tensor): Promise<number> => {
    const cost = optimizer.minimize(() => {
      const layers = model.layers.map((l) => {
        const [kernel, bias] = l.getWeights() as [Tensor2D, Tensor1D];
        const activation = (l.getConfig().activation as string) === 'softmax' ? 'softmax' : (l.getConfig().activation as Activation);
        return { kernel, bias, activation };
      });
      const { relevant, irrelevant } = cdTf(tf, layers, xb, mask);
      const logits = relevant.add(irrelevant);
      const task = regression ? tf.losses.meanSquaredError(yb, logits) : tf.losses.softmaxCrossEntropy(yb, logits);
      return task.add(tf.abs(relevant).sum(1).mean().mul(penalty.weight)) as Scalar;
    }, true, variables);
    const v = (await cost!.data())[0];
    cost!.dispose();
    return v;
  };
  return { step, scaleLearningRate: (f: number) => scaleLearningRate(optimizer, f), dispose: () => { mask.dispose(); optimizer.dispose(); } };
}

/** x' = (x − m)/s into the first layer; y = y'·s + m into the (linear) last layer. */
function foldStandardisation(mlp: Mlp, xs: [number, number][], yScale?: [number, number]): Mlp {
  const layers: DenseLayer[] = mlp.layers.map((l) => ({ ...l, weight: Float32Array.from(l.weight), bias: Float32Array.from(l.bias) }));
  const first = layers[0];
  for (let j = 0; j < first.outputs; j++) {
    let shift = 0;
    for (let i = 0; i < first.inputs; i++) {
      const w = first.weight[j * first.inputs + i] / xs[i][1];
      first.weight[j * first.inputs + i] = w;
      shift += w * xs[i][0];
    }
    first.bias[j] -= shift;
  }
  if (yScale) {
    const last = layers[layers.length - 1];
    for (let k = 0; k < last.weight.length; k++) last.weight[k] *= yScale[1];
    for (let j = 0; j < last.outputs; j++) last.bias[j] = last.bias[j] * yScale[1] + yScale[0];
  }
  return new Mlp(layers);
}
