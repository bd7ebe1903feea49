import hre from "hardhat";
import { ethers, type ContractTransactionResponse, type Signer } from "ethers";
import { setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { readConfigFile, resolveConfig } from "../../deploy/config";
import { deployBytomDAO } from "../../deploy/deploy";
import { Support, action, domainOf } from "../../sdk/governance";
import { ballotStruct, signRelayedBallot, type RelayedBallot } from "../../sdk/ballots";
import { travelPast as travelPastOn } from "../../sdk/dev";

const travelPast = (timestamp: bigint): Promise<void> => travelPastOn(hre.ethers.provider, timestamp);

/** Members (random keys: they only sign, except the few that vote directly). */
const MEMBERS = 1000;
/** Proposals created (the 100th shows the receipt word of a later proposal costs the same). */
const PROPOSALS = 100;

export interface RelayBench {
  /** Per-vote gas of relayed batches: members who voted before (steady) and members' first votes. */
  steady: Record<1 | 50 | 200, bigint>;
  first: Record<1 | 50 | 200, bigint>;
  /** Per-ballot gas of a batch of 50 override ballots (delegators overriding a delegate who voted). */
  override50: bigint;
  /** Direct castVote on the 1st and the 100th proposal (mean of 10 members, first vote in that receipt word). */
  onFirstProposal: bigint;
  onHundredthProposal: bigint;
  /** Direct castVote as the 1st, 2nd and 1,000th voter on one proposal (members who voted before). */
  firstVoter: bigint;
  secondVoter: bigint;
  thousandthVoter: bigint;
}

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction not mined");
  return receipt.gasUsed;
}

const mean = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n) / BigInt(xs.length);

/**
 * The relayed-ballot bench: a fresh suite, 1,000 members (keys from fixed seeds) holding 10,000 tokens each (self-delegated), 100 proposals
 * open together. Batches of 1, 50 and 200 signed ballots are relayed on proposal 1 (every member's first vote: the
 * receipt word is written from zero) and on proposal 3 (members who voted before: the word already exists), and 50
 * override ballots on proposal 4. Growth: direct castVote on proposal 1 vs 100, and as the 1st/2nd vs the 1,000th
 * voter on proposal 2 (voters 3..999 relayed in batches of 200).
 */
export async function benchRelay(log: (line: string) => void): Promise<RelayBench> {
  const signers = await hre.ethers.getSigners();
  const config = await resolveConfig(readConfigFile("hardhat"), signers);
  const dao = await deployBytomDAO(hre, signers[0], config);
  const { token, committee, governor, ballotRelay } = dao;
  const [c1, c2, c3] = signers.slice(1, 4);
  const holder = signers[6];
  const provider = hre.ethers.provider;

  const started = Date.now();
  // Keys derived from fixed seeds: the same addresses (hence the same calldata costs) in every run.
  const key = (seed: string) => new ethers.Wallet(ethers.id(seed), provider);
  const members = Array.from({ length: MEMBERS }, (_, i) => key(`bench member ${i}`));
  const relayer = signers[19];
  // Tokens, then a delegation signed by each member and relayed (members need no ETH).
  const tokenDomain = await domainOf(token);
  // A fixed expiry (2100-01-01): signatures, hence calldata costs, are the same in every run.
  const expiry = 4_102_444_800n;
  const DELEGATION = {
    Delegation: [
      { name: "delegatee", type: "address" },
      { name: "nonce", type: "uint256" },
      { name: "expiry", type: "uint256" },
    ],
  };
  /** 10,000 tokens to `wallet`, then its signed delegation to `delegatee`, relayed. */
  const fund = async (wallet: ethers.Wallet, delegatee: string) => {
    await (await token.connect(holder).transfer(wallet.address, ethers.parseUnits("10000", 18))).wait();
    const sig = ethers.Signature.from(
      await wallet.signTypedData(tokenDomain, DELEGATION, { delegatee, nonce: 0n, expiry }),
    );
    await (await token.connect(relayer).delegateBySig(delegatee, 0n, expiry, sig.v, sig.r, sig.s)).wait();
  };
  for (const m of members) await fund(m, m.address);
  // A delegate whose 50 delegators will override it: a committee-free signer, self-delegated.
  const delegate = signers[18];
  const delegators = Array.from({ length: 50 }, (_, i) => key(`bench delegator ${i}`));
  await (await token.connect(holder).transfer(await delegate.getAddress(), ethers.parseUnits("10000", 18))).wait();
  await (await token.connect(delegate).delegate(await delegate.getAddress())).wait();
  for (const d of delegators) await fund(d, await delegate.getAddress());

  // The author needs the draft threshold of votes (it never votes: its weight would reach the quorum).
  await (await token.connect(holder).delegate(await holder.getAddress())).wait();
  const drafts = [];
  const recipient = await signers[19].getAddress();
  for (let k = 1; k <= PROPOSALS; k++) {
    const p = action(
      await token.getAddress(),
      token.interface.encodeFunctionData("transfer", [recipient, ethers.parseUnits(String(k), 18)]),
      `Relay bench proposal ${k}`,
    );
    await (await committee.connect(holder).submitDraft(p.targets, p.values, p.calldatas, p.description)).wait();
    drafts.push({ draftId: await committee.draftCount(), p });
  }
  await travelPast(await committee.discussionEndsAt(drafts[PROPOSALS - 1].draftId));
  const ids: bigint[] = [];
  for (const { draftId, p } of drafts) {
    const { revision } = await committee.getDraft(draftId);
    for (const m of [c1, c2, c3]) await (await committee.connect(m).approveDraft(draftId, revision)).wait();
    await (await committee.connect(holder).propose(draftId, p.targets, p.values, p.calldatas, p.description)).wait();
    ids.push(await governor.latestProposalId());
  }
  await travelPast(await governor.proposalSnapshot(ids[PROPOSALS - 1]));

  const relayBatch = async (proposalId: bigint, voters: Signer[], override = false): Promise<bigint> => {
    const ballots: RelayedBallot[] = [];
    for (const v of voters) {
      ballots.push(
        await signRelayedBallot(ballotRelay, v, proposalId, Support.For, { overrideDelegate: override, expiry }),
      );
    }
    const used = await gas(ballotRelay.connect(relayer).relay(proposalId, ballots.map(ballotStruct)));
    const counted = override
      ? voters.length
      : Number(
          (await Promise.all(voters.map(async (v) => governor.hasVoted(proposalId, await v.getAddress())))).filter(
            Boolean,
          ).length,
        );
    if (counted !== voters.length) throw new Error(`relayed ${voters.length} ballots, ${counted} counted`);
    return used;
  };
  const perVote = async (proposalId: bigint, from: number, n: number) =>
    (await relayBatch(proposalId, members.slice(from, from + n))) / BigInt(n);

  // Direct castVote on proposal 1 and 100 (10 members, funded): each their first vote in that receipt word.
  const direct = members.slice(MEMBERS - 11);
  for (const m of direct) await setBalance(m.address, ethers.parseEther("1"));
  const opener = direct.shift()!;
  const on1: bigint[] = [];
  const on100: bigint[] = [];
  // Someone votes first on both, so the measured votes are not the first voter (which caches the quorum).
  await (await governor.connect(opener).castVote(ids[0], Support.For)).wait();
  await (await governor.connect(opener).castVote(ids[PROPOSALS - 1], Support.For)).wait();
  for (const m of direct) on1.push(await gas(governor.connect(m).castVote(ids[0], Support.For)));
  for (const m of direct) on100.push(await gas(governor.connect(m).castVote(ids[PROPOSALS - 1], Support.For)));

  // Proposal 1: first votes of members (receipt word written from zero).
  const first = {
    1: await perVote(ids[0], 0, 1),
    50: await perVote(ids[0], 1, 50),
    200: await perVote(ids[0], 51, 200),
  };
  // Proposal 2: voters 1 and 2 directly, 3..999 relayed, the 1,000th directly (all voted on proposal 1 or 100 before).
  for (const m of members.slice(0, 2)) await setBalance(m.address, ethers.parseEther("1"));
  const firstVoter = await gas(governor.connect(members[0]).castVote(ids[1], Support.For));
  const secondVoter = await gas(governor.connect(members[1]).castVote(ids[1], Support.For));
  for (let i = 2; i < MEMBERS - 1; i += 200) await relayBatch(ids[1], members.slice(i, Math.min(i + 200, MEMBERS - 1)));
  const thousandthVoter = await gas(governor.connect(members[MEMBERS - 1]).castVote(ids[1], Support.For));
  // Proposal 3: members who voted before.
  await relayBatch(ids[2], members.slice(900, 901)); // the first voter caches the quorum: not measured
  const steady = {
    1: await perVote(ids[2], 0, 1),
    50: await perVote(ids[2], 1, 50),
    200: await perVote(ids[2], 51, 200),
  };
  // Proposal 4: the delegate votes, then its 50 delegators override it in one batch.
  await (await governor.connect(delegate).castVote(ids[3], Support.For)).wait();
  const override50 = (await relayBatch(ids[3], delegators, true)) / 50n;

  log(
    `Relayed ballots: ${MEMBERS} members, ${PROPOSALS} proposals (set up in ${((Date.now() - started) / 1000).toFixed(0)} s); per-vote gas of one relay transaction / ballots`,
  );
  log(`  batch size                         1         50        200`);
  log(
    `  members who voted before   ${[steady[1], steady[50], steady[200]].map((g) => g.toString().padStart(9)).join(" ")}`,
  );
  log(
    `  members' first votes       ${[first[1], first[50], first[200]].map((g) => g.toString().padStart(9)).join(" ")}`,
  );
  log(`  50 override ballots (delegate voted): ${override50} per ballot`);
  log(`Growth (direct castVote):`);
  log(
    `  on the 1st proposal ${mean(on1)}, on the 100th ${mean(on100)} (ratio ${(Number(mean(on100)) / Number(mean(on1))).toFixed(3)})`,
  );
  log(
    `  1st voter ${firstVoter} (caches the quorum), 2nd voter ${secondVoter}, 1,000th voter ${thousandthVoter} (1,000th/2nd ${(Number(thousandthVoter) / Number(secondVoter)).toFixed(3)})`,
  );
  return {
    steady,
    first,
    override50,
    onFirstProposal: mean(on1),
    onHundredthProposal: mean(on100),
    firstVoter,
    secondVoter,
    thousandthVoter,
  };
}
