import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EqlensError } from '../../src/index.js';
import { parseCsv, readCsv, splitTarget } from '../../src/data/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'eqlens-csv-'));
const code = (f: () => unknown) => { try { f(); } catch (e) { return [(e as EqlensError).code, (e as Error).message]; } return null; };

describe('CSV reading', () => {
  test('header, quoting, CRLF and TSV', async () => {
    expect(parseCsv('a,"b"\r\n1,2\r\n3,4\r\n')).toEqual({ names: ['a', 'b'], rows: [[1, 2], [3, 4]] });
    expect(parseCsv('1\t2\n3\t4\n')).toEqual({ names: ['c0', 'c1'], rows: [[1, 2], [3, 4]] });
    const p = join(dir, 't.tsv.gz');
    writeFileSync(p, gzipSync('x\ty\n1\t2\n'));
    expect(await readCsv(p)).toEqual({ names: ['x', 'y'], rows: [[1, 2]] });
  });
  test('a non-number names line and column', () => {
    expect(code(() => parseCsv('a,b\n1,2\n3,oops\n', { source: 'f.csv' }))).toEqual(['E_DATA_VALUE', 'f.csv: line 3, column 2 (b): "oops" is not a number (read text columns with the categorical option)']);
  });
  test('ragged lines', () => {
    const [c, m] = code(() => parseCsv('a,b\n1,2\n3\n'))!;
    expect(c).toBe('E_CSV');
    expect(m).toMatch(/line 3/);
  });
  test('empty file and header only', () => {
    expect(code(() => parseCsv(''))?.[0]).toBe('E_DATA_EMPTY');
    expect(code(() => parseCsv('a,b\n'))?.[0]).toBe('E_DATA_EMPTY');
  });
  test('missing target column lists the columns', () => {
    expect(code(() => splitTarget(parseCsv('a,b\n1,2\n'), 'y', 'd.csv'))).toEqual(['E_CSV_COLUMN', 'd.csv has no column "y"; columns are: a, b']);
  });
  test('missing file and broken gzip', async () => {
    await expect(readCsv(join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'E_IO' });
    const p = join(dir, 'bad.csv.gz');
    writeFileSync(p, 'not gzip');
    await expect(readCsv(p)).rejects.toMatchObject({ code: 'E_CSV' });
  });
});

describe('categorical columns', () => {
  const text = 'colour,size,label\nred,1.5,yes\nblue,2,no\nred,3,no\ngreen,0.5,yes\n';
  test('auto: text columns are label-encoded with their category lists kept', () => {
    const t = parseCsv(text, { categorical: 'auto' });
    expect(t.categories).toEqual({ colour: ['blue', 'green', 'red'], label: ['no', 'yes'] });
    expect(t.rows).toEqual([[2, 1.5, 1], [0, 2, 0], [2, 3, 0], [1, 0.5, 1]]);
  });
  test('splitTarget one-hot encodes categorical features and keeps a categorical target as class indices', () => {
    const s = splitTarget(parseCsv(text, { categorical: 'auto' }), 'label');
    expect(s.names).toEqual(['colour=blue', 'colour=green', 'colour=red', 'size']);
    expect(s.X[0]).toEqual([0, 0, 1, 1.5]);
    expect(s.X[3]).toEqual([0, 1, 0, 0.5]);
    expect(s.y).toEqual([1, 0, 0, 1]);
    expect(s.classes).toEqual(['no', 'yes']);
  });
  test('named categorical columns; text elsewhere still names line and column', () => {
    expect(parseCsv('a,b\n1,x\n2,y\n', { categorical: ['b'] }).categories).toEqual({ b: ['x', 'y'] });
    expect(code(() => parseCsv('a,b\n1,x\n2,y\n', { categorical: ['a'] }))?.[1]).toMatch(/line 2, column 2 \(b\): "x" is not a number/);
    expect(code(() => parseCsv('a,b\n1,2\n', { categorical: ['c'] }))?.[0]).toBe('E_CSV_COLUMN');
  });
});
