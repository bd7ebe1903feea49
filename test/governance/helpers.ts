import hre, { ethers } from "hardhat";
import { expect } from "chai";
import type { Signature, Signer } from "ethers";
import { impersonateAccount, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployFixture, type Fixture } from "../fixtures/deploy";
import {
  Support,
  action,
  approveDraft,
  execute,
  passProposal,
  proposalActions,
  putToVote,
  queue,
  submitDraft,
  type Proposal,
} from "../../sdk/governance";
import { travelPast as travelPastOn } from "../../sdk/dev";
import type { IConstitution } from "../../typechain-types";

export { Support, action, approveDraft, execute, proposalActions, putToVote, queue, submitDraft };
export type { Proposal };

/** Moves the chain clock past `timestamp` (sdk/dev on the in-process network). */
export const travelPast = (timestamp: bigint): Promise<void> => travelPastOn(hre.ethers.provider, timestamp);

/** Governor ProposalState values. */
export const State = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
} as const;

/** `bytes32(1 << state)`, the expectedStates argument of GovernorUnexpectedProposalState. */
export const stateBitmap = (...states: bigint[]): string =>
  ethers.toBeHex(
    states.reduce((acc, s) => acc | (1n << s), 0n),
    32,
  );

export const tokens = (n: string | number): bigint => ethers.parseUnits(String(n), 18);

export const HOUR = 3600n;
export const DAY = 86_400n;
export const TIMELOCK_DELAY = 2n * DAY;

/** ERC-1967 implementation slot. */
export const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
/** OZ v5 ERC-7201 Initializable slot. */
export const INITIALIZABLE_SLOT = "0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00";

export interface World extends Fixture {
  signers: HardhatEthersSigner[];
  deployer: HardhatEthersSigner;
  /** Committee members (signers 1..5, 40M each). */
  c: HardhatEthersSigner[];
  alice: HardhatEthersSigner; // signer 6, 100M
  bob: HardhatEthersSigner; // signer 7, 100M
  carol: HardhatEthersSigner; // signer 8, 100M
  dave: HardhatEthersSigner; // signer 9, 100M
  agent: HardhatEthersSigner; // signer 10, the genesis AI agent, no tokens
  outsider: HardhatEthersSigner; // signer 11, no tokens
  timelockAddress: string;
}

/** The deployed suite with named signers; nobody delegated yet. */
export async function worldFixture(): Promise<World> {
  const f = await deployFixture();
  const signers = await ethers.getSigners();
  return {
    ...f,
    signers,
    deployer: signers[0],
    c: signers.slice(1, 6),
    alice: signers[6],
    bob: signers[7],
    carol: signers[8],
    dave: signers[9],
    agent: signers[10],
    outsider: signers[11],
    timelockAddress: await f.timelock.getAddress(),
  };
}

/** The suite where every holder (committee, alice..dave) self-delegated. */
export async function delegatedFixture(): Promise<World> {
  const w = await worldFixture();
  for (const s of [...w.c, w.alice, w.bob, w.carol, w.dave]) await w.token.connect(s).delegate(s.address);
  await time.increase(1);
  return w;
}

/** A signer for a contract address (impersonated, funded with ETH). */
export async function impersonate(address: string): Promise<HardhatEthersSigner> {
  await impersonateAccount(address);
  await setBalance(address, ethers.parseEther("100"));
  return ethers.getSigner(address);
}

/**
 * Passes a proposal through the whole cycle (draft, discussion, 3 approvals, vote by every self-delegated holder
 * for, queue, delay, execute): acts "as the DAO". Requires {delegatedFixture}.
 */
export async function passAsDao(w: World, p: Proposal): Promise<bigint> {
  return passProposal({ committee: w.committee, governor: w.governor, timelockDelay: TIMELOCK_DELAY }, p, {
    approvers: w.c.slice(0, 3),
    votes: [w.alice, w.bob, w.carol, w.dave].map((voter) => ({ voter, support: Support.For })),
    author: w.alice,
  });
}

/** Draft by `author`, discussion, 3 approvals, put to vote; returns the proposal id (Pending). */
export async function toVote(w: World, p: Proposal, author: Signer = w.alice): Promise<bigint> {
  const draftId = await submitDraft(w.committee, author, p);
  await travelPast(await w.committee.discussionEndsAt(draftId));
  await approveDraft(w.committee, w.c.slice(0, 3), draftId);
  return putToVote(w.committee, author, draftId, p);
}

/** {toVote}, then wait until voting is open. */
export async function toActive(w: World, p: Proposal, author: Signer = w.alice): Promise<bigint> {
  const id = await toVote(w, p, author);
  await travelPast(await w.governor.proposalSnapshot(id));
  return id;
}

/** Votes and waits past the deadline; expects Succeeded; queues. */
export async function voteAndQueue(w: World, id: bigint, voters: Signer[] = [w.alice, w.bob, w.carol, w.dave]) {
  for (const v of voters) await w.governor.connect(v).castVote(id, Support.For);
  await travelPast(await w.governor.proposalDeadline(id));
  expect(await w.governor.state(id)).to.equal(State.Succeeded);
  await queue(w.governor, w.alice, id);
  expect(await w.governor.state(id)).to.equal(State.Queued);
}

/** A harmless proposal: the treasury transfers `amount` wei of BTMG to `to`. */
export async function grant(w: World, to: string, amount: bigint, description: string): Promise<Proposal> {
  return action(
    await w.token.getAddress(),
    w.token.interface.encodeFunctionData("transfer", [to, amount]),
    description,
  );
}

/** The deploy-time governance parameters as a mutable struct. */
export async function currentParams(w: Pick<World, "constitution">): Promise<IConstitution.GovernanceParamsStruct> {
  const p = await w.constitution.parameters();
  return {
    supermajorityBps: p.supermajorityBps,
    quorumBps: p.quorumBps,
    initiativeThresholdBps: p.initiativeThresholdBps,
    reviewQuorum: p.reviewQuorum,
    votingDelay: p.votingDelay,
    votingPeriod: p.votingPeriod,
    minDiscussionPeriod: p.minDiscussionPeriod,
    disputeHoldPeriod: p.disputeHoldPeriod,
    lateQuorumExtension: p.lateQuorumExtension,
    draftThreshold: p.draftThreshold,
  };
}

/** Reads an address stored in a slot (e.g. the ERC-1967 implementation slot). */
export async function slotAddress(address: string, slot: string): Promise<string> {
  const raw = await hre.network.provider.send("eth_getStorageAt", [address, slot, "latest"]);
  return ethers.getAddress(ethers.dataSlice(ethers.zeroPadValue(raw, 32), 12));
}

/** Reads a slot as a bigint. */
export async function slotValue(address: string, slot: string): Promise<bigint> {
  return BigInt(await hre.network.provider.send("eth_getStorageAt", [address, slot, "latest"]));
}

/** Creates a proposal directly from the committee's address (cheap; unit tests of the governor). */
export async function directProposal(w: World, p: Proposal): Promise<bigint> {
  const committee = await impersonate(await w.committee.getAddress());
  await w.governor.connect(committee).propose(p.targets, p.values, p.calldatas, p.description);
  return w.governor.latestProposalId();
}

/** Gives fresh accounts exactly the given (self-delegated) voting weights (each at most 100M, funded by alice, bob,
 * carol and dave in turn); returns them. */
export async function exactVoters(w: World, weights: bigint[], firstSigner = 12): Promise<HardhatEthersSigner[]> {
  const voters = w.signers.slice(firstSigner, firstSigner + weights.length);
  for (let i = 0; i < weights.length; i++) {
    await w.token.connect([w.alice, w.bob, w.carol, w.dave][i % 4]).transfer(voters[i].address, weights[i]);
    await w.token.connect(voters[i]).delegate(voters[i].address);
  }
  await time.increase(1);
  return voters;
}

/** EIP-712 domain of a contract exposing eip712Domain(). */
export async function domainOf(c: {
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
}): Promise<{ name: string; version: string; chainId: bigint; verifyingContract: string }> {
  const d = await c.eip712Domain();
  return { name: d[1], version: d[2], chainId: d[3], verifyingContract: d[4] };
}

/** castVoteBySig signature. */
export async function signBallot(
  w: World,
  voter: HardhatEthersSigner,
  proposalId: bigint,
  support: number,
  nonce: bigint,
): Promise<string> {
  const types = {
    Ballot: [
      { name: "proposalId", type: "uint256" },
      { name: "support", type: "uint8" },
      { name: "voter", type: "address" },
      { name: "nonce", type: "uint256" },
    ],
  };
  return voter.signTypedData(await domainOf(w.governor), types, { proposalId, support, voter: voter.address, nonce });
}

/** castOverrideVoteBySig signature. */
export async function signOverrideBallot(
  w: World,
  voter: HardhatEthersSigner,
  proposalId: bigint,
  support: number,
  nonce: bigint,
  reason: string,
): Promise<string> {
  const types = {
    OverrideBallot: [
      { name: "proposalId", type: "uint256" },
      { name: "support", type: "uint8" },
      { name: "voter", type: "address" },
      { name: "nonce", type: "uint256" },
      { name: "reason", type: "string" },
    ],
  };
  return voter.signTypedData(await domainOf(w.governor), types, {
    proposalId,
    support,
    voter: voter.address,
    nonce,
    reason,
  });
}

/** A contract exposing its EIP-712 domain (the token, the governor...). */
type DomainSource = Parameters<typeof domainOf>[0];

/** An EIP-2612 permit signed by `owner` under `domainSource`'s EIP-712 domain (the token, or another for tests). */
export async function signPermit(
  domainSource: DomainSource,
  owner: HardhatEthersSigner,
  message: { spender: string; value: bigint; nonce: bigint; deadline: bigint },
): Promise<Signature> {
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const signature = await owner.signTypedData(await domainOf(domainSource), types, {
    owner: owner.address,
    ...message,
  });
  return ethers.Signature.from(signature);
}

/** An ERC-5805 delegation signed by `signer` under `domainSource`'s EIP-712 domain. */
export async function signDelegation(
  domainSource: DomainSource,
  signer: HardhatEthersSigner,
  message: { delegatee: string; nonce: bigint; expiry: bigint },
): Promise<Signature> {
  const types = {
    Delegation: [
      { name: "delegatee", type: "address" },
      { name: "nonce", type: "uint256" },
      { name: "expiry", type: "uint256" },
    ],
  };
  return ethers.Signature.from(await signer.signTypedData(await domainOf(domainSource), types, message));
}
