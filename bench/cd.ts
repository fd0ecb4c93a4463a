// Contextual decomposition speed and exactness:
//   the full 20 × 20 interaction matrix (20 singles + 190 pairs) of a 20-feature 2×64 ReLU MLP for
//   1,000 inputs, one core (target ≤ 2 s); one ACD hierarchy; completeness on random networks of
//   every supported activation.
// Usage: npm run bench:cd -- [--json] [--repeats N]. A table, then a last-line JSON object.
import { Rng } from '../src/cgp/rng.js';
import { Mlp, type Activation } from '../src/nn/mlp.js';
import { interactionMatrices } from '../src/explain/cd/interactions.js';
import { acd } from '../src/explain/cd/acd.js';
import { cdCompleteness } from '../src/explain/cd/checks.js';

const json = process.argv.includes('--json');
const at = process.argv.indexOf('--repeats');
const repeats = at >= 0 ? Number(process.argv[at + 1]) : 5;
const log = (s: string) => { if (!json) console.log(s); else console.error(s); };
const median = (a: number[]) => { const s = [...a].sort((p, q) => p - q); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

function randomMlp(sizes: number[], acts: Activation[], seed: number): Mlp {
  const rng = new Rng(seed);
  return new Mlp(acts.map((activation, k) => ({
    inputs: sizes[k], outputs: sizes[k + 1], activation,
    weight: Float32Array.from({ length: sizes[k] * sizes[k + 1] }, () => (rng.uniform() - 0.5) * 2 / Math.sqrt(sizes[k])),
    bias: Float32Array.from({ length: sizes[k + 1] }, () => rng.uniform() - 0.5),
  })));
}
const rng = new Rng(7);
const rows = (n: number, d: number) => Array.from({ length: n }, () => Array.from({ length: d }, () => rng.uniform() * 4 - 2));

function time(f: () => unknown): number[] {
  f(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < repeats; i++) { const t = performance.now(); f(); out.push((performance.now() - t) / 1000); }
  return out;
}

const mlp = randomMlp([20, 64, 64, 1], ['relu', 'relu', 'linear'], 1);
const X = rows(1000, 20);
const matrix = time(() => interactionMatrices(mlp, X));
log(`interaction matrix, 20 features, 2×64 ReLU MLP, 1000 inputs: median ${median(matrix).toFixed(3)} s (min ${Math.min(...matrix).toFixed(3)}, max ${Math.max(...matrix).toFixed(3)}; target 2 s)`);
const tree = time(() => acd(mlp, X[0]));
log(`ACD hierarchy (tabular), same network, one input: median ${(median(tree) * 1000).toFixed(2)} ms`);

const completeness: Record<string, number> = {};
for (const act of ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'softmax'] as Activation[]) {
  const hidden = act === 'softmax' ? 'relu' : act, out = act === 'softmax' ? 'softmax' : 'linear';
  const net = randomMlp([20, 64, 64, 3], [hidden, hidden, out], 2);
  completeness[act] = cdCompleteness(net, rows(200, 20)).maxError;
  log(`completeness max error (${act}${act === 'softmax' ? ' output, relu hidden' : ''}): ${completeness[act].toExponential(2)}`);
}
const summary = {
  interactionMatrixSeconds: median(matrix), target: 2, meetsTarget: median(matrix) <= 2,
  inputs: 1000, features: 20, hidden: [64, 64], groupsPerInput: 210, repeats,
  acdMilliseconds: median(tree) * 1000,
  completenessMaxError: Math.max(...Object.values(completeness)), completenessByActivation: completeness,
  implementation: 'typescript-f64',
};
console.log(JSON.stringify(summary));
