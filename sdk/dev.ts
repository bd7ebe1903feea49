/**
 * Time travel on local nodes only (Hardhat's in-process network, `hardhat node`, anvil): raw JSON-RPC
 * `evm_increaseTime` + `evm_mine`. Refuses any other chain: a public network's clock cannot be moved.
 */
import type { Provider } from "ethers";

/** Chain ids of local development nodes (Hardhat and anvil use 31337; some setups 1337). */
export const LOCAL_CHAIN_IDS: readonly bigint[] = [31337n, 1337n];

/** A provider that can send raw JSON-RPC (ethers JsonRpcProvider, Hardhat's provider). */
export interface RpcProvider extends Provider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** Throws unless the provider is a local development node. */
export async function assertLocalChain(provider: Provider): Promise<bigint> {
  const { chainId } = await provider.getNetwork();
  if (!LOCAL_CHAIN_IDS.includes(chainId)) {
    throw new Error(
      `Refusing to move time on chain ${chainId}: only local nodes (chain id ${LOCAL_CHAIN_IDS.join(" or ")}: ` +
        `Hardhat, anvil) have a clock that can be moved. On a real network, wait.`,
    );
  }
  return chainId;
}

/** The latest block's timestamp. */
export async function latestTimestamp(provider: Provider): Promise<bigint> {
  const block = await provider.getBlock("latest");
  if (!block) throw new Error("the node returned no latest block");
  return BigInt(block.timestamp);
}

/** Moves the clock forward by `seconds` and mines a block. Returns the new latest timestamp. */
export async function advanceTime(provider: RpcProvider, seconds: bigint | number): Promise<bigint> {
  await assertLocalChain(provider);
  const s = BigInt(seconds);
  if (s < 0n) throw new Error("time only moves forward");
  if (s > 0n) await provider.send("evm_increaseTime", [Number(s)]);
  await provider.send("evm_mine", []);
  return latestTimestamp(provider);
}

/** Moves the clock so that the next block is past `timestamp` (no-op if it already is). Local nodes only. */
export async function travelPast(provider: RpcProvider, timestamp: bigint | number): Promise<void> {
  const target = BigInt(timestamp) + 1n;
  const now = await latestTimestamp(provider);
  if (now < target) {
    await assertLocalChain(provider);
    await provider.send("evm_setNextBlockTimestamp", [Number(target)]);
    await provider.send("evm_mine", []);
  }
}
