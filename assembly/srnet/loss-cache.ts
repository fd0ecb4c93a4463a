// Exact memo of SRNet chromosome losses. At the paper's settings (a 5×5 grid, mutation
// probability 0.4) a chromosome's active program is tiny (under two nodes on average on F2), so
// the λ mutants of a generation, and those of later generations, keep producing the same few
// programs. Two chromosomes whose active programs are equal (functions, connections by active
// rank, the bits of the constants they read) compute the same g bit for bit, hence on the same
// layer input the same loss: a hit returns that loss instead of evaluating and fitting again.
// Entries carry the version of the layer's input (the previous layer's lifted output), so a
// new input invalidates them; the search result is identical with the memo on or off.
import { genesOf, activeListOf, nActiveOf, constsOf, nIn, nConst, nLeaves, nNodes, nOut, offLeaf } from "../engine/genome";
import { arityOf } from "../engine/functions";

const CAP: i32 = 2048;            // entries per layer (a power of two; direct-mapped)
const MAX_LAYERS: i32 = 16;
const REF_CONST: i32 = 0x40000000; // a constant slot (its bits are appended to the key)
const REF_NODE: i32 = 0x20000000;  // an active node, by rank

let maxKey: i32 = 0;   // i32 per key: 3 per node, the outputs, the constants
let entryBytes: i32 = 0;
let key: usize = 0;    // the current chromosome's key
let rank: usize = 0;   // node index → active rank (scratch)
let keyLen: i32 = 0;
let keyHash: u64 = 0;
const tables = new StaticArray<usize>(MAX_LAYERS);
let versionCounter: u32 = 1;
const inputVersion = new StaticArray<u32>(MAX_LAYERS);  // version of layer i's input
// What layer i's lifted output was last computed from: its chromosome's key and input version.
const liftKeys = new StaticArray<usize>(MAX_LAYERS);
const liftLen = new StaticArray<i32>(MAX_LAYERS);
const liftInput = new StaticArray<u32>(MAX_LAYERS);
let hits: f64 = 0;
export let cacheOn: bool = true;

export function cacheHits(): f64 { return hits; }

/** Sizes the tables for chromosomes of `nodes` nodes, `consts` constants, one output; clears them. */
export function cacheConfigure(layers: i32, nodes: i32, consts: i32, on: bool): void {
  cacheOn = on;
  maxKey = 3 * nodes + 1 + consts;
  entryBytes = (24 + 4 * maxKey + 7) & ~7;
  if (key != 0) { heap.free(key); heap.free(rank); }
  key = heap.alloc(<usize>maxKey << 2);
  rank = heap.alloc(<usize>max(nodes, 1) << 2);
  for (let i = 0; i < MAX_LAYERS; i++) {
    if (tables[i] != 0) { heap.free(tables[i]); tables[i] = 0; }
    if (liftKeys[i] != 0) { heap.free(liftKeys[i]); liftKeys[i] = 0; }
  }
  for (let i = 0; i < layers && on; i++) {
    tables[i] = heap.alloc(<usize>(CAP * entryBytes));
    memory.fill(tables[i], 0, <usize>(CAP * entryBytes)); // version 0 never matches
    liftKeys[i] = heap.alloc(<usize>maxKey << 2);
    liftLen[i] = -1;
  }
  versionCounter = 1;
  for (let i = 0; i < MAX_LAYERS; i++) inputVersion[i] = 1;
  hits = 0;
}

@inline function mix(h: u64, v: i32): u64 {
  return (h ^ <u64><u32>v) * 0x100000001b3;
}

@inline function refOf(v: i32): i32 {
  if (v < nIn) return v;
  if (v < nLeaves) return REF_CONST + (v - nIn);
  return REF_NODE + load<i32>(rank + (<usize>(v - nLeaves) << 2));
}

/** Builds the key of `slot`'s active program (the engine's geometry must be its layer's). */
export function cacheKey(slot: usize): void {
  const g = genesOf(slot);
  const list = activeListOf(slot);
  const n = nActiveOf(slot);
  let len = 0;
  let h: u64 = 0xcbf29ce484222325;
  for (let r = 0; r < n; r++) {
    const k = load<i32>(list + (<usize>r << 2));
    store<i32>(rank + (<usize>k << 2), r);
    const base = g + (<usize>(3 * k) << 2);
    const fn = load<i32>(base);
    const a = refOf(load<i32>(base, 4));
    const b = arityOf(fn) == 2 ? refOf(load<i32>(base, 8)) : -1;
    store<i32>(key + (<usize>len << 2), fn);
    store<i32>(key + (<usize>(len + 1) << 2), a);
    store<i32>(key + (<usize>(len + 2) << 2), b);
    h = mix(mix(mix(h, fn), a), b);
    len += 3;
  }
  for (let o = 0; o < nOut; o++) {
    const v = refOf(load<i32>(g + (<usize>(3 * nNodes + o) << 2)));
    store<i32>(key + (<usize>len << 2), v);
    h = mix(h, v);
    len++;
  }
  // The values of the constants the program reads (unread slots do not matter).
  const used = slot + <usize>offLeaf;
  const c = constsOf(slot);
  for (let i = 0; i < nConst; i++) {
    const bits = load<u8>(used + <usize>(nIn + i)) != 0 ? load<i32>(c + (<usize>i << 2)) : 0;
    store<i32>(key + (<usize>len << 2), bits);
    h = mix(h, bits);
    len++;
  }
  keyLen = len;
  keyHash = h;
}

@inline function entryOf(i: i32): usize {
  return tables[i] + <usize>((<i32>(keyHash & <u64>(CAP - 1))) * entryBytes);
}

/** The memoised loss of the current key as layer i, or NaN when it is not known. */
export function cacheLookup(i: i32): f64 {
  if (!cacheOn) return NaN;
  const e = entryOf(i);
  if (load<u64>(e) != keyHash || load<u32>(e, 16) != inputVersion[i] || load<i32>(e, 20) != keyLen) return NaN;
  if (memory.compare(e + 24, key, <usize>keyLen << 2) != 0) return NaN;
  hits++;
  return load<f64>(e, 8);
}

/** Remembers `loss` (exact, not a pruning bound) for the current key as layer i. */
export function cacheStore(i: i32, loss: f64): void {
  if (!cacheOn) return;
  const e = entryOf(i);
  store<u64>(e, keyHash);
  store<f64>(e, loss, 8);
  store<u32>(e, inputVersion[i], 16);
  store<i32>(e, keyLen, 20);
  memory.copy(e + 24, key, <usize>keyLen << 2);
}

/**
 * Called as layer i's output is lifted from chromosome `slot`: when that output can differ from
 * the one before (another program, or another input), the next layer's input gets a new version.
 */
export function cacheNoteLift(i: i32, slot: usize): void {
  if (!cacheOn) return;
  cacheKey(slot);
  const same = liftLen[i] == keyLen && liftInput[i] == inputVersion[i]
    && memory.compare(liftKeys[i], key, <usize>keyLen << 2) == 0;
  if (same) return;
  memory.copy(liftKeys[i], key, <usize>keyLen << 2);
  liftLen[i] = keyLen;
  liftInput[i] = inputVersion[i];
  if (i + 1 < MAX_LAYERS) inputVersion[i + 1] = ++versionCounter;
}

// Layer-move memo (srnet.ts, generation): the full fitness of the parent with chromosome i
// replaced by a program depends only on that program and on the parent's programs, so while the
// parent's programs stay the same (epoch) a program seen before need not be scored again. A
// candidate that was pruned is remembered by its bound (its fitness is at least that).
const moveTables = new StaticArray<usize>(MAX_LAYERS);
const MOVE_HEADER: i32 = 32;
let moveEntryBytes: i32 = 0;
let epoch: u32 = 1;
/** Set by moveLookup: the remembered value is a lower bound, not the fitness. */
export let moveIsBound: bool = false;

/** Sizes the move tables (after cacheConfigure). */
export function moveConfigure(layers: i32): void {
  moveEntryBytes = (MOVE_HEADER + 4 * maxKey + 7) & ~7;
  for (let i = 0; i < MAX_LAYERS; i++) if (moveTables[i] != 0) { heap.free(moveTables[i]); moveTables[i] = 0; }
  for (let i = 0; i < layers && cacheOn; i++) {
    moveTables[i] = heap.alloc(<usize>(CAP * moveEntryBytes));
    memory.fill(moveTables[i], 0, <usize>(CAP * moveEntryBytes));
  }
  epoch = 1;
}

/** The parent's programs changed: every remembered move is void. */
export function moveNewEpoch(): void { epoch++; }

@inline function moveEntryOf(i: i32): usize {
  return moveTables[i] + <usize>((<i32>(keyHash & <u64>(CAP - 1))) * moveEntryBytes);
}

/** The remembered fitness (or bound, moveIsBound) of the current key as a move at layer i; NaN when unknown. */
export function moveLookup(i: i32): f64 {
  if (!cacheOn) return NaN;
  const e = moveEntryOf(i);
  if (load<u64>(e) != keyHash || load<u32>(e, 16) != epoch || load<i32>(e, 20) != keyLen) return NaN;
  if (memory.compare(e + MOVE_HEADER, key, <usize>keyLen << 2) != 0) return NaN;
  moveIsBound = load<u32>(e, 24) != 0;
  hits++;
  return load<f64>(e, 8);
}

/** Remembers a move's fitness, or a lower bound of it, for the current key at layer i. */
export function moveStore(i: i32, value: f64, isBound: bool): void {
  if (!cacheOn) return;
  const e = moveEntryOf(i);
  store<u64>(e, keyHash);
  store<f64>(e, value, 8);
  store<u32>(e, epoch, 16);
  store<i32>(e, keyLen, 20);
  store<u32>(e, isBound ? 1 : 0, 24);
  memory.copy(e + MOVE_HEADER, key, <usize>keyLen << 2);
}

/** Copies the current key to `dst` (maxKey i32) and returns its length. */
export function keyCopy(dst: usize): i32 {
  memory.copy(dst, key, <usize>keyLen << 2);
  return keyLen;
}

/** Whether the current key equals the `len` i32 at `src`. */
export function keyEquals(src: usize, len: i32): bool {
  return len == keyLen && memory.compare(src, key, <usize>keyLen << 2) == 0;
}

/** Words in a key (for callers that keep copies). */
export function keyWords(): i32 { return maxKey; }
