/**
 * Regression tests for the evaluation defects of issue #9 (each failed against the registry before its fix).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ROLE_TRAINER, RunStatus, completedRun, defaultRecord, deployWithBuilders, record } from "./fixture";

const report = ethers.id("report");

describe("ModelRegistry evaluation regressions (issue #9)", function () {
  it("a committee member who trained the run cannot evaluate it", async function () {
    const f = await loadFixture(deployWithBuilders);
    const member = f.members[0];
    await f.registry.connect(member).registerBuilder(ROLE_TRAINER, "ipfs://member-trainer");
    const runId = await completedRun(f, defaultRecord(f, { trainer: member.address }), member);
    await expect(f.registry.connect(member).evaluateRun(runId, true, 9000, report))
      .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorConflicted")
      .withArgs(runId, member.address);
    expect((await f.registry.getRun(runId)).passes).to.equal(0n);
  });

  it("a pass by an evaluator the DAO removed no longer counts towards activation", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await completedRun(f);
    await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
    await f.registry.connect(f.auditor).evaluateRun(runId, true, 9000, report);
    await f.registry.connect(f.dao).removeEvaluator(f.auditor.address);
    await f.registry.connect(f.members[0]).evaluateRun(runId, true, 9000, report);
    await f.registry.connect(f.members[1]).evaluateRun(runId, true, 9000, report);
    await time.increase(30 * 24 * 3600);
    await expect(f.registry.activateRun(runId)).to.be.reverted;
    expect(await f.constitution.currentVersion()).to.equal(1n);
  });

  it("a run that reached the quorum cannot be activated before the challenge window ends", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await completedRun(f);
    for (const m of f.members.slice(0, 3)) await f.registry.connect(m).evaluateRun(runId, true, 9000, report);
    await expect(f.registry.activateRun(runId)).to.be.revertedWithCustomError(
      f.registry,
      "ModelRegistryChallengeWindowOpen",
    );
    expect(await f.constitution.currentVersion()).to.equal(1n);
  });

  it("with two appointed evaluators (7 eligible, quorum 3) three fails do not fail the run", async function () {
    const f = await loadFixture(deployWithBuilders);
    const runId = await completedRun(f);
    const [, , , , , , , , , , , , , , , e1, e2] = await ethers.getSigners();
    await f.registry.connect(f.dao).appointEvaluator(e1.address);
    await f.registry.connect(f.dao).appointEvaluator(e2.address);
    for (const m of f.members.slice(0, 3)) await f.registry.connect(m).evaluateRun(runId, false, 100, report);
    expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Evaluating);
  });
});
