// `eqlens attribute`: scores, groups, interactions and the hierarchy for one CSV row; bad input.
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAttribute } from '../../src/cli/attribute.js';
import { contextualDecomposition } from '../../src/explain/cd/scores.js';
import { fails, randomMlp } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'eqlens-attribute-'));
const mlp = randomMlp([4, 8, 3], ['relu', 'softmax'], 2);
const model = join(dir, 'model.json'), data = join(dir, 'data.csv');
writeFileSync(model, JSON.stringify(mlp.toJSON()));
writeFileSync(data, 'a,b,c,d,y\n0.5,1,-1,2,0\n1,2,3,4,1\n-1,0.5,0.25,1,2\n');

async function run(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAttribute(args, (s) => lines.push(s));
  return lines;
}

describe('eqlens attribute', () => {
  test('--json: features, groups, interactions and hierarchy for one row', async () => {
    const [line] = await run('--model', model, '--data', data, '--target', 'y', '--row', '1', '--groups', '0,1;c,d', '--interactions', '--hierarchy', '--json');
    const j = JSON.parse(line);
    const x = [1, 2, 3, 4];
    const cd = contextualDecomposition(mlp, x, { groups: [[0, 1], [2, 3]] });
    expect(j.row).toBe(1);
    expect(j.features).toHaveLength(4);
    expect(j.features[0].name).toBe('a');
    expect(j.groups[1]).toMatchObject({ features: [2, 3], names: ['c', 'd'] });
    expect(j.groups[1].score).toBeCloseTo(cd.score(0, 1, j.output), 10);
    expect(j.interactions.interactions).toHaveLength(4);
    expect(j.interactions.strongest.length).toBeGreaterThan(0);
    expect(j.hierarchy.root.features).toEqual([0, 1, 2, 3]);
    // Completeness: the features' joint score and the bias share make up the logit.
    const all = contextualDecomposition(mlp, x, { groups: [[0, 1, 2, 3]] });
    expect(all.score(0, 0, j.output) + j.biasShare).toBeCloseTo(j.logit, 10);
  });

  test('human-readable text by default', async () => {
    const text = (await run('--model', model, '--data', data, '--target', 'y', '--row', '0', '--interactions', '--top', '2', '--hierarchy', '--sequence')).join('\n');
    expect(text).toMatch(/row 0 of .*data.csv, output \d \(a class; scores at its logit\): logit/);
    expect(text).toMatch(/feature\s+value\s+CD score/);
    expect(text).toMatch(/strongest interactions/);
    expect(text).toMatch(/ACD hierarchy \(sequence/);
    expect(text).toMatch(/\{a, b, c, d\}/);
  });

  test('bad input', async () => {
    const base = ['--model', model, '--data', data, '--target', 'y'];
    await fails(run(...base, '--row', '3'), 'E_OPTION', /--row 3 is out of range: .* has 3 data rows \(0 to 2\)/);
    await fails(run(...base, '--row', '-1'), 'E_OPTION', /--row -1 is out of range/);
    await fails(run(...base, '--row', '0', '--groups', '0,7'), 'E_OPTION', /--groups\[0\]: feature 7 does not exist; the network has 4 inputs/);
    await fails(run(...base, '--row', '0', '--groups', '0;;1'), 'E_OPTION', /--groups: group 2 \(""\) is empty/);
    await fails(run(...base, '--row', '0', '--groups', 'zz'), 'E_OPTION', /no feature "zz"; features are 0 to 3 or the names a, b, c, d/);
    await fails(run(...base, '--row', '0', '--output', '3'), 'E_OPTION', /--output: expected an output unit 0 to 2, got 3/);
    await fails(run(...base, '--row', '0', '--sequence'), 'E_OPTION', /--sequence applies to --hierarchy/);
    await fails(run('--model', model, '--data', data, '--row', '0'), 'E_DATA_SHAPE', /has 5 input columns; the network takes 4 \(use --target/);
    await fails(run(...base), 'E_OPTION', /needs --row N/);
    await fails(run(...base, '--row', '0', '--bogus'), 'E_OPTION', /unknown option --bogus/);
  });
});
