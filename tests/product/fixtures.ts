// Small, fast results of every kind for the report tests (seconds, not minutes).
import { Mlp } from '../../src/nn/mlp.js';
import { SymbolicRegressor } from '../../src/search/regressor.js';
import { srnet } from '../../src/explain/srnet.js';
import { distill } from '../../src/explain/distill.js';
import { symbolicGradients } from '../../src/explain/gradients.js';
import { contextualDecomposition } from '../../src/explain/cd/scores.js';
import { interactionMatrix } from '../../src/explain/cd/interactions.js';
import { acd } from '../../src/explain/cd/acd.js';
import { randomMlp } from '../helpers.js';
import type { ReportSection } from '../../src/report/index.js';
import * as rep from '../../src/report/index.js';

export const grid = (n: number, lo: number, hi: number) =>
  Array.from({ length: n * n }, (_, i) => [lo + ((hi - lo) * (i % n)) / (n - 1), lo + ((hi - lo) * Math.floor(i / n)) / (n - 1)]);

/** Every section kind, from quick searches on small networks; the plot names they must contain. */
export async function allSections(): Promise<{ sections: ReportSection[]; plots: string[] }> {
  const X = grid(12, 1, 3);
  const names = ['a', 'b'];
  const y = X.map(([a, b]) => a * b + a);
  const sr = await new SymbolicRegressor({ functions: ['add', 'sub', 'mul'], generations: 3000, seed: 1, variableNames: names }).fit(X, y);
  const net = randomMlp([2, 4, 4, 1], ['tanh', 'tanh', 'linear'], 3);
  const sem = await srnet(net, X, { generations: 100, seed: 1, variableNames: names, fidelitySamples: 200 });
  const d = await distill(net, { box: [[1, 3], [1, 3]], generations: 2000, seed: 1, samples: 300, testSamples: 200, variableNames: names });
  const hand = new Mlp([
    { inputs: 2, outputs: 2, weight: Float32Array.from([1, -2, 0.7, 0.4]), bias: Float32Array.from([0.1, -0.3]), activation: 'tanh' },
    { inputs: 2, outputs: 1, weight: Float32Array.from([1.5, -0.8]), bias: Float32Array.from([0.2]), activation: 'linear' },
  ]);
  const g = await symbolicGradients(hand, grid(20, -1, 1), { unit: { layer: 0, index: 0 }, generations: 1000, seed: 1 });
  const cdNet = randomMlp([5, 8, 1], ['relu', 'linear'], 4);
  const x = [0.5, -1, 2, 0.3, -0.7];
  const cd = contextualDecomposition(cdNet, [x]);
  const fnames = ['f0', 'f1', 'f2', 'f3', 'f4'];
  const sections = [
    ...await rep.srSections(sr, X, y, names),
    ...await rep.srnetSections(sem, X, names),
    ...await rep.distillSections(d, net, names),
    ...await rep.gradientsSections(g),
    ...await rep.attributeSections({ names: fnames, scores: fnames.map((_, i) => cd.score(0, i, 0)), matrix: interactionMatrix(cdNet, x), tree: acd(cdNet, x) }),
    await rep.couplingSection([[0, 1, 0.5], [1, 0, 2], [0.5, 2, 0]], ['p0', 'p1', 'p2']),
  ];
  const plots = ['pareto', 'fit', 'residuals', 'layers', 'curves', 'alignment', 'scores', 'interactions', 'acd', 'couplings'];
  return { sections: sections.map((s, i) => ({ ...s, id: `${s.id}-${i}` })), plots };
}
