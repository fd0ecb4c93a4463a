// xoshiro128** — the engine's only source of randomness. Seeded through splitmix32 so
// that any u32 seed (including 0) gives a well-mixed state. The TypeScript twin in
// src/cgp/rng.ts produces the identical stream; tests compare them.

let s0: u32 = 1;
let s1: u32 = 2;
let s2: u32 = 3;
let s3: u32 = 4;

@inline function splitmix32(x: u32): u32 {
  x += 0x9e3779b9;
  let z = x;
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}

export function rngSeed(seed: u32): void {
  s0 = splitmix32(seed);
  s1 = splitmix32(seed + 0x9e3779b9);
  s2 = splitmix32(seed + 0x3c6ef372);
  s3 = splitmix32(seed + 0xdaa66d2b);
  if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
}

/** Next raw 32-bit output. */
export function rngNext(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

/** Uniform integer in [0, n) by Lemire's multiply-shift (bias < n / 2^32). */
@inline export function rngBelow(n: u32): u32 {
  return <u32>((<u64>rngNext() * <u64>n) >>> 32);
}

/** Uniform double in [0, 1) with 32 random bits. */
@inline export function rngUniform(): f64 {
  return <f64>rngNext() * 2.3283064365386963e-10;
}

/** Standard normal by Box–Muller (one of the pair; simple and reproducible). */
export function rngGaussian(): f64 {
  const u1 = 1.0 - rngUniform(); // (0, 1]
  const u2 = rngUniform();
  return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(6.283185307179586 * u2);
}

/** State in/out so that a search can be checkpointed and resumed. */
export function rngGetState(i: i32): u32 {
  return i == 0 ? s0 : i == 1 ? s1 : i == 2 ? s2 : s3;
}
export function rngSetState(a: u32, b: u32, c: u32, d: u32): void {
  s0 = a; s1 = b; s2 = c; s3 = d;
}
