import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import { MockERC1271Issuer__factory } from "../../typechain-types";
import {
  DAY,
  State,
  approveDraft,
  delegatedFixture,
  grant,
  impersonate,
  putToVote,
  submitDraft,
  tokens,
  travelPast,
  type Proposal,
  type World,
} from "./helpers";
import { approvalCall, proposeWithSignedApprovals, signDraftApproval, type SignedApproval } from "../../sdk/approvals";
import { HINTS, explainRevert } from "../../sdk/errors";

/** A draft by alice whose discussion period is over, and a deadline one day ahead. */
async function reviewable(w: World): Promise<{ draftId: bigint; p: Proposal; deadline: bigint }> {
  const p = await grant(w, w.outsider.address, tokens(1), "Grant 1 BTMG to the outsider");
  const draftId = await submitDraft(w.committee, w.alice, p);
  await travelPast(await w.committee.discussionEndsAt(draftId));
  return { draftId, p, deadline: BigInt(await time.latest()) + DAY };
}

/** Submits a signed approval (anyone may: here the outsider). */
function submit(w: World, a: SignedApproval) {
  return w.committee.connect(w.outsider).approveDraftBySig(a.draftId, a.revision, a.member, a.deadline, a.signature);
}

async function sign(w: World, signer: Signer, draftId: bigint, deadline: bigint, revision = 1n, member?: string) {
  return signDraftApproval(w.committee, signer, draftId, revision, deadline, member);
}

describe("GovernanceCommittee signed approvals (approveDraftBySig, multicall)", () => {
  it("reports its EIP-712 domain: BytomDAO Governance Committee, version 1, this chain and proxy", async () => {
    const w = await loadFixture(delegatedFixture);
    const d = await w.committee.eip712Domain();
    expect([d.name, d.version, d.chainId, d.verifyingContract]).to.deep.equal([
      "BytomDAO Governance Committee",
      "1",
      (await ethers.provider.getNetwork()).chainId,
      await w.committee.getAddress(),
    ]);
  });

  it("a signed approval counts exactly like approveDraft: the member's seat bit, the count and DraftApproved", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, deadline } = await reviewable(w);
    await w.committee.connect(w.c[0]).approveDraft(draftId, 1n);
    const a = await sign(w, w.c[2], draftId, deadline);
    await expect(submit(w, a)).to.emit(w.committee, "DraftApproved").withArgs(draftId, w.c[2].address, 1n, 2n);
    const d = await w.committee.getDraft(draftId);
    expect(d.approvals).to.equal(0b101n); // seats 1 and 3
    expect(await w.committee.approvalCount(draftId)).to.equal(2n);
  });

  it("refuses a signer without a seat with GovernanceCommitteeNotMember", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, deadline } = await reviewable(w);
    await expect(submit(w, await sign(w, w.alice, draftId, deadline)))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotMember")
      .withArgs(w.alice.address);
    expect(await w.committee.approvalCount(draftId)).to.equal(0n);
  });

  it("refuses an approval of another revision with GovernanceCommitteeStaleRevision, and one signed before a revision", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, p, deadline } = await reviewable(w);
    await expect(submit(w, await sign(w, w.c[0], draftId, deadline, 2n)))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeStaleRevision")
      .withArgs(draftId, 2n, 1n);
    const before = await sign(w, w.c[1], draftId, deadline, 1n);
    await w.committee
      .connect(w.alice)
      .reviseDraft(draftId, p.targets, p.values, p.calldatas, p.description + " (revised)", "typo");
    await expect(submit(w, before))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeStaleRevision")
      .withArgs(draftId, 1n, 2n);
    expect((await w.committee.getDraft(draftId)).approvals).to.equal(0n);
  });

  it("refuses an approval after its deadline with GovernanceCommitteeApprovalExpired; at the deadline it counts", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId } = await reviewable(w);
    const now = BigInt(await time.latest());
    const expired = await sign(w, w.c[0], draftId, now);
    await expect(submit(w, expired))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeApprovalExpired")
      .withArgs(now);
    expect(await w.committee.approvalCount(draftId)).to.equal(0n);
    const atDeadline = await sign(w, w.c[0], draftId, now + 5n);
    await time.setNextBlockTimestamp(now + 5n);
    await expect(submit(w, atDeadline)).to.emit(w.committee, "DraftApproved").withArgs(draftId, w.c[0].address, 1n, 1n);
  });

  it("refuses a signature by someone else, or for another draft or deadline, with GovernanceCommitteeInvalidSignature", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, p } = await reviewable(w);
    const other = await submitDraft(w.committee, w.bob, p);
    await travelPast(await w.committee.discussionEndsAt(other));
    const deadline = BigInt(await time.latest()) + DAY;
    // c[1] signs, claiming to be c[0].
    const forged = await sign(w, w.c[1], draftId, deadline, 1n, w.c[0].address);
    await expect(submit(w, forged))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidSignature")
      .withArgs(w.c[0].address);
    // c[0]'s signature for draft `other`, submitted for `draftId`; and with another deadline.
    const forOther = await sign(w, w.c[0], other, deadline);
    await expect(submit(w, { ...forOther, draftId }))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidSignature")
      .withArgs(w.c[0].address);
    await expect(submit(w, { ...forOther, deadline: deadline + 1n }))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidSignature")
      .withArgs(w.c[0].address);
    await expect(submit(w, { ...forOther, signature: "0x1234" }))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidSignature")
      .withArgs(w.c[0].address);
    expect(await w.committee.approvalCount(draftId)).to.equal(0n);
    expect(await w.committee.approvalCount(other)).to.equal(0n);
  });

  it("refuses a replay of the same signature with GovernanceCommitteeAlreadyApproved", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, deadline } = await reviewable(w);
    const a = await sign(w, w.c[0], draftId, deadline);
    await submit(w, a);
    await expect(submit(w, a))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeAlreadyApproved")
      .withArgs(draftId, w.c[0].address);
    expect(await w.committee.approvalCount(draftId)).to.equal(1n);
  });

  it("after a seat change resets approvals, an old signature counts again only until its deadline", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId } = await reviewable(w);
    const deadline = BigInt(await time.latest()) + 3_600n;
    const a = await sign(w, w.c[0], draftId, deadline);
    await submit(w, a);
    const dao = await impersonate(w.timelockAddress);
    await w.committee.connect(dao).replaceMember(w.c[4].address, w.bob.address);
    expect(await w.committee.approvalCount(draftId)).to.equal(0n);
    // Before the deadline the reset lets the same signature count again (the member still holds a seat) ...
    await expect(submit(w, a)).to.emit(w.committee, "DraftApproved").withArgs(draftId, w.c[0].address, 1n, 1n);
    await w.committee.connect(dao).replaceMember(w.bob.address, w.c[4].address);
    expect(await w.committee.approvalCount(draftId)).to.equal(0n);
    // ... after it, never.
    await travelPast(deadline);
    await expect(submit(w, a))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeApprovalExpired")
      .withArgs(deadline);
    expect(await w.committee.approvalCount(draftId)).to.equal(0n);
  });

  it("a contract wallet seat (ERC-1271) approves with its owner's signature; another key is refused", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, deadline } = await reviewable(w);
    const wallet = await new MockERC1271Issuer__factory(w.deployer).deploy(w.carol.address);
    const dao = await impersonate(w.timelockAddress);
    await w.committee.connect(dao).replaceMember(w.c[4].address, await wallet.getAddress());
    const walletAddress = await wallet.getAddress();
    const wrongKey = await sign(w, w.dave, draftId, deadline, 1n, walletAddress);
    await expect(submit(w, wrongKey))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidSignature")
      .withArgs(walletAddress);
    await expect(submit(w, await sign(w, w.carol, draftId, deadline, 1n, walletAddress)))
      .to.emit(w.committee, "DraftApproved")
      .withArgs(draftId, walletAddress, 1n, 1n);
    expect((await w.committee.getDraft(draftId)).approvals).to.equal(0b10000n); // seat 5
  });

  it("multicall(3 signed approvals + propose) puts the draft to the vote in one transaction: the same proposal as 4 transactions", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, p } = await reviewable(w);
    await approveDraft(w.committee, w.c.slice(0, 3), draftId);
    const viaTransactions = await putToVote(w.committee, w.alice, draftId, p);

    const v = await loadFixture(delegatedFixture);
    const r = await reviewable(v);
    const approvals = [];
    for (const m of v.c.slice(0, 3)) approvals.push(await sign(v, m, r.draftId, r.deadline));
    const { proposalId } = await proposeWithSignedApprovals(v.committee, v.outsider, r.draftId, r.p, approvals);
    expect(proposalId).to.equal(viaTransactions);
    expect(await v.governor.state(proposalId)).to.equal(State.Pending);
    const d = await v.committee.getDraft(r.draftId);
    expect([d.status, d.approvals, d.proposalId]).to.deep.equal([2n, 0b111n, proposalId]);
  });

  it("a multicall with one bad approval changes nothing (all or nothing)", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, p, deadline } = await reviewable(w);
    const good = [await sign(w, w.c[0], draftId, deadline), await sign(w, w.c[1], draftId, deadline)];
    const forged = await sign(w, w.c[3], draftId, deadline, 1n, w.c[2].address);
    const propose = w.committee.interface.encodeFunctionData("propose", [
      draftId,
      p.targets,
      p.values,
      p.calldatas,
      p.description,
    ]);
    const calls = [...good, forged].map((a) => approvalCall(w.committee, a));
    await expect(w.committee.connect(w.outsider).multicall([...calls, propose]))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidSignature")
      .withArgs(w.c[2].address);
    // Two approvals are short of the quorum: propose fails, and the approvals before it are undone too.
    await expect(w.committee.connect(w.outsider).multicall([...calls.slice(0, 2), propose]))
      .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
      .withArgs(draftId, 2n, 3n);
    const d = await w.committee.getDraft(draftId);
    expect([d.status, d.approvals, d.proposalId]).to.deep.equal([1n, 0n, 0n]);
  });

  it("the SDK refuses approvals signed for another draft before sending", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId, p, deadline } = await reviewable(w);
    const a = await sign(w, w.c[0], draftId + 1n, deadline);
    await expect(proposeWithSignedApprovals(w.committee, w.outsider, draftId, p, [a])).to.be.rejectedWith(
      `the approval of ${w.c[0].address} is for draft ${draftId + 1n}`,
    );
  });

  it("the SDK explains an expired approval with what to do next", async () => {
    const w = await loadFixture(delegatedFixture);
    const { draftId } = await reviewable(w);
    const now = BigInt(await time.latest());
    const error = await submit(w, await sign(w, w.c[0], draftId, now)).catch((e: unknown) => e);
    expect(await explainRevert(error, ethers.provider)).to.equal(
      `GovernanceCommitteeApprovalExpired(${now}): ${HINTS.GovernanceCommitteeApprovalExpired}`,
    );
  });
});
