import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { buildManifest, defaultManifestPath, writeManifest } from "../../sdk/manifest";
import {
  activateRun,
  anchorCheckpoint,
  completeRun,
  countedEvaluators,
  evaluateRun,
  failRun,
  fetchRunRecord,
  hashInput,
  loadDeployment,
  nextCheckpointHead,
  parseAddressList,
  proveDataShard,
  recordRun,
  registerBuilder,
  resolveAddress,
  runCommitment,
  verifyModelDir,
} from "../../sdk/models";
import { RunStatus, deployWithBuilders, type Fixture } from "./fixture";

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A small weights dir and a few data shards, as real files. */
function makeFiles() {
  const root = tempDir("bytom-tooling-");
  const weights = path.join(root, "weights");
  const data = path.join(root, "data");
  fs.mkdirSync(path.join(weights, "tokenizer"), { recursive: true });
  fs.mkdirSync(data);
  fs.writeFileSync(path.join(weights, "model.bin"), crypto.randomBytes(64 * 1024));
  fs.writeFileSync(path.join(weights, "config.json"), '{"dim":64}');
  fs.writeFileSync(path.join(weights, "tokenizer", "vocab.txt"), "hello\nworld\n");
  for (let i = 0; i < 5; i++) {
    fs.writeFileSync(
      path.join(data, `shard-${String(i).padStart(3, "0")}.jsonl`),
      `{"text":"shard ${i}"}\n`.repeat(i + 1),
    );
  }
  fs.writeFileSync(path.join(root, "train.yaml"), "lr: 0.001\n");
  fs.writeFileSync(path.join(root, "metrics.json"), '{"loss":1.23}');
  return { root, weights, data };
}

/** The message a promise rejects with (fails the test if it resolves). */
async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a rejection");
}

/** Runs `fn` with console.log captured. */
async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; out: string[] }> {
  const out: string[] = [];
  const original = console.log;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  try {
    return { result: await fn(), out };
  } finally {
    console.log = original;
  }
}

async function anchoredModel() {
  const f = await deployWithBuilders();
  const files = makeFiles();
  const dataset = await buildManifest(files.data);
  const weights = await buildManifest(files.weights);
  writeManifest(weights, defaultManifestPath(files.weights));
  const run = await recordRun(f.registry, f.trainer, {
    version: 2n,
    datasetRoot: dataset.predicate.merkle.root,
    configHash: await hashInput(path.join(files.root, "train.yaml")),
    codeHash: ethers.id("git tree"),
    dataProviders: [f.data2.address, f.data1.address],
    computeProviders: [f.compute.address],
    uri: "ipfs://run",
  });
  for (const step of [100n, 200n, 300n]) {
    await anchorCheckpoint(f.registry, f.trainer, run.runId, step, ethers.id(`ckpt ${step}`));
  }
  await completeRun(f.registry, f.trainer, run.runId, {
    weightsRoot: weights.predicate.merkle.root,
    metricsHash: await hashInput(path.join(files.root, "metrics.json")),
    operator: f.operator.address,
    uri: "ipfs://weights",
  });
  for (const m of f.members.slice(0, 3)) {
    await evaluateRun(f.registry, m, run.runId, { passed: true, score: 9000, reportHash: ethers.id("report") });
  }
  await time.increaseTo(await f.registry.activatableAt(run.runId));
  const activated = await activateRun(f.registry, f.outsider, run.runId);
  return { ...f, files, dataset, weights, run, activated };
}

describe("model tooling (library)", function () {
  it("anchors a run from real files and activates model #2", async function () {
    const f = await loadFixture(anchoredModel);
    expect(f.run.runId).to.equal(1n);
    expect(f.run.commitment).to.equal(runCommitment(f.run.record));
    expect(f.run.record.dataProviders).to.deep.equal(parseAddressList([f.data1.address, f.data2.address]));
    expect(f.activated.modelId).to.equal(2n);
    expect(f.activated.operator).to.equal(f.operator.address);
    expect(f.activated.weightsRoot).to.equal(f.weights.predicate.merkle.root);
    expect(await f.constitution.activeAgent()).to.equal(f.operator.address);
    expect(await f.registry.runStatus(1)).to.equal(RunStatus.Activated);
    const fetched = await fetchRunRecord(f.registry, 1n);
    expect(fetched).to.deep.equal(f.run.record);
    let head = ethers.dataSlice(f.run.commitment, 0, 24);
    for (const step of [100n, 200n, 300n]) head = nextCheckpointHead(head, step, ethers.id(`ckpt ${step}`));
    expect((await f.registry.getRun(1)).checkpointHead).to.equal(head);
  });

  it("evaluates with the record read from the event, lists the counted passes and fails, fails a run", async function () {
    const f = await loadFixture(deployWithBuilders);
    const run = await recordRun(f.registry, f.trainer, {
      version: 2n,
      datasetRoot: ethers.id("d"),
      configHash: ethers.id("c"),
      codeHash: ethers.id("k"),
      uri: "ipfs://r",
    });
    await anchorCheckpoint(f.registry, f.trainer, run.runId, 1n, ethers.id("ckpt"));
    await completeRun(f.registry, f.trainer, run.runId, {
      weightsRoot: ethers.id("w"),
      metricsHash: ethers.id("m"),
      operator: f.operator.address,
      uri: "",
    });
    const [m0, m1, m2, m3] = f.members;
    const fail = { passed: false, score: 100, reportHash: ethers.id("bad") };
    const first = await evaluateRun(f.registry, m0, run.runId, fail);
    expect(first).to.deep.equal({
      txHash: first.txHash,
      passedNow: false,
      failedNow: false,
      activatableAt: undefined,
      status: "Evaluating",
    });
    await evaluateRun(f.registry, m1, run.runId, fail, run.record);
    await evaluateRun(f.registry, m3, run.runId, { passed: true, score: 9000, reportHash: ethers.id("ok") });
    expect(await countedEvaluators(f.registry, run.runId, true)).to.deep.equal([m3.address]);
    expect(await countedEvaluators(f.registry, run.runId, false)).to.deep.equal(
      parseAddressList([m0.address, m1.address]),
    );
    await expect(failRun(f.registry, f.outsider, run.runId)).to.be.rejectedWith(/ModelRegistryFailNotReached/);
    await evaluateRun(f.registry, m2, run.runId, fail);
    expect(await failRun(f.registry, f.outsider, run.runId)).to.include({ fails: 3n, quorum: 3n, eligible: 5n });
    expect(await f.registry.runStatus(run.runId)).to.equal(RunStatus.Failed);
  });

  it("verifies the untouched weights directory", async function () {
    const f = await loadFixture(anchoredModel);
    const report = await verifyModelDir(f.registry, 2n, f.files.weights);
    expect(report.ok).to.equal(true);
    expect(report.localRoot).to.equal(report.onChainRoot);
    expect(report.lines.at(-1)).to.equal(`OK: ${f.files.weights} is exactly the anchored model`);
  });

  it("catches a flipped byte, an added file and a removed file, by path", async function () {
    const f = await loadFixture(anchoredModel);
    const model = path.join(f.files.weights, "model.bin");
    const bytes = fs.readFileSync(model);
    bytes[4242] ^= 0x80;
    fs.writeFileSync(model, bytes);
    let report = await verifyModelDir(f.registry, 2n, f.files.weights);
    expect(report.ok).to.equal(false);
    expect(report.diff).to.deep.equal({ equal: false, flipped: ["model.bin"], missing: [], extra: [] });
    expect(report.lines).to.include("modified: model.bin");
    bytes[4242] ^= 0x80;
    fs.writeFileSync(model, bytes);
    expect((await verifyModelDir(f.registry, 2n, f.files.weights)).ok).to.equal(true);

    fs.writeFileSync(path.join(f.files.weights, "tokenizer", "extra.txt"), "x");
    report = await verifyModelDir(f.registry, 2n, f.files.weights);
    expect(report.diff).to.deep.equal({ equal: false, flipped: [], missing: [], extra: ["tokenizer/extra.txt"] });
    fs.rmSync(path.join(f.files.weights, "tokenizer", "extra.txt"));

    fs.rmSync(path.join(f.files.weights, "config.json"));
    report = await verifyModelDir(f.registry, 2n, f.files.weights);
    expect(report.ok).to.equal(false);
    expect(report.diff).to.deep.equal({ equal: false, flipped: [], missing: ["config.json"], extra: [] });
    expect(report.lines.at(-1)).to.equal(`FAILED: ${f.files.weights} does not match model #2`);
  });

  it("without a reference manifest, or with a wrong one, still fails and says why", async function () {
    const f = await loadFixture(anchoredModel);
    fs.rmSync(defaultManifestPath(f.files.weights));
    fs.appendFileSync(path.join(f.files.weights, "config.json"), " ");
    let report = await verifyModelDir(f.registry, 2n, f.files.weights);
    expect(report.ok).to.equal(false);
    expect(report.diff).to.equal(undefined);
    expect(report.lines.join("\n")).to.match(/no reference manifest/);
    const wrong = path.join(f.files.root, "wrong.manifest.json");
    writeManifest(await buildManifest(f.files.data), wrong);
    report = await verifyModelDir(f.registry, 2n, f.files.weights, wrong);
    expect(report.ok).to.equal(false);
    expect(report.lines.join("\n")).to.match(/is not the anchored one either/);
  });

  it("proves a data shard's inclusion on chain; refuses another dataset; a tampered shard fails", async function () {
    const f = await loadFixture(anchoredModel);
    const shard = path.join(f.files.data, "shard-003.jsonl");
    const proof = await proveDataShard(f.registry, 1n, shard, { datasetDir: f.files.data });
    expect(proof.ok).to.equal(true);
    expect(proof.path).to.equal("shard-003.jsonl");
    expect(proof.size).to.equal(BigInt(fs.statSync(shard).size));
    expect(proof.datasetRoot).to.equal(f.dataset.predicate.merkle.root);

    const manifestFile = path.join(f.files.root, "data.manifest.json");
    writeManifest(f.dataset, manifestFile);
    fs.appendFileSync(shard, "poison\n");
    const viaManifest = await proveDataShard(f.registry, 1n, shard, {
      datasetDir: f.files.data,
      datasetManifest: manifestFile,
    });
    expect(viaManifest.ok).to.equal(false);
    expect(await errorOf(proveDataShard(f.registry, 1n, shard, { datasetDir: f.files.data }))).to.match(
      /is not the one run 1 anchored/,
    );
    const outside = path.join(f.files.root, "train.yaml");
    expect(await errorOf(proveDataShard(f.registry, 1n, outside, { datasetDir: f.files.data }))).to.match(
      /is not inside the dataset directory/,
    );
    expect(await errorOf(proveDataShard(f.registry, 1n, shard, {}))).to.match(/pass --dir <datasetDir>/);
    expect(await errorOf(fetchRunRecord(f.registry, 99n))).to.match(/run 99 has no TrainingRunRecorded event/);
  });

  it("hashInput accepts a bytes32, a directory, a manifest or a file", async function () {
    const files = makeFiles();
    const h = "0x" + "ab".repeat(32);
    expect(await hashInput(h)).to.equal(h);
    const root = (await buildManifest(files.weights)).predicate.merkle.root;
    expect(await hashInput(files.weights)).to.equal(root);
    writeManifest(await buildManifest(files.weights), defaultManifestPath(files.weights));
    expect(await hashInput(defaultManifestPath(files.weights))).to.equal(root);
    const yaml = path.join(files.root, "train.yaml");
    expect(await hashInput(yaml)).to.equal("0x" + crypto.createHash("sha256").update("lr: 0.001\n").digest("hex"));
    expect(await errorOf(hashInput(path.join(files.root, "nope")))).to.match(
      /neither a 0x bytes32 nor an existing file or directory/,
    );
  });

  it("resolves addresses from --registry or deployments/<network>.json, with a clear error otherwise", function () {
    const root = tempDir("bytom-deploy-");
    expect(() => resolveAddress("ModelRegistry", "localhost", undefined, root)).to.throw(
      /No ModelRegistry address for network "localhost": pass --registry <address> or deploy first/,
    );
    fs.mkdirSync(path.join(root, "deployments"));
    const address = "0x" + "12".repeat(20);
    fs.writeFileSync(
      path.join(root, "deployments", "localhost.json"),
      JSON.stringify({ contracts: { ModelRegistry: address } }),
    );
    expect(loadDeployment("localhost", root)).to.deep.equal({ ModelRegistry: address });
    expect(resolveAddress("ModelRegistry", "localhost", undefined, root)).to.equal(ethers.getAddress(address));
    expect(resolveAddress("ModelRegistry", "localhost", "0x" + "34".repeat(20), root)).to.equal(
      ethers.getAddress("0x" + "34".repeat(20)),
    );
    expect(() => resolveAddress("ModelRegistry", "localhost", "0x1234", root)).to.throw(/is not an address/);
    expect(() => parseAddressList("0x1234")).to.throw(/"0x1234" is not an address/);
    expect(parseAddressList("")).to.deep.equal([]);
  });

  it("registerBuilder registers, then updates", async function () {
    const f = await loadFixture(deployWithBuilders);
    await registerBuilder(f.registry, f.auditor, 8, "ipfs://a");
    expect((await f.registry.getBuilder(f.auditor.address)).roles).to.equal(8n);
    await registerBuilder(f.registry, f.auditor, 9, "ipfs://b");
    expect((await f.registry.getBuilder(f.auditor.address)).roles).to.equal(9n);
  });
});

describe("model tooling (Hardhat tasks)", function () {
  // Signer indices of the fixture: 0 dao, 1 trainer, 2/3 data, 4 compute, 5..9 committee, 11 operator.
  async function viaTasks(f: Fixture) {
    const files = makeFiles();
    const registry = await f.registry.getAddress();
    const out = path.join(files.root, "weights.manifest.json");
    const { out: manifestOut } = await captured(() => hre.run("model:manifest", { dir: files.weights, out }));
    expect(manifestOut.join("\n")).to.match(/3 files/);
    const recordOut = path.join(files.root, "run.json");
    const anchor = await captured(() =>
      hre.run("model:anchor", {
        constitutionVersion: 2n,
        dataset: files.data,
        trainingConfig: path.join(files.root, "train.yaml"),
        code: "0x" + "c0".repeat(32),
        dataProviders: `${f.data1.address},${f.data2.address}`,
        computeProviders: f.compute.address,
        uri: "ipfs://run",
        recordOut,
        registry,
        from: "1",
      }),
    );
    expect(anchor.out[0]).to.match(/^run #1 recorded for version 2/);
    expect(JSON.parse(fs.readFileSync(recordOut, "utf8")).trainer).to.equal(f.trainer.address);
    for (const step of [10n, 20n]) {
      const c = await captured(() =>
        hre.run("model:checkpoint", { run: 1n, step, hash: files.weights, registry, from: "1" }),
      );
      expect(c.out[0]).to.match(new RegExp(`^run #1 step ${step} anchored`));
    }
    await captured(() =>
      hre.run("model:complete", {
        run: 1n,
        weights: out,
        metrics: path.join(files.root, "metrics.json"),
        operator: f.operator.address,
        uri: "ipfs://w",
        registry,
        from: "1",
      }),
    );
    const evals: string[] = [];
    for (const from of ["5", "6", "7"]) {
      const e = await captured(() =>
        hre.run("model:evaluate", {
          run: 1n,
          verdict: "pass",
          score: 9000,
          report: "0x" + "ee".repeat(32),
          registry,
          from,
        }),
      );
      evals.push(...e.out);
    }
    const at = await f.registry.activatableAt(1);
    expect(evals.at(-1)).to.equal(
      `quorum reached: challenge window until ${new Date(Number(at) * 1000).toISOString()}; ` +
        "then anyone may run model:activate --run 1",
    );
    expect(await errorOf(hre.run("model:activate", { run: 1n, registry }))).to.match(
      /ModelRegistryChallengeWindowOpen\(1, \d+\): the challenge window is open/,
    );
    await time.increaseTo(at);
    const act = await captured(() => hre.run("model:activate", { run: 1n, registry }));
    expect(act.out[0]).to.equal(`model #2 active: constitution version 2 in force, AGI agent ${f.operator.address}`);
    return { files, registry, out };
  }

  it("drive the whole lifecycle; model:verify passes, then fails with the tampered path and exit code 1", async function () {
    const f = await loadFixture(deployWithBuilders);
    const { files, registry, out } = await viaTasks(f);
    expect(await f.constitution.currentVersion()).to.equal(2n);

    const ok = await captured(() =>
      hre.run("model:verify", { dir: files.weights, model: 2n, manifest: out, registry }),
    );
    expect(ok.out.at(-1)).to.equal(`OK: ${files.weights} is exactly the anchored model`);
    expect(process.exitCode ?? 0).to.equal(0);

    const model = path.join(files.weights, "model.bin");
    const bytes = fs.readFileSync(model);
    bytes[0] ^= 0xff;
    fs.writeFileSync(model, bytes);
    const bad = await captured(() =>
      hre.run("model:verify", { dir: files.weights, model: 2n, manifest: out, registry }),
    );
    const exitCode = process.exitCode;
    process.exitCode = 0;
    expect(exitCode).to.equal(1);
    expect(bad.out).to.include("modified: model.bin");
    expect(bad.out.at(-1)).to.equal(`FAILED: ${files.weights} does not match model #2`);
  });

  it("data:prove checks one shard on chain", async function () {
    const f = await loadFixture(deployWithBuilders);
    const { files, registry } = await viaTasks(f);
    const shard = path.join(files.data, "shard-001.jsonl");
    const r = await captured(() => hre.run("data:prove", { file: shard, dir: files.data, run: 1n, registry }));
    expect(r.out.at(-1)).to.match(/^OK: in the dataset of run #1 \(root 0x[0-9a-f]{64}\), verified on chain$/);
    expect(r.out[0]).to.match(/^shard-001.jsonl \(38 bytes, sha256 0x[0-9a-f]{64}\)$/);
  });

  it("turn user mistakes into clear errors", async function () {
    const f = await loadFixture(deployWithBuilders);
    const registry = await f.registry.getAddress();
    await expect(hre.run("model:verify", { dir: "/nonexistent-dir", model: 1n })).to.be.rejectedWith(
      /No ModelRegistry address for network "hardhat": pass --registry/,
    );
    await expect(
      hre.run("model:evaluate", { run: 1n, verdict: "maybe", score: 1, report: "0x" + "ee".repeat(32), registry }),
    ).to.be.rejectedWith(/--verdict must be "pass" or "fail"/);
    await expect(hre.run("builder:register", { roles: "trainer,wizard", uri: "x", registry })).to.be.rejectedWith(
      /unknown role "wizard"/,
    );
    expect(await errorOf(hre.run("model:activate", { run: 1n, registry }))).to.match(
      /ModelRegistryUnknownRun\(1\): no such run on this network: check --run and --network/,
    );
    expect(await errorOf(hre.run("model:fail", { run: 1n, registry }))).to.match(
      /ModelRegistryRunNotEvaluating\(1, 0\): the run is not awaiting evaluation/,
    );
    const hash = "0x" + "11".repeat(32);
    expect(await errorOf(hre.run("model:checkpoint", { run: 1n, step: 1n, hash, registry, from: "99" }))).to.match(
      /--from 99: only \d+ accounts are available/,
    );
    const r = await captured(() =>
      hre.run("builder:register", { roles: "agent", uri: "ipfs://agent", registry, from: "13" }),
    );
    expect(r.out[0]).to.match(/roles 8/);
    expect((await f.registry.getBuilder(f.auditor.address)).roles).to.equal(8n);
  });
});
