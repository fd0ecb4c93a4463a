// The 12 SRNet regression benchmarks (METHODS §2) with their exact training ranges and sizes,
// generated with a seeded sampler. Variable order matches the paper's recorded data (checked
// against ../shared/data/srnet in tests/data/benchmarks.test.ts).
import { EqlensError } from '../errors.js';
import { Rng } from '../cgp/rng.js';

export interface Benchmark {
  id: string;
  /** The target in mathjs syntax over x0, x1, … */
  formula: string;
  /** Training range per input. */
  ranges: [number, number][];
  /** Training set size. */
  samples: number;
  /** The paper's network sizes. */
  network: number[];
  f: (x: readonly number[]) => number;
}

const PI = Math.PI;
const u = (lo: number, hi: number): [number, number] => [lo, hi];

export const SRNET_BENCHMARKS: readonly Benchmark[] = [
  { id: 'K0', formula: 'sin(x0) + sin(x0 + x0^2)', ranges: [u(-1, 1)], samples: 200, network: [1, 3, 3, 1], f: ([x]) => Math.sin(x) + Math.sin(x + x * x) },
  { id: 'K1', formula: '2 * sin(x0) * cos(x1)', ranges: [u(-1, 1), u(-1, 1)], samples: 200, network: [2, 3, 3, 1], f: ([a, b]) => 2 * Math.sin(a) * Math.cos(b) },
  { id: 'K2', formula: '3 + 2.13 * log(abs(x0))', ranges: [u(-50, 50)], samples: 200, network: [1, 5, 5, 1], f: ([x]) => 3 + 2.13 * Math.log(Math.abs(x)) },
  { id: 'K3', formula: '1 / (1 + x0^-4) + 1 / (1 + x1^-4)', ranges: [u(-5, 4.6), u(-5, 4.6)], samples: 25, network: [2, 4, 4, 4, 1], f: ([a, b]) => 1 / (1 + a ** -4) + 1 / (1 + b ** -4) },
  { id: 'K4', formula: '30 * x0 * x1 / ((x0 - 10) * x2^2)', ranges: [u(-1, 1), u(-1, 1), u(1, 2)], samples: 1000, network: [3, 4, 4, 1], f: ([a, b, c]) => (30 * a * b) / ((a - 10) * c * c) },
  { id: 'K5', formula: 'x0 * x1 + sin((x0 - 1) * (x1 - 1))', ranges: [u(-3, 3), u(-3, 3)], samples: 20, network: [2, 5, 5, 1], f: ([a, b]) => a * b + Math.sin((a - 1) * (b - 1)) },
  { id: 'F0', formula: 'x0 / sqrt(1 - x1^2 / x2^2)', ranges: [u(1, 5), u(1, 2), u(3, 10)], samples: 9000, network: [3, 3, 3, 1], f: ([m, v, c]) => m / Math.sqrt(1 - (v * v) / (c * c)) },
  { id: 'F1', formula: 'x0 * x1 / (4 * pi * x2 * x3^2)', ranges: [u(1, 5), u(1, 5), u(1, 5), u(1, 5)], samples: 9000, network: [4, 3, 3, 1], f: ([q1, q2, e, r]) => (q1 * q2) / (4 * PI * e * r * r) },
  // The paper's recorded order for F2 is (G, m1, r1, r2, m2).
  { id: 'F2', formula: 'x0 * x1 * x4 * (1 / x3 - 1 / x2)', ranges: [u(1, 5), u(1, 5), u(1, 5), u(1, 5), u(1, 5)], samples: 10000, network: [5, 3, 3, 1], f: ([G, m1, r1, r2, m2]) => G * m1 * m2 * (1 / r2 - 1 / r1) },
  { id: 'F3', formula: '0.5 * x0 * x1^2', ranges: [u(1, 5), u(1, 5)], samples: 9000, network: [2, 3, 3, 1], f: ([k, x]) => 0.5 * k * x * x },
  { id: 'F4', formula: '-32 / 5 * x0^4 / x1^5 * (x2 * x3)^2 * (x2 + x3) / x4^5', ranges: [u(1, 2), u(1, 2), u(1, 5), u(1, 5), u(1, 2)], samples: 10000, network: [5, 5, 5, 1], f: ([G, c, m1, m2, r]) => (-32 / 5) * (G ** 4 / c ** 5) * (m1 * m2) ** 2 * (m1 + m2) / r ** 5 },
  { id: 'F5', formula: 'x0 / (4 * pi * x4 * x1^2) * (4 * pi * x4 * x2 * x3 - x0 * x3 * x1^3 / (x1^2 - x3^2)^2)', ranges: [u(1, 5), u(1, 3), u(1, 5), u(4, 6), u(1, 5)], samples: 10000, network: [5, 5, 5, 5, 1],
    f: ([q, y, V, d, e]) => (q / (4 * PI * e * y * y)) * (4 * PI * e * V * d - (q * d * y ** 3) / (y * y - d * d) ** 2) },
];

export function benchmark(id: string): Benchmark {
  const b = SRNET_BENCHMARKS.find((x) => x.id === id);
  if (!b) throw new EqlensError('E_OPTION', `unknown benchmark "${id}"; known: ${SRNET_BENCHMARKS.map((x) => x.id).join(', ')}`);
  return b;
}

/**
 * The training set of a benchmark: K3 is the paper's grid x0 = x1 on −5:0.4:4.6 (25 points);
 * the others are uniform in their ranges (seeded). `samples` overrides the size.
 */
export function generateBenchmark(id: string, options: { seed?: number; samples?: number } = {}): { X: number[][]; y: number[] } {
  const b = benchmark(id);
  const n = options.samples ?? b.samples;
  if (!Number.isInteger(n) || n < 1) throw new EqlensError('E_OPTION', `samples: expected a positive integer, got ${n}`);
  const rng = new Rng(options.seed ?? 0);
  const X = b.id === 'K3'
    ? Array.from({ length: n }, (_, i) => { const v = -5 + (9.6 * i) / Math.max(1, n - 1); return [v, v]; })
    : Array.from({ length: n }, () => b.ranges.map(([lo, hi]) => lo + (hi - lo) * rng.uniform()));
  return { X, y: X.map((x) => b.f(x)) };
}
