/**
 * Batched signed ballots (BallotRelay): members sign a ballot (a vote, or an override of their delegate) once, off
 * chain; a relayer collects the signed ballot files and submits them in one transaction, where a batch pays once for
 * what a single vote pays every time. The governor counts them exactly as single votes (docs/gas.md).
 *
 *   const ballot = await signRelayedBallot(relay, member, proposalId, Support.For);   // member side
 *   writeBallotFile("alice.json", ballot);
 *   const result = await relayBallots(relay, relayer, proposalId, readBallotFiles(["alice.json", "bob.json"]));
 */
import fs from "node:fs";
import { ethers, type Signer } from "ethers";
import type { BallotRelay, BytomGovernor } from "../typechain-types";
import { eventsIn } from "./events";
import { domainOf } from "./governance";

/** A signed relayed ballot, as stored in a ballot file (JSON: numbers as decimal strings). */
export interface RelayedBallot {
  proposalId: bigint;
  voter: string;
  support: number;
  /** Vote the voter's own balance over its delegate's vote (castOverrideVote), instead of its delegated votes. */
  overrideDelegate: boolean;
  /** Unix time: the ballot counts while the block time is at most this. */
  expiry: bigint;
  signature: string;
  /** The relay the ballot is signed for (its EIP-712 domain). */
  relay: string;
  chainId: bigint;
}

/** BallotSkipped reasons, by the contract's enum order (IRelayedBallots.SkipReason). */
export const SKIP_REASONS = [
  "BadSignature",
  "Expired",
  "WrongProposal",
  "InvalidSupport",
  "NotActive",
  "AlreadyVoted",
  "AlreadyOverridden",
  "ZeroWeight",
  "Treasury",
] as const;
export type SkipReasonName = (typeof SKIP_REASONS)[number];

/** The EIP-712 type the relay verifies (BallotRelay.BALLOT_TYPEHASH). */
export const RELAYED_BALLOT_TYPES = {
  RelayedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "voter", type: "address" },
    { name: "support", type: "uint8" },
    { name: "overrideDelegate", type: "bool" },
    { name: "expiry", type: "uint256" },
  ],
};

/** Default validity of a signed ballot: 7 days from signing. */
export const DEFAULT_BALLOT_VALIDITY = 7n * 86_400n;

/** The relay's EIP-712 domain. */
export const relayDomain = (relay: BallotRelay) => domainOf(relay);

/** The ballot as `BallotRelay.relay` takes it (the file's relay and chain id are for checks off chain). */
export function ballotStruct(b: RelayedBallot): BallotRelay.BallotStruct {
  const { relay: _relay, chainId: _chainId, ...ballot } = b;
  return ballot;
}

/**
 * `voter` signs a ballot on `proposalId` for `relay` (no transaction). `overrideDelegate`: vote its own balance over
 * its delegate. `expiry` defaults to 7 days after the latest block.
 */
export async function signRelayedBallot(
  relay: BallotRelay,
  voter: Signer,
  proposalId: bigint,
  support: number,
  options: { overrideDelegate?: boolean; expiry?: bigint } = {},
): Promise<RelayedBallot> {
  const domain = await relayDomain(relay);
  let expiry = options.expiry;
  if (expiry === undefined) {
    const block = await relay.runner?.provider?.getBlock("latest");
    if (!block) throw new Error("signRelayedBallot: the relay is not connected to a provider; pass options.expiry");
    expiry = BigInt(block.timestamp) + DEFAULT_BALLOT_VALIDITY;
  }
  const value = {
    proposalId,
    voter: await voter.getAddress(),
    support,
    overrideDelegate: options.overrideDelegate ?? false,
    expiry,
  };
  const signature = await voter.signTypedData(domain, RELAYED_BALLOT_TYPES, value);
  return { ...value, signature, relay: domain.verifyingContract, chainId: domain.chainId };
}

/** Writes a signed ballot to a JSON file (what a member hands to a relayer). */
export function writeBallotFile(file: string, ballot: RelayedBallot): void {
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        ...ballot,
        proposalId: String(ballot.proposalId),
        expiry: String(ballot.expiry),
        chainId: String(ballot.chainId),
      },
      null,
      2,
    ) + "\n",
  );
}

/** Reads ballot files (written by {@link writeBallotFile} / `gov:ballot`); a malformed file is named in the error. */
export function readBallotFiles(files: string[]): RelayedBallot[] {
  return files.map((file) => {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${file}: not a ballot file (${(error as Error).message}); sign one with gov:ballot`);
    }
    const need = ["proposalId", "voter", "support", "overrideDelegate", "expiry", "signature", "relay", "chainId"];
    const missing = need.filter((k) => raw[k] === undefined);
    if (missing.length > 0)
      throw new Error(`${file}: not a ballot file (no ${missing.join(", ")}); sign one with gov:ballot`);
    return {
      proposalId: BigInt(String(raw.proposalId)),
      voter: ethers.getAddress(String(raw.voter)),
      support: Number(raw.support),
      overrideDelegate: raw.overrideDelegate === true,
      expiry: BigInt(String(raw.expiry)),
      signature: String(raw.signature),
      relay: ethers.getAddress(String(raw.relay)),
      chainId: BigInt(String(raw.chainId)),
    };
  });
}

/** What a relayed batch did: the ballots counted (weights from VoteCast / OverrideVoteCast) and those skipped. */
export interface RelayResult {
  hash: string;
  gasUsed: bigint;
  counted: { voter: string; support: number; weight: bigint; overrideDelegate: boolean }[];
  skipped: { voter: string; reason: SkipReasonName }[];
}

/**
 * Submits signed ballots on `proposalId` in one transaction (anyone may). Ballots signed for another relay or chain
 * are refused before sending (their signatures could never verify); every other bad ballot is skipped on chain with a
 * reason, which the result lists.
 */
export async function relayBallots(
  relay: BallotRelay,
  governor: BytomGovernor,
  relayer: Signer,
  proposalId: bigint,
  ballots: RelayedBallot[],
): Promise<RelayResult> {
  const domain = await relayDomain(relay);
  for (const b of ballots) {
    if (b.relay !== domain.verifyingContract || b.chainId !== domain.chainId) {
      throw new Error(
        `the ballot of ${b.voter} is signed for relay ${b.relay} on chain ${b.chainId}, not ${String(domain.verifyingContract)} on chain ${domain.chainId}: have it signed again with gov:ballot`,
      );
    }
  }
  const tx = await relay.connect(relayer).relay(proposalId, ballots.map(ballotStruct));
  const receipt = await tx.wait();
  if (!receipt) throw new Error(`Transaction ${tx.hash} was not mined.`);
  const counted = [
    ...eventsIn(receipt, governor, "VoteCast").map((e) => ({
      voter: String(e!.args.voter),
      support: Number(e!.args.support),
      weight: BigInt(e!.args.weight),
      overrideDelegate: false,
    })),
    ...eventsIn(receipt, governor, "OverrideVoteCast").map((e) => ({
      voter: String(e!.args.voter),
      support: Number(e!.args.support),
      weight: BigInt(e!.args.weight),
      overrideDelegate: true,
    })),
  ];
  // The relay and the governor emit the same BallotSkipped event: one parse reads both.
  const skipped = eventsIn(receipt, relay, "BallotSkipped").map((e) => ({
    voter: String(e!.args.voter),
    reason: SKIP_REASONS[Number(e!.args.reason)],
  }));
  return { hash: receipt.hash, gasUsed: receipt.gasUsed, counted, skipped };
}
