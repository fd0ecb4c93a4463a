// Provenance carried by every result's toJSON(): which eqlens, which method with which options
// and seed, and fingerprints of the data and the network, so that a result file says how to
// reproduce it (and whether it was made from the same inputs).
import type { Mlp } from './nn/mlp.js';
import { VERSION } from './version.js';

export interface Provenance {
  eqlens: string;
  method: string;
  createdAt: string;
  runtime: string;
  seed: number | null;
  /** The options as given (callbacks and signals left out). */
  options: Record<string, unknown>;
  data?: { rows: number; columns: number; hash: string };
  network?: { sizes: number[]; activations: string[]; hash: string };
}

/** FNV-1a over the f32 bytes of the values, two 32-bit lanes: a fingerprint, not a security hash. */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;
  private readonly f32 = new Float32Array(1);
  private readonly u32 = new Uint32Array(this.f32.buffer);
  add(values: ArrayLike<number>): this {
    for (let i = 0; i < values.length; i++) {
      this.f32[0] = values[i];
      const w = this.u32[0];
      this.a = Math.imul(this.a ^ w, 0x01000193) >>> 0;
      this.b = Math.imul(this.b ^ ((w << 16) | (w >>> 16)), 0x01000193) >>> 0;
    }
    return this;
  }
  hex(): string { return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0'); }
}

function plainOptions(options: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (typeof v === 'function' || (typeof AbortSignal !== 'undefined' && v instanceof AbortSignal)) continue;
    const size = Array.isArray(v) || ArrayBuffer.isView(v) ? (v as unknown as ArrayLike<unknown>).length : 0;
    // Data passed as an option (recorded activations, sequences) is fingerprinted, not copied.
    if (size > 64 || (Array.isArray(v) && v.some((e) => Array.isArray(e) || ArrayBuffer.isView(e)) && JSON.stringify(v).length > 2000)) {
      out[k] = { omitted: `${size} entries`, hash: new Fingerprint().add(Float32Array.from(JSON.stringify(v), (c) => c.charCodeAt(0))).hex() };
      continue;
    }
    out[k] = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
  }
  return out;
}

/**
 * @example
 * provenance('sr', { seed: 1, generations: 1000 }, { columns: [x0, x1, y], rows: 100 });
 */
export function provenance(method: string, options: object, data?: { columns: readonly ArrayLike<number>[]; rows: number }, mlp?: Mlp): Provenance {
  const o = plainOptions(options);
  const runtime = typeof process !== 'undefined' && process.versions?.node ? `node ${process.versions.node}` : 'browser';
  const p: Provenance = { eqlens: VERSION, method, createdAt: new Date().toISOString(), runtime, seed: typeof o.seed === 'number' ? o.seed : null, options: o };
  if (data) {
    const f = new Fingerprint();
    for (const c of data.columns) f.add(c);
    p.data = { rows: data.rows, columns: data.columns.length, hash: f.hex() };
  }
  if (mlp) {
    const f = new Fingerprint();
    for (const l of mlp.layers) f.add(l.weight).add(l.bias);
    p.network = { sizes: mlp.sizes, activations: mlp.layers.map((l) => l.activation), hash: f.hex() };
  }
  return p;
}
