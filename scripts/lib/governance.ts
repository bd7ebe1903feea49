import { ethers, type BigNumberish, type BytesLike, type ContractTransactionResponse, type Signer } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { BytomGovernor, GovernanceCommittee } from "../../typechain-types";

/** A proposal's actions and description, as drafted and voted. */
export interface Proposal {
  targets: string[];
  values: BigNumberish[];
  calldatas: BytesLike[];
  description: string;
}

/** Vote support values (Governor Bravo order). */
export const Support = { Against: 0, For: 1, Abstain: 2 } as const;

/** Governor ProposalState, by name. */
export const ProposalState = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

/** Builds a one-action proposal. */
export function action(target: string, calldata: BytesLike, description: string, value: BigNumberish = 0n): Proposal {
  return { targets: [target], values: [value], calldatas: [calldata], description };
}

async function eventArg<T>(
  tx: ContractTransactionResponse,
  contract: { interface: ethers.Interface },
  event: string,
  arg: string,
): Promise<T> {
  const receipt = await tx.wait();
  if (!receipt) throw new Error(`Transaction ${tx.hash} was not mined.`);
  for (const log of receipt.logs) {
    try {
      const parsed = contract.interface.parseLog(log);
      if (parsed?.name === event) return parsed.args.getValue(arg) as T;
    } catch {
      // a log of another contract
    }
  }
  throw new Error(`No ${event} event in transaction ${tx.hash}.`);
}

/** Submits a draft; returns its id. The author needs the draft threshold of voting power. */
export async function submitDraft(committee: GovernanceCommittee, author: Signer, p: Proposal): Promise<bigint> {
  const tx = await committee.connect(author).submitDraft(p.targets, p.values, p.calldatas, p.description);
  return eventArg<bigint>(tx, committee, "DraftSubmitted", "draftId");
}

/** Revises a draft; returns the new revision number. */
export async function reviseDraft(
  committee: GovernanceCommittee,
  author: Signer,
  draftId: bigint,
  p: Proposal,
  changeNote: string,
): Promise<bigint> {
  const tx = await committee
    .connect(author)
    .reviseDraft(draftId, p.targets, p.values, p.calldatas, p.description, changeNote);
  return eventArg<bigint>(tx, committee, "DraftRevised", "revision");
}

/** Committee members approve the draft's current revision. */
export async function approveDraft(committee: GovernanceCommittee, members: Signer[], draftId: bigint): Promise<void> {
  const { revision } = await committee.getDraft(draftId);
  for (const member of members) await (await committee.connect(member).approveDraft(draftId, revision)).wait();
}

/** Puts an approved (or initiative-backed) draft to the vote; returns the governor proposal id. */
export async function putToVote(
  committee: GovernanceCommittee,
  caller: Signer,
  draftId: bigint,
  p: Proposal,
): Promise<bigint> {
  const tx = await committee.connect(caller).propose(draftId, p.targets, p.values, p.calldatas, p.description);
  return eventArg<bigint>(tx, committee, "DraftProposed", "proposalId");
}

/**
 * The proposal's actions and description hash, read back from its ProposalCreated event. `fromBlock` bounds the
 * scan (the deployment's start block on public networks, whose RPCs refuse scans from block 0).
 */
export async function proposalActions(
  governor: BytomGovernor,
  proposalId: bigint,
  fromBlock = 0,
): Promise<{ targets: string[]; values: bigint[]; calldatas: string[]; descriptionHash: string; description: string }> {
  const events = await governor.queryFilter(governor.filters.ProposalCreated(), fromBlock);
  const created = events.find((e) => e.args.proposalId === proposalId);
  if (!created) throw new Error(`Proposal ${proposalId} has no ProposalCreated event: is the id right?`);
  // Positional: `values` would collide with ethers' Result.values().
  const [, , targets, values, , calldatas, , , description] = created.args;
  return {
    targets: [...targets],
    values: [...values],
    calldatas: [...calldatas],
    description,
    descriptionHash: ethers.id(description),
  };
}

/** Queues a succeeded proposal by id (anyone may). */
export async function queue(
  governor: BytomGovernor,
  caller: Signer,
  proposalId: bigint,
  fromBlock = 0,
): Promise<ContractTransactionResponse> {
  const a = await proposalActions(governor, proposalId, fromBlock);
  return governor.connect(caller).queue(a.targets, a.values, a.calldatas, a.descriptionHash);
}

/** Executes a queued proposal by id once its timelock delay passed (anyone may). */
export async function execute(
  governor: BytomGovernor,
  caller: Signer,
  proposalId: bigint,
  fromBlock = 0,
): Promise<ContractTransactionResponse> {
  const a = await proposalActions(governor, proposalId, fromBlock);
  const value = a.values.reduce((sum, v) => sum + v, 0n);
  return governor.connect(caller).execute(a.targets, a.values, a.calldatas, a.descriptionHash, { value });
}

/** The proposal's state name. */
export async function stateOf(governor: BytomGovernor, proposalId: bigint): Promise<(typeof ProposalState)[number]> {
  return ProposalState[Number(await governor.state(proposalId))];
}

// ---------------------------------------------------------------- local networks only (time travel)

/** Moves the chain clock past `timestamp`. Local networks only. */
export async function travelPast(timestamp: BigNumberish): Promise<void> {
  const target = BigInt(timestamp) + 1n;
  if (BigInt(await time.latest()) < target) await time.increaseTo(target);
}

export interface PassOptions {
  /** Committee members who approve the draft (reviewQuorum of them). */
  approvers: Signer[];
  /** Voters and their support. */
  votes: { voter: Signer; support: number }[];
  /** Whoever submits, queues and executes (anyone). */
  author: Signer;
}

/**
 * Runs a proposal through the whole cycle on a local network: draft, discussion period, committee approvals, vote,
 * queue, timelock delay, execute. Returns the proposal id. Used by the demo and tests to act "as the DAO".
 */
export async function passProposal(
  contracts: { committee: GovernanceCommittee; governor: BytomGovernor; timelockDelay: bigint },
  p: Proposal,
  o: PassOptions,
): Promise<bigint> {
  const { committee, governor } = contracts;
  const draftId = await submitDraft(committee, o.author, p);
  await travelPast(await committee.discussionEndsAt(draftId));
  await approveDraft(committee, o.approvers, draftId);
  const proposalId = await putToVote(committee, o.author, draftId, p);
  await travelPast(await governor.proposalSnapshot(proposalId));
  for (const { voter, support } of o.votes) await (await governor.connect(voter).castVote(proposalId, support)).wait();
  await travelPast(await governor.proposalDeadline(proposalId));
  await (await queue(governor, o.author, proposalId)).wait();
  await travelPast(await governor.proposalEta(proposalId));
  await (await execute(governor, o.author, proposalId)).wait();
  return proposalId;
}
