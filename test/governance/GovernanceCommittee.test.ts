import { expect } from "chai";
import type { FunctionFragment } from "ethers";
import hre, { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { GovernanceCommittee__factory } from "../../typechain-types";
import {
  DAY,
  State,
  Support,
  action,
  approveDraft,
  currentParams,
  delegatedFixture,
  execute,
  grant,
  impersonate,
  passAsDao,
  proposalActions,
  putToVote,
  stateBitmap,
  submitDraft,
  toActive,
  tokens,
  travelPast,
  voteAndQueue,
  worldFixture,
  type Proposal,
  type World,
} from "./helpers";

const Draft = { None: 0n, Open: 1n, Proposed: 2n, Withdrawn: 3n } as const;
const THRESHOLD = tokens(100_000);

async function sample(w: World, description = "Grant 1 BTMG to the outsider"): Promise<Proposal> {
  return grant(w, w.outsider.address, tokens(1), description);
}

/** A draft by alice whose discussion period is over. */
async function reviewableDraft(w: World): Promise<{ draftId: bigint; p: Proposal }> {
  const p = await sample(w);
  const draftId = await submitDraft(w.committee, w.alice, p);
  await travelPast(await w.committee.discussionEndsAt(draftId));
  return { draftId, p };
}

/** A queued proposal (voted by alice..dave) and its id. */
async function queuedProposal(w: World, description = "Grant to be disputed"): Promise<bigint> {
  const id = await toActive(w, await sample(w, description));
  await voteAndQueue(w, id);
  return id;
}

describe("GovernanceCommittee", () => {
  describe("seats", () => {
    it("has exactly 5 members, the configured ones", async () => {
      const w = await loadFixture(worldFixture);
      expect(await w.committee.SEATS()).to.equal(5n);
      const members = await w.committee.members();
      expect(members).to.deep.equal(w.c.map((s) => s.address));
      for (const m of w.c) expect(await w.committee.isMember(m.address)).to.equal(true);
      for (const s of [w.deployer, w.alice, w.agent, w.timelock]) {
        expect(await w.committee.isMember(await s.getAddress())).to.equal(false);
      }
      expect(await w.committee.isMember(ethers.ZeroAddress)).to.equal(false);
    });

    it("initialize refuses a zero member, a duplicate member and zero contract addresses", async () => {
      const w = await loadFixture(worldFixture);
      const factory = new GovernanceCommittee__factory(w.deployer);
      const impl = await factory.deploy();
      const addrs = [
        w.timelockAddress,
        await w.constitution.getAddress(),
        await w.token.getAddress(),
        await w.governor.getAddress(),
      ];
      const members = w.c.map((s) => s.address);
      const deploy = (a: string[], m: string[]) =>
        upgrades.deployProxy(factory, [a[0], a[1], a[2], a[3], m], { kind: "uups" });
      await expect(
        deploy(addrs, [members[0], members[1], ethers.ZeroAddress, members[3], members[4]]),
      ).to.be.revertedWithCustomError(impl, "GovernanceCommitteeZeroAddress");
      await expect(deploy(addrs, [members[0], members[1], members[2], members[3], members[1]]))
        .to.be.revertedWithCustomError(impl, "GovernanceCommitteeAlreadyMember")
        .withArgs(members[1]);
      for (const i of [1, 2, 3]) {
        const bad = [...addrs];
        bad[i] = ethers.ZeroAddress;
        await expect(deploy(bad, members)).to.be.revertedWithCustomError(impl, "GovernanceCommitteeZeroAddress");
      }
      const ok = GovernanceCommittee__factory.connect(await (await deploy(addrs, members)).getAddress(), w.deployer);
      expect(await ok.members()).to.deep.equal(members);
      expect(await ok.owner()).to.equal(w.timelockAddress);
    });

    it("replaceMember is DAO-only", async () => {
      const w = await loadFixture(worldFixture);
      for (const s of [w.c[0], w.alice, w.deployer]) {
        await expect(w.committee.connect(s).replaceMember(w.c[1].address, s.address))
          .to.be.revertedWithCustomError(w.committee, "OwnableUnauthorizedAccount")
          .withArgs(s.address);
      }
      expect(await w.committee.members()).to.deep.equal(w.c.map((s) => s.address));
    });

    it("replaceMember refuses a non-member, the zero address and an existing member", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.committee.connect(dao).replaceMember(w.alice.address, w.bob.address))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotMember")
        .withArgs(w.alice.address);
      await expect(
        w.committee.connect(dao).replaceMember(w.c[0].address, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeZeroAddress");
      await expect(w.committee.connect(dao).replaceMember(w.c[0].address, w.c[1].address))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeAlreadyMember")
        .withArgs(w.c[1].address);
      await expect(w.committee.connect(dao).replaceMember(w.c[0].address, w.c[0].address))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeAlreadyMember")
        .withArgs(w.c[0].address);
      expect(await w.committee.members()).to.deep.equal(w.c.map((s) => s.address));
    });

    it("replacing a member keeps the seat and the count at 5; no function can add a sixth member", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.committee.connect(dao).replaceMember(w.c[2].address, w.alice.address))
        .to.emit(w.committee, "MemberReplaced")
        .withArgs(2n, w.c[2].address, w.alice.address);
      const expected = w.c.map((s) => s.address);
      expected[2] = w.alice.address;
      expect(await w.committee.members()).to.deep.equal(expected);
      expect(await w.committee.isMember(w.c[2].address)).to.equal(false);
      expect(await w.committee.isMember(w.alice.address)).to.equal(true);
      // The former member can come back to a seat (replacing someone), never in addition.
      await w.committee.connect(dao).replaceMember(w.c[4].address, w.c[2].address);
      expect((await w.committee.members()).length).to.equal(5);
      expect(new Set(await w.committee.members()).size).to.equal(5);
      // The whole state-changing ABI: the only seat-changing function is replaceMember (multicall only calls these).
      const mutating = w.committee.interface.fragments
        .filter((f): f is FunctionFragment => f.type === "function")
        .filter((f) => f.stateMutability !== "view" && f.stateMutability !== "pure")
        .map((f) => f.name)
        .sort();
      expect(mutating).to.deep.equal(
        [
          "approveDraft",
          "approveDraftBySig",
          "backDraft",
          "comment",
          "initialize",
          "multicall",
          "propose",
          "replaceMember",
          "reviseDraft",
          "submitDraft",
          "supportHold",
          "transferOwnership",
          "upgradeToAndCall",
          "withdrawDraft",
        ].sort(),
      );
    });

    it("a seat change voids pending approvals (approvalCount drops to 0)", async () => {
      const w = await loadFixture(delegatedFixture);
      const { draftId, p } = await reviewableDraft(w);
      await approveDraft(w.committee, [w.c[0], w.c[1]], draftId);
      expect(await w.committee.approvalCount(draftId)).to.equal(2n);
      const dao = await impersonate(w.timelockAddress);
      await w.committee.connect(dao).replaceMember(w.c[4].address, w.bob.address);
      expect(await w.committee.approvalCount(draftId)).to.equal(0n);
      // One more approval does not reach the quorum with the two voided ones.
      await w.committee.connect(w.c[2]).approveDraft(draftId, 1n);
      expect(await w.committee.approvalCount(draftId)).to.equal(1n);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
        .withArgs(draftId, 1n, 3n);
      // Earlier approvers may approve again under the new seat set.
      await w.committee.connect(w.c[0]).approveDraft(draftId, 1n);
      await w.committee.connect(w.bob).approveDraft(draftId, 1n);
      expect(await w.committee.approvalCount(draftId)).to.equal(3n);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description)).to.emit(
        w.committee,
        "DraftProposed",
      );
    });
  });

  describe("drafts", () => {
    it("submitDraft anchors the content and emits it in full", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      await expect(w.committee.connect(w.alice).submitDraft(p.targets, p.values, p.calldatas, p.description))
        .to.emit(w.committee, "DraftSubmitted")
        .withArgs(1n, w.alice.address, p.targets, p.values, p.calldatas, p.description);
      const now = BigInt(await time.latest());
      const d = await w.committee.getDraft(1n);
      expect(d.author).to.equal(w.alice.address);
      expect(d.revision).to.equal(1n);
      expect(d.revisedAt).to.equal(now);
      expect(d.status).to.equal(Draft.Open);
      expect(d.contentHash).to.equal(await w.committee.hashContent(p.targets, p.values, p.calldatas, p.description));
      expect(d.contentHash).to.equal(
        ethers.keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(
            ["address[]", "uint256[]", "bytes[]", "string"],
            [p.targets, p.values, p.calldatas, p.description],
          ),
        ),
      );
      expect(await w.committee.draftCount()).to.equal(1n);
      expect(await w.committee.discussionEndsAt(1n)).to.equal(now + 2n * DAY);
    });

    it("refuses a drafter below the threshold with InsufficientVotes(account, votes, threshold)", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      // No tokens at all.
      await expect(w.committee.connect(w.outsider).submitDraft(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInsufficientVotes")
        .withArgs(w.outsider.address, 0n, THRESHOLD);
      // One wei short.
      await w.token.connect(w.alice).transfer(w.outsider.address, THRESHOLD - 1n);
      await w.token.connect(w.outsider).delegate(w.outsider.address);
      await time.increase(1);
      await expect(w.committee.connect(w.outsider).submitDraft(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInsufficientVotes")
        .withArgs(w.outsider.address, THRESHOLD - 1n, THRESHOLD);
      // A holder who never delegated has no voting power either.
      await w.token.connect(w.alice).transfer(w.signers[12].address, THRESHOLD * 10n);
      await expect(w.committee.connect(w.signers[12]).submitDraft(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInsufficientVotes")
        .withArgs(w.signers[12].address, 0n, THRESHOLD);
      expect(await w.committee.draftCount()).to.equal(0n);
      // Exactly at the threshold is enough.
      await w.token.connect(w.alice).transfer(w.outsider.address, 1n);
      await time.increase(1);
      await expect(
        w.committee.connect(w.outsider).submitDraft(p.targets, p.values, p.calldatas, p.description),
      ).to.emit(w.committee, "DraftSubmitted");
    });

    it("tokens acquired in the same second do not count towards the draft threshold", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      const buyer = w.signers[13];
      await hre.network.provider.send("evm_setAutomine", [false]);
      try {
        await w.token.connect(w.alice).transfer(buyer.address, THRESHOLD, { gasLimit: 300_000 });
        await w.token.connect(buyer).delegate(buyer.address, { gasLimit: 300_000 });
        // In the pending block (same timestamp as the purchase) the draft is refused...
        await expect(
          w.committee
            .connect(buyer)
            .submitDraft.staticCall(p.targets, p.values, p.calldatas, p.description, { blockTag: "pending" }),
        )
          .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInsufficientVotes")
          .withArgs(buyer.address, 0n, THRESHOLD);
        // ...and a transaction mined in the same block as the purchase fails.
        const tx = await w.committee
          .connect(buyer)
          .submitDraft(p.targets, p.values, p.calldatas, p.description, { gasLimit: 1_000_000 });
        await hre.network.provider.send("evm_mine", []);
        const receipt = await ethers.provider.getTransactionReceipt(tx.hash);
        expect(receipt?.status).to.equal(0);
      } finally {
        await hre.network.provider.send("evm_setAutomine", [true]);
      }
      expect(await w.token.getVotes(buyer.address)).to.equal(THRESHOLD);
      expect(await w.committee.draftCount()).to.equal(0n);
      // One second later the same holder may draft.
      await time.increase(1);
      await expect(w.committee.connect(buyer).submitDraft(p.targets, p.values, p.calldatas, p.description)).to.emit(
        w.committee,
        "DraftSubmitted",
      );
    });

    it("refuses empty or mismatched actions (GovernanceCommitteeInvalidActions)", async () => {
      const w = await loadFixture(delegatedFixture);
      const t = await w.token.getAddress();
      const cases: [string[], bigint[], string[]][] = [
        [[], [], []],
        [[t], [0n, 0n], ["0x"]],
        [[t], [0n], []],
        [[t, t], [0n], ["0x"]],
      ];
      for (const [targets, values, calldatas] of cases) {
        await expect(w.committee.connect(w.alice).submitDraft(targets, values, calldatas, "bad"))
          .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidActions")
          .withArgs(targets.length, values.length, calldatas.length);
      }
      const draftId = await submitDraft(w.committee, w.alice, await sample(w));
      await expect(w.committee.connect(w.alice).reviseDraft(draftId, [t], [], ["0x"], "bad", "note"))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeInvalidActions")
        .withArgs(1n, 0n, 1n);
      expect(await w.committee.draftCount()).to.equal(1n);
      expect((await w.committee.getDraft(draftId)).revision).to.equal(1n);
    });

    it("anyone comments, at any stage, with the current revision in the event", async () => {
      const w = await loadFixture(delegatedFixture);
      const { draftId, p } = await reviewableDraft(w);
      const h = ethers.id("a comment");
      await expect(w.committee.connect(w.outsider).comment(draftId, h, "ipfs://c1"))
        .to.emit(w.committee, "DraftCommented")
        .withArgs(draftId, w.outsider.address, 1n, h, "ipfs://c1");
      await w.committee
        .connect(w.alice)
        .reviseDraft(draftId, p.targets, p.values, p.calldatas, p.description + "!", "typo");
      await expect(w.committee.connect(w.c[0]).comment(draftId, h, "ipfs://c2"))
        .to.emit(w.committee, "DraftCommented")
        .withArgs(draftId, w.c[0].address, 2n, h, "ipfs://c2");
      await expect(w.committee.comment(99n, h, "x"))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeUnknownDraft")
        .withArgs(99n);
    });

    it("only the author revises; a revision bumps the number, restarts the discussion clock and voids approvals", async () => {
      const w = await loadFixture(delegatedFixture);
      const { draftId, p } = await reviewableDraft(w);
      await approveDraft(w.committee, [w.c[0], w.c[1]], draftId);
      expect(await w.committee.approvalCount(draftId)).to.equal(2n);

      const p2 = { ...p, description: p.description + " (revised)" };
      await expect(
        w.committee.connect(w.bob).reviseDraft(draftId, p2.targets, p2.values, p2.calldatas, p2.description, "x"),
      )
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotAuthor")
        .withArgs(draftId, w.bob.address);
      expect((await w.committee.getDraft(draftId)).revision).to.equal(1n);

      await expect(
        w.committee.connect(w.alice).reviseDraft(draftId, p2.targets, p2.values, p2.calldatas, p2.description, "note"),
      )
        .to.emit(w.committee, "DraftRevised")
        .withArgs(draftId, 2n, p2.targets, p2.values, p2.calldatas, p2.description, "note");
      const revisedAt = BigInt(await time.latest());
      const d = await w.committee.getDraft(draftId);
      expect(d.revision).to.equal(2n);
      expect(d.revisedAt).to.equal(revisedAt);
      expect(d.approvals).to.equal(0n);
      expect(d.contentHash).to.equal(
        await w.committee.hashContent(p2.targets, p2.values, p2.calldatas, p2.description),
      );
      expect(await w.committee.approvalCount(draftId)).to.equal(0n);
      const endsAt = revisedAt + 2n * DAY;
      expect(await w.committee.discussionEndsAt(draftId)).to.equal(endsAt);

      // Approving now: the discussion restarted.
      await expect(w.committee.connect(w.c[2]).approveDraft(draftId, 2n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDiscussionOngoing")
        .withArgs(draftId, endsAt);
      // Approving the old revision: stale.
      await expect(w.committee.connect(w.c[2]).approveDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeStaleRevision")
        .withArgs(draftId, 1n, 2n);
      // One second before the end: still ongoing; at the end: allowed.
      await time.setNextBlockTimestamp(endsAt - 1n);
      await expect(w.committee.connect(w.c[2]).approveDraft(draftId, 2n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDiscussionOngoing")
        .withArgs(draftId, endsAt);
      await time.setNextBlockTimestamp(endsAt);
      await expect(w.committee.connect(w.c[2]).approveDraft(draftId, 2n))
        .to.emit(w.committee, "DraftApproved")
        .withArgs(draftId, w.c[2].address, 2n, 1n);
      // The old content no longer matches.
      await approveDraft(w.committee, [w.c[3], w.c[4]], draftId);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeContentMismatch")
        .withArgs(draftId);
      expect((await w.committee.getDraft(draftId)).status).to.equal(Draft.Open);
    });

    it("approvals: members only, once each", async () => {
      const w = await loadFixture(delegatedFixture);
      const { draftId } = await reviewableDraft(w);
      await expect(w.committee.connect(w.alice).approveDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotMember")
        .withArgs(w.alice.address);
      await expect(w.committee.connect(w.c[0]).approveDraft(draftId, 1n))
        .to.emit(w.committee, "DraftApproved")
        .withArgs(draftId, w.c[0].address, 1n, 1n);
      await expect(w.committee.connect(w.c[0]).approveDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeAlreadyApproved")
        .withArgs(draftId, w.c[0].address);
      expect(await w.committee.approvalCount(draftId)).to.equal(1n);
      await expect(w.committee.connect(w.c[1]).approveDraft(99n, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeUnknownDraft")
        .withArgs(99n);
    });

    it("propose: refuses wrong content, missing quorum and ongoing discussion; then puts the draft to the vote once", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      const draftId = await submitDraft(w.committee, w.alice, p);
      const endsAt = await w.committee.discussionEndsAt(draftId);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDiscussionOngoing")
        .withArgs(draftId, endsAt);
      await travelPast(endsAt);
      await approveDraft(w.committee, [w.c[0], w.c[1]], draftId);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
        .withArgs(draftId, 2n, 3n);
      await w.committee.connect(w.c[4]).approveDraft(draftId, 1n);
      for (const bad of [
        { ...p, description: p.description + " " },
        { ...p, values: [1n] },
        { ...p, targets: [w.alice.address] },
        { ...p, calldatas: ["0x"] },
      ]) {
        await expect(w.committee.propose(draftId, bad.targets, bad.values, bad.calldatas, bad.description))
          .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeContentMismatch")
          .withArgs(draftId);
      }
      expect(await w.governor.latestProposalId()).to.equal(0n);

      await expect(w.committee.connect(w.outsider).propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.emit(w.committee, "DraftProposed")
        .withArgs(draftId, 1n, 1n, false)
        .and.to.emit(w.governor, "ProposalCreated");
      const d = await w.committee.getDraft(draftId);
      expect(d.status).to.equal(Draft.Proposed);
      expect(d.proposalId).to.equal(1n);
      const a = await proposalActions(w.governor, 1n);
      expect(a.description).to.equal(`${p.description}\n\n[BytomDAO draft #${draftId} revision 1]`);
      expect(a.targets).to.deep.equal(p.targets);
      expect(await w.governor.proposalProposer(1n)).to.equal(await w.committee.getAddress());
      expect(await w.governor.state(1n)).to.equal(State.Pending);

      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Proposed);
      await expect(w.committee.connect(w.c[3]).approveDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Proposed);
      await expect(w.committee.connect(w.alice).reviseDraft(draftId, p.targets, p.values, p.calldatas, "x", "y"))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Proposed);
      expect(await w.governor.latestProposalId()).to.equal(1n);
    });

    it("two drafts with identical content become two distinct proposals", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      const d1 = await submitDraft(w.committee, w.alice, p);
      const d2 = await submitDraft(w.committee, w.bob, p);
      await travelPast(await w.committee.discussionEndsAt(d2));
      await approveDraft(w.committee, w.c.slice(0, 3), d1);
      await approveDraft(w.committee, w.c.slice(0, 3), d2);
      expect(await putToVote(w.committee, w.alice, d1, p)).to.equal(1n);
      expect(await putToVote(w.committee, w.bob, d2, p)).to.equal(2n);
    });

    it("withdrawDraft: author only, then the draft is closed", async () => {
      const w = await loadFixture(delegatedFixture);
      const { draftId, p } = await reviewableDraft(w);
      await w.committee.connect(w.c[0]).approveDraft(draftId, 1n);
      await expect(w.committee.connect(w.c[0]).withdrawDraft(draftId))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotAuthor")
        .withArgs(draftId, w.c[0].address);
      expect((await w.committee.getDraft(draftId)).status).to.equal(Draft.Open);
      await expect(w.committee.connect(w.alice).withdrawDraft(draftId))
        .to.emit(w.committee, "DraftWithdrawn")
        .withArgs(draftId);
      expect((await w.committee.getDraft(draftId)).status).to.equal(Draft.Withdrawn);
      await expect(w.committee.connect(w.alice).withdrawDraft(draftId))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Withdrawn);
      await approveDraft(w.committee, [], draftId);
      await expect(w.committee.connect(w.c[1]).approveDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Withdrawn);
      await expect(w.committee.connect(w.alice).backDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Withdrawn);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDraftNotOpen")
        .withArgs(draftId, Draft.Withdrawn);
      await expect(w.committee.getDraft(0n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeUnknownDraft")
        .withArgs(0n);
      expect(await w.governor.latestProposalId()).to.equal(0n);
    });
  });

  describe("citizens' initiative", () => {
    it("threshold is 10% of (supply - treasury) at the revision's timepoint", async () => {
      const w = await loadFixture(delegatedFixture);
      const draftId = await submitDraft(w.committee, w.alice, await sample(w));
      const t = (await w.committee.getDraft(draftId)).revisedAt - 1n;
      const supply = (await w.token.getPastTotalSupply(t)) - (await w.token.getPastBalanceOf(w.timelockAddress, t));
      expect(await w.committee.initiativeThreshold(draftId)).to.equal((supply * 1000n) / 10_000n);
      expect(await w.committee.initiativeThreshold(draftId)).to.equal(tokens(60_000_000));
    });

    it("backing counts each backer once at the revision's timepoint; reaching the threshold sends the draft to vote", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      const draftId = await submitDraft(w.committee, w.bob, p);
      // Tokens acquired after the revision weigh nothing.
      await w.token.connect(w.alice).transfer(w.outsider.address, tokens(70_000_000));
      await w.token.connect(w.outsider).delegate(w.outsider.address);
      await time.increase(1);
      expect(await w.token.getVotes(w.outsider.address)).to.equal(tokens(70_000_000));
      await expect(w.committee.connect(w.outsider).backDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNoVotingPower")
        .withArgs(w.outsider.address);
      // Alice sold 70M after the revision: she still backs with her 100M at the revision's timepoint.
      await expect(w.committee.connect(w.c[0]).backDraft(draftId, 1n))
        .to.emit(w.committee, "DraftBacked")
        .withArgs(draftId, w.c[0].address, 1n, tokens(40_000_000), tokens(40_000_000));
      await expect(w.committee.connect(w.c[0]).backDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeAlreadyBacked")
        .withArgs(draftId, w.c[0].address);
      await expect(w.committee.connect(w.c[1]).backDraft(draftId, 2n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeStaleRevision")
        .withArgs(draftId, 2n, 1n);
      expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(tokens(40_000_000));

      await travelPast(await w.committee.discussionEndsAt(draftId));
      // 40M < 60M and no approvals.
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
        .withArgs(draftId, 0n, 3n);
      await expect(w.committee.connect(w.alice).backDraft(draftId, 1n))
        .to.emit(w.committee, "DraftBacked")
        .withArgs(draftId, w.alice.address, 1n, tokens(100_000_000), tokens(140_000_000));
      expect(await w.committee.approvalCount(draftId)).to.equal(0n);
      await expect(w.committee.connect(w.outsider).propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.emit(w.committee, "DraftProposed")
        .withArgs(draftId, 1n, 1n, true);
      expect(await w.governor.state(1n)).to.equal(State.Pending);
    });

    it("exactly the threshold is enough; one wei less is not", async () => {
      const w = await loadFixture(delegatedFixture);
      // A backer with exactly 60M votes.
      const backer = w.signers[14];
      await w.token.connect(w.alice).transfer(backer.address, tokens(60_000_000) - 1n);
      await w.token.connect(backer).delegate(backer.address);
      await time.increase(1);
      const p = await sample(w);
      const draftId = await submitDraft(w.committee, w.bob, p);
      await w.committee.connect(backer).backDraft(draftId, 1n);
      await travelPast(await w.committee.discussionEndsAt(draftId));
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
        .withArgs(draftId, 0n, 3n);
      // Top up by 1 wei through a second revision's backing: revise, back with 60M exactly.
      await w.token.connect(w.alice).transfer(backer.address, 1n);
      await time.increase(1);
      await w.committee.connect(w.bob).reviseDraft(draftId, p.targets, p.values, p.calldatas, p.description, "same");
      expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(0n);
      await w.committee.connect(backer).backDraft(draftId, 2n);
      expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(tokens(60_000_000));
      expect(await w.committee.initiativeThreshold(draftId)).to.equal(tokens(60_000_000));
      await travelPast(await w.committee.discussionEndsAt(draftId));
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.emit(w.committee, "DraftProposed")
        .withArgs(draftId, 1n, 2n, true);
    });

    it("a revision resets backing; backers may back the new revision", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await sample(w);
      const draftId = await submitDraft(w.committee, w.bob, p);
      await w.committee.connect(w.alice).backDraft(draftId, 1n);
      expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(tokens(100_000_000));
      await w.committee.connect(w.bob).reviseDraft(draftId, p.targets, p.values, p.calldatas, p.description + "2", "n");
      expect((await w.committee.getDraft(draftId)).initiativeSupport).to.equal(0n);
      await expect(w.committee.connect(w.alice).backDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeStaleRevision")
        .withArgs(draftId, 1n, 2n);
      await travelPast(await w.committee.discussionEndsAt(draftId));
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description + "2"))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
        .withArgs(draftId, 0n, 3n);
      await expect(w.committee.connect(w.alice).backDraft(draftId, 2n))
        .to.emit(w.committee, "DraftBacked")
        .withArgs(draftId, w.alice.address, 2n, tokens(100_000_000), tokens(100_000_000));
    });
  });

  describe("disputes", () => {
    it("supportHold: members only, Queued proposals only", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await toActive(w, await sample(w));
      await expect(w.committee.connect(w.alice).supportHold(id))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotMember")
        .withArgs(w.alice.address);
      await expect(w.committee.connect(w.c[0]).supportHold(id))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeProposalNotQueued")
        .withArgs(id);
      for (const v of [w.alice, w.bob, w.carol, w.dave]) await w.governor.connect(v).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      expect(await w.governor.state(id)).to.equal(State.Succeeded);
      await expect(w.committee.connect(w.c[0]).supportHold(id))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeProposalNotQueued")
        .withArgs(id);
      await expect(w.committee.connect(w.c[0]).supportHold(999n)).to.be.revertedWithCustomError(
        w.governor,
        "GovernorNonexistentProposal",
      );
      expect(await w.governor.proposalHeldUntil(id)).to.equal(0n);
    });

    it("reviewQuorum supporters hold a queued proposal; execution waits for the hold to end, then succeeds", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await queuedProposal(w);
      await expect(w.committee.connect(w.c[0]).supportHold(id))
        .to.emit(w.committee, "HoldSupported")
        .withArgs(id, w.c[0].address, 1n);
      await expect(w.committee.connect(w.c[0]).supportHold(id))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeAlreadySupportedHold")
        .withArgs(id, w.c[0].address);
      await w.committee.connect(w.c[1]).supportHold(id);
      expect(await w.governor.proposalHeldUntil(id)).to.equal(0n);
      const tx = w.committee.connect(w.c[2]).supportHold(id);
      await expect(tx).to.emit(w.committee, "HoldSupported").withArgs(id, w.c[2].address, 3n);
      const until = BigInt(await time.latest()) + 3n * DAY;
      await expect(tx).to.emit(w.governor, "ProposalHeld").withArgs(id, until);
      expect(await w.governor.proposalHeldUntil(id)).to.equal(until);
      expect(await w.governor.state(id)).to.equal(State.Queued);

      // The timelock delay is over, but the hold is not.
      await travelPast(await w.governor.proposalEta(id));
      const balanceBefore = await w.token.balanceOf(w.outsider.address);
      await expect(execute(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorProposalOnHold")
        .withArgs(id, until);
      // A fourth supporter is refused: a proposal is held once only; nothing changes.
      await expect(w.committee.connect(w.c[3]).supportHold(id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorAlreadyHeld")
        .withArgs(id);
      expect(await w.governor.proposalHeldUntil(id)).to.equal(until);

      // One second before the hold ends (mined, explicit gas: no estimation on another timestamp).
      const a = await proposalActions(w.governor, id);
      await time.setNextBlockTimestamp(until - 1n);
      await expect(
        w.governor
          .connect(w.alice)
          .execute(a.targets, a.values, a.calldatas, a.descriptionHash, { gasLimit: 2_000_000 }),
      )
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorProposalOnHold")
        .withArgs(id, until);
      expect(BigInt(await time.latest())).to.equal(until - 1n);
      expect(await w.token.balanceOf(w.outsider.address)).to.equal(balanceBefore);
      expect(await w.governor.state(id)).to.equal(State.Queued);

      await time.setNextBlockTimestamp(until);
      await expect(execute(w.governor, w.alice, id))
        .to.emit(w.governor, "ProposalExecuted")
        .withArgs(id);
      expect(await w.token.balanceOf(w.outsider.address)).to.equal(balanceBefore + tokens(1));
      expect(await w.governor.state(id)).to.equal(State.Executed);
    });

    it("a proposal can be held only once (BytomGovernorAlreadyHeld), and only through the committee", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await queuedProposal(w);
      await expect(w.governor.connect(w.c[0]).holdProposal(id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyCommittee")
        .withArgs(w.c[0].address);
      for (const m of w.c.slice(0, 3)) await w.committee.connect(m).supportHold(id);
      const until = await w.governor.proposalHeldUntil(id);
      expect(until).to.be.greaterThan(0n);
      // After a seat change the support restarts; the third new supporter would trigger a second hold: refused.
      const dao = await impersonate(w.timelockAddress);
      await w.committee.connect(dao).replaceMember(w.c[4].address, w.bob.address);
      await w.committee.connect(w.c[0]).supportHold(id);
      await w.committee.connect(w.c[1]).supportHold(id);
      await expect(w.committee.connect(w.bob).supportHold(id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorAlreadyHeld")
        .withArgs(id);
      // Directly from the committee's address as well.
      const committee = await impersonate(await w.committee.getAddress());
      await expect(w.governor.connect(committee).holdProposal(id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorAlreadyHeld")
        .withArgs(id);
      expect(await w.governor.proposalHeldUntil(id)).to.equal(until);
      // Non-queued proposals cannot be held even by the committee contract.
      await expect(w.governor.connect(committee).holdProposal(999n)).to.be.revertedWithCustomError(
        w.governor,
        "GovernorNonexistentProposal",
      );
    });

    it("the DAO cancels a held proposal with a new vote; nobody else can", async () => {
      const w = await loadFixture(delegatedFixture);
      // Longest hold, so the proposal is still on hold when the cancelling vote executes.
      const dao = await impersonate(w.timelockAddress);
      await w.constitution.connect(dao).setParameters({ ...(await currentParams(w)), disputeHoldPeriod: 30n * DAY });
      const id = await queuedProposal(w, "Disputed grant");
      for (const m of w.c.slice(0, 3)) await w.committee.connect(m).supportHold(id);
      const until = await w.governor.proposalHeldUntil(id);
      const a = await proposalActions(w.governor, id);
      // The governor salts timelock operations with bytes20(governor) ^ descriptionHash.
      const salt = ethers.toBeHex(BigInt(a.descriptionHash) ^ (BigInt(await w.governor.getAddress()) << 96n), 32);
      const opId = await w.timelock.hashOperationBatch(a.targets, a.values, a.calldatas, ethers.ZeroHash, salt);
      expect(await w.timelock.isOperationPending(opId)).to.equal(true);

      for (const s of [w.alice, w.c[0]]) {
        await expect(w.governor.connect(s).cancel(a.targets, a.values, a.calldatas, a.descriptionHash))
          .to.be.revertedWithCustomError(w.governor, "GovernorUnableToCancel")
          .withArgs(id, s.address);
      }
      const cancel = action(
        await w.governor.getAddress(),
        w.governor.interface.encodeFunctionData("cancel", [a.targets, a.values, a.calldatas, a.descriptionHash]),
        "Cancel the disputed grant",
      );
      const cancelId = await passAsDao(w, cancel);
      expect(BigInt(await time.latest())).to.be.lessThan(until);
      expect(await w.governor.state(cancelId)).to.equal(State.Executed);
      expect(await w.governor.state(id)).to.equal(State.Canceled);
      expect(await w.timelock.isOperation(opId)).to.equal(false);
      await travelPast(until);
      await expect(execute(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Canceled, stateBitmap(State.Queued));
    });
  });
});
