// SRNet (MNNCGP-ES, METHODS §2): one CGP chromosome per weight layer, each an expression g_i of
// the previous SRNet layer; the layer is g_i·w_i + b_i with (w_i, b_i) fitted per neuron by least
// squares on the first nTrain rows (srnet() passes all of them), and scored on training +
// validation rows (as the paper does).
//
// Every chromosome of every layer lives in its own genome slot. Chromosomes of different layers
// have different input counts, so the engine's geometry is switched per layer (useLayer): it is
// a handful of global stores.
import {
  setGeometry, markActive, randomGenome, nActiveOf,
} from "../engine/genome";
import { prepareWorkspace, predictRange } from "../engine/evaluate";
import { mutatePoint, mutateSingle } from "../engine/mutate";
import { rngGetState, rngSetState, rngSeed } from "../engine/rng";
import { vexp, vlog } from "../engine/vmath";
import { ceilingLoss } from "./ceiling";
import {
  cacheConfigure, cacheKey, cacheLookup, cacheStore, cacheNoteLift, cacheHits,
  moveConfigure, moveNewEpoch, moveLookup, moveStore, moveIsBound, keyCopy, keyEquals, keyWords,
} from "./loss-cache";

const MAX_LAYERS: i32 = 16;
const MAX_WIDTH: i32 = 65536;

// Search configuration (srnetConfigure).
let nLayers: i32 = 0;
let lambda: i32 = 0;
let rate: f64 = 0.4;
let nConst: i32 = 1;
let gridRows: i32 = 5;
let gridCols: i32 = 5;
let levelsBack: i32 = 5;
let funcs: usize = 0;
let nFuncs: i32 = 0;
let weights: usize = 0;
let dataX: usize = 0;
let nRows: i32 = 0;    // training + validation rows
let nTrain: i32 = 0;   // the fit uses only the first nTrain rows (srnet(): all rows)
let stride: i32 = 0;
let classes: usize = 0; // i32 per row: the network's class (classification output only)
let outputKind: i32 = 0; // 0: MSE, 1: cross-entropy against `classes`
let gBuf: usize = 0;   // stride f32: a candidate's g
let gBufD: usize = 0;  // FIT_BLOCK f64: one block of g minus its mean (centreAndDot)
let crossBuf: usize = 0;  // per unit: Σ gd·h' over the training rows, then over the other rows

// Per layer (srnetLayer).
const layerIn = new StaticArray<i32>(MAX_LAYERS);     // chromosome inputs = previous width
const layerOut = new StaticArray<i32>(MAX_LAYERS);    // this layer's width (targets)
const layerTargets = new StaticArray<usize>(MAX_LAYERS); // nOut columns × stride f32
const layerHat = new StaticArray<usize>(MAX_LAYERS);  // the chosen chromosome's layer output
const layerParent = new StaticArray<usize>(MAX_LAYERS);
const layerPool = new StaticArray<usize>(MAX_LAYERS); // lambda child slots
const layerWb = new StaticArray<usize>(MAX_LAYERS);   // parent's w (nOut f64) then b (nOut f64)
const layerStats = new StaticArray<usize>(MAX_LAYERS); // per unit: Σ_t h', Σ_a h', Σ_a h'², centre
// Per unit and pruning checkpoint c: Σ h' and Σ h'² over training rows [0, checkpoint(c)).
const layerPrefix = new StaticArray<usize>(MAX_LAYERS);
// Wide layers are scored in their principal basis (srnet-search.ts): the targets are then r
// basis columns q_k, and the units are h_j = mean_j + Σ_k V[j][k]·q_k. 0 when not rotated.
const layerRotation = new StaticArray<usize>(MAX_LAYERS); // V, units × r f64, then means (units f64)
const layerUnits = new StaticArray<i32>(MAX_LAYERS);
let wbUnits: usize = 0; // 2·MAX_WIDTH f64: a fit turned back into units
const layerSlotBytes = new StaticArray<i32>(MAX_LAYERS);
const layerWeight = new StaticArray<f64>(MAX_LAYERS); // 1/(L−1) for hidden layers, 1 for the output
const parentLoss = new StaticArray<f64>(MAX_LAYERS);
const chosen = new StaticArray<usize>(MAX_LAYERS);
let wbScratch: usize = 0; // 2·maxWidth f64
let parentFitness: f64 = Infinity;
let pruned: f64 = 0;
let pruning: bool = true;
// Layer moves (see generation): how many children per layer compete alone (0: off; the caller
// sets it, srnet-search.ts's DEFAULT_LAYER_MOVES), the parent's own chain, two scratch outputs.
let layerMoves: i32 = 0;
// Local moves: this many single-active-gene mutants of the parent's chromosome i also compete in
// its chain, from their own random stream (see generation); the scratch and the best one's copy.
let localMoves: i32 = 0;
let localSlot: usize = 0, localBest: usize = 0;
const parentHat = new StaticArray<usize>(MAX_LAYERS);
let subA: usize = 0, subB: usize = 0;
// The parent's active programs (loss-cache keys): the move memo is valid while they stay the same.
const parentKeys = new StaticArray<usize>(MAX_LAYERS);
const parentKeyLen = new StaticArray<i32>(MAX_LAYERS);
let moves: f64 = 0;
export function srnetPruned(): f64 { return pruned; }
/** Children per layer whose chromosome also competes alone in the parent's chain (0: the plain MNNCGP-ES of METHODS §2). */
export function srnetSetLayerMoves(n: i32): void { layerMoves = n; }
/** Single-active-gene mutants per layer of the parent's own chromosome that compete in its chain (0: off). */
export function srnetSetLocalMoves(n: i32): void { localMoves = n; }
// A layer whose chromosome stays the parent's (no mutants, no moves): the ceiling start's g₁ while
// the later chromosomes learn to read it. -1: none.
let frozenLayer: i32 = -1;
export function srnetSetFrozen(i: i32): void { frozenLayer = i; }
/** Generations whose new parent came from a layer move. */
export function srnetMoves(): f64 { return moves; }
/** Exact pruning on/off (off only to measure it, and to test that it changes nothing). */
export function srnetSetPruning(on: bool): void { pruning = on; }
/** The exact loss memo on/off (loss-cache.ts; off only to measure it and to test it changes nothing). */
export function srnetSetCache(on: bool): void { cacheConfigure(nLayers, gridRows * gridCols, nConst, on); moveConfigure(nLayers); }
export function srnetCacheHits(): f64 { return cacheHits(); }

export function srnetConfigure(
  layers: i32, lam: i32, mutationRate: f64, consts: i32, r: i32, c: i32, lb: i32,
  funcPtr: usize, funcCount: i32, weightPtr: usize,
  x: usize, rowCount: i32, trainCount: i32, rowStride: i32, classPtr: usize, kind: i32,
  gPtr: usize, wbPtr: usize,
): void {
  nLayers = layers; lambda = lam; rate = mutationRate; nConst = consts;
  gridRows = r; gridCols = c; levelsBack = lb;
  funcs = funcPtr; nFuncs = funcCount; weights = weightPtr;
  dataX = x; nRows = rowCount; nTrain = trainCount; stride = rowStride;
  classes = classPtr; outputKind = kind; gBuf = gPtr; wbScratch = wbPtr;
  if (gBufD != 0) heap.free(gBufD);
  gBufD = heap.alloc(<usize>FIT_BLOCK << 3);
  if (screen != 0) { heap.free(screen); heap.free(order); }
  screen = heap.alloc(<usize>max(lam, 1) << 3);
  order = heap.alloc(<usize>max(lam, 1) << 2);
  if (known != 0) heap.free(known);
  known = heap.alloc(<usize>max(lam, 1) << 3);
  for (let i = 0; i < MAX_LAYERS; i++) if (parentHat[i] != 0) { heap.free(parentHat[i]); parentHat[i] = 0; }
  if (subA != 0) { heap.free(subA); heap.free(subB); heap.free(localSlot); heap.free(localBest); subA = 0; subB = 0; }
  moves = 0;
  frozenLayer = -1;
  layerMoves = 0;
  localMoves = 0;
  cacheConfigure(layers, r * c, consts, true);
  moveConfigure(layers);
  for (let i = 0; i < MAX_LAYERS; i++) {
    if (parentKeys[i] != 0) heap.free(parentKeys[i]);
    parentKeys[i] = i < layers ? heap.alloc(<usize>keyWords() << 2) : 0;
    parentKeyLen[i] = -1;
  }

  if (wbUnits == 0) wbUnits = heap.alloc(<usize>(16 * MAX_WIDTH));
  if (crossBuf == 0) crossBuf = heap.alloc(<usize>MAX_WIDTH << 4);
  parentFitness = Infinity;
}

/** Slot size in bytes of a chromosome with `inputs` inputs (the caller allocates slots). */
export function srnetSlotBytes(inputs: i32): i32 {
  return setGeometry(inputs, nConst, gridRows, gridCols, levelsBack, 1, funcs, nFuncs, weights);
}

export function srnetLayer(i: i32, inputs: i32, outputs: i32, targets: usize, hat: usize,
  parent: usize, pool: usize, wb: usize, weight: f64): void {
  layerIn[i] = inputs; layerOut[i] = outputs; layerTargets[i] = targets; layerHat[i] = hat;
  layerParent[i] = parent; layerPool[i] = pool; layerWb[i] = wb; layerWeight[i] = weight;
  layerSlotBytes[i] = srnetSlotBytes(inputs);
  layerRotation[i] = 0;
  layerUnits[i] = outputs;
  // Centre every target on its training mean (in place) and keep the sums the fit needs.
  if (layerStats[i] != 0) heap.free(layerStats[i]);
  const stats = heap.alloc(<usize>(32 * outputs));
  layerStats[i] = stats;
  for (let j = 0; j < outputs; j++) {
    const h = targets + (<usize>(j * stride) << 2);
    const centre = <f32>(columnSum(h, nTrain) / <f64>nTrain);
    let th: f64 = 0, ah: f64 = 0, ahh: f64 = 0;
    for (let r = 0; r < nRows; r++) {
      const v = load<f32>(h + (<usize>r << 2)) - centre;
      store<f32>(h + (<usize>r << 2), v);
      if (r < nTrain) th += <f64>v;
      ah += <f64>v; ahh += <f64>v * <f64>v;
    }
    store<f64>(stats + (<usize>(4 * j) << 3), th);
    store<f64>(stats + (<usize>(4 * j + 1) << 3), ah);
    store<f64>(stats + (<usize>(4 * j + 2) << 3), ahh);
    store<f64>(stats + (<usize>(4 * j + 3) << 3), <f64>centre);
  }
  if (layerPrefix[i] != 0) heap.free(layerPrefix[i]);
  const prefix = heap.alloc(<usize>(16 * MAX_CHECKPOINTS * outputs));
  layerPrefix[i] = prefix;
  for (let j = 0; j < outputs; j++) {
    const h = targets + (<usize>(j * stride) << 2);
    let s1: f64 = 0, s2: f64 = 0, r = 0;
    for (let c = 0; c < MAX_CHECKPOINTS; c++) {
      const end = checkpoint(c);
      for (; r < end; r++) { const v = <f64>load<f32>(h + (<usize>r << 2)); s1 += v; s2 += v * v; }
      store<f64>(prefix + (<usize>(2 * (j * MAX_CHECKPOINTS + c)) << 3), s1);
      store<f64>(prefix + (<usize>(2 * (j * MAX_CHECKPOINTS + c) + 1) << 3), s2);
    }
  }
}

// Exact pruning. For any rows S among the training rows, a candidate's SSE over all rows with its
// training fit is at least the least-squares optimum over S alone; if that bound, over all rows,
// already exceeds the best loss of this layer so far, the candidate cannot win and is not
// evaluated further. The winner is the same as with full evaluation.
const MAX_CHECKPOINTS: i32 = 7;
/** Training rows evaluated before check c: 256, 512, 1024, … capped at nTrain. */
@inline function checkpoint(c: i32): i32 { return min(nTrain, 256 << (1 * c)); }

/** Declares layer i's targets as r basis columns of `units` units: h_j = means_j + Σ_k V[j][k]·q_k. */
export function srnetRotation(i: i32, units: i32, rotation: usize): void {
  layerUnits[i] = units;
  layerRotation[i] = rotation;
}

/** Turns a fit of the basis columns (wb: r weights, r biases) into a fit of the units. */
function toUnits(i: i32, wb: usize): usize {
  const rot = layerRotation[i];
  if (rot == 0) return wb;
  const r = layerOut[i], units = layerUnits[i];
  const means = rot + (<usize>(units * r) << 3);
  for (let j = 0; j < units; j++) {
    let w: f64 = 0, b: f64 = load<f64>(means + (<usize>j << 3));
    for (let k = 0; k < r; k++) {
      const v = load<f64>(rot + (<usize>(j * r + k) << 3));
      w += v * load<f64>(wb + (<usize>k << 3));
      b += v * load<f64>(wb + (<usize>(r + k) << 3));
    }
    store<f64>(wbUnits + (<usize>j << 3), w);
    store<f64>(wbUnits + (<usize>(units + j) << 3), b);
  }
  return wbUnits;
}

/** Switches the engine's geometry to layer i's chromosomes. */
export function srnetUseLayer(i: i32): void {
  setGeometry(layerIn[i], nConst, gridRows, gridCols, levelsBack, 1, funcs, nFuncs, weights);
  prepareWorkspace();
}

@inline function inputOf(i: i32): usize { return i == 0 ? dataX : layerHat[i - 1]; }

@inline function sumHalves(v: v128): v128 {
  return f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
}
@inline function lanes(v: v128): f64 { return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1); }

/** Σ over rows [0, n) of an f32 column, in f64 (two chains: one f64 add chain is latency-bound). */
function columnSum(p: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
  let r = 0;
  for (; r + 8 <= n; r += 8) {
    a0 = f64x2.add(a0, sumHalves(v128.load(p + (<usize>r << 2))));
    a1 = f64x2.add(a1, sumHalves(v128.load(p + (<usize>r << 2), 16)));
  }
  let s = lanes(f64x2.add(a0, a1));
  for (; r < n; r++) s += <f64>load<f32>(p + (<usize>r << 2));
  return s;
}

// Rows per block of the fused centre-and-dot passes: the block's centred g (f64) stays in L1
// while every unit's dot product reads it.
const FIT_BLOCK: i32 = 512;
let sumD: f64 = 0;  // set by centre(): Σ d and Σ d² of the block
let sumDD: f64 = 0;

/** d[r] = g[r] − m in f64 for r < n (g f32), with Σ d and Σ d² in sumD, sumDD. */
function centre(g: usize, m: f64, d: usize, n: i32): void {
  const mv = f64x2.splat(m);
  let s1 = f64x2.splat(0), s2 = f64x2.splat(0), t1 = f64x2.splat(0), t2 = f64x2.splat(0);
  let r = 0;
  for (; r + 8 <= n; r += 8) {
    const v = v128.load(g + (<usize>r << 2)), u = v128.load(g + (<usize>r << 2), 16);
    const lo = f64x2.sub(f64x2.promote_low_f32x4(v), mv);
    const hi = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), mv);
    const lo2 = f64x2.sub(f64x2.promote_low_f32x4(u), mv);
    const hi2 = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(u, u, 2, 3, 0, 1)), mv);
    v128.store(d + (<usize>r << 3), lo);
    v128.store(d + (<usize>r << 3), hi, 16);
    v128.store(d + (<usize>r << 3), lo2, 32);
    v128.store(d + (<usize>r << 3), hi2, 48);
    s1 = f64x2.add(s1, f64x2.add(lo, hi));
    s2 = f64x2.add(s2, f64x2.add(f64x2.mul(lo, lo), f64x2.mul(hi, hi)));
    t1 = f64x2.add(t1, f64x2.add(lo2, hi2));
    t2 = f64x2.add(t2, f64x2.add(f64x2.mul(lo2, lo2), f64x2.mul(hi2, hi2)));
  }
  let a = lanes(f64x2.add(s1, t1)), b = lanes(f64x2.add(s2, t2));
  for (; r < n; r++) {
    const x = <f64>load<f32>(g + (<usize>r << 2)) - m;
    store<f64>(d + (<usize>r << 3), x);
    a += x; b += x * x;
  }
  sumD = a; sumDD = b;
}

/** Σ over r < n of h[r]·d[r], h f32 and d f64, products and sums in f64 (two chains). */
function dot(h: usize, d: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
  let r = 0;
  for (; r + 8 <= n; r += 8) {
    const v = v128.load(h + (<usize>r << 2)), u = v128.load(h + (<usize>r << 2), 16);
    a0 = f64x2.add(a0, f64x2.add(
      f64x2.mul(f64x2.promote_low_f32x4(v), v128.load(d + (<usize>r << 3))),
      f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), v128.load(d + (<usize>r << 3), 16))));
    a1 = f64x2.add(a1, f64x2.add(
      f64x2.mul(f64x2.promote_low_f32x4(u), v128.load(d + (<usize>r << 3), 32)),
      f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(u, u, 2, 3, 0, 1)), v128.load(d + (<usize>r << 3), 48))));
  }
  let s = lanes(f64x2.add(a0, a1));
  for (; r < n; r++) s += <f64>load<f32>(h + (<usize>r << 2)) * load<f64>(d + (<usize>r << 3));
  return s;
}

/**
 * Over rows [r0, r1), block by block: d = g − m (g in gBuf) into gBufD's first FIT_BLOCK
 * entries, Σ d and Σ d² (returned in sumD, sumDD), and acc[j] += Σ d·h_j for the k units
 * (targets: k f32 columns, `stride` apart).
 */
function centreAndDot(m: f64, r0: i32, r1: i32, targets: usize, k: i32, acc: usize): void {
  let a: f64 = 0, b: f64 = 0;
  for (let b0 = r0; b0 < r1; b0 += FIT_BLOCK) {
    const n = min(FIT_BLOCK, r1 - b0);
    centre(gBuf + (<usize>b0 << 2), m, gBufD, n);
    a += sumD; b += sumDD;
    for (let j = 0; j < k; j++) {
      const p = acc + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + dot(targets + (<usize>(j * stride + b0) << 2), gBufD, n));
    }
  }
  sumD = a; sumDD = b;
}

/** Mean over rows [0, n) of the cross-entropy of softmax(w_j·g + b_j) against `classes`. */
function crossEntropy(g: usize, wb: usize, k: i32, n: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const gv = v128.load(g + (<usize>i << 2));
    const cls = v128.load(classes + (<usize>i << 2));
    let m = f32x4.splat(-Infinity);
    for (let j = 0; j < k; j++) {
      const z = f32x4.add(f32x4.mul(f32x4.splat(<f32>load<f64>(wb + (<usize>j << 3))), gv), f32x4.splat(<f32>load<f64>(wb + (<usize>(k + j) << 3))));
      m = f32x4.max(m, z);
    }
    let s = f32x4.splat(0);
    let zc = f32x4.splat(0);
    for (let j = 0; j < k; j++) {
      const z = f32x4.add(f32x4.mul(f32x4.splat(<f32>load<f64>(wb + (<usize>j << 3))), gv), f32x4.splat(<f32>load<f64>(wb + (<usize>(k + j) << 3))));
      s = f32x4.add(s, vexp(f32x4.sub(z, m)));
      zc = v128.bitselect(z, zc, i32x4.eq(cls, i32x4.splat(j)));
    }
    const ce = f32x4.sub(f32x4.add(m, vlog(s)), zc);
    acc = f64x2.add(acc, f64x2.add(f64x2.promote_low_f32x4(ce), f64x2.promote_low_f32x4(v128.shuffle<f32>(ce, ce, 2, 3, 0, 1))));
  }
  let total = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) {
    const gv = <f64>load<f32>(g + (<usize>i << 2));
    const c = load<i32>(classes + (<usize>i << 2));
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, load<f64>(wb + (<usize>j << 3)) * gv + load<f64>(wb + (<usize>(k + j) << 3)));
    let s: f64 = 0;
    for (let j = 0; j < k; j++) s += Math.exp(load<f64>(wb + (<usize>j << 3)) * gv + load<f64>(wb + (<usize>(k + j) << 3)) - m);
    total += m + Math.log(s) - (load<f64>(wb + (<usize>c << 3)) * gv + load<f64>(wb + (<usize>(k + c) << 3)));
  }
  return total / <f64>n;
}

/** Set by srnetScore: true when it returned a pruning bound rather than the exact loss. */
let returnedBound: bool = false;

/**
 * Loss of chromosome `slot` as layer i on input columns `x`: evaluates g on all rows into gBuf,
 * fits w_j, b_j per unit on the training rows (closed-form least squares) into `wb`, and returns
 * the mean over units of the MSE on all rows — or, for a classification output layer, the mean
 * cross-entropy of softmax(w·g + b) against the network's class. Non-finite g gives +Infinity.
 *
 * The training rows go in segments ending at the pruning checkpoints; after each one (but the
 * last) a lower bound of the loss is known, and when it exceeds `bound` the rest is skipped and
 * the bound returned (returnedBound; -1 asks for the first bound, to screen). Every call sums over
 * the same segments, so a loss is the same bits whether or not it was checked against a bound.
 *
 * Precision: gd = g − c in f64, c the mean of the first segment (close enough to ḡ that the
 * shifted sums keep their precision, and g is read once); every target is centred on its own
 * training mean (srnetLayer); the sums are f64 products, so the closed-form SSE keeps residuals
 * far below the variance.
 */
export function srnetScore(slot: usize, i: i32, x: usize, wb: usize, bound: f64 = Infinity): f64 {
  returnedBound = false;
  const checking = bound < Infinity && !(outputKind == 1 && i == nLayers - 1);
  const k = layerOut[i];
  const targets = layerTargets[i];
  const stats = layerStats[i];
  const prefix = layerPrefix[i];
  // Σ gd·h'_j over the training rows in crossBuf[0, k), over the other rows in crossBuf[k, 2k).
  memory.fill(crossBuf, 0, <usize>k << 4);
  let c: f64 = 0, tg: f64 = 0, tgg: f64 = 0, done = 0;
  for (let cp = 0; cp < MAX_CHECKPOINTS && done < nTrain; cp++) {
    const end = cp == MAX_CHECKPOINTS - 1 ? nTrain : checkpoint(cp);
    if (end <= done) continue;
    predictRange(slot, x, done, end, stride, gBuf);
    if (done == 0) c = columnSum(gBuf, end) / <f64>end;
    centreAndDot(c, done, end, targets, k, crossBuf);
    tg += sumD; tgg += sumDD;
    done = end;
    if (!checking || end == nTrain) continue;
    // Lower bound: the least-squares SSE over rows [0, end) alone, over all rows' count.
    if (!isFinite(tgg)) { returnedBound = true; return Infinity; }
    const n = <f64>end;
    const varD = tgg - tg * tg / n;
    let sse: f64 = 0;
    for (let j = 0; j < k; j++) {
      const sdh = load<f64>(crossBuf + (<usize>j << 3));
      const s1 = load<f64>(prefix + (<usize>(2 * (j * MAX_CHECKPOINTS + cp)) << 3));
      const s2 = load<f64>(prefix + (<usize>(2 * (j * MAX_CHECKPOINTS + cp) + 1) << 3));
      const varH = s2 - s1 * s1 / n;
      const cov = sdh - tg * s1 / n;
      sse += varD > 1e-300 ? varH - cov * cov / varD : varH;
    }
    const lb = max(sse, 0) / (<f64>nRows * <f64>k);
    if (lb > bound * (1 + 1e-9) + 1e-300) { returnedBound = true; return lb; }
  }
  predictRange(slot, x, nTrain, nRows, stride, gBuf);
  centreAndDot(c, nTrain, nRows, targets, k, crossBuf + (<usize>k << 3));
  const ag = tg + sumD, agg = tgg + sumDD;
  if (!isFinite(agg)) return Infinity;
  const nt = <f64>nTrain, na = <f64>nRows;
  const gMean = c + tg / nt;
  const varT = tgg - tg * tg / nt;
  const flat = !(varT > 1e-12 * (gMean * gMean * nt) + 1e-30);
  let sse: f64 = 0;
  for (let j = 0; j < k; j++) {
    // Target stats (centred target h'): Σ_t h', Σ_a h', Σ_a h'², and the centring constant.
    const th = load<f64>(stats + (<usize>(4 * j) << 3));
    const ah = load<f64>(stats + (<usize>(4 * j + 1) << 3));
    const ahh = load<f64>(stats + (<usize>(4 * j + 2) << 3));
    const centre = load<f64>(stats + (<usize>(4 * j + 3) << 3));
    let w: f64 = 0, crossAll: f64 = 0;
    if (!flat) {
      const crossTrain = load<f64>(crossBuf + (<usize>j << 3));
      crossAll = crossTrain + load<f64>(crossBuf + (<usize>(k + j) << 3));
      w = (crossTrain - tg * th / nt) / varT;
    }
    const beta = th / nt - w * tg / nt;
    // SSE over all rows of (w·gd + β − h'), expanded.
    sse += ahh - 2 * w * crossAll - 2 * beta * ah + w * w * agg + 2 * w * beta * ag + na * beta * beta;
    store<f64>(wb + (<usize>j << 3), w);
    store<f64>(wb + (<usize>(k + j) << 3), beta + centre - w * c);
  }
  if (outputKind == 1 && i == nLayers - 1) return crossEntropy(gBuf, wb, k, nRows);
  const mse = max(sse, 0) / (na * <f64>k);
  return isFinite(mse) ? mse : Infinity;
}

/** Writes layer i's output w_j·g + b_j (g in gBuf) to `out` (k columns × stride), all rows. */
export function srnetLift(i: i32, wb: usize, out: usize, rowCount: i32): void {
  const k = layerUnits[i];
  for (let j = 0; j < k; j++) {
    const w = f32x4.splat(<f32>load<f64>(wb + (<usize>j << 3)));
    const b = f32x4.splat(<f32>load<f64>(wb + (<usize>(k + j) << 3)));
    const o = out + (<usize>(j * stride) << 2);
    for (let r = 0; r < rowCount; r += 4) {
      v128.store(o + (<usize>r << 2), f32x4.add(f32x4.mul(w, v128.load(gBuf + (<usize>r << 2))), b));
    }
  }
}

/** Allocates the layer moves' buffers once the layers' widths are known. */
function ensureChainBuffers(): void {
  if (subA != 0) return;
  let widest = 1;
  for (let i = 0; i < nLayers; i++) widest = max(widest, layerUnits[i]);
  const chainBytes = <usize>widest * <usize>stride << 2;
  subA = heap.alloc(chainBytes);
  subB = heap.alloc(chainBytes);
  for (let i = 0; i < nLayers - 1; i++) parentHat[i] = heap.alloc(<usize>(layerUnits[i] * stride) << 2);
  let slotBytes = 0;
  for (let i = 0; i < nLayers; i++) slotBytes = max(slotBytes, layerSlotBytes[i]);
  localSlot = heap.alloc(<usize>slotBytes);
  localBest = heap.alloc(<usize>slotBytes);
}

/**
 * Scores one layer-move candidate (chromosome i replaced by `slot` in the parent's chain) unless
 * it is the parent's own program or its memoised fitness cannot beat `best`; the memo is updated.
 * Returns its fitness, or Infinity when it cannot win.
 */
function moveFitness(i: i32, slot: usize, prefix: f64, best: f64): f64 {
  srnetUseLayer(i);
  cacheKey(slot);
  if (keyEquals(parentKeys[i], parentKeyLen[i])) return Infinity; // the parent's own program
  let f = moveLookup(i); // NaN when unknown or the memo is off
  if (!isNaN(f) && moveIsBound) {
    if (f >= best) return Infinity;
    f = NaN;
  }
  if (isNaN(f)) {
    f = substitutedFitness(i, slot, prefix, best);
    // The key is still the slot's: scoring does not touch it.
    moveStore(i, f < Infinity ? f : best, !(f < Infinity));
  }
  return f;
}

/** The parent's fitness, recomputing every layer along its own chain (fills layerHat and parentHat). */
function evaluateParent(): f64 {
  ensureChainBuffers();
  let total: f64 = 0;
  let newPrograms = false;
  for (let i = 0; i < nLayers; i++) {
    srnetUseLayer(i);
    const loss = srnetScore(layerParent[i], i, inputOf(i), wbScratch);
    parentLoss[i] = loss;
    const fit = toUnits(i, wbScratch);
    memory.copy(layerWb[i], fit, <usize>(16 * layerUnits[i]));
    srnetLift(i, fit, layerHat[i], nRows);
    if (i < nLayers - 1) memory.copy(parentHat[i], layerHat[i], <usize>(layerUnits[i] * stride) << 2);
    cacheNoteLift(i, layerParent[i]);
    cacheKey(layerParent[i]);
    if (!keyEquals(parentKeys[i], parentKeyLen[i])) { parentKeyLen[i] = keyCopy(parentKeys[i]); newPrograms = true; }
    total += layerWeight[i] * loss;
  }
  if (newPrograms) moveNewEpoch();
  return total;
}

/**
 * The full fitness of the parent with its chromosome i replaced by `child`: layers before i are
 * the parent's (their losses known), layer i and every later layer (the parent's chromosomes)
 * are scored along the new chain. Returns Infinity as soon as the partial sum cannot get below
 * `best` (exact pruning: every term is ≥ 0).
 */
function substitutedFitness(i: i32, child: usize, prefix: f64, best: f64): f64 {
  let partial = prefix;
  let input = i == 0 ? dataX : parentHat[i - 1];
  let out = subA;
  for (let j = i; j < nLayers; j++) {
    srnetUseLayer(j);
    const w = layerWeight[j];
    const room = (best - partial) / w;
    if (!(room > 0)) return Infinity;
    const loss = srnetScore(j == i ? child : layerParent[j], j, input, wbScratch, pruning ? room : Infinity);
    if (returnedBound) { pruned++; return Infinity; }
    partial += w * loss;
    if (!(partial < best)) return Infinity;
    if (j + 1 < nLayers) {
      srnetLift(j, toUnits(j, wbScratch), out, nRows);
      input = out;
      out = out == subA ? subB : subA;
    }
  }
  return partial;
}

// Screening order of the current layer's children: bounds ascending (stable), with their indices.
let screen: usize = 0; // lambda f64
let order: usize = 0;  // lambda i32
let screened: i32 = 0;
let known: usize = 0;  // lambda f64: a child's memoised loss, NaN when it must be scored


function insertByBound(c: i32, lb: f64): void {
  if (c == 0) screened = 0;
  let q = screened;
  while (q > 0 && load<f64>(screen + (<usize>(q - 1) << 3)) > lb) {
    store<f64>(screen + (<usize>q << 3), load<f64>(screen + (<usize>(q - 1) << 3)));
    store<i32>(order + (<usize>q << 2), load<i32>(order + (<usize>(q - 1) << 2)));
    q--;
  }
  store<f64>(screen + (<usize>q << 3), lb);
  store<i32>(order + (<usize>q << 2), c);
  screened++;
}

/** Random parent chromosomes (RNG seeded by the caller); returns the parent's fitness. */
export function srnetInit(): f64 {
  for (let i = 0; i < nLayers; i++) {
    srnetUseLayer(i);
    randomGenome(layerParent[i]);
  }
  parentFitness = evaluateParent();
  return parentFitness;
}

/**
 * The ceiling start (eqlens): `gens` generations of a (1+λ) ES on chromosome 1 alone, scored by
 * its one-dimensional ceiling (ceiling.ts) on the subsample `x` (input columns of `xStride` rows,
 * ceilingConfigure'd); g goes to `g`. The winner becomes the parent's chromosome 1 and the
 * parent's chain is re-evaluated. Returns the winner's ceiling loss.
 *
 * Why: the layer-wise choice keeps the g₁ that best follows the first hidden layer, and layer
 * moves judge a new g₁ in a chain built for the old one; neither sees which g₁ the output can be
 * read from. On F2 the runs split between two basins of g₁ whose ceilings (13 and 59) are the
 * fitness each run ends at.
 */
export function srnetCeilingStart(x: usize, xStride: i32, rowCount: i32, g: usize, gens: i32): f64 {
  srnetUseLayer(0);
  const bytes = <usize>layerSlotBytes[0];
  const parent = layerParent[0];
  const pool = layerPool[0];
  predictRange(parent, x, 0, rowCount, xStride, g);
  let parentLoss = ceilingLoss(g);
  for (let gen = 0; gen < gens; gen++) {
    let best: i32 = -1;
    let bestLoss: f64 = Infinity;
    for (let c = 0; c < lambda; c++) {
      const child = pool + <usize>c * bytes;
      memory.copy(child, parent, bytes);
      let loss = parentLoss; // an untouched active program scores as the parent
      if (mutatePoint(child, rate)) {
        markActive(child);
        predictRange(child, x, 0, rowCount, xStride, g);
        loss = ceilingLoss(g);
      }
      if (loss < bestLoss) { bestLoss = loss; best = c; }
    }
    if (best >= 0 && bestLoss <= parentLoss) {
      memory.copy(parent, pool + <usize>best * bytes, bytes);
      parentLoss = bestLoss;
    }
  }
  parentFitness = evaluateParent();
  return parentLoss;
}

/**
 * One MNNCGP-ES generation: λ mutants of the parent; layer by layer, every mutant's chromosome i
 * is scored on the output of the chromosomes already chosen, and the best is kept. The chosen
 * chromosomes form one individual that replaces the parent when it is not worse.
 */
function generation(): void {
  let total: f64 = 0;
  for (let i = 0; i < nLayers; i++) {
    srnetUseLayer(i);
    const bytes = <usize>layerSlotBytes[i];
    const parent = layerParent[i];
    const pool = layerPool[i];
    const x = inputOf(i);
    let best: i32 = 0;
    let bestLoss: f64 = Infinity;
    const prunable = pruning && !(outputKind == 1 && i == nLayers - 1) && i != frozenLayer;
    const nCand = i == frozenLayer ? 1 : lambda;
    for (let c = 0; c < nCand; c++) {
      const child = pool + <usize>c * bytes;
      memory.copy(child, parent, bytes);
      if (i != frozenLayer && mutatePoint(child, rate)) markActive(child);
      cacheKey(child);
      const memo = cacheLookup(i);
      store<f64>(known + (<usize>c << 3), memo);
      // Screening: a lower bound from the first training rows, to score the likely best first
      // (a memoised loss is its own bound).
      if (prunable) {
        let b = memo;
        if (isNaN(b)) {
          b = srnetScore(child, i, x, wbScratch, -1);
          // Small data sets have no checkpoint before the end: the screen is then the loss.
          if (!returnedBound) { store<f64>(known + (<usize>c << 3), b); cacheStore(i, b); }
        }
        insertByBound(c, b);
      } else store<i32>(order + (<usize>c << 2), c);
    }
    for (let q = 0; q < nCand; q++) {
      const c = load<i32>(order + (<usize>q << 2));
      // Sorted by bound: once one cannot win, none after it can.
      if (prunable && load<f64>(screen + (<usize>q << 3)) > bestLoss * (1 + 1e-9) + 1e-300) { pruned += lambda - q; break; }
      let loss = load<f64>(known + (<usize>c << 3));
      if (isNaN(loss)) {
        const child = pool + <usize>c * bytes;
        loss = srnetScore(child, i, x, wbScratch, prunable ? bestLoss : Infinity);
        if (returnedBound) pruned++;
        else { cacheKey(child); cacheStore(i, loss); } // exact, not a bound
      }
      // Ties go to the lower index, as in an unpruned scan.
      if (loss < bestLoss || (loss == bestLoss && c < best)) { bestLoss = loss; best = c; }
    }
    const slot = pool + <usize>best * bytes;
    chosen[i] = slot;
    // Re-score the winner to leave its g in gBuf and its fit in scratch, then lift.
    srnetScore(slot, i, x, wbScratch);
    srnetLift(i, toUnits(i, wbScratch), layerHat[i], nRows);
    cacheNoteLift(i, slot);
    store<f64>(slot, bestLoss); // the slot header keeps this layer's loss
    total += layerWeight[i] * bestLoss;
  }
  // Layer moves (eqlens): the layer-wise choice above picks chromosome i by layer i's loss alone,
  // so a g_1 that carries what the output needs (K1's 2·sin x0·cos x1, a classifier's decision)
  // loses to one that only follows the first hidden layer, and the chain cannot carry the output.
  // So the chromosome i of the first `layerMoves` mutants also competes in the parent's chain,
  // scored by the full fitness (as the paper's released code scores whole individuals); the best
  // such individual replaces the parent when it is strictly better than both the parent and the
  // recombined one. A mutant whose program is the parent's is skipped (same fitness).
  //
  // Local moves (eqlens): the paper's p = 0.4 rewires much of a chromosome at once, so a small
  // step (one more term in g₁, one constant nudged) is rarely among the λ mutants. `localMoves`
  // single-active-gene mutants of the parent's chromosome i (Goldman & Punch) compete the same way.
  // They draw from a stream seeded by the main generator's state, which they leave as it was:
  // checkpoints and islands see the same main stream with them on or off.
  if (layerMoves > 0 || localMoves > 0) {
    let best = min(total, parentFitness);
    let moveLayer = -1, moveChild = -1;
    let prefix: f64 = 0;
    const m0 = rngGetState(0), m1 = rngGetState(1), m2 = rngGetState(2), m3 = rngGetState(3);
    if (localMoves > 0) rngSeed(m0 ^ rotl<u32>(m1, 8) ^ rotl<u32>(m2, 16) ^ rotl<u32>(m3, 24) ^ 0x5bd1e995);
    for (let i = 0; i < nLayers; i++) {
      const bytes = <usize>layerSlotBytes[i];
      if (i == frozenLayer) { prefix += layerWeight[i] * parentLoss[i]; continue; }
      for (let c = 0; c < min(lambda, layerMoves); c++) {
        const f = moveFitness(i, layerPool[i] + <usize>c * bytes, prefix, best);
        if (f < best) { best = f; moveLayer = i; moveChild = c; }
      }
      for (let c = 0; c < localMoves; c++) {
        srnetUseLayer(i);
        memory.copy(localSlot, layerParent[i], bytes);
        if (mutateSingle(localSlot)) markActive(localSlot);
        const f = moveFitness(i, localSlot, prefix, best);
        if (f < best) { best = f; moveLayer = i; moveChild = -1; memory.copy(localBest, localSlot, bytes); }
      }
      prefix += layerWeight[i] * parentLoss[i];
    }
    if (localMoves > 0) rngSetState(m0, m1, m2, m3);
    if (moveLayer >= 0) {
      const bytes = <usize>layerSlotBytes[moveLayer];
      memory.copy(layerParent[moveLayer], moveChild >= 0 ? layerPool[moveLayer] + <usize>moveChild * bytes : localBest, bytes);
      parentFitness = evaluateParent();
      moves++;
      return;
    }
  }
  if (total <= parentFitness) {
    for (let i = 0; i < nLayers; i++) {
      memory.copy(layerParent[i], chosen[i], <usize>layerSlotBytes[i]);
      parentLoss[i] = load<f64>(chosen[i]);
    }
    parentFitness = total;
    // The chosen fits are recomputed once per improvement (cheap next to a generation).
    evaluateParent();
  }
}

/** Runs up to `gens` generations or until the parent's fitness ≤ target; returns how many ran. */
export function srnetRun(gens: i32, target: f64): i32 {
  let g = 0;
  while (g < gens) {
    generation();
    g++;
    if (parentFitness <= target) break;
  }
  return g;
}

/** Recomputes the parent's chain: its fits, its layer outputs and its fitness. */
export function srnetEvaluateParent(): f64 { parentFitness = evaluateParent(); return parentFitness; }
export function srnetFitness(): f64 { return parentFitness; }
/** Restores a checkpointed parent's fitness exactly (after srnetEvaluateParent rebuilt its chain). */
export function srnetSetFitness(f: f64): void { parentFitness = f; }
export function srnetLayerLoss(i: i32): f64 { return parentLoss[i]; }
export function srnetParent(i: i32): usize { return layerParent[i]; }
export function srnetActive(i: i32): i32 { return nActiveOf(layerParent[i]); }
