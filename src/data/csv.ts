// CSV/TSV reading with csv-parse (a well-kept parser that handles quoting and CRLF), into a
// numeric table. Errors name the file, line and column at fault.
import { parse } from 'csv-parse/sync';
import { EqlensError } from '../errors.js';

export interface Table {
  /** Column names (from the header row, or c0, c1, … when there is none). */
  names: string[];
  /** Rows of numbers (a categorical column holds the index into its category list). */
  rows: number[][];
  /** Category lists of categorical columns, sorted, by column name. */
  categories?: Record<string, string[]>;
}

export interface CsvOptions {
  /** Field delimiter. Default: tab when the first line has tabs and no commas, else comma. */
  delimiter?: string;
  /** Whether the first row is a header. Default: detected (any non-numeric cell). */
  header?: boolean;
  /** Name used in error messages. */
  source?: string;
  /**
   * Columns read as categories (their values label-encoded in sorted order): a list of names,
   * or 'auto' for every column that has a non-numeric cell. Default: none (text is an error).
   */
  categorical?: 'auto' | readonly string[];
}

const isNumeric = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/** Parses CSV/TSV text into a numeric table. */
export function parseCsv(text: string, options: CsvOptions = {}): Table {
  const source = options.source ?? 'CSV input';
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = options.delimiter ?? (firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',');
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new EqlensError('E_CSV', `${source}: ${err.lines ? `line ${err.lines}: ` : ''}${err.message}`);
  }
  if (records.length === 0) throw new EqlensError('E_DATA_EMPTY', `${source} has no rows`);
  const header = options.header ?? !records[0].every(isNumeric);
  const names = header ? records[0].map((s) => s.trim()) : records[0].map((_, i) => `c${i}`);
  const body = header ? records.slice(1) : records;
  if (body.length === 0) throw new EqlensError('E_DATA_EMPTY', `${source} has a header but no data rows`);
  const wanted = options.categorical;
  if (Array.isArray(wanted)) {
    for (const n of wanted) if (!names.includes(n)) throw new EqlensError('E_CSV_COLUMN', `${source} has no column "${n}" (named as categorical); columns are: ${names.join(', ')}`);
  }
  const isCategorical = names.map((n, c) => (wanted === 'auto' ? body.some((rec) => !isNumeric(rec[c])) : (wanted ?? []).includes(n)));
  const categories: Record<string, string[]> = {};
  const index = names.map((n, c) => {
    if (!isCategorical[c]) return undefined;
    const cats = [...new Set(body.map((rec) => rec[c]))].sort();
    categories[n] = cats;
    return new Map(cats.map((v, i) => [v, i]));
  });
  const rows = body.map((rec, r) => rec.map((cell, c) => {
    const idx = index[c];
    if (idx) return idx.get(cell)!;
    if (!isNumeric(cell)) {
      throw new EqlensError('E_DATA_VALUE', `${source}: line ${r + (header ? 2 : 1)}, column ${c + 1} (${names[c]}): "${cell}" is not a number (read text columns with the categorical option)`);
    }
    return Number(cell);
  }));
  return Object.keys(categories).length ? { names, rows, categories } : { names, rows };
}

/** Reads a CSV/TSV file (optionally .gz) from disk (Node). */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<Table> {
  const fs = await import('node:fs/promises');
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read ${path}: ${(e as Error).message}`);
  }
  if (path.endsWith('.gz')) {
    const { gunzipSync } = await import('node:zlib');
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new EqlensError('E_CSV', `${path}: not valid gzip (${(e as Error).message})`);
    }
  }
  const delimiter = options.delimiter ?? (/\.tsv(\.gz)?$/.test(path) ? '\t' : undefined);
  return parseCsv(bytes.toString('utf8'), { ...options, delimiter, source: path });
}

/**
 * Splits a table into X (all other columns) and y (the named target column). Categorical
 * feature columns become one-hot columns named `column=value`; a categorical target stays a
 * class index (its labels are `classes`).
 */
export function splitTarget(table: Table, target: string, source = 'the table'): { X: number[][]; y: number[]; names: string[]; classes?: string[] } {
  const t = table.names.indexOf(target);
  if (t < 0) {
    throw new EqlensError('E_CSV_COLUMN', `${source} has no column "${target}"; columns are: ${table.names.join(', ')}`);
  }
  const cats = table.categories ?? {};
  const features = table.names.map((n, i) => ({ n, i })).filter(({ i }) => i !== t);
  const names = features.flatMap(({ n }) => (cats[n] ? cats[n].map((v) => `${n}=${v}`) : [n]));
  const X = table.rows.map((r) => features.flatMap(({ n, i }) => (cats[n] ? cats[n].map((_, k) => (r[i] === k ? 1 : 0)) : [r[i]])));
  const classes = cats[target];
  return { X, y: table.rows.map((r) => r[t]), names, ...(classes && { classes }) };
}
