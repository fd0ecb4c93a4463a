// The demo's report: the true law beside the recovered equations, then SRNet's and distill's
// sections.
import type { DemoResult } from '../cli/demo.js';
import { COULOMB_LATEX, DEMO_NAMES, lawFidelity } from '../cli/demo.js';
import { fidelityText } from '../explain/fidelity.js';
import { writeReport, type ReportSection } from './page.js';
import { distillSections, srnetSections } from './reports.js';
import { tex } from './tex.js';

export async function writeDemoReport(file: string, r: DemoResult, seed: number): Promise<void> {
  const rows: string[][] = [['true law', tex(`F = ${COULOMB_LATEX}`, true), '—']];
  if (r.distill) rows.push(['distill', tex(`F = ${r.distill.best.latex}`, true), `network, inside: ${fidelityText(r.distill.fidelity.inside)}; outside: ${fidelityText(r.distill.fidelity.outside)}; true law, inside: R² ${(await lawFidelity(r.distill)).toFixed(5)}`]);
  if (r.srnet) rows.push(['SRNet', tex(`F = ${r.srnet.latex[0]}`, true), `network, interpolation: ${fidelityText(r.srnet.fidelity.interpolation)}; extrapolation: ${fidelityText(r.srnet.fidelity.extrapolation)}`]);
  const sections: ReportSection[] = [{
    id: 'summary', title: 'Coulomb\'s law, recovered from a network',
    html: `<p>1000 points of F = q₁q₂/(4πε₀r²) (ε₀ = 1) with q₁, q₂ ∈ [1, 3], r ∈ [1, 2]; a ${r.mlp ? r.mlp.sizes.join('-') : '—'} tanh network trained on them (seed ${seed}).${r.aborted ? ' <b>Stopped early (Ctrl-C): partial results.</b>' : ''}</p>`
      + rows.map(([who, eq, f]) => `<h3>${who}</h3><div class="eq">${eq}</div><p class="kv">${f === '—' ? '' : `fidelity to the ${f}`}</p>`).join(''),
  }];
  if (r.distill && r.mlp) sections.push(...(await distillSections(r.distill, r.mlp, DEMO_NAMES)).map((s) => ({ ...s, id: `distill-${s.id}`, title: `distill: ${s.title}` })));
  if (r.srnet) sections.push(...(await srnetSections(r.srnet, r.X.slice(0, 300), DEMO_NAMES)).map((s) => ({ ...s, id: `srnet-${s.id}`, title: s.title.startsWith('SRNet') ? s.title : `SRNet: ${s.title}` })));
  await writeReport(file, { title: 'eqlens demo', subtitle: `eqlens demo --seed ${seed}`, sections });
}
