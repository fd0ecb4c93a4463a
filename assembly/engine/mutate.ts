// Mutation operators. A child starts as a byte copy of its parent slot (so it carries the
// parent's active flags); operators report whether any *active* gene changed. A child whose
// mutations touched only inactive genes has the parent's phenotype and is not re-evaluated.
import { arityOf } from "./functions";
import {
  nNodes, nGenes, nConst, nIn, rows, nFuncs, funcs, offFlags, offLeaf,
  genesOf, constsOf, connectionCount, connectionAt, connectionIndex, outputCount,
} from "./genome";
import { rngBelow, rngUniform, rngGaussian } from "./rng";

export let constSigma: f64 = 0.25;
export function setConstSigma(s: f64): void { constSigma = s; }

/** Changes gene `gi` of the child to a uniformly drawn *other* legal value; true if active. */
function mutateGene(slot: usize, gi: i32): bool {
  const g = genesOf(slot);
  if (gi < 3 * nNodes) {
    const k = gi / 3;
    const part = gi - 3 * k;
    const active = load<u8>(slot + <usize>offFlags + <usize>k) != 0;
    const p = g + (<usize>gi << 2);
    if (part == 0) {
      if (nFuncs < 2) return false;
      const cur = load<i32>(p);
      // Index of the current function in the allowed list (linear: the list is short).
      let idx = 0;
      while (idx < nFuncs && load<i32>(funcs + (<usize>idx << 2)) != cur) idx++;
      let j = <i32>rngBelow(nFuncs - 1);
      if (j >= idx) j++;
      store<i32>(p, load<i32>(funcs + (<usize>j << 2)));
      return active;
    }
    const col = rows == 1 ? k : k / rows; // an integer division per gene is measurable
    const cnt = connectionCount(col);
    if (cnt < 2) return false;
    const idx = connectionIndex(col, load<i32>(p));
    let j = <i32>rngBelow(cnt - 1);
    if (j >= idx) j++;
    store<i32>(p, connectionAt(col, j));
    return active && part <= arityOf(load<i32>(g + (<usize>(3 * k) << 2)));
  }
  if (gi < nGenes) {
    const p = g + (<usize>gi << 2);
    const cnt = outputCount();
    let j = <i32>rngBelow(cnt - 1);
    if (j >= load<i32>(p)) j++;
    store<i32>(p, j);
    return true;
  }
  const i = gi - nGenes;
  const c = constsOf(slot) + (<usize>i << 2);
  store<f32>(c, <f32>(<f64>load<f32>(c) + constSigma * rngGaussian()));
  return load<u8>(slot + <usize>offLeaf + <usize>(nIn + i)) != 0;
}

/** Point mutation: each gene (and constant) changes with probability `rate`. */
export function mutatePoint(slot: usize, rate: f64): bool {
  const total = nGenes + nConst;
  if (rate <= 0) return false;
  let touched = false;
  if (rate >= 1) {
    for (let gi = 0; gi < total; gi++) touched = mutateGene(slot, gi) || touched;
    return touched;
  }
  // Geometric skipping: draw the gap to the next mutated gene instead of one draw per gene.
  const logq = Math.log(1.0 - rate);
  let gi = -1;
  while (true) {
    const u = 1.0 - rngUniform(); // (0, 1]
    gi += 1 + <i32>Math.floor(Math.log(u) / logq);
    if (gi >= total || gi < 0) break;
    touched = mutateGene(slot, gi) || touched;
  }
  return touched;
}

/** Single active-gene mutation (Goldman & Punch): mutate until one active gene changed. */
export function mutateSingle(slot: usize): bool {
  const total = nGenes + nConst;
  for (let tries = 0; tries < 100000; tries++) {
    if (mutateGene(slot, <i32>rngBelow(total))) return true;
  }
  return false;
}
