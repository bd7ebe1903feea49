/**
 * Runs the indexer until Ctrl-C.
 *
 *   npm run indexer -- --rpc <url> --deployment <deployments/<network>.json> [--port 42069] [--schema bytom]
 *       an existing node or testnet; PostgreSQL when DATABASE_URL is set, else PGlite in indexer/.ponder/pglite
 *   npm run stack -- [--cycle] [--postgres] [--rpc-port 8545] [--port 42069]
 *       a whole local stack (scripts/dashboard/stack.ts): anvil, the deployment (or the demo cycle), the indexer
 */
import path from "node:path";
import { startIndexer, startStack } from "./stack";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value`);
  return value;
}

function untilInterrupted(stop: () => Promise<void>): void {
  const end = () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", end);
  process.once("SIGTERM", end);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const port = Number(flag(args, "port") ?? process.env.STACK_INDEXER_PORT ?? 42069);
  if (command === "indexer") {
    const rpcUrl = flag(args, "rpc");
    const deploymentFile = flag(args, "deployment");
    if (!rpcUrl || !deploymentFile) {
      throw new Error("usage: npm run indexer -- --rpc <url> --deployment <deployments/<network>.json> [--port N]");
    }
    const indexer = await startIndexer({
      rpcUrl,
      deploymentFile: path.resolve(deploymentFile),
      port,
      databaseUrl: process.env.DATABASE_URL,
      schema: flag(args, "schema") ?? process.env.DATABASE_SCHEMA ?? "bytom",
      timeoutMs: 24 * 3600_000,
      log: console.log,
    });
    console.log(`GraphQL: ${indexer.url}/graphql   SQL over HTTP: ${indexer.url}/sql   (Ctrl-C stops)`);
    untilInterrupted(indexer.stop);
  } else if (command === "stack") {
    const stack = await startStack({
      rpcPort: Number(flag(args, "rpc-port") ?? process.env.STACK_RPC_PORT ?? 8545),
      indexerPort: port,
      database: args.includes("--postgres") ? "postgres" : "pglite",
      cycle: args.includes("--cycle"),
    });
    console.log(JSON.stringify({ ...stack, stop: undefined }, null, 2));
    console.log(`GraphQL: ${stack.indexerUrl}/graphql   (Ctrl-C stops the node and the indexer)`);
    untilInterrupted(stack.stop);
  } else {
    throw new Error("usage: cli.ts indexer|stack … (npm run indexer / npm run stack)");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
