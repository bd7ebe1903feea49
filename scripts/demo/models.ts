/**
 * Demo stage: the AGI constitution model lifecycle for one ratified version. Called by the main demo after an
 * amendment was ratified (the Constitution opened the training request); also runnable on mocks with
 * `npx hardhat run scripts/demo-models.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { ethers, type Signer } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { IConstitution, ModelRegistry } from "../../typechain-types";
import { buildManifest, defaultManifestPath, writeManifest } from "../../sdk/manifest";
import { DATA_CORPUS_DIR, trainModelDir } from "../../ml";
import { DEFAULT_MIN_ACCURACY, evaluateByRecomputation } from "../../sdk/evaluation";
import {
  ROLES,
  activateRun,
  anchorCheckpoint,
  completeRun,
  proveDataShard,
  recordRun,
  registerBuilder,
  verifyModelDir,
} from "../../sdk/models";

export interface ModelLifecycleStageArgs {
  registry: ModelRegistry;
  constitution: IConstitution;
  /** Registered (by this stage) as trainer; records the run, anchors checkpoints, completes it. */
  trainer: Signer;
  /** Registered as data provider and credited in the run. */
  dataProvider: Signer;
  /** Registered as compute provider and credited in the run. */
  computeProvider: Signer;
  /** Committee members (or appointed evaluators): as many as needed pass the run, in order. */
  evaluators: Signer[];
  /** The ratified constitution version whose request is open. */
  version: bigint;
  log: (line: string) => void;
  /** Where the stage writes the weights, data shards and manifests. */
  tmpDir: string;
  /** The new model's operator key (default: a deterministic demo address derived from the version). */
  operator?: string;
  /** Who calls activateRun (anyone may; default: the trainer). */
  activator?: Signer;
}

export interface ModelLifecycleStageResult {
  runId: bigint;
  modelId: bigint;
  operator: string;
  weightsRoot: string;
  datasetRoot: string;
  weightsDir: string;
  datasetDir: string;
}

function short(hex: string): string {
  return `${hex.slice(0, 10)}…${hex.slice(-6)}`;
}

export async function runModelLifecycleStage(args: ModelLifecycleStageArgs): Promise<ModelLifecycleStageResult> {
  const { registry, constitution, trainer, dataProvider, computeProvider, version, log } = args;
  const v = `v${version}`;
  log(`── Model lifecycle for constitution ${v} ──`);

  // 1. Builders
  const trainerAddr = await trainer.getAddress();
  const dataAddr = await dataProvider.getAddress();
  const computeAddr = await computeProvider.getAddress();
  await registerBuilder(registry, trainer, ROLES.trainer, "ipfs://bytomdao-demo/builders/trainer.json");
  await registerBuilder(registry, dataProvider, ROLES.data, "ipfs://bytomdao-demo/builders/data.json");
  await registerBuilder(registry, computeProvider, ROLES.compute, "ipfs://bytomdao-demo/builders/compute.json");
  log(`[builders] trainer ${trainerAddr}, data provider ${dataAddr}, compute provider ${computeAddr}`);

  const request = await registry.getRequest(version);
  log(`[request] training request #${request.id} for ${v} is open (spec commitment ${short(request.specCommitment)})`);

  // 2. Train the version's constitution model for real (ml/): the shipped corpus is the dataset
  const root = path.join(args.tmpDir, `model-${v}`);
  const weightsDir = path.join(root, "weights");
  const datasetDir = path.join(root, "dataset");
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.cpSync(DATA_CORPUS_DIR, datasetDir, { recursive: true });
  const trained = await trainModelDir({
    version: Number(version),
    outDir: weightsDir,
    checkpointEvery: 60,
    log: (l) => log(`[train] ${l}`),
  });
  const m = trained.metrics;
  log(
    `[train] trained in ${(trained.trainMs / 1000).toFixed(1)} s: eval accuracy ${(m.accuracy * 100).toFixed(1)}% ` +
      `on ${m.examples} proposals, clause macro recall ${(m.macroClauseRecall * 100).toFixed(1)}%`,
  );
  log(
    `[train] per-clause recall: ${Object.entries(m.clauses)
      .map(([id, c]) => `§${id} ${c.positives ? (c.recall * 100).toFixed(0) + "%" : "—"}`)
      .join(", ")}`,
  );

  const dataset = await buildManifest(datasetDir);
  const weights = await buildManifest(weightsDir);
  writeManifest(dataset, defaultManifestPath(datasetDir));
  writeManifest(weights, defaultManifestPath(weightsDir));
  const datasetRoot = dataset.predicate.merkle.root;
  const weightsRoot = weights.predicate.merkle.root;
  if (datasetRoot !== trained.datasetRoot || weightsRoot !== trained.weightsRoot) throw new Error("manifest mismatch");
  log(`[manifest] dataset: ${dataset.predicate.resources.length} corpus files, Merkle root ${datasetRoot}`);
  log(`[manifest] weights: ${weights.predicate.resources.length} files, Merkle root ${weightsRoot}`);

  // 3. Run record
  const run = await recordRun(registry, trainer, {
    version,
    datasetRoot,
    configHash: trained.configHash,
    codeHash: trained.codeHash,
    dataProviders: [dataAddr],
    computeProviders: [computeAddr],
    uri: `file://${root}`,
  });
  log(`[train] run #${run.runId} recorded for ${v}: commitment ${short(run.commitment)} (only this hash is stored)`);

  // 4. Checkpoints
  for (const ckpt of trained.checkpoints) {
    const c = await anchorCheckpoint(registry, trainer, run.runId, BigInt(ckpt.step), "0x" + ckpt.sha256);
    log(`[train] checkpoint step ${ckpt.step} (${ckpt.file}) anchored, chain head ${short(c.head)} (${c.gasUsed} gas)`);
  }

  // 5. Final weights
  const operator = args.operator ?? ethers.getAddress(ethers.dataSlice(ethers.id(`bytomdao demo operator ${v}`), 12));
  await completeRun(registry, trainer, run.runId, {
    weightsRoot,
    metricsHash: trained.metricsHash,
    operator,
    uri: `file://${defaultManifestPath(weightsDir)}`,
  });
  log(
    `[train] run #${run.runId} completed: weights root ${short(weightsRoot)}, metrics hash ${short(trained.metricsHash)}, model operator ${operator}`,
  );

  // 6. Evaluation: each evaluator verifies the weights, re-runs the evaluation split and compares with the anchored
  // metrics (sdk/evaluation); the verdict and the score (measured accuracy, bps) follow from what it measured.
  const quorum = await constitution.reviewQuorum();
  log(
    `[evaluate] review quorum: ${quorum} passes; each evaluator recomputes the metrics (bar ${DEFAULT_MIN_ACCURACY})`,
  );
  for (const evaluator of args.evaluators) {
    const who = await evaluator.getAddress();
    const e = await evaluateByRecomputation(registry, evaluator, run.runId, weightsDir, {
      corpusDir: datasetDir,
      reportFile: path.join(root, `evaluation-run-${run.runId}-${who}.json`),
    });
    const r = e.metrics;
    log(
      `[evaluate] ${who} ${e.passed ? "passed" : "failed"} run #${run.runId} (score ${e.score}: recomputed accuracy ` +
        `${r.accuracy} on ${r.examples} proposals, clause macro recall ${r.macroClauseRecall}, metrics ` +
        `${e.report.mismatches.length === 0 ? "match the anchored hash" : "DIFFER: " + e.report.mismatches.join("; ")}) → run ${e.status}`,
    );
    if (e.passedNow) break;
  }

  // 7. Challenge window: the DAO or reviewQuorum committee members may still reject the run (the demo travels in time)
  const activatableAt = await registry.activatableAt(run.runId);
  const delay = await registry.activationDelay();
  log(
    `[challenge] run #${run.runId} passed: the DAO or ${quorum} committee members may reject it for ` +
      `${Number(delay) / 3600} h, until ${new Date(Number(activatableAt) * 1000).toISOString()}`,
  );
  await time.increaseTo(activatableAt);
  log(`[challenge] window over without a rejection (rejection support: ${await registry.rejectionSupport(run.runId)})`);

  // 8. Activation
  const before = { version: await constitution.currentVersion(), agent: await constitution.activeAgent() };
  log(`[activate] before: constitution v${before.version} in force, active AGI ${before.agent}`);
  const activated = await activateRun(registry, args.activator ?? trainer, run.runId);
  const after = {
    version: await constitution.currentVersion(),
    agent: await constitution.activeAgent(),
    model: await constitution.activeModelId(),
  };
  log(`[activate] model #${activated.modelId} activated for ${v}`);
  log(`[activate] after:  constitution v${after.version} in force, active model #${after.model}`);
  log(`[activate] the new active AGI agent is ${after.agent}`);

  // 9. Proof of training data
  const shard = path.join(datasetDir, "mints.jsonl");
  const proof = await proveDataShard(registry, run.runId, shard, { datasetDir });
  log(
    `[prove] ${proof.path} (${proof.size} bytes) in run #${run.runId}'s dataset: ` +
      `${proof.ok ? "verified on chain" : "REJECTED"} with a ${proof.proof.length}-hash proof`,
  );

  // 10. Tamper detection
  const ok = await verifyModelDir(registry, activated.modelId, weightsDir);
  log(`[verify] untouched weights: ${ok.ok ? "match" : "MISMATCH"} model #${activated.modelId}`);
  const weightsFile = path.join(weightsDir, "weights.bin");
  const bytes = fs.readFileSync(weightsFile);
  bytes[12345] ^= 0x01;
  fs.writeFileSync(weightsFile, bytes);
  const tampered = await verifyModelDir(registry, activated.modelId, weightsDir);
  log(`[verify] after flipping one bit of weights.bin: ${tampered.ok ? "NOT DETECTED" : "detected"}`);
  for (const line of tampered.lines.filter((l) => /^(modified|missing|extra):/.test(l))) log(`[verify]   ${line}`);
  bytes[12345] ^= 0x01;
  fs.writeFileSync(weightsFile, bytes);

  return {
    runId: run.runId,
    modelId: activated.modelId,
    operator,
    weightsRoot,
    datasetRoot,
    weightsDir,
    datasetDir,
  };
}
