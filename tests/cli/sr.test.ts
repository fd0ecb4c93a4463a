// The eqlens command, run as a user runs it (the built dist/ bin in a child process).
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';

const run = (...args: string[]) => spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });

describe('eqlens sr', () => {
  test('--json prints exactly one JSON document with the front and the best equation', () => {
    const r = run('sr', '--data', 'examples/mix.csv', '--target', 'y', '--seed', '1', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['equations', 'best', 'seconds']));
    for (const e of doc.equations) expect(Object.keys(e)).toEqual(expect.arrayContaining(['complexity', 'loss', 'expression', 'latex']));
    expect(doc.best.r2).toBeGreaterThan(0.9999);
  });
  test('the table names the columns of the file', () => {
    const r = run('sr', '--data', 'examples/koza1.csv', '--target', 'y', '--generations', '2000');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/complexity\s+loss\s+score\s+equation/);
    expect(r.stdout).toMatch(/\bx\b/);
  });
  test.each([
    [['sr', '--data', 'examples/koza1.csv', '--target', 'nope'], /E_CSV_COLUMN: .*no column "nope"; columns are: x, y/],
    [['sr', '--data', 'missing.csv', '--target', 'y'], /E_IO: cannot read missing.csv/],
    [['sr', '--data', 'examples/koza1.csv', '--target', 'y', '--functions', 'add,foo'], /E_FUNCTION: unknown function "foo"/],
    [['sr', '--data', 'examples/koza1.csv', '--target', 'y', '--generations', '0'], /E_OPTION: option generations/],
    [['sr', '--data', 'examples/koza1.csv', '--target', 'y', '--bogus'], /E_OPTION: unknown option --bogus/],
    [['sr', '--data'], /E_OPTION: option --data needs a value/],
    [['frobnicate'], /E_OPTION: unknown command "frobnicate"/],
  ])('bad input %j ends in a coded error and exit 2', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
