// eqlens public API. Everything a user imports comes from here, and nothing else is public.
export { EqlensError, type EqlensErrorCode } from './errors.js';
export { SymbolicRegressor, type Equation } from './search/regressor.js';
export type { RegressorOptions, SearchProgress } from './search/options.js';
export { FUNCTION_NAMES, DEFAULT_FUNCTIONS, type FunctionName } from './cgp/functions.js';
export type { Matrix } from './data/matrix.js';
export { Mlp, ACTIVATIONS, type Activation, type DenseLayer, type LayerActivations } from './nn/mlp.js';
export type { GradientTarget } from './nn/gradient.js';
export { mlpFromTfjs, mlpToTfjs, loadTfjsModel } from './nn/tfjs-convert.js';
export { trainMlp, type TrainOptions, type TrainProgress } from './nn/train.js';
export { SRNET_BENCHMARKS, generateBenchmark, type Benchmark } from './data/benchmarks.js';
export { PROBE_PROBLEMS, generateProbe, type ProbeProblem } from './data/probes.js';
export { randomPotts, samplePotts, pottsEnergy, encodeSequences, oneHotSequences, type PottsModel } from './data/potts.js';
export { sampleBox, enlargeBox, sampleExtrapolation, sampleRows, sampleBoundary, type Box } from './data/samplers.js';
export { readCsv, type Table } from './data/csv.js';
export { createEngine, type WasmEngine, type Geometry } from '../bindings/engine.js';
export type { WasmSource } from '../bindings/loader.js';
