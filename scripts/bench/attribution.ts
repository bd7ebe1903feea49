import hre from "hardhat";
import { ethers } from "ethers";

/**
 * Where a transaction's gas goes, from the node's own trace (debug_traceTransaction structLogs): per contract whose
 * code ran (proxies' implementations named as such) and per opcode class, plus every storage write with its cost and
 * the slot's name where known. The bench prints it for the steps whose cost is above the reference, so the premium
 * is attributed to what pays it (e.g. the code pin's digest write, the per-proposal rules slot).
 */
export interface Attribution {
  gasUsed: bigint;
  /** Intrinsic gas (21,000 + calldata) and refunds: gasUsed less what the opcodes consumed. */
  intrinsic: bigint;
  /** contract label → opcode class → gas. */
  byContract: Map<string, Map<string, bigint>>;
  /** Every SSTORE: contract label, slot name (or the slot), gas. */
  writes: { contract: string; slot: string; gas: bigint }[];
}

interface Step {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

/** A stack word as a bigint (nodes print it with or without 0x). */
const word = (hex: string): bigint => BigInt(hex.startsWith("0x") ? hex : `0x${hex}`);

const CLASSES: Record<string, string> = {
  SLOAD: "SLOAD",
  SSTORE: "SSTORE",
  CALL: "CALL",
  STATICCALL: "CALL",
  DELEGATECALL: "CALL",
  CALLCODE: "CALL",
  LOG0: "LOG",
  LOG1: "LOG",
  LOG2: "LOG",
  LOG3: "LOG",
  LOG4: "LOG",
  KECCAK256: "KECCAK",
  SHA3: "KECCAK",
  EXTCODEHASH: "EXTCODE",
  EXTCODESIZE: "EXTCODE",
  TSTORE: "TRANSIENT",
  TLOAD: "TRANSIENT",
};

/** Traces `hash`; `labels` names addresses (lower case) and `slots` names storage slots (0x-hex, 32 bytes). */
export async function attribute(
  hash: string,
  labels: Record<string, string>,
  slots: Record<string, string> = {},
): Promise<Attribution> {
  const receipt = await hre.ethers.provider.getTransactionReceipt(hash);
  const tx = await hre.ethers.provider.getTransaction(hash);
  if (!receipt || !tx) throw new Error(`no transaction ${hash}`);
  const trace = (await hre.network.provider.send("debug_traceTransaction", [
    hash,
    { disableMemory: true, disableStorage: true },
  ])) as { structLogs: Step[] };
  const steps = trace.structLogs;
  const name = (a: string) => labels[a.toLowerCase()] ?? a;
  const byContract = new Map<string, Map<string, bigint>>();
  const add = (contract: string, cls: string, gas: number) => {
    const m = byContract.get(contract) ?? new Map<string, bigint>();
    m.set(cls, (m.get(cls) ?? 0n) + BigInt(gas));
    byContract.set(contract, m);
  };
  const writes: Attribution["writes"] = [];
  // Frames: code address per depth; pending calls: (step index, child start gas).
  const code: string[] = [name(tx.to!)];
  const pending: { index: number; childStart: number }[] = [];
  let executed = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const next = steps[i + 1];
    const contract = code[s.depth - 1];
    const cls = CLASSES[s.op] ?? "other";
    if (s.op === "SSTORE" && s.stack) {
      const slot = ethers.toBeHex(word(s.stack[s.stack.length - 1]), 32);
      writes.push({ contract, slot: slots[slot] ?? slot, gas: BigInt(s.gas - (next?.gas ?? s.gas - s.gasCost)) });
    }
    if (next && next.depth === s.depth + 1) {
      // Entered a call: the callee's code address is the second stack item.
      const target =
        "0x" +
        word(s.stack![s.stack!.length - 2])
          .toString(16)
          .padStart(40, "0");
      code[s.depth] = name(ethers.getAddress(target));
      pending.push({ index: i, childStart: next.gas });
      continue;
    }
    const cost = next && next.depth === s.depth ? s.gas - next.gas : s.gasCost;
    if (next && next.depth < s.depth) {
      // Returning: settle the caller's call opcode (its own cost = gas before - gas after - what the callee used).
      const call = pending.pop()!;
      const callee = s.gas - s.gasCost; // gas the callee had left
      const before = steps[call.index];
      const own = before.gas - next.gas - (call.childStart - callee);
      add(code[before.depth - 1], CLASSES[before.op] ?? "other", own);
      executed += own;
    }
    add(contract, cls, cost);
    executed += cost;
  }
  return { gasUsed: receipt.gasUsed, intrinsic: receipt.gasUsed - BigInt(executed), byContract, writes };
}

/** Printable lines: one per contract (opcode classes by gas), then the storage writes. */
export function formatAttribution(a: Attribution): string[] {
  const lines = [`gas used ${a.gasUsed}: intrinsic + calldata - refunds ${a.intrinsic}`];
  const totals = [...a.byContract.entries()].map(([c, m]) => ({
    c,
    total: [...m.values()].reduce((x, y) => x + y, 0n),
    m,
  }));
  totals.sort((x, y) => Number(y.total - x.total));
  for (const { c, total, m } of totals) {
    const parts = [...m.entries()].sort((x, y) => Number(y[1] - x[1])).map(([k, v]) => `${k} ${v}`);
    lines.push(`  ${c.padEnd(30)} ${String(total).padStart(7)}  (${parts.join(", ")})`);
  }
  const named = a.writes.map(
    (w) => `${w.contract}:${w.slot.startsWith("0x") ? w.slot.slice(0, 10) + "…" : w.slot} ${w.gas}`,
  );
  lines.push(`  storage writes (${a.writes.length}): ${named.join("; ")}`);
  return lines;
}

/** Gas spent in the frames of the named contracts (proxy and implementation names as labelled). */
export function framesOf(a: Attribution, names: string[]): bigint {
  let sum = 0n;
  for (const [c, m] of a.byContract) if (names.includes(c)) for (const v of m.values()) sum += v;
  return sum;
}

/** Gas of one opcode class in the named contracts' frames. */
export function classOf(a: Attribution, names: string[], cls: string): bigint {
  let sum = 0n;
  for (const [c, m] of a.byContract) if (names.includes(c)) sum += m.get(cls) ?? 0n;
  return sum;
}

/** Gas of the storage writes to the named slot. */
export function writesTo(a: Attribution, slot: string): bigint {
  return a.writes.filter((w) => w.slot === slot).reduce((sum, w) => sum + w.gas, 0n);
}
