// The function set: codes, arities and the per-node SIMD kernels.
// Codes must match src/cgp/functions.ts (the registry); a test checks the table.
import {
  vtan, vtanh, vsigmoid, vpow, expBlock, logBlock, sinBlock, cosBlock, tanBlock,
  sinBlockUnit, cosBlockUnit, expBlockUnit,
} from "./vmath";

export const F_ADD: i32 = 0;
export const F_SUB: i32 = 1;
export const F_MUL: i32 = 2;
export const F_DIV: i32 = 3;
export const F_NEG: i32 = 4;
export const F_SQUARE: i32 = 5;
export const F_SQRT: i32 = 6;
export const F_EXP: i32 = 7;
export const F_LN: i32 = 8;
export const F_SIN: i32 = 9;
export const F_COS: i32 = 10;
export const F_TAN: i32 = 11;
export const F_TANH: i32 = 12;
export const F_SIGMOID: i32 = 13;
export const F_ABS: i32 = 14;
export const F_POW: i32 = 15;
export const N_FUNCTIONS: i32 = 16;
// Kernel codes beyond the genome's function codes (evaluate.ts picks them per genome): sin, cos
// and exp of a sin or cos node, whose values are in [−1 − 2^−23, 1 + 2^−23] or NaN (vmath.ts:
// sinBlockUnit …, the general kernels' bits without range reduction or rare-input checks).
export const K_SIN_UNIT: i32 = 16;
export const K_COS_UNIT: i32 = 17;
export const K_EXP_UNIT: i32 = 18;

@inline export function arityOf(fn: i32): i32 {
  return fn <= F_DIV || fn == F_POW ? 2 : 1;
}

/** Protected semantics (user option): sqrt|x|, ln|x|, x/0 → 1, pow(|x|, y). */
export let protectedOps: bool = false;
export function setProtected(on: bool): void { protectedOps = on; }

/**
 * Applies function (or kernel code, K_SIN_UNIT …) `fn` to `n` rows read from `a` and `b`, writing `out`. `n` is a multiple of
 * 8 (evaluate.ts rounds blocks up to whole 8-row steps): the loops take two vectors per step,
 * which for the transcendental functions also overlaps their long polynomial chains (measured
 * +4% tan … +15% exp, tanh, sigmoid); exp, ln, sin and cos have block kernels in vmath.ts
 * (6–8 vectors per step, constants loaded once). One switch per node per block; the inner
 * loops are straight SIMD.
 */
export function applyBlock(fn: i32, a: usize, b: usize, out: usize, n: i32): void {
  const end = out + (<usize>n << 2);
  switch (fn) {
    case F_ADD: {
      while (out < end) {
        v128.store(out, f32x4.add(v128.load(a), v128.load(b)));
        v128.store(out, f32x4.add(v128.load(a, 16), v128.load(b, 16)), 16);
        a += 32; b += 32; out += 32;
      }
      break;
    }
    case F_SUB: {
      while (out < end) {
        v128.store(out, f32x4.sub(v128.load(a), v128.load(b)));
        v128.store(out, f32x4.sub(v128.load(a, 16), v128.load(b, 16)), 16);
        a += 32; b += 32; out += 32;
      }
      break;
    }
    case F_MUL: {
      while (out < end) {
        v128.store(out, f32x4.mul(v128.load(a), v128.load(b)));
        v128.store(out, f32x4.mul(v128.load(a, 16), v128.load(b, 16)), 16);
        a += 32; b += 32; out += 32;
      }
      break;
    }
    case F_DIV: {
      if (protectedOps) {
        const zero = f32x4.splat(0), one = f32x4.splat(1);
        while (out < end) {
          const d = v128.load(b);
          v128.store(out, v128.bitselect(one, f32x4.div(v128.load(a), d), f32x4.eq(d, zero)));
          a += 16; b += 16; out += 16;
        }
      } else {
        while (out < end) {
        v128.store(out, f32x4.div(v128.load(a), v128.load(b)));
          v128.store(out, f32x4.div(v128.load(a, 16), v128.load(b, 16)), 16);
          a += 32; b += 32; out += 32;
        }
      }
      break;
    }
    case F_NEG: {
      while (out < end) { v128.store(out, f32x4.neg(v128.load(a))); a += 16; out += 16; }
      break;
    }
    case F_SQUARE: {
      while (out < end) {
        const v = v128.load(a);
        v128.store(out, f32x4.mul(v, v));
        a += 16; out += 16;
      }
      break;
    }
    case F_SQRT: {
      if (protectedOps) {
        while (out < end) { v128.store(out, f32x4.sqrt(f32x4.abs(v128.load(a)))); a += 16; out += 16; }
      } else {
        while (out < end) { v128.store(out, f32x4.sqrt(v128.load(a))); a += 16; out += 16; }
      }
      break;
    }
    case F_EXP: {
      expBlock(a, out, n);
      break;
    }
    case F_LN: {
      logBlock(a, out, n, protectedOps);
      break;
    }
    case F_SIN: {
      sinBlock(a, out, n);
      break;
    }
    case F_COS: {
      cosBlock(a, out, n);
      break;
    }
    case F_TAN: {
      tanBlock(a, out, n);
      break;
    }
    case F_TANH: {
      while (out < end) {
        v128.store(out, vtanh(v128.load(a)));
        v128.store(out, vtanh(v128.load(a, 16)), 16);
        a += 32; out += 32;
      }
      break;
    }
    case F_SIGMOID: {
      while (out < end) {
        v128.store(out, vsigmoid(v128.load(a)));
        v128.store(out, vsigmoid(v128.load(a, 16)), 16);
        a += 32; out += 32;
      }
      break;
    }
    case F_ABS: {
      while (out < end) { v128.store(out, f32x4.abs(v128.load(a))); a += 16; out += 16; }
      break;
    }
    case F_POW: {
      if (protectedOps) {
        while (out < end) { v128.store(out, vpow(f32x4.abs(v128.load(a)), v128.load(b))); a += 16; b += 16; out += 16; }
      } else {
        while (out < end) { v128.store(out, vpow(v128.load(a), v128.load(b))); a += 16; b += 16; out += 16; }
      }
      break;
    }
    case K_SIN_UNIT: { sinBlockUnit(a, out, n); break; }
    case K_COS_UNIT: { cosBlockUnit(a, out, n); break; }
    case K_EXP_UNIT: { expBlockUnit(a, out, n); break; }
    default: unreachable();
  }
}

/** The kernel code for a node of function `fn` whose first input is a node of function `fnIn` (−1: a leaf). */
@inline export function kernelOf(fn: i32, fnIn: i32): i32 {
  if (fnIn == F_SIN || fnIn == F_COS) {
    if (fn == F_SIN) return K_SIN_UNIT;
    if (fn == F_COS) return K_COS_UNIT;
    if (fn == F_EXP) return K_EXP_UNIT;
  }
  return fn;
}

/** Test/bench entry: apply one function elementwise over whole arrays (n multiple of 8). */
export function applyArray(fn: i32, a: usize, b: usize, out: usize, n: i32): void {
  applyBlock(fn, a, b, out, n);
}

/** Test entry: the unit kernel of sin, cos or exp (fn) over whole arrays (n multiple of 8). */
export function applyArrayUnit(fn: i32, a: usize, out: usize, n: i32): void {
  applyBlock(kernelOf(fn, F_SIN), a, a, out, n);
}
