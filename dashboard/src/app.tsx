/**
 * The dashboard's shared state: the runtime config, the public client, the account that signs (a dev account on a
 * local node, or the injected wallet), and the data hooks (live reads, event history, the indexer's GraphQL).
 */
import { createContext, useContext, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type Abi, type WalletClient, BaseError, ContractFunctionRevertedError } from "viem";
import { useConnection, useWalletClient } from "wagmi";
import type { DashboardConfig } from "./config";
import { devAccountsAllowed, devAddress, devWalletClient, type Client } from "./chain";

interface AppState {
  config: DashboardConfig;
  client: Client;
  /** Index of the selected dev account, or null for the injected wallet. */
  devIndex: number | null;
  setDevIndex(i: number | null): void;
}

const Ctx = createContext<AppState | null>(null);

export function AppProvider(props: { config: DashboardConfig; client: Client; children: ReactNode }) {
  const [devIndex, setDevIndex] = useState<number | null>(null);
  return (
    <Ctx.Provider value={{ config: props.config, client: props.client, devIndex, setDevIndex }}>
      {props.children}
    </Ctx.Provider>
  );
}

export function useApp(): AppState {
  const s = useContext(Ctx);
  if (!s) throw new Error("useApp outside AppProvider");
  return s;
}

export function useAddress(name: string): `0x${string}` {
  const a = useApp().config.addresses[name];
  if (!a) throw new Error(`no address for ${name} in config.json`);
  return a;
}

/** The refresh period of live reads (ms): the local node mines on demand, so polling is cheap. */
export const REFRESH_MS = 2000;

/** A live read through the public client, refreshed periodically and after every transaction sent here. */
export function useRead<T>(key: unknown[], read: (client: Client) => Promise<T>, enabled = true) {
  const { client } = useApp();
  return useQuery({ queryKey: ["chain", ...key], queryFn: () => read(client), refetchInterval: REFRESH_MS, enabled });
}

/** A GraphQL query against the indexer (`${indexerUrl}/graphql`). */
export async function graphql<T>(indexerUrl: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${indexerUrl.replace(/\/$/, "")}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`indexer: ${body.errors.map((e) => e.message).join("; ")}`);
  if (!body.data) throw new Error(`indexer: HTTP ${res.status} without data`);
  return body.data;
}

export function useIndexer<T>(key: unknown[], query: string, variables: Record<string, unknown> = {}) {
  const { config } = useApp();
  return useQuery({
    queryKey: ["indexer", ...key, variables],
    queryFn: () => graphql<T>(config.indexerUrl!, query, variables),
    refetchInterval: REFRESH_MS,
    enabled: Boolean(config.indexerUrl),
  });
}

/** The account that signs, if any: the selected dev account, else the connected injected wallet. */
export function useSigner(): { address?: `0x${string}`; label: string; wallet?: WalletClient } {
  const { config, devIndex } = useApp();
  const connection = useConnection();
  const { data: injectedWallet } = useWalletClient();
  if (devIndex !== null && devAccountsAllowed(config)) {
    return {
      address: devAddress(devIndex),
      label: `dev account #${devIndex}`,
      wallet: devWalletClient(config, devIndex),
    };
  }
  if (connection.address) return { address: connection.address, label: "injected wallet", wallet: injectedWallet };
  return { label: "no account" };
}

/** Explains a failed transaction in one line: the contract's custom error name and arguments when there is one. */
export function explain(error: unknown): string {
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName) {
      return `${revert.data.errorName}(${(revert.data.args ?? []).map(String).join(", ")})`;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends a contract call from the signer, simulated first (a revert is explained before anything is signed), waits
 * for the receipt, then refreshes every query.
 */
export function useWrite() {
  const { client } = useApp();
  const signer = useSigner();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>("");
  const write = async (address: `0x${string}`, abi: Abi, functionName: string, args: unknown[]) => {
    if (!signer.wallet || !signer.address) {
      setStatus("Select a dev account or connect a wallet first.");
      return false;
    }
    try {
      setStatus(`${functionName}: sending…`);
      const { request } = await client.simulateContract({ account: signer.address, address, abi, functionName, args });
      const hash = await signer.wallet.writeContract({
        ...request,
        account: signer.wallet.account ?? signer.address,
        chain: client.chain,
      } as Parameters<WalletClient["writeContract"]>[0]);
      const receipt = await client.waitForTransactionReceipt({ hash });
      setStatus(
        `${functionName}: ${receipt.status === "success" ? "confirmed" : "reverted"} in block ${receipt.blockNumber}`,
      );
      await queryClient.invalidateQueries();
      return receipt.status === "success";
    } catch (e) {
      setStatus(`${functionName} refused: ${explain(e)}`);
      return false;
    }
  };
  return { write, status, signer };
}

/**
 * History rows from the indexer when one is configured (the GraphQL `query`, its answer mapped by `fromIndexer`),
 * else read from the node's event logs by `fromChain`: the page works with or without an indexer.
 */
export function useHistory<T, G>(
  key: unknown[],
  query: string,
  fromIndexer: (data: G) => T,
  fromChain: (client: Client) => Promise<T>,
  enabled = true,
) {
  const { config, client } = useApp();
  return useQuery({
    queryKey: ["history", Boolean(config.indexerUrl), ...key],
    queryFn: async () =>
      config.indexerUrl ? fromIndexer(await graphql<G>(config.indexerUrl, query)) : fromChain(client),
    refetchInterval: REFRESH_MS,
    enabled,
  });
}
