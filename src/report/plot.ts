// Plots: a Vega-Lite spec compiled to Vega and rendered to a static SVG string (no DOM, no
// canvas: vega's headless 'none' renderer). Every chart in a report goes through `plot`.
import * as vegaLite from 'vega-lite';
import * as vega from 'vega';

/** A Vega-Lite specification (kept loose: the report builds them from plain objects). */
export type VlSpec = Record<string, unknown>;

const CONFIG = {
  font: 'system-ui, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
};

// Vega-Lite's warnings (e.g. about channel choices) are not for the user of a report.
const QUIET = { level() { return QUIET; }, error() { return QUIET; }, warn() { return QUIET; }, info() { return QUIET; }, debug() { return QUIET; } };

/** Renders a Vega-Lite spec to an SVG string. */
export async function plot(spec: VlSpec): Promise<string> {
  const full = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CONFIG, background: 'white', ...spec };
  const compiled = vegaLite.compile(full as unknown as vegaLite.TopLevelSpec, { logger: QUIET as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A finite number for the plot's data (NaN/∞ become null, which Vega-Lite leaves out). */
export const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A heatmap of a row-major matrix with row and column labels (interactions, coupling norms). */
export function heatmapSpec(values: readonly (readonly number[])[], rowNames: readonly string[], colNames: readonly string[],
  title: string, options: { diverging?: boolean; valueTitle?: string } = {}): VlSpec {
  const data = values.flatMap((r, i) => r.map((v, j) => ({ row: rowNames[i], col: colNames[j], value: num(v) })));
  const max = Math.max(1e-300, ...data.map((d) => Math.abs(d.value ?? 0)));
  const cell = Math.max(12, Math.min(40, Math.floor(480 / Math.max(1, colNames.length))));
  return {
    title, data: { values: data },
    width: cell * colNames.length, height: cell * rowNames.length,
    mark: 'rect',
    encoding: {
      x: { field: 'col', type: 'ordinal', sort: [...colNames], title: null },
      y: { field: 'row', type: 'ordinal', sort: [...rowNames], title: null },
      color: {
        field: 'value', type: 'quantitative', title: options.valueTitle ?? 'value',
        scale: options.diverging ? { scheme: 'redblue', domain: [max, -max], reverse: false } : { scheme: 'viridis' },
      },
      tooltip: [{ field: 'row' }, { field: 'col' }, { field: 'value', format: '.4g' }],
    },
  };
}
