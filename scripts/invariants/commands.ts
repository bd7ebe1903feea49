/** The fuzzer's commands: one per external entry point, by every role, with the model (ghost state) they update. */
import hre from "hardhat";
import fc from "fast-check";
import type { ContractTransactionReceipt, ContractTransactionResponse, Log } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BallotRelay, IConstitution } from "../../typechain-types";
import type { IModelRegistryTypes } from "../../typechain-types/contracts/models/ModelRegistry";
import type { World } from "./world";
import { checkAll } from "./invariants";
import { ballotStruct, signRelayedBallot } from "../../sdk/ballots";
import { milestone, stats } from "./stats";
import { profile } from "./profile";

const { ethers } = hre;
const E18 = 10n ** 18n;

export interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

export interface DraftModel {
  id: bigint;
  author: string;
  p: Proposal;
  revision: bigint;
  /** False once proposed or withdrawn. */
  open: boolean;
}

export interface ProposalModel {
  id: bigint;
  p: Proposal;
  /** The constitution's supermajority when it was created. */
  bps: bigint;
  digest: string;
  /** Tallies [against, for, abstain] rebuilt from VoteCast / OverrideVoteCast / VoteReduced events. */
  ghost: [bigint, bigint, bigint];
  heldUntil: bigint;
  heldAt: bigint;
  holdPeriod: bigint;
  executedAt: bigint;
  lastState: bigint;
  /** The AI delegate's counted weight (its VoteCast minus VoteReduced), if it voted. */
  agentCounted: bigint | undefined;
  /** Weight of overrides by accounts whose delegate at the snapshot was the AI delegate. */
  agentOverridden: bigint;
  /** The tallies when voting closed ("against/for/abstain"). */
  frozen?: string;
}

export interface Model {
  drafts: DraftModel[];
  proposals: ProposalModel[];
  maxCurrentVersion: bigint;
  maxLatestVersion: bigint;
  humans: number;
  /** An executive who just spent: their allowance's spent must not exceed its amount. */
  lastSpender: string | undefined;
  /** Training runs recorded, by id, with the record evaluators give back. */
  runs: Map<bigint, IModelRegistryTypes.TrainingRunStruct>;
  /**
   * Whether the DAO itself seated the deployer's address (a MemberReplaced event naming it). The DAO is sovereign and
   * may seat any address; DEPLOYER_NO_ROLE is about what the deployment left behind, so a seat the DAO granted later
   * is not a violation.
   */
  deployerSeatedByDao: boolean;
}

export function newModel(): Model {
  return {
    drafts: [],
    proposals: [],
    maxCurrentVersion: 0n,
    maxLatestVersion: 0n,
    humans: 0,
    lastSpender: undefined,
    runs: new Map(),
    deployerSeatedByDao: false,
  };
}

type Real = World;

export class Step implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly label: string,
    readonly exec: (m: Model, w: Real) => Promise<void>,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, w: Real): Promise<void> {
    const t0 = performance.now();
    await this.exec(m, w);
    profile.commandMs += performance.now() - t0;
  }
  toString(): string {
    return this.label;
  }
}

/** The revert's custom error name (decoded against every suite ABI), or the reason / panic. */
export function errorName(w: Real, error: unknown): string {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const e = stack.pop();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const record = e as Record<string, unknown>;
    const data = record.data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) {
      for (const iface of w.interfaces) {
        const parsed = iface.parseError(data);
        if (parsed !== null) return parsed.name;
      }
      return `unknown selector ${data.slice(0, 10)}`;
    }
    for (const key of ["error", "info", "cause"]) stack.push(record[key]);
  }
  const message = error instanceof Error ? error.message : String(error);
  const reason =
    /reverted with reason string '([^']*)'/.exec(message) ?? /reverted with (panic code [^ ]+)/.exec(message);
  return reason !== null ? reason[1] : message.split("\n")[0].slice(0, 80);
}

/**
 * Sends one call; counts it (and its revert by error name); feeds its logs to the model; then checks every invariant.
 *
 * A call that reverted changed nothing: the EVM undoes all of its writes, and Hardhat mines no block for a call that
 * fails (the failure surfaces in its gas estimation). The chain is then exactly the one the previous check saw, so
 * the check is skipped — but only if the block number proves no block was mined; otherwise it runs as usual.
 */
export async function call(
  m: Model,
  w: Real,
  name: string,
  send: () => Promise<ContractTransactionResponse>,
  /** Updates the model from a successful call before the invariants are checked. */
  onSuccess?: (receipt: ContractTransactionReceipt) => Promise<void>,
): Promise<ContractTransactionReceipt | undefined> {
  stats.calls++;
  const entry = stats.byCommand.get(name) ?? { calls: 0, ok: 0 };
  entry.calls++;
  stats.byCommand.set(name, entry);
  const t0 = performance.now();
  const before = await blockNumber();
  let receipt: ContractTransactionReceipt | undefined;
  try {
    receipt = (await (await send()).wait()) ?? undefined;
    entry.ok++;
  } catch (error) {
    stats.reverts++;
    const err = errorName(w, error);
    stats.revertsByError.set(err, (stats.revertsByError.get(err) ?? 0) + 1);
  }
  if (receipt !== undefined) {
    if (onSuccess !== undefined) await onSuccess(receipt);
    await observe(m, w, receipt);
  }
  profile.commandMs += performance.now() - t0;
  if (receipt === undefined && (await blockNumber()) === before) {
    stats.unchangedSkips++;
    return undefined;
  }
  await check(m, w);
  return receipt;
}

async function blockNumber(): Promise<string> {
  return (await hre.network.provider.send("eth_blockNumber", [])) as string;
}

/** Checks every invariant (timed for --profile). */
export async function check(m: Model, w: Real): Promise<void> {
  const t0 = performance.now();
  await checkAll(w, m);
  profile.checkMs += performance.now() - t0;
}

async function observe(m: Model, w: Real, receipt: ContractTransactionReceipt): Promise<void> {
  const governor = await w.governor.getAddress();
  const committee = await w.committee.getAddress();
  const deployer = w.deployer.address;
  const block = await receipt.getBlock();
  for (const log of receipt.logs as Log[]) {
    for (const iface of w.interfaces) {
      const event = iface.parseLog(log);
      const label = event === null ? undefined : EVENT_MILESTONES[event.name];
      if (label !== undefined) milestone(label);
      if (event !== null) break;
    }
    if (log.address === committee) {
      const event = w.committee.interface.parseLog(log);
      if (event?.name === "MemberReplaced") {
        if (event.args.newMember === deployer) m.deployerSeatedByDao = true;
        if (event.args.oldMember === deployer) m.deployerSeatedByDao = false;
      }
      continue;
    }
    if (log.address !== governor) continue;
    const parsed = w.governor.interface.parseLog(log);
    if (parsed === null) continue;
    const id = parsed.args.proposalId as bigint;
    const pm = m.proposals.find((x) => x.id === id);
    if (pm === undefined) continue;
    switch (parsed.name) {
      case "VoteCast":
      case "VoteCastWithParams": {
        const support = Number(parsed.args.support);
        pm.ghost[support] += parsed.args.weight as bigint;
        if (parsed.args.voter === w.agentDelegateAddress) {
          pm.agentCounted = parsed.args.weight as bigint;
          milestone("AI ballots");
        }
        milestone("vote");
        break;
      }
      case "OverrideVoteCast": {
        pm.ghost[Number(parsed.args.support)] += parsed.args.weight as bigint;
        const snapshot = await w.governor.proposalSnapshot(id);
        if ((await w.token.getPastDelegate(parsed.args.voter as string, snapshot)) === w.agentDelegateAddress) {
          pm.agentOverridden += parsed.args.weight as bigint;
        }
        milestone("override");
        break;
      }
      case "VoteReduced": {
        pm.ghost[Number(parsed.args.support)] -= parsed.args.weight as bigint;
        if (parsed.args.delegate === w.agentDelegateAddress && pm.agentCounted !== undefined) {
          pm.agentCounted -= parsed.args.weight as bigint;
        }
        break;
      }
      case "ProposalHeld":
        pm.heldUntil = parsed.args.heldUntil as bigint;
        pm.heldAt = BigInt(block.timestamp);
        pm.holdPeriod = (await w.constitution.parameters()).disputeHoldPeriod;
        milestone("hold");
        break;
      case "ProposalExecuted":
        pm.executedAt = BigInt(block.timestamp);
        milestone("executed");
        break;
      case "ProposalQueued":
        milestone("queued");
        break;
      default:
    }
  }
}

/** Events counted as milestones (besides the proposal stages counted below). */
const EVENT_MILESTONES: Record<string, string> = {
  DraftSubmitted: "drafts submitted",
  DraftApproved: "draft approvals",
  DraftProposed: "drafts proposed",
  ModelActivated: "models activated",
  VersionEnacted: "versions enacted",
  AmendmentRatified: "amendments ratified",
  ExecutiveAppointed: "executives appointed",
  MemberReplaced: "members replaced",
  ParametersUpdated: "parameter changes",
};

const pick = <T>(xs: T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

// ----------------------------------------------------------------------------- proposal contents

/** Parameters at and just past their hard bounds: almost every such set has a field out of bounds. */
const boundaryParamsArb: fc.Arbitrary<IConstitution.GovernanceParamsStruct> = fc.record({
  supermajorityBps: fc.constantFrom(7_999, 8_000, 8_500, 9_500, 9_501),
  quorumBps: fc.constantFrom(199, 200, 400, 5_000, 5_001),
  initiativeThresholdBps: fc.constantFrom(99, 100, 1_000, 5_000),
  reviewQuorum: fc.constantFrom(2, 3, 4, 5, 6),
  votingDelay: fc.constantFrom(3_599, 3_600, 86_400, 14 * 86_400),
  votingPeriod: fc.constantFrom(86_399, 86_400, 3 * 86_400, 30 * 86_400),
  minDiscussionPeriod: fc.constantFrom(86_400, 2 * 86_400, 30 * 86_400 + 1),
  disputeHoldPeriod: fc.constantFrom(86_399, 86_400, 3 * 86_400, 30 * 86_400),
  lateQuorumExtension: fc.constantFrom(3_600, 86_400, 14 * 86_400, 14 * 86_400 + 1),
  draftThreshold: fc.constantFrom(0n, E18, 1_000_000n * E18),
});

/** Parameters within every bound (the changes a DAO actually makes), so parameter changes also succeed. */
const validParamsArb: fc.Arbitrary<IConstitution.GovernanceParamsStruct> = fc.record({
  supermajorityBps: fc.constantFrom(8_001, 8_500, 9_500),
  quorumBps: fc.constantFrom(200, 400, 5_000),
  initiativeThresholdBps: fc.constantFrom(100, 1_000, 5_000),
  reviewQuorum: fc.constantFrom(3, 4, 5),
  votingDelay: fc.constantFrom(3_600, 86_400),
  votingPeriod: fc.constantFrom(86_400, 3 * 86_400),
  minDiscussionPeriod: fc.constantFrom(86_400, 2 * 86_400),
  disputeHoldPeriod: fc.constantFrom(86_400, 3 * 86_400),
  lateQuorumExtension: fc.constantFrom(3_600, 86_400),
  draftThreshold: fc.constantFrom(0n, E18, 1_000_000n * E18),
});

const paramsArb = fc.oneof(validParamsArb, boundaryParamsArb);

/** What a draft asks the DAO to do. */
const actionArb = fc.oneof(
  fc.record({ kind: fc.constant("grant" as const), to: fc.nat(15), amount: fc.bigInt(0n, 1_000_000n * E18) }),
  fc.record({ kind: fc.constant("params" as const), params: paramsArb }),
  fc.record({ kind: fc.constant("replaceMember" as const), seat: fc.nat(4), to: fc.nat(15) }),
  fc.record({ kind: fc.constant("mint" as const), to: fc.nat(15), amount: fc.bigInt(0n, 2_000_000_000n * E18) }),
  fc.record({ kind: fc.constant("amend" as const), salt: fc.nat(1_000) }),
  fc.record({ kind: fc.constant("codeless" as const), salt: fc.nat(1_000) }),
  fc.record({ kind: fc.constant("delegateTreasury" as const), to: fc.nat(15) }),
  fc.record({ kind: fc.constant("appointExecutive" as const), to: fc.nat(15) }),
  fc.record({ kind: fc.constant("appointEvaluator" as const), to: fc.nat(15) }),
);
type Action = typeof actionArb extends fc.Arbitrary<infer A> ? A : never;

async function encode(w: Real, a: Action, tag: string): Promise<Proposal> {
  const one = (target: string, data: string, value = 0n): Proposal => ({
    targets: [target],
    values: [value],
    calldatas: [data],
    description: `${a.kind} ${tag}`,
  });
  const token = await w.token.getAddress();
  switch (a.kind) {
    case "grant":
      return one(token, w.token.interface.encodeFunctionData("transfer", [w.actors[a.to].address, a.amount]));
    case "params":
      return one(
        await w.constitution.getAddress(),
        w.constitution.interface.encodeFunctionData("setParameters", [a.params]),
      );
    case "replaceMember": {
      const members = await w.committee.members();
      return one(
        await w.committee.getAddress(),
        w.committee.interface.encodeFunctionData("replaceMember", [members[a.seat], w.actors[a.to].address]),
      );
    }
    case "mint":
      return one(token, w.token.interface.encodeFunctionData("mint", [w.actors[a.to].address, a.amount]));
    case "amend":
      return one(
        await w.constitution.getAddress(),
        w.constitution.interface.encodeFunctionData("ratifyAmendment", [ethers.id(`v ${a.salt}`), `ipfs://v${a.salt}`]),
      );
    case "codeless":
      return one(ethers.getAddress(ethers.dataSlice(ethers.id(`codeless ${a.salt}`), 12)), "0x");
    case "delegateTreasury":
      return one(token, w.token.interface.encodeFunctionData("delegate", [w.actors[a.to].address]));
    case "appointExecutive":
      return one(
        await w.executiveRegistry.getAddress(),
        w.executiveRegistry.interface.encodeFunctionData("appoint", [w.actors[a.to].address]),
      );
    case "appointEvaluator":
      return one(
        await w.modelRegistry.getAddress(),
        w.modelRegistry.interface.encodeFunctionData("appointEvaluator", [w.actors[a.to].address]),
      );
  }
}

// ----------------------------------------------------------------------------- commands

const actor = fc.nat(15);
const support = fc.nat(3); // 3 is invalid on purpose
const index = fc.nat(1_000);

export function allCommands(w: Real): fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] {
  const s = (i: number): HardhatEthersSigner => w.actors[i];
  const prop = (m: Model, i: number): ProposalModel | undefined => pick(m.proposals, i);
  const draft = (m: Model, i: number): DraftModel | undefined => pick(m.drafts, i);
  const travel = async (seconds: number): Promise<void> => {
    await hre.network.provider.send("evm_increaseTime", [seconds]);
    await hre.network.provider.send("evm_mine", []);
  };
  const list = [
    // Token: transfers (incl. to and from the treasury's address), delegation (incl. to the AI delegate and the
    // treasury, which must be refused).
    fc.record({ from: actor, to: fc.nat(17), amount: fc.bigInt(0n, 50_000_000n * E18) }).map(
      ({ from, to, amount }) =>
        new Step(`transfer(${from}→${to}, ${amount})`, async (m, wr) => {
          const dest = to === 16 ? wr.timelockAddress : to === 17 ? wr.agentDelegateAddress : s(to).address;
          await call(m, wr, "token.transfer", () => wr.token.connect(s(from)).transfer(dest, amount));
        }),
    ),
    fc.record({ from: actor, to: fc.nat(17) }).map(
      ({ from, to }) =>
        new Step(`delegate(${from}→${to})`, async (m, wr) => {
          const dest = to === 16 ? wr.timelockAddress : to === 17 ? wr.agentDelegateAddress : s(to).address;
          await call(m, wr, "token.delegate", () => wr.token.connect(s(from)).delegate(dest));
        }),
    ),
    // Drafts: submit, revise, comment, approve, back, withdraw, put to vote.
    fc.record({ by: actor, a: actionArb, tag: index }).map(
      ({ by, a, tag }) =>
        new Step(`submitDraft(${by}, ${a.kind})`, async (m, wr) => {
          const p = await encode(wr, a, String(tag));
          await submitDraft(m, wr, s(by), p);
        }),
    ),
    fc.record({ by: actor, author: fc.boolean(), d: index, a: actionArb, tag: index }).map(
      ({ by, author, d, a, tag }) =>
        new Step(`reviseDraft(${author ? "author" : by}, #${d})`, async (m, wr) => {
          const dm = draft(m, d);
          if (dm === undefined) return;
          const p = await encode(wr, a, `rev ${tag}`);
          const signer = author ? await ethers.getSigner(dm.author) : s(by);
          await call(
            m,
            wr,
            "committee.reviseDraft",
            () =>
              wr.committee.connect(signer).reviseDraft(dm.id, p.targets, p.values, p.calldatas, p.description, "note"),
            async () => {
              dm.p = p;
              dm.revision++;
            },
          );
        }),
    ),
    fc.record({ by: actor, d: index }).map(
      ({ by, d }) =>
        new Step(`comment(${by}, #${d})`, async (m, wr) => {
          const id = draft(m, d)?.id ?? BigInt(d);
          await call(m, wr, "committee.comment", () =>
            wr.committee.connect(s(by)).comment(id, ethers.id(`c${d}`), "ipfs://c"),
          );
        }),
    ),
    fc.record({ by: fc.nat(15), d: index, stale: fc.boolean() }).map(
      ({ by, d, stale }) =>
        new Step(`approveDraft(${by}, #${d}${stale ? ", stale" : ""})`, async (m, wr) => {
          const dm = draft(m, d);
          if (dm === undefined) return;
          const rev = stale ? dm.revision - 1n : dm.revision;
          await call(m, wr, "committee.approveDraft", () => wr.committee.connect(s(by)).approveDraft(dm.id, rev));
        }),
    ),
    fc.record({ by: actor, d: index }).map(
      ({ by, d }) =>
        new Step(`backDraft(${by}, #${d})`, async (m, wr) => {
          const dm = draft(m, d);
          if (dm === undefined) return;
          await call(m, wr, "committee.backDraft", () => wr.committee.connect(s(by)).backDraft(dm.id, dm.revision));
        }),
    ),
    fc.record({ by: actor, author: fc.boolean(), d: index }).map(
      ({ by, author, d }) =>
        new Step(`withdrawDraft(${author ? "author" : by}, #${d})`, async (m, wr) => {
          const dm = draft(m, d);
          if (dm === undefined) return;
          const signer = author ? await ethers.getSigner(dm.author) : s(by);
          await call(
            m,
            wr,
            "committee.withdrawDraft",
            () => wr.committee.connect(signer).withdrawDraft(dm.id),
            async () => {
              dm.open = false;
            },
          );
        }),
    ),
    fc.record({ by: actor, d: index }).map(
      ({ by, d }) =>
        new Step(`propose(${by}, #${d})`, async (m, wr) => {
          const dm = draft(m, d);
          if (dm === undefined) return;
          await proposeDraft(m, wr, s(by), dm);
        }),
    ),
    // Votes: direct, override, the AI delegate (by its key, or by anyone else: refused).
    fc.record({ by: actor, p: index, support }).map(
      ({ by, p, support: v }) =>
        new Step(`castVote(${by}, #${p}, ${v})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          await call(m, wr, "governor.castVote", () => wr.governor.connect(s(by)).castVote(pm.id, v));
        }),
    ),
    fc.record({ by: actor, p: index, support }).map(
      ({ by, p, support: v }) =>
        new Step(`castOverrideVote(${by}, #${p}, ${v})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          await call(m, wr, "governor.castOverrideVote", () =>
            wr.governor.connect(s(by)).castOverrideVote(pm.id, v, "override"),
          );
        }),
    ),
    // A relayed batch of signed ballots (votes and overrides; duplicates, invalid support and late ballots included).
    fc
      .record({
        by: actor,
        p: index,
        ballots: fc.array(fc.record({ voter: actor, support, override: fc.boolean(), expired: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
      })
      .map(
        ({ by, p, ballots }) =>
          new Step(`relay(${by}, #${p}, ${ballots.length} ballots)`, async (m, wr) => {
            const pm = prop(m, p);
            if (pm === undefined) return;
            const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
            const signed: BallotRelay.BallotStruct[] = [];
            for (const b of ballots) {
              const r = await signRelayedBallot(wr.ballotRelay, s(b.voter), pm.id, b.support, {
                overrideDelegate: b.override,
                expiry: b.expired ? now - 1n : now + 86_400n,
              });
              signed.push(ballotStruct(r));
            }
            await call(m, wr, "ballotRelay.relay", () => wr.ballotRelay.connect(s(by)).relay(pm.id, signed));
          }),
      ),
    fc.record({ byKey: fc.boolean(), by: actor, p: index, support }).map(
      ({ byKey, by, p, support: v }) =>
        new Step(`agent.castVote(${byKey ? "key" : by}, #${p}, ${v})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          const caller = byKey ? wr.agentKey : s(by);
          const actions = {
            targets: pm.p.targets,
            values: pm.p.values,
            calldatas: pm.p.calldatas,
            descriptionHash: ethers.id(pm.p.description),
          };
          await call(m, wr, "agentDelegate.castVote", () =>
            wr.agentDelegate.connect(caller).castVote(pm.id, v, "AI", ethers.id("rationale"), actions),
          );
        }),
    ),
    // Queue, execute, holds.
    fc.record({ by: actor, p: index }).map(
      ({ by, p }) =>
        new Step(`queue(${by}, #${p})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          const h = ethers.id(pm.p.description);
          await call(m, wr, "governor.queue", () =>
            wr.governor.connect(s(by)).queue(pm.p.targets, pm.p.values, pm.p.calldatas, h),
          );
        }),
    ),
    fc.record({ by: actor, p: index }).map(
      ({ by, p }) =>
        new Step(`execute(${by}, #${p})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          const h = ethers.id(pm.p.description);
          await call(m, wr, "governor.execute", () =>
            wr.governor.connect(s(by)).execute(pm.p.targets, pm.p.values, pm.p.calldatas, h),
          );
        }),
    ),
    fc.record({ by: actor, p: index }).map(
      ({ by, p }) =>
        new Step(`supportHold(${by}, #${p})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          await call(m, wr, "committee.supportHold", () => wr.committee.connect(s(by)).supportHold(pm.id));
        }),
    ),
    fc.record({ by: actor, p: index }).map(
      ({ by, p }) =>
        new Step(`governor.holdProposal(${by}, #${p})`, async (m, wr) => {
          const pm = prop(m, p);
          if (pm === undefined) return;
          await call(m, wr, "governor.holdProposal", () => wr.governor.connect(s(by)).holdProposal(pm.id));
        }),
    ),
    // Time.
    fc.constantFrom(60, 3_600, 86_400, 2 * 86_400 + 1, 4 * 86_400, 8 * 86_400).map(
      (seconds) =>
        new Step(`travel(${seconds}s)`, async (m, wr) => {
          await travel(seconds);
          await check(m, wr); // time alone moves proposal states
        }),
    ),
    // DAO-only calls, by the timelock (as an executed proposal would) and by anyone else (refused).
    fc.record({ asDao: fc.boolean(), by: actor, params: paramsArb }).map(
      ({ asDao, by, params }) =>
        new Step(`setParameters(${asDao ? "DAO" : by})`, async (m, wr) => {
          await call(m, wr, "constitution.setParameters", () =>
            wr.constitution.connect(asDao ? wr.dao : s(by)).setParameters(params),
          );
        }),
    ),
    fc.record({ asDao: fc.boolean(), by: actor, seat: fc.nat(5), to: fc.nat(16) }).map(
      ({ asDao, by, seat, to }) =>
        new Step(`replaceMember(${asDao ? "DAO" : by}, seat ${seat} → ${to})`, async (m, wr) => {
          const members = await wr.committee.members();
          const old = seat === 5 ? s(to % 16).address : members[seat];
          const next = to === 16 ? ethers.ZeroAddress : s(to).address;
          await call(m, wr, "committee.replaceMember", () =>
            wr.committee.connect(asDao ? wr.dao : s(by)).replaceMember(old, next),
          );
        }),
    ),
    fc.record({ asDao: fc.boolean(), by: actor, to: fc.nat(16), amount: fc.bigInt(0n, 2_000_000_000n * E18) }).map(
      ({ asDao, by, to, amount }) =>
        new Step(`mint(${asDao ? "DAO" : by}, ${amount})`, async (m, wr) => {
          const dest = to === 16 ? wr.timelockAddress : s(to).address;
          await call(m, wr, "token.mint", () => wr.token.connect(asDao ? wr.dao : s(by)).mint(dest, amount));
        }),
    ),
    fc.record({ asDao: fc.boolean(), by: actor, salt: index, withdraw: fc.boolean() }).map(
      ({ asDao, by, salt, withdraw }) =>
        new Step(`${withdraw ? "withdrawAmendment" : "ratifyAmendment"}(${asDao ? "DAO" : by})`, async (m, wr) => {
          const c = wr.constitution.connect(asDao ? wr.dao : s(by));
          if (withdraw) {
            const v = await wr.constitution.latestVersion();
            await call(m, wr, "constitution.withdrawAmendment", () => c.withdrawAmendment(v));
          } else {
            await call(m, wr, "constitution.ratifyAmendment", () =>
              c.ratifyAmendment(ethers.id(`amend ${salt}`), `ipfs://a${salt}`),
            );
          }
        }),
    ),
    // Model lifecycle: builders, a run on the latest open request, checkpoints, completion, evaluation,
    // activation, rejection and failure.
    fc.record({ by: actor, roles: fc.nat(15) }).map(
      ({ by, roles }) =>
        new Step(`registerBuilder(${by}, ${roles})`, async (m, wr) => {
          await call(m, wr, "modelRegistry.registerBuilder", () =>
            wr.modelRegistry.connect(s(by)).registerBuilder(roles, "ipfs://b"),
          );
        }),
    ),
    fc.record({ by: actor, trainer: actor }).map(
      ({ by, trainer }) =>
        new Step(`recordTrainingRun(${trainer})`, async (m, wr) => {
          const version = await wr.constitution.latestVersion();
          await call(
            m,
            wr,
            "modelRegistry.recordTrainingRun",
            () =>
              wr.modelRegistry
                .connect(s(trainer))
                .recordTrainingRun(version, ethers.id("data"), ethers.id("cfg"), ethers.id("code"), [], [], "ipfs://r"),
            async () => {
              m.runs.set(await wr.modelRegistry.runCount(), {
                version,
                trainer: s(trainer).address,
                datasetRoot: ethers.id("data"),
                configHash: ethers.id("cfg"),
                codeHash: ethers.id("code"),
                dataProviders: [],
                computeProviders: [],
                uri: "ipfs://r",
              });
              milestone("training run");
            },
          );
          void by;
        }),
    ),
    fc.record({ by: actor, run: index }).map(
      ({ by, run }) =>
        new Step(`completeTrainingRun(${by}, run ${run})`, async (m, wr) => {
          const runs = await wr.modelRegistry.runCount();
          if (runs === 0n) return;
          const runId = (BigInt(run) % runs) + 1n;
          await call(m, wr, "modelRegistry.anchorCheckpoint", () =>
            wr.modelRegistry.connect(s(by)).anchorCheckpoint(runId, BigInt(run + 1), ethers.id(`ck ${run}`)),
          );
          await call(m, wr, "modelRegistry.completeTrainingRun", () =>
            wr.modelRegistry
              .connect(s(by))
              .completeTrainingRun(runId, ethers.id("w"), ethers.id("m"), s((by + 1) % 16).address, "ipfs://w"),
          );
        }),
    ),
    fc.record({ by: actor, run: index, passed: fc.boolean() }).map(
      ({ by, run, passed }) =>
        new Step(`evaluateRun(${by}, run ${run}, ${passed})`, async (m, wr) => {
          const runs = await wr.modelRegistry.runCount();
          if (runs === 0n) return;
          const runId = (BigInt(run) % runs) + 1n;
          const record = m.runs.get(runId);
          if (record === undefined) return;
          await call(m, wr, "modelRegistry.evaluateRun", () =>
            wr.modelRegistry.connect(s(by)).evaluateRun(runId, record, passed, passed ? 9_000 : 1_000, ethers.id("r")),
          );
        }),
    ),
    fc.record({ by: actor, run: index, n: fc.nat(5) }).map(
      ({ by, run, n }) =>
        new Step(`activateRun(${by}, run ${run}, ${n} passers)`, async (m, wr) => {
          const runs = await wr.modelRegistry.runCount();
          if (runs === 0n) return;
          const runId = (BigInt(run) % runs) + 1n;
          const members = [...(await wr.committee.members())].sort((a, b) =>
            BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0,
          );
          await call(m, wr, "modelRegistry.activateRun", () =>
            wr.modelRegistry.connect(s(by)).activateRun(runId, members.slice(0, n)),
          );
        }),
    ),
    fc.record({ asDao: fc.boolean(), by: actor, who: actor }).map(
      ({ asDao, by, who }) =>
        new Step(`appointEvaluator(${asDao ? "DAO" : by}, ${who})`, async (m, wr) => {
          await call(m, wr, "modelRegistry.appointEvaluator", () =>
            wr.modelRegistry.connect(asDao ? wr.dao : s(by)).appointEvaluator(s(who).address),
          );
        }),
    ),
    // Executive lifecycle: enrol (one human per nullifier), appointment by the DAO or by members, allowance,
    // direct spend, resignation.
    fc.record({ by: actor, human: fc.nat(7) }).map(
      ({ by, human }) =>
        new Step(`enroll(${by}, human ${human})`, async (m, wr) => {
          const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
          await wr.verifier.set(ethers.id(`human ${human}`), now + 365n * 86_400n);
          await call(m, wr, "executiveRegistry.enroll", () =>
            wr.executiveRegistry.connect(s(by)).enroll(wr.verifier.getAddress(), "0x"),
          );
        }),
    ),
    fc.record({ asDao: fc.boolean(), by: actor, who: actor }).map(
      ({ asDao, by, who }) =>
        new Step(`appoint(${asDao ? "DAO" : by}, ${who})`, async (m, wr) => {
          if (asDao) {
            await call(m, wr, "executiveRegistry.appoint", () =>
              wr.executiveRegistry.connect(wr.dao).appoint(s(who).address),
            );
          } else {
            await call(m, wr, "executiveRegistry.approveAppointment", () =>
              wr.executiveRegistry.connect(s(by)).approveAppointment(s(who).address),
            );
          }
        }),
    ),
    fc.record({ who: actor, amount: fc.bigInt(0n, 10_000n * E18), period: fc.constantFrom(3_600n, 86_400n) }).map(
      ({ who, amount, period }) =>
        new Step(`grantAllowance(${who}, ${amount})`, async (m, wr) => {
          const token = await wr.token.getAddress();
          await call(m, wr, "executiveRegistry.grantAllowance", () =>
            wr.executiveRegistry.connect(wr.dao).grantAllowance(s(who).address, token, amount, period),
          );
          await call(m, wr, "token.transfer(treasury→registry)", () =>
            wr.token.connect(wr.dao).transfer(wr.executiveRegistry.getAddress(), amount),
          );
        }),
    ),
    fc.record({ asDao: fc.boolean(), threshold: fc.bigInt(0n, 20_000n * E18) }).map(
      ({ asDao, threshold }) =>
        new Step(`setSpendThreshold(${threshold})`, async (m, wr) => {
          const token = await wr.token.getAddress();
          await call(m, wr, "executiveRegistry.setSpendThreshold", () =>
            wr.executiveRegistry.connect(asDao ? wr.dao : wr.deployer).setSpendThreshold(token, threshold),
          );
        }),
    ),
    fc.record({ by: actor, to: actor, amount: fc.bigInt(1n, 20_000n * E18) }).map(
      ({ by, to, amount }) =>
        new Step(`spend(${by} → ${to}, ${amount})`, async (m, wr) => {
          const token = await wr.token.getAddress();
          await call(
            m,
            wr,
            "executiveRegistry.spend",
            () => wr.executiveRegistry.connect(s(by)).spend(token, s(to).address, amount, ethers.id("invoice")),
            async () => {
              m.lastSpender = s(by).address;
              milestone("executive spend");
            },
          );
        }),
    ),
    fc.record({ by: actor }).map(
      ({ by }) =>
        new Step(`resign(${by})`, async (m, wr) => {
          await call(m, wr, "executiveRegistry.resign", () => wr.executiveRegistry.connect(s(by)).resign());
        }),
    ),
  ];
  // fast-check picks commands uniformly: repeat the steps of the proposal cycle so that runs reach votes, queue,
  // holds and execution, not only drafts. Indexes: 2 submit, 5 approve, 8 propose, 9 vote, 10 override, 11 relay,
  // 12 AI vote, 13 queue, 14 execute, 15 supportHold, 17 travel. The indexes are positions in `list`: the guard
  // below fails when a command is added or removed, so the weights cannot silently move to other commands (adding
  // the relay once gave travel's weight to governor.holdProposal).
  const weights: Record<number, number> = { 2: 2, 5: 5, 8: 4, 9: 5, 10: 2, 11: 2, 12: 2, 13: 3, 14: 3, 15: 3, 17: 5 };
  if (list.length !== 34) {
    throw new Error(`allCommands has ${list.length} commands, not 34: update the weights' indexes above`);
  }
  // The guided command walks one proposal a stage further each time (see `advance`): about a third of the commands.
  return [
    fc.oneof(
      { arbitrary: advanceArb(w), weight: 30 },
      ...list.map((arbitrary, i) => ({ arbitrary, weight: weights[i] ?? 1 })),
    ),
  ];
}

/** Moves the clock to `target` (a timestamp) if it is in the future, then checks (time moves proposal states). */
export async function travelTo(m: Model, w: Real, target: bigint): Promise<void> {
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  if (target > now) {
    await hre.network.provider.send("evm_increaseTime", [Number(target - now)]);
    await hre.network.provider.send("evm_mine", []);
    await check(m, w);
  }
}

const forBiased = fc.oneof({ arbitrary: fc.constant(1), weight: 5 }, fc.constant(0), fc.constant(2));

/**
 * The guided command: takes the most advanced live item one stage further through the whole life of a proposal,
 * with real calls by the right roles (every call checked like any other):
 *   nothing live          → a whale (alice..dave, 10% of the supply each) submits a draft of a DAO action;
 *   an open draft         → travel past its discussion period, current members approve it up to the review quorum,
 *                           anyone puts it to the vote;
 *   a Pending proposal    → travel past its snapshot;
 *   an Active proposal    → the AI delegate's ballot (by its key), votes by several holders (mostly For), an
 *                           override, then travel past the deadline;
 *   a Succeeded proposal  → queue;
 *   a Queued proposal     → maybe a hold by review-quorum members; travel to the eta (and the hold's end); execute.
 * Random commands interleave (transfers, delegation, parameter changes, seat changes...), so stages also fail.
 */
function advanceArb(w: Real): fc.Arbitrary<fc.AsyncCommand<Model, Real>> {
  return fc
    .record({
      whale: fc.integer({ min: 6, max: 9 }),
      a: actionArb,
      tag: index,
      voters: fc.array(fc.record({ by: fc.nat(15), support: forBiased }), { minLength: 2, maxLength: 6 }),
      ai: forBiased,
      overrider: fc.nat(15),
      hold: fc.boolean(),
      by: fc.nat(15),
    })
    .map(
      (g) =>
        new Step(`advance(${g.a.kind}, ${g.voters.length} voters${g.hold ? ", hold" : ""})`, async (m, wr) => {
          const s = (i: number): HardhatEthersSigner => wr.actors[i];
          const live = m.proposals.filter((p) => p.lastState <= 5n && p.lastState !== 2n && p.lastState !== 3n);
          const pm = live[live.length - 1];
          if (pm !== undefined) {
            let state = await wr.governor.state(pm.id);
            if (state === 0n) {
              await travelTo(m, wr, (await wr.governor.proposalSnapshot(pm.id)) + 1n);
              state = await wr.governor.state(pm.id);
            }
            if (state === 1n) {
              const actions = {
                targets: pm.p.targets,
                values: pm.p.values,
                calldatas: pm.p.calldatas,
                descriptionHash: ethers.id(pm.p.description),
              };
              await call(m, wr, "agentDelegate.castVote", () =>
                wr.agentDelegate.connect(wr.agentKey).castVote(pm.id, g.ai, "AI", ethers.id("rationale"), actions),
              );
              for (const v of [{ by: g.whale, support: 1 }, ...g.voters]) {
                await call(m, wr, "governor.castVote", () => wr.governor.connect(s(v.by)).castVote(pm.id, v.support));
              }
              await call(m, wr, "governor.castOverrideVote", () =>
                wr.governor.connect(s(g.overrider)).castOverrideVote(pm.id, g.ai === 1 ? 0 : 1, "override"),
              );
              await travelTo(m, wr, (await wr.governor.proposalDeadline(pm.id)) + 1n);
              return;
            }
            const h = ethers.id(pm.p.description);
            if (state === 4n) {
              await call(m, wr, "governor.queue", () =>
                wr.governor.connect(s(g.by)).queue(pm.p.targets, pm.p.values, pm.p.calldatas, h),
              );
              return;
            }
            if (state === 5n) {
              if (g.hold && pm.heldAt === 0n) {
                const quorum = await wr.constitution.reviewQuorum();
                const members = await wr.committee.members();
                for (const member of members.slice(0, Number(quorum))) {
                  const signer = await ethers.getSigner(member);
                  await call(m, wr, "committee.supportHold", () => wr.committee.connect(signer).supportHold(pm.id));
                }
              }
              const eta = await wr.governor.proposalEta(pm.id);
              const held = await wr.governor.proposalHeldUntil(pm.id);
              await travelTo(m, wr, (eta > held ? eta : held) + 1n);
              await call(m, wr, "governor.execute", () =>
                wr.governor.connect(s(g.by)).execute(pm.p.targets, pm.p.values, pm.p.calldatas, h),
              );
              return;
            }
          }
          const dm = m.drafts.filter((d) => d.open).pop();
          if (dm !== undefined) {
            await travelTo(m, wr, (await wr.committee.discussionEndsAt(dm.id)) + 1n);
            const quorum = await wr.constitution.reviewQuorum();
            const members = await wr.committee.members();
            for (const member of members.slice(0, Number(quorum))) {
              const signer = await ethers.getSigner(member);
              await call(m, wr, "committee.approveDraft", () =>
                wr.committee.connect(signer).approveDraft(dm.id, dm.revision),
              );
            }
            await proposeDraft(m, wr, s(g.by), dm);
            return;
          }
          await submitDraft(m, wr, s(g.whale), await encode(wr, g.a, `guided ${g.tag}`));
        }),
    );
}

/** A draft submitted by `by` (the model learns its id before the invariants run). */
async function submitDraft(m: Model, w: Real, by: HardhatEthersSigner, p: Proposal): Promise<DraftModel | undefined> {
  let dm: DraftModel | undefined;
  await call(
    m,
    w,
    "committee.submitDraft",
    () => w.committee.connect(by).submitDraft(p.targets, p.values, p.calldatas, p.description),
    async () => {
      dm = { id: await w.committee.draftCount(), author: by.address, p, revision: 1n, open: true };
      m.drafts.push(dm);
    },
  );
  return dm;
}

/** Puts a draft to the vote; on success the model tracks the new proposal before the invariants run. */
async function proposeDraft(
  m: Model,
  w: Real,
  by: HardhatEthersSigner,
  dm: DraftModel,
): Promise<ProposalModel | undefined> {
  const bps = (await w.constitution.parameters()).supermajorityBps;
  let pm: ProposalModel | undefined;
  await call(
    m,
    w,
    "committee.propose",
    () => w.committee.connect(by).propose(dm.id, dm.p.targets, dm.p.values, dm.p.calldatas, dm.p.description),
    async (r) => {
      dm.open = false;
      const id = await w.governor.latestProposalId();
      const { description } = await proposalDescription(w, r, id);
      pm = {
        id,
        p: { ...dm.p, description },
        bps: BigInt(bps),
        digest: await w.governor.proposalCodeDigest(id),
        ghost: [0n, 0n, 0n],
        heldUntil: 0n,
        heldAt: 0n,
        holdPeriod: 0n,
        executedAt: 0n,
        lastState: 0n,
        agentCounted: undefined,
        agentOverridden: 0n,
      };
      m.proposals.push(pm);
      milestone("proposed");
    },
  );
  return pm;
}

/** The description the committee gave the governor (the draft's, with its reference appended). */
async function proposalDescription(
  w: Real,
  receipt: ContractTransactionReceipt,
  id: bigint,
): Promise<{ description: string }> {
  const governor = await w.governor.getAddress();
  for (const log of receipt.logs) {
    if (log.address !== governor) continue;
    const parsed = w.governor.interface.parseLog(log);
    if (parsed?.name === "ProposalCreated" && parsed.args.proposalId === id) {
      return { description: parsed.args.description as string };
    }
  }
  throw new Error(`no ProposalCreated for ${id}`);
}
