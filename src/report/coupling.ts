// Coupling norms of an energy expansion as a heatmap (‖J_ij‖ over positions i, j).
import { figure, type ReportSection } from './page.js';
import { heatmapSpec, plot } from './plot.js';

/** A section with the heatmap of a positions × positions matrix of coupling norms. */
export async function couplingSection(norms: readonly (readonly number[])[], names?: readonly string[]): Promise<ReportSection> {
  const labels = names ?? norms.map((_, i) => String(i));
  const svg = await plot(heatmapSpec(norms, labels, labels, 'coupling norms ‖J_ij‖', { valueTitle: '‖J‖' }));
  return { id: 'couplings', title: 'Couplings', html: figure('couplings', svg, 'Frobenius norm of the coupling between each pair of positions.') };
}
