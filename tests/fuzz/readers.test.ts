// Property-based fuzzing (fast-check) of every reader and parser: CSV/TSV(.gz), eqlens-mlp-v1
// and tfjs model JSON, equations read back from results, CLI options and whole command lines.
// The property is always the same: a reader returns a well-formed value or throws an
// EqlensError with a code — never another exception, a hang or a crash.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EqlensError } from '../../src/errors.js';
import { parseCsv, readCsv } from '../../src/data/csv.js';
import { Mlp } from '../../src/nn/mlp.js';
import { readModelFile } from '../../src/cli/model.js';
import { parseExpression } from '../../src/expr/parse.js';
import { parseArgs } from '../../src/cli/args.js';
import { parseBox, parsePoints } from '../../src/explain/spec.js';
import { main } from '../../src/cli/main.js';

const RUNS = Number(process.env.EQLENS_FUZZ_RUNS ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'eqlens-fuzz-'));

/** Runs `f`; a thrown non-EqlensError fails the property with the offending input shown. */
function total<T>(f: () => T): T | EqlensError {
  try {
    return f();
  } catch (e) {
    if (e instanceof EqlensError && typeof e.code === 'string' && e.message.length > 0) return e;
    throw e;
  }
}
async function totalAsync<T>(f: () => Promise<T>): Promise<T | EqlensError> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof EqlensError && typeof e.code === 'string' && e.message.length > 0) return e;
    throw e;
  }
}

// Cells that stress a numeric CSV reader: numbers, overflow, NaN spellings, quotes, delimiters.
const cell = fc.oneof(
  fc.double({ noNaN: false }).map(String), fc.integer().map(String),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-inf', '1e400', '0x1F', '"', '""', '"a,b"', ',', '\t', '\r', 'é', '1,5', '--1', '1e', '.'),
  fc.string({ maxLength: 6 }),
);
const csvText = fc.tuple(fc.array(fc.array(cell, { minLength: 0, maxLength: 5 }), { maxLength: 8 }), fc.constantFrom(',', '\t', ';'), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([rows, d, nl]) => rows.map((r) => r.join(d)).join(nl));

function checkTable(t: ReturnType<typeof parseCsv>) {
  expect(t.rows.length).toBeGreaterThan(0);
  for (const r of t.rows) {
    expect(r.length).toBe(t.names.length);
    for (const v of r) expect(Number.isFinite(v)).toBe(true);
  }
}

describe('fuzz: CSV/TSV', () => {
  test(`parseCsv on ${RUNS} structured and ${RUNS} arbitrary texts, plain and categorical`, () => {
    let tables = 0, errors = 0;
    const prop = (text: string, categorical: boolean) => {
      const r = total(() => parseCsv(text, categorical ? { categorical: 'auto' } : {}));
      if (r instanceof EqlensError) errors++; else { checkTable(r); tables++; }
    };
    fc.assert(fc.property(csvText, fc.boolean(), prop), { numRuns: RUNS, seed: 1 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.boolean(), prop), { numRuns: RUNS, seed: 2 });
    expect(tables).toBeGreaterThan(10); // both outcomes were exercised
    expect(errors).toBeGreaterThan(20);
  });

  test('readCsv on random bytes as .csv, .tsv and .gz (valid and corrupt gzip)', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), csvText, fc.constantFrom('csv', 'tsv', 'csv.gz', 'bad.gz'), async (bytes, text, ext) => {
      const file = join(dir, `f.${ext}`);
      writeFileSync(file, ext === 'csv.gz' ? gzipSync(Buffer.from(text)) : ext === 'bad.gz' ? Buffer.from(bytes) : Buffer.from(bytes));
      const r = await totalAsync(() => readCsv(file));
      if (!(r instanceof EqlensError)) checkTable(r);
    }), { numRuns: Math.ceil(RUNS / 2), seed: 3 });
  });
});

const validModel = {
  format: 'eqlens-mlp-v1',
  layers: [
    { weight: [[1, -2], [0.5, 0.25], [0, 1]], bias: [0, 0.1, -0.1], activation: 'tanh' },
    { weight: [[1, 2, 3]], bias: [0.5], activation: 'linear' },
  ],
};
/** The valid model with the value at one random path replaced by arbitrary JSON. */
const mutatedModel = fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([pick, value]) => {
  const doc = JSON.parse(JSON.stringify(validModel)) as Record<string, unknown>;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, Array.isArray(v) ? Number(k) : k]);
  };
  walk(doc, []);
  const path = paths[pick % paths.length];
  if (path.length === 0) return value;
  let parent: Record<string | number, unknown> = doc;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return doc;
});

describe('fuzz: network files', () => {
  test(`Mlp.fromJSON on ${RUNS} arbitrary JSON values and ${RUNS} single-point mutations of a valid model`, async () => {
    let models = 0;
    const prop = async (json: unknown) => {
      const r = total(() => Mlp.fromJSON(json));
      if (r instanceof EqlensError) { expect(r.code).toBe('E_MODEL'); return; }
      models++;
      const [y] = await r.predict([[0.3, -0.2]]);
      expect(Number.isFinite(y[0])).toBe(true);
    };
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), prop), { numRuns: RUNS, seed: 4 });
    await fc.assert(fc.asyncProperty(mutatedModel, prop), { numRuns: RUNS, seed: 5 });
    expect(models).toBeGreaterThan(0);
  });

  test('readModelFile on random text, truncated JSON and mutated tfjs model.json (weights missing or short)', async () => {
    const tfjs = (units: unknown, weights: unknown) => JSON.stringify({
      format: 'layers-model',
      modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { units, activation: 'relu', use_bias: true, batch_input_shape: [null, 2], name: 'd' } }] } },
      weightsManifest: [{ paths: ['w.bin'], weights }],
    });
    const weightSpec = fc.constantFrom<unknown>(
      [{ name: 'd/kernel', shape: [2, 3], dtype: 'float32' }, { name: 'd/bias', shape: [3], dtype: 'float32' }],
      [{ name: 'd/kernel', shape: [2, 3], dtype: 'int8' }], [], null, 'x', [{ name: 'd/kernel', shape: [-1, 3], dtype: 'float32' }],
    );
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 100 }),
        fc.nat({ max: 400 }).map((n) => JSON.stringify(validModel).slice(0, n)),
        fc.tuple(fc.oneof(fc.constant<unknown>(3), fc.jsonValue({ maxDepth: 1 })), weightSpec).map(([u, w]) => tfjs(u, w)),
      ),
      fc.uint8Array({ maxLength: 40 }),
      async (text, bin) => {
        const sub = mkdtempSync(join(dir, 'm-'));
        writeFileSync(join(sub, 'model.json'), text);
        if (bin.length) writeFileSync(join(sub, 'w.bin'), bin);
        const r = await totalAsync(() => readModelFile(join(sub, 'model.json')));
        if (r instanceof EqlensError) expect(['E_MODEL', 'E_IO']).toContain(r.code);
      }), { numRuns: Math.ceil(RUNS / 3), seed: 6 });
  }, 60_000);
});

describe('fuzz: equations read back from results', () => {
  const atoms = fc.constantFrom('x0', 'x1', '2', '0.5', 'pi', 'e', 'sin(', 'exp(', 'sqrt(', ')', '(', '+', '-', '*', '/', '^', ' ',
    'import', '=', 'f(x)=', '[1,2]', 'evaluate("1")', '5 cm', 'x2', ',', '!', '?', ':', 'a.b', '"s"', '1e999', 'NaN');
  test(`parseExpression on ${RUNS} token soups and ${RUNS} arbitrary strings`, () => {
    let parsed = 0;
    const prop = (text: string) => {
      const r = total(() => parseExpression(text, ['x0', 'x1']));
      if (r instanceof EqlensError) { expect(r.code).toBe('E_EXPRESSION'); return; }
      parsed++;
      const v = r.evaluate([0.7, -1.3]);
      expect(typeof v).toBe('number');
    };
    fc.assert(fc.property(fc.array(atoms, { maxLength: 12 }).map((a) => a.join('')), prop), { numRuns: RUNS, seed: 7 });
    fc.assert(fc.property(fc.string({ maxLength: 60 }), prop), { numRuns: RUNS, seed: 8 });
    expect(parsed).toBeGreaterThan(10);
  });

  test('equations eqlens prints are read back, and mathjs language features are refused', () => {
    expect(parseExpression('x0 ^ 2 + 2 * x1 ^ 2', ['x0', 'x1']).evaluate([1, 1])).toBe(3);
    expect(parseExpression('sin(x1 + x2) + x0 ^ 2', ['x0', 'x1', 'x2']).evaluate([0, 0, 0])).toBe(0);
    for (const [text, why] of [
      ['import({a: 1})', /not allowed/], ['a = 3', /not allowed/], ['x0 + y', /unknown variable "y"/], ['[1, 2]', /not allowed/],
      ['5 cm', /unknown variable "cm"|not allowed/], ['evaluate("1+1")', /not allowed/], ['', /empty/], ['x0 +', /cannot parse/],
      ['x0 > 1', /not allowed/], ['1e999 * x0', /not a finite number/],
    ] as [string, RegExp][]) {
      const r = total(() => parseExpression(text, ['x0']));
      expect(r).toBeInstanceOf(EqlensError);
      expect((r as EqlensError).message).toMatch(why);
    }
  });
});

describe('fuzz: CLI options and command lines', () => {
  const flag = fc.oneof(fc.constantFrom('--model', '--data', '--box', '--at', '--json', '--order', '--seed', '--', '-x', '--=', '--model='), fc.string({ maxLength: 8 }));
  test(`parseArgs, parseBox and parsePoints on ${RUNS} argument lists each`, () => {
    const spec = { model: 'string', order: 'number', json: 'boolean', seed: 'number' } as const;
    fc.assert(fc.property(fc.array(flag, { maxLength: 6 }), (argv) => {
      const r = total(() => parseArgs(argv, spec));
      if (!(r instanceof EqlensError)) {
        for (const [k, v] of Object.entries(r)) {
          expect(Object.keys(spec)).toContain(k);
          if (spec[k as keyof typeof spec] === 'number') expect(Number.isFinite(v)).toBe(true);
        }
      }
    }), { numRuns: RUNS, seed: 9 });
    const spec2 = fc.array(fc.constantFrom('x', ':', '1', '-2', '.5', ',', ';', 'a', ' ', 'e9', 'NaN', ':3'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(spec2, (text) => {
      const b = total(() => parseBox(text));
      if (!(b instanceof EqlensError)) for (const [lo, hi] of b.box) expect(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi).toBe(true);
      const p = total(() => parsePoints(text));
      if (!(p instanceof EqlensError)) for (const row of p.points) for (const v of row) expect(Number.isFinite(v)).toBe(true);
    }), { numRuns: RUNS, seed: 10 });
  });

  test('whole command lines end in exit code 0 or 2, never an uncaught exception', async () => {
    const model = join(dir, 'valid.json');
    writeFileSync(model, JSON.stringify(validModel));
    const cmd = fc.constantFrom('inspect', 'taylor', 'gradients', 'distill', 'srnet', 'sr', 'attribute', 'nonsense', '--help');
    const arg = fc.oneof(flag, fc.constantFrom(model, join(dir, 'missing.json'), '0', '1:2', 'x0:1', '-1', '1e9'));
    const quiet = () => {};
    await fc.assert(fc.asyncProperty(cmd, fc.array(arg, { maxLength: 5 }), async (c, rest) => {
      // Commands that would start a long search when the arguments happen to be valid get a
      // tiny budget; everything else runs as given.
      const budget = ['distill', 'sr', 'gradients', 'srnet'].includes(c) ? ['--generations', '10'] : [];
      const err = process.stderr.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      try {
        const code = await main([c, ...rest, ...budget], quiet);
        expect([0, 2]).toContain(code);
      } finally {
        process.stderr.write = err;
      }
    }), { numRuns: Math.ceil(RUNS / 3), seed: 11 });
  }, 120_000);
});
