// Bad input to energyExpansion: each is an EqlensError whose message names what is wrong.
import { describe, test } from '@jest/globals';
import { energyExpansion } from '../../../src/index.js';
import { fails, randomMlp } from '../../helpers.js';

const ALPHABET = 'ACDEFGHIKLMNPQRSTVWY-';

describe('energyExpansion: bad input', () => {
  const mlp = randomMlp([4 * 21, 6, 1], ['tanh', 'linear'], 1); // 4 positions of amino acids or gap

  test('a symbol outside the alphabet: the error names the sequence, position and symbol', async () => {
    await fails(energyExpansion(mlp, { alphabet: ALPHABET, data: ['ACDE', 'ACXE'] }), 'E_DATA_VALUE', /sequence 1, position 2: "X" is not in the alphabet/);
    await fails(energyExpansion(mlp, { alphabet: ALPHABET, reference: 'AC*E' }), 'E_DATA_VALUE', /reference: sequence 0, position 2: "\*"/);
  });

  test('sequences of unequal length', async () => {
    await fails(energyExpansion(mlp, { alphabet: ALPHABET, data: ['ACDE', 'ACD'] }), 'E_DATA_SHAPE', /sequence 1 has length 3, sequence 0 has 4/);
    await fails(energyExpansion(mlp, { alphabet: ALPHABET, data: ['ACDEF', 'ACDEF'] }), 'E_DATA_SHAPE', /sequence 0 has length 5; the network's input is 4 positions/);
    await fails(energyExpansion(mlp, { states: 21, data: [[0, 1, 2, 3], [0, 1, 2]] }), 'E_DATA_SHAPE', /sequence 1 has length 3/);
  });

  test('q or L that do not match the network input width', async () => {
    await fails(energyExpansion(mlp, { alphabet: 'ACDEFGHIKLMNPQRSTVWY' }), 'E_DATA_SHAPE', /84 inputs, which is not a whole number of positions of q = 20/);
    await fails(energyExpansion(mlp, { states: 21, positions: 5 }), 'E_DATA_SHAPE', /5 positions × 21 states make 105 one-hot inputs, but the network takes 84/);
    await fails(energyExpansion(mlp, { categories: [['a', 'b'], ['x', 'y', 'z']] }), 'E_DATA_SHAPE', /2 positions × their states make 5 one-hot inputs, but the network takes 84/);
  });

  test('bad options and states', async () => {
    await fails(energyExpansion(mlp, { states: 21, data: [[0, 1, 2, 21]] }), 'E_DATA_VALUE', /sequence 0, position 3: state 21 is not one of 0..20/);
    await fails(energyExpansion(mlp, { states: 21, output: 1 }), 'E_OPTION', /output units 0..0, got 1/);
    await fails(energyExpansion(mlp, { states: 21, order: 3 as 2 }), 'E_OPTION', /order: expected 1 or 2/);
    await fails(energyExpansion(mlp, { states: 21, method: 'exact' as 'reference' }), 'E_OPTION', /method/);
    await fails(energyExpansion(mlp, { states: 21, gauge: 'ising' as 'reference' }), 'E_OPTION', /gauge/);
    await fails(energyExpansion(mlp, { states: 21, wrong: 1 } as never), 'E_OPTION', /option wrong: unknown option/);
    await fails(energyExpansion(mlp, { states: 21, alphabet: ALPHABET }), 'E_OPTION', /give one of categories, alphabet or states/);
    await fails(energyExpansion(mlp, { states: 21, data: ['ACDE'] }), 'E_OPTION', /give the alphabet option/);
    await fails(energyExpansion(mlp, {} as never), 'E_OPTION', /give states/);
    await fails(energyExpansion(mlp, { states: 21, references: 3 }), 'E_OPTION', /references: the other references are drawn from data/);
    await fails(energyExpansion(mlp, { states: 21, references: 0 }), 'E_OPTION', /references: expected a positive integer/);
  });
});
