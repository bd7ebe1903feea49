/**
 * What the agent reads from the chain: proposals rebuilt from their ProposalCreated events, their actions decoded
 * with the suite's ABIs, the parameters in force, the active model and its on-chain weights root.
 */
import { ethers, type BlockTag, type Interface } from "ethers";
import {
  AgentDelegate__factory,
  AttestationVerifier__factory,
  BytomGovernor__factory,
  Constitution__factory,
  ExecutiveRegistry__factory,
  GovernanceCommittee__factory,
  GovernanceToken__factory,
  ModelRegistry__factory,
  TimelockController__factory,
  type AgentDelegate,
  type BytomGovernor,
  type Constitution,
  type GovernanceToken,
  type ModelRegistry,
  type TimelockController,
} from "../../typechain-types";
import { readEvents } from "../events";
import { formatTokens } from "../units";
import type { AgentParams, AgentProposal } from "./types";

/** The contracts the agent works with, and the block event scans start at. */
export interface AgentSuite {
  governor: BytomGovernor;
  agentDelegate: AgentDelegate;
  constitution: Constitution;
  modelRegistry: ModelRegistry;
  token: GovernanceToken;
  timelock: TimelockController;
  /** The deployment's start block (public RPCs refuse scans from 0). */
  fromBlock?: number;
}

/** A proposal as created: its id, actions, description and the block it was created in. */
export interface CreatedProposal {
  id: bigint;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
  blockNumber: number;
}

/** Every proposal of the governor, by id, from its ProposalCreated events (one scan). */
export async function createdProposals(suite: AgentSuite): Promise<Map<bigint, CreatedProposal>> {
  const { governor } = suite;
  const events = await readEvents(governor, governor.filters.ProposalCreated(), { fromBlock: suite.fromBlock ?? 0 });
  const out = new Map<bigint, CreatedProposal>();
  for (const e of events) {
    // Positional: `values` would collide with ethers' Result.values().
    const [id, , targets, values, , calldatas, , , description] = e.args;
    out.set(id, {
      id,
      targets: [...targets].map((t) => ethers.getAddress(t)),
      values: [...values],
      calldatas: [...calldatas],
      description,
      descriptionHash: ethers.id(description),
      blockNumber: e.blockNumber,
    });
  }
  return out;
}

/** One proposal from its ProposalCreated event, or an error naming the valid ids. */
export async function createdProposal(suite: AgentSuite, id: bigint): Promise<CreatedProposal> {
  const all = await createdProposals(suite);
  const p = all.get(id);
  if (!p) {
    const latest = await suite.governor.latestProposalId();
    throw new Error(
      `No ProposalCreated event for proposal ${id} (proposals 1..${latest}` +
        `${suite.fromBlock ? `, scanning from block ${suite.fromBlock}` : ""}): check --proposal and --network.`,
    );
  }
  return p;
}

/** The `ProposalActions` struct AgentDelegate takes with a vote (for its recusal check). */
export function actionsStruct(p: CreatedProposal) {
  return { targets: p.targets, values: p.values, calldatas: p.calldatas, descriptionHash: p.descriptionHash };
}

const FACTORIES: Record<string, { createInterface(): Interface }> = {
  GovernanceToken: GovernanceToken__factory,
  Constitution: Constitution__factory,
  GovernanceCommittee: GovernanceCommittee__factory,
  BytomGovernor: BytomGovernor__factory,
  TimelockController: TimelockController__factory,
  ModelRegistry: ModelRegistry__factory,
  ExecutiveRegistry: ExecutiveRegistry__factory,
  AttestationVerifier: AttestationVerifier__factory,
  AgentDelegate: AgentDelegate__factory,
};

/** Lower-case address → contract name, for the suite's contracts. */
export type AddressBook = Record<string, string>;

/** The address book of a deployment record's contracts (implementations left out). */
export function addressBook(contracts: Record<string, string>): AddressBook {
  const book: AddressBook = {};
  for (const [name, address] of Object.entries(contracts)) {
    if (!name.endsWith("Implementation") && ethers.isAddress(address)) book[address.toLowerCase()] = name;
  }
  return book;
}

/** The address book of a connected suite. */
export async function suiteAddressBook(suite: AgentSuite): Promise<AddressBook> {
  const entries: [string, { getAddress(): Promise<string> }][] = [
    ["BytomGovernor", suite.governor],
    ["AgentDelegate", suite.agentDelegate],
    ["Constitution", suite.constitution],
    ["ModelRegistry", suite.modelRegistry],
    ["GovernanceToken", suite.token],
    ["TimelockController", suite.timelock],
  ];
  const book: AddressBook = {};
  for (const [name, c] of entries) book[(await c.getAddress()).toLowerCase()] = name;
  const committee = await suite.governor.committee();
  book[committee.toLowerCase()] = "GovernanceCommittee";
  return book;
}

/** A decoded action: who is called, with what, in one line. */
export interface DecodedCall {
  target: string;
  targetName: string | null;
  value: bigint;
  calldata: string;
  /** Function name, null when no ABI of the suite matches. */
  fn: string | null;
  /** Arguments by name, as strings (tuples flattened: `params.quorumBps`). */
  args: Record<string, string>;
  /** "Constitution.ratifyAmendment(textHash=0x…, uri=ipfs://…)". */
  summary: string;
}

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (value instanceof ethers.Result) {
    let obj: Record<string, unknown> = {};
    try {
      obj = value.toObject() as Record<string, unknown>;
    } catch {
      obj = {};
    }
    const entries = Object.keys(obj).length > 0 ? Object.entries(obj) : [...value].map((v, i) => [String(i), v]);
    for (const [k, v] of entries) flatten(prefix ? `${prefix}.${k}` : k, v, out);
    return;
  }
  out[prefix] = typeof value === "bigint" ? value.toString() : String(value);
}

/** Decodes an action with the ABI of its target (by the address book), else of any suite contract. */
export function decodeCall(target: string, value: bigint, calldata: string, book: AddressBook): DecodedCall {
  const targetName = book[target.toLowerCase()] ?? null;
  const candidates = targetName && FACTORIES[targetName] ? [targetName] : Object.keys(FACTORIES);
  const name = (addr: string) => book[addr.toLowerCase()] ?? addr;
  const eth = value > 0n ? ` with ${ethers.formatEther(value)} ETH` : "";
  for (const c of candidates) {
    let parsed: ethers.TransactionDescription | null = null;
    try {
      parsed = FACTORIES[c].createInterface().parseTransaction({ data: calldata, value });
    } catch {
      parsed = null;
    }
    if (!parsed) continue;
    const args: Record<string, string> = {};
    parsed.fragment.inputs.forEach((input, i) => flatten(input.name || String(i), parsed.args[i], args));
    const shown = Object.entries(args)
      .map(([k, v]) => `${k}=${ethers.isAddress(v) ? name(v) : v}`)
      .join(", ");
    return {
      target,
      targetName: targetName ?? c,
      value,
      calldata,
      fn: parsed.name,
      args,
      summary: `${targetName ?? c}.${parsed.name}(${shown})${eth}`,
    };
  }
  const selector = calldata.length >= 10 ? calldata.slice(0, 10) : "(no calldata)";
  return {
    target,
    targetName,
    value,
    calldata,
    fn: null,
    args: {},
    summary: `${targetName ?? target} call ${selector}${eth}`,
  };
}

/** Every action of a proposal, decoded. */
export function decodeProposal(p: CreatedProposal, book: AddressBook): DecodedCall[] {
  return p.targets.map((t, i) => decodeCall(t, p.values[i], p.calldatas[i], book));
}

/** The proposal as the model reads it: title = the description's first line, target names from the book. */
export function modelProposal(p: CreatedProposal, book: AddressBook): AgentProposal {
  const title = p.description.split("\n")[0].trim();
  return {
    title,
    description: p.description,
    actions: p.targets.map((t, i) => ({
      target: t,
      targetName: book[t.toLowerCase()],
      value: p.values[i].toString(),
      calldata: p.calldatas[i],
    })),
  };
}

/** The governance parameters in force at `blockTag` (default latest). */
export async function paramsAt(constitution: Constitution, blockTag?: BlockTag): Promise<AgentParams> {
  const p = await constitution.parameters(blockTag === undefined ? {} : { blockTag });
  return {
    supermajorityBps: Number(p.supermajorityBps),
    quorumBps: Number(p.quorumBps),
    initiativeThresholdBps: Number(p.initiativeThresholdBps),
    reviewQuorum: Number(p.reviewQuorum),
    votingDelay: Number(p.votingDelay),
    votingPeriod: Number(p.votingPeriod),
    minDiscussionPeriod: Number(p.minDiscussionPeriod),
    disputeHoldPeriod: Number(p.disputeHoldPeriod),
    lateQuorumExtension: Number(p.lateQuorumExtension),
    draftThreshold: p.draftThreshold,
  };
}

/** A model on chain: its id, weights root, constitution version and operator. */
export interface OnChainModel {
  id: bigint;
  weightsRoot: string;
  version: number;
  operator: string;
}

/** Model `id` as the registry records it. */
export async function onChainModel(registry: ModelRegistry, id: bigint, blockTag?: BlockTag): Promise<OnChainModel> {
  const m = await registry.getModel(id, blockTag === undefined ? {} : { blockTag });
  return { id, weightsRoot: m.weightsRoot, version: Number(m.version), operator: m.operator };
}

const shortAddress = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** One action in plain language ("sends 250,000 BTMG from the treasury to 0x71bE…5788"). */
export function plainChange(d: DecodedCall, current: AgentParams, book: AddressBook): string {
  const who = (a: string) => book[a.toLowerCase()] ?? shortAddress(a);
  const btmg = (wei: string) => `${formatTokens(BigInt(wei), 0)} BTMG`;
  const eth = d.value > 0n ? ` (and sends ${ethers.formatEther(d.value)} ETH)` : "";
  switch (`${d.targetName}.${d.fn}`) {
    case "GovernanceToken.transfer":
      return `sends ${btmg(d.args.value)} from the treasury to ${who(d.args.to)}${eth}`;
    case "GovernanceToken.mint":
      return `mints ${btmg(d.args.amount)} to ${who(d.args.to)} (dilutes every holder)${eth}`;
    case "Constitution.ratifyAmendment":
      return (
        `ratifies a new constitution text (hash ${d.args.textHash.slice(0, 10)}…, published at ${d.args.uri}); ` +
        `a model is then trained for it and, once evaluated, becomes the active AI`
      );
    case "Constitution.setParameters": {
      const moves = (Object.keys(current) as (keyof AgentParams)[])
        .filter((k) => d.args[`params.${k}`] !== undefined && d.args[`params.${k}`] !== current[k].toString())
        .map((k) => `${k} ${current[k]} → ${d.args[`params.${k}`]}`);
      return moves.length ? `changes ${moves.join(", ")}` : "re-sets the governance parameters unchanged";
    }
    case "Constitution.setAgentVoteCapBps":
      return `sets the AI delegate's vote cap to ${Number(d.args.bps) / 100}% of the voting supply`;
    case "GovernanceCommittee.replaceMember":
      return `replaces committee member ${who(d.args.oldMember)} with ${who(d.args.newMember)}`;
    default:
      if (d.fn === "upgradeToAndCall") {
        return `upgrades ${d.targetName ?? d.target} to the implementation at ${shortAddress(d.args.newImplementation)}`;
      }
      return `calls ${d.summary}`;
  }
}
