// Fidelity figures: RMSE, largest error and R² against the network, and the points where an
// explanation is not a finite number (a pole of a printed equation), counted and left out.
import { describe, expect, test } from '@jest/globals';
import { fidelity, fidelityOf, fidelityText } from '../../src/explain/fidelity.js';

describe('fidelity', () => {
  test('RMSE, largest error and R² of the network', () => {
    const f = fidelity([1, 2, 3], [1, 2, 3.1]);
    expect(f.samples).toBe(3);
    expect(f.rmse).toBeCloseTo(Math.sqrt(0.01 / 3), 12);
    expect(f.maxAbs).toBeCloseTo(0.1, 12);
    expect(f.r2).toBeCloseTo(1 - 0.01 / 2, 12);
    expect(f.nonFinite).toBeUndefined();
  });

  test('points where the approximation is not finite are counted and left out of the figures', () => {
    const f = fidelity([1, 2, 3, 4], [1, Infinity, 3.1, NaN]);
    expect(f).toMatchObject({ samples: 4, nonFinite: 2 });
    expect(f.rmse).toBeCloseTo(Math.sqrt(0.01 / 2), 12);
    expect(f.maxAbs).toBeCloseTo(0.1, 12);
    expect(f.r2).toBeCloseTo(1 - 0.01 / 2, 12); // the network's variance over points 1 and 3
  });

  test('nothing finite: infinitely bad, never NaN', () => {
    expect(fidelity([1, 2], [NaN, -Infinity])).toEqual({ samples: 2, rmse: Infinity, maxAbs: Infinity, r2: -Infinity, nonFinite: 2 });
  });

  test('fidelityOf counts rows with some output not finite; the text names them', () => {
    const f = fidelityOf('regression', [[1, 2, 3], [0, 0, 1]], [[1, Infinity, 3], [0, NaN, 1]]);
    expect(f).toMatchObject({ samples: 3, nonFinite: 1, rmse: 0, r2: 1 });
    expect(fidelityText(f)).toBe('RMSE 0.00e+0, R² 1.0000; not a finite number at 1 of 3 points');
    expect(fidelityText({ samples: 10, rmse: 0.0517, r2: 0.724612 }, true)).toBe('RMSE 5.170e-2, R² 0.72461');
    expect(fidelityText({ samples: 10, accuracy: 0.992 })).toBe('agreement 99.2%');
    expect(fidelityText(null)).toBe('—');
  });
});
