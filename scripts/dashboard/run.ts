/**
 * npm run dashboard: one command for a dashboard with content on every page. A local node, the suite deployed, the
 * demo cycle played and the indexer on PGlite (the stack, scripts/dashboard/stack.ts), a proposal left open for
 * voting with the AI delegate's vote (scene.ts), then the web server; prints the URL and stays up until Ctrl-C,
 * then stops everything.
 *
 *   NODE_PORT (default 8560), INDEXER_PORT (default 42110), WEB_PORT (default 5180): each refused if in use.
 */
import { startDashboard } from "./scene";

async function main(): Promise<void> {
  const dashboard = await startDashboard({
    rpcPort: Number(process.env.NODE_PORT ?? 8560),
    indexerPort: Number(process.env.INDEXER_PORT ?? 42110),
    webPort: Number(process.env.WEB_PORT ?? 5180),
  });
  console.log(`\nDashboard ready in ${dashboard.seconds} s: ${dashboard.url}`);
  console.log(`  a proposal open for voting: ${dashboard.url}#/proposal/${dashboard.scene.proposalId}`);
  console.log(
    "  pick a dev account at the top of the page to vote; Ctrl-C stops the node, the indexer and the server.",
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("\nstopping…");
  await dashboard.stop();
}

main().catch((e: unknown) => {
  console.error(`npm run dashboard failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
