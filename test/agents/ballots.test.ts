/**
 * Relayed ballots: EIP-712 AgentBallot(uint256 proposalId,uint8 support,string reason,bytes32 rationaleHash,
 * uint256 modelId,uint256 expiry) — expiring, bound to the active model, one per proposal (no sequential nonce).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Support, directProposal, grant, tokens, travelPast } from "../governance/helpers";
import { actionsOf, agentWorld, ballotFor, enactNewModel, signAgentBallot } from "./helpers";

const M = (n: number) => tokens(n * 1_000_000);

async function twoActive() {
  const w = await agentWorld();
  const other = await directProposal(w, await grant(w, w.outsider.address, tokens(2), "other"));
  await travelPast(await w.governor.proposalSnapshot(other));
  return { ...w, other };
}

describe("AgentDelegate ballots", () => {
  it("the type hash is the documented EIP-712 type", async () => {
    const w = await loadFixture(agentWorld);
    expect(await w.agentDelegate.AGENT_BALLOT_TYPEHASH()).to.equal(
      ethers.id(
        "AgentBallot(uint256 proposalId,uint8 support,string reason,bytes32 rationaleHash,uint256 modelId,uint256 expiry)",
      ),
    );
  });

  it("counts up to and including its expiry second; one second later it is refused and counts nothing", async () => {
    const w = await loadFixture(twoActive);
    const now = BigInt(await time.latest());
    const onTime = await ballotFor(w, w.id, Support.For, { expiry: now + 100n });
    await time.setNextBlockTimestamp(now + 100n);
    await w.agentDelegate
      .connect(w.bob)
      .castVoteBySig(onTime, await actionsOf(w, w.id), await signAgentBallot(w.agentDelegate, w.agent, onTime));
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(200), 0n]);

    const late = await ballotFor(w, w.other, Support.For, { expiry: now + 200n });
    const sig = await signAgentBallot(w.agentDelegate, w.agent, late);
    const actions = await actionsOf(w, w.other);
    await time.setNextBlockTimestamp(now + 201n);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(late, actions, sig))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateBallotExpired")
      .withArgs(now + 200n);
    expect(await w.governor.hasVoted(w.other, w.delegateAddress)).to.equal(false);
    expect(await w.governor.proposalVotes(w.other)).to.deep.equal([0n, 0n, 0n]);
  });

  it("ballots of different proposals are independent: relayed in any order", async () => {
    const w = await loadFixture(twoActive);
    const first = await ballotFor(w, w.id, Support.For);
    const second = await ballotFor(w, w.other, Support.Against);
    const s1 = await signAgentBallot(w.agentDelegate, w.agent, first);
    const s2 = await signAgentBallot(w.agentDelegate, w.agent, second);
    await w.agentDelegate.connect(w.alice).castVoteBySig(second, await actionsOf(w, w.other), s2);
    await w.agentDelegate.connect(w.bob).castVoteBySig(first, await actionsOf(w, w.id), s1);
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(200), 0n]);
    expect(await w.governor.proposalVotes(w.other)).to.deep.equal([M(200), 0n, 0n]);
  });

  it("replay is refused: the same ballot again, or its signature over any other field or proposal", async () => {
    const w = await loadFixture(twoActive);
    const ballot = await ballotFor(w, w.id, Support.For);
    const sig = await signAgentBallot(w.agentDelegate, w.agent, ballot);
    const actions = await actionsOf(w, w.id);
    await w.agentDelegate.connect(w.bob).castVoteBySig(ballot, actions, sig);
    await expect(w.agentDelegate.connect(w.alice).castVoteBySig(ballot, actions, sig))
      .to.be.revertedWithCustomError(w.governor, "GovernorAlreadyCastVote")
      .withArgs(w.delegateAddress);
    const otherActions = await actionsOf(w, w.other);
    for (const forged of [
      { ...ballot, proposalId: w.other },
      { ...ballot, proposalId: w.other, support: Support.Against },
      { ...ballot, proposalId: w.other, reason: "ipfs://other" },
      { ...ballot, proposalId: w.other, rationaleHash: ethers.id("other") },
      { ...ballot, proposalId: w.other, expiry: ballot.expiry + 1n },
    ]) {
      await expect(w.agentDelegate.connect(w.alice).castVoteBySig(forged, otherActions, sig))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
        .withArgs(w.agent.address);
    }
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, M(200), 0n]);
    expect(await w.governor.proposalVotes(w.other)).to.deep.equal([0n, 0n, 0n]);
  });

  it("a ballot naming another model than the active one is refused (AgentDelegateWrongModel)", async () => {
    const w = await loadFixture(agentWorld);
    const ballot = await ballotFor(w, w.id, Support.For, { modelId: 2n });
    const actions = await actionsOf(w, w.id);
    await expect(
      w.agentDelegate
        .connect(w.bob)
        .castVoteBySig(ballot, actions, await signAgentBallot(w.agentDelegate, w.agent, ballot)),
    )
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateWrongModel")
      .withArgs(2n, 1n);
    expect(await w.governor.hasVoted(w.id, w.delegateAddress)).to.equal(false);
  });

  it("a superseded model's ballot is refused even when its operator key runs the new model too", async () => {
    const w = await loadFixture(agentWorld);
    const old = await ballotFor(w, w.id, Support.For); // model #1
    const oldSig = await signAgentBallot(w.agentDelegate, w.agent, old);
    await enactNewModel(w, w.agent.address); // model #2, same operator key
    const actions = await actionsOf(w, w.id);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(old, actions, oldSig))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateWrongModel")
      .withArgs(1n, 2n);
    const fresh = await ballotFor(w, w.id, Support.Against);
    expect(fresh.modelId).to.equal(2n);
    await expect(
      w.agentDelegate
        .connect(w.bob)
        .castVoteBySig(fresh, actions, await signAgentBallot(w.agentDelegate, w.agent, fresh)),
    )
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(w.id, w.agent.address, 2n, Support.Against, M(200), fresh.rationaleHash, fresh.reason, true);
  });

  it("a key that is not the active agent's is refused, whatever model it names", async () => {
    const w = await loadFixture(agentWorld);
    const ballot = await ballotFor(w, w.id, Support.For);
    for (const signer of [w.c[0], w.outsider, w.deployer]) {
      await expect(
        w.agentDelegate
          .connect(w.bob)
          .castVoteBySig(ballot, await actionsOf(w, w.id), await signAgentBallot(w.agentDelegate, signer, ballot)),
      )
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
        .withArgs(w.agent.address);
    }
  });
});
