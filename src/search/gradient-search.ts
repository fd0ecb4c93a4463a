// Symbolic-gradient search (METHODS §4): the (1+λ) CGP strategy in WASM scored by the
// sign-invariant normalised-gradient loss, then the front's constants refined by
// Levenberg–Marquardt on the same residuals, each member decoded, oriented and simplified.
import {
  createEngine, predictTangents, useGradientTarget, clearGradientTarget,
  type Geometry, type GenomeData, type WasmDataset, type WasmEngine,
} from '../../bindings/engine.js';
import { functionByName, weightsByCode } from '../cgp/functions.js';
import { GRADIENT_EPS } from '../cgp/tangent.js';
import { decodeGenome } from '../expr/decode.js';
import { math, type MathNode } from '../expr/math.js';
import { frontSimplifier, sampleRows } from '../expr/simplify.js';
import { dropAdditiveConstants } from '../expr/monotone.js';
import { refineConstants } from './constants.js';
import { runEsLoop, hallOfFame, checkpointPlan, type EsLoopResult } from './es-loop.js';
import { Fingerprint } from '../provenance.js';
import type { ResolvedOptions } from './options.js';
import { paretoFront } from './pareto.js';
import { runIslands } from '../parallel/islands.js';
import { defaultThreads } from '../parallel/platform.js';

export interface GradientMember {
  genome: GenomeData;
  /** Engine complexity (function weights + leaves). */
  complexity: number;
  /** Training loss after constant refinement. */
  loss: number;
  /** −1 when −g matches the unit better than g: the printed expression is already oriented. */
  sign: 1 | -1;
  /** Decoded, oriented (increasing with the unit), simplified, additive constants dropped. */
  node: MathNode;
}

export interface GradientSearch {
  members: GradientMember[];
  run: EsLoopResult;
  engine: WasmEngine;
  geometry: Geometry;
}

/** Rows × inputs residuals s·u − n of one candidate's tangents, and the sign s that minimises them. */
export function gradientResiduals(tangents: readonly Float32Array[], target: readonly Float32Array[], rows: number):
  { residuals: Float64Array; sign: 1 | -1 } | null {
  const d = target.length;
  let dot = 0;
  const u = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let s2 = 0;
    for (let k = 0; k < d; k++) s2 += tangents[k][r] ** 2;
    const inv = 1 / (Math.sqrt(s2) + GRADIENT_EPS);
    for (let k = 0; k < d; k++) { u[r * d + k] = tangents[k][r] * inv; dot += u[r * d + k] * target[k][r]; }
  }
  if (!Number.isFinite(dot)) return null;
  const sign = dot < 0 ? -1 : 1;
  for (let r = 0; r < rows; r++) for (let k = 0; k < d; k++) u[r * d + k] = sign * u[r * d + k] - target[k][r];
  return { residuals: u, sign };
}

/**
 * Runs the search on `columns` (the points) against `target` (the unit's normalised gradient,
 * one column per input). The engine is returned for evaluating members on other points.
 */
export async function runGradientSearch(columns: readonly Float32Array[], rows: number, target: readonly Float32Array[],
  o: ResolvedOptions, names: readonly string[]): Promise<GradientSearch> {
  const t0 = performance.now();
  const engine = await createEngine();
  const geometry: Geometry = { inputs: columns.length, constants: o.constants, rows: o.rows, cols: o.cols, levelsBack: o.levelsBack, outputs: 1 };
  const codes = o.functions.map((f) => functionByName(f).code), weights = weightsByCode(o.complexityWeights);
  engine.setGeometry(geometry, codes, weights);
  const raw = engine.raw;
  raw.setProtected(o.protectedOps ? 1 : 0);
  raw.setConstSigma(o.constantSigma);
  raw.setConstRange(o.constantRange[0], o.constantRange[1]);
  const data = engine.loadData(columns, rows);
  engine.useForFitness(data);
  const targetPtr = useGradientTarget(engine, data, target);
  try {
    const threads = o.threads ?? await defaultThreads();
    const targetLoss = o.targetLoss ?? 1e-9;
    const fingerprint = new Fingerprint();
    for (const c of [...columns, ...target]) fingerprint.add(c.subarray(0, rows));
    const plan = checkpointPlan(o, fingerprint.hex());
    let run: EsLoopResult, hall: GenomeData[];
    if (threads > 1) {
      const r = await runIslands({ geometry, codes, weights, columns, rows, gradientTarget: target }, o, threads, targetLoss, t0, { checkpoint: plan });
      run = { generations: r.generations, evaluations: r.evaluations, stopReason: r.stopReason, bestLoss: r.bestLoss };
      hall = r.candidates;
    } else {
      run = await runEsLoop(engine, o, targetLoss, t0, plan);
      hall = hallOfFame(engine);
    }
    const members = buildFront(engine, geometry, data, target, o, names, columns, hall);
    return { members, run, engine, geometry };
  } finally {
    clearGradientTarget(engine, targetPtr);
    engine.freeData(data);
  }
}

function buildFront(engine: WasmEngine, g: Geometry, data: WasmDataset, target: readonly Float32Array[],
  o: ResolvedOptions, names: readonly string[], columns: readonly Float32Array[], hall: readonly GenomeData[]): GradientMember[] {
  const raw = engine.raw;
  const candidates = hall.map((genome) => ({ genome, complexity: genome.complexity, loss: genome.fitness }));
  const weights = weightsByCode(o.complexityWeights);
  const slot = engine.allocSlot();
  const rows = data.rows;
  const sample = sampleRows(columns, rows);
  const lossOf = (genes: Int32Array, consts: Float32Array) => {
    engine.writeGenome(slot, genes, consts);
    return raw.gradientLoss(slot);
  };
  const simplify = frontSimplifier(names, sample);
  const out: GradientMember[] = [];
  try {
    for (const cand of paretoFront(candidates)) {
      const genome = { ...cand.genome, consts: Float32Array.from(cand.genome.consts) };
      if (o.optimizeConstants) {
        const residuals = (consts: Float32Array) => {
          engine.writeGenome(slot, genome.genes, consts);
          return gradientResiduals(predictTangents(engine, slot, data).slice(1), target, rows)?.residuals ?? null;
        };
        genome.consts = refineConstants(g, genome.genes, genome.consts, weights, residuals, (c) => lossOf(genome.genes, c));
      }
      const loss = lossOf(genome.genes, genome.consts);
      if (!Number.isFinite(loss)) continue;
      engine.writeGenome(slot, genome.genes, genome.consts);
      const sign = gradientResiduals(predictTangents(engine, slot, data).slice(1), target, rows)?.sign ?? 1;
      let node = decodeGenome(g, genome, 0, { names: [...names], protectedOps: o.protectedOps });
      if (sign < 0) node = new math.OperatorNode('-', 'unaryMinus', [node]);
      node = dropAdditiveConstants(simplify(node));
      out.push({ genome, complexity: cand.complexity, loss, sign, node });
    }
  } finally {
    engine.free(slot);
  }
  return paretoFront(out);
}

/** ∇g of a member (genome orientation, not the printed sign) on data set `d`: one column per input. */
export function memberGradient(search: GradientSearch, m: GradientMember, d: WasmDataset): Float32Array[] {
  const slot = search.engine.allocSlot();
  try {
    search.engine.writeGenome(slot, m.genome.genes, m.genome.consts);
    return predictTangents(search.engine, slot, d).slice(1);
  } finally {
    search.engine.free(slot);
  }
}
