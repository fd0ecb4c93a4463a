// eqlens WebAssembly module: the hot loops only. Raw exports over linear memory; the glue in
// bindings/ is the only code that calls them.
export { alloc, free } from "./memory";
export { rngSeed, rngNext, rngGetState, rngSetState } from "./engine/rng";
export { setProtected, applyArray, applyArrayUnit } from "./engine/functions";
export {
  setGeometry, setConstRange, markActive, randomGenome,
} from "./engine/genome";
export {
  blockSize, prepareWorkspace, setData, evaluate, predict, setLinearScaling,
  nodeEvaluations, resetNodeEvaluations, targetVariance,
} from "./engine/evaluate";
export { setGradientFitness, predictTangents, gradientLoss } from "./engine/tangent";
export { mutatePoint, mutateSingle, setConstSigma } from "./engine/mutate";
export {
  esConfigure, esInit, esStart, esRun, score, hofSlot, parentSlot, esEvaluations,
  esGenerations, maxComplexity, esSetCounters,
} from "./engine/es";
export { evaluatePool, mutateMany } from "./engine/pool";
export { denseLayer, forwardRows } from "./nn/dense";
export {
  srnetConfigure, srnetSlotBytes, srnetLayer, srnetRotation, srnetInit, srnetRun,
  srnetEvaluateParent, srnetFitness, srnetLayerLoss, srnetParent, srnetActive, srnetPruned,
  srnetSetPruning, srnetSetFitness, srnetSetCache, srnetCacheHits, srnetSetLayerMoves, srnetSetLocalMoves, srnetMoves, srnetSetFrozen, srnetCeilingStart,
} from "./srnet/srnet";
export { ceilingConfigure, ceilingLoss } from "./srnet/ceiling";
export { oneHotLayer } from "./energy/one-hot";
