// Forward-mode derivatives of a genome: one pass over a block of rows gives every active
// node's value and its partial derivative ∂/∂x_k for every program input k (dual numbers,
// one tangent column per input), all SIMD. The symbolic-gradient fitness (METHODS §4) is
// computed from the output's tangents without leaving WASM.
//
// Layout per block of TBLOCK rows: each active node (by active rank) owns 1 + nIn columns
// (value, then one tangent per input). Leaves own none: an input's value column is the data
// itself and its tangents are the shared `ones`/`zeros` columns; a constant's are the splatted
// constant and `zeros`. A node whose inputs' k-th tangents are both `zeros` points its own
// k-th tangent at `zeros` too, so inputs a subexpression does not use cost nothing.
import {
  applyBlock, arityOf, protectedOps, F_ADD, F_SUB, F_MUL, F_DIV, F_NEG, F_SQUARE, F_SQRT, F_EXP,
  F_LN, F_SIN, F_COS, F_TAN, F_TANH, F_SIGMOID, F_ABS, F_POW,
} from "./functions";
import { vsin, vcos, vlog, vpow } from "./vmath";
import { nIn, nConst, nNodes, nLeaves, genesOf, constsOf, activeListOf, nActiveOf } from "./genome";
import { dataX, dataRows, dataStride, addNodeEvaluations } from "./evaluate";

/** Rows per block: 1 + nIn columns per active node must stay in cache. */
export const TBLOCK: i32 = 256;
/** Added to ‖∇g‖ before normalising (METHODS §4). */
const EPS: f32 = 1e-5;

let valTable: usize = 0;  // usize per address: value column for the current block
let tanTable: usize = 0;  // usize per (address, input): tangent column for the current block
let columns: usize = 0;   // (1 + nIn) × TBLOCK f32 per node, indexed by active rank
let constCols: usize = 0; // TBLOCK f32 per constant slot
let ones: usize = 0;
let zeros: usize = 0;
let fa: usize = 0;        // ∂f/∂a over the block
let fb: usize = 0;        // ∂f/∂b over the block
let capNodes: i32 = -1;
let capLeaves: i32 = -1;
let capInputs: i32 = -1;

// The symbolic-gradient target: nIn f32 columns of `dataStride` rows, the network's unit
// gradient already normalised per row (TypeScript drops rows where it vanishes).
let gradTarget: usize = 0;
let gradientMode: bool = false;

/** Switches the ES fitness between MSE (false) and the normalised-gradient loss (true). */
export function setGradientFitness(target: usize, on: bool): void {
  gradTarget = target;
  gradientMode = on;
}
export function gradientFitnessOn(): bool { return gradientMode; }

function prepare(): void {
  if (capNodes >= nNodes && capLeaves >= nLeaves && capInputs >= nIn) return;
  if (valTable != 0) {
    heap.free(valTable); heap.free(tanTable); heap.free(columns); heap.free(constCols);
    heap.free(ones); heap.free(zeros); heap.free(fa); heap.free(fb);
  }
  const addresses = nLeaves + nNodes;
  valTable = heap.alloc(<usize>addresses << 2);
  tanTable = heap.alloc(<usize>(addresses * max(nIn, 1)) << 2);
  columns = heap.alloc(<usize>(max(nNodes, 1) * (1 + nIn) * TBLOCK) << 2);
  constCols = heap.alloc(<usize>(max(nConst, 1) * TBLOCK) << 2);
  ones = heap.alloc(<usize>TBLOCK << 2);
  zeros = heap.alloc(<usize>TBLOCK << 2);
  fa = heap.alloc(<usize>TBLOCK << 2);
  fb = heap.alloc(<usize>TBLOCK << 2);
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  for (let j = 0; j < TBLOCK; j += 4) {
    v128.store(ones + (<usize>j << 2), one);
    v128.store(zeros + (<usize>j << 2), zero);
  }
  capNodes = nNodes; capLeaves = nLeaves; capInputs = nIn;
}

@inline function tanSlot(address: i32, k: i32): usize {
  return tanTable + (<usize>(address * nIn + k) << 2);
}

/** Splats the constants and points every node's value column at its block buffer. */
function setup(slot: usize): void {
  prepare();
  const c = constsOf(slot);
  for (let i = 0; i < nConst; i++) {
    const buf = constCols + (<usize>(i * TBLOCK) << 2);
    const v = f32x4.splat(load<f32>(c + (<usize>i << 2)));
    for (let j = 0; j < TBLOCK; j += 4) v128.store(buf + (<usize>j << 2), v);
    store<usize>(valTable + (<usize>(nIn + i) << 2), buf);
    for (let k = 0; k < nIn; k++) store<usize>(tanSlot(nIn + i, k), zeros);
  }
  for (let i = 0; i < nIn; i++) {
    for (let k = 0; k < nIn; k++) store<usize>(tanSlot(i, k), k == i ? ones : zeros);
  }
  const list = activeListOf(slot);
  const n = nActiveOf(slot);
  for (let r = 0; r < n; r++) {
    const node = load<i32>(list + (<usize>r << 2));
    store<usize>(valTable + (<usize>(nLeaves + node) << 2), columns + (<usize>(r * (1 + nIn) * TBLOCK) << 2));
  }
}

/** ∂f/∂a (and ∂f/∂b for mul, div, pow) of node function `fn` over n rows into fa, fb. */
function partials(fn: i32, a: usize, b: usize, v: usize, n: i32): void {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  for (let j = 0; j < n; j += 4) {
    const o = <usize>j << 2;
    const x = v128.load(a + o);
    let p = zero, q = zero;
    switch (fn) {
      case F_MUL: { p = v128.load(b + o); q = x; break; }
      case F_DIV: {
        const d = v128.load(b + o);
        p = f32x4.div(one, d);
        q = f32x4.neg(f32x4.div(v128.load(v + o), d));
        if (protectedOps) {
          const z = f32x4.eq(d, zero); // x/0 → 1 is flat
          p = v128.bitselect(zero, p, z); q = v128.bitselect(zero, q, z);
        }
        break;
      }
      case F_SQUARE: { p = f32x4.add(x, x); break; }
      case F_SQRT: {
        p = f32x4.div(f32x4.splat(0.5), v128.load(v + o));
        // sqrt|x| falls on the left: the derivative takes the sign of x.
        if (protectedOps) p = v128.bitselect(f32x4.neg(p), p, f32x4.lt(x, zero));
        break;
      }
      case F_EXP: { p = v128.load(v + o); break; }
      case F_LN: { p = f32x4.div(one, x); break; } // d ln|x| = dx/x too
      case F_SIN: { p = vcos(x); break; }
      case F_COS: { p = f32x4.neg(vsin(x)); break; }
      case F_TAN: { const t = v128.load(v + o); p = f32x4.add(one, f32x4.mul(t, t)); break; }
      case F_TANH: { const t = v128.load(v + o); p = f32x4.sub(one, f32x4.mul(t, t)); break; }
      case F_SIGMOID: { const s = v128.load(v + o); p = f32x4.mul(s, f32x4.sub(one, s)); break; }
      case F_ABS: {
        p = v128.bitselect(one, zero, f32x4.gt(x, zero));
        p = v128.bitselect(f32x4.neg(one), p, f32x4.lt(x, zero));
        break;
      }
      case F_POW: {
        const e = v128.load(b + o);
        const base = protectedOps ? f32x4.abs(x) : x;
        // b·|x|^(b−1), signed like x for the protected |x|^b.
        p = f32x4.mul(e, vpow(base, f32x4.sub(e, one)));
        if (protectedOps) p = v128.bitselect(f32x4.neg(p), p, f32x4.lt(x, zero));
        q = f32x4.mul(v128.load(v + o), vlog(base));
        break;
      }
      default: break;
    }
    v128.store(fa + o, p);
    v128.store(fb + o, q);
  }
}

/** One block: values and tangents of every active node of `slot` for rows [row0, row0+n). */
function tangentBlock(slot: usize, x: usize, stride: i32, row0: i32, n: i32): void {
  for (let i = 0; i < nIn; i++) store<usize>(valTable + (<usize>i << 2), x + (<usize>(i * stride + row0) << 2));
  const g = genesOf(slot);
  const list = activeListOf(slot);
  const active = nActiveOf(slot);
  for (let r = 0; r < active; r++) {
    const node = load<i32>(list + (<usize>r << 2));
    const base = g + (<usize>(3 * node) << 2);
    const fn = load<i32>(base);
    const ia = load<i32>(base, 4);
    const binary = arityOf(fn) == 2;
    const ib = binary ? load<i32>(base, 8) : ia;
    const va = load<usize>(valTable + (<usize>ia << 2));
    const vb = load<usize>(valTable + (<usize>ib << 2));
    const address = nLeaves + node;
    const vo = load<usize>(valTable + (<usize>address << 2));
    applyBlock(fn, va, vb, vo, n);
    const linear = fn == F_ADD || fn == F_SUB || fn == F_NEG;
    if (!linear) partials(fn, va, vb, vo, n);
    for (let k = 0; k < nIn; k++) {
      const da = load<usize>(tanSlot(ia, k));
      const db = binary ? load<usize>(tanSlot(ib, k)) : zeros;
      if (da == zeros && db == zeros) { store<usize>(tanSlot(address, k), zeros); continue; }
      const out = vo + (<usize>((1 + k) * TBLOCK) << 2);
      store<usize>(tanSlot(address, k), out);
      tangentKernel(fn, da, db, out, n, da == zeros, db == zeros);
    }
  }
}

/** out = fa·da + fb·db (or the linear rules), skipping a side whose tangent is zero. */
function tangentKernel(fn: i32, da: usize, db: usize, out: usize, n: i32, aZero: bool, bZero: bool): void {
  const end = out + (<usize>n << 2);
  let pa = fa, pb = fb;
  if (fn == F_ADD) {
    while (out < end) { v128.store(out, f32x4.add(v128.load(da), v128.load(db))); da += 16; db += 16; out += 16; }
  } else if (fn == F_SUB) {
    while (out < end) { v128.store(out, f32x4.sub(v128.load(da), v128.load(db))); da += 16; db += 16; out += 16; }
  } else if (fn == F_NEG) {
    while (out < end) { v128.store(out, f32x4.neg(v128.load(da))); da += 16; out += 16; }
  } else if (bZero) {
    // Unary, or a binary node whose second argument is constant in x_k (pow(x, 2): never
    // touch ln x there, which is NaN for x < 0).
    while (out < end) { v128.store(out, f32x4.mul(v128.load(pa), v128.load(da))); pa += 16; da += 16; out += 16; }
  } else if (aZero) {
    while (out < end) { v128.store(out, f32x4.mul(v128.load(pb), v128.load(db))); pb += 16; db += 16; out += 16; }
  } else {
    while (out < end) {
      v128.store(out, f32x4.add(f32x4.mul(v128.load(pa), v128.load(da)), f32x4.mul(v128.load(pb), v128.load(db))));
      pa += 16; pb += 16; da += 16; db += 16; out += 16;
    }
  }
}

@inline function outputAddress(slot: usize, o: i32): i32 {
  return load<i32>(genesOf(slot) + (<usize>(3 * nNodes + o) << 2));
}

/**
 * Writes output `o`'s value and its nIn partial derivatives for rows [0, rowCount) of X
 * (column-major, `stride` rows per column) to `out`: 1 + nIn columns of `stride` f32.
 */
export function predictTangents(slot: usize, x: usize, rowCount: i32, stride: i32, o: i32, out: usize): void {
  setup(slot);
  const address = outputAddress(slot, o);
  for (let r = 0; r < rowCount; r += TBLOCK) {
    const count = min(TBLOCK, rowCount - r);
    tangentBlock(slot, x, stride, r, (count + 7) & ~7);
    const bytes = <usize>count << 2;
    memory.copy(out + (<usize>r << 2), load<usize>(valTable + (<usize>address << 2)), bytes);
    for (let k = 0; k < nIn; k++) {
      memory.copy(out + (<usize>((1 + k) * stride + r) << 2), load<usize>(tanSlot(address, k)), bytes);
    }
  }
  addNodeEvaluations(<f64>nActiveOf(slot) * <f64>rowCount);
}

/**
 * The sign-invariant normalised-gradient loss of output 0 on the fitness data set:
 * min over s = ±1 of (1/(N·d)) Σ_n Σ_k (s·∂_k g/(‖∇g‖ + ε) − n_k)². Both signs are summed
 * in the same pass as squares (not as ‖u‖² + ‖n‖² ∓ 2u·n, whose cancellation would hide
 * losses below ~1e-7 that constant refinement still needs to see). An expression whose
 * gradient is zero on every row (a constant) gets +Infinity, and so does any NaN/Inf.
 */
export function gradientLoss(slot: usize): f64 {
  setup(slot);
  const address = outputAddress(slot, 0);
  let P: f64 = 0, M: f64 = 0, G: f64 = 0;
  const eps = f32x4.splat(EPS), one = f32x4.splat(1);
  for (let row0 = 0; row0 < dataRows; row0 += TBLOCK) {
    const count = min(TBLOCK, dataRows - row0);
    tangentBlock(slot, dataX, dataStride, row0, (count + 7) & ~7);
    let pp = f32x4.splat(0), mm = f32x4.splat(0), gg = f32x4.splat(0);
    const full = count & ~3;
    for (let j = 0; j < full; j += 4) {
      const o = <usize>j << 2;
      let s2 = f32x4.splat(0);
      for (let k = 0; k < nIn; k++) {
        const t = v128.load(load<usize>(tanSlot(address, k)) + o);
        s2 = f32x4.add(s2, f32x4.mul(t, t));
      }
      const inv = f32x4.div(one, f32x4.add(f32x4.sqrt(s2), eps));
      for (let k = 0; k < nIn; k++) {
        const u = f32x4.mul(v128.load(load<usize>(tanSlot(address, k)) + o), inv);
        const nk = v128.load(gradTarget + (<usize>(k * dataStride + row0 + j) << 2));
        const dp = f32x4.sub(u, nk), dm = f32x4.add(u, nk);
        pp = f32x4.add(pp, f32x4.mul(dp, dp));
        mm = f32x4.add(mm, f32x4.mul(dm, dm));
      }
      gg = f32x4.add(gg, s2);
    }
    P += <f64>(f32x4.extract_lane(pp, 0) + f32x4.extract_lane(pp, 1) + f32x4.extract_lane(pp, 2) + f32x4.extract_lane(pp, 3));
    M += <f64>(f32x4.extract_lane(mm, 0) + f32x4.extract_lane(mm, 1) + f32x4.extract_lane(mm, 2) + f32x4.extract_lane(mm, 3));
    G += <f64>(f32x4.extract_lane(gg, 0) + f32x4.extract_lane(gg, 1) + f32x4.extract_lane(gg, 2) + f32x4.extract_lane(gg, 3));
    for (let j = full; j < count; j++) {
      const o = <usize>j << 2;
      let s2: f32 = 0;
      for (let k = 0; k < nIn; k++) { const t = load<f32>(load<usize>(tanSlot(address, k)) + o); s2 += t * t; }
      const inv: f32 = 1 / (<f32>Mathf.sqrt(s2) + EPS);
      for (let k = 0; k < nIn; k++) {
        const u = load<f32>(load<usize>(tanSlot(address, k)) + o) * inv;
        const nk = load<f32>(gradTarget + (<usize>(k * dataStride + row0 + j) << 2));
        P += <f64>((u - nk) * (u - nk));
        M += <f64>((u + nk) * (u + nk));
      }
      G += <f64>s2;
    }
  }
  addNodeEvaluations(<f64>nActiveOf(slot) * <f64>dataRows);
  if (!isFinite(P) || !isFinite(M) || !isFinite(G) || G == 0) return Infinity;
  return min(P, M) / (<f64>dataRows * <f64>nIn);
}
