// The principal basis of a wide layer's activations, so SRNet scores r ≪ units columns.
// With h'_j the units centred on their training means and H' = Q·Vᵀ (V orthonormal, the
// eigenvectors of H'ᵀH'), least-squares residuals rotate with the targets, so the summed
// per-unit SSE of any g equals the summed SSE over the columns of Q. Columns carrying at most
// `tolerance` of the layer's total variance are dropped; they change a loss by at most their
// share of the variance (a fit can only remove what they carry).

export interface PrincipalBasis {
  /** r basis columns q_k = H'·v_k over all rows. */
  columns: Float32Array[];
  /** units × r, row-major: h_j ≈ means_j + Σ_k rotation[j·r + k]·q_k. */
  rotation: Float64Array;
  means: Float64Array;
  /** Fraction of the total variance in the dropped columns. */
  dropped: number;
}

export function principalBasis(units: readonly Float32Array[], rows: number, trainRows: number, tolerance = 1e-9): PrincipalBasis {
  const T = units.length;
  const means = Float64Array.from(units, (u) => {
    let s = 0;
    for (let r = 0; r < trainRows; r++) s += u[r];
    return s / trainRows;
  });
  // Gram matrix of the centred units over all rows.
  const centred = units.map((u, j) => Float64Array.from(u.subarray(0, rows), (v) => v - means[j]));
  const A = Array.from({ length: T }, () => new Float64Array(T));
  for (let a = 0; a < T; a++) {
    for (let b = a; b < T; b++) {
      let s = 0;
      const x = centred[a], y = centred[b];
      for (let r = 0; r < rows; r++) s += x[r] * y[r];
      A[a][b] = A[b][a] = s;
    }
  }
  const { values, vectors } = jacobiEigen(A);
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  const total = values.reduce((s, v) => s + Math.max(v, 0), 0);
  let keep = T, tail = 0;
  while (keep > 1 && tail + Math.max(values[order[keep - 1]], 0) <= tolerance * total) {
    tail += Math.max(values[order[keep - 1]], 0);
    keep--;
  }
  const rotation = new Float64Array(T * keep);
  for (let j = 0; j < T; j++) for (let k = 0; k < keep; k++) rotation[j * keep + k] = vectors[j][order[k]];
  const columns = Array.from({ length: keep }, (_, k) => {
    const q = new Float32Array(rows);
    for (let j = 0; j < T; j++) {
      const v = rotation[j * keep + k];
      const c = centred[j];
      for (let r = 0; r < rows; r++) q[r] += v * c[r];
    }
    return q;
  });
  return { columns, rotation, means, dropped: total > 0 ? tail / total : 0 };
}

/** Cyclic Jacobi eigen-decomposition of a symmetric matrix: values, and eigenvectors as columns. */
export function jacobiEigen(S: readonly Float64Array[]): { values: number[]; vectors: Float64Array[] } {
  const n = S.length;
  const A = S.map((row) => Float64Array.from(row));
  const V = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < n; p++) {
      diag += A[p][p] * A[p][p];
      for (let q = p + 1; q < n; q++) off += A[p][q] * A[p][q];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p][q];
        if (apq === 0) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p], akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k], aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p], vkq = V[k][q];
          V[k][p] = c * vkp - s * vkq;
          V[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: A.map((row, i) => row[i]), vectors: V };
}
