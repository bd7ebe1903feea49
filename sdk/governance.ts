/**
 * Every stage of the constitutional agenda as a typed function: draft, comment, revise, withdraw, back, approve,
 * put an approved draft to the vote (its actions rebuilt from the committee's events), vote / override / by
 * signature (and the AI delegate's vote), queue, execute, hold, delegate; and the stage of a draft or proposal with
 * what comes next. Works with any ethers v6 signer; no Hardhat import.
 */
import { ethers, type BigNumberish, type BytesLike, type ContractTransactionResponse, type Signer } from "ethers";
import type {
  AgentDelegate,
  BytomGovernor,
  Constitution,
  GovernanceCommittee,
  GovernanceToken,
} from "../typechain-types";
import { latestTimestamp, travelPast, type RpcProvider } from "./dev";
import { readEvents, type EventScan } from "./events";
import { formatDate, formatDuration, formatTally, formatTokens } from "./units";
import { DraftStatus, ProposalState, type ProposalStateName } from "./states";

/** A proposal's actions and description, as drafted and voted. */
export interface Proposal {
  targets: string[];
  values: BigNumberish[];
  calldatas: BytesLike[];
  description: string;
}

/** Vote support values (Governor Bravo order). */
export const Support = { Against: 0, For: 1, Abstain: 2 } as const;

/** "for" | "against" | "abstain" (any case) → the support value. */
export function parseSupport(text: string): number {
  const s = { for: Support.For, against: Support.Against, abstain: Support.Abstain }[text.trim().toLowerCase()];
  if (s === undefined) throw new Error(`support must be for, against or abstain (got "${text}")`);
  return s;
}

// The state names live in a module without dependencies, shared with the dashboard's browser bundle.
export { DraftStatus, ProposalState, type ProposalStateName };

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

async function mined(tx: ContractTransactionResponse): Promise<ethers.ContractTransactionReceipt> {
  const receipt = await tx.wait();
  if (!receipt) throw new Error(`Transaction ${tx.hash} was not mined.`);
  return receipt;
}

// ---------------------------------------------------------------- drafts

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

/** Comments on a draft: the comment's text (hashed) or a 32-byte hash, and where the comment lives. */
export async function commentDraft(
  committee: GovernanceCommittee,
  commenter: Signer,
  draftId: bigint,
  text: string,
  uri: string,
): Promise<ethers.ContractTransactionReceipt> {
  const hash = ethers.isHexString(text, 32) ? text : ethers.id(text);
  return mined(await committee.connect(commenter).comment(draftId, hash, uri));
}

/** The author withdraws a draft. */
export async function withdrawDraft(committee: GovernanceCommittee, author: Signer, draftId: bigint) {
  return mined(await committee.connect(author).withdrawDraft(draftId));
}

/** Committee members approve the draft's current revision. */
export async function approveDraft(committee: GovernanceCommittee, members: Signer[], draftId: bigint): Promise<void> {
  const { revision } = await committee.getDraft(draftId);
  for (const member of members) await (await committee.connect(member).approveDraft(draftId, revision)).wait();
}

/** A holder backs the draft's current revision as a citizens' initiative; returns the total backing. */
export async function backDraft(committee: GovernanceCommittee, backer: Signer, draftId: bigint): Promise<bigint> {
  const { revision } = await committee.getDraft(draftId);
  return eventArg<bigint>(
    await committee.connect(backer).backDraft(draftId, revision),
    committee,
    "DraftBacked",
    "total",
  );
}

/** A committee member supports holding a queued proposal for mediation; returns the number of supporters. */
export async function supportHold(committee: GovernanceCommittee, member: Signer, proposalId: bigint): Promise<bigint> {
  return eventArg<bigint>(
    await committee.connect(member).supportHold(proposalId),
    committee,
    "HoldSupported",
    "supporters",
  );
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
 * A draft's current content, rebuilt from its DraftSubmitted and latest DraftRevised events and checked against
 * the hash the committee stores.
 */
export async function draftActions(
  committee: GovernanceCommittee,
  draftId: bigint,
  scan: EventScan = {},
): Promise<Proposal & { revision: bigint }> {
  const count = await committee.draftCount();
  if (draftId < 1n || draftId > count) throw new Error(`No draft ${draftId}: drafts are numbered 1..${count} here.`);
  const submitted = await readEvents(committee, committee.filters.DraftSubmitted(draftId), scan);
  if (submitted.length === 0) {
    throw new Error(`Draft ${draftId} has no DraftSubmitted event from block ${scan.fromBlock ?? 0}: is the id right?`);
  }
  const revised = await readEvents(committee, committee.filters.DraftRevised(draftId), scan);
  let content: Proposal;
  let revision = 0n;
  if (revised.length > 0) {
    const last = revised[revised.length - 1];
    const [, rev, targets, values, calldatas, description] = last.args;
    content = { targets: [...targets], values: [...values], calldatas: [...calldatas], description };
    revision = rev;
  } else {
    const [, , targets, values, calldatas, description] = submitted[0].args;
    content = { targets: [...targets], values: [...values], calldatas: [...calldatas], description };
  }
  const stored = (await committee.getDraft(draftId)).contentHash;
  const rebuilt = await committee.hashContent(content.targets, content.values, content.calldatas, content.description);
  if (stored !== rebuilt) {
    throw new Error(`Draft ${draftId}: the events do not match the stored content hash (scan from an earlier block?)`);
  }
  return { ...content, revision };
}

/** Puts an approved draft to the vote with its actions rebuilt from the events; returns the proposal id. */
export async function proposeDraft(
  committee: GovernanceCommittee,
  caller: Signer,
  draftId: bigint,
  scan: EventScan = {},
): Promise<bigint> {
  return putToVote(committee, caller, draftId, await draftActions(committee, draftId, scan));
}

// ---------------------------------------------------------------- proposals

/**
 * The proposal's actions and description hash, read back from its ProposalCreated event. `fromBlock` bounds the
 * scan (the deployment's start block on public networks, whose RPCs refuse scans from block 0).
 */
export async function proposalActions(
  governor: BytomGovernor,
  proposalId: bigint,
  fromBlock = 0,
): Promise<{ targets: string[]; values: bigint[]; calldatas: string[]; descriptionHash: string; description: string }> {
  const events = await readEvents(governor, governor.filters.ProposalCreated(), { fromBlock });
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

/** Casts a vote (with an optional reason); returns the receipt. */
export async function castVote(
  governor: BytomGovernor,
  voter: Signer,
  proposalId: bigint,
  support: number,
  reason = "",
) {
  return mined(await governor.connect(voter).castVoteWithReason(proposalId, support, reason));
}

/** Votes with the caller's own balance, overriding its delegate (e.g. the AI delegate) on this proposal. */
export async function castOverride(
  governor: BytomGovernor,
  voter: Signer,
  proposalId: bigint,
  support: number,
  reason = "",
) {
  return mined(await governor.connect(voter).castOverrideVote(proposalId, support, reason));
}

/**
 * The active model's operator key casts the AI delegate's votes directly (the runtime, sdk/agent, relays a signed
 * ballot instead). The proposal's actions go with the vote (read from its ProposalCreated event) for the recusal
 * check; `rationaleHash` is the hash of the reasoning published at `reason` (zero when none).
 */
export async function castAgentVote(
  agentDelegate: AgentDelegate,
  governor: BytomGovernor,
  operator: Signer,
  proposalId: bigint,
  support: number,
  reason = "",
  rationaleHash: string = ethers.ZeroHash,
  fromBlock = 0,
) {
  const { targets, values, calldatas, descriptionHash } = await proposalActions(governor, proposalId, fromBlock);
  return mined(
    await agentDelegate
      .connect(operator)
      .castVote(proposalId, support, reason, rationaleHash, { targets, values, calldatas, descriptionHash }),
  );
}

/** The EIP-712 domain a contract reports (ERC-5267 `eip712Domain()`). */
export async function domainOf(c: {
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
}) {
  const d = await c.eip712Domain();
  return { name: d[1], version: d[2], chainId: d[3], verifyingContract: d[4] };
}

/** A `castVoteBySig` ballot signed by `voter` (anyone may relay it). */
export async function signBallot(governor: BytomGovernor, voter: Signer, proposalId: bigint, support: number) {
  const address = await voter.getAddress();
  const nonce = await governor.nonces(address);
  const types = {
    Ballot: [
      { name: "proposalId", type: "uint256" },
      { name: "support", type: "uint8" },
      { name: "voter", type: "address" },
      { name: "nonce", type: "uint256" },
    ],
  };
  const signature = await voter.signTypedData(await domainOf(governor), types, {
    proposalId,
    support,
    voter: address,
    nonce,
  });
  return { proposalId, support, voter: address, signature };
}

/** Relays a signed ballot. */
export async function relayBallot(
  governor: BytomGovernor,
  relayer: Signer,
  ballot: { proposalId: bigint; support: number; voter: string; signature: string },
) {
  return mined(
    await governor.connect(relayer).castVoteBySig(ballot.proposalId, ballot.support, ballot.voter, ballot.signature),
  );
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
export async function stateOf(governor: BytomGovernor, proposalId: bigint): Promise<ProposalStateName> {
  return ProposalState[Number(await governor.state(proposalId))];
}

/** Delegates `signer`'s voting power to `to` ("self", an address). Returns the delegate's votes after. */
export async function delegate(token: GovernanceToken, signer: Signer, to: string): Promise<bigint> {
  const target = to === "self" ? await signer.getAddress() : ethers.getAddress(to);
  await mined(await token.connect(signer).delegate(target));
  return token.getVotes(target);
}

// ---------------------------------------------------------------- status: what comes next

export interface StageReport {
  /** e.g. "Discussion", "Review", "Voting", "Timelock", "Executed" */
  stage: string;
  lines: string[];
}

/** The stage of a draft (and of its proposal once put to the vote): what comes next, when, and who may act. */
export async function draftStatus(
  contracts: { committee: GovernanceCommittee; governor: BytomGovernor; constitution?: Constitution },
  draftId: bigint,
): Promise<StageReport> {
  const { committee, governor, constitution } = contracts;
  const provider = committee.runner?.provider;
  if (!provider) throw new Error("draftStatus: connect the committee to a provider");
  if (draftId < 1n || draftId > (await committee.draftCount())) {
    throw new Error(`No draft ${draftId}: drafts are numbered 1..${await committee.draftCount()} on this network.`);
  }
  const d = await committee.getDraft(draftId);
  const status = DraftStatus[Number(d.status)];
  const now = await latestTimestamp(provider);
  const lines = [`Draft #${draftId} by ${d.author}, revision ${d.revision}: ${status}`];
  if (status === "Withdrawn")
    return { stage: "Withdrawn", lines: [...lines, "Withdrawn by its author: nothing next."] };
  if (status === "Proposed") {
    const p = await proposalStatus(governor, d.proposalId);
    return { stage: p.stage, lines: [...lines, `Put to the vote as proposal ${d.proposalId}.`, ...p.lines] };
  }
  const endsAt = await committee.discussionEndsAt(draftId);
  const approvals = await committee.approvalCount(draftId);
  if (now < endsAt) {
    lines.push(
      `Discussion until ${formatDate(endsAt)} (in ${formatDuration(endsAt - now)}): anyone comments (gov:comment), ` +
        `the author may revise (gov:revise, restarts the clock) or withdraw (gov:withdraw).`,
    );
    lines.push(`Then: committee members approve (gov:approve --draft ${draftId}); approvals so far ${approvals}.`);
    return { stage: "Discussion", lines };
  }
  lines.push(
    `Discussion over since ${formatDate(endsAt)}. Approvals ${approvals} of ` +
      `${constitution ? await constitution.reviewQuorum() : "reviewQuorum"} needed; ` +
      `initiative backing ${formatTokens(d.initiativeSupport)} of ` +
      `${formatTokens(await committee.initiativeThreshold(draftId))} needed.`,
  );
  lines.push(
    `Next: committee members approve (gov:approve --draft ${draftId}) or holders back it (gov:back --draft ${draftId}); ` +
      `once approved anyone puts it to the vote: gov:propose --draft ${draftId}.`,
  );
  return { stage: "Review", lines };
}

/** The stage of a governor proposal: state, tally against the line, deadlines, what comes next. */
export async function proposalStatus(governor: BytomGovernor, proposalId: bigint): Promise<StageReport> {
  const provider = governor.runner?.provider;
  if (!provider) throw new Error("proposalStatus: connect the governor to a provider");
  const latest = await governor.latestProposalId();
  if (proposalId < 1n || proposalId > latest) {
    throw new Error(
      `No proposal ${proposalId} (proposals 1..${latest}): put an approved draft to the vote with gov:propose --draft N.`,
    );
  }
  const state = await stateOf(governor, proposalId);
  const now = await latestTimestamp(provider);
  const [againstVotes, forVotes, abstainVotes] = await governor.proposalVotes(proposalId);
  const line = await governor.proposalSupermajority(proposalId);
  const snapshot = await governor.proposalSnapshot(proposalId);
  const deadline = await governor.proposalDeadline(proposalId);
  const eta = await governor.proposalEta(proposalId);
  const lines = [
    `Proposal ${proposalId}: ${state}`,
    `  ${formatTally({ forVotes, againstVotes, abstainVotes }, line)}`,
  ];
  const codeless = await governor.proposalCodelessTargets(proposalId);
  if (codeless !== 0n) {
    const indexes = [...codeless.toString(2)]
      .reverse()
      .flatMap((bit, i) => (bit === "1" ? [i] : []))
      .join(", ");
    lines.push(
      `  targets without code at proposal time (not pinned; code deployed there later runs): #${indexes}` +
        ` — check what is there now before executing`,
    );
  }
  if (snapshot <= now) {
    const quorum = await governor.quorum(snapshot);
    lines.push(`  quorum (for + abstain) ${formatTokens(forVotes + abstainVotes)} of ${formatTokens(quorum)} needed`);
  }
  switch (state) {
    case "Pending":
      lines.push(`Voting opens at ${formatDate(snapshot + 1n)} (in ${formatDuration(snapshot + 1n - now)}).`);
      lines.push(`Then holders vote (gov:vote), delegators may override their delegate (gov:override).`);
      break;
    case "Active":
      lines.push(
        `Voting open until ${formatDate(deadline)} (in ${formatDuration(deadline - now)}): gov:vote / gov:override.`,
      );
      lines.push(`Then anyone queues it if it passed: gov:queue --proposal ${proposalId}.`);
      break;
    case "Succeeded":
      lines.push(`Passed. Next: anyone queues it: gov:queue --proposal ${proposalId}.`);
      break;
    case "Queued": {
      const held = await governor.proposalHeldUntil(proposalId);
      const ready = held > eta ? held : eta;
      lines.push(
        `Queued; executable from ${formatDate(ready)}${ready > now ? ` (in ${formatDuration(ready - now)})` : " (now)"}` +
          `${held > 0n ? `, on hold until ${formatDate(held)}` : ""}.`,
      );
      lines.push(
        `Next: anyone executes it: gov:execute --proposal ${proposalId}; committee members may hold it (gov:hold).`,
      );
      break;
    }
    case "Executed":
      lines.push("Executed: nothing next.");
      break;
    default:
      lines.push(`${state}: nothing next for this proposal (draft and propose again to retry).`);
  }
  return { stage: state, lines };
}

// ---------------------------------------------------------------- local networks only (time travel)

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
  const provider = committee.runner?.provider as RpcProvider | undefined;
  if (!provider) throw new Error("passProposal: connect the committee to a provider");
  const draftId = await submitDraft(committee, o.author, p);
  await travelPast(provider, await committee.discussionEndsAt(draftId));
  await approveDraft(committee, o.approvers, draftId);
  const proposalId = await putToVote(committee, o.author, draftId, p);
  await travelPast(provider, await governor.proposalSnapshot(proposalId));
  for (const { voter, support } of o.votes) await (await governor.connect(voter).castVote(proposalId, support)).wait();
  await travelPast(provider, await governor.proposalDeadline(proposalId));
  await (await queue(governor, o.author, proposalId)).wait();
  await travelPast(provider, await governor.proposalEta(proposalId));
  await (await execute(governor, o.author, proposalId)).wait();
  return proposalId;
}
