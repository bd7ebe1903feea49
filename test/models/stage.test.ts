import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { IConstitution } from "../../typechain-types";
import { runModelLifecycleStage } from "../../scripts/demo/models";
import { benchModelRegistry } from "../../scripts/bench/models";
import { RequestStatus, RunStatus, deployRegistry } from "./fixture";

describe("model lifecycle demo stage and bench", function () {
  it("runs the stage end to end: version 2 in force, model #2 the active AGI, proof and tamper check logged", async function () {
    const f = await loadFixture(deployRegistry);
    await f.constitution.ratify(ethers.id("constitution v2"), "ipfs://v2");
    const lines: string[] = [];
    const operator = ethers.getAddress("0x" + "0a".repeat(20));
    const result = await runModelLifecycleStage({
      registry: f.registry,
      constitution: f.constitution as unknown as IConstitution,
      trainer: f.trainer,
      dataProvider: f.data1,
      computeProvider: f.compute,
      evaluators: f.members,
      version: 2n,
      log: (l) => lines.push(l),
      tmpDir: fs.mkdtempSync(path.join(os.tmpdir(), "bytom-stage-")),
      operator,
      activator: f.outsider,
    });
    expect(result.runId).to.equal(1n);
    expect(result.modelId).to.equal(2n);
    expect(result.operator).to.equal(operator);
    expect(await f.constitution.currentVersion()).to.equal(2n);
    expect(await f.constitution.activeAgent()).to.equal(operator);
    expect(await f.registry.runStatus(1)).to.equal(RunStatus.Activated);
    expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.Fulfilled);
    expect(await f.registry.verifyWeights(2, result.weightsRoot)).to.equal(true);
    expect(lines).to.include(`[activate] the new active AGI agent is ${operator}`);
    expect(lines).to.include("[verify]   modified: weights.bin");
    expect(lines.filter((l) => l.startsWith("[train] checkpoint"))).to.have.length(3);
    expect(lines.some((l) => /^\[prove\] mints.jsonl .* verified on chain/.test(l))).to.equal(true);
    expect(lines).to.include("[challenge] window over without a rejection (rejection support: 0)");
    expect(
      lines.some((l) => /^\[challenge\] run #1 passed: the DAO or 3 committee members may reject it for 48 h/.test(l)),
    ).to.equal(true);
    // only 3 of the 5 evaluators were needed
    const ballots = lines.filter((l) => l.startsWith("[evaluate] 0x"));
    expect(ballots).to.have.length(3);
    // each evaluator recomputed the metrics: the score is the measured accuracy, the metrics match the anchored hash
    for (const [i, line] of ballots.entries()) {
      expect(line).to.equal(
        `[evaluate] ${f.members[i].address} passed run #1 (score 9479: recomputed accuracy 0.947917 on 96 proposals, ` +
          `clause macro recall 0.795384, metrics match the anchored hash) → ` +
          `run ${i === 2 ? "Passed" : "Evaluating"}`,
      );
    }
  });

  it("the bench logs one line per operation and meets its targets", async function () {
    const lines: string[] = [];
    const r = await benchModelRegistry((l) => lines.push(l));
    expect(lines).to.have.length(5);
    expect(lines[4]).to.equal(`anchorRun ratio ${r.ratio.toFixed(2)} (target <= 0.50)`);
    const underCoverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;
    if (!underCoverage) {
      expect(r.checkpoint).to.be.lessThanOrEqual(35_000n);
      expect(r.ratio).to.be.lessThanOrEqual(0.5);
    }
    expect(r.naiveRecordRun).to.be.greaterThan(r.recordRun);
  });
});
