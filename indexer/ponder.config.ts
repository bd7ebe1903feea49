/**
 * Ponder config: one chain (the deployment record's), every contract of the record that the indexer follows, from the
 * record's start block. Environment:
 *   BYTOM_DEPLOYMENT  the deployment record (deployments/<network>.json, written by deploy/index.ts) — required
 *   BYTOM_RPC_URL     the node's JSON-RPC URL (default http://127.0.0.1:8545)
 *   DATABASE_URL      PostgreSQL connection string; without it, PGlite in BYTOM_PGLITE_DIR (default .ponder/pglite)
 * `ponder start` also needs DATABASE_SCHEMA (or --schema); set PONDER_TELEMETRY_DISABLED=true on offline machines.
 */
import path from "node:path";
import { createConfig } from "ponder";
import { readDeployment } from "../sdk/deployments";
import { INDEXED_CONTRACTS, contractAbi, type IndexedContract } from "./contracts";

function deployment() {
  const file = process.env.BYTOM_DEPLOYMENT;
  if (!file) {
    throw new Error(
      "BYTOM_DEPLOYMENT is not set: point it at a deployment record (deployments/<network>.json, written by " +
        "`npx hardhat run deploy/index.ts --network <network>`).",
    );
  }
  const resolved = path.resolve(file);
  return readDeployment(path.basename(resolved, ".json"), path.dirname(resolved));
}

const record = deployment();
const chainId = Number(record.chainId);
const local = chainId === 31337 || chainId === 1337;
const startBlock = record.startBlock ?? 0;

const contracts = Object.fromEntries(
  (Object.keys(INDEXED_CONTRACTS) as IndexedContract[])
    .filter((name) => record.contracts[name])
    .map((name) => [
      name,
      { chain: "bytom", abi: contractAbi(name), address: record.contracts[name] as `0x${string}`, startBlock },
    ]),
);

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.BYTOM_PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    bytom: {
      id: chainId,
      rpc: process.env.BYTOM_RPC_URL ?? "http://127.0.0.1:8545",
      // A local node restarts from genesis: caching its RPC answers would serve another chain's blocks.
      disableCache: local,
      pollingInterval: Number(process.env.BYTOM_POLLING_MS ?? (local ? 250 : 1000)),
    },
  },
  contracts,
});
