import { create, all } from 'mathjs';
const math = create(all);
for (const e of ['2 * ((x / x + x + x / x - x / x) * x / (x / x + x / x) + x / (x / x + x / x) * (x + x) * x / x * (x / x + x + x / x - x / x) * x / (x / x + x / x))',
 '(x * x + x - (x * x + x)) * (x * x + x - (x * x + x)) * x * x + x * x / x - x - (x - (x * x + x - (x * x + x)) * (x * x + x - (x * x + x)) - (x * x + x + x - (x * x + x - (x * x + x)) * (x * x + x - (x * x + x)))) + (x * x / x * x * x - (x * x + x - (x * x + x)) * (x * x + x - (x * x + x)) - (x * x + x - (x * x + x))) * x + x * x / x * x * x - (x * x + x - (x * x + x)) * (x * x + x - (x * x + x))',
 '-1 * (x * x * x * x / (x - (x * x + x + x / x) + x * x) - (x * x * x * x / x + x * x * x * x / x - ((x * x + x + x / x) * x * x - x * x * x * x)) - (x * x + x + x / x + (x * x + x + x / x) * x * x - x * x * x * x))) + -1',
 '0.136 * (x0 * x1 + 2.5) / (x0 - 1.2)']) {
  const t = performance.now();
  try { console.log(math.rationalize(e).toString(), (performance.now() - t).toFixed(0) + 'ms'); } catch (err) { console.log('ERR', err.message); }
}
