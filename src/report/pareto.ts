// The Pareto front (complexity vs loss) with the chosen equation marked, and its table.
import { figure, table, type ReportSection } from './page.js';
import { num, plot } from './plot.js';
import { html, tex } from './tex.js';

export interface FrontMember {
  complexity: number;
  loss: number;
  expression: string;
  latex: string;
}

/** Front plot (log loss) and a table of its equations; `extra` adds columns per member. */
export async function paretoSection(front: readonly FrontMember[], chosen: number, lossTitle = 'loss',
  extra: { header: string; cell: (i: number) => string }[] = []): Promise<ReportSection> {
  const rows = front.map((e, i) => ({ complexity: e.complexity, loss: num(Math.max(e.loss, 1e-300)), chosen: i === chosen ? 'chosen' : 'front', expression: e.expression }));
  const svg = await plot({
    title: 'Pareto front', width: 420, height: 280, data: { values: rows },
    layer: [
      { mark: { type: 'line', interpolate: 'step-after', color: '#888' },
        encoding: { x: { field: 'complexity', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: lossTitle } } },
      { mark: { type: 'point', filled: true },
        encoding: { x: { field: 'complexity', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } },
          color: { field: 'chosen', type: 'nominal', scale: { domain: ['front', 'chosen'], range: ['#4c78a8', '#e45756'] }, title: null },
          size: { field: 'chosen', type: 'nominal', scale: { domain: ['front', 'chosen'], range: [40, 180] }, legend: null },
          tooltip: [{ field: 'expression' }, { field: 'loss', format: '.3e' }] } },
    ],
  });
  const t = table(['complexity', lossTitle, ...extra.map((x) => x.header), 'equation'],
    front.map((e, i) => [String(e.complexity), e.loss.toExponential(3), ...extra.map((x) => x.cell(i)), `<div class="eqcell">${tex(e.latex)}</div>`]), chosen);
  const best = front[chosen];
  return {
    id: 'pareto', title: 'Pareto front',
    html: (best ? `<div class="eq">chosen: ${tex(best.latex, true)}</div><p class="kv"><code>${html(best.expression)}</code></p>` : '')
      + figure('pareto', svg, 'Complexity vs loss; the red point is the chosen equation.') + t,
  };
}
