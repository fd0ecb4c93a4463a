// `eqlens energy` on a sequence file and on a categorical table, text and --json.
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnergy } from '../../../src/cli/energy.js';
import { main } from '../../../src/cli/main.js';
import { fails } from '../../helpers.js';
import { plantedNetwork, randomPlanted, randomStates } from './networks.js';

const dir = mkdtempSync(join(tmpdir(), 'eqlens-energy-'));
const ALPHABET = 'ACGT-';
const planted = randomPlanted([5, 5, 5, 5, 5, 5], [[0, 3], [1, 5]], 2);
const model = join(dir, 'net.json');
writeFileSync(model, JSON.stringify(plantedNetwork(planted).toJSON()));
const seqs = randomStates(planted.q, 120, 4).map((x) => Array.from(x, (a) => ALPHABET[a]).join(''));
const seqFile = join(dir, 'seqs.csv');
writeFileSync(seqFile, `sequence,label\n${seqs.map((s, k) => `${s},${k % 2}`).join('\n')}\n`);

describe('eqlens energy', () => {
  test('--report writes one self-contained HTML file with the coupling-norm heatmap', async () => {
    const { readFileSync } = await import('node:fs');
    const file = join(dir, 'energy.html');
    await runEnergy(['--model', model, '--data', seqFile, '--alphabet', ALPHABET, '--report', file], () => {});
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/coupling norms/);
    expect(html).not.toMatch(/<script src=|<link [^>]*href="http/);
  });

  test('sequences: the planted pairs come first; R² = 1 at order 2', async () => {
    const lines: string[] = [];
    await runEnergy(['--model', model, '--data', seqFile, '--alphabet', ALPHABET, '--top', '3'], (s) => lines.push(s));
    const text = lines.join('\n');
    expect(text).toMatch(/6 positions, 5 states, order 2, reference, zero-sum gauge; 406 forward passes/);
    expect(text).toMatch(/on 120 rows of .*seqs\.csv: order 1 0\.\d+, order 2 1\.0000/);
    const pairRows = lines.slice(lines.findIndex((l) => l.startsWith('i ')) + 1).slice(0, 2).map((l) => l.split(/\s+/).slice(0, 2).join(','));
    expect(pairRows.sort()).toEqual(['0,3', '1,5']);
  });

  test('--json prints the expansion; --order 1 has no couplings', async () => {
    const lines: string[] = [];
    await runEnergy(['--model', model, '--data', seqFile, '--alphabet', ALPHABET, '--order', '1', '--json'], (s) => lines.push(s));
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.order).toBe(1);
    expect(j.couplings).toEqual([]);
    expect(j.stateNames[0]).toEqual([...ALPHABET]);
    expect(j.fit.samples).toBe(120);
  });

  test('a categorical table with a target column', async () => {
    const q = [3, 2, 4];
    const p = randomPlanted(q, [[0, 2]], 5);
    const m = join(dir, 'table.json');
    writeFileSync(m, JSON.stringify(plantedNetwork(p).toJSON()));
    const names = [['lo', 'mid', 'hi'], ['no', 'yes'], ['a', 'b', 'c', 'd']];
    const rows = randomStates(q, 60, 1).map((x) => `${Array.from(x, (a, i) => names[i][a]).join(',')},1`);
    const f = join(dir, 'table.csv');
    writeFileSync(f, `size,flag,kind,y\n${rows.join('\n')}\n`);
    const lines: string[] = [];
    await runEnergy(['--model', m, '--data', f, '--target', 'y', '--json'], (s) => lines.push(s));
    const j = JSON.parse(lines[0]);
    expect(j.positionNames).toEqual(['size', 'flag', 'kind']);
    expect(j.stateNames).toEqual([['hi', 'lo', 'mid'], ['no', 'yes'], ['a', 'b', 'c', 'd']]);
    expect(j.pairs[0].names).toEqual(['size', 'kind']);
    expect(j.fit.order2).toBeCloseTo(1, 6);
  });

  test('bad input: an unknown symbol, a missing option; main exits 2', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${seqs[0]}\n${seqs[1].slice(0, 3)}X${seqs[1].slice(4)}\n`);
    await fails(runEnergy(['--model', model, '--data', bad, '--alphabet', ALPHABET], () => {}), 'E_DATA_VALUE', /sequence 1, position 3: "X" is not in the alphabet/);
    await fails(runEnergy(['--model', model], () => {}), 'E_OPTION', /needs --data/);
    const err = process.stderr.write;
    process.stderr.write = () => true;
    try { expect(await main(['energy', '--model', model, '--data', bad, '--alphabet', 'ACG'], () => {})).toBe(2); } finally { process.stderr.write = err; }
  });
});
