// SymbolicRegressor: CGP symbolic regression with the (1+λ) strategy running inside WASM.
// The constructor stores options; fit() learns `equations` (the Pareto front), as in
// scikit-learn and PySR.
import { createEngine, type Geometry, type WasmEngine, type GenomeData } from '../../bindings/engine.js';
import { EqlensError } from '../errors.js';
import { functionByName, weightsByCode } from '../cgp/functions.js';
import { toColumns, toTarget, type Matrix } from '../data/matrix.js';
import { decodeGenome, defaultNames } from '../expr/decode.js';
import { math, type MathNode } from '../expr/math.js';
import { frontSimplifier, sampleRows } from '../expr/simplify.js';
import { compileRow, toTex, toText } from '../expr/format.js';
import { resolveOptions, type RegressorOptions, type ResolvedOptions } from './options.js';
import { paretoFront, frontScores, bestIndex } from './pareto.js';
import { linearFit, refineConstants } from './constants.js';
import { runEsLoop, hallOfFame, checkpointPlan } from './es-loop.js';
import { runIslands } from '../parallel/islands.js';
import { defaultThreads } from '../parallel/platform.js';
import { checkTarget } from './target-checks.js';
import { fitRowBudget } from './row-budget.js';
import { provenance, type Provenance } from '../provenance.js';

/** One member of the Pareto front. */
export interface Equation {
  complexity: number;
  /** Training MSE. */
  loss: number;
  /** PySR's score: −Δlog(loss)/Δcomplexity against the next simpler member. */
  score: number;
  /** Training R². */
  r2: number;
  /** Simplified, constants to 6 significant digits. */
  expression: string;
  /** LaTeX, variables subscripted (x_{0}). */
  latex: string;
}

interface FittedMember {
  genome: GenomeData;
  a: number;
  b: number;
  node: MathNode;
}

export class SymbolicRegressor {
  readonly options: ResolvedOptions;
  /** The Pareto front, simplest first (set by fit). */
  equations: Equation[] = [];
  /** Wall-clock seconds of the last fit. */
  seconds = 0;
  generations = 0;
  evaluations = 0;
  /** Why the search ended: 'target' | 'generations' | 'time' | 'aborted'. */
  stopReason: 'target' | 'generations' | 'time' | 'aborted' | undefined;
  /** How the last fit was made: eqlens version, options, seed, data fingerprint. */
  provenance: Provenance | undefined;
  /** What the user should know about the last fit (e.g. that the data were subsampled). */
  notes: string[] = [];
  /** Threads (islands) the last fit used. */
  threads = 0;
  private bestIdx = -1;
  private members: FittedMember[] = [];
  private engine: WasmEngine | undefined;
  private geometry: Geometry | undefined;
  private names: string[] = [];

  /**
   * @example
   * const sr = new SymbolicRegressor({ functions: ['add', 'mul', 'sin'], generations: 2000, seed: 1 });
   * await sr.fit([[0], [1], [2], [3]], [0, 1, 4, 9]);
   * sr.best().expression; // "x0 ^ 2"
   */
  constructor(options: RegressorOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** Searches for equations of y in terms of the columns of X; returns this regressor. */
  async fit(X: Matrix, y: ArrayLike<number>): Promise<this> {
    const o = this.options;
    const t0 = performance.now();
    const given = toColumns(X);
    const givenY = toTarget(y, given.rows);
    checkTarget(givenY);
    const budget = fitRowBudget(given.columns, givenY, given.rows, o.memoryLimitMiB, o.seed);
    const { columns, rows, y: yv } = budget;
    this.notes = budget.note ? [budget.note] : [];
    this.provenance = provenance('SymbolicRegressor', this.options, { columns: [...given.columns, givenY], rows: given.rows });
    this.names = o.variableNames ? [...o.variableNames] : defaultNames(columns.length);
    if (this.names.length !== columns.length) {
      throw new EqlensError('E_OPTION', `option variableNames: ${this.names.length} names for ${columns.length} input columns`);
    }
    const engine = await createEngine();
    const geometry: Geometry = { inputs: columns.length, constants: o.constants, rows: o.rows, cols: o.cols, levelsBack: o.levelsBack, outputs: 1 };
    const codes = o.functions.map((f) => functionByName(f).code);
    const weights = weightsByCode(o.complexityWeights);
    engine.setGeometry(geometry, codes, weights);
    const raw = engine.raw;
    raw.setProtected(o.protectedOps ? 1 : 0);
    raw.setLinearScaling(o.linearScaling ? 1 : 0);
    raw.setConstSigma(o.constantSigma);
    raw.setConstRange(o.constantRange[0], o.constantRange[1]);
    const data = engine.loadData(columns, rows, yv);
    engine.useForFitness(data);
    const target = o.targetLoss ?? 1e-12 * raw.targetVariance();
    const plan = checkpointPlan(o, this.provenance!.data!.hash);
    const threads = o.threads ?? await defaultThreads();
    let candidates: GenomeData[];
    try {
      if (threads > 1) {
        const run = await runIslands({ geometry, codes, weights, columns, rows, y: yv, linearScaling: o.linearScaling }, o, threads, target, t0, { checkpoint: plan });
        Object.assign(this, { generations: run.generations, evaluations: run.evaluations, stopReason: run.stopReason });
        candidates = run.candidates;
      } else {
        const run = await runEsLoop(engine, o, target, t0, plan);
        Object.assign(this, { generations: run.generations, evaluations: run.evaluations, stopReason: run.stopReason });
        candidates = hallOfFame(engine);
      }
    } catch (e) {
      engine.freeData(data);
      throw e;
    }
    this.threads = threads;
    this.engine = engine;
    this.geometry = geometry;
    this.buildFront(engine, geometry, data, yv, columns, rows, candidates);
    engine.freeData(data);
    if (!this.equations.length) {
      throw this.stopReason === 'aborted'
        ? new EqlensError('E_ABORTED', 'the search was cancelled before any equation was scored')
        : new EqlensError('E_DATA_VALUE', 'every equation tried was NaN or infinite on the data: check X and y for extreme values');
    }
    this.seconds = (performance.now() - t0) / 1000;
    return this;
  }

  private buildFront(engine: WasmEngine, g: Geometry, data: ReturnType<WasmEngine['loadData']>, y: Float64Array,
    columns: Float32Array[], rows: number, hall: readonly GenomeData[]): void {
    const o = this.options, raw = engine.raw;
    const candidates = hall.map((genome) => ({ genome, complexity: genome.complexity, loss: genome.fitness }));
    const weights = weightsByCode(o.complexityWeights);
    const slot = engine.allocSlot();
    const sample = sampleRows(columns, rows);
    const varY = raw.targetVariance();
    const simplify = frontSimplifier(this.names, sample);
    const refined: (FittedMember & { complexity: number; loss: number })[] = [];
    for (const cand of paretoFront(candidates)) {
      const genome = { ...cand.genome, consts: Float32Array.from(cand.genome.consts) };
      const outputOf = (consts: ArrayLike<number>) => {
        engine.writeGenome(slot, genome.genes, consts);
        return engine.predict(slot, data)[0];
      };
      if (o.optimizeConstants) {
        // Residuals after the best linear scaling of each candidate (variable projection).
        const residuals = (consts: Float32Array) => {
          const out = outputOf(consts);
          const fit = linearFit(out, y, o.linearScaling);
          if (!Number.isFinite(fit.mse)) return null;
          const r = new Float64Array(rows);
          for (let i = 0; i < rows; i++) r[i] = y[i] - (fit.a * out[i] + fit.b);
          return r;
        };
        genome.consts = refineConstants(g, genome.genes, genome.consts, weights, residuals, (c) => linearFit(outputOf(c), y, o.linearScaling).mse);
      }
      const fit = linearFit(outputOf(genome.consts), y, o.linearScaling);
      if (!Number.isFinite(fit.mse)) continue;
      let node = decodeGenome(g, genome, 0, { names: this.names, protectedOps: o.protectedOps });
      if (o.linearScaling) {
        // For display, a scale within 1e-6 of 1 and an offset below 1e-6 of the target's
        // spread are f32 noise: the printed formula is then exact to that precision.
        const spread = Math.sqrt(varY) || 1;
        const a = Math.abs(fit.a - 1) <= 1e-6 ? 1 : fit.a;
        const b = Math.abs(fit.b) <= 1e-6 * spread ? 0 : fit.b;
        if (a !== 1) node = new math.OperatorNode('*', 'multiply', [new math.ConstantNode(a), node]);
        if (b !== 0) node = new math.OperatorNode('+', 'add', [node, new math.ConstantNode(b)]);
      }
      node = simplify(node);
      refined.push({ genome, a: fit.a, b: fit.b, node, complexity: cand.complexity, loss: fit.mse });
    }
    engine.free(slot);
    // Genomes that differ only in genes simplification removes print the same equation, with
    // losses apart in the f32 noise: the front keeps the simplest of them (`refined` ascends in
    // complexity), so it never lists one equation twice.
    const printed = new Set<string>();
    const distinct = refined.filter((m) => { const t = toText(m.node); if (printed.has(t)) return false; printed.add(t); return true; });
    const front = paretoFront(distinct);
    const scores = frontScores(front);
    this.members = front;
    this.equations = front.map((m, i) => ({
      complexity: m.complexity,
      loss: m.loss,
      score: scores[i],
      r2: varY > 0 ? 1 - m.loss / varY : m.loss === 0 ? 1 : 0,
      expression: toText(m.node),
      latex: toTex(m.node),
    }));
    this.bestIdx = bestIndex(front, scores);
  }

  private fittedOrThrow(): { engine: WasmEngine; geometry: Geometry } {
    if (!this.engine || !this.geometry || this.bestIdx < 0) {
      throw new EqlensError('E_NOT_FITTED', 'this SymbolicRegressor has not been fitted: call await fit(X, y) first');
    }
    return { engine: this.engine, geometry: this.geometry };
  }

  private member(index?: number): FittedMember {
    this.fittedOrThrow();
    const i = index ?? this.bestIdx;
    const m = this.members[i];
    if (!m) throw new EqlensError('E_OPTION', `equation index ${i} is outside the front (0..${this.members.length - 1})`);
    return m;
  }

  /** The chosen equation (PySR's rule: best score within 1.5× the lowest loss). */
  best(): Equation {
    this.fittedOrThrow();
    return this.equations[this.bestIdx];
  }

  /** Index of best() in `equations`. */
  get bestIndex(): number { return this.bestIdx; }

  /** Predictions of equation `index` (default: the best) for the rows of X, evaluated in WASM. */
  predict(X: Matrix, index?: number): Float64Array {
    const { engine } = this.fittedOrThrow();
    const m = this.member(index);
    const { columns, rows } = toColumns(X);
    if (columns.length !== this.names.length) {
      throw new EqlensError('E_DATA_SHAPE', `X has ${columns.length} columns; the model was fitted on ${this.names.length}`);
    }
    const d = engine.loadData(columns, rows);
    const slot = engine.allocSlot();
    try {
      engine.writeGenome(slot, m.genome.genes, m.genome.consts);
      const g = engine.predict(slot, d)[0];
      return Float64Array.from(g, (v) => m.a * v + m.b);
    } finally {
      engine.free(slot);
      engine.freeData(d);
    }
  }

  /** Equation `index` (default: the best) as a compiled JS function of one input row. */
  compile(index?: number): (row: ArrayLike<number>) => number {
    return compileRow(this.member(index).node, this.names);
  }

  /** Plain data: the front, the best equation, timing and the options that produced them. */
  toJSON() {
    const { signal: _s, onProgress: _p, ...options } = this.options;
    return {
      equations: this.equations,
      best: this.bestIdx >= 0 ? this.equations[this.bestIdx] : null,
      seconds: this.seconds,
      generations: this.generations,
      evaluations: this.evaluations,
      stopReason: this.stopReason,
      provenance: this.provenance,
      notes: this.notes,
      threads: this.threads,
      options,
    };
  }
}
