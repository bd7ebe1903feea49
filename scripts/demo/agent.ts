/**
 * Demo stages of the AI delegate's runtime (sdk/agent, docs/agent.md): the genesis model trained for real before
 * deployment; the AI delegate reads a proposal and votes with a published rationale through a relayed ballot; a
 * member asks for advice, sees a disagreement and overrides; agent:audit confirms the AI vote; a tampered rationale
 * is caught.
 */
import fs from "node:fs";
import path from "node:path";
import type { Signer } from "ethers";
import { trainModelDir } from "../../ml";
import { mlModelLoader } from "../../ml/agent";
import {
  FolderStore,
  addressBook,
  adviseMember,
  articleTitles,
  auditAgentVote,
  loadOnChainModel,
  onChainModel,
  runAgentOnce,
  signerRelayer,
  type AgentSuite,
  type Preferences,
} from "../../sdk/agent";
import { castOverride, parseSupport } from "../../sdk/governance";
import { formatTokens } from "../../sdk/units";

/** Trains constitution v1's model (the genesis model #1): the deployment anchors its weights root. */
export async function trainGenesisModel(tmpDir: string, log: (line: string) => void) {
  const dir = path.join(tmpDir, "model-v1", "weights");
  const r = await trainModelDir({ version: 1, outDir: dir, checkpointEvery: 60, log: (l) => log(`[train v1] ${l}`) });
  log(
    `[train v1] constitution v1's model trained in ${(r.trainMs / 1000).toFixed(1)} s: eval accuracy ` +
      `${(r.metrics.accuracy * 100).toFixed(1)}% on ${r.metrics.examples} proposals; weights root ${r.weightsRoot}`,
  );
  return { dir, root: r.weightsRoot };
}

export interface AgentVoteStageArgs {
  suite: AgentSuite;
  addresses: Record<string, string>;
  operator: Signer;
  relayer: Signer;
  modelDir: string;
  storeDir: string;
  log: (line: string) => void;
}

/** The AI delegate's runtime, one pass (`npx hardhat agent:run --once`). */
export async function runAgentStage(a: AgentVoteStageArgs) {
  const store = new FolderStore(a.storeDir);
  const report = await runAgentOnce({
    suite: a.suite,
    operator: a.operator,
    relayer: signerRelayer(a.suite.agentDelegate, a.relayer),
    store,
    loader: mlModelLoader,
    modelDirs: a.modelDir,
    book: addressBook(a.addresses),
  });
  a.log(
    `agent:run --once: model #${report.modelId} verified against its on-chain root ${report.weightsRoot.slice(0, 18)}…`,
  );
  for (const o of report.outcomes) {
    const d = o.document;
    a.log(
      `AI agent    proposal ${o.proposalId}: ${o.status} ${o.decision ?? ""} (confidence ${o.confidence}, ` +
        `clauses ${d?.clauses.map((c) => `§${c.id} ${c.score}`).join(", ") || "none above the threshold"}), ` +
        `counted with ${formatTokens(o.weight ?? 0n, 0)} BTMG`,
    );
    if (d) {
      a.log(
        `            rationale ${o.uri} (hash ${o.rationaleHash?.slice(0, 18)}…), ballot signed by the operator, relayed`,
      );
      a.log(`            "${d.rationale.slice(0, 150)}…"`);
    }
  }
  return report;
}

export interface AdviceStageArgs {
  suite: AgentSuite;
  addresses: Record<string, string>;
  modelDir: string;
  member: Signer;
  memberName: string;
  preferences: Preferences;
  proposalId: bigint;
  tmpDir: string;
  log: (line: string) => void;
}

/** A member asks for advice (`agent:advise`) and, if it differs from the AI delegate's vote, overrides it. */
export async function adviceStage(a: AdviceStageArgs) {
  const { suite } = a;
  const prefsFile = path.join(a.tmpDir, `${a.memberName}-prefs.json`);
  fs.writeFileSync(prefsFile, JSON.stringify(a.preferences, null, 2));
  const onChain = await onChainModel(suite.modelRegistry, await suite.constitution.activeModelId());
  const model = await loadOnChainModel(mlModelLoader, a.modelDir, onChain);
  const text = fs.readFileSync(path.join(__dirname, "..", "..", "constitution", `v${model.version}.md`), "utf8");
  const member = await a.member.getAddress();
  a.log(
    `${a.memberName} asks: npx hardhat agent:advise --member ${member} --preferences ${a.memberName}-prefs.json --proposal ${a.proposalId}`,
  );
  a.log(`  preferences: ${JSON.stringify(a.preferences)}`);
  const advice = await adviseMember(
    { suite, model, book: addressBook(a.addresses), articleTitles: articleTitles(text), network: "hardhat" },
    member,
    a.preferences,
    a.proposalId,
  );
  for (const line of advice.lines) a.log(`  | ${line}`);
  if (advice.differs) {
    await castOverride(
      suite.governor,
      a.member,
      a.proposalId,
      parseSupport(advice.recommendation),
      "my own view (agent:advise)",
    );
    a.log(
      `${a.memberName} runs the command: overrides the AI delegate with ${advice.recommendation.toLowerCase()} on his own balance`,
    );
  }
  return advice;
}

/** agent:audit on the genuine rationale, then on a tampered copy of the store. */
export async function auditStage(a: {
  suite: AgentSuite;
  addresses: Record<string, string>;
  modelDir: string;
  storeDir: string;
  proposalId: bigint;
  log: (line: string) => void;
}) {
  const audit = (storeDir: string) =>
    auditAgentVote(
      {
        suite: a.suite,
        loader: mlModelLoader,
        modelDirs: a.modelDir,
        store: new FolderStore(storeDir),
        book: addressBook(a.addresses),
      },
      a.proposalId,
    );
  a.log(`anyone: npx hardhat agent:audit --proposal ${a.proposalId} --model <model #1 dir> --store <rationales>`);
  const ok = await audit(a.storeDir);
  for (const c of ok.checks) a.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  a.log(
    `  → ${ok.ok ? "audit OK (exit 0): the AI vote is the model's, and its rationale is the published one" : "AUDIT FAILED"}`,
  );

  // Someone edits the published rationale afterwards (a copy of the store, the original stays).
  const tampered = `${a.storeDir}-tampered`;
  fs.cpSync(a.storeDir, tampered, { recursive: true });
  const file = path.join(tampered, `${ok.vote.rationaleHash.slice(2)}.json`);
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { confidence: string };
  fs.writeFileSync(
    file,
    fs.readFileSync(file, "utf8").replace(`"confidence":"${doc.confidence}"`, `"confidence":"0.5000"`),
  );
  a.log(`someone edits the published rationale: confidence ${doc.confidence} → 0.5000`);
  const bad = await audit(tampered);
  for (const c of bad.checks.filter((x) => !x.ok)) a.log(`  FAIL ${c.name}: ${c.detail}`);
  for (const d of bad.differences) a.log(`  differs: ${d}`);
  a.log(`  → ${bad.ok ? "NOT DETECTED" : "tampering caught (agent:audit exits 1)"}`);
  return { ok: ok.ok, tamperedCaught: !bad.ok };
}
