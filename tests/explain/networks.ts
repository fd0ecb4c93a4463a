// Networks for the oracle tests: trained ones whose output layer is then solved exactly, and
// a float64 reference forward pass for finite differences.
import { Mlp, trainMlp, type TrainOptions } from '../../src/index.js';

/**
 * trainMlp (Adam, seeded), then the linear output layer re-fitted by least squares on the last
 * hidden layer's activations. Why: Adam's step noise in the output weights is what limits
 * how well a small network's derivatives match the target; solving that layer in closed form
 * is a stable way to finish training, and the hidden layers stay exactly as Adam left them.
 */
export async function trainAndSolveOutput(X: number[][], y: number[], options: TrainOptions): Promise<Mlp> {
  const net = await trainMlp(X, y, { earlyStopping: false, validationSplit: 0, ...options });
  const H = (await net.activations(X)).at(-2)!.post;
  const k = H.length + 1; // features + bias
  const A = Array.from({ length: k }, () => new Float64Array(k + 1));
  const f = new Float64Array(k);
  for (let r = 0; r < X.length; r++) {
    for (let i = 0; i < k - 1; i++) f[i] = H[i][r];
    f[k - 1] = 1;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) A[i][j] += f[i] * f[j];
      A[i][k] += f[i] * y[r];
    }
  }
  for (let i = 0; i < k; i++) A[i][i] += 1e-10 * X.length; // a whisper of ridge against collinear features
  // Gauss–Jordan with partial pivoting on the normal equations.
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const m = A[r][c] / A[c][c];
      for (let j = c; j <= k; j++) A[r][j] -= m * A[c][j];
    }
  }
  const w = A.map((row, i) => row[k] / row[i]);
  const top = net.layers.at(-1)!;
  return new Mlp([...net.layers.slice(0, -1), { ...top, weight: Float32Array.from(w.slice(0, -1)), bias: Float32Array.of(w[k - 1]) }]);
}

const act = (a: string, z: number[]): number[] => {
  switch (a) {
    case 'linear': return z;
    case 'relu': return z.map((v) => (v > 0 ? v : 0));
    case 'sigmoid': return z.map((v) => 1 / (1 + Math.exp(-v)));
    case 'tanh': return z.map(Math.tanh);
    case 'elu': return z.map((v) => (v > 0 ? v : Math.exp(v) - 1));
    default: {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((p, q) => p + q, 0);
      return e.map((v) => v / s);
    }
  }
};

/** The network in float64, independently of the jet code: output unit `output`, before or after its activation. */
export function forward64(mlp: Mlp, x: readonly number[], output = 0, preActivation = false): number {
  let h = [...x];
  for (let k = 0; k < mlp.layers.length; k++) {
    const l = mlp.layers[k];
    const z = Array.from({ length: l.outputs }, (_, j) => {
      let s = l.bias[j];
      for (let i = 0; i < l.inputs; i++) s += l.weight[j * l.inputs + i] * h[i];
      return s;
    });
    if (k === mlp.layers.length - 1 && preActivation) return z[output];
    h = act(l.activation, z);
  }
  return h[output];
}
