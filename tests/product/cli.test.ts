// `eqlens demo` (the --fast smoke run: every step, the report, Ctrl-C) and the CLI's --json
// outputs checked against docs/schemas/*.json.
import { describe, expect, test } from '@jest/globals';
import { readFileSync, mkdtempSync, existsSync, readFileSync as read } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { main } from '../../src/cli/main.js';
import { runDemoSteps } from '../../src/cli/demo.js';
import { math } from '../../src/expr/math.js';

const ajv = new Ajv2020({ strict: false });
for (const k of ['sr', 'srnet', 'distill', 'gradients', 'attribute', 'demo']) ajv.addSchema(JSON.parse(readFileSync(`docs/schemas/${k}.json`, 'utf8')), `${k}.json`);
const dir = mkdtempSync(join(tmpdir(), 'eqlens-cli-'));

async function json(...argv: string[]): Promise<unknown> {
  const lines: string[] = [];
  expect(await main([...argv, '--json'], (s) => lines.push(s))).toBe(0);
  expect(lines.length).toBe(1);
  return JSON.parse(lines[0]);
}
function valid(schema: string, doc: unknown) {
  const ok = ajv.validate(`${schema}.json`, doc);
  expect(ajv.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('eqlens demo', () => {
  test('--fast: trains, runs SRNet and distill, writes the report; JSON matches its schema', async () => {
    const report = join(dir, 'demo.html');
    const doc = await json('demo', '--fast', '--report', report) as { distill: { best: { expression: string } }; srnet: { layers: unknown[] }; seconds: { total: number } };
    valid('demo', doc);
    expect(doc.srnet.layers.length).toBe(3);
    expect(doc.distill.best.expression).toMatch(/q1/);
    const html = read(report, 'utf8');
    for (const p of ['pareto', 'fit', 'residuals', 'curves', 'layers']) expect(html).toContain(`data-plot="${p}"`);
  });

  test('--fast, as text: the layers, the network as one-dimensional maps, the recovered law', async () => {
    const lines: string[] = [];
    expect(await main(['demo', '--fast', '--report', '-'], (s) => lines.push(s))).toBe(0);
    const text = lines.join('\n');
    for (const unit of ['h1', 'h2', 'output']) expect(text).toMatch(new RegExp(`^  ${unit} *= w·g \\+ b \\(\\d+ units?, MSE [^)]+\\):  g = \\S`, 'm'));
    expect(text).toMatch(/^  recovered: F = .*q1/m);
    // The maps: u1 of the inputs, each later step of the step before, F of the last.
    const maps = lines.find((l) => l.startsWith('  the whole network, as one-dimensional maps: '))!;
    const steps = maps.slice(maps.indexOf(': ') + 2).split(';  ').map((st) => st.split(' = '));
    expect(steps.map(([name]) => name)).toEqual(['u1', 'u2', 'F']);
    const symbols = (e: string) => new Set(math.parse(e).filter((n) => n.type === 'SymbolNode' && !(n as unknown as { name: string }).name.match(/^(sin|cos|tan|log|exp|sqrt|abs)$/)).map((n) => (n as unknown as { name: string }).name));
    for (const v of symbols(steps[0][1])) expect(['q1', 'q2', 'r']).toContain(v);
    expect([...symbols(steps[1][1])]).toEqual(['u1']);
    expect([...symbols(steps[2][1])]).toEqual(['u2']);
  });

  test('an abort stops cleanly and keeps what is done', async () => {
    const c = new AbortController();
    c.abort();
    const r = await runDemoSteps(1, true, c.signal, true);
    expect(r.aborted).toBe(true);
    expect(r.mlp).not.toBeNull();
    expect(r.srnet).toBeNull();
    expect(r.distill).toBeNull();
  });
});

describe('--json outputs match docs/schemas', () => {
  const model = 'examples/tiny-mlp.json';
  test('sr', async () => valid('sr', await json('sr', '--data', 'examples/koza1.csv', '--target', 'y', '--generations', '2000', '--functions', 'add,mul')));
  test('distill', async () => valid('distill', await json('distill', '--model', model, '--box', '-1:1,-1:1', '--generations', '2000', '--samples', '200')));
  test('srnet', async () => valid('srnet', await json('srnet', '--model', model, '--data', 'examples/mix.csv', '--target', 'y', '--generations', '50')));
  test('attribute', async () => valid('attribute', await json('attribute', '--model', model, '--data', 'examples/mix.csv', '--target', 'y', '--row', '0', '--interactions', '--hierarchy')));
  test('gradients', async () => {
    const r = await json('gradients', '--model', model, '--data', 'examples/mix.csv', '--target', 'y', '--unit', '0:0', '--generations', '500');
    valid('gradients', r);
    expect(existsSync('docs/schemas/gradients.json')).toBe(true);
  });
});
