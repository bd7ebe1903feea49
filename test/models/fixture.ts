import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { MockCommittee, MockConstitution, ModelRegistry } from "../../typechain-types";
import { MOCK_GENESIS_ROOT, MOCK_GENESIS_URI, deployRegistryOnMocks } from "../../scripts/mocks";
import { nextCheckpointHead, runCommitment, sortAddresses, type RunRecord } from "../../sdk/models";

export const ROLE_TRAINER = 1;
export const ROLE_DATA = 2;
export const ROLE_COMPUTE = 4;
export const ROLE_AGENT = 8;

/** ModelRegistry.RunStatus */
export const RunStatus = { None: 0n, Training: 1n, Evaluating: 2n, Passed: 3n, Failed: 4n, Activated: 5n } as const;
/** ModelRegistry.RequestStatus */
export const RequestStatus = { None: 0n, Open: 1n, Closed: 2n, Fulfilled: 3n } as const;
/** IConstitution.VersionStatus */
export const VersionStatus = { None: 0n, Ratified: 1n, InForce: 2n, Superseded: 3n, Withdrawn: 4n } as const;

export const GENESIS_ROOT = MOCK_GENESIS_ROOT;
export const GENESIS_URI = MOCK_GENESIS_URI;
export { runCommitment, sortAddresses, nextCheckpointHead as nextHead, type RunRecord };

export interface Fixture {
  registry: ModelRegistry;
  constitution: MockConstitution;
  committee: MockCommittee;
  dao: HardhatEthersSigner;
  trainer: HardhatEthersSigner;
  data1: HardhatEthersSigner;
  data2: HardhatEthersSigner;
  compute: HardhatEthersSigner;
  members: HardhatEthersSigner[];
  outsider: HardhatEthersSigner;
  operator: HardhatEthersSigner;
  genesisOperator: HardhatEthersSigner;
  auditor: HardhatEthersSigner;
  trainer2: HardhatEthersSigner;
}

/** Registry behind a UUPS proxy, wired to a mock constitution (v1 in force) and a mock committee of 5. */
export async function deployRegistry(): Promise<Fixture> {
  const s = await ethers.getSigners();
  const [
    dao,
    trainer,
    data1,
    data2,
    compute,
    m1,
    m2,
    m3,
    m4,
    m5,
    outsider,
    operator,
    genesisOperator,
    auditor,
    trainer2,
  ] = s;
  const members = [m1, m2, m3, m4, m5];
  const { registry, constitution, committee } = await deployRegistryOnMocks(dao, members, genesisOperator);
  return {
    registry,
    constitution,
    committee,
    dao,
    trainer,
    data1,
    data2,
    compute,
    members,
    outsider,
    operator,
    genesisOperator,
    auditor,
    trainer2,
  };
}

/** Plus: builders registered, version 2 ratified (request open). */
export async function deployWithBuilders(): Promise<Fixture> {
  const f = await deployRegistry();
  await f.registry.connect(f.trainer).registerBuilder(ROLE_TRAINER, "ipfs://trainer");
  await f.registry.connect(f.trainer2).registerBuilder(ROLE_TRAINER | ROLE_AGENT, "ipfs://trainer2");
  await f.registry.connect(f.data1).registerBuilder(ROLE_DATA, "ipfs://data1");
  await f.registry.connect(f.data2).registerBuilder(ROLE_DATA | ROLE_COMPUTE, "ipfs://data2");
  await f.registry.connect(f.compute).registerBuilder(ROLE_COMPUTE, "ipfs://compute");
  await f.constitution.ratify(ethers.id("constitution v2 text"), "ipfs://constitution-v2");
  return f;
}

export function defaultRecord(f: Fixture, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    version: 2n,
    trainer: f.trainer.address,
    datasetRoot: ethers.id("dataset root"),
    configHash: ethers.id("config"),
    codeHash: ethers.id("code"),
    dataProviders: sortAddresses([f.data1.address, f.data2.address]),
    computeProviders: [f.compute.address],
    uri: "ipfs://run-1",
    ...overrides,
  };
}

export async function record(f: Fixture, r: RunRecord, signer = f.trainer) {
  return f.registry
    .connect(signer)
    .recordTrainingRun(r.version, r.datasetRoot, r.configHash, r.codeHash, r.dataProviders, r.computeProviders, r.uri);
}

/** Records a run, anchors 2 checkpoints and completes it; returns the run id. */
export async function completedRun(f: Fixture, r: RunRecord = defaultRecord(f), signer = f.trainer): Promise<bigint> {
  await record(f, r, signer);
  const runId = await f.registry.runCount();
  await f.registry.connect(signer).anchorCheckpoint(runId, 100n, ethers.id("ckpt-100"));
  await f.registry.connect(signer).anchorCheckpoint(runId, 200n, ethers.id("ckpt-200"));
  await f.registry
    .connect(signer)
    .completeTrainingRun(runId, ethers.id("weights root"), ethers.id("metrics"), f.operator.address, "ipfs://w");
  return runId;
}

/** The default challenge window (ModelRegistry.DEFAULT_ACTIVATION_DELAY). */
export const DEFAULT_DELAY = 2n * 24n * 3600n;

/** `evaluator` records a verdict on run `runId`, giving back its record `r`. */
export async function evaluate(
  f: Fixture,
  evaluator: HardhatEthersSigner,
  runId: bigint,
  passed: boolean,
  r: RunRecord = defaultRecord(f),
  score = passed ? 9000 : 1000,
  reportHash = ethers.id(`report ${evaluator.address}`),
) {
  return f.registry.connect(evaluator).evaluateRun(runId, r, passed, score, reportHash);
}

/** The first three committee members, strictly ascending: the passers of {passedRun}. */
export function passers(f: Fixture): string[] {
  return sortAddresses(f.members.slice(0, 3).map((m) => m.address));
}

/** A completed run passed by 3 committee members (its challenge window running). */
export async function passedRun(f: Fixture, r: RunRecord = defaultRecord(f), signer = f.trainer): Promise<bigint> {
  const runId = await completedRun(f, r, signer);
  for (const m of f.members.slice(0, 3)) await evaluate(f, m, runId, true, r);
  return runId;
}

/** A passed run whose challenge window is over. */
export async function activatableRun(f: Fixture, r: RunRecord = defaultRecord(f), signer = f.trainer): Promise<bigint> {
  const runId = await passedRun(f, r, signer);
  await time.increaseTo(await f.registry.activatableAt(runId));
  return runId;
}
