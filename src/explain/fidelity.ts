// How closely an approximation follows the network on a set of points, the network being
// the reference: RMSE, largest absolute error and R² (1 − SS_res / SS_tot of the network).

export interface Fidelity {
  /** Number of points compared. */
  samples: number;
  rmse: number;
  maxAbs: number;
  /** 1 − Σ(approx − net)² / Σ(net − mean net)²; when the network is constant there: 1 if exact, else 0. */
  r2: number;
}

/**
 * @example
 * fidelity([1, 2, 3], [1, 2, 3.1]); // { samples: 3, rmse: 0.0577…, maxAbs: 0.1, r2: 0.995 }
 */
export function fidelity(network: ArrayLike<number>, approx: ArrayLike<number>): Fidelity {
  const n = network.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += network[i];
  mean /= n;
  let ss = 0, st = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const e = approx[i] - network[i];
    ss += e * e;
    st += (network[i] - mean) ** 2;
    // NaN must not hide behind Math.max's comparison.
    maxAbs = Number.isNaN(e) ? NaN : Math.max(maxAbs, Math.abs(e));
  }
  return { samples: n, rmse: Math.sqrt(ss / n), maxAbs, r2: st > 0 ? 1 - ss / st : ss === 0 ? 1 : 0 };
}

/** Agreement of an explanation with the network: RMSE/R² over all outputs (regression), or class agreement. */
export interface TaskFidelity {
  samples: number;
  rmse?: number;
  maxAbs?: number;
  r2?: number;
  /** Fraction of points where both pick the same class (classification). */
  accuracy?: number;
}

/** `network[k][row]` and `explanation[k][row]`, one array per output (values, or class scores). */
export function fidelityOf(task: 'regression' | 'classification', network: readonly ArrayLike<number>[],
  explanation: readonly ArrayLike<number>[]): TaskFidelity {
  const rows = network[0]?.length ?? 0;
  if (task === 'classification') {
    const argmax = (cols: readonly ArrayLike<number>[], r: number) => {
      let best = 0;
      for (let k = 1; k < cols.length; k++) if (cols[k][r] > cols[best][r]) best = k;
      return best;
    };
    let same = 0;
    for (let r = 0; r < rows; r++) if (argmax(network, r) === argmax(explanation, r)) same++;
    return { samples: rows, accuracy: rows ? same / rows : NaN };
  }
  const flat = (cols: readonly ArrayLike<number>[]) => {
    const out = new Float64Array(rows * cols.length);
    cols.forEach((c, k) => { for (let r = 0; r < rows; r++) out[k * rows + r] = c[r]; });
    return out;
  };
  const f = fidelity(flat(network), flat(explanation));
  // A non-finite prediction is an infinitely bad one, never a silent NaN.
  return Number.isFinite(f.rmse) ? { ...f, samples: rows } : { samples: rows, rmse: Infinity, maxAbs: Infinity, r2: -Infinity };
}
