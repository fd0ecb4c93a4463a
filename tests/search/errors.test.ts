// Bad input always ends in an EqlensError with a code and a message naming the problem.
import { describe, expect, test } from '@jest/globals';
import { SymbolicRegressor } from '../../src/index.js';
import { fails } from '../helpers.js';

const fit = (X: unknown, y: unknown, o = {}) => new SymbolicRegressor({ generations: 10, ...o }).fit(X as number[][], y as number[]);

describe('data errors', () => {
  test('NaN in X names row and column', () => fails(fit([[1, 2], [3, NaN]], [1, 2]), 'E_DATA_VALUE', /row 1, column 1/));
  test('Infinity in y names the row', () => fails(fit([[1], [2]], [1, Infinity]), 'E_DATA_VALUE', /y .*row 1/));
  test('ragged rows', () => fails(fit([[1, 2], [3]], [1, 2]), 'E_DATA_SHAPE', /ragged: row 1 has 1 values, row 0 has 2/));
  test('X/y length mismatch', () => fails(fit([[1], [2], [3]], [1, 2]), 'E_DATA_SHAPE', /y has 2 values but X has 3 rows/));
  test('empty data', () => fails(fit([], []), 'E_DATA_EMPTY', /no rows/));
  test('rows without columns', () => fails(fit([[], []], [1, 2]), 'E_DATA_EMPTY', /no columns/));
  test('flat typed array with a wrong shape', () => fails(fit({ data: new Float32Array(5), shape: [2, 3] }, [1, 2]), 'E_DATA_SHAPE', /5 values, shape \[2, 3\] needs 6/));
  test('a non-number cell', () => fails(fit([[1], ['a']], [1, 2]), 'E_DATA_VALUE', /row 1, column 0/));
  test('a flat target says there is nothing to search and gives the equation', () =>
    fails(fit([[1], [2], [3]], [3, 3, 3]), 'E_DATA_VALUE', /y is 3 on every row \(zero variance\).*the equation is y = 3/));
  test('a target beyond float32 range says to rescale', () =>
    fails(fit([[1], [2], [3]], [1, 2, 1e200]), 'E_DATA_VALUE', /beyond the float32 range.*rescale it/));
  test('an extreme target near float32 limits still ends with a front (mathjs simplify once hung on its 66-term sum)', async () => {
    const sr = await fit([[1], [2], [3], [4]], [1, -1, 3e38, -3e38], { functions: ['add'], constants: 0 });
    expect(sr.equations.length).toBeGreaterThan(0);
    for (const e of sr.equations) expect(Number.isFinite(e.loss)).toBe(true);
  }, 20_000);
});

describe('option errors', () => {
  test('unknown function', () => fails(() => new SymbolicRegressor({ functions: ['add', 'sinh' as never] }), 'E_FUNCTION', /unknown function "sinh"/));
  test('zero generations', () => fails(() => new SymbolicRegressor({ generations: 0 }), 'E_OPTION', /generations/));
  test('unknown option', () => fails(() => new SymbolicRegressor({ generationz: 5 } as never), 'E_OPTION', /generationz: unknown option/));
  test('mutation rate out of range', () => fails(() => new SymbolicRegressor({ mutationRate: 1.5 }), 'E_OPTION', /mutationRate/));
  test('levelsBack beyond cols', () => fails(() => new SymbolicRegressor({ cols: 10, levelsBack: 11 }), 'E_OPTION', /levelsBack/));
  test('variable names that do not match the columns', () => fails(fit([[1, 2], [3, 4]], [1, 2], { variableNames: ['a'] }), 'E_OPTION', /1 names for 2 input columns/));
  test('predict before fit', () => fails(() => new SymbolicRegressor().predict([[1]]), 'E_NOT_FITTED', /fit\(X, y\) first/));
  test('predict with the wrong number of columns', async () => {
    const sr = await fit([[1, 2], [3, 4], [5, 7]], [1, 2, 3]);
    await fails(() => sr.predict([[1]]), 'E_DATA_SHAPE', /1 columns; the model was fitted on 2/);
  });
});
