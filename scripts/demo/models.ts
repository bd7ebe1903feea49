/**
 * Demo stage: the AGI constitution model lifecycle for one ratified version. Called by the main demo after an
 * amendment was ratified (the Constitution opened the training request); also runnable on mocks with
 * `npx hardhat run scripts/demo-models.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { ethers, type Signer } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { IConstitution, ModelRegistry } from "../../typechain-types";
import { buildManifest, defaultManifestPath, writeManifest } from "../lib/manifest";
import {
  ROLES,
  activateRun,
  anchorCheckpoint,
  completeRun,
  evaluateRun,
  hashInput,
  proveDataShard,
  recordRun,
  registerBuilder,
  verifyModelDir,
} from "../lib/models";

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

/** Deterministic pseudo-random bytes, so the demo's roots are the same on every run. */
function deterministicBytes(seed: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  let counter = 0;
  let total = 0;
  while (total < length) {
    const block = crypto.createHash("sha256").update(`${seed}/${counter++}`).digest();
    chunks.push(block);
    total += block.length;
  }
  return Buffer.concat(chunks).subarray(0, length);
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

  // 2. Files: a small weights dir and a few data shards
  const root = path.join(args.tmpDir, `model-${v}`);
  const weightsDir = path.join(root, "weights");
  const datasetDir = path.join(root, "dataset");
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(weightsDir, "tokenizer"), { recursive: true });
  fs.mkdirSync(datasetDir, { recursive: true });
  fs.writeFileSync(path.join(weightsDir, "model.safetensors"), deterministicBytes(`${v}/weights`, 256 * 1024));
  fs.writeFileSync(path.join(weightsDir, "config.json"), JSON.stringify({ arch: "bytom-constitution", dim: 256 }));
  fs.writeFileSync(path.join(weightsDir, "tokenizer", "vocab.txt"), "create\nagi\ndecided\nby\n");
  const articles = ["Purpose", "Members", "Committee", "Amendments"];
  articles.forEach((title, i) => {
    const lines = Array.from({ length: 20 }, (_, j) => JSON.stringify({ article: title, clause: j, version: v }));
    fs.writeFileSync(path.join(datasetDir, `shard-${String(i).padStart(3, "0")}.jsonl`), lines.join("\n") + "\n");
  });
  fs.writeFileSync(path.join(root, "train.yaml"), `constitution: ${v}\nepochs: 3\nlr: 0.0003\n`);
  fs.writeFileSync(path.join(root, "metrics.json"), JSON.stringify({ loss: 0.42, constitutionalAlignment: 0.97 }));

  const dataset = await buildManifest(datasetDir);
  const weights = await buildManifest(weightsDir);
  writeManifest(dataset, defaultManifestPath(datasetDir));
  writeManifest(weights, defaultManifestPath(weightsDir));
  const datasetRoot = dataset.predicate.merkle.root;
  const weightsRoot = weights.predicate.merkle.root;
  log(`[manifest] dataset: ${dataset.predicate.resources.length} shards, Merkle root ${datasetRoot}`);
  log(`[manifest] weights: ${weights.predicate.resources.length} files, Merkle root ${weightsRoot}`);

  // 3. Run record
  const run = await recordRun(registry, trainer, {
    version,
    datasetRoot,
    configHash: await hashInput(path.join(root, "train.yaml")),
    codeHash: ethers.id("bytomdao/trainer@demo"),
    dataProviders: [dataAddr],
    computeProviders: [computeAddr],
    uri: `file://${root}`,
  });
  log(`[train] run #${run.runId} recorded for ${v}: commitment ${short(run.commitment)} (only this hash is stored)`);

  // 4. Checkpoints
  for (const step of [1000n, 2000n, 3000n]) {
    const file = path.join(root, "checkpoints", `step-${step}.bin`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, deterministicBytes(`${v}/ckpt/${step}`, 4096));
    const c = await anchorCheckpoint(registry, trainer, run.runId, step, await hashInput(file));
    log(`[train] checkpoint step ${step} anchored, chain head ${short(c.head)} (${c.gasUsed} gas)`);
  }

  // 5. Final weights
  const operator = args.operator ?? ethers.getAddress(ethers.dataSlice(ethers.id(`bytomdao demo operator ${v}`), 12));
  await completeRun(registry, trainer, run.runId, {
    weightsRoot,
    metricsHash: await hashInput(path.join(root, "metrics.json")),
    operator,
    uri: `file://${defaultManifestPath(weightsDir)}`,
  });
  log(`[train] run #${run.runId} completed: weights root ${short(weightsRoot)}, model operator ${operator}`);

  // 6. Evaluation
  const quorum = await constitution.reviewQuorum();
  log(`[evaluate] review quorum: ${quorum} passes`);
  for (const evaluator of args.evaluators) {
    const e = await evaluateRun(registry, evaluator, run.runId, {
      passed: true,
      score: 9000,
      reportHash: ethers.id(`evaluation of run ${run.runId} by ${await evaluator.getAddress()}`),
    });
    log(`[evaluate] ${await evaluator.getAddress()} passed run #${run.runId} (score 9000) → run ${e.status}`);
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
  const shard = path.join(datasetDir, "shard-002.jsonl");
  const proof = await proveDataShard(registry, run.runId, shard, { datasetDir });
  log(
    `[prove] ${proof.path} (${proof.size} bytes) in run #${run.runId}'s dataset: ` +
      `${proof.ok ? "verified on chain" : "REJECTED"} with a ${proof.proof.length}-hash proof`,
  );

  // 10. Tamper detection
  const ok = await verifyModelDir(registry, activated.modelId, weightsDir);
  log(`[verify] untouched weights: ${ok.ok ? "match" : "MISMATCH"} model #${activated.modelId}`);
  const weightsFile = path.join(weightsDir, "model.safetensors");
  const bytes = fs.readFileSync(weightsFile);
  bytes[12345] ^= 0x01;
  fs.writeFileSync(weightsFile, bytes);
  const tampered = await verifyModelDir(registry, activated.modelId, weightsDir);
  log(`[verify] after flipping one bit of model.safetensors: ${tampered.ok ? "NOT DETECTED" : "detected"}`);
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
