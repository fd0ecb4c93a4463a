// The text forms of boxes and points used on the command line: `x0:1:5,x1:1:5` (a box, one
// `name:lo:hi` per input) and `m:2,a:3;m:4,a:1` (points separated by `;`, one `name:value` per
// input). Names are optional (`1:5,1:5`, `2,3`); given names become the variable names of the
// printed equations.
import { EqlensError } from '../errors.js';

export interface NamedBox { names: string[] | undefined; box: [number, number][] }
export interface NamedPoints { names: string[] | undefined; points: number[][] }

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * @example
 * parseBox('m:1:5,a:1:5'); // { names: ['m', 'a'], box: [[1, 5], [1, 5]] }
 */
export function parseBox(text: string, flag = '--box'): NamedBox {
  const entries = splitList(text, flag).map((entry) => {
    const parts = entry.split(':').map((s) => s.trim());
    if (parts.length !== 2 && parts.length !== 3) throw bad(flag, `"${entry}" is not name:lo:hi or lo:hi`);
    const [lo, hi] = parts.slice(-2).map((v) => num(v, flag, entry));
    if (lo > hi) throw bad(flag, `"${entry}" has lo > hi (${lo} > ${hi})`);
    return { name: parts.length === 3 ? parts[0] : undefined, range: [lo, hi] as [number, number] };
  });
  return { names: checkNames(entries.map((e) => e.name), flag), box: entries.map((e) => e.range) };
}

/**
 * @example
 * parsePoints('x:2;x:3');        // { names: ['x'], points: [[2], [3]] }
 * parsePoints('m:2,a:3;m:4,a:1'); // { names: ['m', 'a'], points: [[2, 3], [4, 1]] }
 */
export function parsePoints(text: string, flag = '--at'): NamedPoints {
  const groups = text.split(';').map((g) => g.trim()).filter((g) => g !== '');
  if (!groups.length) throw bad(flag, 'expected at least one point, e.g. x0:2 or x0:2;x0:3');
  let names: string[] | undefined;
  const points = groups.map((g, k) => {
    const entries = splitList(g, flag).map((entry) => {
      const parts = entry.split(':').map((s) => s.trim());
      if (parts.length > 2) throw bad(flag, `"${entry}" is not name:value or value`);
      return { name: parts.length === 2 ? parts[0] : undefined, value: num(parts.at(-1)!, flag, entry) };
    });
    const n = checkNames(entries.map((e) => e.name), flag);
    if (k === 0) names = n;
    else if (JSON.stringify(n) !== JSON.stringify(names)) throw bad(flag, `point ${k + 1} names its inputs ${JSON.stringify(n ?? [])}, point 1 ${JSON.stringify(names ?? [])}`);
    return entries.map((e) => e.value);
  });
  return { names, points };
}

/** The names of two specs must agree where both give them. */
export function mergeNames(flagA: string, a: string[] | undefined, flagB: string, b: string[] | undefined): string[] | undefined {
  if (a && b && JSON.stringify(a) !== JSON.stringify(b)) {
    throw new EqlensError('E_OPTION', `${flagA} names the inputs ${a.join(', ')} but ${flagB} names them ${b.join(', ')}`);
  }
  return a ?? b;
}

const bad = (flag: string, why: string) => new EqlensError('E_OPTION', `option ${flag}: ${why}`);

function splitList(text: string, flag: string): string[] {
  const entries = text.split(',').map((s) => s.trim());
  if (entries.some((e) => e === '')) throw bad(flag, `"${text}" has an empty entry`);
  return entries;
}

function num(v: string, flag: string, entry: string): number {
  const n = v === '' ? NaN : Number(v);
  if (!Number.isFinite(n)) throw bad(flag, `"${v}" in "${entry}" is not a finite number`);
  return n;
}

/**
 * All entries named or none. A name of the form x<k> must sit at position k: `x1:…,x0:…`
 * would otherwise silently swap the inputs.
 */
function checkNames(names: (string | undefined)[], flag: string): string[] | undefined {
  if (names.every((n) => n === undefined)) return undefined;
  if (names.some((n) => n === undefined)) throw bad(flag, 'name every input or none');
  const list = names as string[];
  list.forEach((n, i) => {
    if (!IDENT.test(n)) throw bad(flag, `"${n}" is not a variable name (letters, digits, _)`);
    const m = /^x(\d+)$/.exec(n);
    if (m && Number(m[1]) !== i) throw bad(flag, `${n} is input ${i}: list the inputs in order (x0, x1, …)`);
  });
  if (new Set(list).size !== list.length) throw bad(flag, `names an input twice: ${list.join(', ')}`);
  return list;
}
