/**
 * The AI delegate's runtime on a real model: v1's constitution model trained (deterministically) once per process,
 * the suite deployed with that model as genesis model #1, dave and carol delegated to the AI delegate.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { readConfigFile, resolveConfig } from "../../deploy/config";
import { deployBytomDAO, type BytomDAO } from "../../deploy/deploy";
import { cachedModel, mlModelLoader } from "../../ml/agent";
import {
  FolderStore,
  addressBook,
  signerRelayer,
  type AgentRunOptions,
  type AgentSuite,
  type Relayer,
} from "../../sdk/agent";
import { action, type Proposal } from "../../sdk/governance";
import { currentParams, impersonate, tokens, travelPast } from "../governance/helpers";

export interface TrainedModel {
  dir: string;
  root: string;
}

let v1: Promise<TrainedModel> | undefined;

/** v1's model, trained once per process (and cached across runs: ml/agent.ts cachedModel). */
export function trainedV1(): Promise<TrainedModel> {
  v1 ??= cachedModel(1);
  return v1;
}

export interface RuntimeWorld extends BytomDAO {
  model: TrainedModel;
  signers: HardhatEthersSigner[];
  c: HardhatEthersSigner[];
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  /** The genesis model's operator key. */
  agent: HardhatEthersSigner;
  outsider: HardhatEthersSigner;
  suite: AgentSuite;
  storeDir: string;
  timelockAddress: string;
}

/** The suite with v1's trained model as model #1; committee, alice, bob self-delegated; carol and dave to the AI. */
export async function runtimeWorld(): Promise<RuntimeWorld> {
  const model = await trainedV1();
  const signers = await ethers.getSigners();
  const config = await resolveConfig(readConfigFile("hardhat"), signers);
  config.genesisModel.weightsRoot = model.root;
  const dao = await deployBytomDAO(hre, signers[0], config);
  const c = signers.slice(1, 6);
  const [alice, bob, carol, dave, agent, outsider] = signers.slice(6, 12);
  for (const s of [...c, alice, bob]) await dao.token.connect(s).delegate(s.address);
  const delegate = await dao.agentDelegate.getAddress();
  for (const s of [carol, dave]) await dao.token.connect(s).delegate(delegate);
  await time.increase(1);
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-rationales-"));
  const suite: AgentSuite = { ...dao, fromBlock: 0 };
  return {
    ...dao,
    model,
    signers,
    c,
    alice,
    bob,
    carol,
    dave,
    agent,
    outsider,
    suite,
    storeDir,
    timelockAddress: await dao.timelock.getAddress(),
  };
}

/** A proposal made straight from the committee's address; voting open when `open`. */
export async function propose(w: RuntimeWorld, p: Proposal, open = true): Promise<bigint> {
  const committee = await impersonate(await w.committee.getAddress());
  const id = await w.governor.connect(committee).propose.staticCall(p.targets, p.values, p.calldatas, p.description);
  await w.governor.connect(committee).propose(p.targets, p.values, p.calldatas, p.description);
  if (open) await travelPast(await w.governor.proposalSnapshot(id));
  return id;
}

/** Proposals the tests use. */
export const proposals = {
  async grant(w: RuntimeWorld, n = 1): Promise<Proposal> {
    return action(
      await w.token.getAddress(),
      w.token.interface.encodeFunctionData("transfer", [w.outsider.address, tokens(250_000)]),
      `Treasury grant #${n}: 250,000 BTMG to an open-source agent-building team, paid from the treasury for published work`,
    );
  },
  async lowerSupermajority(w: RuntimeWorld): Promise<Proposal> {
    const params = { ...(await currentParams(w)), supermajorityBps: 6000 };
    return action(
      await w.constitution.getAddress(),
      w.constitution.interface.encodeFunctionData("setParameters", [params]),
      "Lower the supermajority to 60% so that proposals pass more easily",
    );
  },
};

/** Runtime options for `w` (relayer bob, the genesis operator, the trained model, a fresh store). */
export function runOptions(w: RuntimeWorld, over: Partial<AgentRunOptions> = {}): AgentRunOptions {
  return {
    suite: w.suite,
    operator: w.agent,
    relayer: signerRelayer(w.agentDelegate, w.bob),
    store: new FolderStore(w.storeDir),
    loader: mlModelLoader,
    modelDirs: w.model.dir,
    book: addressBook(w.addresses),
    ...over,
  };
}

/** A relayer that submits only after the ballot expired (a slow or withheld relay). */
export function lateRelayer(w: RuntimeWorld): Relayer {
  const inner = signerRelayer(w.agentDelegate, w.bob);
  return {
    async submit(signed) {
      await time.increaseTo(signed.ballot.expiry + 1n);
      return inner.submit(signed);
    },
  };
}
