import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { BallotRelay__factory, MockERC1271Issuer__factory } from "../../typechain-types";
import {
  RELAYED_BALLOT_TYPES,
  ballotStruct,
  SKIP_REASONS,
  relayBallots,
  relayDomain,
  signRelayedBallot,
  type RelayedBallot,
} from "../../sdk/ballots";
import {
  State,
  Support,
  delegatedFixture,
  directProposal,
  grant,
  impersonate,
  passAsDao,
  stateBitmap,
  tokens,
  travelPast,
  type World,
} from "./helpers";

const M = tokens(1_000_000);
const reason = (name: (typeof SKIP_REASONS)[number]) => SKIP_REASONS.indexOf(name);

/** The delegated suite with carol and dave delegating to the AI agent, and one Active proposal. */
async function activeFixture() {
  const w = await loadFixture(delegatedFixture);
  await w.token.connect(w.carol).delegate(w.agent.address);
  await w.token.connect(w.dave).delegate(w.agent.address);
  await time.increase(1);
  const id = await directProposal(w, await grant(w, w.outsider.address, 1n, "Relay"));
  await travelPast(await w.governor.proposalSnapshot(id));
  expect(await w.governor.state(id)).to.equal(State.Active);
  return { ...w, id };
}

/** The outsider holds exactly 1 wei delegated to `delegatee`; returns an Active proposal snapshotted after that. */
async function activeWithOneWeiHolder(w: World, delegatee: string, title: string): Promise<bigint> {
  await w.token.connect(w.alice).transfer(w.outsider.address, 1n);
  await w.token.connect(w.outsider).delegate(delegatee);
  await time.increase(1);
  const id = await directProposal(w, await grant(w, w.outsider.address, 1n, title));
  await travelPast(await w.governor.proposalSnapshot(id));
  return id;
}

type Active = Awaited<ReturnType<typeof activeFixture>>;

const sign = (
  w: World,
  voter: HardhatEthersSigner,
  id: bigint,
  support: number,
  options: { overrideDelegate?: boolean; expiry?: bigint } = {},
) => signRelayedBallot(w.ballotRelay, voter, id, support, { expiry: 2n ** 40n, ...options });

const plain = (b: RelayedBallot) => ballotStruct(b);

const votes = async (w: Active) => [...(await w.governor.proposalVotes(w.id))];

describe("BallotRelay: batches of signed ballots", function () {
  it("a valid batch counts exactly: tallies, receipts, VoteCast events and one BallotsRelayed", async () => {
    const w = await activeFixture();
    const ballots = [
      await sign(w, w.alice, w.id, Support.For),
      await sign(w, w.bob, w.id, Support.Against),
      await sign(w, w.c[0], w.id, Support.Abstain),
    ];
    expect(await votes(w)).to.deep.equal([0n, 0n, 0n]);
    const tx = w.ballotRelay.connect(w.outsider).relay(w.id, ballots.map(plain));
    await expect(tx)
      .to.emit(w.governor, "VoteCast")
      .withArgs(w.alice.address, w.id, Support.For, 100n * M, "")
      .and.to.emit(w.governor, "VoteCast")
      .withArgs(w.bob.address, w.id, Support.Against, 100n * M, "")
      .and.to.emit(w.governor, "VoteCast")
      .withArgs(w.c[0].address, w.id, Support.Abstain, 40n * M, "")
      .and.to.emit(w.ballotRelay, "BallotsRelayed")
      .withArgs(w.id, w.outsider.address, 3n, 3n);
    await expect(tx).not.to.emit(w.ballotRelay, "BallotSkipped");
    expect(await votes(w)).to.deep.equal([100n * M, 100n * M, 40n * M]);
    for (const v of [w.alice, w.bob, w.c[0]]) expect(await w.governor.hasVoted(w.id, v.address)).to.equal(true);
    expect(await w.governor.hasVoted(w.id, w.c[1].address)).to.equal(false);
  });

  it("a batch whose only ballot weighs 1 wei adds exactly 1 wei to the tally", async () => {
    const w = await loadFixture(delegatedFixture);
    const id = await activeWithOneWeiHolder(w, w.outsider.address, "One wei");
    expect([...(await w.governor.proposalVotes(id))]).to.deep.equal([0n, 0n, 0n]);
    await expect(w.ballotRelay.relay(id, [plain(await sign(w, w.outsider, id, Support.Against))]))
      .to.emit(w.governor, "VoteCast")
      .withArgs(w.outsider.address, id, Support.Against, 1n, "");
    expect([...(await w.governor.proposalVotes(id))]).to.deep.equal([1n, 0n, 0n]);
    expect(await w.governor.hasVoted(id, w.outsider.address)).to.equal(true);
  });

  it("an override ballot of 1 wei takes exactly 1 wei off its delegate's counted vote", async () => {
    const w = await loadFixture(delegatedFixture);
    const id = await activeWithOneWeiHolder(w, w.alice.address, "One wei override");
    await w.governor.connect(w.alice).castVote(id, Support.For);
    const [against, forVotes] = [...(await w.governor.proposalVotes(id))];
    await expect(
      w.ballotRelay.relay(id, [plain(await sign(w, w.outsider, id, Support.Against, { overrideDelegate: true }))]),
    )
      .to.emit(w.governor, "VoteReduced")
      .withArgs(w.alice.address, id, Support.For, 1n);
    expect([...(await w.governor.proposalVotes(id))]).to.deep.equal([against + 1n, forVotes - 1n, 0n]);
  });

  it("skips each bad ballot with its reason while the rest count", async () => {
    const w = await activeFixture();
    await w.governor.connect(w.c[2]).castVote(w.id, Support.For); // voted already (directly)
    const other = await directProposal(w, await grant(w, w.outsider.address, 2n, "Other"));
    const now = BigInt(await time.latest());
    const alice = await sign(w, w.alice, w.id, Support.For);
    const forged = { ...(await sign(w, w.carol, w.id, Support.For)), voter: w.bob.address }; // carol signs for bob
    const tampered = { ...(await sign(w, w.c[3], w.id, Support.For)), support: Support.Against };
    const ballots = [
      alice,
      forged,
      tampered,
      alice, // replay in the same batch
      await sign(w, w.dave, w.id, Support.For, { expiry: now }), // expired by the time it is mined
      await sign(w, w.c[0], other, Support.For), // signed for another proposal
      await sign(w, w.c[1], w.id, 3), // invalid support
      await sign(w, w.c[2], w.id, Support.For), // voted directly before
      await sign(w, w.outsider, w.id, Support.For), // no weight
      await sign(w, w.carol, w.id, Support.Against, { overrideDelegate: true }),
      await sign(w, w.carol, w.id, Support.For, { overrideDelegate: true }), // override twice
    ];
    const before = await votes(w);
    const tx = w.ballotRelay.connect(w.outsider).relay(w.id, ballots.map(plain));
    // Checked by the relay (signature, expiry, proposal) and by the governor (the rest), each emitting the skip.
    const byRelay: [string, number][] = [
      [w.bob.address, reason("BadSignature")],
      [w.c[3].address, reason("BadSignature")],
      [w.dave.address, reason("Expired")],
      [w.c[0].address, reason("WrongProposal")],
    ];
    const byGovernor: [string, number][] = [
      [w.alice.address, reason("AlreadyVoted")],
      [w.c[1].address, reason("InvalidSupport")],
      [w.c[2].address, reason("AlreadyVoted")],
      [w.outsider.address, reason("ZeroWeight")],
      [w.carol.address, reason("AlreadyOverridden")],
    ];
    for (const [voter, why] of byRelay) {
      await expect(tx).to.emit(w.ballotRelay, "BallotSkipped").withArgs(w.id, voter, why);
    }
    for (const [voter, why] of byGovernor) {
      await expect(tx).to.emit(w.governor, "BallotSkipped").withArgs(w.id, voter, why);
    }
    const expected = [...byRelay, ...byGovernor];
    const receipt = await (await tx).wait();
    const skipped = receipt!.logs.filter(
      (l) => l.topics[0] === w.ballotRelay.interface.getEvent("BallotSkipped").topicHash,
    );
    expect(skipped).to.have.length(expected.length);
    await expect(tx).to.emit(w.ballotRelay, "BallotsRelayed").withArgs(w.id, w.outsider.address, 11n, 7n);
    // alice For (100M) and carol's override Against (100M, set aside from the agent, who has not voted).
    expect(await votes(w)).to.deep.equal([before[0] + 100n * M, before[1] + 100n * M, before[2]]);
    expect(await w.governor.hasVotedOverride(w.id, w.carol.address)).to.equal(true);
    for (const v of [w.bob, w.c[3], w.dave, w.c[0], w.c[1], w.outsider]) {
      expect(await w.governor.hasVoted(w.id, v.address)).to.equal(false);
    }

    // Replay across batches: the same signed ballot again counts nothing.
    const again = w.ballotRelay.connect(w.outsider).relay(w.id, [plain(alice)]);
    await expect(again).to.emit(w.governor, "BallotSkipped").withArgs(w.id, w.alice.address, reason("AlreadyVoted"));
    expect(await votes(w)).to.deep.equal([before[0] + 100n * M, before[1] + 100n * M, before[2]]);
  });

  it("a batch on a proposal that is not Active skips every ballot (NotActive) and counts nothing", async () => {
    const w = await activeFixture();
    const pending = await directProposal(w, await grant(w, w.outsider.address, 3n, "Pending"));
    expect(await w.governor.state(pending)).to.equal(State.Pending);
    const ballots = [await sign(w, w.alice, pending, Support.For), await sign(w, w.bob, pending, Support.For)];
    const tx = w.ballotRelay.relay(pending, ballots.map(plain));
    await expect(tx)
      .to.emit(w.ballotRelay, "BallotSkipped")
      .withArgs(pending, w.alice.address, reason("NotActive"))
      .and.to.emit(w.ballotRelay, "BallotSkipped")
      .withArgs(pending, w.bob.address, reason("NotActive"))
      .and.to.emit(w.ballotRelay, "BallotsRelayed")
      .withArgs(pending, w.deployer.address, 2n, 0n);
    expect([...(await w.governor.proposalVotes(pending))]).to.deep.equal([0n, 0n, 0n]);
    await travelPast(await w.governor.proposalDeadline(w.id));
    const late = w.ballotRelay.relay(w.id, [plain(await sign(w, w.alice, w.id, Support.For))]);
    await expect(late).to.emit(w.ballotRelay, "BallotSkipped").withArgs(w.id, w.alice.address, reason("NotActive"));
    expect(await votes(w)).to.deep.equal([0n, 0n, 0n]);
  });

  it("override ballots move weight off the delegate exactly like castOverrideVote (before and after it voted)", async () => {
    const run = async (relayed: boolean) => {
      const w = await activeFixture();
      // carol overrides before the agent votes, dave after.
      if (relayed) {
        await w.ballotRelay.relay(w.id, [
          plain(await sign(w, w.carol, w.id, Support.Against, { overrideDelegate: true })),
        ]);
      } else await w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, "");
      const agentVote = await (await w.governor.connect(w.agent).castVote(w.id, Support.For)).wait();
      const cast = w.governor.interface.parseLog(agentVote!.logs.find((l) => l.address === w.governor.target)!)!;
      const dave = relayed
        ? w.ballotRelay.relay(w.id, [plain(await sign(w, w.dave, w.id, Support.Abstain, { overrideDelegate: true }))])
        : w.governor.connect(w.dave).castOverrideVote(w.id, Support.Abstain, "");
      await expect(dave)
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.agent.address, w.id, Support.For, 100n * M)
        .and.to.emit(w.governor, "OverrideVoteCast")
        .withArgs(w.dave.address, w.id, Support.Abstain, 100n * M, "");
      return {
        agentWeight: cast.args.weight as bigint,
        votes: await votes(w),
        receipts: await Promise.all(
          [w.carol, w.dave, w.agent].map(async (v) => [
            await w.governor.hasVoted(w.id, v.address),
            await w.governor.hasVotedOverride(w.id, v.address),
          ]),
        ),
      };
    };
    const direct = await run(false);
    const relayed = await run(true);
    expect(relayed).to.deep.equal(direct);
    expect(direct.agentWeight).to.equal(100n * M); // dave's 100M left after carol's override
    expect(direct.votes).to.deep.equal([100n * M, 0n, 100n * M]);
  });

  it("counts a contract voter's ballot through ERC-1271 and refuses one signed by another key", async () => {
    const w = await activeFixture();
    const wallet = await new MockERC1271Issuer__factory(w.deployer).deploy(w.alice.address);
    const walletAddress = await wallet.getAddress();
    const id2 = await (async () => {
      await w.token.connect(w.bob).transfer(walletAddress, 5n * M);
      await time.increase(1);
      const id = await directProposal(w, await grant(w, w.outsider.address, 4n, "Wallet"));
      await travelPast(await w.governor.proposalSnapshot(id));
      return id;
    })();
    // The wallet never delegated: it votes its balance by override, signed by its owner key (alice).
    const ballot = async (key: HardhatEthersSigner) => {
      const value = {
        proposalId: id2,
        voter: walletAddress,
        support: Support.For,
        overrideDelegate: true,
        expiry: 2n ** 40n,
      };
      const signature = await key.signTypedData(await relayDomain(w.ballotRelay), RELAYED_BALLOT_TYPES, value);
      return { ...value, signature };
    };
    await expect(w.ballotRelay.relay(id2, [await ballot(w.bob)]))
      .to.emit(w.ballotRelay, "BallotSkipped")
      .withArgs(id2, walletAddress, reason("BadSignature"));
    await expect(w.ballotRelay.relay(id2, [await ballot(w.alice)]))
      .to.emit(w.governor, "OverrideVoteCast")
      .withArgs(walletAddress, id2, Support.For, 5n * M, "");
    expect([...(await w.governor.proposalVotes(id2))]).to.deep.equal([0n, 5n * M, 0n]);
  });

  it("nobody but the relay counts ballots on the governor, and the relay counts only signed ballots", async () => {
    const w = await activeFixture();
    const packed = BigInt(w.alice.address) | (1n << 160n);
    for (const s of [w.alice, w.deployer, w.c[0]]) {
      await expect(w.governor.connect(s).castRelayedBallots(w.id, [packed]))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyBallotRelay")
        .withArgs(s.address);
    }
    const timelock = await impersonate(w.timelockAddress);
    await expect(w.governor.connect(timelock).castRelayedBallots(w.id, [packed]))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyBallotRelay")
      .withArgs(w.timelockAddress);
    // An unsigned ballot (empty signature) and one signed over another domain (a second relay) count nothing.
    const foreign = await new BallotRelay__factory(w.deployer).deploy(await w.governor.getAddress());
    const signedElsewhere = await signRelayedBallot(foreign, w.alice, w.id, Support.For, { expiry: 2n ** 40n });
    const tx = w.ballotRelay.relay(w.id, [
      { ...plain(signedElsewhere) },
      { ...plain(await sign(w, w.bob, w.id, Support.For)), signature: "0x" },
    ]);
    await expect(tx)
      .to.emit(w.ballotRelay, "BallotSkipped")
      .withArgs(w.id, w.alice.address, reason("BadSignature"))
      .and.to.emit(w.ballotRelay, "BallotSkipped")
      .withArgs(w.id, w.bob.address, reason("BadSignature"));
    expect(await votes(w)).to.deep.equal([0n, 0n, 0n]);
    // The second relay is not trusted by the governor: even a valid ballot there cannot be counted.
    await expect(foreign.relay(w.id, [plain(signedElsewhere)]))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyBallotRelay")
      .withArgs(await foreign.getAddress());
    await expect(new BallotRelay__factory(w.deployer).deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      foreign,
      "BallotRelayZeroGovernor",
    );
  });

  it("only an executed proposal sets the relay (BallotRelaySet); the governor then skips the treasury's ballots", async () => {
    const w = await loadFixture(delegatedFixture);
    const original = await w.governor.ballotRelay();
    expect(original).to.equal(w.addresses.BallotRelay);
    await expect(w.governor.connect(w.alice).setBallotRelay(w.alice.address))
      .to.be.revertedWithCustomError(w.governor, "GovernorOnlyExecutor")
      .withArgs(w.alice.address);
    // The timelock calling directly (not executing a proposal) is refused too: the governance call queue is empty.
    const timelock = await impersonate(w.timelockAddress);
    await expect(w.governor.connect(timelock).setBallotRelay(w.alice.address)).to.be.reverted;
    expect(await w.governor.ballotRelay()).to.equal(original);

    const p = {
      targets: [await w.governor.getAddress()],
      values: [0n],
      calldatas: [w.governor.interface.encodeFunctionData("setBallotRelay", [w.outsider.address])],
      description: "Relay: outsider (test)",
    };
    const id = await passAsDao(w, p);
    expect(await w.governor.state(id)).to.equal(State.Executed);
    const events = await w.governor.queryFilter(w.governor.filters.BallotRelaySet());
    expect(events.at(-1)!.args.previousRelay).to.equal(original);
    expect(events.at(-1)!.args.newRelay).to.equal(w.outsider.address);
    expect(await w.governor.ballotRelay()).to.equal(w.outsider.address);

    // The new relay (an EOA here) counts packed ballots; the treasury's ballot is skipped by the governor itself.
    const active = await directProposal(w, await grant(w, w.outsider.address, 5n, "After"));
    await travelPast(await w.governor.proposalSnapshot(active));
    const pack = (voter: string, support: number, override: boolean) =>
      BigInt(voter) | (BigInt(support) << 160n) | (override ? 1n << 168n : 0n);
    const tx = w.governor
      .connect(w.outsider)
      .castRelayedBallots(active, [
        pack(w.timelockAddress, 1, true),
        pack(w.timelockAddress, 1, false),
        pack(w.bob.address, 0, false),
      ]);
    await expect(tx)
      .to.emit(w.governor, "BallotSkipped")
      .withArgs(active, w.timelockAddress, reason("Treasury"))
      .and.to.emit(w.governor, "VoteCast")
      .withArgs(w.bob.address, active, Support.Against, 100n * M, "");
    expect([...(await w.governor.proposalVotes(active))]).to.deep.equal([100n * M, 0n, 0n]);
    // The old relay is no longer trusted.
    await expect(w.ballotRelay.relay(active, [plain(await sign(w, w.alice, active, Support.For))]))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyBallotRelay")
      .withArgs(w.addresses.BallotRelay);
    // The governor refuses a batch on a proposal that is not Active (the relay checks first).
    await expect(w.governor.connect(w.outsider).castRelayedBallots(id, [pack(w.bob.address, 0, false)]))
      .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
      .withArgs(id, State.Executed, stateBitmap(State.Active));
  });

  it("relayBallots (SDK) reports what was counted and skipped, and refuses ballots signed for another relay", async () => {
    const w = await activeFixture();
    const a = await sign(w, w.alice, w.id, Support.For);
    const result = await relayBallots(w.ballotRelay, w.governor, w.outsider, w.id, [a, a]);
    expect(result.counted).to.deep.equal([
      { voter: w.alice.address, support: 1, weight: 100n * M, overrideDelegate: false },
    ]);
    expect(result.skipped).to.deep.equal([{ voter: w.alice.address, reason: "AlreadyVoted" }]);
    await expect(
      relayBallots(w.ballotRelay, w.governor, w.outsider, w.id, [{ ...a, relay: w.outsider.address }]),
    ).to.be.rejectedWith(`the ballot of ${w.alice.address} is signed for relay ${w.outsider.address}`);
  });

  it("property: a batch and the same ballots cast one by one give identical tallies and receipts", async () => {
    const voterIndex = fc.integer({ min: 0, max: 9 });
    // The agent (index 4) holds no tokens of its own: it only votes (an override of nothing is recorded one by one
    // and skipped as ZeroWeight in a batch).
    const ballot = fc
      .record({ voter: voterIndex, support: fc.integer({ min: 0, max: 2 }), override: fc.boolean() })
      .map((b) => ({ ...b, override: b.override && b.voter !== 4 }));
    await fc.assert(
      fc.asyncProperty(fc.array(ballot, { minLength: 1, maxLength: 12 }), async (spec) => {
        const people = (w: Active) => [w.alice, w.bob, w.carol, w.dave, w.agent, ...w.c];
        // One by one: castVote / castOverrideVote, a reverting one skipped.
        const w1 = await activeFixture();
        for (const s of spec) {
          const v = people(w1)[s.voter];
          try {
            if (s.override) await w1.governor.connect(v).castOverrideVote(w1.id, s.support, "");
            else await w1.governor.connect(v).castVote(w1.id, s.support);
          } catch {
            // the batch skips the same ballot
          }
        }
        const single = await snapshot(w1, people(w1));
        // One batch.
        const w2 = await activeFixture();
        const ballots = [];
        for (const s of spec) {
          ballots.push(plain(await sign(w2, people(w2)[s.voter], w2.id, s.support, { overrideDelegate: s.override })));
        }
        const receipt = await (await w2.ballotRelay.relay(w2.id, ballots)).wait();
        const zeroWeight = new Set(
          receipt!.logs
            .map((l) => {
              try {
                return w2.ballotRelay.interface.parseLog(l);
              } catch {
                return null;
              }
            })
            .filter((e) => e?.name === "BallotSkipped" && Number(e.args.reason) === reason("ZeroWeight"))
            .map((e) => String(e!.args.voter)),
        );
        const batch = await snapshot(w2, people(w2));
        expect(batch.votes).to.deep.equal(single.votes);
        for (const [i, v] of people(w2).entries()) {
          // A vote with no weight left is recorded one by one and skipped in a batch: the only difference.
          if (zeroWeight.has(v.address)) expect(batch.receipts[i][0]).to.equal(false);
          else expect(batch.receipts[i]).to.deep.equal(single.receipts[i]);
        }
      }),
      { numRuns: 12 },
    );
  });
});

async function snapshot(w: Active, people: HardhatEthersSigner[]) {
  return {
    votes: [...(await w.governor.proposalVotes(w.id))],
    receipts: await Promise.all(
      people.map(async (v) => [
        await w.governor.hasVoted(w.id, v.address),
        await w.governor.hasVotedOverride(w.id, v.address),
      ]),
    ),
  };
}
