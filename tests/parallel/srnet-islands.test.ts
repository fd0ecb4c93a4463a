// SRNet on several threads: independent islands, the lowest fitness wins; reproducible for a
// seed and thread count; never worse than one thread (island 0 is the one-thread search); a
// failing island ends the search with E_WORKER and no worker left alive.
import { afterEach, describe, expect, test } from '@jest/globals';
import { srnet } from '../../src/explain/srnet.js';
import { Mlp } from '../../src/nn/mlp.js';
import { liveWorkers } from '../../src/parallel/platform.js';
import { setSrnetFaultForTests } from '../../src/parallel/srnet-islands.js';
import { fails } from '../helpers.js';

const f32 = (a: number[]) => Float32Array.from(a);
const NET = new Mlp([
  { inputs: 1, outputs: 2, weight: f32([1.3, -0.7]), bias: f32([0.2, 0.1]), activation: 'tanh' },
  { inputs: 2, outputs: 1, weight: f32([0.9, -1.4]), bias: f32([0.3]), activation: 'linear' },
]);
const X = Array.from({ length: 64 }, (_, r) => [-2 + (4 * r) / 63]);
const opts = { generations: 60, lambda: 20, seed: 4, validation: false as const, fidelitySamples: 50 };

afterEach(() => setSrnetFaultForTests(undefined));

describe('srnet islands', () => {
  test('same seed and threads ⇒ same result; two islands are never worse than one', async () => {
    const one = await srnet(NET, X, { ...opts, threads: 1 });
    const a = await srnet(NET, X, { ...opts, threads: 2 });
    const b = await srnet(NET, X, { ...opts, threads: 2 });
    expect(b.fitness).toBe(a.fitness);
    expect(b.equation).toBe(a.equation);
    expect(a.fitness).toBeLessThanOrEqual(one.fitness);
    expect(a.generations).toBe(2 * 60);
    expect(liveWorkers()).toBe(0);
  }, 60_000);

  test('a failing island ends the search with E_WORKER, every worker ended', async () => {
    setSrnetFaultForTests(1);
    await fails(srnet(NET, X, { ...opts, threads: 2 }), 'E_WORKER', /srnet island 1 failed: test fault/);
    expect(liveWorkers()).toBe(0);
  }, 60_000);

  test('threads is validated', () => fails(srnet(NET, X, { ...opts, threads: 0 }), 'E_OPTION', /option threads/));
});
