/**
 * Chain access: one viem public client for live reads and event history, wagmi for the injected (EIP-1193) wallet,
 * and on a local node (chain 31337 only) the node's well-known dev accounts, clearly labelled.
 */
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Abi,
  type Chain,
  type WalletClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { createConfig } from "wagmi";
import { injected } from "wagmi/connectors";
import { LOCAL_CHAIN_ID, type DashboardConfig } from "./config";
import {
  agentDelegateAbi,
  committeeAbi,
  constitutionAbi,
  executiveRegistryAbi,
  governorAbi,
  modelRegistryAbi,
  tokenAbi,
} from "./generated/abis";

/** Anvil's and Hardhat's public test mnemonic: local nodes only, never a real network. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const DEV_ACCOUNT_COUNT = 20;

export function chainOf(c: DashboardConfig): Chain {
  return defineChain({
    id: c.chainId,
    name: c.chainId === LOCAL_CHAIN_ID ? "Local node" : `Chain ${c.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [c.rpcUrl] } },
  });
}

export function makePublicClient(c: DashboardConfig) {
  return createPublicClient({ chain: chainOf(c), transport: http(c.rpcUrl), pollingInterval: 1000 });
}
export type Client = ReturnType<typeof makePublicClient>;

export function makeWagmiConfig(c: DashboardConfig) {
  const chain = chainOf(c);
  return createConfig({ chains: [chain], connectors: [injected()], transports: { [chain.id]: http(c.rpcUrl) } });
}

/** Dev accounts are offered only on the local chain id, whatever config.json says. */
export function devAccountsAllowed(c: DashboardConfig): boolean {
  return c.devAccounts === true && c.chainId === LOCAL_CHAIN_ID;
}

export function devWalletClient(c: DashboardConfig, index: number): WalletClient {
  if (!devAccountsAllowed(c)) throw new Error("dev accounts exist only on a local node (chain 31337)");
  return createWalletClient({
    account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }),
    chain: chainOf(c),
    transport: http(c.rpcUrl),
  });
}

export function devAddress(index: number): `0x${string}` {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;
}

export const abis = {
  BytomGovernor: governorAbi,
  Constitution: constitutionAbi,
  GovernanceCommittee: committeeAbi,
  GovernanceToken: tokenAbi,
  AgentDelegate: agentDelegateAbi,
  ModelRegistry: modelRegistryAbi,
  ExecutiveRegistry: executiveRegistryAbi,
} as const;
export type ContractName = keyof typeof abis;

/** Every known ABI with its contract name, to decode a proposal's actions by target address. */
export function abiOfAddress(c: DashboardConfig, address: string): { name: string; abi?: Abi } {
  for (const [name, addr] of Object.entries(c.addresses)) {
    if (addr.toLowerCase() === address.toLowerCase()) {
      return { name, abi: (abis as Record<string, Abi>)[name] };
    }
  }
  return { name: "" };
}
