/**
 * npm run test:e2e: the dashboard end to end in a real browser (playwright-core driving Debian's chromium; no
 * browser download). Starts the dashboard as `npm run dashboard` does (the stack: node, demo cycle, indexer on PGlite;
 * a proposal open for voting with the AI delegate's vote; the web server), then, on the page:
 *
 *   - the constitution in force: its version, text hash and parameters equal the chain's, and the text served
 *     hashes to the on-chain hash;
 *   - a vote cast through the page with a dev account: the tally shown rises by exactly that account's weight, and
 *     equals governor.proposalVotes;
 *   - an override through the page by a holder delegating to the AI delegate (which voted): the override is counted
 *     with the holder's balance at the snapshot, the AI delegate's side loses it, the page shows the chain's tally;
 *   - the AI delegate's ballot with its rationale, the document checked against the on-chain rationale hash;
 *   - the member page's personal advice, computed in the browser from model files checked against the on-chain
 *     weights root: the same recommendation and score as the SDK's adviseMember in Node; tampered weights refused.
 *
 * Screenshots go to test-artifacts/dashboard/. DASHBOARD_README_SCREENSHOT=1 also writes docs/img/dashboard.png.
 *
 *   CHROMIUM_PATH (default /usr/bin/chromium); E2E_NODE_PORT (8561), E2E_INDEXER_PORT (42111), E2E_WEB_PORT (5181).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { chromium, type Browser, type Page } from "playwright-core";
import { connectSuite, type SuiteContracts } from "../../sdk/connect";
import {
  addressBook,
  adviseMember,
  articleTitles,
  documentFileName,
  loadOnChainModel,
  onChainModel,
  type Preferences,
} from "../../sdk/agent";
import { mlModelLoader } from "../../ml/agent";
import { startDashboard, type RunningDashboard } from "./scene";

const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test-artifacts", "dashboard");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const started = Date.now();

let dashboard: RunningDashboard;
let browser: Browser;
let page: Page;
let suite: SuiteContracts;
let provider: ethers.JsonRpcProvider;

const weiOf = async (testId: string) => BigInt((await page.getByTestId(testId).getAttribute("data-wei")) ?? "-1");
const shot = async (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Waits until `read` returns `expected` (the page refreshes from the chain every 2 s). */
async function eventually<T>(read: () => Promise<T>, expected: T, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(last, expected, `${what} after ${timeoutMs / 1000} s`);
}

async function useDevAccount(address: string): Promise<void> {
  const accounts: string[] = await provider.send("eth_accounts", []);
  const index = accounts.findIndex((a) => a.toLowerCase() === address.toLowerCase());
  assert.ok(index >= 0, `${address} is not a dev account`);
  await page.getByTestId("dev-account").selectOption(String(index));
  await page
    .getByTestId("signer")
    .filter({ hasText: ethers.getAddress(address) })
    .waitFor();
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dashboard = await startDashboard({
    rpcPort: Number(process.env.E2E_NODE_PORT ?? 8561),
    indexerPort: Number(process.env.E2E_INDEXER_PORT ?? 42111),
    webPort: Number(process.env.E2E_WEB_PORT ?? 5181),
    testHooks: true,
    log: (line) => console.log(`# ${line}`),
  });
  console.log(
    `# dashboard served in ${dashboard.seconds} s (indexer: ${dashboard.stack.indexerUrl ?? "none, events"})`,
  );
  provider = new ethers.JsonRpcProvider(dashboard.stack.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  suite = connectSuite({ contracts: dashboard.stack.addresses }, provider);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => console.log(`# page error: ${e.message}`));
});

after(async () => {
  await browser?.close();
  await dashboard?.stop();
  console.log(`# e2e total ${((Date.now() - started) / 1000).toFixed(0)} s`);
});

test("the constitution page shows the version in force, its text hash and parameters as the chain holds them", async () => {
  const { constitution } = suite;
  const current = await constitution.currentVersion();
  const version = await constitution.getVersion(current);
  const params = await constitution.parameters();
  await page.goto(`${dashboard.url}#/constitution`);
  await eventually(() => page.getByTestId("version-in-force").innerText(), `version ${current}`, "version in force");
  assert.equal(await page.getByTestId("text-hash").innerText(), version.textHash);
  await page.getByTestId("text-verified").waitFor();
  const text = fs.readFileSync(path.join(ROOT, "constitution", `v${current}.md`), "utf8");
  assert.equal(
    ethers.keccak256(ethers.toUtf8Bytes(text)),
    version.textHash,
    "the repository's text is the one in force",
  );
  const firstLine = text.split("\n")[0];
  assert.ok((await page.getByTestId("constitution-text").innerText()).startsWith(firstLine));
  const pct = (bps: bigint) => `${(Number(bps) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
  assert.equal(await page.getByTestId("param-supermajorityBps").innerText(), pct(params.supermajorityBps));
  assert.equal(await page.getByTestId("param-quorumBps").innerText(), pct(params.quorumBps));
  assert.equal(await page.getByTestId("param-reviewQuorum").innerText(), String(params.reviewQuorum));
  await page
    .getByTestId("active-model")
    .filter({ hasText: `#${await constitution.activeModelId()}` })
    .waitFor();
  await shot("constitution");
});

test("a vote cast through the page with a dev account raises the For tally by exactly its weight", async () => {
  const { governor } = suite;
  const id = dashboard.scene.proposalId;
  const voter = dashboard.scene.voters[0];
  const weight = await governor.getVotes(voter, await governor.proposalSnapshot(id));
  assert.ok(weight > 0n, "the voter has voting power at the snapshot");
  await page.goto(`${dashboard.url}#/proposal/${id}`);
  await page.getByTestId("proposal-state").filter({ hasText: "Active" }).waitFor();
  const [, forBefore] = await governor.proposalVotes(id);
  await eventually(() => weiOf("tally-for"), forBefore, "the For tally shown before the vote");
  await useDevAccount(voter);
  await eventually(() => weiOf("my-weight"), weight, "the voting power shown for the dev account");
  await page.getByTestId("vote-for").click();
  await page.getByTestId("tx-status").filter({ hasText: "castVoteWithReason: confirmed" }).waitFor();
  assert.equal(await governor.hasVoted(id, voter), true);
  const [, forAfter] = await governor.proposalVotes(id);
  assert.equal(forAfter, forBefore + weight, "the chain counted exactly the voter's weight");
  await eventually(() => weiOf("tally-for"), forBefore + weight, "the For tally shown after the vote");
  await shot("proposal-after-vote");
});

test("an override through the page by a delegator of the AI delegate counts its own balance against", async () => {
  const { governor, token } = suite;
  const id = dashboard.scene.proposalId;
  const delegator = dashboard.scene.aiDelegator;
  const snapshot = await governor.proposalSnapshot(id);
  const balance = await token.getPastBalanceOf(delegator, snapshot);
  assert.ok(balance > 0n);
  assert.equal(
    (await token.delegates(delegator)).toLowerCase(),
    (await suite.agentDelegate.getAddress()).toLowerCase(),
  );
  const [againstBefore, forBefore] = await governor.proposalVotes(id);
  await useDevAccount(delegator);
  await page.getByTestId("override-against").click();
  await page.getByTestId("tx-status").filter({ hasText: "castOverrideVote: confirmed" }).waitFor();
  assert.equal(await governor.hasVotedOverride(id, delegator), true);
  const [againstAfter, forAfter] = await governor.proposalVotes(id);
  assert.equal(againstAfter, againstBefore + balance, "Against gains the delegator's balance at the snapshot");
  assert.equal(forAfter, forBefore - balance, "the AI delegate's For loses it");
  await eventually(() => weiOf("tally-against"), againstAfter, "the Against tally shown after the override");
  await eventually(() => weiOf("tally-for"), forAfter, "the For tally shown after the override");
  // The ballots list (the indexer's, else the node's events) now has the delegator's override.
  await page.locator(`[data-testid=ballots] a[title="${delegator}" i]`).first().waitFor();
  await shot("proposal-after-override");
});

test("the AI delegate's ballot is shown with its rationale, checked against the on-chain hash", async () => {
  const id = dashboard.scene.proposalId;
  const [vote] = await suite.agentDelegate.queryFilter(suite.agentDelegate.filters.AgentVoteCast(id));
  assert.ok(vote, "the AI delegate voted on the scene's proposal");
  const file = path.join(dashboard.scene.rationaleDir, documentFileName(vote.args.rationaleHash));
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { rationale: string; decision: string };
  await page.goto(`${dashboard.url}#/proposal/${id}`);
  await eventually(() => page.getByTestId("agent-support").innerText(), doc.decision, "the AI delegate's vote shown");
  await eventually(() => page.getByTestId("agent-rationale").innerText(), doc.rationale, "the rationale shown");
  await page.getByTestId("agent-vote").filter({ hasText: "document matches the hash" }).waitFor();
  await page.getByTestId("agent-vote").scrollIntoViewIfNeeded();
  await shot("proposal-ai-rationale");
  if (process.env.DASHBOARD_README_SCREENSHOT === "1") {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ROOT, "docs", "img", "dashboard.png") });
  }
});

test("every page loads all its sections without an error", async () => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  for (const [route, testId] of [
    ["pipeline", "pipeline-table"],
    ["models", "models"],
    ["executives", "humans"],
    [`member/${dashboard.scene.aiDelegator}`, "agent-votes-table"],
  ]) {
    await page.goto(`${dashboard.url}#/${route}`);
    await page.getByTestId(testId).waitFor();
    // Every section answered (the indexer's GraphQL or the node), none with an error.
    await page.waitForFunction(() => !document.querySelector("main")?.textContent?.includes("Loading…"), null, {
      timeout: 20_000,
    });
    assert.deepEqual(await page.locator("main .error").allInnerTexts(), [], `errors on #/${route}`);
    await shot(route.split("/")[0]);
  }
  assert.deepEqual(errors, []);
});

test("the member page's advice runs the verified model in the browser and equals adviseMember in Node; tampered weights are refused", async () => {
  const t = Date.now();
  const id = dashboard.scene.proposalId;
  const member = dashboard.scene.aiDelegator;
  // the page's default profile (dashboard/src/pages/Advice.tsx), the demo's member's
  const prefs: Preferences = {
    values: { "The constitutional cycle": 0 },
    riskAppetite: 0.2,
    interests: ["constitution"],
  };
  const modelId = await suite.constitution.activeModelId();
  const onChain = await onChainModel(suite.modelRegistry, modelId);
  const model = await loadOnChainModel(mlModelLoader, dashboard.modelDirs[modelId.toString()], onChain);
  const text = fs.readFileSync(path.join(ROOT, "constitution", `v${model.version}.md`), "utf8");
  const expected = await adviseMember(
    {
      suite,
      model,
      book: addressBook(dashboard.stack.addresses),
      articleTitles: articleTitles(text),
      network: "localhost",
    },
    member,
    prefs,
    id,
  );
  await page.goto(`${dashboard.url}#/member/${member}`);
  await page.getByTestId("advice-proposal").locator(`option[value="${id}"]`).waitFor({ state: "attached" });
  await page.getByTestId("advice-proposal").selectOption(id.toString());
  await page.getByTestId("advice-run").click();
  await page.getByTestId("advice-result").waitFor({ timeout: 60_000 });
  const verification = await page.getByTestId("advice-verification").innerText();
  assert.ok(verification.includes(`verified ✓ weights root ${onChain.weightsRoot}`), verification);
  assert.equal(await page.getByTestId("advice-recommendation").innerText(), expected.recommendation);
  assert.equal(await page.getByTestId("advice-score").innerText(), expected.score.toFixed(3));
  assert.equal(await page.getByTestId("advice-ai").innerText(), expected.ai.decision);
  assert.deepEqual(
    await page.getByTestId("advice-lines").locator("li").allInnerTexts(),
    expected.lines.map((l) => l.trim()),
  );
  await shot("member-advice");

  const tamper = async (on: boolean) => {
    const res = await fetch(`${dashboard.url}__test/tamper?on=${on ? 1 : 0}`, { method: "POST" });
    assert.equal(await res.text(), `tampered: ${on}`);
  };
  await tamper(true);
  try {
    await page.getByTestId("advice-run").click();
    await page.getByTestId("advice-verification").filter({ hasText: "mismatch ✗" }).waitFor({ timeout: 30_000 });
    const refused = await page.getByTestId("advice-verification").innerText();
    assert.ok(refused.includes(`the on-chain weights root is ${onChain.weightsRoot}: advice refused`), refused);
    assert.equal(await page.getByTestId("advice-result").count(), 0, "no advice shown for tampered weights");
    await shot("member-advice-refused");
  } finally {
    await tamper(false);
  }
  console.log(
    `# in-browser advice: ${expected.recommendation} ${expected.score.toFixed(3)}, checked in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
});
