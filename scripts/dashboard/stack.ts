/**
 * The stack the dashboard runs on, in one call: a local node (anvil, 20 accounts), the suite deployed with the
 * documented command (or the whole demo cycle plus work in progress, `cycle: true`), and the Ponder indexer on PGlite
 * or PostgreSQL, caught up to the head. The caller must `stop()` it (in a finally).
 *
 *   import { startStack } from "../scripts/dashboard/stack";
 *   const stack = await startStack({ rpcPort: 8550, indexerPort: 42100, cycle: true });
 *   // stack.rpcUrl, stack.indexerUrl (GraphQL at `${indexerUrl}/graphql`, SQL at `${indexerUrl}/sql`), stack.addresses
 *   await stack.stop();
 *
 * Ports: `rpcPort` (default STACK_RPC_PORT or 8545) and `indexerPort` (default STACK_INDEXER_PORT or 42069) must be
 * free. Database: "pglite" (default: a fresh directory under the stack's temporary directory) or "postgres"
 * (`databaseUrl`, else DATABASE_URL), each run in its own schema so that runs never share state.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readDeployment } from "../../sdk/deployments";
import { assertPortFree, jsonRpc as rpc, startLocalNode, type LocalNode } from "../node/local-node";

export interface StackOptions {
  rpcPort?: number;
  indexerPort?: number;
  database?: "pglite" | "postgres";
  /** PostgreSQL connection string (database "postgres"); default DATABASE_URL. */
  databaseUrl?: string;
  /** Play the demo cycle and leave drafts at every stage (scripts/demo.ts, scripts/dashboard/content.ts). */
  cycle?: boolean;
  log?: (line: string) => void;
}

export interface Stack {
  rpcUrl: string;
  chainId: number;
  deploymentFile: string;
  addresses: Record<string, string>;
  indexerUrl: string;
  stop(): Promise<void>;
}

export interface IndexerOptions {
  rpcUrl: string;
  deploymentFile: string;
  port: number;
  /** PostgreSQL connection string; without it PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir?: string;
  /** The database schema (`ponder start` requires one). */
  schema: string;
  /** How long to wait for the catch-up (default 300 s). */
  timeoutMs?: number;
  /** Filled in while waiting: when Ponder's HTTP server first answered /health (before the backfill), in ms. */
  timings?: { healthyAt?: number };
  log?: (line: string) => void;
}

export interface Indexer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, "..", "..");
const INDEXER_DIR = path.join(ROOT, "indexer");
const HARDHAT = path.join(ROOT, "node_modules", ".bin", "hardhat");

/** The node's latest block number. */
export async function headBlock(rpcUrl: string): Promise<number> {
  return Number(await rpc<string>(rpcUrl, "eth_blockNumber"));
}

/** The last block the indexer has indexed (Ponder's /status), or -1 before it has any. */
export async function indexedBlock(indexerUrl: string): Promise<number> {
  try {
    const res = await fetch(`${indexerUrl}/status`);
    if (!res.ok) return -1;
    const status = (await res.json()) as Record<string, { block?: { number: number } | null }>;
    const blocks = Object.values(status).map((c) => c.block?.number ?? -1);
    return blocks.length === 0 ? -1 : Math.min(...blocks);
  } catch {
    return -1;
  }
}

/** Ponder's CLI (the workspace's, hoisted to the root node_modules or kept in indexer/node_modules). */
function ponderBin(): string {
  for (const dir of [INDEXER_DIR, ROOT]) {
    const bin = path.join(dir, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error("ponder is not installed: run npm ci (the indexer/ workspace pins ponder 0.16.10).");
}

/** Runs `hardhat run <script> --network localhost` against `rpcUrl`; throws with its output if it fails. */
function hardhatRun(script: string, env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  log(`$ npx hardhat run ${script} --network localhost`);
  const r = spawnSync(HARDHAT, ["run", script, "--network", "localhost"], { cwd: ROOT, env, encoding: "utf8" });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}):\n${out.split("\n").slice(-30).join("\n")}`);
  for (const line of out.split("\n").slice(-3)) log(`  ${line}`);
}

/**
 * Starts `ponder start` for a deployment record and waits until it serves /ready and has indexed the node's head
 * at the time of the call. Refuses a port already in use.
 */
export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  const log = options.log ?? (() => undefined);
  await assertPortFree(options.port);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BYTOM_DEPLOYMENT: path.resolve(options.deploymentFile),
    BYTOM_RPC_URL: options.rpcUrl,
    BYTOM_REPO_ROOT: ROOT,
    DATABASE_SCHEMA: options.schema,
    PONDER_TELEMETRY_DISABLED: "true",
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else {
    delete env.DATABASE_URL;
    delete env.DATABASE_PRIVATE_URL;
    env.BYTOM_PGLITE_DIR = path.resolve(options.pgliteDir ?? path.join(INDEXER_DIR, ".ponder", "pglite"));
  }
  const bin = ponderBin();
  const output: string[] = [];
  // Its own process group, so that stop() ends Ponder and anything it started.
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, "start", "--port", String(options.port), "--hostname", "127.0.0.1"],
    {
      cwd: INDEXER_DIR,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) output.push(line);
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const kill = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  const onExit = () => kill("SIGKILL");
  process.once("exit", onExit);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    process.removeListener("exit", onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    kill("SIGKILL");
    log(`indexer stopped`);
  };
  try {
    await waitCaughtUp(url, options.rpcUrl, child, options.timeoutMs ?? 300_000, options.timings);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\nPonder's last lines:\n${output.slice(-25).join("\n")}`);
  }
  log(`indexer (Ponder, ${options.databaseUrl ? "PostgreSQL" : "PGlite"}, schema ${options.schema}) at ${url}`);
  return { url, pid: child.pid!, stop };
}

/** Waits until Ponder answers /ready with 200 and has indexed the node's current head. */
export async function waitCaughtUp(
  indexerUrl: string,
  rpcUrl: string,
  child?: ChildProcess,
  timeoutMs = 300_000,
  timings: { healthyAt?: number } = {},
): Promise<void> {
  const head = await headBlock(rpcUrl);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`ponder exited (${child.exitCode ?? child.signalCode}) before catching up`);
    }
    try {
      if (timings.healthyAt === undefined && (await fetch(`${indexerUrl}/health`)).status === 200) {
        timings.healthyAt = Date.now();
      }
      const ready = await fetch(`${indexerUrl}/ready`);
      if (ready.status === 200 && (await indexedBlock(indexerUrl)) >= head) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the indexer at ${indexerUrl} did not reach block ${head} within ${timeoutMs / 1000} s`);
}

/** Starts node + deployment (+ cycle) + indexer; see the file comment. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const rpcPort = opts.rpcPort ?? Number(process.env.STACK_RPC_PORT ?? 8545);
  const indexerPort = opts.indexerPort ?? Number(process.env.STACK_INDEXER_PORT ?? 42069);
  const database = opts.database ?? "pglite";
  const databaseUrl = database === "postgres" ? (opts.databaseUrl ?? process.env.DATABASE_URL) : undefined;
  if (database === "postgres" && !databaseUrl) {
    throw new Error('database "postgres" needs a connection string: pass databaseUrl or set DATABASE_URL.');
  }
  // Both ports first, so that nothing starts when one is taken.
  await assertPortFree(indexerPort);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-stack-"));
  let node: LocalNode | undefined;
  let indexer: Indexer | undefined;
  const stop = async () => {
    await indexer?.stop();
    await node?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    node = await startLocalNode(rpcPort, log);
    // One second per block, as on Hardhat's in-process network: a transaction sent right after another sees it in
    // the past (the governor's clock is the timestamp; votes are read at `now - 1`).
    await rpc(node.url, "anvil_setBlockTimestampInterval", [1]).catch(() => undefined);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOCALHOST_URL: node.url,
      BYTOMDAO_DEPLOYMENTS: path.join(tmp, "deployments"),
      DEPLOYER_PRIVATE_KEY: "",
    };
    if (opts.cycle) {
      hardhatRun("scripts/demo.ts", env, log);
      hardhatRun("scripts/dashboard/content.ts", env, log);
    } else {
      hardhatRun("deploy/index.ts", env, log);
    }
    const record = readDeployment("localhost", env.BYTOMDAO_DEPLOYMENTS);
    const deploymentFile = path.join(env.BYTOMDAO_DEPLOYMENTS!, "localhost.json");
    indexer = await startIndexer({
      rpcUrl: node.url,
      deploymentFile,
      port: indexerPort,
      databaseUrl,
      pgliteDir: path.join(tmp, "pglite"),
      schema: `bytom_${process.pid}_${Date.now().toString(36)}`,
      log,
    });
    return {
      rpcUrl: node.url,
      chainId: Number(record.chainId),
      deploymentFile,
      addresses: record.contracts,
      indexerUrl: indexer.url,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
