/**
 * Compound Proposal 289 (Jul 2024) replay: a whale passes a treasury grab with a simple majority (682,191 for vs
 * 633,636 against = 51.8%). Here a proposal needs strictly more than 80% of for + against; late quorum extends
 * the vote; exactly 80% fails.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  HOUR,
  State,
  Support,
  delegatedFixture,
  exactVoters,
  grant,
  queue,
  stateBitmap,
  toActive,
  tokens,
  travelPast,
} from "../helpers";

describe("Attack replay: Compound 289 whale", () => {
  it("682,191 for vs 633,636 against (x100): a simple-majority governor passes it, BytomGovernor defeats it", async () => {
    const w = await loadFixture(delegatedFixture);
    const forW = tokens(68_219_100);
    const againstW = tokens(63_363_600);
    const [whale, honest] = await exactVoters(w, [forW, againstW]);
    const treasury = await w.token.balanceOf(w.timelockAddress);
    const id = await toActive(w, await grant(w, whale.address, tokens(20_000_000), "goldCOMP trust setup"));
    await w.governor.connect(whale).castVote(id, Support.For);
    await w.governor.connect(honest).castVote(id, Support.Against);
    await travelPast(await w.governor.proposalDeadline(id));
    const [against, forVotes, abstain] = await w.governor.proposalVotes(id);
    // What GovernorCountingSimple / Bravo would decide: for > against and quorum reached.
    expect(forVotes > against).to.equal(true);
    expect(forVotes + abstain >= (await w.governor.proposalQuorum(id))).to.equal(true);
    // The supermajority rule: 51.8% <= 80%.
    expect(await w.governor.state(id)).to.equal(State.Defeated);
    await expect(queue(w.governor, whale, id))
      .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
      .withArgs(id, State.Defeated, stateBitmap(State.Succeeded));
    expect(await w.token.balanceOf(w.timelockAddress)).to.equal(treasury);
  });

  it("a whale holding exactly 80% of the decisive votes is defeated", async () => {
    const w = await loadFixture(delegatedFixture);
    const [whale, a, b] = await exactVoters(w, [tokens(80_000_000), tokens(10_000_000), tokens(10_000_000)]);
    const id = await toActive(w, await grant(w, whale.address, tokens(1), "Whale grant"));
    await w.governor.connect(whale).castVote(id, Support.For);
    await w.governor.connect(a).castVote(id, Support.Against);
    await w.governor.connect(b).castVote(id, Support.Against);
    await travelPast(await w.governor.proposalDeadline(id));
    expect(await w.governor.proposalVotes(id)).to.deep.equal([tokens(20_000_000), tokens(80_000_000), 0n]);
    expect(await w.governor.state(id)).to.equal(State.Defeated);
  });

  it("a last-minute whale triggers the late-quorum extension; honest holders then defeat it", async () => {
    const w = await loadFixture(delegatedFixture);
    const [whale] = await exactVoters(w, [tokens(90_000_000)]);
    const id = await toActive(w, await grant(w, whale.address, tokens(1), "Weekend grab"));
    const deadline = await w.governor.proposalDeadline(id);
    await time.setNextBlockTimestamp(deadline);
    await expect(w.governor.connect(whale).castVote(id, Support.For))
      .to.emit(w.governor, "ProposalExtended")
      .withArgs(id, deadline + DAY);
    // Without the extension it would have Succeeded one second later (90M for, quorum 60M).
    await time.increase(HOUR);
    expect(await w.governor.state(id)).to.equal(State.Active);
    await w.governor.connect(w.c[0]).castVote(id, Support.Against);
    await travelPast(deadline + DAY);
    // 90M for vs 40M against (69%): defeated.
    expect(await w.governor.state(id)).to.equal(State.Defeated);
  });
});
