// One mathjs instance for the whole library (created once), configured for plain numbers and
// `predictable` results: sqrt(-1) and log(-1) are NaN as in the engine (IEEE), not complex.
import { create, all } from 'mathjs';

export const math = create(all, { number: 'number', predictable: true });
export type { MathNode } from 'mathjs';
