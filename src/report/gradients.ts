// Symbolic gradients: the front and the distribution of |cos(∇g, ∇f)| on held-out points.
import type { SymbolicGradientsResult } from '../explain/gradients.js';
import { figure, type ReportSection } from './page.js';
import { plot } from './plot.js';
import { html } from './tex.js';

export async function alignmentSection(r: SymbolicGradientsResult): Promise<ReportSection> {
  const cos = Array.from(r.alignment());
  const svg = await plot({
    title: '|cos(∇g, ∇f)| on held-out points', width: 420, height: 240,
    data: { values: cos.map((c) => ({ cos: c })) },
    mark: 'bar',
    encoding: { x: { field: 'cos', type: 'quantitative', bin: { extent: [0, 1], step: 0.02 }, title: '|cos|' }, y: { aggregate: 'count', type: 'quantitative', title: 'points' } },
  });
  return {
    id: 'alignment', title: 'Gradient alignment',
    html: `<p>${html(r.unitDescription)}: mean |cos| ${r.best.cos.toFixed(5)} over ${cos.length} held-out points. ${html(r.note)}</p>` + figure('alignment', svg),
  };
}
