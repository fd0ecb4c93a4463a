// Bad input to the baselines always ends in an EqlensError whose code and message name the problem.
import { describe, test } from '@jest/globals';
import { lime, limeFidelity } from '../../../src/explain/baselines/lime.js';
import { maple, mapleFidelity } from '../../../src/explain/baselines/maple.js';
import { singleLayer, uniformRows } from './linear.js';
import { fails } from '../../helpers.js';

const mlp = singleLayer(3, 2, 'softmax', 1);
const trainX = uniformRows(3, 40, 2);

describe.each([
  ['lime', lime, limeFidelity],
  ['maple', maple, mapleFidelity],
] as const)('%s: bad input', (name, build, fidelity) => {
  const make = (X: unknown, o: object = {}) => build(mlp, X as number[][], { seed: 0, ...o });
  test('training data of the wrong width', () => fails(make([[1, 2], [3, 4]]), 'E_DATA_SHAPE', /trainX has 2 columns; the network takes 3 inputs/));
  test('NaN in the training data names row and column', () => fails(make([[1, 2, 3], [4, NaN, 6]]), 'E_DATA_VALUE', /trainX .*row 1, column 1/));
  test('empty training data', () => fails(make([]), 'E_DATA_EMPTY', /trainX has no rows/));
  test('ragged training data', () => fails(make([[1, 2, 3], [4, 5]]), 'E_DATA_SHAPE', /ragged/));
  test('a query point of the wrong width', async () => {
    const ex = await make(trainX);
    await fails(ex.explain([1, 2]), 'E_DATA_SHAPE', /x has 2 values; the network takes 3 inputs/);
  });
  test('a query point with Infinity', async () => {
    const ex = await make(trainX);
    await fails(ex.explain([1, Infinity, 2]), 'E_DATA_VALUE', /x has a non-finite value/);
  });
  test('test data of the wrong width', () => fails(fidelity(mlp, trainX, [[1, 2, 3, 4]], {}), 'E_DATA_SHAPE', /4 columns; the network takes 3/));
  test('an unknown option', () => fails(make(trainX, { sample: 10 }), 'E_OPTION', /sample: unknown option/));
  test('a bad task', () => fails(make(trainX, { task: 'ranking' }), 'E_OPTION', /task/));
  test('a bad seed', () => fails(make(trainX, { seed: -1 }), 'E_OPTION', /seed/));
  test('a negative ridge', () => fails(make(trainX, { ridge: -1 }), 'E_OPTION', /ridge/));
  test('not a network', () => fails(build({} as never, trainX), 'E_MODEL', /expected an Mlp/));
  test('an aborted run stops with E_ABORTED', () => fails(fidelity(mlp, trainX, trainX, { signal: AbortSignal.abort(), ...(name === 'maple' ? { trees: 2 } : { samples: 10 }) }), 'E_ABORTED', /cancelled/));
});

describe('option values', () => {
  test('LIME: too few samples, zero kernel width', async () => {
    await fails(lime(mlp, trainX, { samples: 1 }), 'E_OPTION', /samples/);
    await fails(lime(mlp, trainX, { sampleAround: 'median' as never }), 'E_OPTION', /sampleAround: expected 'point' or 'mean'/);
    await fails(lime(mlp, trainX, { kernelWidth: 0 }), 'E_OPTION', /kernelWidth/);
  });
  test('MAPLE: zero trees, maxFeatures above 1, minLeaf 0', async () => {
    await fails(maple(mlp, trainX, { trees: 0 }), 'E_OPTION', /trees/);
    await fails(maple(mlp, trainX, { maxFeatures: 1.5 }), 'E_OPTION', /maxFeatures/);
    await fails(maple(mlp, trainX, { minLeaf: 0 }), 'E_OPTION', /minLeaf/);
  });
  test('options that are not an object', async () => {
    await fails(lime(mlp, trainX, 5 as never), 'E_OPTION', /options must be an object/);
    await fails(mapleFidelity(mlp, trainX, trainX, 'fast' as never), 'E_OPTION', /mapleFidelity options must be an object/);
  });
});
