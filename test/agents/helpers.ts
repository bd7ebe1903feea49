import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  delegatedFixture,
  directProposal,
  grant,
  impersonate,
  proposalActions,
  tokens,
  travelPast,
  type Proposal,
  type World,
} from "../governance/helpers";
import type { AgentDelegate } from "../../typechain-types";
import { AGENT_BALLOT_TYPES, type AgentBallot } from "../../sdk/agent/runtime";

/** The ballot's EIP-712 type and shape, as the runtime signs it (one definition: sdk/agent). */
export const BALLOT_TYPES = AGENT_BALLOT_TYPES;
export type Ballot = AgentBallot;

export interface Actions {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  descriptionHash: string;
}

export interface AgentWorld extends World {
  id: bigint;
  delegateAddress: string;
}

/** dave (100M) and carol (100M) delegate to the AI delegate; an Active proposal `id` (a 1-token grant). */
export async function agentWorld(): Promise<AgentWorld> {
  const w = await delegatedFixture();
  const delegateAddress = await w.agentDelegate.getAddress();
  await w.token.connect(w.dave).delegate(delegateAddress);
  await w.token.connect(w.carol).delegate(delegateAddress);
  const id = await directProposal(w, await grant(w, w.outsider.address, tokens(1), "agent world"));
  await travelPast(await w.governor.proposalSnapshot(id));
  return { ...w, id, delegateAddress };
}

/** A proposal made straight from the committee's address, voting open. */
export async function activeProposal(w: World, p: Proposal): Promise<bigint> {
  const id = await directProposal(w, p);
  await travelPast(await w.governor.proposalSnapshot(id));
  return id;
}

/** The proposal's actions as AgentDelegate takes them. */
export async function actionsOf(w: World, id: bigint): Promise<Actions> {
  const a = await proposalActions(w.governor, id);
  return { targets: a.targets, values: a.values, calldatas: a.calldatas, descriptionHash: a.descriptionHash };
}

/** A ballot for the active model, expiring in a day. */
export async function ballotFor(w: World, id: bigint, support: number, over: Partial<Ballot> = {}): Promise<Ballot> {
  return {
    proposalId: id,
    support,
    reason: `ipfs://agent/reasoning/${id}`,
    rationaleHash: ethers.id(`reasoning ${id}`),
    modelId: await w.constitution.activeModelId(),
    expiry: BigInt(await time.latest()) + 86_400n,
    ...over,
  };
}

export async function signAgentBallot(
  d: AgentDelegate,
  signer: HardhatEthersSigner,
  ballot: Ballot,
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<string> {
  const domain = {
    name: "BytomDAO Agent Delegate",
    version: "1",
    chainId: overrides.chainId ?? (await ethers.provider.getNetwork()).chainId,
    verifyingContract: overrides.verifyingContract ?? (await d.getAddress()),
  };
  return signer.signTypedData(domain, BALLOT_TYPES, ballot);
}

/** The active agent votes directly on `id`. */
export async function agentVote(w: World, id: bigint, support: number, reason = "", rationaleHash = ethers.ZeroHash) {
  return w.agentDelegate.connect(w.agent).castVote(id, support, reason, rationaleHash, await actionsOf(w, id));
}

/** Brings constitution v2 into force with model #2 operated by `newAgent` (as the model registry would). */
export async function enactNewModel(w: World, newAgent: string): Promise<void> {
  const dao = await impersonate(w.timelockAddress);
  await w.constitution.connect(dao).ratifyAmendment(ethers.id("v2"), "ipfs://v2");
  const registry = await impersonate(await w.modelRegistry.getAddress());
  await w.constitution.connect(registry).enactVersion(2, 2, newAgent);
}

/** Sets the AI vote cap as the DAO. */
export async function setCap(w: World, bps: number): Promise<void> {
  await w.constitution.connect(await impersonate(w.timelockAddress)).setAgentVoteCapBps(bps);
}
