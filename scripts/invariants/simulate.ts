/**
 * Reverting calls are found by simulation, not mined. Hardhat mines a transaction that reverts (a block with the
 * failed transaction: time moves, the sender's nonce and balance change), so after each of them the invariants had
 * to be read again although no contract state could have changed. With this hook every `eth_sendTransaction` of the
 * fuzzer is first run as an `eth_call` on the pending block (same sender, target, value, data and gas); if that
 * reverts, its error (with the revert data the fuzzer decodes to a custom error name) is thrown and nothing is mined,
 * so the chain is exactly the one the last check saw. A simulation that succeeds is sent as the real transaction.
 */
import hre from "hardhat";

type Send = (method: string, params?: unknown[]) => Promise<unknown>;

export function simulateBeforeSend(): void {
  const provider = hre.network.provider as unknown as { send: Send };
  const send = provider.send.bind(provider);
  provider.send = async (method: string, params?: unknown[]): Promise<unknown> => {
    if (method === "eth_sendTransaction" && params !== undefined) {
      const { from, to, value, data, gas } = params[0] as Record<string, unknown>;
      await send("eth_call", [{ from, to, value, data, gas }, "pending"]);
    }
    return send(method, params);
  };
}
