import { expect } from "chai";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { canonicalJson, trainModelDir, type Metrics } from "../../ml";
import { buildManifest, defaultManifestPath, writeManifest } from "../../sdk/manifest";
import { activateRun, anchorCheckpoint, completeRun, recordRun } from "../../sdk/models";
import {
  DEFAULT_MIN_ACCURACY,
  EVALUATION_REPORT_FORMAT,
  accuracyBps,
  evaluateByRecomputation,
  loadActiveModel,
  recomputeEvaluation,
  type EvaluationReport,
} from "../../sdk/evaluation";
import type { Constitution } from "../../typechain-types";
import { RunStatus, deployWithBuilders, type Fixture } from "./fixture";

const sha256 = (b: Buffer | string) => "0x" + crypto.createHash("sha256").update(b).digest("hex");

interface Trained {
  dir: string;
  weightsRoot: string;
  metricsHash: string;
  datasetRoot: string;
  configHash: string;
  codeHash: string;
  accuracy: number;
  checkpoints: { step: number; sha256: string }[];
}

/** Copies a model directory and its manifest (the reference that names differing paths) next to it. */
function copyModel(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  fs.copyFileSync(defaultManifestPath(from), defaultManifestPath(to));
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a rejection");
}

describe("evaluation by recomputation (issue #9) and loading the active model", function () {
  this.timeout(300_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bytom-recompute-"));
  let real: Trained;
  let doctored: Trained;

  before(async function () {
    // The real v2 model with the shipped config (the one the demo anchors), trained once.
    const r = await trainModelDir({ version: 2, outDir: path.join(tmp, "real", "weights") });
    real = {
      dir: r.outDir,
      weightsRoot: r.weightsRoot,
      metricsHash: r.metricsHash,
      datasetRoot: r.datasetRoot,
      configHash: r.configHash,
      codeHash: r.codeHash,
      accuracy: r.metrics.accuracy,
      checkpoints: r.checkpoints,
    };
    // A trainer who claims a better accuracy: metrics.json doctored before the manifest and the metrics hash.
    const dir = path.join(tmp, "doctored", "weights");
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.cpSync(real.dir, dir, { recursive: true });
    const metricsFile = path.join(dir, "metrics.json");
    const metrics = JSON.parse(fs.readFileSync(metricsFile, "utf8")) as Metrics;
    metrics.accuracy = 0.99;
    fs.writeFileSync(metricsFile, canonicalJson(metrics));
    const manifest = await buildManifest(dir);
    writeManifest(manifest, defaultManifestPath(dir));
    doctored = {
      ...real,
      dir,
      weightsRoot: manifest.predicate.merkle.root,
      metricsHash: sha256(fs.readFileSync(metricsFile)),
    };
  });

  /** Run 1 anchors the real model, run 2 the doctored one (both completed, in evaluation). */
  async function anchoredRuns(): Promise<Fixture> {
    const f = await deployWithBuilders();
    for (const m of [real, doctored]) {
      const run = await recordRun(f.registry, f.trainer, {
        version: 2n,
        datasetRoot: m.datasetRoot,
        configHash: m.configHash,
        codeHash: m.codeHash,
        dataProviders: [f.data1.address],
        computeProviders: [f.compute.address],
        uri: "file://run",
      });
      for (const c of m.checkpoints) {
        await anchorCheckpoint(f.registry, f.trainer, run.runId, BigInt(c.step), "0x" + c.sha256);
      }
      await completeRun(f.registry, f.trainer, run.runId, {
        weightsRoot: m.weightsRoot,
        metricsHash: m.metricsHash,
        operator: f.operator.address,
        uri: "file://weights",
      });
    }
    return f;
  }

  it("the real model clears the documented bar with the shipped config", function () {
    expect(DEFAULT_MIN_ACCURACY).to.equal(0.9);
    expect(real.accuracy).to.equal(0.947917);
    expect(accuracyBps(real.accuracy)).to.equal(9479);
  });

  it("a matching directory passes with the score it measured; the report is the file whose hash is submitted", async function () {
    const f = await loadFixture(anchoredRuns);
    const e = await evaluateByRecomputation(f.registry, f.members[0], 1n, real.dir);
    expect(e.passed).to.equal(true);
    expect(e.score).to.equal(9479);
    expect(e.report.mismatches).to.deep.equal([]);
    expect(e.report.verdict).to.equal("pass");
    expect(e.report.format).to.equal(EVALUATION_REPORT_FORMAT);
    expect(e.report.anchored).to.deep.equal({
      weightsRoot: real.weightsRoot,
      metricsHash: real.metricsHash,
      datasetRoot: real.datasetRoot,
    });
    expect(e.report.recomputed.metricsHash).to.equal(real.metricsHash);
    expect(e.report.recomputed.accuracy).to.equal(0.947917);
    expect(e.reportFile).to.equal(`${path.resolve(real.dir)}.evaluation-run-1.json`);
    expect(e.reportHash).to.equal(sha256(fs.readFileSync(e.reportFile)));
    expect(e.status).to.equal("Evaluating");
    expect(await f.registry.evaluationOf(1n, f.members[0].address)).to.equal(
      ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bool", "uint16", "bytes32"], [true, 9479, e.reportHash]),
      ),
    );
    expect(await f.registry.countedBallot(1n, f.members[0].address)).to.deep.equal([true, true]);
  });

  it("a doctored metrics.json fails with a report naming accuracy", async function () {
    const f = await loadFixture(anchoredRuns);
    const e = await evaluateByRecomputation(f.registry, f.members[0], 2n, doctored.dir);
    expect(e.passed).to.equal(false);
    expect(e.score).to.equal(9479);
    expect(e.report.verdict).to.equal("fail");
    expect(e.report.mismatches).to.deep.equal(["accuracy: anchored 0.99, recomputed 0.947917"]);
    const written = JSON.parse(fs.readFileSync(e.reportFile, "utf8")) as EvaluationReport;
    expect(written.mismatches).to.deep.equal(["accuracy: anchored 0.99, recomputed 0.947917"]);
    expect(written.anchored.metricsHash).to.equal(doctored.metricsHash);
    expect(await f.registry.countedBallot(2n, f.members[0].address)).to.deep.equal([true, false]);
    expect(await f.registry.evaluationOf(2n, f.members[0].address)).to.equal(
      ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bool", "uint16", "bytes32"], [false, 9479, e.reportHash]),
      ),
    );
  });

  it("a missed bar fails with the measured score and says so", async function () {
    const f = await loadFixture(anchoredRuns);
    const e = await recomputeEvaluation(f.registry, 1n, real.dir, {
      minAccuracy: 0.95,
      reportFile: path.join(tmp, "bar.json"),
    });
    expect(e.passed).to.equal(false);
    expect(e.score).to.equal(9479);
    expect(e.report.mismatches).to.deep.equal(["minAccuracy: measured accuracy 0.947917 is below the bar 0.95"]);
    expect(e.reportFile).to.equal(path.join(tmp, "bar.json"));
  });

  it("tampered weights are refused naming the path, and nothing is submitted", async function () {
    const f = await loadFixture(anchoredRuns);
    const dir = path.join(tmp, "tampered", "weights");
    copyModel(real.dir, dir);
    const bytes = fs.readFileSync(path.join(dir, "weights.bin"));
    bytes[100] ^= 0x01;
    fs.writeFileSync(path.join(dir, "weights.bin"), bytes);
    const message = await errorOf(evaluateByRecomputation(f.registry, f.members[0], 1n, dir));
    expect(message).to.match(/^refusing to load .*: its weights root 0x[0-9a-f]{64} is not the expected 0x/);
    expect(message).to.include(`not the expected ${real.weightsRoot}`);
    expect(message).to.include("modified: weights.bin");
    expect(await f.registry.evaluationOf(1n, f.members[0].address)).to.equal(ethers.ZeroHash);
  });

  it("refuses a corpus that is not the run's dataset, and a run not in evaluation", async function () {
    const f = await loadFixture(anchoredRuns);
    const corpus = path.join(tmp, "corpus");
    fs.cpSync(path.join(__dirname, "..", "..", "data", "corpus"), corpus, { recursive: true });
    fs.appendFileSync(path.join(corpus, "mints.jsonl"), "\n");
    expect(await errorOf(recomputeEvaluation(f.registry, 1n, real.dir, { corpusDir: corpus }))).to.match(
      /is not run 1's dataset \(root 0x[0-9a-f]{64}\): evaluate on the exact dataset the run anchored \(--corpus\)$/,
    );
    expect(await errorOf(recomputeEvaluation(f.registry, 3n, real.dir))).to.equal(
      "run 3 is None: only a completed run in evaluation (or its challenge window) is assessed",
    );
  });

  it("model:evaluate --weights recomputes and records the measured verdict", async function () {
    const f = await loadFixture(anchoredRuns);
    const registry = await f.registry.getAddress();
    const out: string[] = [];
    const original = console.log;
    console.log = (...a: unknown[]) => void out.push(a.join(" "));
    try {
      await hre.run("model:evaluate", { run: 2n, weights: doctored.dir, registry, from: f.members[1].address });
    } finally {
      console.log = original;
    }
    expect(out).to.include("differs: accuracy: anchored 0.99, recomputed 0.947917");
    expect(out).to.include("run #2: fail recorded with score 9479; run is Evaluating");
    expect(await f.registry.countedBallot(2n, f.members[1].address)).to.deep.equal([true, false]);
    await expect(
      hre.run("model:evaluate", { run: 1n, weights: real.dir, verdict: "pass", registry }),
    ).to.be.rejectedWith(/--weights decides the verdict, score and report: drop --verdict, --score and --report/);
  });

  it("loadActiveModel loads the active model only from a directory matching its on-chain root", async function () {
    const f = await loadFixture(anchoredRuns);
    for (const member of f.members.slice(0, 3)) await evaluateByRecomputation(f.registry, member, 1n, real.dir);
    expect(await f.registry.runStatus(1n)).to.equal(RunStatus.Passed);
    await time.increaseTo(await f.registry.activatableAt(1n));
    const activated = await activateRun(f.registry, f.outsider, 1n);
    expect(activated.modelId).to.equal(2n);

    const fromRegistry = await loadActiveModel(f.registry, real.dir);
    expect(fromRegistry.modelId).to.equal(2n);
    expect(fromRegistry.weightsRoot).to.equal(real.weightsRoot);
    expect(fromRegistry.model.root).to.equal(real.weightsRoot);
    expect(fromRegistry.model.version).to.equal(2);
    const fromConstitution = await loadActiveModel(f.constitution as unknown as Constitution, real.dir);
    expect(fromConstitution.modelId).to.equal(2n);

    const dir = path.join(tmp, "active-tampered", "weights");
    copyModel(real.dir, dir);
    fs.rmSync(path.join(dir, "loss.svg"));
    fs.writeFileSync(path.join(dir, "extra.bin"), "x");
    const message = await errorOf(loadActiveModel(f.registry, dir));
    expect(message).to.include(`is not the expected ${real.weightsRoot}`);
    expect(message).to.include("missing:  loss.svg");
    expect(message).to.include("extra:    extra.bin");
  });
});
