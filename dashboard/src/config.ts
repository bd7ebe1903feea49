/**
 * The runtime configuration, written as /config.json by whoever serves the static build (scripts/dashboard/web.ts):
 * one build serves any network.
 */
export interface DashboardConfig {
  rpcUrl: string;
  chainId: number;
  /** Base URL of the Ponder indexer (its GraphQL API is at `${indexerUrl}/graphql`); empty: read events from the node. */
  indexerUrl?: string;
  /** Contract name (as in the deployment record) → address. */
  addresses: Record<string, `0x${string}`>;
  /** Offer the local node's well-known dev accounts (only honoured on chain 31337). */
  devAccounts?: boolean;
  /** Where the texts and documents the chain references by hash are served (constitution texts, rationales). */
  documentsUrl?: string;
  /** On-chain model id → where its files are served and their paths: the member page verifies and runs the model. */
  models?: Record<string, { url: string; files: string[] }>;
}

export const LOCAL_CHAIN_ID = 31337;

export async function loadConfig(): Promise<DashboardConfig> {
  const res = await fetch("./config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}. Serve the dashboard with scripts/dashboard/web.ts.`);
  const c = (await res.json()) as DashboardConfig;
  for (const name of ["BytomGovernor", "Constitution", "GovernanceCommittee", "GovernanceToken", "AgentDelegate"]) {
    if (!c.addresses?.[name]) throw new Error(`config.json has no address for ${name}`);
  }
  // The node must be the chain the config names: the dev accounts, offered on 31337 only, depend on it.
  const rpc = await fetch(c.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  const chainId = Number(((await rpc.json()) as { result?: string }).result);
  if (chainId !== c.chainId)
    throw new Error(`config.json says chain ${c.chainId}, the node at ${c.rpcUrl} is chain ${chainId}`);
  return c;
}
