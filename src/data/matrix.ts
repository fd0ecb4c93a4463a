// Validation and layout of user data: number[][] (rows) or a flat row-major Float32Array with
// a shape, turned into f32 columns (the layout the WASM evaluator wants).
import { EqlensError } from '../errors.js';

// A module binding, not a property lookup per cell: under jest's VM modules each
// `Number.isFinite` lookup costs ~1.5 µs, which made large predict calls 30× slower in tests.
const finite = Number.isFinite;

/** Input rows: an array of rows, or a row-major typed array with its shape. */
export type Matrix = readonly (readonly number[])[] | readonly Float32Array[] | { data: ArrayLike<number>; shape: [number, number] };

export interface Columns {
  columns: Float32Array[];
  rows: number;
}

const where = (r: number, c: number) => `row ${r}, column ${c}`;

/** Checks every value is finite and every row has the same length; returns f32 columns. */
export function toColumns(X: Matrix, what = 'X'): Columns {
  if (X == null) throw new EqlensError('E_DATA_EMPTY', `${what} is missing`);
  if (!Array.isArray(X) && typeof X === 'object' && 'shape' in X) {
    const [rows, cols] = X.shape;
    if (!(rows > 0 && cols > 0)) throw new EqlensError('E_DATA_EMPTY', `${what} has shape [${rows}, ${cols}]: no data`);
    if (X.data.length !== rows * cols) {
      throw new EqlensError('E_DATA_SHAPE', `${what}.data has ${X.data.length} values, shape [${rows}, ${cols}] needs ${rows * cols}`);
    }
    const columns = Array.from({ length: cols }, () => new Float32Array(rows));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = X.data[r * cols + c];
        if (!finite(v)) throw new EqlensError('E_DATA_VALUE', `${what} has a non-finite value (${v}) at ${where(r, c)}`);
        columns[c][r] = v;
      }
    }
    return { columns, rows };
  }
  const rowsArr = X as readonly ArrayLike<number>[];
  if (!Array.isArray(rowsArr) || rowsArr.length === 0) throw new EqlensError('E_DATA_EMPTY', `${what} has no rows`);
  const cols = rowsArr[0]?.length ?? 0;
  if (!(cols > 0)) throw new EqlensError('E_DATA_EMPTY', `${what} has no columns`);
  const rows = rowsArr.length;
  const columns = Array.from({ length: cols }, () => new Float32Array(rows));
  for (let r = 0; r < rows; r++) {
    const row = rowsArr[r];
    if (row == null || row.length !== cols) {
      throw new EqlensError('E_DATA_SHAPE', `${what} is ragged: row ${r} has ${row?.length ?? 0} values, row 0 has ${cols}`);
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !finite(v)) {
        throw new EqlensError('E_DATA_VALUE', `${what} has a non-finite value (${v}) at ${where(r, c)}`);
      }
      columns[c][r] = v;
    }
  }
  return { columns, rows };
}

/** Checks a target vector against the number of rows. */
export function toTarget(y: ArrayLike<number>, rows: number, what = 'y'): Float64Array {
  if (y == null || typeof y.length !== 'number') throw new EqlensError('E_DATA_EMPTY', `${what} is missing`);
  if (y.length !== rows) throw new EqlensError('E_DATA_SHAPE', `${what} has ${y.length} values but X has ${rows} rows`);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = y[r];
    if (typeof v !== 'number' || !finite(v)) throw new EqlensError('E_DATA_VALUE', `${what} has a non-finite value (${v}) at row ${r}`);
    out[r] = v;
  }
  return out;
}

/**
 * A flat row-major `{data, shape}` as f32 rows for the WASM forward pass, without building
 * columns (the pass gathers its own tiles and checks finiteness there); null for other forms.
 */
export function flatRows(X: Matrix, inputs: number, what = 'X'): { kind: 'rows'; data: Float32Array; rows: number; inputs: number } | null {
  if (X == null || Array.isArray(X) || typeof X !== 'object' || !('shape' in X)) return null;
  const [rows, cols] = X.shape;
  if (!(rows > 0 && cols > 0)) throw new EqlensError('E_DATA_EMPTY', `${what} has shape [${rows}, ${cols}]: no data`);
  if (X.data.length !== rows * cols) {
    throw new EqlensError('E_DATA_SHAPE', `${what}.data has ${X.data.length} values, shape [${rows}, ${cols}] needs ${rows * cols}`);
  }
  if (cols !== inputs) throw new EqlensError('E_DATA_SHAPE', `${what} has ${cols} columns; the network takes ${inputs} inputs`);
  const data = X.data instanceof Float32Array ? X.data : Float32Array.from(X.data);
  return { kind: 'rows', data, rows, inputs };
}
