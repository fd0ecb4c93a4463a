// Input gradients of any unit against central finite differences of an f64 forward pass.
import { describe, expect, test } from '@jest/globals';
import { Mlp, type Activation } from '../../src/index.js';
import { Rng } from '../../src/cgp/rng.js';
import { randomMlp as randomMlpWith } from '../helpers.js';

const randomMlp = (sizes: number[], acts: Activation[], seed: number) => randomMlpWith(sizes, acts, seed, 2.5);

/** f64 forward pass to the chosen unit (finite differences need more than f32). */
function unitValue(mlp: Mlp, x: number[], layer: number, unit: number, pre: boolean): number {
  let h = x;
  for (let k = 0; k <= layer; k++) {
    const l = mlp.layers[k];
    const z = Array.from({ length: l.outputs }, (_, j) => l.bias[j] + h.reduce((s, v, i) => s + l.weight[j * l.inputs + i] * v, 0));
    if (k === layer && pre) return z[unit];
    const f: Record<Activation, (v: number) => number> = {
      linear: (v) => v, relu: (v) => Math.max(v, 0), sigmoid: (v) => 1 / (1 + Math.exp(-v)),
      tanh: Math.tanh, elu: (v) => (v > 0 ? v : Math.exp(v) - 1), softmax: (v) => v,
    };
    if (l.activation === 'softmax') {
      const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
      h = e.map((v) => v / s);
    } else h = z.map(f[l.activation]);
  }
  return h[unit];
}

describe('inputGradient', () => {
  const cases: [number[], Activation[]][] = [
    [[3, 8, 6, 1], ['tanh', 'sigmoid', 'linear']],
    [[4, 7, 5, 3], ['elu', 'tanh', 'softmax']],
    [[2, 9, 1], ['relu', 'linear']],
  ];
  for (const [sizes, acts] of cases) {
    test(`${sizes.join('-')} ${acts.join(',')}: every unit of every layer, pre and post, within 1e-3 of finite differences`, async () => {
      const mlp = randomMlp(sizes, acts, sizes[1]);
      const rng = new Rng(4);
      const X = Array.from({ length: 40 }, () => Array.from({ length: sizes[0] }, () => Math.fround(-2 + 4 * rng.uniform())));
      let worst = 0;
      for (let layer = 0; layer < mlp.layers.length; layer++) {
        for (let unit = 0; unit < mlp.layers[layer].outputs; unit++) {
          for (const preActivation of [false, true]) {
            if (!preActivation && mlp.layers[layer].activation === 'relu') continue; // kinks: checked pre-activation
            const g = await mlp.inputGradient(X, { layer, unit, preActivation });
            X.forEach((x, r) => {
              for (let i = 0; i < sizes[0]; i++) {
                const h = 1e-5;
                const xp = [...x], xm = [...x];
                xp[i] += h; xm[i] -= h;
                const fd = (unitValue(mlp, xp, layer, unit, preActivation) - unitValue(mlp, xm, layer, unit, preActivation)) / (2 * h);
                worst = Math.max(worst, Math.abs(g[i][r] - fd) / Math.max(1e-2, Math.abs(fd)));
              }
            });
          }
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-3);
    });
  }
  test('bad targets are coded errors', async () => {
    const mlp = randomMlp([2, 3, 1], ['tanh', 'linear'], 1);
    await expect(mlp.inputGradient([[0, 0]], { layer: 5 })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(mlp.inputGradient([[0, 0]], { layer: 0, unit: 3 })).rejects.toMatchObject({ code: 'E_OPTION', message: 'option unit: layer 0 has units 0..2, got 3' });
  });
});
