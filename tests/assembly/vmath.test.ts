// The f32x4 transcendental approximations against Math.* (f64) at ≥ 100,000 points each,
// on the domains documented in assembly/engine/vmath.ts, plus special values.
import { describe, expect, test } from '@jest/globals';
import { createEngine, type WasmEngine } from '../../bindings/engine.js';
import { functionByName, weightsByCode } from '../../src/cgp/functions.js';
import { Rng } from '../../src/cgp/rng.js';

let engine: WasmEngine;
const N = 100_000;

async function setup() {
  engine ??= await createEngine();
  engine.setGeometry({ inputs: 1, constants: 0, rows: 1, cols: 1, levelsBack: 1, outputs: 1 }, [0], weightsByCode());
  return engine;
}

/** Applies function `name` in WASM to a and b (same length, a multiple of 8). */
function apply(name: string, a: Float32Array, b = a): Float32Array {
  const n = a.length;
  const pa = engine.alloc(4 * n), pb = engine.alloc(4 * n), po = engine.alloc(4 * n);
  engine.f32.set(a, pa >> 2);
  engine.f32.set(b, pb >> 2);
  engine.raw.applyArray(functionByName(name).code, pa, pb, po, n);
  const out = engine.f32.slice(po >> 2, (po >> 2) + n);
  [pa, pb, po].forEach((p) => engine.free(p));
  return out;
}

function points(lo: number, hi: number, seed: number, log = false): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: N }, () => {
    const u = rng.uniform();
    return log ? Math.sign(hi) * Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
  });
}

function maxRelError(got: Float32Array, x: Float32Array, ref: (v: number) => number, y?: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const r = y ? (ref as unknown as (a: number, b: number) => number)(x[i], y[i]) : ref(x[i]);
    if (r === 0) { worst = Math.max(worst, Math.abs(got[i])); continue; }
    worst = Math.max(worst, Math.abs(got[i] - r) / Math.abs(r));
  }
  return worst;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('vector math: max relative error ≤ 1e-5 on documented domains', () => {
  const cases: [string, (v: number) => number, [number, number, boolean?][]][] = [
    ['exp', Math.exp, [[-87, 88.7], [-1, 1]]],
    ['ln', Math.log, [[1e-37, 3e38, true], [0.5, 2]]],
    ['sin', Math.sin, [[-8192, 8192], [-Math.PI, Math.PI], [1e-20, 1, true]]],
    ['cos', Math.cos, [[-8192, 8192], [-Math.PI, Math.PI]]],
    ['tan', Math.tan, [[-8192, 8192], [-1.5, 1.5]]],
    ['tanh', Math.tanh, [[-20, 20], [-0.7, 0.7], [1e-20, 1, true]]],
    ['sigmoid', sigmoid, [[-87, 87], [-5, 5]]],
  ];
  for (const [name, ref, domains] of cases) {
    test(`${name} on ${domains.map((d) => `[${d[0]}, ${d[1]}]`).join(', ')}`, async () => {
      await setup();
      domains.forEach(([lo, hi, log], i) => {
        const x = points(lo, hi, 100 + i, log);
        const err = maxRelError(apply(name, x), x, ref);
        expect(err).toBeLessThanOrEqual(1e-5);
      });
    });
  }

  test('pow(x, y) for x in [1e-3, 1e3], |y·ln x| ≤ 40, and negative x with integer y', async () => {
    await setup();
    const rng = new Rng(5);
    const x = new Float32Array(N), y = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      x[i] = Math.exp(-6.9 + 13.8 * rng.uniform());
      y[i] = (-40 + 80 * rng.uniform()) / Math.max(Math.abs(Math.log(x[i])), 1);
    }
    expect(maxRelError(apply('pow', x, y), x, Math.pow as never, y)).toBeLessThanOrEqual(1e-5);
    const xn = Float32Array.from({ length: 8 }, (_, i) => -1.5 - i);
    const yi = Float32Array.from([2, 3, -1, -2, 0, 5, 1, 4]);
    const got = apply('pow', xn, yi);
    got.forEach((v, i) => expect(Math.abs(v / Math.pow(xn[i], yi[i]) - 1)).toBeLessThanOrEqual(1e-5));
    expect(Array.from(apply('pow', Float32Array.from([-2, -2, -2, -2, 0, 0, 0, 0]), Float32Array.from([0.5, 1.5, 0, NaN, 2, -1, 0, 3]))))
      .toEqual([NaN, NaN, 1, NaN, 0, Infinity, 1, 0]);
  });
});

test('sin, cos, tan stay bounded between 8192 and 2^24', async () => {
  await setup();
  const x = points(8192, 16777000, 77);
  for (const f of ['sin', 'cos']) expect(apply(f, x).every((v) => Math.abs(v) <= 1.0000001)).toBe(true);
});

describe('special values', () => {
  const specials = Float32Array.from([0, -0, Infinity, -Infinity, NaN, -1, 1e-45, 1e38]);
  const tiny = Math.fround(1e-45), big = Math.fround(1e38); // what the f32 inputs really are
  test.each([
    ['exp', [1, 1, Infinity, 0, NaN, Math.exp(-1), 1, Infinity]],
    ['ln', [-Infinity, -Infinity, Infinity, NaN, NaN, NaN, Math.log(tiny), Math.log(big)]],
    ['sin', [0, -0, NaN, NaN, NaN, Math.sin(-1), tiny, NaN]],
    ['cos', [1, 1, NaN, NaN, NaN, Math.cos(-1), 1, NaN]],
    ['tanh', [0, -0, 1, -1, NaN, Math.tanh(-1), tiny, 1]],
    ['sigmoid', [0.5, 0.5, 1, 0, NaN, sigmoid(-1), 0.5, 1]],
    ['sqrt', [0, -0, Infinity, NaN, NaN, NaN, Math.sqrt(tiny), Math.sqrt(big)]],
  ] as [string, number[]][])('%s', async (name, expected) => {
    await setup();
    const got = apply(name, specials);
    expected.forEach((e, i) => {
      if (Number.isNaN(e)) expect(got[i]).toBeNaN();
      else if (!Number.isFinite(e)) expect(got[i]).toBe(e);
      else if (e === 0) expect(Math.abs(got[i])).toBe(0);
      else expect(Math.abs(got[i] - e) / Math.abs(e)).toBeLessThanOrEqual(1e-5);
    });
  });
});

test('sin, cos, exp of sin or cos values: the unit kernels give the general kernels\' bits', async () => {
  // The evaluator gives a sin, cos or exp node that reads a sin or cos node kernels without range
  // reduction or rare-input checks (vmath.ts, sinBlockUnit …); their inputs are sin or cos values,
  // NaNs with any payload and sign, ±0, ±(1 + 2^−23) and tiny values.
  await setup();
  const rng = new Rng(11);
  const n = 1 << 16;
  const x = Float32Array.from({ length: n }, (_, i) => {
    const u = rng.uniform() - 0.5;
    return [u * 20, u * 2e4, u * 1e-6, Math.PI / 2 + u * 1e-5, (i % 50 + 0.5) * Math.PI + u * 1e-4][i % 5];
  });
  const values = new Float32Array(2 * n);
  values.set(apply('sin', x), 0);
  values.set(apply('cos', x), n);
  const bits = new Uint32Array(values.buffer);
  const salt = [0x7fc00000, 0xffc00000, 0x7fc00001, 0xffffffff, 0x7fffffff, 0x00000000, 0x80000000,
    0x3f800000, 0xbf800000, 0x3f800001, 0xbf800001, 0x00000001, 0x80000001, 0x334a0000];
  for (let i = 0; i < bits.length; i += 37) bits[i] = salt[(i / 37) % salt.length];
  const m = values.length;
  const pa = engine.alloc(4 * m), po = engine.alloc(4 * m);
  engine.f32.set(values, pa >> 2);
  for (const name of ['sin', 'cos', 'exp']) {
    engine.raw.applyArrayUnit(functionByName(name).code, pa, po, m);
    const unit = new Uint32Array(engine.f32.slice(po >> 2, (po >> 2) + m).buffer);
    const general = new Uint32Array(apply(name, values).buffer);
    let diff = 0;
    for (let i = 0; i < m; i++) if (unit[i] !== general[i]) diff++;
    expect(diff).toBe(0);
  }
  engine.free(pa); engine.free(po);
});
