import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  AgentModelMismatchError,
  PLACEHOLDER_GENESIS_ROOT,
  FolderStore,
  addressBook,
  auditAgentVote,
  createdProposal,
  onChainModel,
  rationaleBytes,
  rationaleFor,
  runAgentOnce,
  signAgentBallot,
  signerRelayer,
  actionsStruct,
  SUPPORT_VALUE,
  type RationaleDocument,
} from "../../sdk/agent";
import { mlModelLoader } from "../../ml/agent";
import { impersonate, tokens } from "../governance/helpers";
import { deployFixture } from "../fixtures/deploy";
import { lateRelayer, propose, proposals, runOptions, runtimeWorld, type RuntimeWorld } from "./runtime-helpers";

const M = tokens(1_000_000);

/** A fixture's world with an empty rationale store of its own (chain snapshots do not cover files). */
function fresh<W extends RuntimeWorld>(w: W): W {
  return { ...w, storeDir: fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-rationales-")) };
}

/** Two Active proposals: #1 a treasury grant (the model: For 0.9790), #2 lowering the supermajority (Against 0.9992). */
async function twoProposals() {
  const w = await runtimeWorld();
  const grant = await propose(w, await proposals.grant(w), false);
  const lower = await propose(w, await proposals.lowerSupermajority(w));
  return { ...w, grant, lower };
}

async function voteCast(w: RuntimeWorld, id: bigint) {
  const events = await w.agentDelegate.queryFilter(w.agentDelegate.filters.AgentVoteCast(id));
  return events.map((e) => {
    const a = e.args;
    return [a.proposalId, a.agent, a.modelId, a.support, a.weight, a.rationaleHash, a.reason, a.relayed];
  });
}

describe("AI delegate runtime (sdk/agent): agent:run", function () {
  this.timeout(300_000);

  it("votes every Active proposal with a published rationale, through a relayed ballot (the operator spends nothing)", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const before = await ethers.provider.getBalance(w.agent.address);
    const r = await runAgentOnce(runOptions(w));
    expect(r.modelId).to.equal(1n);
    expect(r.weightsRoot).to.equal(w.model.root);
    expect(r.outcomes.map((o) => [o.proposalId, o.status, o.decision, o.confidence, o.weight])).to.deep.equal([
      [w.grant, "voted", "For", "0.9790", 200n * M],
      [w.lower, "voted", "Against", "0.9992", 200n * M],
    ]);
    expect(await ethers.provider.getBalance(w.agent.address)).to.equal(before);
    for (const o of r.outcomes) {
      const file = path.join(w.storeDir, `${o.rationaleHash!.slice(2)}.json`);
      expect(o.uri).to.equal(`file://${file}`);
      expect(ethers.keccak256(fs.readFileSync(file))).to.equal(o.rationaleHash);
      const doc = JSON.parse(fs.readFileSync(file, "utf8")) as RationaleDocument;
      expect(doc.proposalId).to.equal(o.proposalId.toString());
      expect([doc.modelId, doc.weightsRoot, doc.constitutionVersion]).to.deep.equal(["1", w.model.root, 1]);
      expect(await voteCast(w, o.proposalId)).to.deep.equal([
        [o.proposalId, w.agent.address, 1n, BigInt(SUPPORT_VALUE[o.decision!]), 200n * M, o.rationaleHash, o.uri, true],
      ]);
    }
    const doc = r.outcomes[1].document!;
    expect(doc.decision).to.equal("Against");
    expect(doc.clauses.map((c) => c.id)).to.include("4.2");
    expect(doc.actions[0].call).to.match(/^Constitution\.setParameters\(params\.supermajorityBps=6000, /);
    // Canonical JSON: sorted keys, no whitespace.
    const text = fs.readFileSync(path.join(w.storeDir, `${r.outcomes[1].rationaleHash!.slice(2)}.json`), "utf8");
    expect(text.startsWith(`{"actions":[{"call":"Constitution.setParameters(params.supermajorityBps=6000,`)).to.equal(
      true,
    );
    expect(text).to.not.match(/\n/);
  });

  it("is idempotent: a second pass, or a restart with a fresh store object, votes nothing again", async () => {
    const w = fresh(await loadFixture(twoProposals));
    await runAgentOnce(runOptions(w));
    const files = fs.readdirSync(w.storeDir).sort();
    const again = await runAgentOnce(runOptions(w, { store: new FolderStore(w.storeDir) }));
    expect(again.outcomes.map((o) => [o.proposalId, o.status])).to.deep.equal([
      [w.grant, "already-voted"],
      [w.lower, "already-voted"],
    ]);
    expect(fs.readdirSync(w.storeDir).sort()).to.deep.equal(files);
    expect((await voteCast(w, w.grant)).length).to.equal(1);
    expect(await w.governor.proposalVotes(w.grant)).to.deep.equal([0n, 200n * M, 0n]);
  });

  it("refuses a model directory that does not match the on-chain weights root, naming the path and the file", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-tampered-")), "weights");
    fs.cpSync(w.model.dir, copy, { recursive: true });
    fs.copyFileSync(`${w.model.dir}.manifest.json`, `${copy}.manifest.json`);
    const bytes = fs.readFileSync(path.join(copy, "weights.bin"));
    bytes[100] ^= 1;
    fs.writeFileSync(path.join(copy, "weights.bin"), bytes);
    const run = runAgentOnce(runOptions(w, { modelDirs: copy }));
    await expect(run).to.be.rejectedWith(
      AgentModelMismatchError,
      `refusing model directory ${copy}: it is not model #1`,
    );
    await expect(runAgentOnce(runOptions(w, { modelDirs: copy }))).to.be.rejectedWith(/modified: weights\.bin/);
    expect(await w.governor.hasVoted(w.grant, await w.agentDelegate.getAddress())).to.equal(false);
    expect(fs.readdirSync(w.storeDir)).to.deep.equal([]);
  });

  it("explains that a placeholder genesis root (config/hardhat.json as is) can match no model directory", async () => {
    const d = await loadFixture(deployFixture);
    const w = fresh(await loadFixture(runtimeWorld));
    const suite = { ...d, fromBlock: 0 };
    await propose({ ...w, ...d, suite }, await proposals.grant({ ...w, ...d, suite }));
    await expect(runAgentOnce(runOptions({ ...w, ...d, suite }))).to.be.rejectedWith(
      `refusing model directory ${w.model.dir}: model #1's on-chain weights root ${PLACEHOLDER_GENESIS_ROOT} is the placeholder of config/<network>.json`,
    );
  });

  it("abstains below the confidence threshold, and says so in the rationale", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const r = await runAgentOnce(runOptions(w, { minConfidence: 0.99 }));
    expect(
      r.outcomes.map((o) => [o.proposalId, o.decision, o.document!.basis, o.document!.modelSupport]),
    ).to.deep.equal([
      [w.grant, "Abstain", "low-confidence", "For"],
      [w.lower, "Against", "model", "Against"],
    ]);
    expect(r.outcomes[0].document!.rationale).to.match(
      /^Abstain: the model leaned For with confidence 0\.98, below the threshold 0\.99, so the AI delegate does not take a side\./,
    );
    expect(await w.governor.proposalVotes(w.grant)).to.deep.equal([0n, 0n, 200n * M]);
  });

  it("a relayed ballot that expired counts nothing; the next pass signs a fresh one", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const r = await runAgentOnce(runOptions(w, { relayer: lateRelayer(w), ballotTtl: 60 }));
    expect(r.outcomes.map((o) => o.status)).to.deep.equal(["expired", "expired"]);
    expect(r.outcomes[0].detail).to.match(
      /^the relayed ballot expired at \d+ before it was mined: signed again next pass$/,
    );
    expect(await w.governor.hasVoted(w.grant, await w.agentDelegate.getAddress())).to.equal(false);
    const next = await runAgentOnce(runOptions(w));
    expect(next.outcomes.map((o) => [o.status, o.decision])).to.deep.equal([
      ["voted", "For"],
      ["voted", "Against"],
    ]);
  });

  it("respects a committee-forced abstain (the model's verdict stays in the rationale)", async () => {
    const w = fresh(await loadFixture(twoProposals));
    for (const m of w.c.slice(0, 3))
      await w.agentDelegate.connect(m).signalForceAbstain(w.lower, "conflict of interest");
    const r = await runAgentOnce(runOptions(w));
    const o = r.outcomes[1];
    expect([o.status, o.decision, o.document!.basis, o.document!.modelSupport]).to.deep.equal([
      "voted",
      "Abstain",
      "forced-abstain",
      "Against",
    ]);
    expect(await w.governor.proposalVotes(w.lower)).to.deep.equal([0n, 0n, 200n * M]);
  });

  it("the DAO's vote cap applies to the relayed vote", async () => {
    const w = fresh(await loadFixture(runtimeWorld));
    await w.constitution.connect(await impersonate(w.timelockAddress)).setAgentVoteCapBps(1000);
    const id = await propose(w, await proposals.lowerSupermajority(w));
    const r = await runAgentOnce(runOptions(w));
    // 10% of the voting supply (1,000M minus the treasury's 400M) = 60M of the 200M delegated.
    expect(r.outcomes.map((o) => [o.status, o.decision, o.weight])).to.deep.equal([["voted", "Against", 60n * M]]);
    expect(await w.governor.proposalVotes(id)).to.deep.equal([60n * M, 0n, 0n]);
  });

  it("does not vote on a proposal with a recused action (the DAO's recusal list)", async () => {
    const w = fresh(await loadFixture(runtimeWorld));
    const constitution = await w.constitution.getAddress();
    const data = w.constitution.interface.encodeFunctionData("setAgentVoteCapBps", [500]);
    const id = await propose(w, { targets: [constitution], values: [0n], calldatas: [data], description: "AI cap 5%" });
    const r = await runAgentOnce(runOptions(w));
    expect(r.outcomes).to.deep.equal([
      { proposalId: id, status: "recused", detail: `${constitution} ${data.slice(0, 10)}` },
    ]);
    expect(await w.governor.hasVoted(id, await w.agentDelegate.getAddress())).to.equal(false);
    expect(fs.readdirSync(w.storeDir)).to.deep.equal([]);
  });

  it("refuses to sign with a key that is not the active agent's, naming the fix", async () => {
    const w = fresh(await loadFixture(twoProposals));
    await expect(runAgentOnce(runOptions(w, { operator: w.bob }))).to.be.rejectedWith(
      `the operator key ${w.bob.address} is not the active agent ${w.agent.address} (model #1's operator): set BYTOMDAO_AGENT_KEY`,
    );
  });
});

describe("AI delegate runtime (sdk/agent): agent:audit", function () {
  this.timeout(300_000);

  const audit = (w: RuntimeWorld, id: bigint, modelDirs = w.model.dir) =>
    auditAgentVote(
      {
        suite: w.suite,
        loader: mlModelLoader,
        modelDirs,
        store: new FolderStore(w.storeDir),
        book: addressBook(w.addresses),
      },
      id,
    );

  /** A ballot cast by the operator key with a chosen support and document (a dishonest or buggy operator). */
  async function castWith(w: RuntimeWorld, id: bigint, support: number, doc: RationaleDocument) {
    const stored = await new FolderStore(w.storeDir).put(rationaleBytes(doc));
    const ballot = {
      proposalId: id,
      support,
      reason: stored.uri,
      rationaleHash: stored.hash,
      modelId: 1n,
      expiry: BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n,
    };
    const signature = await signAgentBallot(w.agentDelegate, w.agent, ballot);
    const proposal = await createdProposal(w.suite, id);
    await signerRelayer(w.agentDelegate, w.bob).submit({ ballot, signature, actions: actionsStruct(proposal) });
    return stored;
  }

  async function honestDocument(w: RuntimeWorld, id: bigint) {
    const onChain = await onChainModel(w.modelRegistry, 1n);
    const model = await mlModelLoader.load(w.model.dir, onChain.weightsRoot);
    return rationaleFor({
      suite: w.suite,
      model,
      onChain,
      proposal: await createdProposal(w.suite, id),
      book: addressBook(w.addresses),
      minConfidence: 0.6,
      forcedAbstain: false,
    });
  }

  it("confirms the runtime's vote: decision and both hashes match", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const r = await runAgentOnce(runOptions(w));
    const report = await audit(w, w.lower);
    expect(report.ok).to.equal(true);
    expect(report.checks.map((c) => [c.name, c.ok])).to.deep.equal([
      ["model", true],
      ["published document", true],
      ["published hash", true],
      ["decision", true],
      ["recomputed hash", true],
    ]);
    expect(report.recomputed.hash).to.equal(r.outcomes[1].rationaleHash);
    expect([report.vote.support, report.vote.modelId, report.vote.relayed]).to.deep.equal(["Against", 1n, true]);
  });

  it("catches a wrong decision (the ballot says For where the model says Against)", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const doc = await honestDocument(w, w.lower);
    await castWith(w, w.lower, SUPPORT_VALUE.For, doc);
    const report = await audit(w, w.lower);
    expect(report.ok).to.equal(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).to.deep.equal([
      ["decision", "on chain For, but the model re-run decides Against (model, confidence 0.9992)"],
    ]);
  });

  it("catches a wrong hash: a rationale that is not the model's, and a published document altered afterwards", async () => {
    const w = fresh(await loadFixture(twoProposals));
    const doc = await honestDocument(w, w.lower);
    const forged = { ...doc, rationale: "Against: the treasury needs protecting." };
    const stored = await castWith(w, w.lower, SUPPORT_VALUE.Against, forged);
    const report = await audit(w, w.lower);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).to.deep.equal(["recomputed hash"]);
    expect(report.differences).to.deep.equal([
      `rationale: recomputed ${JSON.stringify(doc.rationale)}, published "Against: the treasury needs protecting."`,
    ]);

    // The honest runtime's vote on the grant, then its published document is altered.
    await runAgentOnce(runOptions(w));
    const file = new FolderStore(w.storeDir).fileOf((await audit(w, w.grant)).vote.uri);
    const published = JSON.parse(fs.readFileSync(file, "utf8")) as RationaleDocument;
    fs.writeFileSync(file, new TextDecoder().decode(rationaleBytes({ ...published, confidence: "0.9999" })));
    const tampered = await audit(w, w.grant);
    expect(tampered.checks.filter((c) => !c.ok).map((c) => c.name)).to.deep.equal(["published hash"]);
    expect(tampered.differences).to.deep.equal([`confidence: recomputed "0.9790", published "0.9999"`]);
    void stored;
  });

  it("refuses a model directory other than the one that voted, naming the path", async () => {
    const w = fresh(await loadFixture(twoProposals));
    await runAgentOnce(runOptions(w));
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-empty-model-"));
    await expect(audit(w, w.grant, empty)).to.be.rejectedWith(`refusing model directory ${empty}: it is not model #1`);
  });
});
