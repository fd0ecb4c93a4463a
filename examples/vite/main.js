// eqlens bundled by Vite: the same fixed-seed search on the page's thread (threads: 1) and as
// two islands in Web Workers (threads: 2). tests/product/vite.test.ts builds this page and
// checks both fronts against Node.
import { SymbolicRegressor } from 'eqlens';

const X = Array.from({ length: 21 }, (_, i) => [-1 + i / 10]);
const y = X.map(([x]) => x ** 4 + x ** 3 + x ** 2 + x);
const run = async (threads) => {
  const sr = await new SymbolicRegressor({ functions: ['add', 'sub', 'mul', 'div'], generations: 20000, seed: 7, variableNames: ['x'], threads }).fit(X, y);
  return { threads: sr.threads, best: sr.best().expression, front: sr.equations.map((e) => [e.complexity, e.loss]) };
};
(async () => {
  const out = document.getElementById('out');
  try {
    out.textContent = JSON.stringify({ one: await run(1), two: await run(2) });
  } catch (e) {
    out.textContent = `error ${e.code ?? ''} ${e.message}`;
  }
})();
