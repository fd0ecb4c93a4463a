// Inputs, groups and output units for CD, validated once at the public boundary. Inputs stay in
// f64 (CD subtracts nearly equal numbers); every bad value is an EqlensError that names it.
import { EqlensError } from '../../errors.js';
import type { Matrix } from '../../data/matrix.js';

/** Feature indices (0-based) that are scored together. */
export type FeatureGroup = readonly number[];

export interface InputRows {
  /** Row-major rows × inputs. */
  data: Float64Array;
  rows: number;
}

const finite = Number.isFinite;

function isRow(x: unknown): x is ArrayLike<number> {
  return (ArrayBuffer.isView(x) && !(x instanceof DataView)) || (Array.isArray(x) && (x.length === 0 || typeof x[0] === 'number'));
}

/** One input (a list of numbers) or a matrix of inputs, as f64 rows of the network's width. */
export function inputRows(X: Matrix | ArrayLike<number>, inputs: number, what = 'X'): InputRows {
  if (X == null) throw new EqlensError('E_DATA_EMPTY', `${what} is missing`);
  let rows: readonly ArrayLike<number>[];
  if (isRow(X)) rows = [X];
  else if (typeof X === 'object' && 'shape' in X && 'data' in X) {
    const [n, c] = X.shape;
    if (X.data.length !== n * c) throw new EqlensError('E_DATA_SHAPE', `${what}.data has ${X.data.length} values, shape [${n}, ${c}] needs ${n * c}`);
    rows = Array.from({ length: n }, (_, r) => Array.prototype.slice.call(X.data, r * c, (r + 1) * c) as number[]);
  } else rows = X as readonly ArrayLike<number>[];
  if (!Array.isArray(rows) || rows.length === 0) throw new EqlensError('E_DATA_EMPTY', `${what} has no rows`);
  const data = new Float64Array(rows.length * inputs);
  rows.forEach((row, r) => {
    if (row == null || row.length !== inputs) {
      throw new EqlensError('E_DATA_SHAPE', `${what}: row ${r} has ${row?.length ?? 0} values; the network takes ${inputs} inputs`);
    }
    for (let i = 0; i < inputs; i++) {
      const v = row[i];
      if (typeof v !== 'number' || !finite(v)) throw new EqlensError('E_DATA_VALUE', `${what} has a non-finite value (${v}) at row ${r}, column ${i}`);
      data[r * inputs + i] = v;
    }
  });
  return { data, rows: rows.length };
}

/** Checks groups of feature indices: non-empty, integers in [0, inputs), no feature twice in a group. */
export function checkGroups(groups: unknown, inputs: number, option = 'groups'): Int32Array[] {
  if (!Array.isArray(groups)) throw new EqlensError('E_OPTION', `option ${option}: expected a list of feature groups such as [[0, 1], [2]], got ${JSON.stringify(groups)}`);
  if (groups.length === 0) throw new EqlensError('E_OPTION', `option ${option}: the list of groups is empty`);
  return groups.map((g, k) => checkGroup(g, inputs, `${option}[${k}]`));
}

export function checkGroup(group: unknown, inputs: number, option: string): Int32Array {
  if (!Array.isArray(group)) throw new EqlensError('E_OPTION', `option ${option}: a group is a list of feature indices, got ${JSON.stringify(group)}`);
  if (group.length === 0) throw new EqlensError('E_OPTION', `option ${option}: the group is empty; a group names at least one feature`);
  const seen = new Set<number>();
  for (const f of group) {
    if (!Number.isInteger(f) || f < 0 || f >= inputs) {
      throw new EqlensError('E_OPTION', `option ${option}: feature ${JSON.stringify(f)} does not exist; the network has ${inputs} inputs (features 0 to ${inputs - 1})`);
    }
    if (seen.has(f)) throw new EqlensError('E_OPTION', `option ${option}: feature ${f} is named twice`);
    seen.add(f);
  }
  return Int32Array.from(group as number[]);
}

/** An output unit index of the network (for a softmax classifier: a class). */
export function checkOutput(output: unknown, outputs: number, option = 'output'): number {
  if (!Number.isInteger(output) || (output as number) < 0 || (output as number) >= outputs) {
    throw new EqlensError('E_OPTION', `option ${option}: expected an output unit 0 to ${outputs - 1}, got ${JSON.stringify(output)}`);
  }
  return output as number;
}

/** Rejects option names that are not in `known` (a typo must not be silently ignored). */
export function checkKnown(options: object, known: readonly string[], what: string): void {
  if (options == null || typeof options !== 'object') throw new EqlensError('E_OPTION', `${what}: options must be an object, got ${JSON.stringify(options)}`);
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new EqlensError('E_OPTION', `${what}: unknown option ${k}; known: ${known.join(', ')}`);
  }
}
