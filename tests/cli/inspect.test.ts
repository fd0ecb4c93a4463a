import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (...args: string[]) => spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'eqlens-inspect-'));

describe('eqlens inspect', () => {
  test('prints layers, sizes, activations and the parameter count', () => {
    const r = run('inspect', 'examples/tiny-mlp.json', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sizes: [2, 4, 1], parameters: 17, layers: [{ activation: 'tanh', parameters: 12 }, { activation: 'linear', parameters: 5 }] });
    expect(run('inspect', 'examples/tiny-mlp.json').stdout).toMatch(/2-4-1 multilayer perceptron, 17 parameters/);
  });
  test.each([
    [['inspect', 'README.md'], /E_MODEL: README.md: not valid JSON/],
    [['inspect', 'nope.json'], /E_IO: cannot read nope.json/],
    [['inspect'], /E_OPTION: eqlens inspect needs a model file/],
  ])('bad input %j', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  test('an unsupported layer is named with its type', () => {
    const p = join(dir, 'bad.json');
    writeFileSync(p, JSON.stringify({ format: 'eqlens-mlp-v1', layers: [{ weight: [[1]], bias: [0], activation: 'gelu' }] }));
    const r = run('inspect', p);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/E_MODEL: .*bad.json: layer 0: activation "gelu" is not supported/);
  });
});

describe('eqlens train', () => {
  test('trains on a CSV, writes a model that inspect reads, and prints a JSON summary', () => {
    const model = join(dir, 'koza.json');
    const r = run('train', '--data', 'examples/koza1.csv', '--target', 'y', '--out', model, '--hidden', '8,8', '--epochs', '20', '--json');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ out: model, sizes: [1, 8, 8, 1], parameters: 97 });
    expect(JSON.parse(run('inspect', model, '--json').stdout).sizes).toEqual([1, 8, 8, 1]);
  });
  test.each([
    [['train', '--data', 'examples/koza1.csv', '--target', 'y'], /E_OPTION: eqlens train needs --out/],
    [['train', '--data', 'examples/koza1.csv', '--target', 'q', '--out', 'x.json'], /E_CSV_COLUMN/],
    [['train', '--data', 'examples/koza1.csv', '--target', 'y', '--out', 'x.json', '--activation', 'gelu'], /E_OPTION: option activation/],
  ])('bad input %j', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

test('a closed pipe (eqlens … | head) ends quietly with status 0', () => {
  // `true` exits before eqlens writes, so the write always meets a closed pipe.
  const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} dist/src/cli/main.js inspect examples/tiny-mlp.json | true; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
  expect(r.stderr).not.toMatch(/EPIPE|Error/);
  expect(r.stdout.trim()).toBe('status 0');
});
