// Fidelity of a local surrogate to the network at the query points (METHODS.md §7): the share of
// points whose local class equals the network's (classification), or the RMSE between the local
// models' predictions at the points and the network's outputs (regression).
import type { Matrix } from '../../data/matrix.js';
import type { Mlp } from '../../nn/mlp.js';
import type { LocalExplanation } from './explanation.js';
import type { Task } from './options.js';
import { toTargets } from './targets.js';
import { fidelityOf } from '../fidelity.js';

export interface FidelityResult {
  task: Task;
  /** Classification: fraction of points where the local class = the network's class (1 is perfect). Regression: RMSE (0 is perfect). */
  fidelity: number;
  points: number;
  /** The local models' predictions at the points: local[output][point]. */
  local: number[][];
  /** What the network gives there (class probabilities for classification): network[output][point]. */
  network: number[][];
  /** Wall-clock seconds for the whole measurement (fitting the explainer included). */
  seconds: number;
}

export async function localFidelity(mlp: Mlp, testX: Matrix, task: Task, explanations: LocalExplanation[], started: number): Promise<FidelityResult> {
  const targets = toTargets(mlp, await mlp.predict(testX), task);
  const local = targets.map((_, c) => explanations.map((e) => e.prediction[c]));
  const network = targets.map((col) => Array.from(col));
  // The same measure as every other explanation's (class = argmax of the local predictions).
  const f = fidelityOf(task, network, local);
  const fidelity = task === 'classification' ? f.accuracy! : f.rmse!;
  return { task, fidelity, points: explanations.length, local, network, seconds: (performance.now() - started) / 1000 };
}
