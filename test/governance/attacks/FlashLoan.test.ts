/**
 * Beanstalk (17 Apr 2022) replay: voting power borrowed and repaid inside one transaction.
 * Beanstalk read live balances; here every weight is read at a past timepoint (vote: the proposal snapshot;
 * draft: clock - 1; initiative backing: the revision's timepoint - 1), so borrowed power weighs nothing.
 * Residual risk (documented, not unit-testable away): a non-flash borrow held across the snapshot does count;
 * votingDelay >= 1h, the >80% rule, the 2-day timelock and the committee hold are the mitigations.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { FlashAttacker__factory, FlashLender__factory } from "../../../typechain-types";
import {
  State,
  Support,
  delegatedFixture,
  grant,
  proposalActions,
  queue,
  stateBitmap,
  submitDraft,
  toActive,
  tokens,
  travelPast,
} from "../helpers";

const LOAN = tokens(300_000_000);

async function flashFixture() {
  const w = await delegatedFixture();
  // alice, bob and carol park their 300M in a lending pool: 50% of the voting supply.
  const lender = await new FlashLender__factory(w.deployer).deploy(await w.token.getAddress());
  const lenderAddress = await lender.getAddress();
  for (const s of [w.alice, w.bob, w.carol]) await w.token.connect(s).transfer(lenderAddress, tokens(100_000_000));
  const attacker = await new FlashAttacker__factory(w.outsider).deploy(
    lenderAddress,
    await w.governor.getAddress(),
    await w.committee.getAddress(),
  );
  await time.increase(1);
  return { ...w, lender, attacker, attackerAddress: await attacker.getAddress(), lenderAddress };
}

describe("Attack replay: Beanstalk flash-loan governance", () => {
  it("a vote cast with borrowed tokens weighs the attacker's pre-snapshot votes (0); the drain is defeated", async () => {
    const w = await loadFixture(flashFixture);
    const treasuryBefore = await w.token.balanceOf(w.timelockAddress);
    const drain = await grant(w, w.attackerAddress, treasuryBefore, "Sweep the treasury (BIP-18)");
    const id = await toActive(w, drain, w.c[0]);
    const snapshot = await w.governor.proposalSnapshot(id);
    expect(await w.token.getPastVotes(w.attackerAddress, snapshot)).to.equal(0n);

    await expect(w.attacker.attack(LOAN, 0, id, 0))
      .to.emit(w.governor, "VoteCast")
      .withArgs(w.attackerAddress, id, Support.For, 0n, "");
    // The borrowed power was real inside the transaction, and worthless to the vote.
    expect(await w.attacker.votesDuringLoan()).to.equal(LOAN);
    expect(await w.attacker.weightCounted()).to.equal(0n);
    expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
    expect(await w.token.balanceOf(w.lenderAddress)).to.equal(LOAN);
    expect(await w.token.balanceOf(w.attackerAddress)).to.equal(0n);

    // No emergency path: queue refuses an Active proposal.
    const a = await proposalActions(w.governor, id);
    await expect(w.governor.queue(a.targets, a.values, a.calldatas, a.descriptionHash))
      .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
      .withArgs(id, State.Active, stateBitmap(State.Succeeded));

    // Honest holders vote against; the proposal is defeated and the treasury untouched.
    for (const m of w.c) await w.governor.connect(m).castVote(id, Support.Against);
    await travelPast(await w.governor.proposalDeadline(id));
    expect(await w.governor.state(id)).to.equal(State.Defeated);
    await expect(queue(w.governor, w.outsider, id))
      .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
      .withArgs(id, State.Defeated, stateBitmap(State.Succeeded));
    expect(await w.token.balanceOf(w.timelockAddress)).to.equal(treasuryBefore);
  });

  it("an attacker with an honest pre-snapshot stake votes with exactly that stake, not the loan", async () => {
    const w = await loadFixture(flashFixture);
    const stake = tokens(1_000_000);
    await w.token.connect(w.dave).transfer(w.attackerAddress, stake);
    await w.attacker.delegateSelf(await w.token.getAddress());
    await time.increase(1);
    const id = await toActive(w, await grant(w, w.attackerAddress, tokens(1), "Small grant"), w.c[0]);
    await w.attacker.attack(LOAN, 0, id, 0);
    expect(await w.attacker.votesDuringLoan()).to.equal(LOAN + stake);
    expect(await w.attacker.weightCounted()).to.equal(stake);
    expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, stake, 0n]);
    // Below the quorum: defeated despite 100% "for".
    await travelPast(await w.governor.proposalDeadline(id));
    expect(await w.governor.state(id)).to.equal(State.Defeated);
  });

  it("drafting inside the loan fails: the threshold is read at clock - 1 (InsufficientVotes)", async () => {
    const w = await loadFixture(flashFixture);
    const threshold = (await w.constitution.parameters()).draftThreshold;
    await expect(w.attacker.attack(LOAN, 1, 0, 0))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInsufficientVotes")
      .withArgs(w.attackerAddress, 0n, threshold);
    expect(await w.committee.draftCount()).to.equal(0n);
    expect(await w.token.balanceOf(w.lenderAddress)).to.equal(LOAN);
  });

  it("backing an initiative inside the loan fails (NoVotingPower) or weighs only the pre-revision stake", async () => {
    const w = await loadFixture(flashFixture);
    const p = await grant(w, w.attackerAddress, tokens(1), "Initiative");
    const draftId = await submitDraft(w.committee, w.c[0], p);
    await expect(w.attacker.attack(LOAN, 2, draftId, 1))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNoVotingPower")
      .withArgs(w.attackerAddress);
    expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(0n);

    // With a small honest stake before the next revision, the borrowed 300M still adds nothing.
    const stake = tokens(2_000_000);
    await w.token.connect(w.dave).transfer(w.attackerAddress, stake);
    await w.attacker.delegateSelf(await w.token.getAddress());
    await time.increase(1);
    await w.committee.connect(w.c[0]).reviseDraft(draftId, p.targets, p.values, p.calldatas, p.description, "bump");
    await expect(w.attacker.attack(LOAN, 2, draftId, 2))
      .to.emit(w.committee, "DraftBacked")
      .withArgs(draftId, w.attackerAddress, 2n, stake, stake);
    expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(stake);
    expect(stake).to.be.lessThan(await w.committee.initiativeThreshold(draftId));
    await travelPast(await w.committee.discussionEndsAt(draftId));
    await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
      .withArgs(draftId, 0n, 3n);
  });
});
