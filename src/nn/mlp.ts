// Mlp: a plain multilayer perceptron (weights as Float32Array, one activation per layer), read
// from and written to the `eqlens-mlp-v1` JSON format, and queried as an oracle in WASM.
import { EqlensError } from '../errors.js';
import { flatRows, toColumns, type Matrix } from '../data/matrix.js';
import { forwardAll, forwardLast } from '../../bindings/nn.js';
import { forwardParallel, predictThreads } from './forward-pool.js';
import { backpropInput, type GradientTarget } from './gradient.js';

export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'softmax'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** Row-major outputs × inputs: weight[j·inputs + i] maps input i to unit j. */
  weight: Float32Array;
  bias: Float32Array;
  activation: Activation;
}

/** Pre- and post-activation values of one layer, one Float32Array per unit (over rows). */
export interface LayerActivations {
  pre: Float32Array[];
  post: Float32Array[];
}

const bad = (where: string, why: string) => new EqlensError('E_MODEL', `${where}: ${why}`);

/** Options of `Mlp.predict`. */
export interface PredictOptions {
  /** Threads for the forward pass: a count, or 'auto' (default: every core for big batches). */
  threads?: number | 'auto';
}

export class Mlp {
  readonly layers: readonly DenseLayer[];

  constructor(layers: readonly DenseLayer[]) {
    if (!layers.length) throw bad('model', 'has no layers');
    layers.forEach((l, k) => {
      const where = `layer ${k}`;
      if (!ACTIVATIONS.includes(l.activation)) {
        throw bad(where, `activation "${String(l.activation)}" is not supported (supported: ${ACTIVATIONS.join(', ')})`);
      }
      if (!(l.inputs > 0 && l.outputs > 0)) throw bad(where, `has ${l.inputs} inputs and ${l.outputs} outputs`);
      if (l.weight.length !== l.inputs * l.outputs) throw bad(where, `weight has ${l.weight.length} values, ${l.outputs}×${l.inputs} needs ${l.inputs * l.outputs}`);
      if (l.bias.length !== l.outputs) throw bad(where, `bias has ${l.bias.length} values for ${l.outputs} units`);
      if (k > 0 && l.inputs !== layers[k - 1].outputs) throw bad(where, `expects ${l.inputs} inputs but layer ${k - 1} has ${layers[k - 1].outputs} units`);
      const i = l.weight.findIndex((v) => !Number.isFinite(v));
      if (i >= 0) throw bad(where, `weight[${Math.floor(i / l.inputs)}][${i % l.inputs}] is ${l.weight[i]}`);
      const j = l.bias.findIndex((v) => !Number.isFinite(v));
      if (j >= 0) throw bad(where, `bias[${j}] is ${l.bias[j]}`);
      if (l.activation === 'softmax' && k !== layers.length - 1) throw bad(where, 'softmax is only supported on the output layer');
    });
    this.layers = layers;
  }

  get inputs(): number { return this.layers[0].inputs; }
  get outputs(): number { return this.layers[this.layers.length - 1].outputs; }
  /** Layer widths, inputs first: e.g. [1, 3, 3, 1]. */
  get sizes(): number[] { return [this.inputs, ...this.layers.map((l) => l.outputs)]; }
  get parameterCount(): number { return this.layers.reduce((s, l) => s + l.weight.length + l.bias.length, 0); }

  /**
   * Reads the `eqlens-mlp-v1` format: `{ format, layers: [{ weight: number[out][in], bias, activation }] }`.
   * @example
   * const mlp = Mlp.fromJSON(JSON.parse(readFileSync('network.json', 'utf8')));
   */
  static fromJSON(json: unknown): Mlp {
    const doc = json as { format?: unknown; layers?: unknown };
    if (!doc || typeof doc !== 'object') throw bad('model', 'is not a JSON object');
    if (doc.format !== 'eqlens-mlp-v1') throw bad('model', `format is ${JSON.stringify(doc.format)}, expected "eqlens-mlp-v1"`);
    if (!Array.isArray(doc.layers)) throw bad('model', '"layers" is not an array');
    return new Mlp(doc.layers.map((raw, k) => {
      const where = `layer ${k}`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(where, `is ${JSON.stringify(raw)}, not an object with weight, bias and activation`);
      const l = raw as { weight?: unknown; bias?: unknown; activation?: unknown };
      if (!Array.isArray(l.weight) || !l.weight.length || !l.weight.every(Array.isArray)) throw bad(where, 'weight is not an array of rows');
      const rows = l.weight as unknown[][];
      const inputs = rows[0].length;
      const r = rows.findIndex((row) => row.length !== inputs);
      if (r >= 0) throw bad(where, `weight row ${r} has ${rows[r].length} values, row 0 has ${inputs}`);
      if (!Array.isArray(l.bias)) throw bad(where, 'bias is not an array');
      const num = (v: unknown, what: string) => {
        if (typeof v !== 'number') throw bad(where, `${what} is ${JSON.stringify(v)}, not a number`);
        return v;
      };
      return {
        inputs,
        outputs: rows.length,
        weight: Float32Array.from(rows.flatMap((row, j) => row.map((v, i) => num(v, `weight[${j}][${i}]`)))),
        bias: Float32Array.from((l.bias as unknown[]).map((v, j) => num(v, `bias[${j}]`))),
        activation: l.activation as Activation,
      };
    }));
  }

  toJSON() {
    return {
      format: 'eqlens-mlp-v1' as const,
      layers: this.layers.map((l) => ({
        weight: Array.from({ length: l.outputs }, (_, j) => Array.from(l.weight.subarray(j * l.inputs, (j + 1) * l.inputs))),
        bias: Array.from(l.bias),
        activation: l.activation,
      })),
    };
  }

  private columnsOf(X: Matrix) {
    const c = toColumns(X);
    if (c.columns.length !== this.inputs) {
      throw new EqlensError('E_DATA_SHAPE', `X has ${c.columns.length} columns; the network takes ${this.inputs} inputs`);
    }
    return c;
  }

  /**
   * The network's outputs for the rows of X (WASM SIMD), one Float32Array per output unit.
   * A flat `{data, shape}` Float32Array goes to WASM as it is (the fastest form). Big batches
   * run on several threads: `threads: 'auto'` (the default) uses every core once the batch
   * has at least 2e8 multiply-adds (about 15 ms on one core), else one thread.
   * @example
   * const [y] = await mlp.predict({ data: Float32Array.from([0.1, 0.2, 0.3, 0.4]), shape: [2, 2] });
   */
  async predict(X: Matrix, options: PredictOptions = {}): Promise<Float32Array[]> {
    const flat = flatRows(X, this.inputs);
    const input = flat ?? { kind: 'columns' as const, ...this.columnsOf(X) };
    const threads = await predictThreads(this.layers, input.rows, options.threads ?? 'auto');
    const out = threads > 1 ? await forwardParallel(this.layers, input, threads) : await forwardLast(this.layers, input);
    if (out) return out;
    // A non-finite input: the column check names its row and column; a finite f64 that is
    // ±∞ in f32 passes it, so say that.
    this.columnsOf(X);
    throw new EqlensError('E_DATA_VALUE', 'X has a value beyond the f32 range (|x| > 3.4e38)');
  }

  /**
   * ∂(unit)/∂x for every row of X: analytic backpropagation from any unit of any layer
   * (default: output unit 0, after its activation). One Float64Array per input.
   * @example
   * const [dx0, dx1] = await mlp.inputGradient(X, { layer: 0, unit: 2, preActivation: true });
   */
  async inputGradient(X: Matrix, target: GradientTarget = {}): Promise<Float64Array[]> {
    const { columns, rows } = this.columnsOf(X);
    const acts = await forwardAll(this.layers, columns, rows);
    return backpropInput(this.layers, acts, rows, target);
  }

  /** Every layer's pre- and post-activation values for the rows of X (WASM SIMD). */
  async activations(X: Matrix): Promise<LayerActivations[]> {
    const { columns, rows } = this.columnsOf(X);
    return forwardAll(this.layers, columns, rows);
  }
}
