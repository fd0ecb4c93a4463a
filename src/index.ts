// eqlens public API. Everything a user imports comes from here, and nothing else is public.
export { EqlensError, type EqlensErrorCode } from './errors.js';
export { SymbolicRegressor, type Equation } from './search/regressor.js';
export type { RegressorOptions, SearchProgress } from './search/options.js';
export { FUNCTION_NAMES, DEFAULT_FUNCTIONS, type FunctionName } from './cgp/functions.js';
export type { Matrix } from './data/matrix.js';
export { Mlp, ACTIVATIONS, type Activation, type DenseLayer, type LayerActivations, type PredictOptions } from './nn/mlp.js';
export { closeForwardPool } from './nn/forward-pool.js';
export type { GradientTarget } from './nn/gradient.js';
export { mlpFromTfjs, mlpToTfjs, loadTfjsModel } from './nn/tfjs-convert.js';
export { trainMlp, type TrainOptions, type TrainProgress } from './nn/train.js';
export { setTensorflowWasmPaths } from './nn/tf.js';
export type { ExplanationPenalty } from './nn/cd-penalty.js';
export { SRNET_BENCHMARKS, generateBenchmark, type Benchmark } from './data/benchmarks.js';
export { PROBE_PROBLEMS, generateProbe, type ProbeProblem } from './data/probes.js';
export { randomPotts, samplePotts, pottsEnergy, encodeSequences, oneHotSequences, oneHotMatrix, type PottsModel } from './data/potts.js';
export { sampleBox, enlargeBox, sampleExtrapolation, sampleRows, sampleBoundary, type Box } from './data/samplers.js';
export { readCsv, parseCsv, splitTarget, type Table } from './data/csv.js';
export { createEngine, type WasmEngine, type Geometry } from '../bindings/engine.js';
export type { WasmSource } from '../bindings/loader.js';
export { srnet, SrnetResult, SRNET_FUNCTIONS, type SrnetOptions, type SrnetLayer, type SrnetFactored } from './explain/srnet.js';
export type { SrnetProgress } from './search/srnet-search.js';
export { distill, DistillResult, type DistillOptions, type DistilledEquation } from './explain/distill.js';
export { taylor, TaylorResult, type TaylorOptions, type TaylorTerm, type LocalTerm } from './explain/taylor.js';
export {
  symbolicGradients, SymbolicGradientsResult, MONOTONE_NOTE, type SymbolicGradientOptions, type GradientEquation, type UnitSpec,
} from './explain/gradients.js';
export { fidelity, fidelityOf, type Fidelity, type TaskFidelity } from './explain/fidelity.js';
export { lime, limeFidelity, LimeExplainer, type LimeOptions } from './explain/baselines/lime.js';
export { maple, mapleFidelity, MapleExplainer, type MapleOptions } from './explain/baselines/maple.js';
export type { LocalExplanation, LocalExplainer } from './explain/baselines/explanation.js';
export type { FidelityResult } from './explain/baselines/fidelity.js';
export type { Task as BaselineTask, RunOptions as BaselineRunOptions, BaselineProgress } from './explain/baselines/options.js';
export { contextualDecomposition, CdResult, type CdOptions } from './explain/cd/scores.js';
export type { FeatureGroup } from './explain/cd/input.js';
export { cdInteraction, interactionMatrix, interactionMatrices, InteractionMatrix, type InteractionOptions } from './explain/cd/interactions.js';
export { acd, AcdResult, type AcdOptions, type AcdNode, type AcdLevel } from './explain/cd/acd.js';
export {
  cdCompleteness, cdRandomisation, cdAdditiveAgreement, isExactlyAdditive,
  type CompletenessReport, type RandomisationOptions, type RandomisationStep, type AdditiveAgreementOptions, type AgreementReport,
} from './explain/cd/checks.js';
export {
  energyExpansion, EnergyExpansion, type EnergyOptions, type EnergyFit, type PairRank, type PatternContributions,
} from './explain/energy/expansion.js';
export type { EnergyInput } from './explain/energy/layout.js';
export { provenance, Fingerprint, type Provenance } from './provenance.js';
export { VERSION } from './version.js';
export { parseExpression, type ParsedExpression } from './expr/parse.js';
