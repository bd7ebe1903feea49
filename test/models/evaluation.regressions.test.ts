/**
 * Regression tests for the evaluation defects of issue #9. Each was written first against the V1 registry and
 * failed there (conflicted evaluator accepted, a removed evaluator's pass counted, activation the moment the
 * quorum-th pass landed, a run failed by 3 fails of 7 eligible evaluators); only the calls changed with the fix
 * (the record in evaluateRun, the passers in activateRun, failRun).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  ROLE_TRAINER,
  RunStatus,
  activatableRun,
  completedRun,
  defaultRecord,
  deployWithBuilders,
  evaluate,
  passedRun,
  passers,
  sortAddresses,
} from "./fixture";

describe("ModelRegistry evaluation regressions (issue #9)", function () {
  it("a committee member who trained the run cannot evaluate it", async function () {
    const f = await loadFixture(deployWithBuilders);
    const member = f.members[0];
    await f.registry.connect(member).registerBuilder(ROLE_TRAINER, "ipfs://member-trainer");
    const r = defaultRecord(f, { trainer: member.address });
    const runId = await completedRun(f, r, member);
    await expect(evaluate(f, member, runId, true, r))
      .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorConflicted")
      .withArgs(runId, member.address);
    expect((await f.registry.getRun(runId)).passes).to.equal(0n);
  });

  it("a pass by an evaluator the DAO removed no longer counts towards activation", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await completedRun(f);
    await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
    await evaluate(f, f.auditor, runId, true);
    await f.registry.connect(f.dao).removeEvaluator(f.auditor.address);
    await evaluate(f, f.members[0], runId, true);
    await evaluate(f, f.members[1], runId, true);
    await time.increase(30 * 24 * 3600);
    const three = sortAddresses([f.auditor.address, f.members[0].address, f.members[1].address]);
    await expect(f.registry.activateRun(runId, three))
      .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorLapsed")
      .withArgs(runId, f.auditor.address);
    expect(await f.constitution.currentVersion()).to.equal(1n);
  });

  it("a run that reached the quorum cannot be activated before the challenge window ends", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await passedRun(f);
    await expect(f.registry.activateRun(runId, passers(f)))
      .to.be.revertedWithCustomError(f.registry, "ModelRegistryChallengeWindowOpen")
      .withArgs(runId, await f.registry.activatableAt(runId));
    expect(await f.constitution.currentVersion()).to.equal(1n);
  });

  it("with two appointed evaluators (7 eligible, quorum 3) three fails do not fail the run", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await completedRun(f);
    const [, , , , , , , , , , , , , , , e1, e2] = await ethers.getSigners();
    await f.registry.connect(f.dao).appointEvaluator(e1.address);
    await f.registry.connect(f.dao).appointEvaluator(e2.address);
    for (const m of f.members.slice(0, 3)) await evaluate(f, m, runId, false);
    const failers = sortAddresses(f.members.slice(0, 3).map((m) => m.address));
    await expect(f.registry.failRun(runId, failers))
      .to.be.revertedWithCustomError(f.registry, "ModelRegistryFailNotReached")
      .withArgs(runId, 3n, 3n, 7n);
    expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Evaluating);
  });

  it("with two vacant seats (3 eligible, quorum 3) a single fail fails the run", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await completedRun(f);
    await f.committee.setMember(3, ethers.ZeroAddress);
    await f.committee.setMember(4, ethers.ZeroAddress);
    await evaluate(f, f.members[0], runId, false);
    await expect(f.registry.failRun(runId, [f.members[0].address]))
      .to.emit(f.registry, "TrainingRunFailed")
      .withArgs(runId, 1n, 3n, 3n);
    expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Failed);
  });

  it("activation after the window with the passers still eligible succeeds", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await activatableRun(f);
    await expect(f.registry.activateRun(runId, passers(f))).to.emit(f.registry, "ModelActivated");
  });
});
