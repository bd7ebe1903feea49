/**
 * The DAO's cap on the AI delegate's counted weight (Constitution.agentVoteCapBps): the delegate counts
 * min(delegated - overridden, cap) where cap = agentVoteCapBps of the voting supply (total supply minus the
 * treasury) at the proposal's snapshot, whatever the order of its vote and its delegators' overrides.
 * Voting supply in the fixture: 1,000M minted - 400M treasury = 600M.
 */
import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { Constitution__factory } from "../../typechain-types";
import {
  Support,
  currentParams,
  delegatedFixture,
  directProposal,
  exactVoters,
  grant,
  impersonate,
  tokens,
  travelPast,
} from "../governance/helpers";
import { actionsOf, activeProposal, agentVote, agentWorld, ballotFor, setCap, signAgentBallot } from "./helpers";

const M = (n: number) => tokens(n * 1_000_000);
const MAX = ethers.MaxUint256;

/** carol (100M) and dave (100M) delegate to the AI; the cap is `bps`; an Active proposal created after. */
async function cappedWorld(bps: number) {
  const w = await delegatedFixture();
  const delegateAddress = await w.agentDelegate.getAddress();
  await w.token.connect(w.carol).delegate(delegateAddress);
  await w.token.connect(w.dave).delegate(delegateAddress);
  await setCap(w, bps);
  const id = await activeProposal(w, await grant(w, w.outsider.address, tokens(1), `capped ${bps}`));
  return { ...w, id, delegateAddress };
}
const cap1000 = () => cappedWorld(1000); // 60M
const cap2500 = () => cappedWorld(2500); // 150M

/** {cap1000}, where an account with no tokens also delegated to the AI before the snapshot. */
async function emptyDelegatorWorld() {
  const base = await delegatedFixture();
  const delegateAddress = await base.agentDelegate.getAddress();
  const empty = base.signers[15];
  for (const s of [base.carol, base.dave, empty]) await base.token.connect(s).delegate(delegateAddress);
  await setCap(base, 1000);
  const id = await activeProposal(base, await grant(base, base.outsider.address, tokens(1), "empty"));
  return { ...base, id, delegateAddress, empty };
}

describe("AgentDelegate: the DAO's cap on the AI's counted weight", () => {
  describe("Constitution.agentVoteCapBps", () => {
    it("is off by default; 0 or 100-5000 bps; only the DAO; evented; a refused value changes nothing", async () => {
      const w = await loadFixture(agentWorld);
      expect(await w.constitution.agentVoteCapBps()).to.equal(0n);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.constitution.connect(w.alice).setAgentVoteCapBps(1000))
        .to.be.revertedWithCustomError(w.constitution, "OwnableUnauthorizedAccount")
        .withArgs(w.alice.address);
      for (const bad of [1, 99, 5001, 10_000]) {
        await expect(w.constitution.connect(dao).setAgentVoteCapBps(bad))
          .to.be.revertedWithCustomError(w.constitution, "ConstitutionParameterOutOfBounds")
          .withArgs("agentVoteCapBps", bad, 100, 5000);
      }
      expect(await w.constitution.agentVoteCapBps()).to.equal(0n);
      for (const good of [100, 5000, 0, 1234]) {
        await expect(w.constitution.connect(dao).setAgentVoteCapBps(good))
          .to.emit(w.constitution, "AgentVoteCapSet")
          .withArgs(good);
        expect(await w.constitution.agentVoteCapBps()).to.equal(BigInt(good));
      }
    });

    it("initialize takes the genesis cap within the same bounds", async () => {
      const w = await loadFixture(agentWorld);
      const factory = new Constitution__factory(w.deployer);
      const args = (cap: number) => [
        w.timelockAddress,
        w.delegateAddress,
        ethers.ZeroAddress,
        w.config.parameters,
        ethers.id("founding"),
        "ipfs://v1",
        1n,
        w.agent.address,
        cap,
      ];
      await expect(upgrades.deployProxy(factory, args(50), { kind: "uups" }))
        .to.be.revertedWithCustomError(factory, "ConstitutionParameterOutOfBounds")
        .withArgs("agentVoteCapBps", 50, 100, 5000);
      const ok = Constitution__factory.connect(
        await (await upgrades.deployProxy(factory, args(700), { kind: "uups" })).getAddress(),
        w.deployer,
      );
      expect(await ok.agentVoteCapBps()).to.equal(700n);
    });

    it("is checkpointed: a proposal uses the cap in force at its snapshot", async () => {
      const w = await loadFixture(agentWorld); // w.id's snapshot is past, under no cap
      await setCap(w, 1000);
      expect(await w.agentDelegate.voteCap(w.id)).to.deep.equal([0n, MAX]);
      const later = await directProposal(w, await grant(w, w.outsider.address, tokens(3), "later"));
      // Pending: the cap is known, the supply at the snapshot not yet.
      expect(await w.agentDelegate.voteCap(later)).to.deep.equal([1000n, MAX]);
      await travelPast(await w.governor.proposalSnapshot(later));
      expect(await w.agentDelegate.voteCap(later)).to.deep.equal([1000n, M(60)]);
      await agentVote(w, w.id, Support.For);
      await agentVote(w, later, Support.For);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(200), 0n]);
      expect(await w.governor.proposalVotes(later)).to.deep.equal([0n, M(60), 0n]);
    });
  });

  describe("exact tallies", () => {
    it("the AI's vote counts at most the cap (direct and relayed)", async () => {
      const w = await loadFixture(cap1000);
      await expect(agentVote(w, w.id, Support.For))
        .to.emit(w.agentDelegate, "AgentVoteCast")
        .withArgs(w.id, w.agent.address, 1n, Support.For, M(60), ethers.ZeroHash, "", false)
        .and.to.emit(w.governor, "VoteCastWithParams");
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(60), 0n]);

      const w2 = await loadFixture(cap1000);
      const ballot = await ballotFor(w2, w2.id, Support.Against);
      const sig = await signAgentBallot(w2.agentDelegate, w2.agent, ballot);
      await w2.agentDelegate.connect(w2.bob).castVoteBySig(ballot, await actionsOf(w2, w2.id), sig);
      expect(await w2.governor.proposalVotes(w2.id)).to.deep.equal([M(60), 0n, 0n]);
    });

    it("override BEFORE the AI votes: the AI counts min(200M - 100M, 60M) = 60M; the overrider her full 100M", async () => {
      const w = await loadFixture(cap1000);
      await w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, "");
      await expect(agentVote(w, w.id, Support.For))
        .to.emit(w.agentDelegate, "AgentVoteCast")
        .withArgs(w.id, w.agent.address, 1n, Support.For, M(60), ethers.ZeroHash, "", false);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), M(60), 0n]);
    });

    it("override AFTER the AI voted: the same tally (the cap still binds, so the AI loses nothing)", async () => {
      const w = await loadFixture(cap1000);
      await agentVote(w, w.id, Support.For);
      await expect(w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, w.id, Support.For, 0n);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), M(60), 0n]);
      // dave overrides too: nothing remains delegated, the AI counts 0.
      await expect(w.governor.connect(w.dave).castOverrideVote(w.id, Support.Abstain, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, w.id, Support.For, M(60));
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), 0n, M(100)]);
    });

    it("overrides that take the remaining weight below the cap reduce the AI one for one from there", async () => {
      const w = await loadFixture(cap2500); // cap 150M, delegated 200M
      await agentVote(w, w.id, Support.For);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(150), 0n]);
      await expect(w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, w.id, Support.For, M(50));
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), M(100), 0n]);
      await expect(w.governor.connect(w.dave).castOverrideVote(w.id, Support.For, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, w.id, Support.For, M(100));
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), M(100), 0n]);
    });

    it("a delegator with no balance overriding after every other delegator counts nothing and reduces nothing", async () => {
      const w = await loadFixture(emptyDelegatorWorld);
      await agentVote(w, w.id, Support.For);
      await w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, "");
      await w.governor.connect(w.dave).castOverrideVote(w.id, Support.Against, "");
      await expect(w.governor.connect(w.empty).castOverrideVote(w.id, Support.For, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, w.id, Support.For, 0n);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(200), 0n, 0n]);
    });

    describe("order never matters: every order of the AI vote and two overrides ends at the same tally", () => {
      // AI: carol 100M + dave 100M + x 30M = 230M delegated; cap 2000 bps = 120M.
      // carol overrides Against, x overrides Abstain; final: against 100M, abstain 30M, for min(100M, 120M) = 100M.
      const world = async () => {
        const w = await delegatedFixture();
        const [x] = await exactVoters(w, [M(30)]);
        const d = await w.agentDelegate.getAddress();
        for (const s of [w.carol, w.dave, x]) await w.token.connect(s).delegate(d);
        await setCap(w, 2000);
        const id = await activeProposal(w, await grant(w, w.outsider.address, tokens(1), "orders"));
        return { ...w, id, x };
      };
      type Step = "ai" | "carol" | "x";
      const orders: Step[][] = [
        ["ai", "carol", "x"],
        ["ai", "x", "carol"],
        ["carol", "ai", "x"],
        ["x", "ai", "carol"],
        ["carol", "x", "ai"],
        ["x", "carol", "ai"],
      ];
      for (const order of orders) {
        it(order.join(" → "), async () => {
          const w = await loadFixture(world);
          const act: Record<Step, () => Promise<unknown>> = {
            ai: () => agentVote(w, w.id, Support.For),
            carol: () => w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, ""),
            x: () => w.governor.connect(w.x as HardhatEthersSigner).castOverrideVote(w.id, Support.Abstain, ""),
          };
          for (const step of order) await act[step]();
          expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), M(100), M(30)]);
        });
      }
    });
  });

  describe("the governor's capped votes (params = abi.encode(uint256 maxWeight))", () => {
    it("any voter may cap its own weight; malformed params are refused and count nothing", async () => {
      const w = await loadFixture(cap1000);
      const coder = ethers.AbiCoder.defaultAbiCoder();
      for (const bad of ["0x01", ethers.hexlify(new Uint8Array(31)), coder.encode(["uint256", "uint256"], [1, 2])]) {
        await expect(
          w.governor.connect(w.alice).castVoteWithReasonAndParams(w.id, Support.For, "", bad),
        ).to.be.revertedWithCustomError(w.governor, "GovernorInvalidVoteParams");
      }
      expect(await w.governor.hasVoted(w.id, w.alice.address)).to.equal(false);
      await w.governor
        .connect(w.alice)
        .castVoteWithReasonAndParams(w.id, Support.For, "", coder.encode(["uint256"], [M(7)]));
      await w.governor
        .connect(w.bob)
        .castVoteWithReasonAndParams(w.id, Support.Against, "", coder.encode(["uint256"], [M(500)]));
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([M(100), M(7), 0n]);
    });
  });
});
