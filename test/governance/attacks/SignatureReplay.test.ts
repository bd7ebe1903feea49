/**
 * Signature replay and forgery (bug class 9) on every signed entry point: castVoteBySig, castOverrideVoteBySig,
 * permit, delegateBySig. Each signature binds a nonce, the signer, the chain id and the verifying contract.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  Support,
  delegatedFixture,
  directProposal,
  domainOf,
  grant,
  signBallot,
  signDelegation,
  signPermit,
  signOverrideBallot,
  tokens,
  travelPast,
  type World,
} from "../helpers";

async function activeProposal(w: World, description: string): Promise<bigint> {
  const id = await directProposal(w, await grant(w, w.outsider.address, 1n, description));
  await travelPast(await w.governor.proposalSnapshot(id));
  return id;
}

describe("Attack: signature replay", () => {
  it("castVoteBySig: replay on the same and on another proposal, and a foreign-chain signature, are refused", async () => {
    const w = await loadFixture(delegatedFixture);
    const id1 = await activeProposal(w, "one");
    const id2 = await activeProposal(w, "two");
    const sig = await signBallot(w, w.bob, id1, Support.For, 0n);
    await w.governor.connect(w.outsider).castVoteBySig(id1, Support.For, w.bob.address, sig);
    for (const id of [id1, id2]) {
      await expect(w.governor.connect(w.outsider).castVoteBySig(id, Support.For, w.bob.address, sig))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.bob.address);
    }
    // Signed for another chain id (same contract): invalid here.
    const domain = { ...(await domainOf(w.governor)), chainId: 1n };
    const foreign = await w.carol.signTypedData(
      domain,
      {
        Ballot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
        ],
      },
      { proposalId: id2, support: Support.For, voter: w.carol.address, nonce: 0n },
    );
    await expect(w.governor.castVoteBySig(id2, Support.For, w.carol.address, foreign))
      .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
      .withArgs(w.carol.address);
    // A different support value than signed: invalid.
    const sig2 = await signBallot(w, w.carol, id2, Support.Against, 0n);
    await expect(w.governor.castVoteBySig(id2, Support.For, w.carol.address, sig2))
      .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
      .withArgs(w.carol.address);
    expect(await w.governor.proposalVotes(id1)).to.deep.equal([0n, tokens(100_000_000), 0n]);
    expect(await w.governor.proposalVotes(id2)).to.deep.equal([0n, 0n, 0n]);
    expect(await w.governor.hasVoted(id2, w.bob.address)).to.equal(false);
    expect(await w.governor.nonces(w.carol.address)).to.equal(0n);
  });

  it("castOverrideVoteBySig: replay refused; a used ballot nonce cannot be reused for an override", async () => {
    const w = await loadFixture(delegatedFixture);
    await w.token.connect(w.dave).delegate(w.agent.address);
    await time.increase(1);
    const id1 = await activeProposal(w, "one");
    const id2 = await activeProposal(w, "two");
    const sig = await signOverrideBallot(w, w.dave, id1, Support.Against, 0n, "");
    await w.governor.castOverrideVoteBySig(id1, Support.Against, w.dave.address, "", sig);
    for (const id of [id1, id2]) {
      await expect(w.governor.castOverrideVoteBySig(id, Support.Against, w.dave.address, "", sig))
        .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
        .withArgs(w.dave.address);
    }
    expect(await w.governor.hasVotedOverride(id2, w.dave.address)).to.equal(false);
    expect(await w.governor.proposalVotes(id1)).to.deep.equal([tokens(100_000_000), 0n, 0n]);
    // Nonces are shared with castVoteBySig: an override signed with nonce 1 is invalid after a ballot used it.
    const ballot = await signBallot(w, w.dave, id2, Support.For, 1n);
    const override = await signOverrideBallot(w, w.dave, id2, Support.Against, 1n, "");
    await w.governor.castVoteBySig(id2, Support.For, w.dave.address, ballot);
    await expect(w.governor.castOverrideVoteBySig(id2, Support.Against, w.dave.address, "", override))
      .to.be.revertedWithCustomError(w.governor, "GovernorInvalidSignature")
      .withArgs(w.dave.address);
    expect(await w.governor.nonces(w.dave.address)).to.equal(2n);
  });

  it("permit: replay refused (ERC2612InvalidSigner); a permit signed for the governor's domain is refused", async () => {
    const w = await loadFixture(delegatedFixture);
    const deadline = BigInt(await time.latest()) + 3600n;
    const msg = { spender: w.outsider.address, value: tokens(10), nonce: 0n, deadline };
    const sig = await signPermit(w.token, w.alice, msg);
    await w.token.permit(w.alice.address, w.outsider.address, tokens(10), deadline, sig.v, sig.r, sig.s);
    await w.token.connect(w.outsider).transferFrom(w.alice.address, w.outsider.address, tokens(10));
    await expect(
      w.token.permit(w.alice.address, w.outsider.address, tokens(10), deadline, sig.v, sig.r, sig.s),
    ).to.be.revertedWithCustomError(w.token, "ERC2612InvalidSigner");
    expect(await w.token.allowance(w.alice.address, w.outsider.address)).to.equal(0n);
    // Cross-contract: the same message signed under the governor's EIP-712 domain.
    const msg2 = { ...msg, nonce: 1n };
    const cross = await signPermit(w.governor, w.alice, msg2);
    await expect(
      w.token.permit(w.alice.address, w.outsider.address, tokens(10), deadline, cross.v, cross.r, cross.s),
    ).to.be.revertedWithCustomError(w.token, "ERC2612InvalidSigner");
    expect(await w.token.balanceOf(w.outsider.address)).to.equal(tokens(10));
    expect(await w.token.nonces(w.alice.address)).to.equal(1n);
  });

  it("delegateBySig: replay refused (InvalidAccountNonce); a stolen signature cannot redirect votes later", async () => {
    const w = await loadFixture(delegatedFixture);
    const expiry = BigInt(await time.latest()) + 3600n;
    const sig = await signDelegation(w.token, w.bob, { delegatee: w.agent.address, nonce: 1n, expiry });
    // Nonce 1 is not yet current (bob's nonce is 0): refused.
    await expect(w.token.delegateBySig(w.agent.address, 1n, expiry, sig.v, sig.r, sig.s))
      .to.be.revertedWithCustomError(w.token, "InvalidAccountNonce")
      .withArgs(w.bob.address, 0n);
    const sig0 = await signDelegation(w.token, w.bob, { delegatee: w.agent.address, nonce: 0n, expiry });
    await w.token.delegateBySig(w.agent.address, 0n, expiry, sig0.v, sig0.r, sig0.s);
    await w.token.connect(w.bob).delegate(w.bob.address);
    await expect(w.token.delegateBySig(w.agent.address, 0n, expiry, sig0.v, sig0.r, sig0.s))
      .to.be.revertedWithCustomError(w.token, "InvalidAccountNonce")
      .withArgs(w.bob.address, 1n);
    expect(await w.token.delegates(w.bob.address)).to.equal(w.bob.address);
    expect(await w.token.getVotes(w.agent.address)).to.equal(0n);
  });
});
