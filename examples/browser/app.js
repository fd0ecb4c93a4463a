// The example page: data (built-in or a dropped CSV) → SymbolicRegressor on the data, or a
// network trained with tfjs and distilled → equations and plots (Vega-Lite, in the page).
import { SymbolicRegressor, trainMlp, distill, parseCsv, splitTarget, sampleBox, setTensorflowWasmPaths } from 'eqlens';

setTensorflowWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

const $ = (id) => document.getElementById(id);
let data = null; // { X, y, names, title }

/** Built-in examples, generated here with a fixed seed. */
export function example(name) {
  if (name === 'coulomb') {
    const X = sampleBox([[1, 3], [1, 3], [1, 2]], 500, 1);
    return { X, y: X.map(([a, b, r]) => (a * b) / (4 * Math.PI * r * r)), names: ['q1', 'q2', 'r'], title: "Coulomb's law" };
  }
  if (name === 'koza1') {
    const X = Array.from({ length: 21 }, (_, i) => [-1 + i / 10]);
    return { X, y: X.map(([x]) => x ** 4 + x ** 3 + x ** 2 + x), names: ['x'], title: 'Koza-1' };
  }
  const X = sampleBox([[-2, 2], [-2, 2]], 200, 1);
  return { X, y: X.map(([a, b]) => Math.sin(a) + a * b), names: ['x0', 'x1'], title: 'sin(x0) + x0·x1' };
}

function setData(d) {
  data = d;
  $('dataset').textContent = `${d.title}: ${d.X.length} rows, inputs ${d.names.join(', ')}`;
  $('sr').disabled = $('train').disabled = false;
}

async function draw(id, spec) {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'svg', container: `#${id}`, hover: true });
  await view.runAsync();
}

async function plots(equations, bestIndex, predicted, title) {
  await draw('plot-front', {
    title: 'Pareto front', width: 360, height: 240,
    data: { values: equations.map((e, i) => ({ complexity: e.complexity, loss: Math.max(e.loss, 1e-300), chosen: i === bestIndex ? 'chosen' : 'front' })) },
    mark: { type: 'point', filled: true },
    encoding: { x: { field: 'complexity', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } },
      color: { field: 'chosen', type: 'nominal', scale: { domain: ['front', 'chosen'], range: ['#4c78a8', '#e45756'] } } },
  });
  await draw('plot-fit', {
    title, width: 300, height: 240,
    data: { values: data.y.map((v, i) => ({ target: v, equation: predicted[i] })) },
    mark: { type: 'point', filled: true, size: 12 },
    encoding: { x: { field: 'target', type: 'quantitative', scale: { zero: false } }, y: { field: 'equation', type: 'quantitative', scale: { zero: false } } },
  });
}

const options = () => ({ generations: Number($('generations').value), seed: Number($('seed').value) });

/** Symbolic regression on the data; exposed for the browser test. */
export async function runSr(opts = options(), d = data) {
  const sr = new SymbolicRegressor({ functions: ['add', 'sub', 'mul', 'div'], variableNames: d.names, ...opts,
    onProgress: (p) => { $('status').textContent = `searching: generation ${p.generation} of ${p.generations}, loss ${p.bestLoss.toExponential(3)}`; } });
  await sr.fit(d.X, d.y);
  return sr;
}

async function onSr() {
  const sr = await runSr();
  const best = sr.best();
  $('out').textContent = sr.equations.map((e, i) => `${i === sr.bestIndex ? '→' : ' '} ${String(e.complexity).padEnd(4)} ${e.loss.toExponential(3)}  ${e.expression}`).join('\n');
  $('status').textContent = `done in ${sr.seconds.toFixed(2)} s: ${best.expression}`;
  await plots(sr.equations, sr.bestIndex, sr.predict(data.X), 'data vs equation');
}

async function onTrain() {
  $('status').textContent = 'training a network (tfjs, WebAssembly backend)…';
  const mlp = await trainMlp(data.X, data.y, { hidden: [16, 16], epochs: 60, seed: Number($('seed').value),
    onProgress: (p) => { $('status').textContent = `training: epoch ${p.epoch} of ${p.epochs}, loss ${p.loss.toExponential(3)}`; } });
  const box = data.names.map((_, k) => [Math.min(...data.X.map((r) => r[k])), Math.max(...data.X.map((r) => r[k]))]);
  const d = await distill(mlp, { box, variableNames: data.names, functions: ['add', 'sub', 'mul', 'div'], ...options(),
    onProgress: (p) => { $('status').textContent = `distilling: generation ${p.generation} of ${p.generations}`; } });
  $('out').textContent = `network ${mlp.sizes.join('-')}\n` + d.equations.map((e, i) => `${i === d.bestIndex ? '→' : ' '} ${String(e.complexity).padEnd(4)} R² ${e.inside.r2.toFixed(5)}  ${e.expression}`).join('\n');
  $('status').textContent = `distilled: ${d.best.expression} (R² inside the box ${d.best.inside.r2.toFixed(5)})`;
  await plots(d.equations, d.bestIndex, d.regressor.predict(data.X, d.bestIndex), 'data vs distilled equation');
}

const guard = (f) => async () => {
  $('sr').disabled = $('train').disabled = true;
  try { await f(); } catch (e) { $('status').textContent = `error: ${e.message}`; console.error(e); }
  $('sr').disabled = $('train').disabled = false;
};

$('load').onclick = () => setData(example($('example').value));
$('sr').onclick = guard(onSr);
$('train').onclick = guard(onTrain);
const drop = $('drop');
drop.ondragover = (e) => { e.preventDefault(); drop.classList.add('over'); };
drop.ondragleave = () => drop.classList.remove('over');
drop.ondrop = async (e) => {
  e.preventDefault(); drop.classList.remove('over');
  const file = e.dataTransfer.files[0];
  const table = parseCsv(await file.text());
  const target = table.names[table.names.length - 1];
  const { X, y, names } = splitTarget(table, target, file.name);
  setData({ X, y, names, title: file.name });
};
setData(example('coulomb'));
$('status').textContent = 'ready';
globalThis.eqlensDemo = { runSr, example, setData };
