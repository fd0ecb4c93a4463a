// Fidelity of an explanation to the network it explains, on the same points: RMSE and R² of the
// outputs (regression), or the fraction of points where both pick the same class.

export interface Fidelity {
  /** Root mean squared difference, over points and outputs (regression). */
  rmse?: number;
  /** 1 − SSE/SST against the network's own output (regression). */
  r2?: number;
  /** Fraction of points with the same argmax class (classification). */
  accuracy?: number;
  points: number;
}

export function fidelityOf(task: 'regression' | 'classification', network: readonly ArrayLike<number>[],
  explanation: readonly ArrayLike<number>[]): Fidelity {
  const rows = network[0]?.length ?? 0;
  if (task === 'classification') {
    const argmax = (cols: readonly ArrayLike<number>[], r: number) => {
      let best = 0;
      for (let k = 1; k < cols.length; k++) if (cols[k][r] > cols[best][r]) best = k;
      return best;
    };
    let same = 0;
    for (let r = 0; r < rows; r++) if (argmax(network, r) === argmax(explanation, r)) same++;
    return { accuracy: rows ? same / rows : NaN, points: rows };
  }
  let sse = 0, sst = 0;
  network.forEach((y, k) => {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += y[r];
    mean /= rows;
    for (let r = 0; r < rows; r++) {
      const d = explanation[k][r] - y[r];
      sse += d * d;
      sst += (y[r] - mean) ** 2;
    }
  });
  const rmse = Math.sqrt(sse / (rows * network.length));
  // A non-finite prediction is an infinitely bad one, never a silent NaN.
  return Number.isFinite(rmse)
    ? { rmse, r2: sst > 0 ? 1 - sse / sst : (sse === 0 ? 1 : -Infinity), points: rows }
    : { rmse: Infinity, r2: -Infinity, points: rows };
}
