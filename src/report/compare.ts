// An equation against what it explains (the network, or the data): predicted vs reference with
// the residuals, and one-input slices through the box and beyond it (interpolation and
// extrapolation).
import { enlargeBox, type Box } from '../data/samplers.js';
import { figure, type ReportSection } from './page.js';
import { num, plot } from './plot.js';

export interface Comparison {
  /** Input names, in column order. */
  names: readonly string[];
  /** What the equation explains, e.g. "network". */
  referenceName: string;
  reference: (X: number[][]) => Promise<ArrayLike<number>> | ArrayLike<number>;
  equation: (X: number[][]) => Promise<ArrayLike<number>> | ArrayLike<number>;
}

/** Reference vs equation on the rows of X (identity line drawn), and the residuals. */
export async function fitSection(c: Comparison, X: number[][], id = 'fit'): Promise<ReportSection> {
  const ref = await c.reference(X), eq = await c.equation(X);
  const rows = X.map((_, i) => ({ reference: num(ref[i]), equation: num(eq[i]), residual: num(eq[i] - ref[i]) }));
  const lo = Math.min(...rows.map((r) => r.reference ?? Infinity)), hi = Math.max(...rows.map((r) => r.reference ?? -Infinity));
  const scatter = await plot({
    title: `${c.referenceName} vs equation`, width: 320, height: 320,
    layer: [
      { data: { values: [{ a: lo, b: lo }, { a: hi, b: hi }] }, mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } },
      { data: { values: rows }, mark: { type: 'point', filled: true, size: 14, opacity: 0.6 },
        encoding: { x: { field: 'reference', type: 'quantitative', title: c.referenceName, scale: { zero: false } },
          y: { field: 'equation', type: 'quantitative', title: 'equation', scale: { zero: false } } } },
    ],
  });
  const residuals = await plot({
    title: 'residuals', width: 320, height: 320, data: { values: rows },
    mark: { type: 'point', filled: true, size: 14, opacity: 0.6, color: '#c44' },
    encoding: { x: { field: 'reference', type: 'quantitative', title: c.referenceName, scale: { zero: false } },
      y: { field: 'residual', type: 'quantitative', title: `equation − ${c.referenceName}` } },
  });
  return {
    id, title: `Equation vs ${c.referenceName}`,
    html: figure('fit', scatter, `${X.length} points; the dashed line is equality.`) + figure('residuals', residuals),
  };
}

/**
 * One slice per input: that input swept across the box enlarged by `factor` (the others at the
 * box's centre), the reference and the equation over it; the shaded band is the training box.
 */
export async function curvesSection(c: Comparison, box: Box, factor = 1.5, id = 'curves'): Promise<ReportSection> {
  const wide = enlargeBox(box, factor);
  const centre = box.map(([lo, hi]) => (lo + hi) / 2);
  const n = 120;
  const values: Record<string, unknown>[] = [];
  for (let k = 0; k < box.length; k++) {
    const X = Array.from({ length: n }, (_, i) => centre.map((v, j) => (j === k ? wide[k][0] + ((wide[k][1] - wide[k][0]) * i) / (n - 1) : v)));
    const ref = await c.reference(X), eq = await c.equation(X);
    X.forEach((row, i) => {
      values.push({ input: c.names[k], x: row[k], value: num(ref[i]), series: c.referenceName });
      values.push({ input: c.names[k], x: row[k], value: num(eq[i]), series: 'equation' });
    });
    values.push({ input: c.names[k], lo: box[k][0], hi: box[k][1], series: 'training box' });
  }
  const svg = await plot({
    data: { values },
    facet: { field: 'input', type: 'nominal', title: null, sort: [...c.names] },
    columns: Math.min(3, box.length),
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 260, height: 200,
      layer: [
        { transform: [{ filter: "datum.series === 'training box'" }], mark: { type: 'rect', color: '#eef3ff' },
          encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
        { transform: [{ filter: "datum.series !== 'training box'" }], mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: 'input value', scale: { zero: false } },
            y: { field: 'value', type: 'quantitative', title: 'output', scale: { zero: false } },
            color: { field: 'series', type: 'nominal', title: null },
            strokeDash: { field: 'series', type: 'nominal', title: null },
          } },
      ],
    },
  });
  return {
    id, title: 'Interpolation and extrapolation',
    html: figure('curves', svg, `Each input swept across the box ×${factor} with the others at the centre; the shaded band is the training range (interpolation), outside it is extrapolation.`),
  };
}
