// The result both baselines give for one query point: a local linear model per output (regression)
// or per class probability (classification), in the network's own input units. Plain data, so
// JSON.stringify prints it as it is.
import type { Matrix } from '../../data/matrix.js';
import type { RunOptions, Task } from './options.js';
import { argmax } from './targets.js';

export interface LocalExplanation {
  task: Task;
  /** One per output (regression) or per class (classification). */
  intercept: number[];
  /** coefficients[output][feature], in raw input units: model(z) = intercept + Σ coefficients·z. */
  coefficients: number[][];
  /** The local models at the query point itself. */
  prediction: number[];
  /** Classification: the class the local models give (argmax of `prediction`). */
  class?: number;
}

/** The common face of LIME and MAPLE, so a benchmark can swap one for the other. */
export interface LocalExplainer {
  readonly task: Task;
  explain(x: ArrayLike<number>): Promise<LocalExplanation>;
  explainMany(X: Matrix, run?: RunOptions): Promise<LocalExplanation[]>;
}

export function makeExplanation(task: Task, intercept: number[], coefficients: number[][], x: ArrayLike<number>): LocalExplanation {
  const prediction = intercept.map((b, c) => {
    let s = b;
    coefficients[c].forEach((w, j) => { s += w * x[j]; });
    return s;
  });
  const e: LocalExplanation = { task, intercept, coefficients, prediction };
  if (task === 'classification') e.class = argmax(prediction);
  return e;
}
