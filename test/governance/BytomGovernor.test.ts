import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { readConfigFile, resolveConfig } from "../../deploy/config";
import { deployBytomDAO } from "../../deploy/deploy";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { BytomGovernor__factory } from "../../typechain-types";
import {
  DAY,
  HOUR,
  State,
  Support,
  action,
  currentParams,
  delegatedFixture,
  directProposal,
  exactVoters,
  execute,
  grant,
  impersonate,
  proposalActions,
  queue,
  signBallot,
  signOverrideBallot,
  stateBitmap,
  tokens,
  travelPast,
  worldFixture,
  type Proposal,
  type World,
} from "./helpers";

const QUORUM = tokens(60_000_000); // 10% of (1,000M supply - 400M treasury)

async function sample(w: World, description: string): Promise<Proposal> {
  return grant(w, w.outsider.address, 1n, description);
}

/** A proposal created directly by the committee address, then voting opened. */
async function activeProposal(w: World, description = "Sample"): Promise<bigint> {
  const id = await directProposal(w, await sample(w, description));
  await travelPast(await w.governor.proposalSnapshot(id));
  expect(await w.governor.state(id)).to.equal(State.Active);
  return id;
}

/** Voters with exact weights vote; returns the state after the deadline. */
async function outcome(w: World, forW: bigint, againstW: bigint, abstainW: bigint): Promise<bigint> {
  const weights = [forW, againstW, abstainW];
  const [f, a, ab] = await exactVoters(
    w,
    weights.map((x) => (x === 0n ? 1n : x)),
  );
  const id = await activeProposal(w);
  if (forW > 0n) await w.governor.connect(f).castVote(id, Support.For);
  if (againstW > 0n) await w.governor.connect(a).castVote(id, Support.Against);
  if (abstainW > 0n) await w.governor.connect(ab).castVote(id, Support.Abstain);
  expect(await w.governor.proposalVotes(id)).to.deep.equal([againstW, forW, abstainW]);
  await travelPast(await w.governor.proposalDeadline(id));
  return w.governor.state(id);
}

describe("BytomGovernor", () => {
  describe("configuration", () => {
    it("exposes its wiring, clock, counting mode and parameters from the constitution", async () => {
      const w = await loadFixture(worldFixture);
      expect(await w.governor.name()).to.equal("BytomDAO Governor");
      expect(await w.governor.version()).to.equal("1");
      expect(await w.governor.COUNTING_MODE()).to.equal(
        "support=bravo,override&quorum=for,abstain&overridable=true&success=supermajority",
      );
      expect(await w.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await w.governor.clock()).to.equal(BigInt(await time.latest()));
      expect(await w.governor.token()).to.equal(await w.token.getAddress());
      expect(await w.governor.timelock()).to.equal(w.timelockAddress);
      expect(await w.governor.constitution()).to.equal(await w.constitution.getAddress());
      expect(await w.governor.committee()).to.equal(await w.committee.getAddress());
      expect(await w.governor.votingDelay()).to.equal(HOUR);
      expect(await w.governor.votingPeriod()).to.equal(3n * DAY);
      expect(await w.governor.proposalThreshold()).to.equal(0n);
      expect(await w.governor.BPS()).to.equal(10_000n);
      expect(await w.governor.latestProposalId()).to.equal(0n);
      expect(await w.governor.executingProposalId()).to.equal(0n);
    });

    it("reads votingDelay / votingPeriod live from the constitution", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      await w.constitution
        .connect(dao)
        .setParameters({ ...(await currentParams(w)), votingDelay: 2n * HOUR, votingPeriod: 5n * DAY });
      expect(await w.governor.votingDelay()).to.equal(2n * HOUR);
      expect(await w.governor.votingPeriod()).to.equal(5n * DAY);
    });

    it("refuses ETH deposits (the treasury is the timelock) and relay outside governance", async () => {
      const w = await loadFixture(worldFixture);
      await expect(
        w.alice.sendTransaction({ to: await w.governor.getAddress(), value: 1n }),
      ).to.be.revertedWithCustomError(w.governor, "GovernorDisabledDeposit");
      await expect(w.governor.connect(w.alice).relay(w.alice.address, 0n, "0x"))
        .to.be.revertedWithCustomError(w.governor, "GovernorOnlyExecutor")
        .withArgs(w.alice.address);
    });

    it("initialize refuses zero addresses (including a zero token in the implementation)", async () => {
      const w = await loadFixture(worldFixture);
      const factory = new BytomGovernor__factory(w.deployer);
      const token = await w.token.getAddress();
      const constitution = await w.constitution.getAddress();
      const committee = await w.committee.getAddress();
      const impl = await factory.deploy(token);
      const deploy = (tokenArg: string, args: string[]) =>
        upgrades.deployProxy(factory, args, { kind: "uups", constructorArgs: [tokenArg] });
      for (const args of [
        [ethers.ZeroAddress, constitution, committee, ethers.ZeroAddress],
        [w.timelockAddress, ethers.ZeroAddress, committee, ethers.ZeroAddress],
        [w.timelockAddress, constitution, ethers.ZeroAddress, ethers.ZeroAddress],
      ]) {
        await expect(deploy(token, args)).to.be.revertedWithCustomError(impl, "BytomGovernorZeroAddress");
      }
      await expect(
        deploy(ethers.ZeroAddress, [w.timelockAddress, constitution, committee, ethers.ZeroAddress]),
      ).to.be.revertedWithCustomError(impl, "BytomGovernorZeroAddress");
    });
  });

  describe("propose", () => {
    it("only the committee proposes (BytomGovernorOnlyCommittee)", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w, "Direct");
      const treasury = await impersonate(w.timelockAddress);
      for (const s of [w.alice, w.deployer, w.c[0], treasury]) {
        await expect(w.governor.connect(s).propose(p.targets, p.values, p.calldatas, p.description))
          .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyCommittee")
          .withArgs(s.address);
      }
      expect(await w.governor.latestProposalId()).to.equal(0n);
    });

    it("numbers proposals sequentially, snapshots after votingDelay, pins the targets' code", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w, "First");
      const id = await directProposal(w, p);
      const createdAt = BigInt(await time.latest());
      expect(id).to.equal(1n);
      expect(await w.governor.proposalSnapshot(id)).to.equal(createdAt + HOUR);
      expect(await w.governor.proposalDeadline(id)).to.equal(createdAt + HOUR + 3n * DAY);
      expect(await w.governor.state(id)).to.equal(State.Pending);
      expect(await w.governor.proposalSupermajority(id)).to.equal(8000n);
      const codeHash = ethers.keccak256((await ethers.provider.getCode(await w.token.getAddress())) as string);
      expect(await w.governor.proposalCodeDigest(id)).to.equal(
        ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [ethers.ZeroHash, codeHash])),
      );
      expect(await directProposal(w, await sample(w, "Second"))).to.equal(2n);
      // Voting is closed until the snapshot has passed.
      await expect(w.governor.connect(w.alice).castVote(id, Support.For))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Pending, stateBitmap(State.Active));
      await time.setNextBlockTimestamp(createdAt + HOUR);
      await expect(w.governor.connect(w.alice).castVote(id, Support.For))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Pending, stateBitmap(State.Active));
      await expect(w.governor.connect(w.alice).castVote(id, Support.For)).to.emit(w.governor, "VoteCast");
    });

    it("fixes the supermajority per proposal at creation (a later raise to 9000 does not apply)", async () => {
      const w = await loadFixture(delegatedFixture);
      const [f, a] = await exactVoters(w, [tokens(85_000_000), tokens(15_000_000)]);
      const id1 = await directProposal(w, await sample(w, "Under 80%"));
      const dao = await impersonate(w.timelockAddress);
      await w.constitution.connect(dao).setParameters({ ...(await currentParams(w)), supermajorityBps: 9000 });
      const id2 = await directProposal(w, await sample(w, "Under 90%"));
      expect(await w.governor.proposalSupermajority(id1)).to.equal(8000n);
      expect(await w.governor.proposalSupermajority(id2)).to.equal(9000n);
      await travelPast(await w.governor.proposalSnapshot(id2));
      for (const id of [id1, id2]) {
        await w.governor.connect(f).castVote(id, Support.For);
        await w.governor.connect(a).castVote(id, Support.Against);
      }
      await travelPast(await w.governor.proposalDeadline(id2));
      expect(await w.governor.state(id1)).to.equal(State.Succeeded); // 85% > 80%
      expect(await w.governor.state(id2)).to.equal(State.Defeated); // 85% <= 90%
    });
  });

  describe("supermajority and quorum", () => {
    it("exactly 80.00% for is Defeated", async () => {
      const w = await loadFixture(delegatedFixture);
      expect(await outcome(w, tokens(80_000_000), tokens(20_000_000), 0n)).to.equal(State.Defeated);
    });

    it("the smallest margin above 80% (for = 4 x against + 1 wei) Succeeds", async () => {
      const w = await loadFixture(delegatedFixture);
      expect(await outcome(w, tokens(80_000_000) + 1n, tokens(20_000_000), 0n)).to.equal(State.Succeeded);
    });

    it("abstain counts for the quorum only, never for the ratio", async () => {
      const w = await loadFixture(delegatedFixture);
      // 4 wei for, 1 wei against: exactly 80% however much abstains.
      expect(await outcome(w, 4n, 1n, QUORUM)).to.equal(State.Defeated);
    });

    it("abstain alone can complete the quorum of a tiny but >80% majority", async () => {
      const w = await loadFixture(delegatedFixture);
      expect(await outcome(w, 5n, 1n, QUORUM - 5n)).to.equal(State.Succeeded);
    });

    it("quorum one wei short is Defeated", async () => {
      const w = await loadFixture(delegatedFixture);
      expect(await outcome(w, QUORUM - 1n, 0n, 0n)).to.equal(State.Defeated);
    });

    it("quorum exactly reached Succeeds", async () => {
      const w = await loadFixture(delegatedFixture);
      expect(await outcome(w, QUORUM, 0n, 0n)).to.equal(State.Succeeded);
    });

    it("no votes at all is Defeated", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await activeProposal(w);
      await travelPast(await w.governor.proposalDeadline(id));
      expect(await w.governor.state(id)).to.equal(State.Defeated);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
    });

    it("quorum = quorumBps of (total supply - treasury balance) at the snapshot", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await activeProposal(w);
      const snapshot = await w.governor.proposalSnapshot(id);
      const supply = await w.token.getPastTotalSupply(snapshot);
      const treasury = await w.token.getPastBalanceOf(w.timelockAddress, snapshot);
      expect(treasury).to.equal(tokens(400_000_000));
      expect(await w.governor.quorum(snapshot)).to.equal(((supply - treasury) * 1000n) / 10_000n);
      expect(await w.governor.proposalQuorum(id)).to.equal(QUORUM);
      // Not 10% of the whole supply (100M): the treasury's balance is left out.
      expect(QUORUM).to.be.lessThan((supply * 1000n) / 10_000n);

      // The treasury pays out 100M: the voting supply grows, so does the quorum at later timepoints only.
      const dao = await impersonate(w.timelockAddress);
      await w.token.connect(dao).transfer(w.outsider.address, tokens(100_000_000));
      const after = BigInt(await time.latest());
      await time.increase(1);
      expect(await w.governor.quorum(after)).to.equal(tokens(70_000_000));
      expect(await w.governor.quorum(snapshot)).to.equal(QUORUM);
      // The first vote caches the snapshot quorum; it stays put.
      await w.governor.connect(w.alice).castVote(id, Support.For);
      expect(await w.governor.proposalQuorum(id)).to.equal(QUORUM);
    });

    it("a quorum change after the snapshot does not affect a running proposal", async () => {
      const w = await loadFixture(delegatedFixture);
      const [f] = await exactVoters(w, [QUORUM]);
      const id = await activeProposal(w);
      const dao = await impersonate(w.timelockAddress);
      await w.constitution.connect(dao).setParameters({ ...(await currentParams(w)), quorumBps: 5000 });
      expect(await w.governor.proposalQuorum(id)).to.equal(QUORUM);
      await w.governor.connect(f).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      expect(await w.governor.state(id)).to.equal(State.Succeeded);
    });
  });

  describe("extreme supply", () => {
    it("a quorum too large to cache (>= 2^160 wei) is still computed and enforced", async () => {
      const signers = await ethers.getSigners();
      const config = await resolveConfig(readConfigFile("hardhat"), signers);
      const huge = 1n << 200n;
      config.token.cap = (1n << 208n) - 1n;
      config.distribution = config.distribution.map((d, i) => ({ ...d, amount: i === 5 ? huge : d.amount }));
      const dao = await deployBytomDAO(hre, signers[0], config);
      const alice = signers[6];
      await dao.token.connect(alice).delegate(alice.address);
      await time.increase(1);
      const committee = await impersonate(await dao.committee.getAddress());
      const p = action(await dao.token.getAddress(), "0x", "Huge-supply proposal");
      await dao.governor.connect(committee).propose(p.targets, p.values, p.calldatas, p.description);
      const id = await dao.governor.latestProposalId();
      await travelPast(await dao.governor.proposalSnapshot(id));
      const snapshot = await dao.governor.proposalSnapshot(id);
      const expected =
        (((await dao.token.getPastTotalSupply(snapshot)) -
          (await dao.token.getPastBalanceOf(await dao.timelock.getAddress(), snapshot))) *
          1000n) /
        10_000n;
      expect(expected).to.be.greaterThan((1n << 160n) - 1n);
      await dao.governor.connect(signers[1]).castVote(id, Support.For); // a small vote: quorum not reached
      expect(await dao.governor.proposalQuorum(id)).to.equal(expected);
      await dao.governor.connect(alice).castVote(id, Support.For);
      expect(await dao.governor.proposalQuorum(id)).to.equal(expected);
      await travelPast(await dao.governor.proposalDeadline(id));
      expect(await dao.governor.state(id)).to.equal(State.Succeeded);
    });
  });

  describe("late quorum protection", () => {
    it("quorum reached early: no extension", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await activeProposal(w);
      const deadline = await w.governor.proposalDeadline(id);
      await expect(w.governor.connect(w.alice).castVote(id, Support.For)).not.to.emit(w.governor, "ProposalExtended");
      expect(await w.governor.proposalDeadline(id)).to.equal(deadline);
    });

    it("quorum reached late: ProposalExtended, deadline = time of quorum + 1 day; extends only once", async () => {
      const w = await loadFixture(delegatedFixture);
      const [small] = await exactVoters(w, [tokens(1_000_000)]);
      const id = await activeProposal(w);
      const deadline = await w.governor.proposalDeadline(id);
      // A vote below the quorum late in the period does not extend.
      await time.setNextBlockTimestamp(deadline - 2n * HOUR);
      await expect(w.governor.connect(small).castVote(id, Support.For)).not.to.emit(w.governor, "ProposalExtended");
      expect(await w.governor.proposalDeadline(id)).to.equal(deadline);
      // Quorum reached one hour before the deadline.
      const t = deadline - HOUR;
      await time.setNextBlockTimestamp(t);
      await expect(w.governor.connect(w.alice).castVote(id, Support.For))
        .to.emit(w.governor, "ProposalExtended")
        .withArgs(id, t + DAY);
      expect(await w.governor.proposalDeadline(id)).to.equal(t + DAY);
      // Others can still react after the original deadline.
      await travelPast(deadline);
      expect(await w.governor.state(id)).to.equal(State.Active);
      await expect(w.governor.connect(w.bob).castVote(id, Support.Against)).not.to.emit(w.governor, "ProposalExtended");
      expect(await w.governor.proposalDeadline(id)).to.equal(t + DAY);
      await travelPast(t + DAY);
      // 101M for vs 100M against.
      expect(await w.governor.state(id)).to.equal(State.Defeated);
    });
  });

  describe("override voting", () => {
    async function withAgent(w: World) {
      // dave and carol delegate to the AI agent.
      await w.token.connect(w.dave).delegate(w.agent.address);
      await w.token.connect(w.carol).delegate(w.agent.address);
      await time.increase(1);
      return activeProposal(w);
    }

    it("a delegator overrides its delegate after the delegate voted (VoteReduced)", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await withAgent(w);
      await expect(w.governor.connect(w.agent).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.agent.address, id, Support.For, tokens(200_000_000), "");
      await expect(w.governor.connect(w.dave).castOverrideVote(id, Support.Against, "not this one"))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.agent.address, id, Support.For, tokens(100_000_000))
        .and.to.emit(w.governor, "OverrideVoteCast")
        .withArgs(w.dave.address, id, Support.Against, tokens(100_000_000), "not this one");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([tokens(100_000_000), tokens(100_000_000), 0n]);
      expect(await w.governor.hasVoted(id, w.agent.address)).to.equal(true);
      expect(await w.governor.hasVotedOverride(id, w.dave.address)).to.equal(true);
      expect(await w.governor.hasVoted(id, w.dave.address)).to.equal(false);
      expect(await w.governor.hasVotedOverride(id, w.carol.address)).to.equal(false);
      await expect(w.governor.connect(w.dave).castOverrideVote(id, Support.For, ""))
        .to.be.revertedWithCustomError(w.governor, "GovernorAlreadyOverriddenVote")
        .withArgs(w.dave.address);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([tokens(100_000_000), tokens(100_000_000), 0n]);
    });

    it("a delegator overrides before its delegate votes: the delegate's vote weighs less", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await withAgent(w);
      await expect(w.governor.connect(w.dave).castOverrideVote(id, Support.Abstain, ""))
        .to.emit(w.governor, "OverrideVoteCast")
        .withArgs(w.dave.address, id, Support.Abstain, tokens(100_000_000), "")
        .and.not.to.emit(w.governor, "VoteReduced");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, tokens(100_000_000)]);
      await expect(w.governor.connect(w.agent).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.agent.address, id, Support.For, tokens(100_000_000), "");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, tokens(100_000_000), tokens(100_000_000)]);
      await expect(w.governor.connect(w.agent).castVote(id, Support.Against))
        .to.be.revertedWithCustomError(w.governor, "GovernorAlreadyCastVote")
        .withArgs(w.agent.address);
    });

    it("both delegators override: the delegate's vote is emptied", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await withAgent(w);
      await w.governor.connect(w.agent).castVote(id, Support.For);
      await w.governor.connect(w.dave).castOverrideVote(id, Support.Against, "");
      await w.governor.connect(w.carol).castOverrideVote(id, Support.Against, "");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([tokens(200_000_000), 0n, 0n]);
    });

    it("refuses invalid support values and votes outside the voting period", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w, "pending");
      const pending = await directProposal(w, p);
      await expect(w.governor.connect(w.dave).castOverrideVote(pending, Support.For, ""))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(pending, State.Pending, stateBitmap(State.Active));
      await travelPast(await w.governor.proposalSnapshot(pending));
      await expect(w.governor.connect(w.alice).castVote(pending, 3)).to.be.revertedWithCustomError(
        w.governor,
        "GovernorInvalidVoteType",
      );
      await expect(w.governor.connect(w.alice).castOverrideVote(pending, 3, "")).to.be.revertedWithCustomError(
        w.governor,
        "GovernorInvalidVoteType",
      );
      expect(await w.governor.proposalVotes(pending)).to.deep.equal([0n, 0n, 0n]);
      await travelPast(await w.governor.proposalDeadline(pending));
      await expect(w.governor.connect(w.alice).castVote(pending, Support.For))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(pending, State.Defeated, stateBitmap(State.Active));
    });
  });

  describe("votes by signature", () => {
    it("castVoteBySig counts once; the replayed signature is refused (GovernorInvalidSignature)", async () => {
      const w = await loadFixture(delegatedFixture);
      const id1 = await activeProposal(w, "one");
      const sig = await signBallot(w, w.alice, id1, Support.For, 0n);
      await expect(w.governor.connect(w.outsider).castVoteBySig(id1, Support.For, w.alice.address, sig))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.alice.address, id1, Support.For, tokens(100_000_000), "");
      expect(await w.governor.nonces(w.alice.address)).to.equal(1n);
      await expect(w.governor.connect(w.outsider).castVoteBySig(id1, Support.For, w.alice.address, sig))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.alice.address);
      // Replayed on another proposal: refused too.
      const id2 = await activeProposal(w, "two");
      await expect(w.governor.connect(w.outsider).castVoteBySig(id2, Support.For, w.alice.address, sig))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.alice.address);
      // A signature claimed for another voter is refused.
      const bobSig = await signBallot(w, w.bob, id2, Support.For, 0n);
      await expect(w.governor.castVoteBySig(id2, Support.For, w.alice.address, bobSig))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.alice.address);
      expect(await w.governor.hasVoted(id2, w.alice.address)).to.equal(false);
      expect(await w.governor.proposalVotes(id1)).to.deep.equal([0n, tokens(100_000_000), 0n]);
      expect(await w.governor.proposalVotes(id2)).to.deep.equal([0n, 0n, 0n]);
    });

    it("castOverrideVoteBySig counts once; the replayed signature is refused", async () => {
      const w = await loadFixture(delegatedFixture);
      await w.token.connect(w.dave).delegate(w.agent.address);
      await time.increase(1);
      const id = await activeProposal(w);
      await w.governor.connect(w.agent).castVote(id, Support.For);
      const sig = await signOverrideBallot(w, w.dave, id, Support.Against, 0n, "mine");
      // Tampering with the reason invalidates it.
      await expect(w.governor.castOverrideVoteBySig(id, Support.Against, w.dave.address, "other", sig))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.dave.address);
      await expect(
        w.governor.connect(w.outsider).castOverrideVoteBySig(id, Support.Against, w.dave.address, "mine", sig),
      )
        .to.emit(w.governor, "OverrideVoteCast")
        .withArgs(w.dave.address, id, Support.Against, tokens(100_000_000), "mine");
      expect(await w.governor.nonces(w.dave.address)).to.equal(1n);
      await expect(
        w.governor.connect(w.outsider).castOverrideVoteBySig(id, Support.Against, w.dave.address, "mine", sig),
      )
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.dave.address);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([tokens(100_000_000), 0n, 0n]);
    });
  });

  describe("vote receipts across 70 proposals (64 per word)", () => {
    it("hasVoted / hasVotedOverride are exact at the #63/#64/#65 word boundary and tallies never bleed", async () => {
      const w = await loadFixture(delegatedFixture);
      await w.token.connect(w.dave).delegate(w.agent.address);
      await time.increase(1);
      const N = 70;
      const p = await sample(w, "bulk");
      for (let i = 1; i <= N; i++) {
        expect(await directProposal(w, { ...p, description: `bulk #${i}` })).to.equal(BigInt(i));
      }
      await travelPast(await w.governor.proposalSnapshot(BigInt(N)));
      // alice votes on every proposal with support i % 3.
      for (let i = 1; i <= N; i++) await w.governor.connect(w.alice).castVote(i, i % 3);
      // bob votes only on 63, 64 and 65; dave overrides the agent only on 64; the agent votes on 63..65.
      await w.governor.connect(w.bob).castVote(63, Support.For);
      await w.governor.connect(w.bob).castVote(64, Support.Against);
      await w.governor.connect(w.bob).castVote(65, Support.Abstain);
      for (const i of [63, 64, 65]) await w.governor.connect(w.agent).castVote(i, Support.For);
      await w.governor.connect(w.dave).castOverrideVote(64, Support.Against, "");

      const hundred = tokens(100_000_000);
      for (let i = 1; i <= N; i++) {
        expect(await w.governor.hasVoted(i, w.alice.address)).to.equal(true);
        const expected = [0n, 0n, 0n];
        expected[i % 3] += hundred;
        if (i === 63) expected[Support.For] += hundred * 2n; // bob + agent
        if (i === 64) {
          expected[Support.Against] += hundred * 2n; // bob + dave's override
          expected[Support.For] += 0n; // agent's vote emptied by dave's override
        }
        if (i === 65) {
          expected[Support.Abstain] += hundred;
          expected[Support.For] += hundred;
        }
        expect(await w.governor.proposalVotes(i), `proposal ${i}`).to.deep.equal(expected);
      }
      for (const i of [62, 66, 70, 1]) expect(await w.governor.hasVoted(i, w.bob.address), `bob ${i}`).to.equal(false);
      for (const i of [63, 64, 65]) expect(await w.governor.hasVoted(i, w.bob.address), `bob ${i}`).to.equal(true);
      for (const i of [63, 65, 0, 128])
        expect(await w.governor.hasVotedOverride(i, w.dave.address), `dave ${i}`).to.equal(false);
      expect(await w.governor.hasVotedOverride(64, w.dave.address)).to.equal(true);
      expect(await w.governor.hasVoted(64, w.dave.address)).to.equal(false);
      expect(await w.governor.hasVoted(128, w.alice.address)).to.equal(false);
      for (const i of [63, 64, 65]) {
        await expect(w.governor.connect(w.bob).castVote(i, Support.For))
          .to.be.revertedWithCustomError(w.governor, "GovernorAlreadyCastVote")
          .withArgs(w.bob.address);
      }
      await expect(w.governor.connect(w.dave).castOverrideVote(64, Support.For, ""))
        .to.be.revertedWithCustomError(w.governor, "GovernorAlreadyOverriddenVote")
        .withArgs(w.dave.address);
      // The override bit on 64 does not leak into 63/65: dave may still override there.
      await expect(w.governor.connect(w.dave).castOverrideVote(65, Support.Against, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.agent.address, 65n, Support.For, hundred);
      await expect(w.governor.connect(w.dave).castOverrideVote(63, Support.Against, "")).to.emit(
        w.governor,
        "VoteReduced",
      );
    });
  });

  describe("snapshot", () => {
    it("tokens transferred or bought after the snapshot weigh nothing more", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await activeProposal(w);
      // carol sends her 100M to bob after the snapshot; a newcomer buys 50M and delegates.
      await w.token.connect(w.carol).transfer(w.bob.address, tokens(100_000_000));
      await w.token.connect(w.alice).transfer(w.outsider.address, tokens(50_000_000));
      await w.token.connect(w.outsider).delegate(w.outsider.address);
      await expect(w.governor.connect(w.bob).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.bob.address, id, Support.For, tokens(100_000_000), "");
      await expect(w.governor.connect(w.carol).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.carol.address, id, Support.For, tokens(100_000_000), "");
      await expect(w.governor.connect(w.outsider).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.outsider.address, id, Support.For, 0n, "");
      await expect(w.governor.connect(w.alice).castVote(id, Support.Against))
        .to.emit(w.governor, "VoteCast")
        .withArgs(w.alice.address, id, Support.Against, tokens(100_000_000), "");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([tokens(100_000_000), tokens(200_000_000), 0n]);
      const snapshot = await w.governor.proposalSnapshot(id);
      const [a, f, ab] = await w.governor.proposalVotes(id);
      expect(a + f + ab).to.be.at.most(await w.token.getPastTotalSupply(snapshot));
    });
  });

  describe("queue and execute", () => {
    it("anyone queues and executes a succeeded proposal, in order and after the delay", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await activeProposal(w);
      const a = await proposalActions(w.governor, id);
      await expect(w.governor.connect(w.outsider).queue(a.targets, a.values, a.calldatas, a.descriptionHash))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Active, stateBitmap(State.Succeeded));
      await w.governor.connect(w.alice).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      await expect(w.governor.connect(w.outsider).execute(a.targets, a.values, a.calldatas, a.descriptionHash))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Succeeded, stateBitmap(State.Queued));
      await expect(queue(w.governor, w.outsider, id)).to.emit(w.governor, "ProposalQueued");
      const eta = await w.governor.proposalEta(id);
      expect(eta).to.equal(BigInt(await time.latest()) + 2n * DAY);
      await expect(execute(w.governor, w.outsider, id)).to.be.revertedWithCustomError(
        w.timelock,
        "TimelockUnexpectedOperationState",
      );
      const before = await w.token.balanceOf(w.outsider.address);
      await travelPast(eta - 1n);
      await expect(execute(w.governor, w.outsider, id))
        .to.emit(w.governor, "ProposalExecuted")
        .withArgs(id);
      expect(await w.token.balanceOf(w.outsider.address)).to.equal(before + 1n);
      expect(await w.governor.state(id)).to.equal(State.Executed);
      await expect(execute(w.governor, w.outsider, id))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Executed, stateBitmap(State.Queued));
    });

    it("a defeated proposal cannot be queued", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await activeProposal(w);
      await w.governor.connect(w.alice).castVote(id, Support.For);
      await w.governor.connect(w.bob).castVote(id, Support.Against);
      await travelPast(await w.governor.proposalDeadline(id));
      await expect(queue(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Defeated, stateBitmap(State.Succeeded));
    });

    it("the committee (proposer) may cancel only while Pending; nobody else", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w, "to cancel");
      const id = await directProposal(w, p);
      const a = await proposalActions(w.governor, id);
      await expect(w.governor.connect(w.alice).cancel(a.targets, a.values, a.calldatas, a.descriptionHash))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnableToCancel")
        .withArgs(id, w.alice.address);
      const committee = await impersonate(await w.committee.getAddress());
      await expect(w.governor.connect(committee).cancel(a.targets, a.values, a.calldatas, a.descriptionHash))
        .to.emit(w.governor, "ProposalCanceled")
        .withArgs(id);
      expect(await w.governor.state(id)).to.equal(State.Canceled);
      const id2 = await activeProposal(w, "active");
      const a2 = await proposalActions(w.governor, id2);
      await expect(w.governor.connect(committee).cancel(a2.targets, a2.values, a2.calldatas, a2.descriptionHash))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnableToCancel")
        .withArgs(id2, await w.committee.getAddress());
      expect(await w.governor.state(id2)).to.equal(State.Active);
    });

    it("executes proposals sending ETH from the treasury", async () => {
      const w = await loadFixture(delegatedFixture);
      await w.deployer.sendTransaction({ to: w.timelockAddress, value: ethers.parseEther("3") });
      const p = action(w.outsider.address, "0x", "Pay 1 ETH", ethers.parseEther("1"));
      const id = await directProposal(w, p);
      await travelPast(await w.governor.proposalSnapshot(id));
      await w.governor.connect(w.alice).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      await queue(w.governor, w.alice, id);
      await travelPast(await w.governor.proposalEta(id));
      const a = await proposalActions(w.governor, id);
      await expect(
        w.governor.connect(w.alice).execute(a.targets, a.values, a.calldatas, a.descriptionHash),
      ).to.changeEtherBalances(
        [w.timelockAddress, w.outsider.address],
        [-ethers.parseEther("1"), ethers.parseEther("1")],
      );
    });
  });
});
