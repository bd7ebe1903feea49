/**
 * Incident replays of issue #12: the mechanism of each real governance incident, replayed against the deployed suite
 * (deploy/ through test/fixtures/deploy.ts), with the exact outcome. Where the suite does not stop an incident, the
 * test shows the limit (see docs/security.md, "Incidents replayed").
 *
 * Fixture figures: supply 1,000M = cap (committee 5 x 40M, alice..dave 4 x 100M, treasury 400M); voting supply
 * 600M; quorum 10% = 60M; initiative threshold 10% = 60M; review quorum 3; discussion 2 days; voting delay 1 hour;
 * voting period 3 days; timelock 2 days; dispute hold 3 days.
 */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { MockERC20__factory } from "../../../typechain-types";
import { encodeAttestationProof, issuerNullifier, signAttestation } from "../../../sdk/executive";
import { deployBytomDAO } from "../../../deploy/deploy";
import { readConfigFile, resolveConfig } from "../../../deploy/config";
import {
  actionsOf,
  activeProposal,
  agentVote,
  agentWorld,
  ballotFor,
  enactNewModel,
  setCap,
  signAgentBallot,
} from "../../agents/helpers";
import {
  DAY,
  IMPLEMENTATION_SLOT,
  State,
  Support,
  action,
  approveDraft,
  currentParams,
  delegatedFixture,
  execute,
  exactVoters,
  grant,
  impersonate,
  proposalActions,
  putToVote,
  queue,
  slotAddress,
  stateBitmap,
  submitDraft,
  toActive,
  tokens,
  travelPast,
  voteAndQueue,
  type Proposal,
  type World,
} from "../helpers";

const M = (n: number): bigint => tokens(n * 1_000_000);
const TREASURY = M(400);

/** A proposal setting the constitution's governance parameters to `params`. */
async function setParametersProposal(
  w: World,
  change: Partial<Awaited<ReturnType<typeof currentParams>>>,
  description: string,
): Promise<Proposal> {
  const params = { ...(await currentParams(w)), ...change };
  return action(
    await w.constitution.getAddress(),
    w.constitution.interface.encodeFunctionData("setParameters", [params]),
    description,
  );
}

/** Votes by every self-delegated holder, queue, then past the eta: ready to execute. */
async function queuedPastEta(w: World, p: Proposal): Promise<bigint> {
  const id = await toActive(w, p);
  await voteAndQueue(w, id);
  await travelPast(await w.governor.proposalEta(id));
  return id;
}

/** The committee's members 0..2 support a hold of queued proposal `id`; returns heldUntil. */
async function hold(w: World, id: bigint): Promise<bigint> {
  for (const m of w.c.slice(0, 3)) await w.committee.connect(m).supportHold(id);
  return w.governor.proposalHeldUntil(id);
}

/** The timelock operation id the governor schedules for proposal `id` (salt = bytes20(governor) ^ descriptionHash). */
async function timelockOperationId(w: World, id: bigint): Promise<string> {
  const a = await proposalActions(w.governor, id);
  const salt = ethers.toBeHex((BigInt(await w.governor.getAddress()) << 96n) ^ BigInt(a.descriptionHash), 32);
  return w.timelock.hashOperationBatch(a.targets, a.values, a.calldatas, ethers.ZeroHash, salt);
}

/** TimelockController.OperationState.Ready as the expectedStates bitmap. */
const READY_BITMAP = ethers.toBeHex(1n << 2n, 32);

describe("incident replays", () => {
  describe("Build Finance (2022): hostile takeover at low turnout", () => {
    it("Build Finance: an accumulated 55M stake cannot reach the vote (no committee approval, initiative 55M < 60M)", async () => {
      const w = await loadFixture(delegatedFixture);
      const [attacker] = await exactVoters(w, [M(55)]);
      const drain = await grant(w, attacker.address, TREASURY, "Build Finance: treasury to the new 'governance'");
      const draftId = await submitDraft(w.committee, attacker, drain);
      await w.committee.connect(attacker).backDraft(draftId, 1n);
      const draft = await w.committee.getDraft(draftId);
      expect(draft.initiativeSupport).to.equal(M(55));
      expect(await w.committee.initiativeThreshold(draftId)).to.equal(M(60));
      await travelPast(await w.committee.discussionEndsAt(draftId));
      await expect(
        w.committee.connect(attacker).propose(draftId, drain.targets, drain.values, drain.calldatas, drain.description),
      )
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeNotApproved")
        .withArgs(draftId, 0n, 3n);
      expect(await w.governor.latestProposalId()).to.equal(0n);
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY);
    });

    it("Build Finance: even put to the vote, 55M 'for' with everyone else absent is below the 60M quorum → Defeated", async () => {
      const w = await loadFixture(delegatedFixture);
      const [attacker] = await exactVoters(w, [M(55)]);
      // The worst case: the committee was fooled and approved the draft.
      const id = await toActive(
        w,
        await grant(w, attacker.address, TREASURY, "Build Finance: low-turnout grab"),
        attacker,
      );
      await w.governor.connect(attacker).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, M(55), 0n]);
      expect(await w.governor.quorum(await w.governor.proposalSnapshot(id))).to.equal(M(60));
      expect(await w.governor.state(id)).to.equal(State.Defeated);
      await expect(queue(w.governor, attacker, id))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Defeated, stateBitmap(State.Succeeded));
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY);
    });

    it("Build Finance (limit): 70M via initiative with everyone absent passes; the committee hold only delays it", async () => {
      const w = await loadFixture(delegatedFixture);
      const [attacker] = await exactVoters(w, [M(70)]);
      const drain = await grant(w, attacker.address, TREASURY, "Build Finance: initiative grab");
      const draftId = await submitDraft(w.committee, attacker, drain);
      await w.committee.connect(attacker).backDraft(draftId, 1n);
      await travelPast(await w.committee.discussionEndsAt(draftId));
      const id = await putToVote(w.committee, attacker, draftId, drain);
      await travelPast(await w.governor.proposalSnapshot(id));
      await w.governor.connect(attacker).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      // Nobody else voted: 100% for, above quorum. The code does not stop a real quorum-sized stake facing no one.
      expect(await w.governor.state(id)).to.equal(State.Succeeded);
      await queue(w.governor, attacker, id);
      const heldUntil = await hold(w, id);
      const eta = await w.governor.proposalEta(id);
      expect(heldUntil > eta).to.equal(true);
      await travelPast(eta);
      await expect(execute(w.governor, attacker, id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorProposalOnHold")
        .withArgs(id, heldUntil);
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY);
      // The hold is once: after it the drain executes unless the DAO cancelled it by then.
      await travelPast(heldUntil);
      await execute(w.governor, attacker, id);
      expect(await w.token.balanceOf(attacker.address)).to.equal(M(70) + TREASURY);
    });
  });

  describe("Compound 62 (2021): a bad parameter passed", () => {
    it("Compound 62: an out-of-bounds parameter passes the vote but its execution reverts ConstitutionParameterOutOfBounds; nothing changes", async () => {
      const w = await loadFixture(delegatedFixture);
      const before = await w.constitution.parameters();
      const id = await queuedPastEta(
        w,
        await setParametersProposal(w, { votingPeriod: 0 }, "Compound 62: votingPeriod 0"),
      );
      await expect(execute(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionParameterOutOfBounds")
        .withArgs("votingPeriod", 0n, 86_400n, 30n * DAY);
      expect(await w.governor.state(id)).to.equal(State.Queued);
      expect(await w.constitution.parameters()).to.deep.equal(before);
    });

    it("Compound 62 (limit): a bad value inside the bounds (quorum at its 2% floor) executes", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await queuedPastEta(w, await setParametersProposal(w, { quorumBps: 200 }, "Compound 62: quorum 2%"));
      await execute(w.governor, w.alice, id);
      expect(await w.governor.state(id)).to.equal(State.Executed);
      expect((await w.constitution.parameters()).quorumBps).to.equal(200n);
    });
  });

  describe("Mango Markets (2022): manipulated collateral votes", () => {
    it("Mango Markets: tokens bought or borrowed after the snapshot vote with weight 0", async () => {
      const w = await loadFixture(delegatedFixture);
      const attacker = w.signers[12];
      await w.token.connect(attacker).delegate(attacker.address);
      const id = await toActive(w, await grant(w, attacker.address, TREASURY, "Mango: repay the 'bad debt'"));
      // After the snapshot: bought from alice, borrowed from bob (the treasury's own tokens never vote).
      await w.token.connect(w.alice).transfer(attacker.address, M(100));
      await w.token.connect(w.bob).transfer(attacker.address, M(100));
      expect(await w.token.getVotes(attacker.address)).to.equal(M(200));
      await expect(w.governor.connect(attacker).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(attacker.address, id, Support.For, 0n, "");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
      // The sellers still vote with their snapshot weight.
      await w.governor.connect(w.alice).castVote(id, Support.Against);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([M(100), 0n, 0n]);
      await travelPast(await w.governor.proposalDeadline(id));
      expect(await w.governor.state(id)).to.equal(State.Defeated);
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY);
    });
  });

  describe("Yam (2020): a passed proposal bricks governance", () => {
    it("Yam: parameters that would make governance impossible execute to ConstitutionParameterOutOfBounds", async () => {
      const w = await loadFixture(delegatedFixture);
      const before = await w.constitution.parameters();
      const supermajority = await queuedPastEta(
        w,
        await setParametersProposal(w, { supermajorityBps: 9600 }, "Yam: supermajority 96%"),
      );
      await expect(execute(w.governor, w.alice, supermajority))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionParameterOutOfBounds")
        .withArgs("supermajorityBps", 9600n, 8000n, 9500n);
      const quorum = await queuedPastEta(w, await setParametersProposal(w, { quorumBps: 5001 }, "Yam: quorum 50.01%"));
      await expect(execute(w.governor, w.alice, quorum))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionParameterOutOfBounds")
        .withArgs("quorumBps", 5001n, 200n, 5000n);
      expect(await w.constitution.parameters()).to.deep.equal(before);
    });

    it("Yam: upgrading the governor to a non-UUPS implementation executes to ERC1967InvalidImplementation", async () => {
      const w = await loadFixture(delegatedFixture);
      const notUups = await (await new MockERC20__factory(w.deployer).deploy()).getAddress();
      const governorAddress = await w.governor.getAddress();
      const implBefore = await slotAddress(governorAddress, IMPLEMENTATION_SLOT);
      const p = action(
        governorAddress,
        w.governor.interface.encodeFunctionData("upgradeToAndCall", [notUups, "0x"]),
        "Yam: upgrade the governor to a token",
      );
      const id = await queuedPastEta(w, p);
      await expect(execute(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.governor, "ERC1967InvalidImplementation")
        .withArgs(notUups);
      expect(await slotAddress(governorAddress, IMPLEMENTATION_SLOT)).to.equal(implBefore);
      expect(await w.governor.state(id)).to.equal(State.Queued);
    });

    it("Yam (limit): a well-formed UUPS upgrade with the wrong code bricks the constitution; the hold only delays it", async () => {
      const w = await loadFixture(delegatedFixture);
      const constitutionAddress = await w.constitution.getAddress();
      // The token's implementation is a valid UUPS implementation: the proxy accepts it as the constitution's code.
      const wrong = w.addresses.GovernanceTokenImplementation;
      const p = action(
        constitutionAddress,
        w.constitution.interface.encodeFunctionData("upgradeToAndCall", [wrong, "0x"]),
        "Yam: 'routine' constitution upgrade",
      );
      const id = await toActive(w, p);
      await voteAndQueue(w, id);
      const heldUntil = await hold(w, id);
      await travelPast(await w.governor.proposalEta(id));
      await expect(execute(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorProposalOnHold")
        .withArgs(id, heldUntil);
      await travelPast(heldUntil);
      await execute(w.governor, w.alice, id);
      expect(await slotAddress(constitutionAddress, IMPLEMENTATION_SLOT)).to.equal(wrong);
      // Governance is bricked: the governor reads its parameters from the constitution.
      await expect(w.constitution.parameters()).to.be.revertedWithoutReason();
      await expect(w.governor.votingDelay()).to.be.revertedWithoutReason();
    });
  });

  describe("Fortress (2022): an oracle set by proposal, then exploited at once", () => {
    it("Fortress: the 'oracle' change cannot execute before its eta, and a committee hold delays it once", async () => {
      const w = await loadFixture(delegatedFixture);
      const registryBefore = await w.constitution.modelRegistry();
      const p = action(
        await w.constitution.getAddress(),
        w.constitution.interface.encodeFunctionData("setModelRegistry", [w.outsider.address]),
        "Fortress: point the model registry (our external truth) at the attacker",
      );
      const id = await toActive(w, p);
      await voteAndQueue(w, id);
      const eta = await w.governor.proposalEta(id);
      await expect(execute(w.governor, w.outsider, id))
        .to.be.revertedWithCustomError(w.timelock, "TimelockUnexpectedOperationState")
        .withArgs(await timelockOperationId(w, id), READY_BITMAP);
      const heldUntil = await hold(w, id);
      expect(heldUntil).to.equal(BigInt(await time.latest()) + 3n * DAY);
      await travelPast(eta);
      await expect(execute(w.governor, w.outsider, id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorProposalOnHold")
        .withArgs(id, heldUntil);
      // Once: a fourth member's support reaches the governor, which refuses a second hold.
      await expect(w.committee.connect(w.c[3]).supportHold(id))
        .to.be.revertedWithCustomError(w.governor, "BytomGovernorAlreadyHeld")
        .withArgs(id);
      expect(await w.constitution.modelRegistry()).to.equal(registryBefore);
      await travelPast(heldUntil);
      await execute(w.governor, w.outsider, id);
      expect(await w.constitution.modelRegistry()).to.equal(w.outsider.address);
    });
  });

  describe("Synthetify (2023): unnoticed proposals at low turnout", () => {
    it("Synthetify: a draft cannot be approved or proposed before the discussion ends, nor voted during the delay", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await grant(w, w.c[0].address, TREASURY, "Synthetify: quiet treasury move");
      const draftId = await submitDraft(w.committee, w.c[0], p);
      const endsAt = await w.committee.discussionEndsAt(draftId);
      expect(endsAt).to.equal(BigInt(await time.latest()) + 2n * DAY);
      await expect(w.committee.connect(w.c[1]).approveDraft(draftId, 1n))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDiscussionOngoing")
        .withArgs(draftId, endsAt);
      await expect(w.committee.propose(draftId, p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(w.committee, "GovernanceCommitteeDiscussionOngoing")
        .withArgs(draftId, endsAt);
      await travelPast(endsAt);
      await approveDraft(w.committee, w.c.slice(0, 3), draftId);
      const id = await putToVote(w.committee, w.c[0], draftId, p);
      await expect(w.governor.connect(w.c[0]).castVote(id, Support.For))
        .to.be.revertedWithCustomError(w.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, State.Pending, stateBitmap(State.Active));
    });

    it("Synthetify: one insider's 40M 'for' with nobody else voting is below the 60M quorum → Defeated", async () => {
      const w = await loadFixture(delegatedFixture);
      const id = await toActive(w, await grant(w, w.c[0].address, TREASURY, "Synthetify: unnoticed"), w.c[0]);
      await w.governor.connect(w.c[0]).castVote(id, Support.For);
      await travelPast(await w.governor.proposalDeadline(id));
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, M(40), 0n]);
      expect(await w.governor.state(id)).to.equal(State.Defeated);
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY);
    });
  });

  describe("Curio (2024): voting power minted through a privileged path", () => {
    /** The suite deployed with 100M of headroom under the cap (cap 1,100M), every holder self-delegated. */
    async function headroomFixture(): Promise<World> {
      const signers = await ethers.getSigners();
      const config = await resolveConfig(readConfigFile("hardhat"), signers);
      config.token.cap += M(100);
      const dao = await deployBytomDAO(hre, signers[0], config);
      const w: World = {
        ...dao,
        config,
        signers,
        deployer: signers[0],
        c: signers.slice(1, 6),
        alice: signers[6],
        bob: signers[7],
        carol: signers[8],
        dave: signers[9],
        agent: signers[10],
        outsider: signers[11],
        timelockAddress: await dao.timelock.getAddress(),
      };
      for (const s of [...w.c, w.alice, w.bob, w.carol, w.dave]) await w.token.connect(s).delegate(s.address);
      await time.increase(1);
      return w;
    }

    it("Curio: mint is the DAO's alone — the deployer, members, holders, the committee and the governor are refused", async () => {
      const w = await loadFixture(delegatedFixture);
      const callers: HardhatEthersSigner[] = [
        w.deployer,
        ...w.c,
        w.alice,
        w.agent,
        await impersonate(w.addresses.GovernanceCommittee),
        await impersonate(w.addresses.BytomGovernor),
        await impersonate(w.addresses.AgentDelegate),
      ];
      for (const caller of callers) {
        await expect(w.token.connect(caller).mint(caller.address, M(1)))
          .to.be.revertedWithCustomError(w.token, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
      // The cap is reached at genesis: even the DAO cannot mint one more wei.
      const dao = await impersonate(w.timelockAddress);
      await expect(w.token.connect(dao).mint(w.alice.address, 1n))
        .to.be.revertedWithCustomError(w.token, "GovernanceTokenCapExceeded")
        .withArgs(M(1000) + 1n, M(1000));
      expect(await w.token.totalSupply()).to.equal(M(1000));
    });

    it("Curio: tokens minted while a proposal is open (even by the DAO) do not vote on it", async () => {
      const w = await loadFixture(headroomFixture);
      const attacker = w.signers[12];
      await w.token.connect(attacker).delegate(attacker.address);
      const id = await toActive(w, await grant(w, attacker.address, TREASURY, "Curio: drain"));
      await w.token.connect(await impersonate(w.timelockAddress)).mint(attacker.address, M(100));
      expect(await w.token.getVotes(attacker.address)).to.equal(M(100));
      await expect(w.governor.connect(attacker).castVote(id, Support.For))
        .to.emit(w.governor, "VoteCast")
        .withArgs(attacker.address, id, Support.For, 0n, "");
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.token.connect(dao).mint(attacker.address, 1n))
        .to.be.revertedWithCustomError(w.token, "GovernanceTokenCapExceeded")
        .withArgs(M(1100) + 1n, M(1100));
    });
  });

  describe("Ronin (2022): a few keys control the funds", () => {
    it("Ronin: no key holds a role; all five committee members together cannot move the treasury; only a passed proposal can", async () => {
      const w = await loadFixture(delegatedFixture);
      const [admin, proposer, executor, canceller] = await Promise.all([
        w.timelock.DEFAULT_ADMIN_ROLE(),
        w.timelock.PROPOSER_ROLE(),
        w.timelock.EXECUTOR_ROLE(),
        w.timelock.CANCELLER_ROLE(),
      ]);
      for (const role of [admin, proposer, executor, canceller]) {
        expect(await w.timelock.hasRole(role, w.deployer.address)).to.equal(false);
      }
      for (const role of [proposer, executor, canceller]) {
        expect(await w.timelock.hasRole(role, w.addresses.BytomGovernor)).to.equal(true);
      }
      const tokenAddress = await w.token.getAddress();
      const drain = w.token.interface.encodeFunctionData("transfer", [w.c[0].address, TREASURY]);
      for (const m of w.c) {
        await expect(
          w.timelock.connect(m).schedule(tokenAddress, 0n, drain, ethers.ZeroHash, ethers.ZeroHash, 2n * DAY),
        )
          .to.be.revertedWithCustomError(w.timelock, "AccessControlUnauthorizedAccount")
          .withArgs(m.address, proposer);
        await expect(w.token.connect(m).transferFrom(w.timelockAddress, m.address, 1n))
          .to.be.revertedWithCustomError(w.token, "ERC20InsufficientAllowance")
          .withArgs(m.address, 0n, 1n);
      }
      // The committee contract itself can only propose to the vote; it cannot execute the drain.
      const committee = await impersonate(w.addresses.GovernanceCommittee);
      await expect(w.timelock.connect(committee).execute(tokenAddress, 0n, drain, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(w.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(committee.address, executor);
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY);
      // The one path: a passed proposal.
      const id = await queuedPastEta(w, await grant(w, w.outsider.address, M(1), "Ronin: a legitimate grant"));
      await execute(w.governor, w.outsider, id);
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(TREASURY - M(1));
      expect(await w.token.balanceOf(w.outsider.address)).to.equal(M(1));
    });
  });

  describe("compromised AI model key", () => {
    it("compromised AI model key: its 'for' on a drain is neutralised by the delegators' overrides", async () => {
      const w = await loadFixture(agentWorld);
      const id = await activeProposal(w, await grant(w, w.outsider.address, TREASURY, "AI key: drain"));
      await expect(agentVote(w, id, Support.For))
        .to.emit(w.agentDelegate, "AgentVoteCast")
        .withArgs(id, w.agent.address, 1n, Support.For, M(200), ethers.ZeroHash, "", false);
      await w.governor.connect(w.carol).castOverrideVote(id, Support.Against, "not my vote");
      await expect(w.governor.connect(w.dave).castOverrideVote(id, Support.Against, "not my vote"))
        .to.emit(w.governor, "VoteReduced")
        .withArgs(w.delegateAddress, id, Support.For, M(100));
      expect(await w.governor.proposalVotes(id)).to.deep.equal([M(200), 0n, 0n]);
    });

    it("compromised AI model key: the DAO's cap bounds its weight (10% = 60M of 200M delegated)", async () => {
      const w = await loadFixture(agentWorld);
      await setCap(w, 1000);
      const id = await activeProposal(w, await grant(w, w.outsider.address, TREASURY, "AI key: capped drain"));
      await expect(agentVote(w, id, Support.For))
        .to.emit(w.agentDelegate, "AgentVoteCast")
        .withArgs(id, w.agent.address, 1n, Support.For, M(60), ethers.ZeroHash, "", false);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, M(60), 0n]);
    });

    it("compromised AI model key: reviewQuorum members force it to abstain before it votes (direct and signed)", async () => {
      const w = await loadFixture(agentWorld);
      const id = await activeProposal(w, await grant(w, w.outsider.address, TREASURY, "AI key: forced abstain"));
      for (const m of w.c.slice(0, 2)) await w.agentDelegate.connect(m).signalForceAbstain(id, "operator key leaked");
      await expect(w.agentDelegate.connect(w.c[2]).signalForceAbstain(id, "operator key leaked"))
        .to.emit(w.agentDelegate, "AgentAbstainForced")
        .withArgs(id, 3n);
      await expect(agentVote(w, id, Support.For))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateForcedAbstain")
        .withArgs(id);
      const ballot = await ballotFor(w, id, Support.For);
      const signature = await signAgentBallot(w.agentDelegate, w.agent, ballot);
      await expect(w.agentDelegate.connect(w.outsider).castVoteBySig(ballot, await actionsOf(w, id), signature))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateForcedAbstain")
        .withArgs(id);
      expect(await w.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
    });

    it("compromised AI model key: after a new model is activated the old key and its signed ballots are refused", async () => {
      const w = await loadFixture(agentWorld);
      const newAgent = w.signers[13];
      const ballot = await ballotFor(w, w.id, Support.For);
      const signature = await signAgentBallot(w.agentDelegate, w.agent, ballot);
      await enactNewModel(w, newAgent.address);
      await expect(agentVote(w, w.id, Support.For))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotActiveAgent")
        .withArgs(w.agent.address, newAgent.address);
      await expect(w.agentDelegate.connect(w.outsider).castVoteBySig(ballot, await actionsOf(w, w.id), signature))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
        .withArgs(newAgent.address);
      expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, 0n, 0n]);
    });
  });

  describe("compromised personhood issuer", () => {
    /** An attestation by `issuer` for `account` as `subject`, consumed by the deployed ExecutiveRegistry. */
    async function attestation(w: World, issuer: HardhatEthersSigner, account: string, subject: string) {
      const signed = await signAttestation(issuer, await w.attestationVerifier.getAddress(), {
        account,
        nullifier: issuerNullifier("passport", subject),
        expiry: BigInt(await time.latest()) + 365n * DAY,
        consumer: await w.executiveRegistry.getAddress(),
      });
      return encodeAttestationProof(signed);
    }

    it("compromised personhood issuer: cannot take over a human enrolled via another issuer; once removed, its attestations are refused", async () => {
      // Also: test/executive/regressions.test.ts "#1 a second, compromised issuer ..." (the #11 review regression).
      const w = await loadFixture(delegatedFixture);
      const [issuer, compromised, attacker, sybil] = [w.signers[14], w.signers[15], w.signers[12], w.signers[16]];
      const verifier = await w.attestationVerifier.getAddress();
      const dao = await impersonate(w.timelockAddress);
      await w.executiveRegistry
        .connect(w.alice)
        .enroll(verifier, await attestation(w, issuer, w.alice.address, "alice"));
      await w.executiveRegistry.connect(dao).appoint(w.alice.address);
      const victim = await w.executiveRegistry.humanOf(w.alice.address);
      await w.attestationVerifier.connect(dao).approveIssuer(compromised.address);

      // The compromised issuer attests "attacker's account + the victim's nullifier": a different, unappointed human.
      await w.executiveRegistry
        .connect(attacker)
        .enroll(verifier, await attestation(w, compromised, attacker.address, "alice"));
      expect(await w.executiveRegistry.humanOf(attacker.address)).to.not.equal(victim);
      expect(await w.executiveRegistry.isExecutive(attacker.address)).to.equal(false);
      expect((await w.executiveRegistry.human(victim)).account).to.equal(w.alice.address);
      expect(await w.executiveRegistry.isExecutive(w.alice.address)).to.equal(true);

      // The DAO removes the issuer: its further attestations are refused.
      await expect(w.attestationVerifier.connect(dao).removeIssuer(compromised.address))
        .to.emit(w.attestationVerifier, "IssuerRemoved")
        .withArgs(compromised.address);
      await expect(
        w.executiveRegistry.connect(sybil).enroll(verifier, await attestation(w, compromised, sybil.address, "sybil")),
      )
        .to.be.revertedWithCustomError(w.attestationVerifier, "AttestationVerifierIssuerRemoved")
        .withArgs(compromised.address);
      expect(await w.executiveRegistry.humanOf(sybil.address)).to.equal(ethers.ZeroHash);
    });
  });
});
