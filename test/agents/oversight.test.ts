/**
 * Oversight of the AI delegate: the committee's forced abstain and the DAO's recusal list — and neither (nor the
 * cap) ever stands in the way of a member's override or re-delegation.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  Support,
  action,
  currentParams,
  directProposal,
  grant,
  impersonate,
  signOverrideBallot,
  tokens,
  travelPast,
  type Proposal,
} from "../governance/helpers";
import { resolveRecusals, ANY_SELECTOR } from "../../deploy/deploy";
import { DEFAULT_AGENT } from "../../deploy/config";
import {
  actionsOf,
  activeProposal,
  agentVote,
  agentWorld,
  ballotFor,
  setCap,
  signAgentBallot,
  type AgentWorld,
} from "./helpers";

const M = (n: number) => tokens(n * 1_000_000);
const REASON = "conflict of interest: the proposal pays the model's operator";

async function signal(w: AgentWorld, members: number[], id = w.id) {
  for (const i of members) await w.agentDelegate.connect(w.c[i]).signalForceAbstain(id, REASON);
}

/** A proposal changing the AI's own cap (Constitution.setAgentVoteCapBps is recused at deployment). */
async function capProposal(w: AgentWorld): Promise<Proposal> {
  return action(
    await w.constitution.getAddress(),
    w.constitution.interface.encodeFunctionData("setAgentVoteCapBps", [5000]),
    "Raise the AI's cap",
  );
}

describe("AgentDelegate oversight", () => {
  describe("forced abstain (reviewQuorum committee members, once per proposal, before the AI votes)", () => {
    it("the committee exposes seats and the seat-set epoch", async () => {
      const w = await loadFixture(agentWorld);
      expect(await w.committee.seatOf(w.c[0].address)).to.equal(1n);
      expect(await w.committee.seatOf(w.c[4].address)).to.equal(5n);
      expect(await w.committee.seatOf(w.alice.address)).to.equal(0n);
      expect(await w.committee.seatSet()).to.equal(0n);
      await w.committee.connect(await impersonate(w.timelockAddress)).replaceMember(w.c[4].address, w.outsider.address);
      expect(await w.committee.seatSet()).to.equal(1n);
      expect(await w.committee.seatOf(w.outsider.address)).to.equal(5n);
    });

    it("reviewQuorum distinct members force it; then the AI can only abstain (direct or relayed)", async () => {
      const w = await loadFixture(agentWorld);
      await expect(w.agentDelegate.connect(w.c[0]).signalForceAbstain(w.id, REASON))
        .to.emit(w.agentDelegate, "ForceAbstainSignaled")
        .withArgs(w.id, w.c[0].address, 1n, REASON);
      await w.agentDelegate.connect(w.c[3]).signalForceAbstain(w.id, REASON);
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(2n);
      expect(await w.agentDelegate.isAbstainForced(w.id)).to.equal(false);
      await expect(w.agentDelegate.connect(w.c[1]).signalForceAbstain(w.id, REASON))
        .to.emit(w.agentDelegate, "AgentAbstainForced")
        .withArgs(w.id, 3n);
      expect(await w.agentDelegate.isAbstainForced(w.id)).to.equal(true);

      for (const support of [Support.For, Support.Against]) {
        await expect(agentVote(w, w.id, support))
          .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateForcedAbstain")
          .withArgs(w.id);
        const ballot = await ballotFor(w, w.id, support);
        await expect(
          w.agentDelegate
            .connect(w.bob)
            .castVoteBySig(ballot, await actionsOf(w, w.id), await signAgentBallot(w.agentDelegate, w.agent, ballot)),
        )
          .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateForcedAbstain")
          .withArgs(w.id);
      }
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, 0n, 0n]);
      await expect(agentVote(w, w.id, Support.Abstain, "ipfs://abstaining"))
        .to.emit(w.agentDelegate, "AgentVoteCast")
        .withArgs(w.id, w.agent.address, 1n, Support.Abstain, M(200), ethers.ZeroHash, "ipfs://abstaining", false);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, 0n, M(200)]);
    });

    it("bad signals are refused and change nothing: non-members, no reason, twice, after it was forced", async () => {
      const w = await loadFixture(agentWorld);
      for (const s of [w.alice, w.agent, w.outsider]) {
        await expect(w.agentDelegate.connect(s).signalForceAbstain(w.id, REASON))
          .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotCommitteeMember")
          .withArgs(s.address);
      }
      await expect(w.agentDelegate.connect(w.c[0]).signalForceAbstain(w.id, "")).to.be.revertedWithCustomError(
        w.agentDelegate,
        "AgentDelegateEmptyReason",
      );
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(0n);
      await signal(w, [0]);
      await expect(w.agentDelegate.connect(w.c[0]).signalForceAbstain(w.id, REASON))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateAlreadySignaled")
        .withArgs(w.id, w.c[0].address);
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(1n);
      await signal(w, [1, 2]);
      await expect(w.agentDelegate.connect(w.c[3]).signalForceAbstain(w.id, REASON))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateAlreadyForced")
        .withArgs(w.id);
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(3n);
    });

    it("a seat change voids earlier signals: replaced members' signals never count, the new set starts over", async () => {
      const w = await loadFixture(agentWorld);
      await signal(w, [0, 1]);
      const dao = await impersonate(w.timelockAddress);
      await w.committee.connect(dao).replaceMember(w.c[1].address, w.outsider.address);
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(0n);
      await expect(w.agentDelegate.connect(w.c[1]).signalForceAbstain(w.id, REASON))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotCommitteeMember")
        .withArgs(w.c[1].address);
      await signal(w, [2]);
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(1n);
      expect(await w.agentDelegate.isAbstainForced(w.id)).to.equal(false);
      // c[0] signalled under the old set: it must signal again.
      await signal(w, [0]);
      expect(await w.agentDelegate.isAbstainForced(w.id)).to.equal(false);
      await expect(w.agentDelegate.connect(w.outsider).signalForceAbstain(w.id, REASON))
        .to.emit(w.agentDelegate, "AgentAbstainForced")
        .withArgs(w.id, 3n);
    });

    it("follows the constitution's review quorum (raised to 4)", async () => {
      const w = await loadFixture(agentWorld);
      const params = { ...(await currentParams(w)), reviewQuorum: 4 };
      await w.constitution.connect(await impersonate(w.timelockAddress)).setParameters(params);
      await signal(w, [0, 1, 2]);
      expect(await w.agentDelegate.isAbstainForced(w.id)).to.equal(false);
      await signal(w, [3]);
      expect(await w.agentDelegate.isAbstainForced(w.id)).to.equal(true);
    });

    it("may be forced while the proposal is Pending; the AI can then only abstain once voting opens", async () => {
      const w = await loadFixture(agentWorld);
      const pending = await directProposal(w, await grant(w, w.outsider.address, tokens(5), "pending"));
      expect(await w.governor.state(pending)).to.equal(0n);
      await signal(w, [0, 1, 2], pending);
      await travelPast(await w.governor.proposalSnapshot(pending));
      await expect(agentVote(w, pending, Support.For)).to.be.revertedWithCustomError(
        w.agentDelegate,
        "AgentDelegateForcedAbstain",
      );
      await agentVote(w, pending, Support.Abstain);
      expect(await w.governor.proposalVotes(pending)).to.deep.equal([0n, 0n, M(200)]);
    });

    it("only before the AI voted, and only on a Pending or Active proposal", async () => {
      const w = await loadFixture(agentWorld);
      await signal(w, [0]);
      await agentVote(w, w.id, Support.For);
      await expect(w.agentDelegate.connect(w.c[1]).signalForceAbstain(w.id, REASON))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateAlreadyVoted")
        .withArgs(w.id);
      await travelPast(await w.governor.proposalDeadline(w.id));
      const state = await w.governor.state(w.id); // Succeeded
      await expect(w.agentDelegate.connect(w.c[1]).signalForceAbstain(w.id, REASON))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateProposalNotOpen")
        .withArgs(w.id, state);
      expect(await w.agentDelegate.forceAbstainSignals(w.id)).to.equal(1n);
    });
  });

  describe("recusal list (DAO-kept (target, selector) pairs)", () => {
    it("the deployment seeds the configured pairs and every call to the AgentDelegate itself", async () => {
      const w = await loadFixture(agentWorld);
      const pairs = resolveRecusals(DEFAULT_AGENT.recusals, w.addresses);
      expect(pairs.length).to.equal(10);
      for (const { target, selector } of pairs)
        expect(await w.agentDelegate.isRecused(target, selector)).to.equal(true);
      expect(await w.agentDelegate.isRecused(w.delegateAddress, "0x12345678")).to.equal(true);
      expect(
        await w.agentDelegate.isRecused(
          await w.constitution.getAddress(),
          w.constitution.interface.getFunction("ratifyAmendment").selector,
        ),
      ).to.equal(false);
      expect(() => resolveRecusals({ Nope: ["x()"] }, w.addresses)).to.throw(/not a contract/);
      expect(() => resolveRecusals({ Constitution: ["nope()"] }, w.addresses)).to.throw(/no function nope\(\)/);
      expect(resolveRecusals({ Constitution: ["*"] }, w.addresses)).to.deep.equal([
        { target: await w.constitution.getAddress(), selector: ANY_SELECTOR },
      ]);
    });

    it("only the DAO edits it; a zero target or an unchanged entry is refused; changes are evented", async () => {
      const w = await loadFixture(agentWorld);
      const dao = await impersonate(w.timelockAddress);
      const token = await w.token.getAddress();
      const transfer = w.token.interface.getFunction("transfer").selector;
      await expect(w.agentDelegate.connect(w.alice).setRecusal(token, transfer, true))
        .to.be.revertedWithCustomError(w.agentDelegate, "OwnableUnauthorizedAccount")
        .withArgs(w.alice.address);
      await expect(
        w.agentDelegate.connect(dao).setRecusal(ethers.ZeroAddress, transfer, true),
      ).to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateZeroAddress");
      await expect(w.agentDelegate.connect(dao).setRecusal(token, transfer, false))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateRecusalUnchanged")
        .withArgs(token, transfer, false);
      expect(await w.agentDelegate.isRecused(token, transfer)).to.equal(false);
      await expect(w.agentDelegate.connect(dao).setRecusal(token, transfer, true))
        .to.emit(w.agentDelegate, "RecusalSet")
        .withArgs(token, transfer, true);
      expect(await w.agentDelegate.isRecused(token, transfer)).to.equal(true);
      // Now the fixture's proposal (a token transfer) is one the AI may not vote on.
      await expect(agentVote(w, w.id, Support.For))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateRecused")
        .withArgs(w.id, token, transfer);
      await expect(w.agentDelegate.connect(dao).setRecusal(token, transfer, false))
        .to.emit(w.agentDelegate, "RecusalSet")
        .withArgs(token, transfer, false);
      await agentVote(w, w.id, Support.For);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(200), 0n]);
    });

    it("a proposal with any recused action is refused to the AI (direct and relayed) and counts nothing", async () => {
      const w = await loadFixture(agentWorld);
      const grantP = await grant(w, w.outsider.address, tokens(1), "");
      const cap = await capProposal(w);
      const both: Proposal = {
        targets: [...grantP.targets, ...cap.targets],
        values: [0n, 0n],
        calldatas: [...grantP.calldatas, ...cap.calldatas],
        description: "A grant, and raise the AI's cap",
      };
      const id = await activeProposal(w, both);
      const selector = w.constitution.interface.getFunction("setAgentVoteCapBps").selector;
      const constitution = await w.constitution.getAddress();
      await expect(agentVote(w, id, Support.For))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateRecused")
        .withArgs(id, constitution, selector);
      const ballot = await ballotFor(w, id, Support.Abstain);
      await expect(
        w.agentDelegate
          .connect(w.bob)
          .castVoteBySig(ballot, await actionsOf(w, id), await signAgentBallot(w.agentDelegate, w.agent, ballot)),
      )
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateRecused")
        .withArgs(id, constitution, selector);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
    });

    it("recusal by target (ANY_SELECTOR) and of calls with empty calldata (selector 0x00000000)", async () => {
      const w = await loadFixture(agentWorld);
      const upgrade = action(
        w.delegateAddress,
        w.agentDelegate.interface.encodeFunctionData("setRecusal", [w.outsider.address, "0x00000000", true]),
        "Edit the AI's recusals",
      );
      const id = await activeProposal(w, upgrade);
      await expect(agentVote(w, id, Support.For))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateRecused")
        .withArgs(
          id,
          w.delegateAddress,
          "0x68ee4a04".length ? w.agentDelegate.interface.getFunction("setRecusal").selector : "",
        );
      const payEoa = action(w.outsider.address, "0x", "Send nothing to an EOA");
      const id2 = await activeProposal(w, payEoa);
      await w.agentDelegate
        .connect(await impersonate(w.timelockAddress))
        .setRecusal(w.outsider.address, "0x00000000", true);
      await expect(agentVote(w, id2, Support.For))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateRecused")
        .withArgs(id2, w.outsider.address, "0x00000000");
    });

    it("the actions must be the proposal's (checked against the governor's proposal hash)", async () => {
      const w = await loadFixture(agentWorld);
      const other = await directProposal(w, await grant(w, w.outsider.address, tokens(9), "other"));
      const mine = await actionsOf(w, w.id);
      for (const wrong of [
        { ...mine, descriptionHash: ethers.id("not the description") },
        await actionsOf(w, other),
        { ...mine, targets: [], values: [], calldatas: [] },
      ]) {
        await expect(w.agentDelegate.connect(w.agent).castVote(w.id, Support.For, "", ethers.ZeroHash, wrong))
          .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateActionsMismatch")
          .withArgs(w.id);
      }
      expect(await w.governor.hasVoted(w.id, w.delegateAddress)).to.equal(false);
    });
  });

  describe("never in the way of members", () => {
    it("with the cap on, the abstain forced and the AI recused, delegators still override with their full balance and re-delegate", async () => {
      const w = await loadFixture(agentWorld);
      await setCap(w, 1000);
      const id = await activeProposal(w, await capProposal(w)); // recused
      await signal(w, [0, 1, 2], id); // forced
      await expect(agentVote(w, id, Support.Abstain)).to.be.revertedWithCustomError(
        w.agentDelegate,
        "AgentDelegateRecused",
      );
      await expect(w.governor.connect(w.carol).castOverrideVote(id, Support.Against, "mine"))
        .to.emit(w.governor, "OverrideVoteCast")
        .withArgs(w.carol.address, id, Support.Against, M(100), "mine");
      // dave overrides by signature through a relayer.
      const nonce = await w.governor.nonces(w.dave.address);
      const sig = await signOverrideBallot(w, w.dave, id, Support.For, nonce, "");
      await w.governor.connect(w.outsider).castOverrideVoteBySig(id, Support.For, w.dave.address, "", sig);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([M(100), M(100), 0n]);
      // Re-delegation is never blocked: dave takes his votes back.
      await w.token.connect(w.dave).delegate(w.dave.address);
      expect(await w.token.getVotes(w.delegateAddress)).to.equal(M(100));
      expect(await w.token.getVotes(w.dave.address)).to.equal(M(100));
    });

    it("after a forced abstain was cast, a delegator's override still moves his weight", async () => {
      const w = await loadFixture(agentWorld);
      await setCap(w, 5000); // 300M > 200M: not binding
      const id = await activeProposal(w, await grant(w, w.outsider.address, tokens(4), "forced then override"));
      await signal(w, [2, 3, 4], id);
      await agentVote(w, id, Support.Abstain);
      await expect(w.governor.connect(w.dave).castOverrideVote(id, Support.Against, ""))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, id, Support.Abstain, M(100));
      expect(await w.governor.proposalVotes(id)).to.deep.equal([M(100), 0n, M(100)]);
    });
  });
});
