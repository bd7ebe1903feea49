/**
 * Evaluation by recomputation, and loading the active model only once verified (issue #9).
 *
 * An evaluator does not take a trainer's word: {@link evaluateByRecomputation} verifies the model directory against
 * the run's on-chain weights root, runs the evaluation split itself with ml/ (`loadVerifiedModel` + `evaluate`),
 * compares the result with the metrics the trainer anchored (the metrics hash on chain, `metrics.json` in the
 * directory) and submits a PASS with the score it measured only if everything matches and the accuracy bar is met;
 * otherwise a FAIL whose report (a JSON file, its SHA-256 the report hash) names what differs.
 *
 * This module needs the ml/ stack (TensorFlow.js, wink-nlp: devDependencies of this repository), so it is not part
 * of the package's entry point (`sdk/index.ts`) nor of `dist/`: import it from the repository
 * (`sdk/evaluation`), as the tasks, the demo and the rehearsal do.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ethers, type Signer } from "ethers";
import type { Constitution, IConstitution, ModelRegistry } from "../typechain-types";
import { Constitution__factory, ModelRegistry__factory } from "../typechain-types";
import { DATA_CORPUS_DIR, canonicalJson, compareMetrics, evaluate, loadVerifiedModel, type VerifiedModel } from "../ml";
import type { Metrics } from "../ml";
import { readEvents, type EventScan } from "./events";
import { buildManifest } from "./manifest";
import { RUN_STATUS, evaluateRun, fetchRunRecord } from "./models";

/**
 * The accuracy bar (support For/Against/Abstain on the evaluation split) a model must clear to pass, when the
 * evaluator gives none. The chain carries no bar: a training request's spec is the amendment's text hash
 * (`Constitution.ratifyAmendment(textHash, uri)` → `openTrainingRequest(version, textHash, uri)`), so the bar is the
 * evaluator's `--min-accuracy` (docs/models.md, "Evaluation by recomputation").
 */
export const DEFAULT_MIN_ACCURACY = 0.9;

export const EVALUATION_REPORT_FORMAT = "bytomdao-evaluation-report/1";

/** The JSON report an evaluator writes; its SHA-256 is the report hash submitted with the verdict. */
export interface EvaluationReport {
  format: typeof EVALUATION_REPORT_FORMAT;
  runId: string;
  version: string;
  verdict: "pass" | "fail";
  /** The score submitted: the measured support accuracy in basis points. */
  score: number;
  minAccuracy: number;
  anchored: { weightsRoot: string; metricsHash: string; datasetRoot: string };
  local: { weightsRoot: string; metricsFileHash: string; corpusRoot: string };
  recomputed: { metricsHash: string; accuracy: number; examples: number; macroClauseRecall: number };
  /** One line per difference, e.g. "accuracy: anchored 0.99, recomputed 0.947917"; empty on a pass. */
  mismatches: string[];
}

export interface RecomputationOptions {
  /** The corpus the run anchored (default: the shipped data/corpus); refused if its root is not the run's. */
  corpusDir?: string;
  /** Minimum support accuracy, 0..1 (default {@link DEFAULT_MIN_ACCURACY}). */
  minAccuracy?: number;
  /** Where to write the report (default `<weightsDir>.evaluation-run-<N>.json`, outside the hashed directory). */
  reportFile?: string;
  scan?: EventScan;
}

export interface RecomputedEvaluation {
  passed: boolean;
  score: number;
  reportHash: string;
  reportFile: string;
  report: EvaluationReport;
  metrics: Metrics;
}

const sha256 = (b: Buffer | string) => "0x" + crypto.createHash("sha256").update(b).digest("hex");

/** The metrics hash the trainer anchored with `completeTrainingRun` (TrainingRunCompleted event). */
export async function anchoredMetricsHash(registry: ModelRegistry, runId: bigint, scan: EventScan = {}) {
  const events = await readEvents(registry, registry.filters.TrainingRunCompleted(runId), scan);
  if (events.length === 0) throw new Error(`run ${runId} has no TrainingRunCompleted event: it is not completed yet`);
  return events[events.length - 1].args.metricsHash.toLowerCase();
}

/** Score in basis points of an accuracy in 0..1 (what the evaluator submits). */
export function accuracyBps(accuracy: number): number {
  return Math.max(0, Math.min(10_000, Math.round(accuracy * 10_000)));
}

/**
 * Verifies `weightsDir` against run `runId`'s weights root (throws ModelVerificationError naming the differing
 * paths), recomputes its metrics on the evaluation split and decides; writes the report. Submits nothing.
 */
export async function recomputeEvaluation(
  registry: ModelRegistry,
  runId: bigint,
  weightsDir: string,
  options: RecomputationOptions = {},
): Promise<RecomputedEvaluation> {
  const minAccuracy = options.minAccuracy ?? DEFAULT_MIN_ACCURACY;
  if (!(minAccuracy >= 0 && minAccuracy <= 1)) throw new Error(`--min-accuracy ${minAccuracy} is not in 0..1`);
  const corpusDir = options.corpusDir ?? DATA_CORPUS_DIR;
  const run = await registry.getRun(runId);
  const status = RUN_STATUS[Number(run.status)];
  if (status !== "Evaluating" && status !== "Passed") {
    throw new Error(
      `run ${runId} is ${status}: only a completed run in evaluation (or its challenge window) is assessed`,
    );
  }
  const record = await fetchRunRecord(registry, runId, options.scan);
  const metricsHash = await anchoredMetricsHash(registry, runId, options.scan);
  const weightsRoot = run.weightsRoot.toLowerCase();

  // 1. The directory is the anchored model, or nothing runs (the error names modified, missing and extra paths).
  const model: VerifiedModel = await loadVerifiedModel(weightsDir, weightsRoot);

  // 2. The evaluator's corpus must be the dataset the run anchored, or the comparison means nothing.
  const corpusRoot = (await buildManifest(corpusDir)).predicate.merkle.root.toLowerCase();
  if (corpusRoot !== record.datasetRoot.toLowerCase()) {
    throw new Error(
      `the corpus ${corpusDir} (root ${corpusRoot}) is not run ${runId}'s dataset (root ${record.datasetRoot}): ` +
        `evaluate on the exact dataset the run anchored (--corpus)`,
    );
  }

  // 3. Recompute and compare with the anchored metrics.
  const metricsFile = path.join(weightsDir, "metrics.json");
  const metricsBytes = fs.readFileSync(metricsFile);
  const metricsFileHash = sha256(metricsBytes);
  const metrics = await evaluate(model, corpusDir);
  const comparison = compareMetrics(metricsBytes, metrics);
  const mismatches: string[] = [];
  if (metricsFileHash !== metricsHash) {
    mismatches.push(`metricsHash: anchored ${metricsHash}, metrics.json in the directory ${metricsFileHash}`);
  }
  mismatches.push(...comparison.mismatches);
  if (metrics.accuracy < minAccuracy) {
    mismatches.push(`minAccuracy: measured accuracy ${metrics.accuracy} is below the bar ${minAccuracy}`);
  }
  const passed = mismatches.length === 0;
  const score = accuracyBps(metrics.accuracy);
  const report: EvaluationReport = {
    format: EVALUATION_REPORT_FORMAT,
    runId: runId.toString(),
    version: record.version.toString(),
    verdict: passed ? "pass" : "fail",
    score,
    minAccuracy,
    anchored: { weightsRoot, metricsHash, datasetRoot: record.datasetRoot.toLowerCase() },
    local: { weightsRoot: model.root.toLowerCase(), metricsFileHash, corpusRoot },
    recomputed: {
      metricsHash: comparison.recomputedHash,
      accuracy: metrics.accuracy,
      examples: metrics.examples,
      macroClauseRecall: metrics.macroClauseRecall,
    },
    mismatches,
  };
  const reportFile = options.reportFile ?? `${path.resolve(weightsDir)}.evaluation-run-${runId}.json`;
  const json = canonicalJson(report);
  fs.writeFileSync(reportFile, json);
  return { passed, score, reportHash: sha256(json), reportFile, report, metrics };
}

/**
 * Recomputes run `runId`'s evaluation from `weightsDir` ({@link recomputeEvaluation}) and submits the verdict as
 * `signer`: PASS with the measured score only if the weights, the anchored metrics and the recomputed ones match and
 * the bar is met; FAIL with the report hash otherwise. A directory that is not the anchored model is refused
 * (nothing is submitted).
 */
export async function evaluateByRecomputation(
  registry: ModelRegistry,
  signer: Signer,
  runId: bigint,
  weightsDir: string,
  options: RecomputationOptions = {},
) {
  const assessed = await recomputeEvaluation(registry, runId, weightsDir, options);
  const submitted = await evaluateRun(registry, signer, runId, {
    passed: assessed.passed,
    score: assessed.score,
    reportHash: assessed.reportHash,
  });
  return { ...assessed, ...submitted };
}

/** Anything that leads to the active model: the registry, or the Constitution (its `modelRegistry()`). */
export type ActiveModelSource = ModelRegistry | Constitution | IConstitution;

/**
 * "Nothing runs an unverified model": reads the active model (Constitution.activeModelId → ModelRegistry.getModel)
 * and loads `dir` with ml's `loadVerifiedModel` against its on-chain weights root, which refuses a directory that
 * differs (ModelVerificationError naming the modified, missing and extra paths).
 */
export async function loadActiveModel(source: ActiveModelSource, dir: string) {
  const runner = source.runner;
  let registry: ModelRegistry;
  let constitution: Constitution;
  if ((source.interface as ethers.Interface).getFunction("activeModelId")) {
    constitution = Constitution__factory.connect(await source.getAddress(), runner);
    registry = ModelRegistry__factory.connect(await constitution.modelRegistry(), runner);
  } else {
    registry = source as ModelRegistry;
    constitution = Constitution__factory.connect(await registry.constitution(), runner);
  }
  const modelId = await constitution.activeModelId();
  if (modelId === 0n) throw new Error("no model is active: the Constitution has no active model id");
  const m = await registry.getModel(modelId);
  if (m.weightsRoot === ethers.ZeroHash) throw new Error(`model #${modelId} has no weights root on chain`);
  const model = await loadVerifiedModel(dir, m.weightsRoot);
  return { model, modelId, weightsRoot: m.weightsRoot, version: m.version, operator: m.operator };
}
