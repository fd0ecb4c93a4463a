// The `distill` and `taylor` command modules, called as main.ts would call them, on model
// files written to a temporary folder (eqlens-mlp-v1 and a TensorFlow.js model.json).
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mlp, mlpToTfjs } from '../../src/index.js';
import { tensorflow } from '../../src/nn/tf.js';
import { runDistill, DISTILL_HELP } from '../../src/cli/distill.js';
import { runTaylor, TAYLOR_HELP } from '../../src/cli/taylor.js';
import { readModelFile } from '../../src/cli/model.js';
import { parseBox, parsePoints } from '../../src/explain/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'eqlens-oracle-'));
// y = 2·x0 − x1 + 0.5 through a linear hidden layer: every method should say exactly that.
const linear = new Mlp([
  { inputs: 2, outputs: 2, weight: Float32Array.of(1, 0, 0, 1), bias: Float32Array.of(0, 0), activation: 'linear' },
  { inputs: 2, outputs: 1, weight: Float32Array.of(2, -1), bias: Float32Array.of(0.5), activation: 'linear' },
]);
const model = join(dir, 'linear.json');
writeFileSync(model, JSON.stringify(linear.toJSON()));
const signal = new AbortController().signal;

async function run(fn: (argv: string[], out: (s: string) => void) => Promise<void>, ...argv: string[]): Promise<string> {
  const lines: string[] = [];
  await fn(argv, (s) => lines.push(s));
  return lines.join('\n');
}
const taylorCmd = (...a: string[]) => run(runTaylor, ...a);
const distillCmd = (...a: string[]) => run((argv, out) => runDistill(argv, out, signal), ...a);

describe('box and point specs', () => {
  test('names are optional, x<k> must sit at position k, and every input is named or none', () => {
    expect(parseBox('m:1:5,a:-2:-1')).toEqual({ names: ['m', 'a'], box: [[1, 5], [-2, -1]] });
    expect(parseBox('1:5, 2:3')).toEqual({ names: undefined, box: [[1, 5], [2, 3]] });
    expect(parsePoints('x:1;x:2; x:3')).toEqual({ names: ['x'], points: [[1], [2], [3]] });
    expect(parsePoints('2,3')).toEqual({ names: undefined, points: [[2, 3]] });
    expect(() => parseBox('x1:0:1,x0:0:1')).toThrow(/x1 is input 0/);
    expect(() => parseBox('m:0:1,0:1')).toThrow(/name every input or none/);
    expect(() => parseBox('m:0:one')).toThrow(/"one" in "m:0:one" is not a finite number/);
    expect(() => parsePoints('m:1,a:2;a:1,m:2')).toThrow(/point 2 names its inputs/);
    expect(() => parsePoints(';')).toThrow(/at least one point/);
  });
});

describe('eqlens taylor', () => {
  test('--json prints the polynomial of the network, in the names of --at', async () => {
    const doc = JSON.parse(await taylorCmd('--model', model, '--at', 'u:1,v:2;u:3,v:-1', '--order', '2', '--json'));
    expect(doc.expression).toBe('2*u - v + 0.5');
    expect(doc.points).toEqual([[1, 2], [3, -1]]);
    expect(doc.error.maxAbs).toBeLessThan(1e-5);
  });
  test('the table lists the terms and the truncation error over --box', async () => {
    const text = await taylorCmd('--model', model, '--at', '1,2', '--box', '0:1,0:1');
    expect(text).toMatch(/^f\(x0, x1\) ≈ 2\*x0 - x1 \+ 0\.5$/m);
    expect(text).toMatch(/order 2 at \(1, 2\); truncation error over x0 ∈ \[0, 1\], x1 ∈ \[0, 1\]/);
    expect(text).toMatch(/^x0\s+2\.0000000$/m);
  });
  test('a TensorFlow.js model.json is read too', async () => {
    const tf = await tensorflow();
    const tdir = mkdtempSync(join(tmpdir(), 'eqlens-oracle-tfjs-'));
    await (await mlpToTfjs(linear)).save(tf.io.withSaveHandler(async (a) => {
      writeFileSync(join(tdir, 'weights.bin'), new Uint8Array(a.weightData as ArrayBuffer));
      writeFileSync(join(tdir, 'model.json'), JSON.stringify({ modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    expect((await readModelFile(join(tdir, 'model.json'))).toJSON()).toEqual(linear.toJSON());
    expect(JSON.parse(await taylorCmd('--model', join(tdir, 'model.json'), '--at', '0,0', '--json')).expression).toBe('2*x0 - x1 + 0.5');
  });
  test.each([
    [['--at', '1,2'], 'E_OPTION', /needs --model/],
    [['--model', model], 'E_OPTION', /needs --at/],
    [['--model', join(dir, 'none.json'), '--at', '1,2'], 'E_IO', /cannot read .*none.json/],
    [['--model', model, '--at', '1'], 'E_DATA_SHAPE', /takes 2 inputs/],
    [['--model', model, '--at', 'a:1,b:2', '--box', 'c:0:1,d:0:1'], 'E_OPTION', /--at names the inputs a, b but --box names them c, d/],
    [['--model', model, '--at', '1,2', '--order', '-1'], 'E_OPTION', /option order/],
  ])('bad input %j', async (argv, code, message) => {
    await expect(taylorCmd(...argv)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
  test('--help', async () => {
    expect(await taylorCmd('--help')).toBe(TAYLOR_HELP);
  });
});

describe('eqlens distill', () => {
  test('--json prints the front with fidelity inside and outside the box', async () => {
    const doc = JSON.parse(await distillCmd('--model', model, '--box', 'p:0:1,q:0:1', '--samples', '200', '--generations', '2000', '--seed', '1', '--functions', 'add,sub,mul', '--json'));
    expect(doc.best.expression).toMatch(/p.*q|q.*p/);
    expect(doc.fidelity.inside.r2).toBeGreaterThan(0.999999);
    expect(doc.fidelity.outside.r2).toBeGreaterThan(0.999999); // a linear network extrapolates like its equation
    expect(doc.extrapolationBox).toEqual([[-0.25, 1.25], [-0.25, 1.25]]);
  });
  test('the table marks the chosen equation and names the extrapolation region', async () => {
    const text = await distillCmd('--model', model, '--box', '0:1,0:1', '--generations', '500', '--extrapolation', '2');
    expect(text).toMatch(/complexity\s+R² in\s+RMSE in\s+R² out\s+RMSE out\s+equation/);
    expect(text).toMatch(/^→/m);
    expect(text).toMatch(/outside it up to ×2 \(\[-0\.5, 1\.5\] × \[-0\.5, 1\.5\]\)/);
  });
  test.each([
    [['--box', '0:1,0:1'], 'E_OPTION', /needs --model/],
    [['--model', model], 'E_OPTION', /needs --box/],
    [['--model', model, '--box', '0:1'], 'E_DATA_SHAPE', /1 ranges for a network with 2 inputs/],
    [['--model', model, '--box', '0:1,2:1'], 'E_OPTION', /lo > hi/],
    [['--model', model, '--box', '0:1,0:1', '--functions', 'add,foo'], 'E_FUNCTION', /foo/],
    [['--model', model, '--box', '0:1,0:1', '--bogus'], 'E_OPTION', /unknown option --bogus/],
  ])('bad input %j', async (argv, code, message) => {
    await expect(distillCmd(...argv)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
  test('--help', async () => {
    expect(await distillCmd('--help')).toBe(DISTILL_HELP);
  });
});
