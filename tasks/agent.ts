/**
 * The AI delegate's runtime on the command line: thin shells over sdk/agent (the model from ml/agent.ts).
 *
 *   BYTOMDAO_AGENT_KEY=0x.. npx hardhat agent:run --model ./models/1 [--store ./rationales] [--once] [--from relayer]
 *   npx hardhat agent:audit --proposal 1 --model ./models/1 [--store ./rationales]     (exit 1 on any mismatch)
 *   npx hardhat agent:advise --member 0x.. --preferences prefs.json --model ./models/1 [--proposal 1]
 *   npx hardhat agent:brief --proposal 1
 *
 * The operator key (the active model's, which signs ballots and needs no ETH) comes from BYTOMDAO_AGENT_KEY or an
 * encrypted keystore (BYTOMDAO_AGENT_KEYSTORE + BYTOMDAO_AGENT_KEYSTORE_PASSWORD); on local nodes `--operator
 * <index|address>` may name one of the node's accounts. `--from` is the relayer that submits the ballot and pays.
 */
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Signer } from "ethers";

const cli = () => import("./cli/shared");
const sdkAgent = () => import("../sdk/agent");

const FROM = "Relayer account that submits the signed ballot and pays gas: index or address";
const MODEL = "Directory of the model's weights (verified against its on-chain weights root before use)";

async function fail(message: string): Promise<never> {
  const { HardhatPluginError } = await import("hardhat/plugins");
  throw new HardhatPluginError("bytomdao", message);
}

/** The operator key: BYTOMDAO_AGENT_KEY, an encrypted keystore, or (local nodes) --operator. */
async function operatorOf(hre: HardhatRuntimeEnvironment, operator?: string): Promise<Signer> {
  const { ethers } = hre;
  const fs = await import("node:fs");
  if (process.env.BYTOMDAO_AGENT_KEY) return new ethers.Wallet(process.env.BYTOMDAO_AGENT_KEY, ethers.provider);
  if (process.env.BYTOMDAO_AGENT_KEYSTORE) {
    const password = process.env.BYTOMDAO_AGENT_KEYSTORE_PASSWORD;
    if (!password) throw new Error("BYTOMDAO_AGENT_KEYSTORE is set: set BYTOMDAO_AGENT_KEYSTORE_PASSWORD too");
    const wallet = await ethers.Wallet.fromEncryptedJson(
      fs.readFileSync(process.env.BYTOMDAO_AGENT_KEYSTORE, "utf8"),
      password,
    );
    return wallet.connect(ethers.provider);
  }
  const { LOCAL_NETWORKS, signerFrom } = await cli();
  if (operator !== undefined && LOCAL_NETWORKS.includes(hre.network.name)) return signerFrom(hre, operator);
  throw new Error(
    "no operator key: set BYTOMDAO_AGENT_KEY (the active model's operator key) or BYTOMDAO_AGENT_KEYSTORE and " +
      "BYTOMDAO_AGENT_KEYSTORE_PASSWORD" +
      (LOCAL_NETWORKS.includes(hre.network.name) ? ", or pass --operator <index|address> on this local node" : ""),
  );
}

async function suiteAndBook(hre: HardhatRuntimeEnvironment, from?: string) {
  const { suiteOf } = await cli();
  const { addressBook } = await sdkAgent();
  const s = await suiteOf(hre, from);
  return { ...s, suite: { ...s, fromBlock: s.fromBlock }, book: addressBook(s.record.contracts) };
}

task(
  "agent:run",
  "Runs the AI delegate: decides every Active proposal, publishes the rationale, relays a signed ballot",
)
  .addParam("model", MODEL)
  .addOptionalParam("store", "Folder of rationale documents (content-addressed, <hash>.json)", "rationales")
  .addOptionalParam("baseUri", "Public URI prefix of the store folder (default: its file:// URL)")
  .addOptionalParam("minConfidence", "Abstain below this confidence", 0.6, types.float)
  .addOptionalParam("ttl", "Seconds a signed ballot stays valid", 3600, types.int)
  .addOptionalParam("confirmations", "Confirmations to wait for each vote", 1, types.int)
  .addOptionalParam("interval", "Seconds between passes", 15, types.int)
  .addFlag("once", "One pass, then exit")
  .addOptionalParam("operator", "Local nodes only: the operator's account (index or address) instead of the env key")
  .addOptionalParam("from", FROM)
  .setAction(
    async (
      args: {
        model: string;
        store: string;
        baseUri?: string;
        minConfidence: number;
        ttl: number;
        confirmations: number;
        interval: number;
        once: boolean;
        operator?: string;
        from?: string;
      },
      hre,
    ) => {
      const { explained } = await cli();
      return explained(hre, async () => {
        const a = await sdkAgent();
        const { mlModelLoader } = await import("../ml/agent");
        const { signer, suite, book, agentDelegate } = await suiteAndBook(hre, args.from);
        const operator = await operatorOf(hre, args.operator);
        const options = {
          suite,
          operator,
          relayer: a.signerRelayer(agentDelegate, signer, args.confirmations),
          store: new a.FolderStore(args.store, args.baseUri),
          loader: mlModelLoader,
          modelDirs: args.model,
          minConfidence: args.minConfidence,
          ballotTtl: args.ttl,
          book,
          log: (line: string) => console.log(line),
        };
        const summary = (r: Awaited<ReturnType<typeof a.runAgentOnce>>) => {
          const count = (s: string) => r.outcomes.filter((o) => o.status === s).length;
          console.log(
            `pass: model #${r.modelId}, ${r.active} active proposal(s): ${count("voted")} voted, ` +
              `${count("already-voted")} already voted, ${count("recused")} recused, ${count("expired")} expired, ` +
              `${count("failed")} failed`,
          );
          return r;
        };
        if (args.once) {
          const r = summary(await a.runAgentOnce(options));
          if (r.outcomes.some((o) => o.status === "failed")) await fail("some votes failed (see above)");
          return r;
        }
        const controller = new AbortController();
        process.once("SIGINT", () => controller.abort());
        process.once("SIGTERM", () => controller.abort());
        console.log(`agent:run watching the governor every ${args.interval} s (Ctrl-C to stop)`);
        await a.runAgent({ ...options, intervalMs: args.interval * 1000, signal: controller.signal, onPass: summary });
      });
    },
  );

task("agent:audit", "Re-runs the model that was active when the AI voted and checks the decision and rationale hash")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addParam("model", "Directory of the model that voted (verified against its on-chain weights root)")
  .addOptionalParam("store", "Folder holding published rationale documents (else the vote's URI is read)")
  .setAction(async (args: { proposal: bigint; model: string; store?: string }, hre) => {
    const { explained } = await cli();
    const report = await explained(hre, async () => {
      const a = await sdkAgent();
      const { mlModelLoader } = await import("../ml/agent");
      const { suite, book } = await suiteAndBook(hre);
      return a.auditAgentVote(
        {
          suite,
          loader: mlModelLoader,
          modelDirs: args.model,
          store: args.store ? new a.FolderStore(args.store) : undefined,
          book,
        },
        args.proposal,
      );
    });
    const v = report.vote;
    console.log(
      `AI vote on proposal ${v.proposalId}: ${v.support} by model #${v.modelId}, weight ${v.weight}, ` +
        `rationale ${v.uri} (hash ${v.rationaleHash})`,
    );
    for (const c of report.checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
    if (!report.ok) {
      const diff = report.differences.length ? `\n  differs: ${report.differences.join("\n  differs: ")}` : "";
      await fail(
        `audit of proposal ${v.proposalId} failed: ${report.checks
          .filter((c) => !c.ok)
          .map((c) => c.name)
          .join(", ")}${diff}`,
      );
    }
    console.log("audit OK: the on-chain decision and the rationale hash match the re-run");
    return report;
  });

task("agent:advise", "Personal advice: your preference profile applied to the model's reading of a proposal")
  .addParam("member", "The member's address")
  .addParam("preferences", "Preference profile JSON (docs/agent.md)")
  .addParam("model", "Directory of the active model (verified against its on-chain weights root)")
  .addOptionalParam("proposal", "Proposal id (default: every Active proposal)", undefined, types.bigint)
  .setAction(async (args: { member: string; preferences: string; model: string; proposal?: bigint }, hre) => {
    const { explained } = await cli();
    return explained(hre, async () => {
      const fs = await import("node:fs");
      const path = await import("node:path");
      const a = await sdkAgent();
      const { mlModelLoader } = await import("../ml/agent");
      if (!hre.ethers.isAddress(args.member)) throw new Error(`--member "${args.member}" is not an address`);
      const prefs = a.readPreferences(args.preferences);
      const { suite, book, constitution, modelRegistry } = await suiteAndBook(hre);
      const onChain = await a.onChainModel(modelRegistry, await constitution.activeModelId());
      const model = await a.loadOnChainModel(mlModelLoader, args.model, onChain);
      const text = fs.readFileSync(path.join(__dirname, "..", "constitution", `v${model.version}.md`), "utf8");
      const ids = args.proposal !== undefined ? [args.proposal] : await a.activeProposalIds(suite);
      if (ids.length === 0) console.log("No Active proposal: pass --proposal N.");
      const out = [];
      for (const id of ids) {
        const advice = await a.adviseMember(
          { suite, model, book, articleTitles: a.articleTitles(text), network: hre.network.name },
          args.member,
          prefs,
          id,
        );
        for (const line of advice.lines) console.log(line);
        out.push(advice);
      }
      return out;
    });
  });

task(
  "agent:brief",
  "Decision support: actions, treasury impact, code pins, votes vs the line and quorum, similar past proposals",
)
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .setAction(async (args: { proposal: bigint }, hre) => {
    const { explained } = await cli();
    return explained(hre, async () => {
      const a = await sdkAgent();
      const { suite, book } = await suiteAndBook(hre);
      const brief = await a.briefProposal(suite, args.proposal, { book });
      for (const line of brief.lines) console.log(line);
      return brief;
    });
  });
