/**
 * The indexer against the chain, on PGlite and on PostgreSQL: one local stack plays the whole demo cycle (plus work in
 * progress), then the same assertions run against each database's indexer, comparing indexed rows with what the
 * contracts say now. Then a new transaction must appear in both.
 *
 * PostgreSQL: TEST_DATABASE_URL or DATABASE_URL if set, else a throwaway cluster started from Debian's binaries on
 * INDEXER_PG_PORT (default 5544). Without either, the PostgreSQL half is reported as skipped with the reason, unless
 * INDEXER_REQUIRE_POSTGRES=1 (CI), where it fails. Ports: STACK_RPC_PORT (8545), STACK_INDEXER_PORT (42069, and +1).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { ethers } from "ethers";
import { connectSuite, type SuiteContracts } from "../../sdk/connect";
import { readEvents } from "../../sdk/events";
import { startIndexer, startStack, waitCaughtUp, type Indexer, type Stack } from "../../scripts/dashboard/stack";
import { postgresBin, startTempPostgres, type TempPostgres } from "../../scripts/dashboard/postgres";
import { INDEXED_CONTRACTS } from "../contracts";

type Rows = Record<string, string | number | boolean | null>[];

async function gql<T>(url: string, query: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
  return body.data as T;
}

/** All rows of a table (GraphQL plural), up to 1,000. */
async function rows(url: string, plural: string, fields: string, where = ""): Promise<Rows> {
  const w = where ? `where: ${where}, ` : "";
  const data = await gql<Record<string, { items: Rows; totalCount: number }>>(
    url,
    `{ ${plural}(${w}limit: 1000) { totalCount items { ${fields} } } }`,
  );
  assert.ok(data[plural].totalCount <= 1000, `${plural}: more rows than one page`);
  return data[plural].items;
}

const log = (line: string) => console.log(`# ${line}`);
const rpcPort = Number(process.env.STACK_RPC_PORT ?? 8545);
const indexerPort = Number(process.env.STACK_INDEXER_PORT ?? 42069);

let stack: Stack;
let provider: ethers.JsonRpcProvider;
let suite: SuiteContracts;
let startBlock: number;
let postgres: TempPostgres | undefined;
let postgresIndexer: Indexer | undefined;
let postgresWhyNot: string | undefined;

before(async () => {
  stack = await startStack({ rpcPort, indexerPort, cycle: true, database: "pglite", log });
  provider = new ethers.JsonRpcProvider(stack.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 200 });
  suite = connectSuite({ contracts: stack.addresses }, provider);
  startBlock = (JSON.parse(fs.readFileSync(stack.deploymentFile, "utf8")) as { startBlock: number }).startBlock;
  let url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url && postgresBin()) {
    postgres = await startTempPostgres(Number(process.env.INDEXER_PG_PORT ?? 5544), log);
    url = postgres.url;
  }
  if (url) {
    postgresIndexer = await startIndexer({
      rpcUrl: stack.rpcUrl,
      deploymentFile: stack.deploymentFile,
      port: indexerPort + 1,
      databaseUrl: url,
      schema: `bytom_test_${Date.now().toString(36)}`,
      log,
    });
  } else {
    postgresWhyNot = "no TEST_DATABASE_URL/DATABASE_URL and no PostgreSQL binaries (apt-get install -y postgresql)";
    if (process.env.INDEXER_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL required: ${postgresWhyNot}`);
  }
});

after(async () => {
  provider?.destroy();
  await postgresIndexer?.stop();
  await postgres?.stop();
  await stack?.stop();
});

function suiteFor(database: "PGlite" | "PostgreSQL", url: () => string | undefined) {
  describe(`the indexer on ${database}`, () => {
    /** A test that runs against this database's indexer, or is skipped with the reason when it is not running. */
    const check = (name: string, fn: (url: string) => Promise<void>) =>
      test(name, async (t) => {
        const u = url();
        if (!u) return void t.skip(`PostgreSQL unavailable: ${postgresWhyNot}`);
        await fn(u);
      });

    check("chainEvent holds exactly the logs the indexed contracts emitted, in chain order", async (url) => {
      const head = await provider.getBlockNumber();
      const addresses = Object.keys(INDEXED_CONTRACTS)
        .map((n) => stack.addresses[n])
        .filter(Boolean);
      const logs = await provider.getLogs({ address: addresses, fromBlock: startBlock, toBlock: head });
      const indexed = await gql<{ chainEvents: { totalCount: number; items: Rows } }>(
        url,
        `{ chainEvents(orderBy: "id", orderDirection: "desc", limit: 1) { totalCount items { blockNumber logIndex transactionHash } } }`,
      );
      assert.ok(logs.length > 150, `the cycle emitted only ${logs.length} logs`);
      assert.equal(indexed.chainEvents.totalCount, logs.length);
      const last = logs[logs.length - 1];
      assert.deepEqual(indexed.chainEvents.items[0], {
        blockNumber: String(last.blockNumber),
        logIndex: last.index,
        transactionHash: last.transactionHash,
      });
    });

    check("proposal tallies equal governor.proposalVotes and vote counts equal the vote events", async (url) => {
      const proposals = await rows(url, "proposals", "id forVotes againstVotes abstainVotes voteCount quorum executed");
      const ids = (await readEvents(suite.governor, "ProposalCreated", { fromBlock: startBlock })).map((e) =>
        String(e.args.proposalId),
      );
      assert.deepEqual(proposals.map((p) => p.id).sort(), [...ids].sort());
      assert.equal(ids.length, 4, "the demo makes 3 proposals, the work in progress 1");
      const counted = new Map<string, number>();
      for (const name of ["VoteCast", "VoteCastWithParams", "OverrideVoteCast"] as const) {
        for (const e of await readEvents(suite.governor, name, { fromBlock: startBlock })) {
          const id = String(e.args.proposalId);
          counted.set(id, (counted.get(id) ?? 0) + 1);
        }
      }
      for (const p of proposals) {
        const [against, forVotes, abstain] = await suite.governor.proposalVotes(BigInt(p.id as string));
        assert.deepEqual(
          [p.forVotes, p.againstVotes, p.abstainVotes],
          [forVotes.toString(), against.toString(), abstain.toString()],
          `proposal ${p.id}`,
        );
        assert.equal(p.voteCount, counted.get(p.id as string) ?? 0, `proposal ${p.id} vote count`);
        assert.equal(p.quorum, (await suite.governor.proposalQuorum(BigInt(p.id as string))).toString());
        const state = Number(await suite.governor.state(BigInt(p.id as string)));
        assert.equal(p.executed, state === 7, `proposal ${p.id} executed flag vs state ${state}`);
      }
    });

    check("the override and the AI ballot are indexed with their weights, rationale hash and model", async (url) => {
      const overrides = await rows(url, "votes", "proposalId voter support weight", `{ kind: "override" }`);
      const events = await readEvents(suite.governor, "OverrideVoteCast", { fromBlock: startBlock });
      assert.ok(events.length >= 1);
      assert.deepEqual(
        overrides.map((o) => [o.proposalId, o.voter, o.support, o.weight]).sort(),
        events
          .map((e) => [
            String(e.args.proposalId),
            e.args.voter.toLowerCase(),
            Number(e.args.support),
            String(e.args.weight),
          ])
          .sort(),
      );
      const ballots = await rows(url, "aiBallots", "proposalId modelId support weight rationaleHash");
      const cast = await readEvents(suite.agentDelegate, "AgentVoteCast", { fromBlock: startBlock });
      assert.ok(cast.length >= 1);
      assert.deepEqual(
        ballots.map((b) => [b.proposalId, b.modelId, b.support, b.weight, b.rationaleHash]).sort(),
        cast
          .map((e) => [
            String(e.args.proposalId),
            String(e.args.modelId),
            Number(e.args.support),
            String(e.args.weight),
            e.args.rationaleHash,
          ])
          .sort(),
      );
      // The AI delegate's vote counts its weight less the overrides of its delegators.
      for (const v of await rows(url, "votes", "proposalId voter weight reducedWeight", `{ byAgent: true }`)) {
        const reduced = (
          await readEvents(suite.governor, suite.governor.filters.VoteReduced(v.voter as string), {
            fromBlock: startBlock,
          })
        )
          .filter((e) => String(e.args.proposalId) === v.proposalId)
          .reduce((sum, e) => sum + e.args.weight, 0n);
        assert.equal(v.reducedWeight, reduced.toString());
      }
    });

    check("drafts: status, revision, approvals and comments match the committee", async (url) => {
      const drafts = await rows(url, "drafts", "id status revision approvals commentCount proposalId");
      assert.equal(drafts.length, Number(await suite.committee.draftCount()));
      const statuses = { Discussion: 1n, Proposed: 2n, Withdrawn: 3n } as Record<string, bigint>;
      const comments = await readEvents(suite.committee, "DraftCommented", { fromBlock: startBlock });
      for (const d of drafts) {
        const id = BigInt(d.id as string);
        const onChain = await suite.committee.getDraft(id);
        assert.equal(statuses[d.status as string], onChain.status, `draft ${d.id} status`);
        assert.equal(BigInt(d.revision as number), onChain.revision, `draft ${d.id} revision`);
        assert.equal(BigInt(d.approvals as number), await suite.committee.approvalCount(id), `draft ${d.id} approvals`);
        assert.equal(d.commentCount, comments.filter((c) => c.args.draftId === id).length);
      }
      assert.deepEqual(
        drafts.map((d) => d.status),
        ["Proposed", "Proposed", "Proposed", "Withdrawn", "Proposed", "Discussion", "Discussion"],
      );
    });

    check("the constitution version in force and the active model match the constitution", async (url) => {
      const data = await gql<{ setting: Rows[number]; models: { items: Rows }; constitutionVersions: { items: Rows } }>(
        url,
        `{ setting(id: "current") { currentVersion activeModelId activeAgent }
           models(where: { active: true }) { items { id weightsRoot } }
           constitutionVersions(orderBy: "id") { items { id status modelId } } }`,
      );
      const { constitution, modelRegistry } = suite;
      assert.equal(data.setting.currentVersion, (await constitution.currentVersion()).toString());
      assert.equal(data.setting.activeModelId, (await constitution.activeModelId()).toString());
      assert.equal(data.setting.activeAgent, (await constitution.activeAgent()).toLowerCase());
      assert.deepEqual(
        data.models.items.map((m) => m.id),
        [(await constitution.activeModelId()).toString()],
      );
      assert.equal(
        data.models.items[0].weightsRoot,
        (await modelRegistry.getModel(await constitution.activeModelId())).weightsRoot,
      );
      const statusNames = ["None", "Ratified", "InForce", "Superseded", "Withdrawn"];
      for (const v of data.constitutionVersions.items) {
        const onChain = await constitution.getVersion(BigInt(v.id as string));
        assert.equal(v.status, statusNames[Number(onChain.status)], `version ${v.id}`);
      }
      assert.deepEqual(
        data.constitutionVersions.items.map((v) => [v.id, v.status]),
        [
          ["1", "Superseded"],
          ["2", "InForce"],
        ],
      );
      const runs = await rows(url, "runs", "id status checkpointCount");
      const checkpoints = await readEvents(modelRegistry, "CheckpointAnchored", { fromBlock: startBlock });
      assert.deepEqual(runs, [{ id: "1", status: "Activated", checkpointCount: checkpoints.length }]);
      const evaluations = await rows(url, "evaluations", "evaluator passed score", `{ runId: "1" }`);
      assert.equal(
        evaluations.length,
        (await readEvents(modelRegistry, "RunEvaluated", { fromBlock: startBlock })).length,
      );
      assert.ok(evaluations.every((e) => e.passed === true));
    });

    check("executives, allowances and spends match the executive registry", async (url) => {
      const registry = suite.executiveRegistry;
      const executives = await rows(url, "executives", "id account status");
      const appointed = executives.filter((e) => e.status === "Appointed");
      assert.equal(BigInt(appointed.length), await registry.executiveCount());
      for (const e of appointed) assert.equal(await registry.isExecutive(e.account as string), true);
      const allowances = await rows(url, "allowances", "account asset amount spent");
      assert.ok(allowances.length >= 1);
      for (const a of allowances) {
        const onChain = await registry.allowanceOf(a.account as string, a.asset as string);
        assert.equal(a.amount, onChain.amount.toString());
        assert.equal(a.spent, onChain.spent.toString(), "one period: the spends so far");
      }
      const spends = await rows(url, "spends", "amount spendId");
      assert.equal(spends.length, (await readEvents(registry, "Spent", { fromBlock: startBlock })).length);
      assert.equal(BigInt(spends.filter((s) => s.spendId !== "0").length), await registry.spendCount());
    });

    check("balances and voting power of every account match the token", async (url) => {
      const accounts = await rows(url, "accounts", "id balance votingPower");
      assert.ok(accounts.length >= 10);
      for (const a of accounts) {
        assert.equal(a.balance, (await suite.token.balanceOf(a.id as string)).toString(), `${a.id} balance`);
        assert.equal(a.votingPower, (await suite.token.getVotes(a.id as string)).toString(), `${a.id} votes`);
      }
    });
  });
}

suiteFor("PGlite", () => stack?.indexerUrl);
suiteFor("PostgreSQL", () => postgresIndexer?.url);

test("a new comment reaches both databases once they catch up to the new head", async () => {
  const signer = await provider.getSigner(7);
  const [draft] = await rows(stack.indexerUrl, "drafts", "id", `{ status: "Discussion" }`);
  const hash = ethers.id("a comment sent during the test");
  await (await suite.committee.connect(signer).comment(BigInt(draft.id as string), hash, "ipfs://test")).wait();
  for (const url of [stack.indexerUrl, postgresIndexer?.url].filter((u): u is string => Boolean(u))) {
    await waitCaughtUp(url, stack.rpcUrl, undefined, 60_000);
    const found = await rows(url, "comments", "draftId commenter contentHash uri", `{ contentHash: "${hash}" }`);
    assert.deepEqual(found, [
      {
        draftId: draft.id,
        commenter: (await signer.getAddress()).toLowerCase(),
        contentHash: hash,
        uri: "ipfs://test",
      },
    ]);
  }
});
