// One mathjs instance for the whole library (created once, configured for plain numbers).
import { create, all } from 'mathjs';

export const math = create(all, { number: 'number' });
export type { MathNode } from 'mathjs';
