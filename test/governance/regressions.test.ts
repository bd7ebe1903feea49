import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  State,
  Support,
  currentParams,
  delegatedFixture,
  directProposal,
  execute,
  grant,
  impersonate,
  proposalActions,
  toActive,
  tokens,
  travelPast,
  voteAndQueue,
  type World,
} from "./helpers";

/**
 * Findings of the internal review of the governance core, each reproduced and shown fixed.
 */
describe("review findings (regressions)", () => {
  it("F-1 (medium): the treasury cannot vote its balance through castOverrideVote", async () => {
    // Before the fix, a passed proposal whose action is governor.castOverrideVote(otherId, For) made the timelock
    // vote its 400M treasury balance on any open proposal (override weight = past balance, delegated or not).
    const w = await loadFixture(delegatedFixture);
    const id = await directProposal(w, await grant(w, w.outsider.address, tokens(1), "F-1 target"));
    await travelPast(await w.governor.proposalSnapshot(id));
    const treasury = await impersonate(w.timelockAddress);
    expect(await w.token.getPastBalanceOf(w.timelockAddress, await w.governor.proposalSnapshot(id))).to.equal(
      tokens(400_000_000),
    );
    await expect(w.governor.connect(treasury).castOverrideVote(id, Support.For, "")).to.be.revertedWithCustomError(
      w.governor,
      "BytomGovernorTreasuryCannotVote",
    );
    expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
    expect(await w.governor.hasVotedOverride(id, w.timelockAddress)).to.equal(false);
    // An ordinary holder who never delegated may still vote with its own balance by override.
    await w.token.connect(w.alice).transfer(w.outsider.address, tokens(5));
    const later = await directProposal(w, await grant(w, w.outsider.address, tokens(2), "F-1 second"));
    await travelPast(await w.governor.proposalSnapshot(later));
    await w.governor.connect(w.outsider).castOverrideVote(later, Support.Against, "");
    expect(await w.governor.proposalVotes(later)).to.deep.equal([tokens(5), 0n, 0n]);
  });

  it("F-2 (low): a hold still triggers after the DAO lowered the review quorum below the support collected", async () => {
    const w: World = await loadFixture(delegatedFixture);
    const dao = await impersonate(w.timelockAddress);
    const id = await toActive(w, await grant(w, w.outsider.address, tokens(1), "F-2 disputed"));
    await voteAndQueue(w, id);
    await w.constitution.connect(dao).setParameters({ ...(await currentParams(w)), reviewQuorum: 5 });
    for (const m of w.c.slice(0, 3)) await w.committee.connect(m).supportHold(id);
    expect(await w.governor.proposalHeldUntil(id)).to.equal(0n);
    await w.constitution.connect(dao).setParameters({ ...(await currentParams(w)), reviewQuorum: 3 });
    const tx = w.committee.connect(w.c[3]).supportHold(id);
    await expect(tx).to.emit(w.governor, "ProposalHeld");
    expect(await w.governor.proposalHeldUntil(id)).to.equal(BigInt(await time.latest()) + 3n * DAY);
    // Once held, further support is refused by the governor (held once only) and changes nothing.
    await expect(w.committee.connect(w.c[4]).supportHold(id))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorAlreadyHeld")
      .withArgs(id);
  });

  it("F-3 (low): executingProposalId is restored after a nested execution, so the outer proposal is recorded", async () => {
    const w = await loadFixture(delegatedFixture);
    // Proposal A: queued, not executed.
    const a = await toActive(w, await grant(w, w.outsider.address, tokens(1), "F-3 inner"));
    await voteAndQueue(w, a);
    const inner = await proposalActions(w.governor, a);
    // Proposal B: executes A, then ratifies an amendment.
    const governor = await w.governor.getAddress();
    const constitution = await w.constitution.getAddress();
    const b = await toActive(w, {
      targets: [governor, constitution],
      values: [0n, 0n],
      calldatas: [
        w.governor.interface.encodeFunctionData("execute", [
          inner.targets,
          inner.values,
          inner.calldatas,
          inner.descriptionHash,
        ]),
        w.constitution.interface.encodeFunctionData("ratifyAmendment", [ethers.id("F-3 text"), "ipfs://f3"]),
      ],
      description: "F-3 outer: execute A, then ratify",
    });
    await voteAndQueue(w, b);
    await travelPast(await w.governor.proposalEta(b));
    await execute(w.governor, w.alice, b);
    expect(await w.governor.state(a)).to.equal(State.Executed);
    expect(await w.governor.state(b)).to.equal(State.Executed);
    expect((await w.constitution.getVersion(2)).proposalId).to.equal(b);
    expect(await w.governor.executingProposalId()).to.equal(0n);
  });
});
