// Block-wise SIMD evaluation of one genome and its fitness.
// Data are f32, column-major, each column `stride` rows long (a multiple of BLOCK, padded
// with valid rows). All active nodes are evaluated over one block of BLOCK rows before the
// next block, so the intermediates (one BLOCK-row buffer per active node) stay in cache.
import { applyBlock, arityOf, kernelOf } from "./functions";
import {
  nIn, nConst, nNodes, nLeaves, nOut, genesOf, constsOf, activeListOf, nActiveOf,
} from "./genome";

// Rows per block. Measured on the Operon protocol (1,000 genomes, 12,800 rows): 128 → 3.6e9,
// 256 → 4.4e9, 512 → 4.9e9, 1024 → 5.2e9 node evaluations/s; the last block of a data set is
// cut to whole 8-row steps, so small data sets do not pay for the size.
export const BLOCK: i32 = 1024;

// Workspace, sized for the current geometry by prepareWorkspace().
let ptrTable: usize = 0; // usize per address: where the current block's values live
let kernels: usize = 0;  // i32 per active rank: the node's kernel code (functions.ts: kernelOf)
let scratch: usize = 0;  // BLOCK f32 per node (indexed by active rank)
let constBuf: usize = 0; // BLOCK f32 per constant slot (splatted)
let capacityNodes: i32 = -1;
let capacityLeaves: i32 = -1;

// The fitness data set.
export let dataX: usize = 0;
export let dataY: usize = 0;   // f64 per row
export let dataRows: i32 = 0;
export let dataStride: i32 = 0;
let yMean: f64 = 0;
let yVar: f64 = 0;
export let linearScaling: bool = true;
export let nodeEvals: f64 = 0; // function-node × row evaluations so far (benchmarks)

export function blockSize(): i32 { return BLOCK; }
export function nodeEvaluations(): f64 { return nodeEvals; }
export function resetNodeEvaluations(): void { nodeEvals = 0; }
export function addNodeEvaluations(n: f64): void { nodeEvals += n; }
export function setLinearScaling(on: bool): void { linearScaling = on; }

export function prepareWorkspace(): void {
  if (capacityNodes >= nNodes && capacityLeaves >= nLeaves) return;
  if (ptrTable != 0) { heap.free(ptrTable); heap.free(scratch); heap.free(constBuf); heap.free(kernels); }
  ptrTable = heap.alloc(<usize>(nLeaves + nNodes) << 2);
  kernels = heap.alloc(<usize>max(nNodes, 1) << 2);
  scratch = heap.alloc(<usize>(max(nNodes, 1) * BLOCK) << 2);
  constBuf = heap.alloc(<usize>(max(nConst, 1) * BLOCK) << 2);
  capacityNodes = nNodes; capacityLeaves = nLeaves;
}

/** Registers the fitness data set (already in WASM memory) and its target statistics. */
export function setData(x: usize, y: usize, rowCount: i32, stride: i32): void {
  dataX = x; dataY = y; dataRows = rowCount; dataStride = stride;
  let s: f64 = 0;
  for (let i = 0; i < rowCount; i++) s += load<f64>(y + (<usize>i << 3));
  yMean = rowCount > 0 ? s / rowCount : 0;
  let v: f64 = 0;
  for (let i = 0; i < rowCount; i++) {
    const d = load<f64>(y + (<usize>i << 3)) - yMean;
    v += d * d;
  }
  yVar = rowCount > 0 ? v / rowCount : 0;
}
export function targetVariance(): f64 { return yVar; }

/**
 * Points the table at this genome's node buffers, picks each node's kernel (sin, cos, exp of a
 * sin or cos node: the unit kernels) and splats the constants.
 */
function setup(slot: usize): void {
  const list = activeListOf(slot);
  const n = nActiveOf(slot);
  const g = genesOf(slot);
  for (let r = 0; r < n; r++) {
    const k = load<i32>(list + (<usize>r << 2));
    store<usize>(ptrTable + (<usize>(nLeaves + k) << 2), scratch + (<usize>(r * BLOCK) << 2));
    const base = g + (<usize>(3 * k) << 2);
    const ia = load<i32>(base, 4);
    store<i32>(kernels + (<usize>r << 2),
      kernelOf(load<i32>(base), ia >= nLeaves ? load<i32>(g + (<usize>(3 * (ia - nLeaves)) << 2)) : -1));
  }
  const c = constsOf(slot);
  for (let i = 0; i < nConst; i++) {
    const buf = constBuf + (<usize>(i * BLOCK) << 2);
    const v = f32x4.splat(load<f32>(c + (<usize>i << 2)));
    for (let j = 0; j < BLOCK; j += 4) v128.store(buf + (<usize>j << 2), v);
    store<usize>(ptrTable + (<usize>(nIn + i) << 2), buf);
  }
}

/** Evaluates all active nodes of `slot` on rows [row0, row0+BLOCK) of X. */
function evalBlock(slot: usize, x: usize, stride: i32, row0: i32, count: i32): void {
  // Only the rows in use, rounded up to whole 8-row steps (small data sets stay cheap).
  const n = min(BLOCK, (count + 7) & ~7);
  for (let i = 0; i < nIn; i++) {
    store<usize>(ptrTable + (<usize>i << 2), x + (<usize>(i * stride + row0) << 2));
  }
  const g = genesOf(slot);
  const list = activeListOf(slot);
  const active = nActiveOf(slot);
  for (let r = 0; r < active; r++) {
    const k = load<i32>(list + (<usize>r << 2));
    const base = g + (<usize>(3 * k) << 2);
    const fn = load<i32>(kernels + (<usize>r << 2));
    const pa = load<usize>(ptrTable + (<usize>load<i32>(base, 4) << 2));
    const pb = arityOf(fn) == 2 ? load<usize>(ptrTable + (<usize>load<i32>(base, 8) << 2)) : pa;
    const po = load<usize>(ptrTable + (<usize>(nLeaves + k) << 2));
    applyBlock(fn, pa, pb, po, n);
  }
}

@inline function outputPtr(slot: usize, o: i32): usize {
  const v = load<i32>(genesOf(slot) + (<usize>(3 * nNodes + o) << 2));
  return load<usize>(ptrTable + (<usize>v << 2));
}

/**
 * Fitness of output 0 against the data set: MSE, after optimal linear scaling a·g+b when
 * enabled, accumulated in f64. Any NaN/Inf on the fitness rows gives +Infinity.
 */
export function evaluate(slot: usize): f64 {
  setup(slot);
  let sg = f64x2.splat(0), sgg = f64x2.splat(0), sgy = f64x2.splat(0), sdd = f64x2.splat(0);
  let tg: f64 = 0, tgg: f64 = 0, tgy: f64 = 0, tdd: f64 = 0;
  for (let row0 = 0; row0 < dataRows; row0 += BLOCK) {
    const count = min(BLOCK, dataRows - row0);
    evalBlock(slot, dataX, dataStride, row0, count);
    const out = outputPtr(slot, 0);
    const full = count & ~3;
    const yb = dataY + (<usize>row0 << 3);
    if (linearScaling) {
      for (let i = 0; i < full; i += 4) {
        const v = v128.load(out + (<usize>i << 2));
        const lo = f64x2.promote_low_f32x4(v);
        const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
        const ylo = v128.load(yb + (<usize>i << 3));
        const yhi = v128.load(yb + (<usize>i << 3), 16);
        sg = f64x2.add(sg, f64x2.add(lo, hi));
        sgg = f64x2.add(sgg, f64x2.add(f64x2.mul(lo, lo), f64x2.mul(hi, hi)));
        sgy = f64x2.add(sgy, f64x2.add(f64x2.mul(lo, ylo), f64x2.mul(hi, yhi)));
      }
      for (let i = full; i < count; i++) {
        const v = <f64>load<f32>(out + (<usize>i << 2));
        const yv = load<f64>(yb + (<usize>i << 3));
        tg += v; tgg += v * v; tgy += v * yv;
      }
    } else {
      for (let i = 0; i < full; i += 4) {
        const v = v128.load(out + (<usize>i << 2));
        const dlo = f64x2.sub(f64x2.promote_low_f32x4(v), v128.load(yb + (<usize>i << 3)));
        const dhi = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)),
          v128.load(yb + (<usize>i << 3), 16));
        sdd = f64x2.add(sdd, f64x2.add(f64x2.mul(dlo, dlo), f64x2.mul(dhi, dhi)));
      }
      for (let i = full; i < count; i++) {
        const d = <f64>load<f32>(out + (<usize>i << 2)) - load<f64>(yb + (<usize>i << 3));
        tdd += d * d;
      }
    }
  }
  nodeEvals += <f64>nActiveOf(slot) * <f64>dataRows;
  const n = <f64>dataRows;
  if (!linearScaling) {
    const ss = f64x2.extract_lane(sdd, 0) + f64x2.extract_lane(sdd, 1) + tdd;
    return isFinite(ss) ? ss / n : Infinity;
  }
  const Sg = f64x2.extract_lane(sg, 0) + f64x2.extract_lane(sg, 1) + tg;
  const Sgg = f64x2.extract_lane(sgg, 0) + f64x2.extract_lane(sgg, 1) + tgg;
  const Sgy = f64x2.extract_lane(sgy, 0) + f64x2.extract_lane(sgy, 1) + tgy;
  if (!isFinite(Sg) || !isFinite(Sgg) || !isFinite(Sgy)) return Infinity;
  const mg = Sg / n;
  const varg = Sgg / n - mg * mg;
  // A (numerically) constant output explains nothing: its best scaling is the mean of y.
  if (varg <= 1e-12 * (mg * mg) + 1e-30) return yVar;
  const cov = Sgy / n - mg * yMean;
  const mse = yVar - cov * cov / varg;
  return mse > 0 ? mse : 0;
}

/**
 * Writes every output of `slot` for rows [0, rowCount) of X (column-major, `stride` rows per
 * column, stride a multiple of BLOCK) to `out` (nOut columns of `stride` f32).
 */
export function predict(slot: usize, x: usize, rowCount: i32, stride: i32, out: usize): void {
  predictRange(slot, x, 0, rowCount, stride, out);
}

/** As predict, for rows [row0, row1) only (written at the same rows of `out`). */
export function predictRange(slot: usize, x: usize, row0: i32, row1: i32, stride: i32, out: usize): void {
  setup(slot);
  nodeEvals += <f64>nActiveOf(slot) * <f64>(row1 - row0);
  for (let r = row0; r < row1; r += BLOCK) {
    const count = min(BLOCK, row1 - r);
    evalBlock(slot, x, stride, r, count);
    for (let o = 0; o < nOut; o++) {
      memory.copy(out + (<usize>(o * stride + r) << 2), outputPtr(slot, o), <usize>count << 2);
    }
  }
}
