/**
 * What the dashboard shows, played on a local node:
 *
 * - the stack (scripts/dashboard/stack.ts): a node, the demo cycle with work in progress, Ponder on PGlite.
 * - ensureModels: every model on chain rebuilt from the shipped corpus (training is deterministic) into a cache, each
 *   checked against its on-chain weights root, so that the AI delegate's runtime can vote and its past rationales can
 *   be recomputed.
 * - playVotingScene: a proposal left open for voting on the page, with a holder's For vote and the AI delegate's
 *   vote with its published rationale.
 * - republishRationales: the AI delegate's earlier rationale documents, recomputed (agent:audit) and stored when they
 *   hash to what the chain holds, so that the page can show and check them.
 *
 * Everything through the SDK, as the tasks do.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, JsonRpcSigner } from "ethers";
import { assertPortFree } from "../node/local-node";
import { startStack, type Stack } from "./stack";
import { startWeb } from "./web";
import { connectSuite, type SuiteContracts } from "../../sdk/connect";
import { advanceTime, assertLocalChain, travelPast } from "../../sdk/dev";
import {
  Support,
  action,
  approveDraft,
  castAgentVote,
  castVote,
  commentDraft,
  putToVote,
  submitDraft,
} from "../../sdk/governance";
import {
  FolderStore,
  addressBook,
  auditAgentVote,
  DEFAULT_MIN_CONFIDENCE,
  SUPPORT_VALUE,
  createdProposal,
  documentFileName,
  loadOnChainModel,
  modelDirFor,
  onChainModel,
  rationaleBytes,
  rationaleFor,
  runAgentOnce,
  signerRelayer,
} from "../../sdk/agent";
import { readEvents } from "../../sdk/events";
import { mlCodeHash, trainModelDir } from "../../ml";
import { mlModelLoader } from "../../ml/agent";

const ROOT = path.join(__dirname, "..", "..");

/** What the page needs from a running chain: the stack's (scripts/dashboard/stack.ts). */
export type DashboardStack = Stack;

/** The cache of trained models: one directory per constitution version and ml/ code hash. */
const MODEL_CACHE = path.join(os.tmpdir(), "bytomdao-dashboard-models");

/** Constitution `version`'s model trained from the shipped corpus as the demo trains it (cached). */
async function trainedModel(version: number, log: (line: string) => void): Promise<string> {
  const dir = path.join(MODEL_CACHE, `${mlCodeHash().slice(2, 14)}-v${version}`);
  if (fs.existsSync(path.join(dir, "model.json"))) return dir;
  const t = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  const r = await trainModelDir({ version, outDir: dir, checkpointEvery: 60 });
  log(
    `constitution v${version}'s model trained in ${((Date.now() - t) / 1000).toFixed(1)} s, weights root ${r.weightsRoot}`,
  );
  return dir;
}

/**
 * Every on-chain model whose weights this checkout rebuilds exactly: model id → directory. The runtime verifies the
 * weights root again when it loads one; a model that does not match (trained elsewhere) is left out and said.
 */
export async function ensureModels(suite: SuiteContracts, log: (line: string) => void = console.log) {
  const { buildManifest } = await import("../../sdk/manifest");
  const dirs: Record<string, string> = {};
  const count = await suite.modelRegistry.modelCount();
  for (let id = 1n; id <= count; id++) {
    const m = await suite.modelRegistry.getModel(id);
    const dir = await trainedModel(Number(m.version), log);
    const root = (await buildManifest(dir)).predicate.merkle.root;
    if (root === m.weightsRoot) dirs[id.toString()] = dir;
    else log(`model #${id} (v${m.version}) has weights root ${m.weightsRoot}; this checkout trains ${root}: left out`);
  }
  return dirs;
}

/**
 * Stores every past AI rationale document that agent:audit recomputes to the hash the vote committed to (the
 * documents of a run whose folder is gone), so that the page can show them. Returns how many were stored.
 */
export async function republishRationales(
  suite: SuiteContracts,
  modelDirs: Record<string, string>,
  store: FolderStore,
  addresses: Record<string, string>,
): Promise<number> {
  let stored = 0;
  const votes = await readEvents(suite.agentDelegate, suite.agentDelegate.filters.AgentVoteCast(), { fromBlock: 0 });
  for (const e of votes) {
    const proposalId = e.args[0] as bigint;
    const modelId = e.args[2] as bigint;
    const rationaleHash = e.args[5] as string;
    if (!modelDirs[modelId.toString()]) continue;
    if (fs.existsSync(path.join(store.dir, documentFileName(rationaleHash)))) continue;
    const report = await auditAgentVote(
      { suite, loader: mlModelLoader, modelDirs, store, book: addressBook(addresses) },
      proposalId,
    );
    if (report.recomputed.hash === rationaleHash) {
      await store.put(rationaleBytes(report.recomputed.document));
      stored++;
    }
  }
  return stored;
}

export interface VotingScene {
  proposalId: bigint;
  draftId: bigint;
  /** Holders with voting power that have not voted (self-delegated). */
  voters: string[];
  /** A holder delegating to the AI delegate, which voted: it can override. */
  aiDelegator: string;
  /** Where the AI delegate's rationale documents are (serve it as /documents/rationales/). */
  rationaleDir: string;
}

/**
 * A proposal open for voting, with a holder's For vote and the AI delegate's vote. Uses dev accounts 1-3 (committee),
 * 6 (author, votes For), 7 and 8 (self-delegated, left to vote on the page) and 9 (delegates to the AI delegate).
 */
export async function playVotingScene(o: {
  rpcUrl: string;
  addresses: Record<string, string>;
  modelDirs: Record<string, string>;
  rationaleDir: string;
  log?: (line: string) => void;
}): Promise<VotingScene> {
  const log = o.log ?? console.log;
  const provider = new ethers.JsonRpcProvider(o.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const accounts = await provider.send("eth_accounts", []);
  const signer = (i: number): Promise<JsonRpcSigner> => provider.getSigner(accounts[i]);
  const suite = connectSuite({ contracts: o.addresses }, provider);
  const { token, committee, governor, agentDelegate } = suite;
  const agentAddress = await agentDelegate.getAddress();

  const delegateTo = async (i: number, to: string) => {
    const s = await signer(i);
    if ((await token.delegates(s.address)).toLowerCase() !== to.toLowerCase()) {
      await (await token.connect(s).delegate(to)).wait();
    }
  };
  for (const i of [6, 7, 8]) await delegateTo(i, accounts[i]);
  await delegateTo(9, agentAddress);
  // Votes are read one second in the past (the governor's clock is the timestamp): let the delegations take effect.
  await advanceTime(provider, 1);
  log("holders #6-#8 delegate to themselves, #9 to the AI delegate");

  const author = await signer(6);
  const grant = ethers.parseUnits("50000", 18);
  const recipient = accounts[12];
  const p = action(
    await token.getAddress(),
    token.interface.encodeFunctionData("transfer", [recipient, grant]),
    `Community grant: 50,000 BTMG from the treasury to the documentation fund\n\nPays for the dashboard's user guide and translations (${new Date().toISOString()}).`,
  );
  const draftId = await submitDraft(committee, author, p);
  await commentDraft(
    committee,
    await signer(7),
    draftId,
    "Who reviews the translations?",
    "https://forum.bytomdao.example/t/docs-fund",
  );
  await travelPast(provider, await committee.discussionEndsAt(draftId));
  await approveDraft(committee, [await signer(1), await signer(2), await signer(3)], draftId);
  const proposalId = await putToVote(committee, author, draftId, p);
  await travelPast(provider, await governor.proposalSnapshot(proposalId));
  log(`draft #${draftId} commented, approved by 3 members, put to the vote: proposal ${proposalId} is Active`);

  await castVote(governor, author, proposalId, Support.For, "Documentation is overdue.");
  const vote = await aiDelegateVote(suite, provider, accounts, proposalId, o);
  log(`holder #6 voted For; the AI delegate voted ${vote.decision} with a rationale at ${vote.uri}`);
  return {
    proposalId,
    draftId,
    voters: [accounts[7], accounts[8]],
    aiDelegator: accounts[9],
    rationaleDir: o.rationaleDir,
  };
}

export interface RunningDashboard {
  url: string;
  stack: DashboardStack;
  scene: VotingScene;
  /** On-chain model id → the directory it was rebuilt into (served under /models/<id>/). */
  modelDirs: Record<string, string>;
  /** Seconds from the call to the page being served. */
  seconds: number;
  stop(): Promise<void>;
}

/** The stack, the models, the voting scene, the past rationales and the web server, in that order. */
export async function startDashboard(o: {
  rpcPort: number;
  indexerPort: number;
  webPort: number;
  log?: (line: string) => void;
  /** The web server's test hooks (web.ts testHooks): the e2e serves tampered weights with them. */
  testHooks?: boolean;
}): Promise<RunningDashboard> {
  const log = o.log ?? console.log;
  const started = Date.now();
  await assertPortFree(o.webPort);
  log("starting the stack: node, demo cycle, indexer on PGlite (scripts/dashboard/stack.ts)");
  const stack = await startStack({ rpcPort: o.rpcPort, indexerPort: o.indexerPort, cycle: true, log });
  const documentsDir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-dashboard-documents-"));
  let web: { url: string; stop(): Promise<void> } | undefined;
  const stop = async () => {
    await web?.stop();
    await stack.stop();
    fs.rmSync(documentsDir, { recursive: true, force: true });
  };
  try {
    const provider = new ethers.JsonRpcProvider(stack.rpcUrl, undefined, { staticNetwork: true });
    const suite = connectSuite({ contracts: stack.addresses }, provider);
    const modelDirs = await ensureModels(suite, log);
    const rationaleDir = path.join(documentsDir, "rationales");
    const scene = await playVotingScene({
      rpcUrl: stack.rpcUrl,
      addresses: stack.addresses,
      modelDirs,
      rationaleDir,
      log,
    });
    const republished = await republishRationales(suite, modelDirs, new FolderStore(rationaleDir), stack.addresses);
    if (republished) log(`${republished} earlier AI rationale(s) recomputed and published`);
    const documents: Record<string, string> = { rationales: rationaleDir };
    for (const [id, dir] of Object.entries(modelDirs)) documents[`models/${id}`] = dir;
    web = await startWeb({
      port: o.webPort,
      config: {
        rpcUrl: stack.rpcUrl,
        chainId: stack.chainId,
        addresses: stack.addresses,
        indexerUrl: stack.indexerUrl,
        devAccounts: true,
      },
      documents,
      models: modelDirs,
      testHooks: o.testHooks,
      log,
    });
    return { url: web.url, stack, scene, modelDirs, seconds: Math.round((Date.now() - started) / 1000), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The AI delegate votes on `proposalId` with the runtime's rationale document. When the active agent is a dev
 * account, through the runtime itself (agent:run: signed ballot, relayed). When its key is not here (the demo's model
 * operators are addresses derived from a label), the local node impersonates the operator (anvil_impersonateAccount)
 * and the vote is sent directly (AgentDelegate.castVote) with the same document: local nodes only.
 */
async function aiDelegateVote(
  suite: SuiteContracts,
  provider: ethers.JsonRpcProvider,
  accounts: string[],
  proposalId: bigint,
  o: { addresses: Record<string, string>; modelDirs: Record<string, string>; rationaleDir: string },
): Promise<{ decision: string; uri: string }> {
  const { agentDelegate } = suite;
  const agent = await agentDelegate.activeAgent();
  const store = new FolderStore(o.rationaleDir);
  const book = addressBook(o.addresses);
  if (accounts.some((a) => a.toLowerCase() === agent.toLowerCase())) {
    const report = await runAgentOnce({
      suite,
      operator: await provider.getSigner(agent),
      relayer: signerRelayer(agentDelegate, await provider.getSigner(accounts[5])),
      store,
      loader: mlModelLoader,
      modelDirs: o.modelDirs,
      book,
    });
    const outcome = report.outcomes.find((x) => x.proposalId === proposalId);
    if (outcome?.status !== "voted")
      throw new Error(`the AI delegate did not vote on ${proposalId}: ${outcome?.status}`);
    return { decision: outcome.decision!, uri: outcome.uri! };
  }
  await assertLocalChain(provider);
  const modelId = await suite.constitution.activeModelId();
  const onChain = await onChainModel(suite.modelRegistry, modelId);
  const model = await loadOnChainModel(mlModelLoader, modelDirFor(o.modelDirs, modelId), onChain);
  const doc = await rationaleFor({
    suite,
    model,
    onChain,
    proposal: await createdProposal(suite, proposalId),
    book,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    forcedAbstain: await agentDelegate.isAbstainForced(proposalId),
  });
  const stored = await store.put(rationaleBytes(doc));
  await provider.send("anvil_impersonateAccount", [agent]);
  try {
    await provider.send("anvil_setBalance", [agent, ethers.toQuantity(ethers.parseEther("1"))]);
    const operator = new JsonRpcSigner(provider, agent);
    await castAgentVote(
      agentDelegate,
      suite.governor,
      operator,
      proposalId,
      SUPPORT_VALUE[doc.decision],
      stored.uri,
      stored.hash,
    );
  } finally {
    await provider.send("anvil_stopImpersonatingAccount", [agent]);
  }
  return { decision: doc.decision, uri: stored.uri };
}
