/**
 * npm run bench:indexer: the indexer's catch-up from zero over a chain of >= 10,000 governance events, on PGlite and
 * on PostgreSQL. Prints events, seconds and events per second for each.
 *
 * The chain (anvil, local): the suite deployed, 19 holders self-delegated, BENCH_PROPOSALS (20) drafts approved and
 * put to the vote, then, with automine off and many transactions per block: every holder votes on every proposal,
 * BENCH_COMMENTS (5,500) comments on the drafts and BENCH_TRANSFERS (1,500) token transfers between delegated
 * holders (a Transfer and two DelegateVotesChanged each). Then 40 empty blocks, so that Ponder backfills every event
 * (it indexes the last 30 blocks of an unknown chain one by one, as unfinalized).
 *
 * Timing: from `ponder start` until /ready answers 200 and /status shows the head (start-up, backfill and indexing),
 * a fresh database each time (a new PGlite directory; a new PostgreSQL schema). The indexed `chainEvent` count must
 * equal eth_getLogs over the indexed contracts, or the bench fails.
 *
 *   BENCH_RPC_PORT (8545), BENCH_INDEXER_PORT (42069), INDEXER_PG_PORT (5544) for the throwaway PostgreSQL cluster,
 *   or DATABASE_URL to use an existing server. BENCH_SKIP_POSTGRES=1 measures PGlite only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ethers } from "ethers";
import { readDeployment } from "../../sdk/deployments";
import { GovernanceCommittee__factory, BytomGovernor__factory, GovernanceToken__factory } from "../../typechain-types";
import { startLocalNode } from "../node/local-node";
import { startIndexer } from "./stack";
import { postgresBin, startTempPostgres } from "./postgres";
import { INDEXED_CONTRACTS } from "../../indexer/contracts";

const ROOT = path.join(__dirname, "..", "..");
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 5500);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1500);

type Tx = { from: string; to: string; data: string; gas: string };

let rpcId = 0;
async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<unknown[]> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(calls.map((c) => ({ jsonrpc: "2.0", id: ++rpcId, ...c }))),
  });
  const out = (await res.json()) as { result?: unknown; error?: { message: string } }[];
  const failed = out.find((r) => r.error);
  if (failed) throw new Error(`RPC: ${failed.error!.message}`);
  return out.map((r) => r.result);
}
const rpc = async (url: string, method: string, params: unknown[] = []) =>
  (await rpcBatch(url, [{ method, params }]))[0];

/** Sends transactions (unlocked anvil accounts) with automine off, `perBlock` per block; checks every receipt. */
async function sendPacked(url: string, txs: Tx[], perBlock = 250): Promise<void> {
  await rpc(url, "evm_setAutomine", [false]);
  const nonces = new Map<string, number>();
  for (let i = 0; i < txs.length; i += perBlock) {
    const chunk = txs.slice(i, i + perBlock);
    for (const tx of chunk) {
      if (!nonces.has(tx.from))
        nonces.set(tx.from, Number(await rpc(url, "eth_getTransactionCount", [tx.from, "latest"])));
    }
    const hashes = (await rpcBatch(
      url,
      chunk.map((tx) => {
        const nonce = nonces.get(tx.from)!;
        nonces.set(tx.from, nonce + 1);
        return { method: "eth_sendTransaction", params: [{ ...tx, nonce: ethers.toQuantity(nonce) }] };
      }),
    )) as string[];
    // Mine until every transaction of the chunk is in a block (a block holds what fits its gas limit).
    for (;;) {
      await rpc(url, "evm_mine", []);
      const receipts = (await rpcBatch(
        url,
        hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })),
      )) as ({ status: string } | null)[];
      if (receipts.every((r) => r !== null)) {
        const reverted = chunk.filter((_, k) => receipts[k]!.status !== "0x1");
        if (reverted.length > 0) {
          const first = reverted[0];
          throw new Error(
            `${reverted.length} bench transactions reverted, e.g. to ${first.to}: ${first.data.slice(0, 10)}`,
          );
        }
        break;
      }
    }
  }
  await rpc(url, "evm_setAutomine", [true]);
}

/** Moves the clock `seconds` forward (evm_setNextBlockTimestamp: with a block timestamp interval set, anvil ignores
 * evm_increaseTime). */
async function travel(url: string, seconds: number): Promise<void> {
  const latest = (await rpc(url, "eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  await rpc(url, "evm_setNextBlockTimestamp", [Number(latest.timestamp) + seconds]);
  await rpc(url, "evm_mine", []);
}

async function generate(url: string, record: ReturnType<typeof readDeployment>): Promise<void> {
  const accounts = (await rpc(url, "eth_accounts")) as string[];
  const token = GovernanceToken__factory.createInterface();
  const committee = GovernanceCommittee__factory.createInterface();
  const governor = BytomGovernor__factory.createInterface();
  const c = record.contracts;
  const tx = (from: string, to: string, data: string, gas = 400_000): Tx => ({
    from,
    to,
    data,
    gas: ethers.toQuantity(gas),
  });
  const holders = accounts.slice(1, 20); // 1-5 committee, 6-9 large holders, 10-19 funded below
  const members = accounts.slice(1, 4);
  const unit = 10n ** 18n;

  // Setup: fund accounts 10-19, everyone self-delegates, drafts submitted.
  const setup: Tx[] = [];
  for (let i = 10; i < 20; i++) {
    setup.push(
      tx(
        accounts[6 + (i % 4)],
        c.GovernanceToken,
        token.encodeFunctionData("transfer", [accounts[i], 1_000_000n * unit]),
      ),
    );
  }
  for (const h of holders) setup.push(tx(h, c.GovernanceToken, token.encodeFunctionData("delegate", [h])));
  await sendPacked(url, setup);
  await travel(url, 2);
  const actions = (i: number) => ({
    targets: [c.GovernanceToken],
    values: [0n],
    calldatas: [token.encodeFunctionData("transfer", [accounts[10 + (i % 10)], BigInt(i + 1) * unit])],
    description: `Bench grant #${i + 1}: ${i + 1} BTMG`,
  });
  /** One transaction per draft, from its author (accounts 6-9 hold 100M BTMG each). */
  const perDraft = (method: "submitDraft" | "propose") =>
    Array.from({ length: PROPOSALS }, (_, i) => {
      const a = actions(i);
      const data =
        method === "submitDraft"
          ? committee.encodeFunctionData("submitDraft", [a.targets, a.values, a.calldatas, a.description])
          : committee.encodeFunctionData("propose", [i + 1, a.targets, a.values, a.calldatas, a.description]);
      return tx(accounts[6 + (i % 4)], c.GovernanceCommittee, data);
    });
  const drafts = perDraft("submitDraft");
  await sendPacked(url, drafts);
  const params = { minDiscussionPeriod: 172_800, votingDelay: 3_600 };
  await travel(url, params.minDiscussionPeriod + 10);
  const approvals: Tx[] = [];
  for (let i = 0; i < PROPOSALS; i++) {
    for (const m of members)
      approvals.push(tx(m, c.GovernanceCommittee, committee.encodeFunctionData("approveDraft", [i + 1, 1])));
  }
  await sendPacked(url, approvals);
  const proposals = perDraft("propose");
  await sendPacked(url, proposals);
  await travel(url, params.votingDelay + 10);

  // The bulk: votes, comments, transfers, interleaved.
  const ids = (
    (await rpc(url, "eth_getLogs", [
      { address: c.BytomGovernor, fromBlock: "0x0", topics: [governor.getEvent("ProposalCreated").topicHash] },
    ])) as {
      data: string;
      topics: string[];
    }[]
  ).map((l) => governor.parseLog(l)!.args.proposalId as bigint);
  const bulk: Tx[] = [];
  ids.forEach((id, p) =>
    holders.forEach((h, j) =>
      bulk.push(tx(h, c.BytomGovernor, governor.encodeFunctionData("castVote", [id, (p + j) % 7 === 0 ? 0 : 1]))),
    ),
  );
  for (let i = 0; i < COMMENTS; i++) {
    const data = committee.encodeFunctionData("comment", [
      (i % PROPOSALS) + 1,
      ethers.id(`bench comment ${i}`),
      `ipfs://bench/${i}`,
    ]);
    bulk.push(tx(holders[i % holders.length], c.GovernanceCommittee, data, 120_000));
  }
  for (let i = 0; i < TRANSFERS; i++) {
    const from = holders[5 + (i % 4)];
    const to = holders[(i * 7) % holders.length];
    bulk.push(tx(from, c.GovernanceToken, token.encodeFunctionData("transfer", [to, 1n * unit]), 300_000));
  }
  await sendPacked(url, bulk);
  await rpc(url, "anvil_mine", [ethers.toQuantity(40)]);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-bench-indexer-"));
  const node = await startLocalNode(Number(process.env.BENCH_RPC_PORT ?? 8545));
  const cleanups: (() => Promise<void>)[] = [async () => node.stop()];
  try {
    await rpc(node.url, "anvil_setBlockTimestampInterval", [1]);
    const env = {
      ...process.env,
      LOCALHOST_URL: node.url,
      BYTOMDAO_DEPLOYMENTS: path.join(tmp, "deployments"),
      DEPLOYER_PRIVATE_KEY: "",
    };
    const d = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "hardhat"),
      ["run", "deploy/index.ts", "--network", "localhost"],
      {
        cwd: ROOT,
        env,
        encoding: "utf8",
      },
    );
    if (d.status !== 0) throw new Error(`deploy failed:\n${d.stdout}${d.stderr}`);
    const record = readDeployment("localhost", env.BYTOMDAO_DEPLOYMENTS);
    const deploymentFile = path.join(env.BYTOMDAO_DEPLOYMENTS, "localhost.json");
    const t0 = Date.now();
    await generate(node.url, record);
    const head = Number(await rpc(node.url, "eth_blockNumber"));
    const addresses = Object.keys(INDEXED_CONTRACTS)
      .map((n) => record.contracts[n])
      .filter(Boolean);
    const logs = (await rpc(node.url, "eth_getLogs", [
      { address: addresses, fromBlock: ethers.toQuantity(record.startBlock ?? 0), toBlock: "latest" },
    ])) as unknown[];
    console.log(
      `Chain: ${logs.length.toLocaleString("en-US")} events of the indexed contracts in ${head} blocks ` +
        `(generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    if (logs.length < 10_000) throw new Error(`only ${logs.length} events: raise BENCH_COMMENTS`);

    const databases: { name: string; url?: string }[] = [{ name: "PGlite" }];
    if (process.env.BENCH_SKIP_POSTGRES !== "1") {
      let url = process.env.DATABASE_URL;
      if (!url) {
        if (!postgresBin())
          throw new Error("PostgreSQL is not installed (apt-get install -y postgresql), or set BENCH_SKIP_POSTGRES=1");
        const pg = await startTempPostgres(Number(process.env.INDEXER_PG_PORT ?? 5544));
        cleanups.unshift(pg.stop);
        url = pg.url;
      }
      databases.push({ name: "PostgreSQL", url });
    }
    const port = Number(process.env.BENCH_INDEXER_PORT ?? 42069);
    const results: string[] = [];
    for (const db of databases) {
      const started = Date.now();
      // Ponder answers /health once its HTTP server is up (build, database, tables created), before the backfill.
      const timings: { healthyAt?: number } = {};
      const indexer = await startIndexer({
        rpcUrl: node.url,
        deploymentFile,
        port,
        databaseUrl: db.url,
        pgliteDir: path.join(tmp, `pglite-${Date.now()}`),
        schema: `bench_${Date.now().toString(36)}`,
        timeoutMs: 1_800_000,
        timings,
      });
      const total = (Date.now() - started) / 1000;
      try {
        const res = await fetch(`${indexer.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ chainEvents(limit: 1) { totalCount } }" }),
        });
        const indexed = ((await res.json()) as { data: { chainEvents: { totalCount: number } } }).data.chainEvents
          .totalCount;
        if (indexed !== logs.length)
          throw new Error(`${db.name}: indexed ${indexed} events, the chain has ${logs.length}`);
      } finally {
        await indexer.stop();
      }
      const startup = ((timings.healthyAt ?? started) - started) / 1000;
      const catchUp = total - startup;
      const line =
        `${db.name.padEnd(11)} ${logs.length.toLocaleString("en-US")} events: catch-up ${catchUp.toFixed(1)} s ` +
        `(${Math.round(logs.length / catchUp).toLocaleString("en-US")} events/s) after a ${startup.toFixed(1)} s start-up; ` +
        `${total.toFixed(1)} s in all (${Math.round(logs.length / total).toLocaleString("en-US")} events/s)`;
      console.log(line);
      results.push(line);
    }
    console.log(
      `\nIndexer catch-up (Ponder 0.16.10, Node ${process.version}, ${os.cpus().length} cores):\n${results.join("\n")}`,
    );
  } finally {
    for (const cleanup of cleanups) await cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
