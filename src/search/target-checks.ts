// Checks on a regression target that no search can fix, reported before any work is done: a
// flat target (nothing to explain) and one whose scale the f32 evaluator cannot represent.
import { EqlensError } from '../errors.js';

/** Largest |y| whose square and variance stay finite in f64 and whose fits stay meaningful in f32. */
const F32_MAX = 3.4028234663852886e38;

/** Throws E_DATA_VALUE for a constant target or one beyond f32 range. */
export function checkTarget(y: ArrayLike<number>, what = 'y'): void {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < y.length; i++) { if (y[i] < lo) lo = y[i]; if (y[i] > hi) hi = y[i]; }
  if (Math.max(Math.abs(lo), Math.abs(hi)) > F32_MAX) {
    throw new EqlensError('E_DATA_VALUE', `${what} spans [${lo}, ${hi}], beyond the float32 range (±3.4e38) the evaluator works in: rescale it (e.g. fit log(${what}) or divide by a unit)`);
  }
  if (lo === hi) {
    throw new EqlensError('E_DATA_VALUE', `${what} is ${lo} on every row (zero variance): there is nothing to search for; the equation is ${what} = ${lo}`);
  }
}
