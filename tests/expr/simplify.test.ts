// simplifyExpression checks itself on sample rows: a rule that changes the function is refused,
// but merging constants is not, where it moves the value no more than printing them at 6 digits.
import { describe, expect, test } from '@jest/globals';
import { math } from '../../src/expr/math.js';
import { simplifyExpression } from '../../src/expr/simplify.js';
import { toText } from '../../src/expr/format.js';

const at = [0.95, 0.97, 0.98, 0.99, 1].map((v) => [v]);

describe('simplifyExpression', () => {
  test('merges like terms whose merged constant, rounded, moves a high-gain output by more than 1e-5', () => {
    // 29.654512·u + 15.111634·u = 44.766146·u, printed 44.7661: an error of 4.6e-5·u, ×0.62 and a
    // cancellation against −44.47 — more than 1e-5 of the output, less than twice what printing the
    // original's own constants at 6 digits already moves it.
    const e = math.parse('-0.6196194 * ((29.654512 * u - 29.991237) + (15.111634 * u - 14.478912)) * cos(-61.236517 * u + 60.144938) + 0.1847831');
    const s = simplifyExpression(e, ['u'], at);
    expect(toText(s)).toBe('0.184783 - 0.619619 * (44.7661 * u - 44.4701) * cos(60.1449 - 61.2365 * u)');
    const f = e.compile(), g = s.compile();
    for (const [u] of at) expect(Math.abs(g.evaluate({ u }) - f.evaluate({ u }))).toBeLessThan(1e-3);
  });

  test('folds an outer scale and shift around an inner shift: a(X + b) + c → aX + (ab + c)', () => {
    // A front member as linear scaling wraps it (seed 3 of the regressor's duplicate test).
    const rows = Array.from({ length: 16 }, (_, i) => [i / 15]);
    const e = math.parse('1.00248 * (sin((cos(x) + 0.480652) * log(cos(x))) + 0.231026) + 1.41977');
    expect(toText(simplifyExpression(e, ['x'], rows))).toBe('1.00248 * sin((cos(x) + 0.480652) * log(cos(x))) + 1.65137');
    expect(toText(simplifyExpression(math.parse('3 * (x - 1) + 2'), ['x'], rows))).toBe('3 * x - 1');
    expect(toText(simplifyExpression(math.parse('0.5 * (x ^ 2 + 1) - 0.5'), ['x'], rows))).toBe('0.5 * x ^ 2');
    // Without the outer constant nothing is gained, and mathjs's own form stays.
    expect(toText(simplifyExpression(math.parse('2 * (x + 3)'), ['x'], rows))).toBe('2 * (x + 3)');
  });

  test('refuses a rewrite that changes the function on the sample (x/x → 1 where x = 0)', () => {
    const e = math.parse('x / x + 1');
    expect(toText(simplifyExpression(e, ['x'], [[0], [1]]))).toBe('x / x + 1');
    expect(toText(simplifyExpression(e, ['x'], [[2], [1]]))).toBe('2');
  });
});
