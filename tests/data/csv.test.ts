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
    expect(code(() => parseCsv('a,b\n1,2\n3,oops\n', { source: 'f.csv' }))).toEqual(['E_DATA_VALUE', 'f.csv: line 3, column 2 (b): "oops" is not a number']);
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
