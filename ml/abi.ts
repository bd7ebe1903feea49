/**
 * What the model knows of the DAO's contracts: their ABIs (the governance functions a proposal may call), the
 * demo address book, the governance parameters' hard bounds (README "Parameters and their hard bounds") and the
 * demo defaults. `decodeAction` turns a proposal action (target, value, calldata) into a readable call and
 * `actionTerms` into feature terms (contract, function, parameter moves against the bounds, roles, amounts).
 */
import { ethers } from "ethers";
import type { AgentParams } from "../sdk/agent/types";

/** Human-readable ABI fragments of the calls proposals make, per contract name. */
export const KNOWN_ABIS: Record<string, string[]> = {
  Constitution: [
    "function setParameters((uint16 supermajorityBps, uint16 quorumBps, uint16 initiativeThresholdBps, uint8 reviewQuorum, uint32 votingDelay, uint32 votingPeriod, uint32 minDiscussionPeriod, uint32 disputeHoldPeriod, uint32 lateQuorumExtension, uint256 draftThreshold) params)",
    "function ratifyAmendment(bytes32 textHash, string uri)",
    "function withdrawAmendment(uint256 version)",
    "function setModelRegistry(address modelRegistry)",
    "function upgradeToAndCall(address newImplementation, bytes data)",
  ],
  GovernanceToken: [
    "function mint(address to, uint256 amount)",
    "function transfer(address to, uint256 value)",
    "function delegate(address delegatee)",
    "function upgradeToAndCall(address newImplementation, bytes data)",
  ],
  GovernanceCommittee: [
    "function replaceMember(address oldMember, address newMember)",
    "function upgradeToAndCall(address newImplementation, bytes data)",
  ],
  BytomGovernor: ["function upgradeToAndCall(address newImplementation, bytes data)"],
  TimelockController: [
    "function updateDelay(uint256 newDelay)",
    "function grantRole(bytes32 role, address account)",
    "function revokeRole(bytes32 role, address account)",
  ],
  ExecutiveRegistry: [
    "function appoint(address account)",
    "function removeExecutive(address account)",
    "function grantAllowance(address account, address asset, uint128 amount, uint64 period)",
    "function setSpendThreshold(address asset, uint256 threshold)",
    "function clawback(address asset, uint256 amount)",
    "function approveVerifier(address verifier)",
    "function approveIssuer(address issuer)",
    "function removeIssuer(address issuer)",
    "function upgradeToAndCall(address newImplementation, bytes data)",
  ],
  ModelRegistry: [
    "function appointEvaluator(address evaluator)",
    "function removeEvaluator(address evaluator)",
    "function suspendBuilder(address builder, bytes32 reasonHash)",
    "function restoreBuilder(address builder)",
    "function rejectRun(uint256 runId, bytes32 reasonHash)",
    "function upgradeToAndCall(address newImplementation, bytes data)",
  ],
  AgentDelegate: ["function upgradeToAndCall(address newImplementation, bytes data)"],
};

/** Deterministic demo address of a named account or contract (the corpus and the examples use these). */
export function demoAddress(name: string): string {
  return ethers.getAddress(ethers.dataSlice(ethers.id(`bytomdao:${name}`), 12));
}

/** Contract names the model recognises as targets. The treasury is the TimelockController. */
export const CONTRACT_NAMES = Object.keys(KNOWN_ABIS);

/** Address → name of the demo address book (contracts and the DAO's well-known accounts). */
export function defaultAddressBook(): Record<string, string> {
  const book: Record<string, string> = {};
  for (const n of [...CONTRACT_NAMES, "Treasury", "ZeroAddress"]) book[demoAddress(n).toLowerCase()] = n;
  book[ethers.ZeroAddress.toLowerCase()] = "ZeroAddress";
  book[demoAddress("TimelockController").toLowerCase()] = "TimelockController";
  return book;
}

export const ROLE_NAMES: Record<string, string> = {
  [ethers.ZeroHash]: "admin",
  [ethers.id("PROPOSER_ROLE")]: "proposer",
  [ethers.id("EXECUTOR_ROLE")]: "executor",
  [ethers.id("CANCELLER_ROLE")]: "canceller",
};

/**
 * Governance parameters in force (the model judges parameter moves against them). One definition, shared with the
 * AI delegate's runtime: sdk/agent's {@link AgentParams}.
 */
export type GovernanceParams = AgentParams;

const HOUR = 3600;
const DAY = 86400;

/** The demo deployment's parameters (README). Moves are judged against these unless the caller passes others. */
export const DEFAULT_PARAMS: GovernanceParams = {
  supermajorityBps: 8000,
  quorumBps: 1000,
  initiativeThresholdBps: 1000,
  reviewQuorum: 3,
  votingDelay: HOUR,
  votingPeriod: 3 * DAY,
  minDiscussionPeriod: 2 * DAY,
  disputeHoldPeriod: 3 * DAY,
  lateQuorumExtension: DAY,
  draftThreshold: 100_000n * 10n ** 18n,
};

/** Hard bounds no vote can cross (Constitution.sol, README); draftThreshold only > 0. */
export const PARAM_BOUNDS: Record<keyof GovernanceParams, [number, number]> = {
  supermajorityBps: [8000, 9500],
  quorumBps: [200, 5000],
  initiativeThresholdBps: [100, 5000],
  reviewQuorum: [3, 5],
  votingDelay: [HOUR, 14 * DAY],
  votingPeriod: [DAY, 30 * DAY],
  minDiscussionPeriod: [DAY, 30 * DAY],
  disputeHoldPeriod: [DAY, 30 * DAY],
  lateQuorumExtension: [HOUR, 14 * DAY],
  draftThreshold: [1, Number.MAX_SAFE_INTEGER],
};

export const PARAM_KEYS = Object.keys(DEFAULT_PARAMS) as (keyof GovernanceParams)[];

export interface ProposalAction {
  /** 0x address of the called contract. */
  target: string;
  /** Optional name of the target when the proposer's tooling knows it (else looked up in the address book). */
  targetName?: string;
  /** Wei, decimal string. */
  value: string;
  /** 0x calldata ("0x" for a plain transfer). */
  calldata: string;
}

export interface DecodedAction {
  target: string;
  targetName: string | null;
  value: bigint;
  /** Null when no known ABI matches the selector. */
  fn: string | null;
  args: Record<string, string>;
  /** One line: "Constitution.setParameters(supermajorityBps=7500 …)". */
  summary: string;
}

const interfaces = new Map(Object.entries(KNOWN_ABIS).map(([n, abi]) => [n, new ethers.Interface(abi)]));

function flatten(prefix: string, value: unknown, out: Record<string, string>, names?: string[]): void {
  if (value instanceof ethers.Result) {
    const keys = names ?? [];
    const obj = value.toObject(true) as Record<string, unknown>;
    const entries = Object.keys(obj).length > 0 ? Object.entries(obj) : keys.map((k, i) => [k, value[i]] as const);
    for (const [k, v] of entries) flatten(prefix ? `${prefix}.${k}` : k, v, out);
    return;
  }
  out[prefix] = typeof value === "bigint" ? value.toString() : String(value);
}

/** Decodes an action with the known ABIs (by target name if known, else by selector over every known ABI). */
export function decodeAction(action: ProposalAction, addressBook = defaultAddressBook()): DecodedAction {
  const targetName = action.targetName ?? addressBook[action.target.toLowerCase()] ?? null;
  const value = BigInt(action.value || "0");
  const candidates = targetName && interfaces.has(targetName) ? [targetName] : [...interfaces.keys()];
  for (const name of candidates) {
    const iface = interfaces.get(name)!;
    let parsed: ethers.TransactionDescription | null = null;
    try {
      parsed = iface.parseTransaction({ data: action.calldata, value });
    } catch {
      parsed = null;
    }
    if (!parsed) continue;
    const args: Record<string, string> = {};
    parsed.fragment.inputs.forEach((input, i) => {
      const v = parsed!.args[i];
      if (input.baseType === "tuple" && v instanceof ethers.Result) {
        input.components!.forEach((c, j) => (args[c.name] = String(v[j])));
      } else args[input.name] = typeof v === "bigint" ? v.toString() : String(v);
    });
    const defaults = DEFAULT_PARAMS as unknown as Record<string, number | bigint>;
    const shown = Object.entries(args)
      .filter(([k, v]) => parsed!.name !== "setParameters" || String(defaults[k]) !== v)
      .map(([k, v]) => `${k}=${addressBook[v.toLowerCase()] ?? v}`)
      .join(", ");
    return {
      target: action.target,
      targetName: targetName ?? name,
      value,
      fn: parsed.name,
      args,
      summary: `${targetName ?? name}.${parsed.name}(${shown})${value > 0n ? ` with ${ethers.formatEther(value)} ETH` : ""}`,
    };
  }
  const sel = action.calldata.length >= 10 ? action.calldata.slice(0, 10) : "(no calldata)";
  return {
    target: action.target,
    targetName,
    value,
    fn: null,
    args: {},
    summary: `${targetName ?? action.target} call ${sel}${value > 0n ? ` with ${ethers.formatEther(value)} ETH` : ""}`,
  };
}

function magnitude(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const digits = whole === 0n ? 0 : whole.toString().length - 1;
  return `1e${Math.min(digits, 9)}`;
}

/**
 * Feature terms of one decoded action: `call:<contract>`, `fn:<function>`, and facts: each changed parameter's
 * direction against `current` and whether it stays inside its hard bounds, roles granted, amounts' magnitude,
 * named recipients. Terms carry a ":" so they never collide with text stems.
 */
export function actionTerms(
  d: DecodedAction,
  current: GovernanceParams = DEFAULT_PARAMS,
  addressBook = defaultAddressBook(),
): string[] {
  const t: string[] = [`call:${(d.targetName ?? "unknown").toLowerCase()}`, `fn:${(d.fn ?? "unknown").toLowerCase()}`];
  if (d.value > 0n) t.push("sends:eth", `amount:${magnitude(d.value)}`);
  const who = (addr: string) => addressBook[addr.toLowerCase()]?.toLowerCase() ?? "external";
  switch (d.fn) {
    case "setParameters":
      for (const k of PARAM_KEYS) {
        const v = BigInt(d.args[k]);
        const cur = BigInt(current[k]);
        if (v === cur) continue;
        const [lo, hi] = PARAM_BOUNDS[k];
        const dir = v > cur ? "raised" : "lowered";
        const inside = v >= BigInt(lo) && v <= BigInt(hi);
        t.push(
          `param:${k.toLowerCase()}`,
          `param:${k.toLowerCase()}:${dir}`,
          inside ? "bounds:inside" : "bounds:outside",
        );
        if (!inside) t.push(`param:${k.toLowerCase()}:outside`);
      }
      break;
    case "mint":
    case "transfer":
      t.push(`to:${who(d.args.to)}`, `amount:${magnitude(BigInt(d.args.amount ?? d.args.value))}`);
      break;
    case "delegate":
      t.push(`delegatee:${who(d.args.delegatee)}`);
      break;
    case "grantRole":
    case "revokeRole":
      t.push(`role:${ROLE_NAMES[d.args.role] ?? "other"}`, `grantee:${who(d.args.account)}`);
      break;
    case "updateDelay":
      t.push(
        BigInt(d.args.newDelay) === 0n ? "delay:zero" : BigInt(d.args.newDelay) < 86400n ? "delay:short" : "delay:days",
      );
      break;
    case "grantAllowance": {
      const unlimited = BigInt(d.args.amount) >= 2n ** 127n || BigInt(d.args.period) === 0n;
      t.push(unlimited ? "allowance:unlimited" : `amount:${magnitude(BigInt(d.args.amount))}`);
      break;
    }
    case "updateResourceURI":
    default:
      break;
  }
  return t;
}
