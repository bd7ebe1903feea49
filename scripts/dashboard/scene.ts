/**
 * The dashboard's own chain and voting scene, for the e2e test and for `npm run dashboard` on top of the stack:
 *
 * - startDashboardChain: anvil on a given port, constitution v1's model trained for real (so the AI delegate's
 *   runtime can verify and load model #1), the suite deployed with that model as genesis model #1.
 * - playVotingScene: on any deployed suite, a proposal left open for voting on the page: holders delegate (one to
 *   the AI delegate), a draft is submitted, commented, approved by the committee and put to the vote; one holder
 *   votes For, and the AI delegate's runtime votes with a published rationale (FolderStore, served by the web server
 *   under /documents/rationales/). Everything through the SDK, as the tasks do.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, type JsonRpcSigner } from "ethers";
import { startLocalNode } from "../node/local-node";
import { connectSuite } from "../../sdk/connect";
import { readDeployment } from "../../sdk/deployments";
import { advanceTime } from "../../sdk/dev";
import { action, approveDraft, castVote, commentDraft, putToVote, submitDraft, Support } from "../../sdk/governance";
import { FolderStore, addressBook, runAgentOnce, signerRelayer } from "../../sdk/agent";
import { trainModelDir } from "../../ml";
import { mlModelLoader } from "../../ml/agent";

const ROOT = path.join(__dirname, "..", "..");

export interface DashboardChain {
  rpcUrl: string;
  chainId: number;
  deploymentFile: string;
  addresses: Record<string, string>;
  /** Model id → the directory of its weights (the genesis model here). */
  modelDirs: Record<string, string>;
  tmpDir: string;
  stop(): Promise<void>;
}

/** anvil + constitution v1's model trained + the suite deployed with that model as genesis model #1. */
export async function startDashboardChain(
  port: number,
  log: (line: string) => void = console.log,
): Promise<DashboardChain> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-dashboard-"));
  const node = await startLocalNode(port, log);
  try {
    const modelDir = path.join(tmpDir, "model-v1");
    const t = Date.now();
    const trained = await trainModelDir({ version: 1, outDir: modelDir, checkpointEvery: 60 });
    log(
      `constitution v1's model trained in ${((Date.now() - t) / 1000).toFixed(1)} s, weights root ${trained.weightsRoot}`,
    );
    const deployments = path.join(tmpDir, "deployments");
    const r = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "hardhat"),
      ["run", "deploy/index.ts", "--network", "localhost"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: {
          ...process.env,
          LOCALHOST_URL: node.url,
          BYTOMDAO_DEPLOYMENTS: deployments,
          BYTOMDAO_GENESIS_MODEL_DIR: modelDir,
          DEPLOYER_PRIVATE_KEY: "",
        },
      },
    );
    if (r.status !== 0) throw new Error(`deploy failed:\n${r.stdout}${r.stderr}`);
    const record = readDeployment("localhost", deployments);
    log(`suite deployed (${Object.keys(record.contracts).length} contracts)`);
    return {
      rpcUrl: node.url,
      chainId: Number(record.chainId),
      deploymentFile: path.join(deployments, "localhost.json"),
      addresses: record.contracts,
      modelDirs: { "1": modelDir },
      tmpDir,
      stop: async () => {
        await node.stop();
        fs.rmSync(tmpDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await node.stop();
    throw e;
  }
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
  const { token, committee, constitution, governor, agentDelegate } = suite;
  const agentAddress = await agentDelegate.getAddress();

  const delegateTo = async (i: number, to: string) => {
    const s = await signer(i);
    if ((await token.delegates(s.address)).toLowerCase() !== to.toLowerCase()) {
      await (await token.connect(s).delegate(to)).wait();
    }
  };
  for (const i of [6, 7, 8]) await delegateTo(i, accounts[i]);
  await delegateTo(9, agentAddress);
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
  const params = await constitution.parameters();
  await advanceTime(provider, params.minDiscussionPeriod + 1n);
  await approveDraft(committee, [await signer(1), await signer(2), await signer(3)], draftId);
  const proposalId = await putToVote(committee, author, draftId, p);
  await advanceTime(provider, params.votingDelay + 1n);
  log(`draft #${draftId} commented, approved by 3 members, put to the vote: proposal ${proposalId} is Active`);

  await castVote(governor, author, proposalId, Support.For, "Documentation is overdue.");
  const operator = await provider.getSigner(await agentDelegate.activeAgent());
  const report = await runAgentOnce({
    suite,
    operator,
    relayer: signerRelayer(agentDelegate, await signer(5)),
    store: new FolderStore(o.rationaleDir),
    loader: mlModelLoader,
    modelDirs: o.modelDirs,
    book: addressBook(o.addresses),
  });
  const outcome = report.outcomes.find((x) => x.proposalId === proposalId);
  if (outcome?.status !== "voted") throw new Error(`the AI delegate did not vote on ${proposalId}: ${outcome?.status}`);
  log(`holder #6 voted For; the AI delegate voted ${outcome.decision} with a rationale at ${outcome.uri}`);
  return {
    proposalId,
    draftId,
    voters: [accounts[7], accounts[8]],
    aiDelegator: accounts[9],
    rationaleDir: o.rationaleDir,
  };
}
