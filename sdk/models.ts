/**
 * Chain-side library of the AGI constitution lifecycle: record runs, anchor checkpoints, complete, evaluate,
 * activate, verify model directories and prove data shards against ModelRegistry. The Hardhat tasks in
 * tasks/models.ts are thin shells over these functions; the demo and the tests call them directly.
 */
import fs from "node:fs";
import path from "node:path";
import { ethers, type ContractRunner, type Signer } from "ethers";
import { ModelRegistry__factory, type ModelRegistry } from "../typechain-types";
import { deploymentsDir, loadContracts, resolveAddress as resolveDeploymentAddress } from "./deployments";
import { readEvents, type EventScan } from "./events";
import {
  buildManifest,
  compareManifests,
  defaultManifestPath,
  formatDiff,
  manifestRoot,
  proveResource,
  readManifest,
  sha256File,
  type Manifest,
  type ManifestDiff,
} from "./manifest";

export const ROLES = { trainer: 1, data: 2, compute: 4, agent: 8 } as const;
export const RUN_STATUS = ["None", "Training", "Evaluating", "Passed", "Failed", "Activated"] as const;
export const RUN_RECORD_TYPE =
  "tuple(uint256 version, address trainer, bytes32 datasetRoot, bytes32 configHash, bytes32 codeHash, " +
  "address[] dataProviders, address[] computeProviders, string uri)";

/** The full training run record, as emitted in TrainingRunRecorded and hashed into the run's commitment. */
export interface RunRecord {
  version: bigint;
  trainer: string;
  datasetRoot: string;
  configHash: string;
  codeHash: string;
  dataProviders: string[];
  computeProviders: string[];
  uri: string;
}

// ------------------------------------------------------------------ addresses

/** Contract addresses of `deployments/<network>.json` under `root` (sdk/deployments {@link loadContracts}). */
export function loadDeployment(network: string, root?: string): Record<string, string> {
  return loadContracts(network, root ? path.join(root, "deployments") : deploymentsDir());
}

/** The address of `name`: the flag if given, else the deployment record (sdk/deployments). */
export function resolveAddress(name: string, network: string, flag?: string, root?: string): string {
  return resolveDeploymentAddress(name, network, {
    override: flag,
    dir: root ? path.join(root, "deployments") : deploymentsDir(),
    flag: "--registry",
  });
}

// ------------------------------------------------------------------ inputs

/** Sorted strictly ascending, as ModelRegistry requires provider lists (duplicates removed). */
export function sortAddresses(addresses: string[]): string[] {
  const unique = [...new Set(addresses.map((a) => ethers.getAddress(a)))];
  return unique.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

/** Parses "0xA,0xB" (or an array) into a sorted address list. */
export function parseAddressList(list?: string | string[]): string[] {
  if (!list) return [];
  const items = Array.isArray(list) ? list : list.split(",");
  const trimmed = items.map((s) => s.trim()).filter((s) => s.length > 0);
  for (const a of trimmed) if (!ethers.isAddress(a)) throw new Error(`"${a}" is not an address`);
  return sortAddresses(trimmed);
}

/**
 * A bytes32 from what a user has at hand: a 0x-prefixed 32-byte hex as is; a manifest JSON → its Merkle root;
 * a directory → the Merkle root of its manifest; any other file → its SHA-256 (streamed).
 */
export async function hashInput(input: string): Promise<string> {
  if (/^0x[0-9a-fA-F]{64}$/.test(input)) return input.toLowerCase();
  if (!fs.existsSync(input)) throw new Error(`${input} is neither a 0x bytes32 nor an existing file or directory`);
  if (fs.statSync(input).isDirectory()) return manifestRoot(await buildManifest(input));
  if (input.endsWith(".manifest.json")) return manifestRoot(readManifest(input));
  return "0x" + (await sha256File(input)).digest;
}

export function runCommitment(record: RunRecord): string {
  return ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode([RUN_RECORD_TYPE], [record]));
}

/** The next rolling checkpoint head, exactly as ModelRegistry.anchorCheckpoint computes it. */
export function nextCheckpointHead(head: string, step: bigint, checkpointHash: string): string {
  const encoded = ethers.AbiCoder.defaultAbiCoder().encode(
    ["bytes24", "uint64", "bytes32"],
    [head, step, checkpointHash],
  );
  return ethers.dataSlice(ethers.keccak256(encoded), 0, 24);
}

// ------------------------------------------------------------------ transactions

async function logsOf(registry: ModelRegistry, tx: ethers.ContractTransactionResponse) {
  const receipt = await tx.wait();
  if (!receipt) throw new Error(`transaction ${tx.hash} was not mined`);
  return receipt.logs
    .map((l) => {
      try {
        return registry.interface.parseLog(l);
      } catch {
        return null;
      }
    })
    .filter((l): l is ethers.LogDescription => l !== null);
}

export async function registerBuilder(registry: ModelRegistry, signer: Signer, roles: number, metadataURI: string) {
  const r = registry.connect(signer);
  const existing = await registry.getBuilder(await signer.getAddress());
  const tx =
    existing.registeredAt === 0n
      ? await r.registerBuilder(roles, metadataURI)
      : await r.updateBuilder(roles, metadataURI);
  await tx.wait();
  return { txHash: tx.hash };
}

export interface RecordRunInput {
  version: bigint;
  datasetRoot: string;
  configHash: string;
  codeHash: string;
  dataProviders?: string[];
  computeProviders?: string[];
  uri: string;
}

/** Records a training run and returns its id and the exact record anchored (keep it: proofs need it). */
export async function recordRun(registry: ModelRegistry, signer: Signer, input: RecordRunInput) {
  const dataProviders = sortAddresses(input.dataProviders ?? []);
  const computeProviders = sortAddresses(input.computeProviders ?? []);
  const tx = await registry
    .connect(signer)
    .recordTrainingRun(
      input.version,
      input.datasetRoot,
      input.configHash,
      input.codeHash,
      dataProviders,
      computeProviders,
      input.uri,
    );
  const log = (await logsOf(registry, tx)).find((l) => l.name === "TrainingRunRecorded");
  if (!log) throw new Error(`no TrainingRunRecorded event in ${tx.hash}`);
  const record: RunRecord = {
    version: input.version,
    trainer: await signer.getAddress(),
    datasetRoot: input.datasetRoot,
    configHash: input.configHash,
    codeHash: input.codeHash,
    dataProviders,
    computeProviders,
    uri: input.uri,
  };
  return { runId: log.args.runId as bigint, commitment: log.args.commitment as string, record, txHash: tx.hash };
}

export async function anchorCheckpoint(
  registry: ModelRegistry,
  signer: Signer,
  runId: bigint,
  step: bigint,
  checkpointHash: string,
) {
  const tx = await registry.connect(signer).anchorCheckpoint(runId, step, checkpointHash);
  const log = (await logsOf(registry, tx)).find((l) => l.name === "CheckpointAnchored")!;
  return { head: log.args.head as string, txHash: tx.hash, gasUsed: (await tx.wait())!.gasUsed };
}

export async function completeRun(
  registry: ModelRegistry,
  signer: Signer,
  runId: bigint,
  result: { weightsRoot: string; metricsHash: string; operator: string; uri: string },
) {
  const tx = await registry
    .connect(signer)
    .completeTrainingRun(runId, result.weightsRoot, result.metricsHash, result.operator, result.uri);
  await tx.wait();
  return { txHash: tx.hash };
}

/**
 * Records an evaluator's verdict. The registry takes the run record back to refuse conflicted evaluators (trainer,
 * operator, credited providers): pass it, or it is read from the run's TrainingRunRecorded event.
 */
export async function evaluateRun(
  registry: ModelRegistry,
  signer: Signer,
  runId: bigint,
  assessment: { passed: boolean; score: number; reportHash: string },
  record?: RunRecord,
) {
  const run = record ?? (await fetchRunRecord(registry, runId));
  const tx = await registry
    .connect(signer)
    .evaluateRun(runId, run, assessment.passed, assessment.score, assessment.reportHash);
  const logs = await logsOf(registry, tx);
  const status = await registry.runStatus(runId);
  const passedLog = logs.find((l) => l.name === "TrainingRunPassed");
  return {
    txHash: tx.hash,
    passedNow: passedLog !== undefined,
    failedNow: logs.some((l) => l.name === "TrainingRunFailed"),
    /** When the challenge window of a passed run ends (set when this ballot passed it or restarted the window). */
    activatableAt: passedLog ? (passedLog.args.activatableAt as bigint) : undefined,
    status: RUN_STATUS[Number(status)],
  };
}

/**
 * The evaluators whose `passed` (or fail) ballot on run `runId` counts now (still eligible in the term they voted
 * under), strictly ascending: the list activateRun and failRun take. Read from the RunEvaluated events.
 */
export async function countedEvaluators(registry: ModelRegistry, runId: bigint, passed: boolean): Promise<string[]> {
  const events = await registry.queryFilter(registry.filters.RunEvaluated(runId));
  const counted: string[] = [];
  for (const evaluator of new Set(events.map((e) => e.args.evaluator))) {
    const [counts, verdict] = await registry.countedBallot(runId, evaluator);
    if (counts && verdict === passed) counted.push(evaluator);
  }
  return sortAddresses(counted);
}

/** Activates a passed run after its challenge window; `passers` default to every counted pass. */
export async function activateRun(registry: ModelRegistry, signer: Signer, runId: bigint, passers?: string[]) {
  const list = passers ?? (await countedEvaluators(registry, runId, true));
  const tx = await registry.connect(signer).activateRun(runId, list);
  const log = (await logsOf(registry, tx)).find((l) => l.name === "ModelActivated");
  if (!log) throw new Error(`no ModelActivated event in ${tx.hash}`);
  return {
    modelId: log.args.modelId as bigint,
    version: log.args.version as bigint,
    operator: log.args.operator as string,
    weightsRoot: log.args.weightsRoot as string,
    txHash: tx.hash,
  };
}

/** Declares a run Failed once its counted fails leave the quorum out of reach; `failers` default to every one. */
export async function failRun(registry: ModelRegistry, signer: Signer, runId: bigint, failers?: string[]) {
  const list = failers ?? (await countedEvaluators(registry, runId, false));
  const tx = await registry.connect(signer).failRun(runId, list);
  const log = (await logsOf(registry, tx)).find((l) => l.name === "TrainingRunFailed");
  if (!log) throw new Error(`no TrainingRunFailed event in ${tx.hash}`);
  return {
    fails: log.args.fails as bigint,
    quorum: log.args.quorum as bigint,
    eligible: log.args.eligible as bigint,
    txHash: tx.hash,
  };
}

// ------------------------------------------------------------------ reads

/** The full record of a run, from its TrainingRunRecorded event, checked against the on-chain commitment. */
export async function fetchRunRecord(registry: ModelRegistry, runId: bigint, scan: EventScan = {}): Promise<RunRecord> {
  const events = await readEvents(registry, registry.filters.TrainingRunRecorded(runId), scan);
  if (events.length === 0)
    throw new Error(`run ${runId} has no TrainingRunRecorded event: check --run and the network`);
  const run = events[0].args.run;
  const record: RunRecord = {
    version: run.version,
    trainer: run.trainer,
    datasetRoot: run.datasetRoot,
    configHash: run.configHash,
    codeHash: run.codeHash,
    dataProviders: [...run.dataProviders],
    computeProviders: [...run.computeProviders],
    uri: run.uri,
  };
  if (!(await registry.verifyTrainingRun(runId, record))) {
    throw new Error(`the event of run ${runId} does not match its on-chain commitment`);
  }
  return record;
}

export interface VerifyReport {
  ok: boolean;
  modelId: bigint;
  onChainRoot: string;
  localRoot: string;
  /** Present when a reference manifest was available: what differs, by path. */
  diff?: ManifestDiff;
  referenceManifest?: string;
  lines: string[];
}

/**
 * Recomputes the manifest of `dir` and checks its Merkle root against model `modelId` on chain. If a reference
 * manifest is given (or `<dir>.manifest.json` exists) and its root is the anchored one, differences are reported
 * by path (modified / missing / extra).
 */
export async function verifyModelDir(
  registry: ModelRegistry,
  modelId: bigint,
  dir: string,
  referenceManifestFile?: string,
): Promise<VerifyReport> {
  const model = await registry.getModel(modelId);
  const onChainRoot = model.weightsRoot;
  const local = await buildManifest(dir);
  const localRoot = local.predicate.merkle.root;
  const ok = localRoot === onChainRoot && (await registry.verifyWeights(modelId, localRoot));
  const lines: string[] = [];
  lines.push(`model #${modelId} (version ${model.version}, operator ${model.operator})`);
  lines.push(`on-chain weights root ${onChainRoot}`);
  lines.push(`local    weights root ${localRoot} (${local.predicate.resources.length} files in ${dir})`);
  const report: VerifyReport = { ok, modelId, onChainRoot, localRoot, lines };
  const refFile =
    referenceManifestFile ?? (fs.existsSync(defaultManifestPath(dir)) ? defaultManifestPath(dir) : undefined);
  if (ok) {
    lines.push(`OK: ${dir} is exactly the anchored model`);
    return report;
  }
  if (refFile) {
    const reference = readManifest(refFile);
    report.referenceManifest = refFile;
    if (manifestRoot(reference) !== onChainRoot) {
      lines.push(`reference manifest ${refFile} is not the anchored one either: cannot tell which files differ`);
    } else {
      report.diff = compareManifests(reference, local);
      lines.push(...formatDiff(report.diff));
    }
  } else {
    lines.push(`no reference manifest (pass --manifest <file> or keep ${defaultManifestPath(dir)}) to list the paths`);
  }
  lines.push(`FAILED: ${dir} does not match model #${modelId}`);
  return report;
}

export interface ShardProof {
  ok: boolean;
  runId: bigint;
  path: string;
  size: bigint;
  sha256: string;
  proof: string[];
  datasetRoot: string;
}

/**
 * Proves on chain that `file` (inside `datasetDir`, or listed in `datasetManifest`) was in run `runId`'s training
 * set. The file itself is always re-hashed; the other leaves come from the directory or the manifest.
 */
export async function proveDataShard(
  registry: ModelRegistry,
  runId: bigint,
  file: string,
  source: { datasetDir?: string; datasetManifest?: string; scan?: EventScan },
): Promise<ShardProof> {
  let manifest: Manifest;
  let base: string;
  if (source.datasetManifest) {
    manifest = readManifest(source.datasetManifest);
    base = source.datasetDir ?? path.dirname(path.resolve(file));
  } else if (source.datasetDir) {
    manifest = await buildManifest(source.datasetDir);
    base = source.datasetDir;
  } else {
    throw new Error("pass --dir <datasetDir> (or --manifest <dataset manifest>) so the proof can be built");
  }
  const rel = path.relative(path.resolve(base), path.resolve(file)).split(path.sep).join("/");
  if (rel.startsWith("..")) throw new Error(`${file} is not inside the dataset directory ${base}`);
  const record = await fetchRunRecord(registry, runId, source.scan);
  const root = manifestRoot(manifest);
  if (root !== record.datasetRoot) {
    throw new Error(
      `the dataset ${source.datasetManifest ?? source.datasetDir} (root ${root}) is not the one run ${runId} ` +
        `anchored (root ${record.datasetRoot}): use the exact dataset of that run`,
    );
  }
  const { digest, size } = await sha256File(file);
  const { proof } = proveResource(manifest, rel);
  const ok = await registry.verifyTrainingData(runId, record, rel, BigInt(size), "0x" + digest, proof);
  return { ok, runId, path: rel, size: BigInt(size), sha256: "0x" + digest, proof, datasetRoot: record.datasetRoot };
}

/** A typed ModelRegistry at `address`. */
export function connectRegistry(address: string, runner?: ContractRunner | null): ModelRegistry {
  return ModelRegistry__factory.connect(address, runner);
}
