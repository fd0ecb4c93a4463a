// The function registry: one entry per CGP function with its WASM code, arity, complexity
// weight, scalar reference semantics, derivative rule and printable (mathjs) form.
// Codes must equal assembly/engine/functions.ts; tests/cgp/functions.test.ts checks them.
import { EqlensError } from '../errors.js';

export const FUNCTION_NAMES = [
  'add', 'sub', 'mul', 'div', 'neg', 'square', 'sqrt', 'exp', 'ln', 'sin', 'cos', 'tan',
  'tanh', 'sigmoid', 'abs', 'pow',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface FunctionSpec {
  readonly name: FunctionName;
  readonly code: number;
  readonly arity: 1 | 2;
  /** Complexity weight of one node (leaves count 1 each). */
  readonly complexity: number;
  /** Plain IEEE semantics, in f64 (callers round to f32). */
  readonly apply: (a: number, b: number) => number;
  /** Protected semantics (option `protectedOps`). */
  readonly applyProtected: (a: number, b: number) => number;
  /** ∂f/∂a and ∂f/∂b at (a, b); forward-mode rule for dual numbers. */
  readonly derivative: (a: number, b: number) => [number, number];
  /** mathjs expression text, with `A` and `B` for the arguments. */
  readonly template: string;
}

/** Beyond 2^24 an f32 has no fractional bits: sin/cos/tan are NaN there (as in WASM). */
const TRIG_LIMIT = 16777216;
const trig = (f: (a: number) => number) => (a: number) => (Math.abs(a) >= TRIG_LIMIT ? NaN : f(a));

const sig = (a: number) => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

const spec = (name: FunctionName, arity: 1 | 2, template: string, apply: (a: number, b: number) => number,
  derivative: (a: number, b: number) => [number, number], applyProtected = apply): FunctionSpec =>
  ({ name, code: FUNCTION_NAMES.indexOf(name), arity, complexity: 1, apply, applyProtected, derivative, template });

const REGISTRY: readonly FunctionSpec[] = [
  spec('add', 2, 'A + B', (a, b) => a + b, () => [1, 1]),
  spec('sub', 2, 'A - B', (a, b) => a - b, () => [1, -1]),
  spec('mul', 2, 'A * B', (a, b) => a * b, (a, b) => [b, a]),
  spec('div', 2, 'A / B', (a, b) => a / b, (a, b) => [1 / b, -a / (b * b)], (a, b) => (b === 0 ? 1 : a / b)),
  spec('neg', 1, '-A', (a) => -a, () => [-1, 0]),
  spec('square', 1, 'A ^ 2', (a) => a * a, (a) => [2 * a, 0]),
  spec('sqrt', 1, 'sqrt(A)', (a) => Math.sqrt(a), (a) => [0.5 / Math.sqrt(a), 0], (a) => Math.sqrt(Math.abs(a))),
  spec('exp', 1, 'exp(A)', (a) => Math.exp(a), (a) => [Math.exp(a), 0]),
  spec('ln', 1, 'log(A)', (a) => Math.log(a), (a) => [1 / a, 0], (a) => Math.log(Math.abs(a))),
  spec('sin', 1, 'sin(A)', trig(Math.sin), (a) => [Math.cos(a), 0]),
  spec('cos', 1, 'cos(A)', trig(Math.cos), (a) => [-Math.sin(a), 0]),
  spec('tan', 1, 'tan(A)', trig(Math.tan), (a) => [1 / (Math.cos(a) ** 2), 0]),
  spec('tanh', 1, 'tanh(A)', (a) => Math.tanh(a), (a) => [1 - Math.tanh(a) ** 2, 0]),
  spec('sigmoid', 1, '1 / (1 + exp(-(A)))', sig, (a) => [sig(a) * (1 - sig(a)), 0]),
  spec('abs', 1, 'abs(A)', (a) => Math.abs(a), (a) => [Math.sign(a), 0]),
  spec('pow', 2, 'A ^ B', (a, b) => (b === 0 ? 1 : Math.pow(a, b)),
    (a, b) => [b * Math.pow(a, b - 1), Math.pow(a, b) * Math.log(a)],
    (a, b) => (b === 0 ? 1 : Math.pow(Math.abs(a), b))),
];

/** Every registered function, indexed by code. */
export const FUNCTIONS: readonly FunctionSpec[] = REGISTRY;

/** The default function set (METHODS §1: add sub mul div sqrt square ln sin cos tan exp neg). */
export const DEFAULT_FUNCTIONS: readonly FunctionName[] =
  ['add', 'sub', 'mul', 'div', 'neg', 'square', 'sqrt', 'exp', 'ln', 'sin', 'cos', 'tan'];

export function functionByName(name: string): FunctionSpec {
  const f = REGISTRY.find((s) => s.name === name);
  if (!f) {
    throw new EqlensError('E_FUNCTION', `unknown function "${name}"; known: ${FUNCTION_NAMES.join(', ')}`);
  }
  return f;
}

export function functionByCode(code: number): FunctionSpec {
  const f = REGISTRY[code];
  if (!f) throw new EqlensError('E_FUNCTION', `unknown function code ${code}`);
  return f;
}

/** Complexity weights by code, as the WASM engine wants them. */
export function weightsByCode(overrides: Partial<Record<FunctionName, number>> = {}): number[] {
  return REGISTRY.map((f) => overrides[f.name] ?? f.complexity);
}
