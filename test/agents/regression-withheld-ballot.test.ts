/**
 * Issue #10 regression: an agent ballot the relayer never submitted must not block the agent's later ballots.
 * With the former sequential nonce, the ballot for the second proposal (nonce 1) was refused until the withheld one
 * (nonce 0) was relayed. Ballots are now one per proposal and expire.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Support, delegatedFixture, directProposal, grant, tokens, travelPast } from "../governance/helpers";
import { actionsOf, ballotFor, signAgentBallot } from "./helpers";

async function twoProposals() {
  const w = await delegatedFixture();
  await w.token.connect(w.dave).delegate(await w.agentDelegate.getAddress());
  const first = await directProposal(w, await grant(w, w.outsider.address, tokens(1), "first"));
  const second = await directProposal(w, await grant(w, w.outsider.address, tokens(2), "second"));
  await travelPast(await w.governor.proposalSnapshot(second));
  return { ...w, first, second };
}

describe("AgentDelegate regression (#10): a withheld ballot blocks nothing", () => {
  it("the ballot for a later proposal is relayed although the earlier one was withheld", async () => {
    const w = await loadFixture(twoProposals);
    // The agent signs ballots for both proposals in order; the first one is withheld by its relayer.
    const first = await ballotFor(w, w.first, Support.For, { expiry: BigInt(await time.latest()) + 3600n });
    const withheld = await signAgentBallot(w.agentDelegate, w.agent, first);
    const second = await ballotFor(w, w.second, Support.For);
    const signature = await signAgentBallot(w.agentDelegate, w.agent, second);
    await w.agentDelegate.connect(w.bob).castVoteBySig(second, await actionsOf(w, w.second), signature);
    expect(await w.governor.hasVoted(w.second, await w.agentDelegate.getAddress())).to.equal(true);
    // Surfacing after its expiry, the withheld ballot is refused and counts nothing.
    await time.increaseTo(first.expiry + 1n);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(first, await actionsOf(w, w.first), withheld))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateBallotExpired")
      .withArgs(first.expiry);
    expect(await w.governor.hasVoted(w.first, await w.agentDelegate.getAddress())).to.equal(false);
  });
});
