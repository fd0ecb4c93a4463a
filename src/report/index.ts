// HTML reports: one self-contained file with plots (Vega-Lite → SVG) and equations (KaTeX).
// Node only (reads KaTeX's fonts from disk); the CLI loads this module lazily.
export { renderReport, writeReport, figure, table, type Report, type ReportSection } from './page.js';
export { plot, heatmapSpec, type VlSpec } from './plot.js';
export { tex } from './tex.js';
export { paretoSection, type FrontMember } from './pareto.js';
export { fitSection, curvesSection, type Comparison } from './compare.js';
export { layersSection } from './layers.js';
export { attributionSection, type AttributionInput } from './cd.js';
export { alignmentSection } from './gradients.js';
export { couplingSection } from './coupling.js';
export { srSections, srnetSections, distillSections, gradientsSections, attributeSections, report, boxOf } from './reports.js';
