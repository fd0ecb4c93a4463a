// Engine benchmark (Operon's protocol): 1,000 random genomes whose active size is uniform in
// 1..64 function nodes (mean ≈ 32, like Operon's random trees of length ≤ 64), 12,800 rows ×
// 10 inputs, f32, warmed up; tinybench repeats each task and we report medians.
// Then the island model (bench/parallel.ts): parallelSpeedup, 2 workers over 1; with
// --time-to-target also the time to a fixed fitness on K0 and F1 (slow: minutes).
// Prints a human table, then one JSON line (the last line of stdout).
import { Bench } from 'tinybench';
import { createEngine, type Geometry, type WasmEngine } from '../bindings/engine.js';
import { functionByName, weightsByCode, type FunctionName } from '../src/cgp/functions.js';
import { evaluateReference } from '../src/cgp/evaluate.js';
import { Rng } from '../src/cgp/rng.js';
import { benchOracle } from './oracle.js';
import { benchParallel, benchTimeToTarget } from './parallel.js';

const ROWS = 12_800, INPUTS = 10, GENOMES = 1000, MAX_ACTIVE = 64;
const TS_GENOMES = 50; // the TS baseline is slow; rates are per node evaluation
const ARITH: FunctionName[] = ['add', 'sub', 'mul', 'div'];
const TRANS: FunctionName[] = ['sin', 'cos', 'exp', 'ln'];

const rng = new Rng(1);
const columns = Array.from({ length: INPUTS }, () => Float32Array.from({ length: ROWS }, () => -2 + 4 * rng.uniform()));
const y = Float64Array.from({ length: ROWS }, (_, r) => columns[0][r] * columns[1][r] + Math.sin(columns[2][r]));

interface Pool { engine: WasmEngine; g: Geometry; pool: number; nodeEvals: number; genomes: ReturnType<WasmEngine['readGenome']>[] }

async function makePool(functions: FunctionName[]): Promise<Pool> {
  const engine = await createEngine();
  const g: Geometry = { inputs: INPUTS, constants: 0, rows: 1, cols: MAX_ACTIVE, levelsBack: MAX_ACTIVE, outputs: 1 };
  const codes = functions.map((f) => functionByName(f).code);
  engine.setGeometry(g, codes, weightsByCode());
  engine.raw.setLinearScaling(1);
  const data = engine.loadData(columns, ROWS, y);
  engine.useForFitness(data);
  engine.seed(7);
  const pool = engine.alloc(engine.slotBytes * GENOMES);
  let nodes = 0;
  const genomes = [];
  const gr = new Rng(7);
  for (let i = 0; i < GENOMES; i++) {
    // A random genome with exactly `size` active nodes: node k reads node k−1 and a random
    // input or earlier node; the output reads node size−1; the other nodes are random, inactive.
    const size = 1 + gr.below(MAX_ACTIVE);
    const genes = new Int32Array(3 * MAX_ACTIVE + 1);
    for (let k = 0; k < MAX_ACTIVE; k++) {
      genes[3 * k] = codes[gr.below(codes.length)];
      genes[3 * k + 1] = k > 0 && k < size ? INPUTS + k - 1 : gr.below(INPUTS);
      genes[3 * k + 2] = gr.below(INPUTS + Math.min(k, size));
    }
    genes[3 * MAX_ACTIVE] = INPUTS + size - 1;
    const slot = pool + i * engine.slotBytes;
    engine.writeGenome(slot, genes, []);
    const gd = engine.readGenome(slot);
    nodes += gd.nActive;
    genomes.push(gd);
  }
  return { engine, g, pool, nodeEvals: nodes * ROWS, genomes };
}

const arith = await makePool(ARITH);
const trans = await makePool(TRANS);
const tsNodeEvals = arith.genomes.slice(0, TS_GENOMES).reduce((s, gd) => s + gd.nActive * ROWS, 0);

// Mutation: a 200-node genome, copy + point mutation (rate 0.03) + active-set update per child.
const mut = await createEngine();
mut.setGeometry({ inputs: INPUTS, constants: 1, rows: 1, cols: 200, levelsBack: 200, outputs: 1 }, ARITH.map((f) => functionByName(f).code), weightsByCode());
mut.seed(3);
const parent = mut.allocSlot(), child = mut.allocSlot();
mut.raw.randomGenome(parent);
const CHILDREN = 100_000;

// Generations per second: the (1+4) ES on the 12,800-row problem, default geometry.
const es = await createEngine();
es.setGeometry({ inputs: INPUTS, constants: 1, rows: 1, cols: 100, levelsBack: 100, outputs: 1 },
  ['add', 'sub', 'mul', 'div', 'sin', 'cos', 'exp', 'ln'].map((f) => functionByName(f).code), weightsByCode());
es.useForFitness(es.loadData(columns, ROWS, y));
es.raw.esConfigure(4, 0.03, 0, 1);
es.raw.esInit();
es.seed(5);
es.raw.esStart(1);
const GENS = 200;

const bench = new Bench({ time: 3000, warmupTime: 500, warmupIterations: 2, iterations: 5 });
bench
  .add('wasm simd, + − × ÷', () => { arith.engine.raw.evaluatePool(arith.pool, GENOMES); })
  .add('wasm simd, sin cos exp ln', () => { trans.engine.raw.evaluatePool(trans.pool, GENOMES); })
  .add(`typescript reference, + − × ÷ (${TS_GENOMES} genomes)`, () => {
    for (const gd of arith.genomes.slice(0, TS_GENOMES)) evaluateReference(arith.g, gd, columns, ROWS);
  })
  .add(`mutation + active set, ${CHILDREN} children`, () => { mut.raw.mutateMany(parent, child, CHILDREN, 0.03); })
  .add(`(1+4) ES, ${GENS} generations`, () => { es.raw.esRun(GENS, -1); });
await bench.run();

const median = (name: string) => {
  const t = bench.tasks.find((x) => x.name.startsWith(name))!;
  const r = t.result as unknown as { latency?: { p50?: number }; p50?: number };
  return (r.latency?.p50 ?? r.p50)! / 1000; // seconds
};
const wasmArith = arith.nodeEvals / median('wasm simd, +');
const wasmTrans = trans.nodeEvals / median('wasm simd, sin');
const ts = tsNodeEvals / median('typescript');
const summary = {
  wasmSimdNodeEvalsPerSec: Math.round(wasmArith),
  tsNodeEvalsPerSec: Math.round(ts),
  simdOverTs: +(wasmArith / ts).toFixed(2),
  transcendentalOverArithmetic: +(wasmTrans / wasmArith).toFixed(3),
  transcendentalNodeEvalsPerSec: Math.round(wasmTrans),
  mutationMicrosPerChild: +((median('mutation') / CHILDREN) * 1e6).toFixed(4),
  generationsPerSec: Math.round(GENS / median('(1+4) ES')),
  rows: ROWS, inputs: INPUTS, genomes: GENOMES,
  meanActiveNodes: +(arith.nodeEvals / ROWS / GENOMES).toFixed(1),
};
console.table(bench.tasks.map((t) => ({ task: t.name, 'median ms': +(median(t.name) * 1000).toFixed(3) })));
// The island benchmark (bench/parallel.ts) runs before the oracle benchmark loads tfjs. Its
// 2-worker figure needs both cores: any other busy session on the machine takes one of them
// (Linux autogroup scheduling shares CPU per session), so loadAverage is reported beside it.
const parallel = await benchParallel(columns, ROWS, y);
console.table(parallel.table);
const oracle = await benchOracle();
console.table(oracle.table);
const ttt = process.argv.includes('--time-to-target') ? await benchTimeToTarget() : undefined;
if (ttt) console.table(ttt.table);
console.log(JSON.stringify({ ...summary, ...oracle.summary, ...parallel.summary, ...ttt?.summary }));
