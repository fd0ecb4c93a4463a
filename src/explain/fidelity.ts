// How closely an approximation follows the network on a set of points, the network being
// the reference: RMSE, largest absolute error and R² (1 − SS_res / SS_tot of the network).
// Where the approximation is not a finite number (a pole of a printed equation: the search's
// protected x/0 = 1 prints as a plain division, so 1/sqrt(|x0|) is infinite at x0 = 0), the
// point is counted in `nonFinite` and the figures are over the other points.

export interface Fidelity {
  /** Number of points compared. */
  samples: number;
  rmse: number;
  maxAbs: number;
  /** 1 − Σ(approx − net)² / Σ(net − mean net)²; when the network is constant there: 1 if exact, else 0. */
  r2: number;
  /** Points where the approximation is not a finite number, left out of the figures above (absent when none). */
  nonFinite?: number;
}

/**
 * @example
 * fidelity([1, 2, 3], [1, 2, 3.1]); // { samples: 3, rmse: 0.0577…, maxAbs: 0.1, r2: 0.995 }
 * fidelity([1, 2, 3], [1, Infinity, 3.1]); // { samples: 3, rmse: 0.0707…, maxAbs: 0.1, r2: 0.995, nonFinite: 1 }
 */
export function fidelity(network: ArrayLike<number>, approx: ArrayLike<number>): Fidelity {
  const n = network.length;
  let m = 0, mean = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(approx[i])) { mean += network[i]; m++; }
  // Nothing finite to compare: an infinitely bad approximation, never a silent NaN.
  if (m === 0 && n > 0) return { samples: n, rmse: Infinity, maxAbs: Infinity, r2: -Infinity, nonFinite: n };
  mean /= m;
  let ss = 0, st = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(approx[i])) continue;
    const e = approx[i] - network[i];
    ss += e * e;
    st += (network[i] - mean) ** 2;
    // NaN (from the network) must not hide behind Math.max's comparison.
    maxAbs = Number.isNaN(e) ? NaN : Math.max(maxAbs, Math.abs(e));
  }
  const f: Fidelity = { samples: n, rmse: Math.sqrt(ss / m), maxAbs, r2: st > 0 ? 1 - ss / st : ss === 0 ? 1 : 0 };
  return m < n ? { ...f, nonFinite: n - m } : f;
}

/**
 * One fidelity as the CLI and the reports print it: `RMSE 5.17e-2, R² 0.7246` (`precise`: one
 * more digit each), `agreement 99.2%` for a classifier, `—` for none; points where the
 * explanation is not finite are named.
 * @example
 * fidelityText({ samples: 100, rmse: 0.0517, r2: 0.72461, nonFinite: 1 }); // "RMSE 5.17e-2, R² 0.7246; not a finite number at 1 of 100 points"
 */
export function fidelityText(f: Partial<TaskFidelity> | null | undefined, precise = false): string {
  if (!f) return '—';
  const note = f.nonFinite ? `; not a finite number at ${f.nonFinite} of ${f.samples} points` : '';
  if (f.accuracy !== undefined) return `agreement ${(100 * f.accuracy).toFixed(1)}%${note}`;
  return `RMSE ${f.rmse!.toExponential(precise ? 3 : 2)}, R² ${f.r2!.toFixed(precise ? 5 : 4)}${note}`;
}

/** Agreement of an explanation with the network: RMSE/R² over all outputs (regression), or class agreement. */
export interface TaskFidelity {
  samples: number;
  rmse?: number;
  maxAbs?: number;
  r2?: number;
  /** Fraction of points where both pick the same class (classification). */
  accuracy?: number;
  /** Points where some output of the explanation is not a finite number; those values are left out of rmse, maxAbs and r2 (absent when none). */
  nonFinite?: number;
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
  const { nonFinite, ...f } = fidelity(flat(network), flat(explanation));
  if (!nonFinite) return { ...f, samples: rows };
  let bad = 0; // rows with some output not finite
  for (let r = 0; r < rows; r++) if (explanation.some((c) => !Number.isFinite(c[r]))) bad++;
  return { ...f, samples: rows, nonFinite: bad };
}
