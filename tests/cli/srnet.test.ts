// `eqlens srnet`, run as a user runs it.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { SRNET_DIR, SKIP_NOTE, withShared } from '../helpers.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });

describe('eqlens srnet', () => {
  withShared(`--network/--activations (the paper's recorded K0) --json prints one document${SKIP_NOTE}`, () => {
    const dir = `${SRNET_DIR}regression/K0/`;
    const r = run('srnet', '--network', `${dir}network.json`, '--activations', `${dir}activations.csv`, '--generations', '100', '--seed', '2', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['fitness', 'layers', 'equation', 'latex', 'fidelity', 'seconds']));
    expect(doc.layers).toHaveLength(3);
    for (const l of doc.layers) expect(typeof l.expression === 'string' && l.mse >= 0).toBe(true);
    expect(doc.fitness).toBeLessThan(5e-3);
    expect(doc.fidelity.extrapolation.r2).toBeGreaterThan(0.95);
    expect(doc.factored.steps.map((st: { name: string }) => st.name)).toEqual(['u1', 'u2']);
    expect(doc.factored.equations[0]).toMatch(/u2/);
  });
  test('--model/--data samples the activations itself and prints the layers and the equation', () => {
    const r = run('srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--generations', '60', '--lambda', '40');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/layer 1 \(h1 = w·g \+ b, 4 units, MSE [0-9.e+-]+\):  g = /);
    expect(r.stdout).toMatch(/^equation: y = .*x[01]/m);
    expect(r.stdout).toMatch(/^as one-dimensional maps: u1 = .*x[01].*;  y = .*u1/m); // a 2-4-1 network: one step
    expect(r.stdout).toMatch(/extrapolation RMSE/);
  });
  test('the generation count says how many islands it sums, and the JSON carries them', () => {
    const args = ['srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--generations', '30', '--lambda', '20', '--seed', '4'];
    const two = run(...args, '--threads', '2');
    expect(two.status).toBe(0);
    expect(two.stdout).toMatch(/^60 generations over 2 islands in [0-9.]+ s$/m);
    const one = run(...args, '--threads', '1', '--json');
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ generations: 30, islands: 1 });
  });
  test('--ceiling-start N sets the start\'s generations; 0 turns it off', () => {
    const fit = (...extra: string[]) => {
      const r = run('srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--generations', '40',
        '--lambda', '20', '--seed', '3', '--threads', '1', '--json', ...extra);
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout).fitness as number;
    };
    const byDefault = fit();
    expect(fit('--ceiling-start', '500')).toBe(byDefault);
    expect(new Set([byDefault, fit('--ceiling-start', '0'), fit('--ceiling-start', '50')]).size).toBe(3);
  });
  test('--validation outside|whole|off chooses where the scored validation rows lie', () => {
    const fit = (where?: string) => {
      const r = run('srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--generations', '40',
        '--lambda', '20', '--seed', '3', '--json', ...(where ? ['--validation', where] : []));
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout).fitness as number;
    };
    const outside = fit(), whole = fit('whole'), off = fit('off');
    expect(fit('outside')).toBe(outside); // the default
    expect(new Set([outside, whole, off]).size).toBe(3); // three different scored row sets
  });
  test.each([
    [['srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--validation', 'inside'], /E_OPTION: --validation: expected outside, whole or off, got "inside"/],
    [['srnet', '--model', 'examples/tiny-mlp.json'], /E_OPTION: eqlens srnet needs --network and --activations, or --model and --data/],
    [['srnet', '--network', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv'], /E_OPTION: give either/],
    [['srnet', '--network', 'examples/tiny-mlp.json', '--activations', 'examples/mix.csv'], /E_CSV_COLUMN: .*no column "h1_0"/],
    [['srnet', '--model', 'examples/koza1.csv', '--data', 'examples/mix.csv'], /E_MODEL: examples\/koza1.csv: not valid JSON/],
    [['srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/koza1.csv', '--target', 'y'], /E_DATA_SHAPE: X has 1 columns, the network has 2 inputs/],
    [['srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--layer-moves', '-2'], /E_OPTION: option layerMoves: expected an integer/],
    [['srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--local-moves', '1e6'], /E_OPTION: option localMoves: expected an integer/],
    [['srnet', '--model', 'examples/tiny-mlp.json', '--data', 'examples/mix.csv', '--target', 'y', '--ceiling-start', '-5'], /E_OPTION: option ceilingStart.generations: expected an integer in \[0, 1e7\], got -5/],
  ])('bad input %j ends in a coded error and exit 2', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
