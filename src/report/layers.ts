// SRNet's per-layer semantics: each layer's expression g_i, and for a few units of the layer the
// network's value against g_i (evaluated on the network's previous layer) with the fitted line
// w_j·g_i + b_j. Points on the line mean the unit is explained by g_i.
import type { SrnetResult } from '../explain/srnet.js';
import { math } from '../expr/math.js';
import { compileRow } from '../expr/format.js';
import { figure, table, type ReportSection } from './page.js';
import { num, plot } from './plot.js';
import { tex } from './tex.js';

export async function layersSection(result: SrnetResult, X: number[][], unitsPerLayer = 4): Promise<ReportSection> {
  const acts = await result.mlp.activations(X);
  const L = result.layers.length;
  const values: Record<string, unknown>[] = [];
  result.layers.forEach((layer, i) => {
    if (result.task === 'classification' && i === L - 1) return;
    let g: (row: ArrayLike<number>) => number;
    try { g = compileRow(math.parse(layer.expression), layer.inputs); } catch { return; }
    const prev = i === 0 ? null : acts[i - 1].post;
    const mine = i === L - 1 ? acts[i].pre : acts[i].post;
    const units = Math.min(unitsPerLayer, layer.weights.length);
    const rows = Math.min(X.length, 300);
    for (let r = 0; r < rows; r++) {
      const row = prev ? prev.map((c) => c[r]) : X[r];
      const gv = g(row);
      for (let j = 0; j < units; j++) {
        values.push({ layer: `layer ${i + 1}`, unit: `unit ${j}`, g: num(gv), network: num(mine[j][r]), fitted: num(layer.weights[j] * gv + layer.biases[j]) });
      }
    }
  });
  const svg = values.length ? await plot({
    data: { values },
    facet: { row: { field: 'layer', type: 'nominal', title: null }, column: { field: 'unit', type: 'nominal', title: null } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 170, height: 130,
      layer: [
        { mark: { type: 'point', filled: true, size: 10, opacity: 0.5 },
          encoding: { x: { field: 'g', type: 'quantitative', title: 'g_i', scale: { zero: false } }, y: { field: 'network', type: 'quantitative', title: 'network unit', scale: { zero: false } } } },
        { mark: { type: 'line', color: '#e45756' },
          encoding: { x: { field: 'g', type: 'quantitative' }, y: { field: 'fitted', type: 'quantitative' } } },
      ],
    },
  }) : '';
  const t = table(['layer', 'units', 'MSE', 'g_i'], result.layers.map((l, i) => [
    i === L - 1 ? 'output' : `h${i + 1}`, String(l.weights.length), l.mse.toExponential(3), tex(l.latex)]));
  return {
    id: 'layers', title: 'Per-layer semantics (SRNet)',
    html: t + (svg ? figure('layers', svg, 'Each unit of a layer (points: the network) against the layer\'s expression g_i; the red line is the fitted w·g_i + b.') : ''),
  };
}
