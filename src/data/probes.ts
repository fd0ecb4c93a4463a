// The symbolic-gradient probe problems of METHODS §4 (Wetzel): a classifier's label is
// probe(x) > threshold, and a method should recover probe up to a monotone map.
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';

export interface ProbeProblem {
  id: string;
  /** The probe in mathjs syntax over x0, x1, … */
  probe: string;
  threshold: number;
  ranges: [number, number][];
  f: (x: readonly number[]) => number;
}

const box = (d: number, lo: number, hi: number) => Array.from({ length: d }, () => [lo, hi] as [number, number]);

export const PROBE_PROBLEMS: readonly ProbeProblem[] = [
  { id: 'ellipse', probe: 'x0^2 + 2 * x1^2', threshold: 1, ranges: box(2, -1, 1), f: ([a, b]) => a * a + 2 * b * b },
  { id: 'quadratic', probe: 'x0^2 + 3 * x0 * x1 + 2 * x1^2', threshold: 5, ranges: box(2, -2, 0), f: ([a, b]) => a * a + 3 * a * b + 2 * b * b },
  { id: 'sine', probe: 'x0^2 + sin(x1 + x2)', threshold: 1, ranges: box(3, -2, 0), f: ([a, b, c]) => a * a + Math.sin(b + c) },
  { id: 'exponential', probe: 'exp(x0 - x1) - pi * x2', threshold: 1, ranges: box(3, -1, 1), f: ([a, b, c]) => Math.exp(a - b) - Math.PI * c },
  // METHODS gives no range for the Gaussian bump: [−2, 2]³ holds both classes in balance.
  { id: 'gaussian', probe: 'x0 * exp(-(x1^2 + x2^2) / 2)', threshold: 0.2, ranges: box(3, -2, 2), f: ([a, b, c]) => a * Math.exp(-(b * b + c * c) / 2) },
  { id: 'ratio', probe: 'x0 * x1 / ((x2 - x3)^2 + (x4 - x5)^2)', threshold: 1, ranges: box(6, 0, 2), f: ([a, b, c, d, e, g]) => (a * b) / ((c - d) ** 2 + (e - g) ** 2) },
];

export function probeProblem(id: string): ProbeProblem {
  const p = PROBE_PROBLEMS.find((q) => q.id === id);
  if (!p) throw new EqlensError('E_OPTION', `unknown probe problem "${id}"; known: ${PROBE_PROBLEMS.map((q) => q.id).join(', ')}`);
  return p;
}

/** n labelled samples uniform in the problem's box: y = 1 when probe(x) > threshold, else 0. */
export function generateProbe(id: string, n = 10_000, seed = 0): { X: number[][]; y: number[]; probe: number[] } {
  const p = probeProblem(id);
  if (!Number.isInteger(n) || n < 1) throw new EqlensError('E_OPTION', `samples: expected a positive integer, got ${n}`);
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => p.ranges.map(([lo, hi]) => lo + (hi - lo) * rng.uniform()));
  const probe = X.map((x) => p.f(x));
  return { X, y: probe.map((v) => (v > p.threshold ? 1 : 0)), probe };
}
