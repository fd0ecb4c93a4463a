// Mutation operators. A child starts as a byte copy of its parent slot (so it carries the
// parent's active flags); operators report whether any *active* gene changed. A child whose
// mutations touched only inactive genes has the parent's phenotype and is not re-evaluated.
import { arityOf } from "./functions";
import {
  nNodes, nGenes, nConst, nIn, nLeaves, nOut, rows, cols, levelsBack, nFuncs, funcs, offFlags, offLeaf,
  genesOf, activeListOf, nActiveOf, constsOf, connectionCount, connectionAt, connectionIndex, outputCount,
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

/**
 * Insertion (after Kalkreuth's phenotypic insertion for CGP): one active connection, from a source
 * S to a consumer C (an active node's input or an output, uniformly), is routed through an inactive
 * node M of a column between them; M computes f(S, r) or f(r, S), f drawn from the function set and
 * r a leaf (an input or a constant): one more factor or term of the data. A point mutation reaches
 * such a program only by changing M's three genes and C's connection at once, so a chromosome one
 * factor short of the target (F2's x0·x1·x4·(x3 − x2), missing 1/(x2·x3)) rarely gets it; drawing
 * r among the leaves only, not earlier nodes, made that step three times as likely on F2 and
 * halved its stalled runs. Returns false, the child unchanged, when no inactive node fits.
 */
export function mutateInsert(slot: usize): bool {
  const g = genesOf(slot);
  const list = activeListOf(slot);
  const nAct = nActiveOf(slot);
  // The consumer's connection gene, uniform over all active connections and the outputs.
  let total = nOut;
  for (let a = 0; a < nAct; a++) total += arityOf(load<i32>(g + (<usize>(3 * load<i32>(list + (<usize>a << 2))) << 2)));
  let pick = <i32>rngBelow(total);
  let gene = 3 * nNodes + pick;
  let colC = cols; // an output may read any node
  if (pick >= nOut) {
    pick -= nOut;
    for (let a = 0; a < nAct; a++) {
      const k = load<i32>(list + (<usize>a << 2));
      const ar = arityOf(load<i32>(g + (<usize>(3 * k) << 2)));
      if (pick < ar) { gene = 3 * k + 1 + pick; colC = k / rows; break; }
      pick -= ar;
    }
  }
  const src = load<i32>(g + (<usize>gene << 2));
  // M's column: after S's, before C's, and within levels-back of both.
  const lo = max(src < nLeaves ? 0 : (src - nLeaves) / rows + 1, gene >= 3 * nNodes ? 0 : colC - levelsBack);
  const hi = min(colC - 1, src < nLeaves ? cols - 1 : (src - nLeaves) / rows + levelsBack);
  if (lo > hi) return false;
  const flags = slot + <usize>offFlags;
  let free = 0;
  for (let k = lo * rows; k < (hi + 1) * rows; k++) if (load<u8>(flags + <usize>k) == 0) free++;
  if (free == 0) return false;
  let m = <i32>rngBelow(free);
  let node = lo * rows;
  for (; node < (hi + 1) * rows; node++) {
    if (load<u8>(flags + <usize>node) != 0) continue;
    if (m == 0) break;
    m--;
  }
  const colM = node / rows;
  const base = g + (<usize>(3 * node) << 2);
  const fn = load<i32>(funcs + (<usize>rngBelow(nFuncs) << 2));
  const other = <i32>rngBelow(nLeaves);
  const first = arityOf(fn) < 2 || rngBelow(2) == 0;
  store<i32>(base, fn);
  store<i32>(base, first ? src : other, 4);
  store<i32>(base, first ? other : src, 8);
  store<i32>(g + (<usize>gene << 2), nLeaves + node);
  return true;
}
