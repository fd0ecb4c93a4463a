// Where the SRNet data lives, and the extrapolation points of its regression benchmarks: one
// definition for every bench that uses them (bench:srnet, bench:srnet-distill, bench:ceiling);
// the points are seeded, so every bench scores the same ones.
import { fileURLToPath } from 'node:url';
import { sampleExtrapolation } from '../src/data/samplers.js';

/** ../shared/data/srnet/ beside the checkout (from dist/bench/). */
export const SRNET_DIR = fileURLToPath(new URL('../../../shared/data/srnet/', import.meta.url));

/** Per-input [min, max] of the training rows. */
export function trainingBox(X: readonly (readonly number[])[]): [number, number][] {
  return X[0].map((_, i) => [Math.min(...X.map((r) => r[i])), Math.max(...X.map((r) => r[i]))] as [number, number]);
}

/** `count` points between the training box and the box scaled ×1.5 about its centre (seed 99). */
export function extrapolationPoints(box: [number, number][], count: number): number[][] {
  return sampleExtrapolation(box, 1.5, count, 99);
}
