// Genome geometry and layout in linear memory.
//
// Address space of a connection gene: [0, nIn) program inputs, [nIn, nIn+nConst) constant
// slots, then function nodes. Node k sits in column k / rows. A node gene is
// [fn, in1, in2]; then nOut output genes. A genome *slot* is one block of memory:
//   +0  f64 fitness     +8 i32 nActive     +12 i32 complexity     +16 i32 touched (scratch)
//   +32 genes  i32[3N + nOut]
//   ... consts f32[nConst]
//   ... activeList i32[N] (ascending node indices)
//   ... activeFlag u8[N], leafUsed u8[nIn + nConst]
import { arityOf } from "./functions";
import { rngBelow, rngUniform } from "./rng";

export let nIn: i32 = 0;
export let nConst: i32 = 0;
export let rows: i32 = 0;
export let cols: i32 = 0;
export let levelsBack: i32 = 0;
export let nOut: i32 = 0;
export let nNodes: i32 = 0;
export let nGenes: i32 = 0;
export let nLeaves: i32 = 0;

// Allowed function codes and their complexity weights.
export let funcs: usize = 0;
export let nFuncs: i32 = 0;
export let weights: usize = 0; // i32 per function code (N_FUNCTIONS entries)

export let offConsts: i32 = 0;
export let offActive: i32 = 0;
export let offFlags: i32 = 0;
export let offLeaf: i32 = 0;
export let slotBytes: i32 = 0;

// Range constant slots are initialised in.
export let constLo: f32 = -1;
export let constHi: f32 = 1;

@inline function align16(n: i32): i32 { return (n + 15) & ~15; }

export function setGeometry(
  inputs: i32, consts: i32, r: i32, c: i32, lb: i32, outputs: i32,
  funcPtr: usize, funcCount: i32, weightPtr: usize,
): i32 {
  nIn = inputs; nConst = consts; rows = r; cols = c; levelsBack = lb; nOut = outputs;
  nNodes = r * c;
  nGenes = 3 * nNodes + nOut;
  nLeaves = nIn + nConst;
  funcs = funcPtr; nFuncs = funcCount; weights = weightPtr;
  offConsts = align16(32 + 4 * nGenes);
  offActive = align16(offConsts + 4 * nConst);
  offFlags = align16(offActive + 4 * nNodes);
  offLeaf = align16(offFlags + nNodes);
  slotBytes = align16(offLeaf + nLeaves);
  return slotBytes;
}

export function setConstRange(lo: f32, hi: f32): void { constLo = lo; constHi = hi; }

@inline export function genesOf(slot: usize): usize { return slot + 32; }
@inline export function constsOf(slot: usize): usize { return slot + <usize>offConsts; }
@inline export function activeListOf(slot: usize): usize { return slot + <usize>offActive; }
@inline export function fitnessOf(slot: usize): f64 { return load<f64>(slot); }
@inline export function setFitness(slot: usize, f: f64): void { store<f64>(slot, f); }
@inline export function nActiveOf(slot: usize): i32 { return load<i32>(slot, 8); }
@inline export function complexityOf(slot: usize): i32 { return load<i32>(slot, 12); }

/** Number of legal values for a connection gene of a node in column c. */
@inline export function connectionCount(col: i32): i32 {
  const first = max(0, col - levelsBack);
  return nLeaves + rows * (col - first);
}

/** The i-th legal connection value for a node in column c. */
@inline export function connectionAt(col: i32, i: i32): i32 {
  if (i < nLeaves) return i;
  const first = max(0, col - levelsBack);
  return nLeaves + rows * first + (i - nLeaves);
}

/** Inverse of connectionAt. */
@inline export function connectionIndex(col: i32, v: i32): i32 {
  if (v < nLeaves) return v;
  const first = max(0, col - levelsBack);
  return nLeaves + (v - nLeaves) - rows * first;
}

/** Outputs may point at any leaf or node. */
@inline export function outputCount(): i32 { return nLeaves + nNodes; }

/**
 * Marks the active nodes of the genome in `slot` (reachable from an output, honouring arity),
 * fills the ascending active list and the used-leaf flags, and computes the complexity:
 * Σ weight(fn) over active nodes + one per leaf reference.
 */
export function markActive(slot: usize): i32 {
  const g = genesOf(slot);
  const flags = slot + <usize>offFlags;
  const leaf = slot + <usize>offLeaf;
  memory.fill(flags, 0, <usize>nNodes);
  memory.fill(leaf, 0, <usize>nLeaves);
  let complexity = 0;
  for (let o = 0; o < nOut; o++) {
    const v = load<i32>(g + (<usize>(3 * nNodes + o) << 2));
    if (v >= nLeaves) store<u8>(flags + <usize>(v - nLeaves), 1);
    else { store<u8>(leaf + <usize>v, 1); complexity += 1; }
  }
  for (let k = nNodes - 1; k >= 0; k--) {
    if (load<u8>(flags + <usize>k) == 0) continue;
    const base = g + (<usize>(3 * k) << 2);
    const fn = load<i32>(base);
    complexity += load<i32>(weights + (<usize>fn << 2));
    const ar = arityOf(fn);
    for (let a = 1; a <= ar; a++) {
      const v = load<i32>(base + (<usize>a << 2));
      if (v >= nLeaves) store<u8>(flags + <usize>(v - nLeaves), 1);
      else { store<u8>(leaf + <usize>v, 1); complexity += 1; }
    }
  }
  const list = slot + <usize>offActive;
  let n = 0;
  for (let k = 0; k < nNodes; k++) {
    if (load<u8>(flags + <usize>k) != 0) { store<i32>(list + (<usize>n << 2), k); n++; }
  }
  store<i32>(slot, n, 8);
  store<i32>(slot, complexity, 12);
  return n;
}

/** Fills `slot` with a uniformly random legal genome and random constants. */
export function randomGenome(slot: usize): void {
  const g = genesOf(slot);
  for (let k = 0; k < nNodes; k++) {
    const col = k / rows;
    const base = g + (<usize>(3 * k) << 2);
    store<i32>(base, load<i32>(funcs + (<usize>rngBelow(nFuncs) << 2)));
    const cnt = connectionCount(col);
    store<i32>(base, connectionAt(col, rngBelow(cnt)), 4);
    store<i32>(base, connectionAt(col, rngBelow(cnt)), 8);
  }
  for (let o = 0; o < nOut; o++) {
    store<i32>(g + (<usize>(3 * nNodes + o) << 2), rngBelow(outputCount()));
  }
  const c = constsOf(slot);
  for (let i = 0; i < nConst; i++) {
    store<f32>(c + (<usize>i << 2), constLo + <f32>rngUniform() * (constHi - constLo));
  }
  markActive(slot);
}
