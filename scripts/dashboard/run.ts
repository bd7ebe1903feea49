/**
 * npm run dashboard: a local node, the suite deployed, a voting scene played (so every page has content), the web
 * server; prints the URL and stays up until Ctrl-C, then stops everything.
 *
 *   NODE_PORT (default 8560), WEB_PORT (default 5180): each refused if already in use.
 */
import path from "node:path";
import { playVotingScene, startDashboardChain } from "./scene";
import { startWeb } from "./web";

async function main(): Promise<void> {
  const started = Date.now();
  const chain = await startDashboardChain(Number(process.env.NODE_PORT ?? 8560));
  let web: { url: string; stop(): Promise<void> } | undefined;
  const stop = async () => {
    await web?.stop();
    await chain.stop();
  };
  try {
    const rationaleDir = path.join(chain.tmpDir, "rationales");
    const scene = await playVotingScene({
      rpcUrl: chain.rpcUrl,
      addresses: chain.addresses,
      modelDirs: chain.modelDirs,
      rationaleDir,
    });
    web = await startWeb({
      port: Number(process.env.WEB_PORT ?? 5180),
      config: { rpcUrl: chain.rpcUrl, chainId: chain.chainId, addresses: chain.addresses, devAccounts: true },
      documents: { rationales: rationaleDir, "models/1": chain.modelDirs["1"] },
    });
    console.log(`\nDashboard ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${web.url}`);
    console.log(`  open proposal: ${web.url}#/proposal/${scene.proposalId}`);
    console.log("  Ctrl-C stops the node and the server.");
  } catch (e) {
    await stop();
    throw e;
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("\nstopping…");
  await stop();
}

main().catch((e: unknown) => {
  console.error(`npm run dashboard failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
