/**
 * The full BytomDAO cycle, as scripts/demo.ts runs it, with assertions at every stage:
 * draft → comments → revision (discussion clock restarts) → committee review → vote (>80%, AI delegate overridden)
 * → queue → execute → constitution v2 ratified with its enacting proposal id, v1 still in force.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  HOUR,
  State,
  Support,
  action,
  approveDraft,
  execute,
  proposalActions,
  putToVote,
  queue,
  submitDraft,
  tokens,
  travelPast,
  worldFixture,
} from "./helpers";

describe("Integration: the full governance cycle", () => {
  it("drafts, discusses, revises, reviews, votes, queues, executes and ratifies constitution v2", async () => {
    const w = await loadFixture(worldFixture);
    const { token, constitution, committee, governor } = w;
    const [c1, c2, c3, c4, c5] = w.c;
    const { alice, bob, carol, dave, agent } = w;

    // Stage 0: deployed; v1 in force.
    expect(await constitution.currentVersion()).to.equal(1n);
    expect(await constitution.activeAgent()).to.equal(agent.address);

    // Stage 1: voting power. dave delegates to the AI agent.
    for (const s of [c1, c2, c3, c4, c5, alice, bob, carol]) await token.connect(s).delegate(s.address);
    await token.connect(dave).delegate(await constitution.activeAgent());
    await time.increase(1);
    expect(await token.getVotes(agent.address)).to.equal(tokens(100_000_000));
    expect(await token.getVotes(w.timelockAddress)).to.equal(0n);

    // Stage 2: alice drafts the amendment.
    const v2Text = fs.readFileSync(path.join(__dirname, "..", "..", "constitution", "v2.md"), "utf8");
    const constitutionAddress = await constitution.getAddress();
    const firstDraft = action(
      constitutionAddress,
      constitution.interface.encodeFunctionData("ratifyAmendment", [ethers.id("v2 draft"), "ipfs://v2-draft"]),
      "Amend the constitution: add Article 5, the AI delegate",
    );
    const draftId = await submitDraft(committee, alice, firstDraft);
    expect(draftId).to.equal(1n);
    const d1 = await committee.getDraft(draftId);
    expect(d1.author).to.equal(alice.address);
    expect(d1.revision).to.equal(1n);
    expect(d1.contentHash).to.equal(
      await committee.hashContent(firstDraft.targets, firstDraft.values, firstDraft.calldatas, firstDraft.description),
    );

    // Stage 3: discussion and revision.
    const h1 = ethers.id("Require published reasoning for every AI vote.");
    await expect(committee.connect(bob).comment(draftId, h1, "ipfs://comments/1"))
      .to.emit(committee, "DraftCommented")
      .withArgs(draftId, bob.address, 1n, h1, "ipfs://comments/1");
    const h2 = ethers.id("Activation only after committee evaluation.");
    await expect(committee.connect(c2).comment(draftId, h2, "ipfs://comments/2"))
      .to.emit(committee, "DraftCommented")
      .withArgs(draftId, c2.address, 1n, h2, "ipfs://comments/2");
    await travelPast((await committee.discussionEndsAt(draftId)) - HOUR);
    const finalDraft = action(
      constitutionAddress,
      constitution.interface.encodeFunctionData("ratifyAmendment", [
        ethers.id(v2Text),
        "ipfs://bytomdao/constitution/v2.md",
      ]),
      "Amend the constitution: add Article 5, the AI delegate (published reasoning, evaluated activation)",
    );
    await committee
      .connect(alice)
      .reviseDraft(
        draftId,
        finalDraft.targets,
        finalDraft.values,
        finalDraft.calldatas,
        finalDraft.description,
        "comments",
      );
    const revisedAt = BigInt(await time.latest());
    expect((await committee.getDraft(draftId)).revision).to.equal(2n);
    await expect(committee.connect(c1).approveDraft(draftId, 2n))
      .to.be.revertedWithCustomError(committee, "GovernanceCommitteeDiscussionOngoing")
      .withArgs(draftId, revisedAt + 2n * DAY);

    // Stage 4: review; 3 of 5 approve; the draft goes to the vote.
    await travelPast(await committee.discussionEndsAt(draftId));
    await approveDraft(committee, [c1, c2, c3], draftId);
    expect(await committee.approvalCount(draftId)).to.equal(3n);
    await expect(
      committee.propose(draftId, firstDraft.targets, firstDraft.values, firstDraft.calldatas, firstDraft.description),
    )
      .to.be.revertedWithCustomError(committee, "GovernanceCommitteeContentMismatch")
      .withArgs(draftId);
    const proposalId = await putToVote(committee, alice, draftId, finalDraft);
    expect(proposalId).to.equal(1n);
    const proposedAt = BigInt(await time.latest());
    expect(await governor.state(proposalId)).to.equal(State.Pending);
    expect(await governor.proposalSnapshot(proposalId)).to.equal(proposedAt + HOUR);
    expect(await governor.proposalDeadline(proposalId)).to.equal(proposedAt + HOUR + 3n * DAY);
    const a = await proposalActions(governor, proposalId);
    expect(a.description).to.equal(`${finalDraft.description}\n\n[BytomDAO draft #1 revision 2]`);
    expect((await committee.getDraft(draftId)).proposalId).to.equal(proposalId);

    // Stage 5: voting; dave overrides the agent with an abstention.
    await travelPast(await governor.proposalSnapshot(proposalId));
    expect(await governor.state(proposalId)).to.equal(State.Active);
    for (const v of [alice, bob, carol, agent]) await governor.connect(v).castVote(proposalId, Support.For);
    await governor.connect(c4).castVote(proposalId, Support.Against);
    expect(await governor.proposalVotes(proposalId)).to.deep.equal([tokens(40_000_000), tokens(400_000_000), 0n]);
    await expect(governor.connect(dave).castOverrideVote(proposalId, Support.Abstain, "I prefer to abstain"))
      .to.emit(governor, "VoteReduced")
      .withArgs(agent.address, proposalId, Support.For, tokens(100_000_000));
    const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
    expect([against, forVotes, abstain]).to.deep.equal([tokens(40_000_000), tokens(300_000_000), tokens(100_000_000)]);
    expect(forVotes * 10_000n > 8_000n * (forVotes + against)).to.equal(true); // 88.2%
    await travelPast(await governor.proposalDeadline(proposalId));
    expect(await governor.proposalQuorum(proposalId)).to.equal(tokens(60_000_000));
    expect(await governor.state(proposalId)).to.equal(State.Succeeded);

    // Stage 6: queue, delay, execute.
    await expect(queue(governor, bob, proposalId)).to.emit(governor, "ProposalQueued");
    expect(await governor.state(proposalId)).to.equal(State.Queued);
    const eta = await governor.proposalEta(proposalId);
    expect(eta).to.equal(BigInt(await time.latest()) + 2n * DAY);
    await travelPast(eta);
    await expect(execute(governor, bob, proposalId))
      .to.emit(constitution, "AmendmentRatified")
      .withArgs(2n, ethers.id(v2Text), "ipfs://bytomdao/constitution/v2.md", proposalId);
    expect(await governor.state(proposalId)).to.equal(State.Executed);

    // Stage 7: v2 ratified with its enacting proposal; v1 stays in force until v2's model is evaluated.
    const v2 = await constitution.getVersion(2);
    expect(v2.proposalId).to.equal(proposalId);
    expect(v2.status).to.equal(1n); // Ratified
    expect(v2.textHash).to.equal(ethers.id(v2Text));
    expect(v2.uri).to.equal("ipfs://bytomdao/constitution/v2.md");
    expect(await constitution.currentVersion()).to.equal(1n);
    expect(await constitution.latestVersion()).to.equal(2n);
    expect(await constitution.pendingVersion()).to.equal(2n);
    expect(await constitution.activeAgent()).to.equal(agent.address);
    expect((await constitution.getVersion(1)).status).to.equal(2n); // InForce

    // Stage 8: a second proposal with exactly 80% support is defeated.
    const grantP = action(
      await token.getAddress(),
      token.interface.encodeFunctionData("transfer", [carol.address, tokens(5_000_000)]),
      "Treasury grant to carol's team",
    );
    const grantDraft = await submitDraft(committee, carol, grantP);
    await travelPast(await committee.discussionEndsAt(grantDraft));
    await approveDraft(committee, [c1, c2, c3], grantDraft);
    const grantId = await putToVote(committee, carol, grantDraft, grantP);
    expect(grantId).to.equal(2n);
    await travelPast(await governor.proposalSnapshot(grantId));
    for (const s of [c1, c2, c3, c4]) await governor.connect(s).castVote(grantId, Support.For);
    await governor.connect(c5).castVote(grantId, Support.Against);
    expect(await governor.proposalVotes(grantId)).to.deep.equal([tokens(40_000_000), tokens(160_000_000), 0n]);
    await travelPast(await governor.proposalDeadline(grantId));
    expect(await governor.state(grantId)).to.equal(State.Defeated);
    expect(await token.balanceOf(w.timelockAddress)).to.equal(tokens(400_000_000));
  });
});
