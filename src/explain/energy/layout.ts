// Which one-hot column is which: L positions, q_i states each (uniform for sequences, one per
// categorical column for tables), column offset_i + a for state a at position i. Also turns the
// user's inputs (symbol strings, state indices) into checked state-index rows.
import { EqlensError } from '../../errors.js';
import { encodeSequences } from '../../data/potts.js';

export interface Layout {
  /** Number of positions L. */
  L: number;
  /** States per position q_i. */
  q: number[];
  /** First one-hot column of each position (offsets[L] = total width). */
  offsets: number[];
  /** Position of each one-hot column. */
  groupOf: Int32Array;
  positionNames: string[];
  stateNames: string[][];
  /** Set for symbol sequences: strings are read with it. */
  alphabet?: string;
}

export interface LayoutOptions {
  positions?: number;
  states?: number | readonly number[];
  categories?: readonly (readonly string[])[];
  alphabet?: string;
  positionNames?: readonly string[];
}

const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

/** Resolves positions and states against the network's input width (which must match exactly). */
export function resolveLayout(o: LayoutOptions, inputs: number): Layout {
  let q: number[];
  let stateNames: string[][] | undefined;
  const given = [o.categories && 'categories', o.alphabet !== undefined && 'alphabet', o.states !== undefined && 'states'].filter(Boolean);
  if (given.length > 1) throw bad(String(given[1]), `give one of categories, alphabet or states (got ${given.join(' and ')})`);
  if (o.categories) {
    if (!Array.isArray(o.categories) || !o.categories.length) throw bad('categories', 'expected one list of state names per position');
    o.categories.forEach((c, i) => { if (!Array.isArray(c) || c.length < 2) throw bad('categories', `position ${i} has ${c?.length ?? 0} categories; at least 2 are needed`); });
    q = o.categories.map((c) => c.length);
    stateNames = o.categories.map((c) => c.map(String));
  } else if (o.states !== undefined && typeof o.states !== 'number') {
    q = [...o.states];
    q.forEach((v, i) => { if (!Number.isInteger(v) || v < 2) throw bad('states', `position ${i} has ${v} states; expected an integer ≥ 2`); });
  } else {
    const alphabet = o.alphabet;
    if (alphabet !== undefined && (typeof alphabet !== 'string' || new Set(alphabet).size !== alphabet.length || alphabet.length < 2)) {
      throw bad('alphabet', `expected at least 2 distinct symbols, got ${JSON.stringify(alphabet)}`);
    }
    const qq = alphabet !== undefined ? alphabet.length : o.states as number | undefined;
    if (qq === undefined) throw bad('states', 'give states (q), categories or alphabet');
    if (!Number.isInteger(qq) || qq < 2) throw bad('states', `expected an integer ≥ 2, got ${qq}`);
    const L = o.positions ?? inputs / qq;
    if (o.positions === undefined && !Number.isInteger(L)) {
      throw new EqlensError('E_DATA_SHAPE', `the network takes ${inputs} inputs, which is not a whole number of positions of q = ${qq} states`);
    }
    q = Array.from({ length: L }, () => qq);
    if (alphabet !== undefined) stateNames = q.map(() => [...alphabet]);
  }
  const L = q.length;
  if (o.positions !== undefined && (!Number.isInteger(o.positions) || o.positions < 1)) throw bad('positions', `expected a positive integer, got ${o.positions}`);
  if (o.positions !== undefined && o.positions !== L) throw bad('positions', `${o.positions}, but ${L} positions are described by states/categories`);
  const offsets = [0];
  for (const v of q) offsets.push(offsets.at(-1)! + v);
  const width = offsets[L];
  if (width !== inputs) {
    const uniform = q.every((v) => v === q[0]);
    throw new EqlensError('E_DATA_SHAPE', `${L} positions × ${uniform ? `${q[0]} states` : 'their states'} make ${width} one-hot inputs, but the network takes ${inputs}`);
  }
  const groupOf = new Int32Array(width);
  for (let i = 0; i < L; i++) groupOf.fill(i, offsets[i], offsets[i + 1]);
  if (o.positionNames && o.positionNames.length !== L) throw bad('positionNames', `has ${o.positionNames.length} names for ${L} positions`);
  return {
    L, q, offsets, groupOf,
    positionNames: o.positionNames ? [...o.positionNames] : Array.from({ length: L }, (_, i) => String(i)),
    stateNames: stateNames ?? q.map((v) => Array.from({ length: v }, (_, a) => String(a))),
    ...(o.alphabet !== undefined && { alphabet: o.alphabet }),
  };
}

/** One input: a symbol string (with an alphabet) or state indices. */
export type EnergyInput = string | ArrayLike<number>;

/**
 * Checked state-index rows. Strings need the alphabet; an unknown symbol names the sequence,
 * position and symbol; rows of the wrong length or with states out of range are errors.
 */
export function toStates(layout: Layout, rows: readonly EnergyInput[], what = 'data'): Int32Array[] {
  if (!Array.isArray(rows) || !rows.length) throw new EqlensError('E_DATA_EMPTY', `${what} has no sequences`);
  let out: Int32Array[];
  if (rows.every((r) => typeof r === 'string')) {
    if (layout.alphabet === undefined) throw new EqlensError('E_OPTION', `${what} holds strings; give the alphabet option to read them`);
    try {
      out = encodeSequences(rows as string[], layout.alphabet);
    } catch (e) {
      if (e instanceof EqlensError) throw new EqlensError(e.code, `${what}: ${e.message}`);
      throw e;
    }
  } else {
    out = rows.map((r, k) => {
      if (typeof r === 'string') throw new EqlensError('E_DATA_VALUE', `${what}: sequence ${k} is a string among rows of state indices`);
      return Int32Array.from({ length: r.length }, (_, i) => {
        const v = r[i];
        if (!Number.isInteger(v) || v < 0 || v >= (layout.q[i] ?? Infinity)) {
          throw new EqlensError('E_DATA_VALUE', `${what}: sequence ${k}, position ${i}: state ${v} is not one of 0..${(layout.q[i] ?? 0) - 1}`);
        }
        return v;
      });
    });
  }
  out.forEach((x, k) => {
    if (x.length !== layout.L) throw new EqlensError('E_DATA_SHAPE', `${what}: sequence ${k} has length ${x.length}; the network's input is ${layout.L} positions`);
  });
  return out;
}

/** The most frequent state at each position (ties: the lower index). */
export function consensus(layout: Layout, rows: readonly Int32Array[]): Int32Array {
  return Int32Array.from(layout.q, (q, i) => {
    const counts = new Int32Array(q);
    for (const x of rows) counts[x[i]]++;
    let best = 0;
    for (let a = 1; a < q; a++) if (counts[a] > counts[best]) best = a;
    return best;
  });
}
