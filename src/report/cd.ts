// Contextual decomposition: feature scores, the pairwise interaction heatmap and the ACD tree.
import type { AcdResult } from '../explain/cd/acd.js';
import type { InteractionMatrix } from '../explain/cd/interactions.js';
import { figure, type ReportSection } from './page.js';
import { heatmapSpec, num, plot } from './plot.js';

export interface AttributionInput {
  names: readonly string[];
  scores: readonly number[];
  matrix?: InteractionMatrix;
  tree?: AcdResult;
}

export async function attributionSection(a: AttributionInput): Promise<ReportSection> {
  const parts: string[] = [];
  parts.push(figure('scores', await plot({
    title: 'CD score of each feature', width: 360, height: Math.max(60, 18 * a.names.length),
    data: { values: a.names.map((n, i) => ({ feature: n, score: num(a.scores[i]) })) },
    mark: 'bar',
    encoding: { y: { field: 'feature', type: 'nominal', sort: '-x', title: null }, x: { field: 'score', type: 'quantitative' },
      color: { condition: { test: 'datum.score < 0', value: '#e45756' }, value: '#4c78a8' } },
  })));
  if (a.matrix) {
    const d = a.matrix.features;
    const m = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => a.matrix!.interaction(i, j)));
    parts.push(figure('interactions', await plot(heatmapSpec(m, a.names, a.names, 'interactions CD({i,j}) − CD({i}) − CD({j})', { diverging: true, valueTitle: 'interaction' }))));
  }
  if (a.tree) {
    const values = a.tree.levels.flatMap((l) => l.groups.flatMap((g) => g.features.map((f) => ({
      level: l.level, feature: a.names[f], score: num(g.score), group: `{${g.features.map((k) => a.names[k]).join(', ')}}`,
    }))));
    const max = Math.max(1e-300, ...values.map((v) => Math.abs(v.score ?? 0)));
    parts.push(figure('acd', await plot({
      title: 'ACD hierarchy (level 0 at the bottom)', data: { values },
      width: Math.max(200, Math.min(600, 30 * a.names.length)), height: Math.max(80, 22 * a.tree.levels.length),
      mark: { type: 'rect', stroke: 'white' },
      encoding: {
        x: { field: 'feature', type: 'ordinal', sort: [...a.names], title: null },
        y: { field: 'level', type: 'ordinal', sort: 'descending' },
        color: { field: 'score', type: 'quantitative', scale: { scheme: 'redblue', domain: [max, -max] }, title: 'group score' },
        tooltip: [{ field: 'group' }, { field: 'score', format: '.4g' }],
      },
    }), 'Each row is a level of agglomeration; cells of one group share its CD score.'));
  }
  return { id: 'attribution', title: 'Contextual decomposition', html: parts.join('') };
}
