/**
 * BytomDAO constitution model: train, evaluate, verify and run the model that embodies a constitution version.
 *
 *   const r = await train({ constitutionVersion: 2, corpusDir: "data/corpus", outDir: "out/v2", seed: 42 });
 *   const model = await loadVerifiedModel("out/v2", r.weightsRoot);       // refuses tampered files, naming them
 *   const p = await predict(model, proposal, 2);                           // { support, confidence, clauses, rationale }
 *   const cmp = compareMetrics("out/v2/metrics.json", await evaluate(model, "data/corpus"));
 *
 * See docs/constitution-model.md.
 */
export { train, DEFAULTS as TRAIN_DEFAULTS } from "./train";
export type { TrainOptions, TrainProgress, TrainResult } from "./train";
export { evaluate, compareMetrics, reevaluate } from "./evaluate";
export type { MetricsComparison } from "./evaluate";
export { loadVerifiedModel, predict, predictMany, modelRoot, ModelVerificationError } from "./model";
export type { VerifiedModel, LoadOptions, PredictOptions } from "./model";
export { tfjsBackend } from "./backend";
export type { ModelBackend, LoadedBackend, ModelContext, ModelConfig, Prediction, ClauseScore } from "./backend";
export type { Metrics, ClauseMetrics } from "./metrics";
export { loadConstitution, parseConstitution, CONSTITUTION_DIR } from "./constitution";
export type { Clause, ConstitutionText } from "./constitution";
export { readCorpus, recordsFor, SUPPORTS } from "./corpus";
export type { CorpusRecord, Label, Proposal, Support } from "./corpus";
export { decodeAction, demoAddress, DEFAULT_PARAMS, PARAM_BOUNDS, KNOWN_ABIS } from "./abi";
export type { ProposalAction, DecodedAction, GovernanceParams } from "./abi";
export { canonicalJson } from "./canonical";
export { trainModelDir, mlCodeHash, DATA_CORPUS_DIR } from "./pipeline";
export type { TrainModelDirArgs } from "./pipeline";
export { agentModel, cachedModel, mlModelLoader } from "./agent";
