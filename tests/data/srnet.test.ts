// The SRNet paper data loader, on the shipped data when ../shared is present.
import { describe, expect, test } from '@jest/globals';
import { loadSrnetClassification, loadSrnetRegression } from '../../src/data/srnet.js';
import { SRNET_DIR, withShared, SKIP_NOTE } from '../helpers.js';

const ROOT = SRNET_DIR;

describe('SRNet data loader', () => {
  withShared(`regression: network, inputs, recorded hidden activations and outputs${SKIP_NOTE}`, async () => {
    const f5 = await loadSrnetRegression(`${ROOT}regression/F5`);
    expect(f5.mlp.sizes).toEqual([5, 5, 5, 5, 1]);
    expect(f5.X).toHaveLength(10000);
    expect(f5.hidden.map((l) => l.length)).toEqual([5, 5, 5]);
    expect(f5.hidden[2][4]).toHaveLength(10000);
    expect(f5.yNN).toHaveLength(10000);
  });
  withShared(`classification: every network reproduces the paper's recorded train and test accuracy${SKIP_NOTE}`, async () => {
    const accuracy = async (c: Awaited<ReturnType<typeof loadSrnetClassification>>, part: { X: number[][]; y: number[] }) => {
      const probs = await c.mlp.predict(part.X);
      return part.y.filter((y, r) => {
        const p = probs.map((col) => col[r]);
        return p.indexOf(Math.max(...p)) === y;
      }).length / part.y.length;
    };
    for (const name of ['adult', 'agaricus_lepiota', 'analcatdata_aids', 'breast', 'car']) {
      const c = await loadSrnetClassification(`${ROOT}classification/${name}`);
      expect(c.data.X[0]).toHaveLength(c.mlp.inputs);
      if (!c.test) { expect(name).toBe('adult'); continue; } // adult ships no split
      // Our forward pass reproduces what the paper's own code measured (car: 0.6968).
      expect({ name, test: +(await accuracy(c, c.test)).toFixed(3) }).toEqual({ name, test: +(c.training.acc_test as number).toFixed(3) });
      expect({ name, train: +(await accuracy(c, c.train!)).toFixed(3) }).toEqual({ name, train: +(c.training.acc_train as number).toFixed(3) });
    }
  });
  test('a missing directory is a coded error', async () => {
    await expect(loadSrnetRegression('/nonexistent/K0')).rejects.toMatchObject({ code: 'E_IO' });
  });
});
