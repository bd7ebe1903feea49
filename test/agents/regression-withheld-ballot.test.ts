/**
 * Issue #10 regression: an agent ballot the relayer never submitted must not block the agent's later ballots.
 * With a sequential nonce, the ballot for the second proposal (nonce 1) is refused until the withheld one
 * (nonce 0) is relayed.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Support, delegatedFixture, directProposal, grant, tokens, travelPast } from "../governance/helpers";

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
    const domain = {
      name: "BytomDAO Agent Delegate",
      version: "1",
      chainId: (await ethers.provider.getNetwork()).chainId,
      verifyingContract: await w.agentDelegate.getAddress(),
    };
    const types = {
      AgentBallot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "reason", type: "string" },
        { name: "nonce", type: "uint256" },
      ],
    };
    // The agent signs ballots for both proposals in order; the first one is withheld by its relayer.
    await w.agent.signTypedData(domain, types, { proposalId: w.first, support: Support.For, reason: "a", nonce: 0n });
    const second = await w.agent.signTypedData(domain, types, {
      proposalId: w.second,
      support: Support.For,
      reason: "b",
      nonce: 1n,
    });
    await w.agentDelegate.connect(w.bob).castVoteBySig(w.second, Support.For, "b", second);
    expect(await w.governor.hasVoted(w.second, await w.agentDelegate.getAddress())).to.equal(true);
  });
});
