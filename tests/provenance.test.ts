// Every result says how it was made: eqlens version, method, options, seed and fingerprints of
// the data and the network.
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SymbolicRegressor, VERSION, provenance, symbolicGradients } from '../src/index.js';
import { randomMlp } from './helpers.js';

test('VERSION is package.json\'s version', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
});

test('a fit records version, options, seed and a data fingerprint that changes with the data', async () => {
  const X = [[1], [2], [3], [4], [5]];
  const fit = async (y: number[]) => JSON.parse(JSON.stringify(await new SymbolicRegressor({ generations: 50, seed: 7, onProgress: () => {} }).fit(X, y)));
  const a = await fit([1, 4, 9, 16, 25]), b = await fit([1, 4, 9, 16, 25]), c = await fit([1, 4, 9, 16, 26]);
  expect(a.provenance).toMatchObject({ eqlens: VERSION, method: 'SymbolicRegressor', seed: 7, data: { rows: 5, columns: 2 } });
  expect(a.provenance.options.generations).toBe(50);
  expect(a.provenance.options).not.toHaveProperty('onProgress');
  expect(a.provenance.data.hash).toMatch(/^[0-9a-f]{16}$/);
  expect(b.provenance.data.hash).toBe(a.provenance.data.hash);
  expect(c.provenance.data.hash).not.toBe(a.provenance.data.hash);
});

test('network results carry the network fingerprint; big option arrays are fingerprinted, not copied', async () => {
  const mlp = randomMlp([2, 3, 1], ['tanh', 'sigmoid'], 3);
  const X = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
  const r = JSON.parse(JSON.stringify(await symbolicGradients(mlp, X, { generations: 200, seed: 2 })));
  expect(r.provenance).toMatchObject({ method: 'symbolicGradients', seed: 2, network: { sizes: [2, 3, 1], activations: ['tanh', 'sigmoid'] }, data: { rows: 200, columns: 2 } });
  const big = provenance('x', { data: Array.from({ length: 1000 }, (_, i) => i) });
  expect(big.options.data).toMatchObject({ omitted: '1000 entries' });
});
