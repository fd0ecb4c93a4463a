// Checks shared by the oracle methods: a box that fits the network, an output index, known
// option names. Each failure is an EqlensError naming the option at fault.
import { EqlensError } from '../errors.js';
import type { Box } from '../data/samplers.js';
import type { Mlp } from '../nn/mlp.js';

const bad = (name: string, why: string) => new EqlensError('E_OPTION', `option ${name}: ${why}`);

/** A list of finite [lo, hi] with lo ≤ hi, one per network input. */
export function checkBox(mlp: Mlp, box: unknown, name = 'box'): Box {
  if (!Array.isArray(box) || box.length === 0) throw bad(name, 'expected a non-empty list of [lo, hi] ranges, one per input');
  box.forEach((r: unknown, i) => {
    if (!Array.isArray(r) || r.length !== 2) throw bad(name, `${name}[${i}] is ${JSON.stringify(r)}, expected [lo, hi]`);
    const [lo, hi] = r as unknown[];
    if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw bad(name, `${name}[${i}] = [${String(lo)}, ${String(hi)}] is not a pair of finite numbers`);
    }
    if (lo > hi) throw bad(name, `${name}[${i}] = [${lo}, ${hi}] has lo > hi`);
  });
  if (box.length !== mlp.inputs) {
    throw new EqlensError('E_DATA_SHAPE', `option ${name}: ${box.length} ranges for a network with ${mlp.inputs} inputs`);
  }
  return box as Box;
}

/** An output unit index of the network. */
export function checkOutput(mlp: Mlp, output: unknown): number {
  if (typeof output !== 'number' || !Number.isInteger(output) || output < 0 || output >= mlp.outputs) {
    throw bad('output', `expected an output unit 0..${mlp.outputs - 1}, got ${String(output)}`);
  }
  return output;
}

export function checkInteger(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(name, `expected an integer in [${min}, ${max}], got ${String(v)}`);
  return v;
}

export function checkKnown(options: object, known: readonly string[]): void {
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw bad(k, `unknown option; known: ${[...known].sort().join(', ')}`);
  }
}

/** Names for the printed equations: one identifier per input. */
export function checkNames(mlp: Mlp, names: unknown): string[] {
  if (names === undefined) return Array.from({ length: mlp.inputs }, (_, i) => `x${i}`);
  if (!Array.isArray(names) || names.length !== mlp.inputs || !names.every((n) => typeof n === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) {
    throw bad('variableNames', `expected ${mlp.inputs} identifiers, got ${JSON.stringify(names)}`);
  }
  if (new Set(names).size !== names.length) throw bad('variableNames', `names a variable twice: ${JSON.stringify(names)}`);
  return [...names] as string[];
}
