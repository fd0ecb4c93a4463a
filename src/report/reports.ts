// One report per command, assembled from the sections. The CLI's `--report FILE` calls these.
import type { Box } from '../data/samplers.js';
import type { DistillResult } from '../explain/distill.js';
import { fidelityText } from '../explain/fidelity.js';
import type { SrnetResult } from '../explain/srnet.js';
import type { SymbolicGradientsResult } from '../explain/gradients.js';
import { networkValues } from '../explain/network-values.js';
import type { Mlp } from '../nn/mlp.js';
import type { SymbolicRegressor } from '../search/regressor.js';
import { attributionSection, type AttributionInput } from './cd.js';
import { curvesSection, fitSection } from './compare.js';
import { layersSection } from './layers.js';
import { table, type Report, type ReportSection } from './page.js';
import { paretoSection } from './pareto.js';
import { alignmentSection } from './gradients.js';
import { html, tex } from './tex.js';

/** Per-input [min, max] of X. */
export function boxOf(X: readonly (readonly number[])[]): [number, number][] {
  return X[0].map((_, k) => {
    let lo = Infinity, hi = -Infinity;
    for (const r of X) { lo = Math.min(lo, r[k]); hi = Math.max(hi, r[k]); }
    return [lo, hi] as [number, number];
  });
}

/** A subset of at most n rows, evenly spaced (deterministic). */
const thin = (X: number[][], n = 500) => (X.length <= n ? X : Array.from({ length: n }, (_, i) => X[Math.floor((i * X.length) / n)]));

/** `eqlens sr`: the front, and the chosen equation against the data. */
export async function srSections(sr: SymbolicRegressor, X: number[][], y: ArrayLike<number>, names: readonly string[]): Promise<ReportSection[]> {
  const eqs = sr.equations;
  const idx = new Map(X.map((r, i) => [r, i]));
  return [
    await paretoSection(eqs, sr.bestIndex, 'loss (MSE)', [{ header: 'R²', cell: (i) => eqs[i].r2.toFixed(5) }]),
    await fitSection({ names, referenceName: 'data', reference: (rows) => rows.map((r) => y[idx.get(r)!]), equation: (rows) => sr.predict(rows) }, thin(X)),
  ];
}

/** `eqlens srnet`: the composed equation with its fidelity, per-layer semantics, fit and slices. */
export async function srnetSections(r: SrnetResult, X: number[][], names: readonly string[]): Promise<ReportSection[]> {
  const sections: ReportSection[] = [{
    id: 'srnet', title: 'SRNet: the network as one equation',
    html: `<div class="eq">${tex(`y = ${r.latex[0]}`, true)}</div>`
      + `<p>The same equation as one-dimensional maps (every SRNet layer reads only w·g + b of the layer before):</p><div class="eq">${tex([...r.factored.steps.map((st) => `${st.name.replace(/_?(\d+)$/, '_{$1}')} = ${st.latex}`), `y = ${r.factored.latex[0]}`].join(',\\quad '), true)}</div>`
      + table(['fidelity to the network', ''], [['training rows', fidelityText(r.fidelity.train, true)], ['interpolation', fidelityText(r.fidelity.interpolation, true)], ['extrapolation', fidelityText(r.fidelity.extrapolation, true)]])
      + `<p class="kv">${r.task}; fitness ${r.fitness.toExponential(3)}; ${r.generationsText} in ${r.seconds.toFixed(2)} s${r.stopReason === 'aborted' ? ' (stopped early)' : ''}</p>`,
  }];
  sections.push(await layersSection(r, X));
  if (r.task === 'regression') {
    const cmp = {
      names, referenceName: 'network',
      reference: async (rows: number[][]) => (await r.mlp.predict(rows))[0],
      equation: (rows: number[][]) => r.predict(rows)[0],
    };
    sections.push(await fitSection(cmp, thin(X)));
    sections.push(await curvesSection(cmp, boxOf(X)));
  }
  return sections;
}

/** `eqlens distill`: the front with fidelity inside and outside the box, fit and slices. */
export async function distillSections(d: DistillResult, mlp: Mlp, names: readonly string[]): Promise<ReportSection[]> {
  const eqs = d.equations;
  const cmp = {
    names, referenceName: 'network',
    reference: (rows: number[][]) => networkValues(mlp, rows, d.output, d.preActivation),
    equation: (rows: number[][]) => d.regressor.predict(rows, d.bestIndex),
  };
  const box: Box = d.box;
  const factor = d.extrapolationBox ? (d.extrapolationBox[0][1] - d.extrapolationBox[0][0]) / (box[0][1] - box[0][0]) : 1.5;
  const samples = Array.from({ length: 400 }, (_, i) => box.map(([lo, hi], k) => lo + (hi - lo) * (((i * (k + 1) * 0.618034) % 1 + 1) % 1)));
  return [
    await paretoSection(eqs, d.bestIndex, 'loss (MSE)', [
      { header: 'R² inside', cell: (i) => eqs[i].inside.r2.toFixed(5) },
      { header: 'R² outside', cell: (i) => (eqs[i].outside ? eqs[i].outside!.r2.toFixed(4) : '—') },
    ]),
    await fitSection(cmp, samples),
    await curvesSection(cmp, box, factor),
  ];
}

/** `eqlens gradients`: the front (held-out |cos| per member) and the alignment histogram. */
export async function gradientsSections(r: SymbolicGradientsResult): Promise<ReportSection[]> {
  const eqs = r.equations;
  return [
    await paretoSection(eqs, r.bestIndex, 'gradient loss', [{ header: 'mean |cos|', cell: (i) => eqs[i].cos.toFixed(5) }]),
    await alignmentSection(r),
  ];
}

/** `eqlens attribute`: scores, interactions, hierarchy. */
export async function attributeSections(a: AttributionInput): Promise<ReportSection[]> {
  return [await attributionSection(a)];
}

/** A report with a title line naming the command. */
export function report(title: string, subtitle: string, sections: ReportSection[]): Report {
  return { title, subtitle, sections };
}

export { html, tex };
