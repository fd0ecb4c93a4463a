// The only code that talks to eqlens.wasm: typed access to its raw exports, memory ownership
// and typed views. Views are re-created whenever memory has grown (growth detaches the old
// ArrayBuffer silently), so always read them through the getters, never keep them.
import { compileModule, instantiate, type WasmSource } from './loader.js';
import { EqlensError } from '../src/errors.js';

interface RawExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  rngSeed(seed: number): void;
  rngNext(): number;
  rngGetState(i: number): number;
  rngSetState(a: number, b: number, c: number, d: number): void;
  setProtected(on: number): void;
  applyArray(fn: number, a: number, b: number, out: number, n: number): void;
  /** Test entry: the sin/cos/exp kernels for inputs in [−1 − 2^−23, 1 + 2^−23] or NaN. */
  applyArrayUnit(fn: number, a: number, out: number, n: number): void;
  setGeometry(nIn: number, nConst: number, rows: number, cols: number, levelsBack: number,
    nOut: number, funcPtr: number, funcCount: number, weightPtr: number): number;
  setConstRange(lo: number, hi: number): void;
  markActive(slot: number): number;
  randomGenome(slot: number): void;
  blockSize(): number;
  prepareWorkspace(): void;
  setData(x: number, y: number, rows: number, stride: number): void;
  evaluate(slot: number): number;
  predict(slot: number, x: number, rows: number, stride: number, out: number): void;
  setLinearScaling(on: number): void;
  nodeEvaluations(): number;
  resetNodeEvaluations(): void;
  targetVariance(): number;
  setGradientFitness(target: number, on: number): void;
  predictTangents(slot: number, x: number, rows: number, stride: number, output: number, out: number): void;
  gradientLoss(slot: number): number;
  mutatePoint(slot: number, rate: number): number;
  mutateSingle(slot: number): number;
  setConstSigma(s: number): void;
  esConfigure(lambda: number, rate: number, mode: number, neutral: number): void;
  esInit(): void;
  esStart(random: number): number;
  esRun(gens: number, target: number): number;
  score(slot: number): number;
  hofSlot(c: number): number;
  parentSlot(): number;
  esEvaluations(): number;
  esGenerations(): number;
  maxComplexity(): number;
  esSetCounters(evaluations: number, generations: number): void;
  evaluatePool(pool: number, count: number): number;
  mutateMany(parent: number, child: number, count: number, rate: number): number;
  srnetConfigure(layers: number, lambda: number, rate: number, consts: number, rows: number, cols: number,
    levelsBack: number, funcPtr: number, funcCount: number, weightPtr: number, x: number, rowCount: number,
    trainCount: number, stride: number, classPtr: number, kind: number, gPtr: number, wbPtr: number): void;
  srnetSlotBytes(inputs: number): number;
  srnetLayer(i: number, inputs: number, outputs: number, targets: number, hat: number, parent: number,
    pool: number, wb: number, weight: number): void;
  srnetInit(): number;
  srnetRun(gens: number, target: number): number;
  srnetEvaluateParent(): number;
  srnetFitness(): number;
  srnetLayerLoss(i: number): number;
  srnetParent(i: number): number;
  srnetActive(i: number): number;
  srnetPruned(): number;
  srnetRotation(i: number, units: number, rotation: number): void;
  srnetSetPruning(on: number): void;
  srnetSetCache(on: number): void;
  srnetCacheHits(): number;
  srnetSetLayerMoves(n: number): void;
  srnetSetLocalMoves(n: number): void;
  srnetSetFrozen(i: number): void;
  srnetCeilingStart(x: number, xStride: number, rows: number, g: number, generations: number): number;
  ceilingConfigure(y: number, rows: number, units: number, bin: number): void;
  ceilingLoss(g: number): number;
  srnetMoves(): number;
  srnetSetFitness(f: number): void;
  denseLayer(x: number, inputs: number, w: number, b: number, outputs: number, act: number,
    pre: number, post: number, rows: number, stride: number): void;
  forwardRows(x: number, rowStep: number, colStep: number, inputs: number, rows: number, layers: number, count: number,
    out: number, outStride: number): number;
  oneHotLayer(table: number, cols: number, base: number, units: number, idx: number, m: number, act: number,
    pre: number, post: number, rows: number, stride: number): void;
}

/** CGP geometry: rows × cols function nodes, connections reach `levelsBack` columns back. */
export interface Geometry {
  inputs: number;
  constants: number;
  rows: number;
  cols: number;
  levelsBack: number;
  outputs: number;
}

/** A genome read out of WASM memory (copies, safe to keep). */
export interface GenomeData {
  genes: Int32Array;   // [fn, in1, in2] per node, then the output genes
  consts: Float32Array;
  fitness: number;
  nActive: number;
  complexity: number;
}

/** A data set living in WASM memory: column-major f32 X, padded to whole blocks; f64 y. */
export interface WasmDataset {
  readonly x: number;
  readonly y: number;
  readonly rows: number;
  readonly stride: number;
  readonly inputs: number;
}

const SLOT_HEADER = 32;

export class WasmEngine {
  readonly raw: RawExports;
  readonly block: number;
  private buffer: ArrayBuffer | undefined;
  private views: { f32: Float32Array; f64: Float64Array; i32: Int32Array; u8: Uint8Array } | undefined;
  private geometry: Geometry | undefined;
  private geometryPtrs: number[] = [];
  private _slotBytes = 0;
  private offConsts = 0;

  constructor(instance: WebAssembly.Instance) {
    this.raw = instance.exports as unknown as RawExports;
    this.block = this.raw.blockSize();
  }

  private get v() {
    const buf = this.raw.memory.buffer;
    if (buf !== this.buffer || !this.views) {
      this.buffer = buf;
      this.views = { f32: new Float32Array(buf), f64: new Float64Array(buf), i32: new Int32Array(buf), u8: new Uint8Array(buf) };
    }
    return this.views;
  }
  get f32(): Float32Array { return this.v.f32; }
  get f64(): Float64Array { return this.v.f64; }
  get i32(): Int32Array { return this.v.i32; }
  get u8(): Uint8Array { return this.v.u8; }

  /** Allocates `bytes` (16-byte aligned); E_WASM_ABORT when memory cannot grow. */
  alloc(bytes: number): number {
    let p: number;
    try {
      p = this.raw.alloc(Math.max(16, bytes));
    } catch (e) {
      throw new EqlensError('E_WASM_ABORT', `WASM memory exhausted allocating ${bytes} bytes: ${(e as Error).message}`);
    }
    return p;
  }
  free(ptr: number): void { if (ptr) this.raw.free(ptr); }

  seed(seed: number): void { this.raw.rngSeed(seed >>> 0); }
  rngState(): [number, number, number, number] {
    return [0, 1, 2, 3].map((i) => this.raw.rngGetState(i) >>> 0) as [number, number, number, number];
  }
  setRngState(s: readonly number[]): void { this.raw.rngSetState(s[0], s[1], s[2], s[3]); }

  /** Sets the genome geometry and function set; returns the slot size in bytes. */
  setGeometry(g: Geometry, functionCodes: readonly number[], weightsByCode: readonly number[]): number {
    for (const p of this.geometryPtrs) this.free(p);
    const fp = this.alloc(4 * functionCodes.length);
    this.i32.set(functionCodes, fp >> 2);
    const wp = this.alloc(4 * weightsByCode.length);
    this.i32.set(weightsByCode, wp >> 2);
    this.geometryPtrs = [fp, wp];
    this._slotBytes = this.raw.setGeometry(g.inputs, g.constants, g.rows, g.cols, g.levelsBack, g.outputs,
      fp, functionCodes.length, wp);
    this.raw.prepareWorkspace();
    const nGenes = 3 * g.rows * g.cols + g.outputs;
    this.offConsts = (SLOT_HEADER + 4 * nGenes + 15) & ~15;
    this.geometry = { ...g };
    return this._slotBytes;
  }
  get slotBytes(): number { return this._slotBytes; }
  get currentGeometry(): Geometry {
    if (!this.geometry) throw new EqlensError('E_OPTION', 'engine geometry not set');
    return this.geometry;
  }

  /** Copies X (row-major rows or column-major columns) and optional y into WASM memory once. */
  loadData(columns: readonly Float32Array[], rows: number, y?: ArrayLike<number>): WasmDataset {
    const { ptr: x, stride } = this.loadColumns(columns, rows);
    const yp = this.alloc(8 * stride);
    const f64 = this.f64;
    f64.fill(0, yp >> 3, (yp >> 3) + stride);
    if (y) for (let r = 0; r < rows; r++) f64[(yp >> 3) + r] = y[r];
    return { x, y: yp, rows, stride, inputs: columns.length };
  }

  /** f32 columns, each padded to a whole number of SIMD blocks (`stride` values), one after another. */
  loadColumns(columns: readonly Float32Array[], rows: number): { ptr: number; stride: number } {
    const stride = Math.max(this.block, Math.ceil(rows / this.block) * this.block);
    const ptr = this.alloc(4 * stride * Math.max(columns.length, 1));
    const f32 = this.f32;
    columns.forEach((c, i) => {
      const base = (ptr >> 2) + i * stride;
      f32.set(c.subarray(0, rows), base);
      // Pad with the first row's value: padding rows are evaluated but never scored, and a
      // valid value keeps them from producing spurious NaN/Inf work.
      f32.fill(rows > 0 ? c[0] : 0, base + rows, base + stride);
    });
    return { ptr, stride };
  }
  freeData(d: WasmDataset): void { this.free(d.x); this.free(d.y); }

  /** Makes `d` the fitness data set of evaluate/esRun. */
  useForFitness(d: WasmDataset): void { this.raw.setData(d.x, d.y, d.rows, d.stride); }

  allocSlot(): number { return this.alloc(this._slotBytes); }

  writeGenome(slot: number, genes: ArrayLike<number>, consts: ArrayLike<number>): void {
    this.i32.set(genes as ArrayLike<number>, (slot + SLOT_HEADER) >> 2);
    this.f32.set(consts as ArrayLike<number>, (slot + this.offConsts) >> 2);
    this.raw.markActive(slot);
  }

  readGenome(slot: number): GenomeData {
    const g = this.currentGeometry;
    const nGenes = 3 * g.rows * g.cols + g.outputs;
    const i32 = this.i32;
    return {
      genes: i32.slice((slot + SLOT_HEADER) >> 2, ((slot + SLOT_HEADER) >> 2) + nGenes),
      consts: this.f32.slice((slot + this.offConsts) >> 2, ((slot + this.offConsts) >> 2) + g.constants),
      fitness: this.f64[slot >> 3],
      nActive: i32[(slot + 8) >> 2],
      complexity: i32[(slot + 12) >> 2],
    };
  }

  /** Every output of the genome in `slot` on data set `d`: outputs × rows, row-major per output. */
  predict(slot: number, d: WasmDataset): Float32Array[] {
    const g = this.currentGeometry;
    const out = this.alloc(4 * d.stride * g.outputs);
    try {
      this.raw.predict(slot, d.x, d.rows, d.stride, out);
      const f32 = this.f32;
      const res: Float32Array[] = [];
      for (let o = 0; o < g.outputs; o++) res.push(f32.slice((out >> 2) + o * d.stride, (out >> 2) + o * d.stride + d.rows));
      return res;
    } finally {
      this.free(out);
    }
  }
}

/**
 * The value of output `output` of the genome in `slot` and its partial derivative with respect to
 * every input, on data set `d`, by forward-mode differentiation in WASM: [value, ∂/∂x0, …].
 */
export function predictTangents(engine: WasmEngine, slot: number, d: WasmDataset, output = 0): Float32Array[] {
  const cols = 1 + d.inputs;
  const out = engine.alloc(4 * d.stride * cols);
  try {
    engine.raw.predictTangents(slot, d.x, d.rows, d.stride, output, out);
    const f32 = engine.f32;
    return Array.from({ length: cols }, (_, c) => f32.slice((out >> 2) + c * d.stride, (out >> 2) + c * d.stride + d.rows));
  } finally {
    engine.free(out);
  }
}

/**
 * Makes the ES score genomes by the normalised-gradient loss against `target` (one column per
 * input of `d`, each row a unit vector); returns the WASM pointer to free with
 * `clearGradientTarget`. `d` must already be the fitness data set (useForFitness).
 */
export function useGradientTarget(engine: WasmEngine, d: WasmDataset, target: readonly Float32Array[]): number {
  if (target.length !== d.inputs) throw new EqlensError('E_DATA_SHAPE', `gradient target has ${target.length} columns for ${d.inputs} inputs`);
  const p = engine.alloc(4 * d.stride * Math.max(1, d.inputs));
  const f32 = engine.f32;
  f32.fill(0, p >> 2, (p >> 2) + d.stride * d.inputs);
  target.forEach((col, k) => f32.set(col.subarray(0, d.rows), (p >> 2) + k * d.stride));
  engine.raw.setGradientFitness(p, 1);
  return p;
}

export function clearGradientTarget(engine: WasmEngine, ptr: number): void {
  engine.raw.setGradientFitness(0, 0);
  engine.free(ptr);
}

/**
 * Creates one engine instance (one per worker). `source` overrides where eqlens.wasm is
 * loaded from (a URL, a path, bytes or a compiled module).
 *
 * @example
 * const engine = await createEngine();
 * engine.seed(42);
 */
export async function createEngine(source?: WasmSource): Promise<WasmEngine> {
  const module = await compileModule(source);
  return new WasmEngine(await instantiate(module));
}
