// A small strict argument parser: every flag is declared; unknown flags and missing values
// are EqlensErrors (E_OPTION), never silently ignored.
import { EqlensError } from '../errors.js';

export interface FlagSpec {
  [name: string]: 'string' | 'number' | 'boolean';
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new EqlensError('E_OPTION', `unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const kind = spec[name];
    if (!kind) throw new EqlensError('E_OPTION', `unknown option --${name}; known: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (kind === 'boolean') { out[name] = true; continue; }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new EqlensError('E_OPTION', `option --${name} needs a value`);
    }
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new EqlensError('E_OPTION', `option --${name}: "${value}" is not a number`);
      out[name] = n;
    } else out[name] = value;
  }
  return out;
}
