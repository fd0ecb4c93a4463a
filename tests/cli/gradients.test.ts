// `eqlens gradients`, run as a user runs it: a hand-built network whose hidden unit 0 computes
// tanh(x0 − 2·x1), written to disk with a CSV of points.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (...args: string[]) => spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'eqlens-gradients-'));
const model = join(dir, 'net.json'), data = join(dir, 'points.csv');
writeFileSync(model, JSON.stringify({
  format: 'eqlens-mlp-v1',
  layers: [
    { weight: [[1, -2], [0.7, 0.4]], bias: [0.1, -0.3], activation: 'tanh' },
    { weight: [[1.5, -0.8], [-1, 0.5]], bias: [0.2, 0], activation: 'softmax' },
  ],
}));
const rows = Array.from({ length: 400 }, (_, i) => [-1 + (2 * (i % 20)) / 19, -1 + (2 * Math.floor(i / 20)) / 19]);
writeFileSync(data, ['a,b,label', ...rows.map(([a, b], i) => `${a},${b},${i % 2}`)].join('\n'));

describe('eqlens gradients', () => {
  test('--unit 0:0 --target label describes the hidden unit by a − 2·b (names from the header)', () => {
    const r = run('gradients', '--model', model, '--data', data, '--target', 'label', '--unit', '0:0', '--generations', '3000', '--seed', '1');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/explaining the pre-activation of unit 0 in layer 0 on \d+ points/);
    const g = /^g = (.*?)\s+\(mean \|cos\(∇g, ∇f\)\| on held-out points: ([0-9.]+)\)/m.exec(r.stdout);
    expect(g).not.toBeNull();
    expect(Number(g![2])).toBeGreaterThan(0.9999);
    expect(g![1]).toMatch(/a/);
    expect(g![1]).toMatch(/b/);
    expect(r.stdout).toMatch(/monotone/);
  });
  test('--json prints one document with the front, the choice and the note', () => {
    const r = run('gradients', '--model', model, '--data', data, '--target', 'label', '--generations', '2000', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.unit).toBe('log-odds of class 1 (z1 − z0)');
    expect(doc.equations.length).toBeGreaterThan(0);
    expect(doc.best.cos).toBeGreaterThan(0.9); // two tanh units mixed: a short search gets close, not exact
    expect(doc.best.cos).toBe(doc.equations[doc.bestIndex].cos);
    expect(doc.note).toMatch(/monotone/);
  });
  test.each([
    [['gradients', '--model', model], /E_OPTION: eqlens gradients needs --data FILE/],
    [['gradients', '--model', model, '--data', data], /E_DATA_SHAPE: .* has 3 input columns \(a, b, label\); the network takes 2 \(use --target/],
    [['gradients', '--model', model, '--data', data, '--target', 'label', '--unit', 'x:1'], /E_OPTION: option --unit: expected 'output' or LAYER:INDEX/],
    [['gradients', '--model', model, '--data', data, '--target', 'label', '--unit', '0:5'], /E_OPTION: option unit: index 5 is outside layer 0/],
    [['gradients', '--model', model, '--data', data, '--target', 'label', '--band', '0.5'], /E_OPTION: option --band/],
  ])('bad input %j ends in a coded error and exit 2', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
