/**
 * The one event reader: typed `queryFilter` scans bounded by the deployment's start block (public RPCs refuse scans
 * from block 0) and split into ranges a provider accepts.
 */
import type { BaseContract, ContractEventName, EventLog, Log } from "ethers";

export interface EventScan {
  /** First block to scan: the deployment's start block. */
  fromBlock?: number;
  /** Last block (default: latest). */
  toBlock?: number;
  /** Blocks per request (default 50,000; lower it for strict RPCs). */
  chunk?: number;
}

/** Reads events of `contract` matching `filter`, from the deployment's start block to `toBlock`, in chunks. */
export async function readEvents<C extends BaseContract>(
  contract: C,
  filter: ContractEventName,
  scan: EventScan = {},
): Promise<EventLog[]> {
  const provider = contract.runner?.provider;
  if (!provider) throw new Error("readEvents: the contract has no provider (connect it to a provider or signer)");
  const from = scan.fromBlock ?? 0;
  const to = scan.toBlock ?? (await provider.getBlockNumber());
  const chunk = Math.max(1, scan.chunk ?? 50_000);
  const out: EventLog[] = [];
  for (let start = from; start <= to; start += chunk) {
    const end = Math.min(to, start + chunk - 1);
    const logs: (EventLog | Log)[] = await contract.queryFilter(filter, start, end);
    for (const log of logs) if ("args" in log) out.push(log);
  }
  return out;
}

/** The parsed events named `name` in a transaction receipt, for the given contract's interface. */
export function eventsIn(
  receipt: { logs: readonly Log[] },
  contract: { interface: BaseContract["interface"] },
  name: string,
): ReturnType<BaseContract["interface"]["parseLog"]>[] {
  const out = [];
  for (const log of receipt.logs) {
    try {
      const parsed = contract.interface.parseLog(log);
      if (parsed?.name === name) out.push(parsed);
    } catch {
      // a log of another contract
    }
  }
  return out;
}
