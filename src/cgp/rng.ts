// xoshiro128** with splitmix32 seeding: the TypeScript twin of assembly/engine/rng.ts.
// Same seed ⇒ same stream as the WASM generator (tests compare them), so TS-side sampling
// and reference mutation are reproducible too. Library code never uses an unseeded generator.

const splitmix32 = (x: number): number => {
  x = (x + 0x9e3779b9) >>> 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
};
const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export class Rng {
  private s = new Uint32Array(4);

  constructor(seed = 0) {
    seed >>>= 0;
    this.s[0] = splitmix32(seed);
    this.s[1] = splitmix32((seed + 0x9e3779b9) >>> 0);
    this.s[2] = splitmix32((seed + 0x3c6ef372) >>> 0);
    this.s[3] = splitmix32((seed + 0xdaa66d2b) >>> 0);
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  /** Next raw u32. */
  next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform integer in [0, n): Lemire's multiply-shift, exact in doubles. */
  below(n: number): number {
    const x = this.next();
    const hi = x >>> 16, lo = x & 0xffff;
    return Math.floor((hi * n + Math.floor((lo * n) / 65536)) / 65536);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next() * 2.3283064365386963e-10;
  }

  /** Standard normal (Box–Muller, one of the pair, as in WASM). */
  gaussian(): number {
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(6.283185307179586 * u2);
  }

  get state(): number[] { return Array.from(this.s); }
  set state(v: number[]) { this.s.set(v); }
}
