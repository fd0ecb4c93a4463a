// Checkpoint and resume: a search cancelled midway and resumed from its checkpoint ends with the
// same front as the uninterrupted search with the same seed; a checkpoint of another search is
// refused with a reason.
import { expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SymbolicRegressor } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import { fails } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'eqlens-checkpoint-'));
const rng = new Rng(4);
const X = Array.from({ length: 120 }, () => [4 * rng.uniform() - 2, 4 * rng.uniform() - 2]);
// Noise keeps the search from stopping early at its target.
const y = X.map(([a, b]) => a * a * b + Math.sin(a) + 0.01 * rng.gaussian());
const OPTIONS = { generations: 12000, seed: 3, threads: 1, restartAfter: 2000, functions: ['add', 'sub', 'mul', 'sin'] as const };
const front = (sr: SymbolicRegressor) => sr.equations.map((e) => [e.complexity, e.loss, e.expression]);

test('cancelled and resumed from its checkpoint = uninterrupted, same seed', async () => {
  const whole = await new SymbolicRegressor({ ...OPTIONS, functions: [...OPTIONS.functions] }).fit(X, y);
  expect(whole.stopReason).toBe('generations');

  const file = join(dir, 'run.ckpt');
  const controller = new AbortController();
  const first = new SymbolicRegressor({ ...OPTIONS, functions: [...OPTIONS.functions], checkpoint: { file, intervalSeconds: 0 }, signal: controller.signal,
    onProgress: (p) => { if (p.generation >= 300) controller.abort(); } });
  await first.fit(X, y);
  expect(first.stopReason).toBe('aborted');
  expect(first.generations).toBeLessThan(OPTIONS.generations);
  expect(first.equations.length).toBeGreaterThan(0); // the best front so far
  expect(existsSync(file)).toBe(true);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // written atomically

  const resumed = await new SymbolicRegressor({ ...OPTIONS, functions: [...OPTIONS.functions], resume: file }).fit(X, y);
  expect(resumed.generations).toBe(OPTIONS.generations);
  expect(front(resumed)).toEqual(front(whole));
}, 120_000);

test('islands: cancelled and resumed from the last epoch-boundary checkpoint = uninterrupted, same seed and threads', async () => {
  const opts = { ...OPTIONS, functions: [...OPTIONS.functions], threads: 2, migrationInterval: 500 };
  const whole = await new SymbolicRegressor(opts).fit(X, y);
  const file = join(dir, 'islands.ckpt');
  const controller = new AbortController();
  const first = new SymbolicRegressor({ ...opts, checkpoint: { file, intervalSeconds: 0 }, signal: controller.signal,
    onProgress: (p) => { if (p.generation >= 2 * 1500) controller.abort(); } });
  await first.fit(X, y);
  expect(first.stopReason).toBe('aborted');
  expect(existsSync(file)).toBe(true);
  const resumed = await new SymbolicRegressor({ ...opts, resume: file }).fit(X, y);
  expect(resumed.generations).toBe(2 * OPTIONS.generations);
  expect(front(resumed)).toEqual(front(whole));
  await fails(new SymbolicRegressor({ ...opts, threads: 3, resume: file }).fit(X, y), 'E_CHECKPOINT', /written by a search with 2 threads; resume it with threads: 2/);
}, 120_000);

test('a checkpoint of another search, a damaged one and a missing one are refused with the reason', async () => {
  const file = join(dir, 'other.ckpt');
  await new SymbolicRegressor({ generations: 200, seed: 1, threads: 1, checkpoint: file }).fit(X, y);
  await fails(new SymbolicRegressor({ generations: 400, seed: 2, threads: 1, resume: file }).fit(X, y), 'E_CHECKPOINT', /different search options/);
  await fails(new SymbolicRegressor({ generations: 400, seed: 1, threads: 1, resume: file }).fit(X, y.map((v) => v + 1)), 'E_CHECKPOINT', /different data/);
  // A longer budget for the same search is allowed.
  const more = await new SymbolicRegressor({ generations: 400, seed: 1, threads: 1, resume: file }).fit(X, y);
  expect(more.generations).toBe(400);
  const damaged = join(dir, 'damaged.ckpt');
  writeFileSync(damaged, '{"format":"eqlens-checkpoint-v1"');
  await fails(new SymbolicRegressor({ generations: 400, resume: damaged }).fit(X, y), 'E_IO', /cannot read checkpoint/);
  writeFileSync(damaged, '{"format":"something else"}');
  await fails(new SymbolicRegressor({ generations: 400, resume: damaged }).fit(X, y), 'E_CHECKPOINT', /not an eqlens-checkpoint-v1 file/);
  await fails(new SymbolicRegressor({ generations: 400, resume: join(dir, 'missing.ckpt') }).fit(X, y), 'E_IO', /cannot read checkpoint/);
  await fails(() => new SymbolicRegressor({ checkpoint: { file: '' } }), 'E_OPTION', /option checkpoint/);
  await fails(new SymbolicRegressor({ generations: 400, seed: 1, threads: 2, resume: file }).fit(X, y), 'E_CHECKPOINT', /written by a search with 1 threads; resume it with threads: 1/);
}, 60_000);

test('symbolicGradients takes the same checkpoint and resume options', async () => {
  const { symbolicGradients, Mlp } = await import('../../src/index.js');
  const mlp = new Mlp([{ inputs: 2, outputs: 1, weight: Float32Array.of(1, -2), bias: Float32Array.of(0), activation: 'tanh' },
    { inputs: 1, outputs: 1, weight: Float32Array.of(1), bias: Float32Array.of(0), activation: 'linear' }]);
  const pts = Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(1.7 * i)]);
  const o = { unit: { layer: 0, index: 0 }, generations: 3000, seed: 4, threads: 1 } as const;
  const whole = await symbolicGradients(mlp, pts, o);
  const file = join(dir, 'gradients.ckpt');
  await symbolicGradients(mlp, pts, { ...o, generations: 1000, checkpoint: file });
  const resumed = await symbolicGradients(mlp, pts, { ...o, resume: file });
  expect(resumed.equations.map((e) => e.expression)).toEqual(whole.equations.map((e) => e.expression));
}, 60_000);

test('srnet: a run checkpointed at 150 generations and resumed to 400 = 400 uninterrupted', async () => {
  const { srnet } = await import('../../src/index.js');
  const { randomMlp } = await import('../helpers.js');
  const mlp = randomMlp([2, 4, 3, 1], ['tanh', 'sigmoid', 'linear'], 6);
  const pts = Array.from({ length: 150 }, (_, i) => [Math.sin(0.7 * i), Math.cos(1.3 * i)]);
  const o = { lambda: 30, seed: 5, threads: 1, stopFitness: 0 } as const;
  const whole = await srnet(mlp, pts, { ...o, generations: 400 });
  const file = join(dir, 'srnet.ckpt');
  await srnet(mlp, pts, { ...o, generations: 150, checkpoint: file });
  const resumed = await srnet(mlp, pts, { ...o, generations: 400, resume: file });
  expect(resumed.fitness).toBe(whole.fitness);
  expect(resumed.layers.map((l) => l.expression)).toEqual(whole.layers.map((l) => l.expression));
  await fails(srnet(mlp, pts, { ...o, lambda: 31, generations: 400, resume: file }), 'E_CHECKPOINT', /different search options/);
  await fails(srnet(mlp, pts, { ...o, threads: 2, checkpoint: file }), 'E_OPTION', /SRNet checkpoints hold one search: use threads: 1/);
}, 60_000);
