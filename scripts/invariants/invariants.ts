/**
 * The named invariants of the whole suite, checked after every call of the fuzzer (scripts/invariants/run.ts).
 * Each reads the chain (and the model's ghost state, rebuilt from events) and throws with its name if violated.
 */
import hre from "hardhat";
import type { Model } from "./commands";
import type { World } from "./world";
import { stats } from "./stats";

const { ethers } = hre;
const BPS = 10_000n;
const State = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
};
const TERMINAL = new Set([State.Canceled, State.Defeated, State.Expired, State.Executed]);
/** Allowed moves of a proposal's state between two checks (time jumps may skip intermediate ones). */
const NEXT: Record<string, bigint[]> = {
  "0": [0n, 1n, 2n, 3n, 4n],
  "1": [1n, 3n, 4n, 2n],
  "4": [4n, 5n, 2n],
  "5": [5n, 7n, 2n],
  "2": [2n],
  "3": [3n],
  "6": [6n],
  "7": [7n],
};
const RunStatusActivated = 5n;
const VersionInForce = 2n;

export interface Invariant {
  name: string;
  description: string;
}

export const INVARIANTS: Invariant[] = [
  { name: "SUPPLY_CAP", description: "total supply never exceeds the cap" },
  { name: "TREASURY_NEVER_VOTES", description: "the treasury has 0 votes, no delegate, and is nobody's delegate" },
  { name: "QUORUM_EXCLUDES_TREASURY", description: "quorum = (supply − treasury) × quorumBps at the snapshot / 10000" },
  { name: "VOTING_SUPPLY", description: "Σ votes of all accounts ≤ supply − treasury balance" },
  { name: "COMMITTEE_FIVE_DISTINCT", description: "exactly 5 distinct non-zero members, each isMember" },
  {
    name: "DEPLOYER_NO_ROLE",
    description: "the deployer holds no timelock role and owns nothing; it holds a seat only if the DAO seated it",
  },
  { name: "DAO_OWNS_EVERYTHING", description: "every DAO-controlled contract is owned by the timelock" },
  {
    name: "TIMELOCK_ROLES",
    description: "the governor is the only proposer/executor/canceller; the timelock admins itself",
  },
  { name: "PARAMS_IN_BOUNDS", description: "every governance parameter stays within its hard bounds" },
  { name: "VERSIONS_FORWARD", description: "current and latest versions never decrease; current ≤ latest" },
  { name: "ONE_VERSION_IN_FORCE", description: "the current version's status is InForce" },
  { name: "MODEL_ACTIVE_ONLY_AFTER_PASS", description: "the active model comes from an Activated run" },
  {
    name: "SUCCEEDED_HAS_SUPERMAJORITY",
    description: "Succeeded/Queued/Executed ⇒ for×10000 > bps×(for+against) and for+abstain ≥ quorum",
  },
  { name: "DEFEATED_LACKS_IT", description: "Defeated ⇒ the supermajority or the quorum was missed" },
  { name: "TALLY_EQUALS_RECEIPTS", description: "tallies = Σ VoteCast + Σ OverrideVoteCast − Σ VoteReduced" },
  {
    name: "RULES_FIXED_AT_CREATION",
    description: "a proposal's supermajority is the one in force when it was created",
  },
  { name: "CODE_PIN_IMMUTABLE", description: "a proposal's pinned code digest never changes" },
  { name: "HOLD_ONCE_AND_ENDS", description: "a hold is set once, lasts the hold period then in force, ≤ 30 days" },
  { name: "NO_EXECUTION_WHILE_HELD", description: "an executed proposal executed after its hold ended" },
  { name: "STATE_MACHINE", description: "proposal states move only forward; terminal states are final" },
  { name: "TALLY_FROZEN_AFTER_VOTE", description: "tallies never change once voting closed" },
  {
    name: "AI_WEIGHT",
    description: "the AI delegate's counted weight = min(delegated votes at the snapshot − overrides, the cap)",
  },
  { name: "SEQUENTIAL_IDS", description: "latestProposalId = proposals created through the committee" },
  { name: "ONE_ACCOUNT_PER_HUMAN", description: "no two verified accounts share a human" },
  { name: "ALLOWANCE_RESPECTED", description: "after a spend, spent in the period ≤ the allowance" },
  { name: "EXECUTOR_IDLE", description: "executingProposalId is 0 outside an execution" },
];

class InvariantViolation extends Error {}

function assert(name: string, ok: boolean, detail: () => string): void {
  if (!ok) throw new InvariantViolation(`invariant ${name} violated: ${detail()}`);
}

export async function checkAll(w: World, m: Model): Promise<void> {
  stats.checks++;
  const g = w.governor;
  const t = w.token;
  const treasury = w.timelockAddress;
  const everyone = [...w.actors.map((a) => a.address), w.agentDelegateAddress];
  const [supply, cap, treasuryVotes, treasuryDelegate, params, current, latest, members, latestId, now, executing] =
    await Promise.all([
      t.totalSupply(),
      t.cap(),
      t.getVotes(treasury),
      t.delegates(treasury),
      w.constitution.parameters(),
      w.constitution.currentVersion(),
      w.constitution.latestVersion(),
      w.committee.members(),
      g.latestProposalId(),
      ethers.provider.getBlock("latest").then((b) => BigInt(b!.timestamp)),
      g.executingProposalId(),
    ]);
  const treasuryBalance = await t.balanceOf(treasury);
  assert("SUPPLY_CAP", supply <= cap, () => `${supply} > ${cap}`);
  assert(
    "TREASURY_NEVER_VOTES",
    treasuryVotes === 0n && treasuryDelegate === ethers.ZeroAddress,
    () => `${treasuryVotes} votes, delegate ${treasuryDelegate}`,
  );
  const [votes, delegates] = await Promise.all([
    Promise.all(everyone.map((a) => t.getVotes(a))),
    Promise.all(everyone.map((a) => t.delegates(a))),
  ]);
  assert("TREASURY_NEVER_VOTES", !delegates.includes(treasury), () => "an account delegates to the treasury");
  const totalVotes = votes.reduce((a, b) => a + b, 0n);
  assert("VOTING_SUPPLY", totalVotes <= supply - treasuryBalance, () => `${totalVotes} > ${supply - treasuryBalance}`);

  const distinct = new Set(members.map((x) => x.toLowerCase()));
  assert(
    "COMMITTEE_FIVE_DISTINCT",
    members.length === 5 && distinct.size === 5 && !members.includes(ethers.ZeroAddress),
    () => members.join(","),
  );
  const seated = await Promise.all(members.map((x) => w.committee.isMember(x)));
  assert("COMMITTEE_FIVE_DISTINCT", seated.every(Boolean), () => "a listed member is not isMember");

  // Roles and ownership (cheap enough every call: 14 reads).
  const tl = w.timelock;
  const roles = await Promise.all([
    tl.DEFAULT_ADMIN_ROLE(),
    tl.PROPOSER_ROLE(),
    tl.EXECUTOR_ROLE(),
    tl.CANCELLER_ROLE(),
  ]);
  const deployer = w.deployer.address;
  const governor = await g.getAddress();
  const [deployerRoles, governorRoles, selfAdmin, deployerSeat, owners] = await Promise.all([
    Promise.all(roles.map((r) => tl.hasRole(r, deployer))),
    Promise.all(roles.slice(1).map((r) => tl.hasRole(r, governor))),
    tl.hasRole(roles[0], treasury),
    w.committee.isMember(deployer),
    Promise.all([t, w.constitution, w.committee, w.modelRegistry, w.executiveRegistry].map((c) => c.owner())),
  ]);
  assert(
    "DEPLOYER_NO_ROLE",
    !deployerRoles.includes(true) && deployerSeat === m.deployerSeatedByDao && !owners.includes(deployer),
    () => `roles ${deployerRoles}, seat ${deployerSeat}`,
  );
  assert(
    "DAO_OWNS_EVERYTHING",
    owners.every((o) => o === treasury),
    () => owners.join(","),
  );
  assert("TIMELOCK_ROLES", governorRoles.every(Boolean) && selfAdmin, () => `governor roles ${governorRoles}`);

  // Parameters within the hard bounds.
  const b = (v: bigint | number, lo: number, hi: number): boolean => BigInt(v) >= BigInt(lo) && BigInt(v) <= BigInt(hi);
  assert(
    "PARAMS_IN_BOUNDS",
    b(params.supermajorityBps, 8_000, 9_500) &&
      b(params.quorumBps, 200, 5_000) &&
      b(params.initiativeThresholdBps, 100, 5_000) &&
      b(params.reviewQuorum, 3, 5) &&
      b(params.votingDelay, 3_600, 14 * 86_400) &&
      b(params.votingPeriod, 86_400, 30 * 86_400) &&
      b(params.minDiscussionPeriod, 86_400, 30 * 86_400) &&
      b(params.disputeHoldPeriod, 86_400, 30 * 86_400) &&
      b(params.lateQuorumExtension, 3_600, 14 * 86_400),
    () => params.toString(),
  );

  // Constitution versions and the active model.
  assert(
    "VERSIONS_FORWARD",
    current >= m.maxCurrentVersion && latest >= m.maxLatestVersion && current <= latest,
    () => `current ${current} (max seen ${m.maxCurrentVersion}), latest ${latest} (max seen ${m.maxLatestVersion})`,
  );
  m.maxCurrentVersion = current;
  m.maxLatestVersion = latest;
  const version = await w.constitution.getVersion(current);
  assert("ONE_VERSION_IN_FORCE", version.status === BigInt(VersionInForce), () => `status ${version.status}`);
  if (version.modelId !== 0n && current > 1n) {
    const model = await w.modelRegistry.getModel(version.modelId);
    const status = await w.modelRegistry.runStatus(model.runId);
    assert(
      "MODEL_ACTIVE_ONLY_AFTER_PASS",
      status === RunStatusActivated && model.version === current,
      () => `model ${version.modelId} run ${model.runId} status ${status}`,
    );
  }

  assert("SEQUENTIAL_IDS", latestId === BigInt(m.proposals.length), () => `${latestId} vs ${m.proposals.length}`);
  assert("EXECUTOR_IDLE", executing === 0n, () => `${executing}`);

  // Proposals.
  for (const pm of m.proposals) {
    const [state, tally, bps, digest, heldUntil, snapshot, deadline] = await Promise.all([
      g.state(pm.id),
      g.proposalVotes(pm.id),
      g.proposalSupermajority(pm.id),
      g.proposalCodeDigest(pm.id),
      g.proposalHeldUntil(pm.id),
      g.proposalSnapshot(pm.id),
      g.proposalDeadline(pm.id),
    ]);
    const [against, forVotes, abstain] = tally;
    assert("STATE_MACHINE", NEXT[String(pm.lastState)].includes(state), () => `#${pm.id} ${pm.lastState} → ${state}`);
    if (TERMINAL.has(pm.lastState)) assert("STATE_MACHINE", state === pm.lastState, () => `#${pm.id} left terminal`);
    pm.lastState = state;
    assert("RULES_FIXED_AT_CREATION", bps === pm.bps, () => `#${pm.id} ${bps} ≠ ${pm.bps}`);
    assert("CODE_PIN_IMMUTABLE", digest === pm.digest, () => `#${pm.id}`);
    assert(
      "TALLY_EQUALS_RECEIPTS",
      against === pm.ghost[0] && forVotes === pm.ghost[1] && abstain === pm.ghost[2],
      () => `#${pm.id} chain ${tally} ghost ${pm.ghost}`,
    );
    if (snapshot < now) {
      const [pastSupply, pastTreasury, quorumBps, proposalQuorum] = await Promise.all([
        t.getPastTotalSupply(snapshot),
        t.getPastBalanceOf(treasury, snapshot),
        w.constitution.quorumBpsAt(snapshot),
        g.proposalQuorum(pm.id),
      ]);
      const expected = ((pastSupply - pastTreasury) * quorumBps) / BPS;
      assert(
        "QUORUM_EXCLUDES_TREASURY",
        proposalQuorum === expected,
        () => `#${pm.id} ${proposalQuorum} ≠ ${expected}`,
      );
      const passes = forVotes * BPS > bps * (forVotes + against) && forVotes + abstain >= proposalQuorum;
      if (state === State.Succeeded || state === State.Queued || state === State.Executed) {
        assert("SUCCEEDED_HAS_SUPERMAJORITY", passes, () => `#${pm.id} for ${forVotes} against ${against}`);
      }
      if (state === State.Defeated) assert("DEFEATED_LACKS_IT", !passes, () => `#${pm.id} passes but Defeated`);
      if (pm.agentCounted !== undefined) {
        const [delegated, cap] = await Promise.all([
          t.getPastVotes(w.agentDelegateAddress, snapshot),
          w.agentDelegate.voteCap(pm.id),
        ]);
        const net = delegated - pm.agentOverridden;
        const expected = net < cap.maxWeight ? net : cap.maxWeight;
        assert(
          "AI_WEIGHT",
          pm.agentCounted === expected,
          () => `#${pm.id} counted ${pm.agentCounted}, delegated ${delegated}, overridden ${pm.agentOverridden}`,
        );
      }
    }
    if (deadline < now && state !== State.Pending && state !== State.Active) {
      const frozen = `${against}/${forVotes}/${abstain}`;
      pm.frozen ??= frozen;
      assert("TALLY_FROZEN_AFTER_VOTE", pm.frozen === frozen, () => `#${pm.id} ${pm.frozen} → ${frozen}`);
    }
    if (pm.heldAt !== 0n) {
      assert(
        "HOLD_ONCE_AND_ENDS",
        heldUntil === pm.heldUntil && heldUntil === pm.heldAt + pm.holdPeriod && pm.holdPeriod <= 30n * 86_400n,
        () => `#${pm.id} heldUntil ${heldUntil}, recorded ${pm.heldUntil} at ${pm.heldAt} + ${pm.holdPeriod}`,
      );
    } else {
      assert("HOLD_ONCE_AND_ENDS", heldUntil === 0n, () => `#${pm.id} held without a ProposalHeld event`);
    }
    if (pm.executedAt !== 0n) {
      assert(
        "NO_EXECUTION_WHILE_HELD",
        pm.executedAt >= heldUntil,
        () => `#${pm.id} at ${pm.executedAt} < ${heldUntil}`,
      );
      assert("STATE_MACHINE", state === State.Executed, () => `#${pm.id} executed but state ${state}`);
    }
  }

  // Executives: personhood changes only through the executive registry (or an execution); re-read after those.
  if (!m.executivesTouched) return;
  m.executivesTouched = false;
  const humans = await Promise.all(
    w.actors.map(async (a) =>
      (await w.executiveRegistry.isVerifiedHuman(a.address)) ? await w.executiveRegistry.humanOf(a.address) : null,
    ),
  );
  const bound = humans.filter((h): h is string => h !== null);
  assert("ONE_ACCOUNT_PER_HUMAN", new Set(bound).size === bound.length, () => bound.join(","));
  if (m.lastSpender !== undefined) {
    const a = await w.executiveRegistry.allowanceOf(m.lastSpender, await t.getAddress());
    assert("ALLOWANCE_RESPECTED", a.spent <= a.amount, () => `${m.lastSpender} spent ${a.spent} of ${a.amount}`);
    m.lastSpender = undefined;
  }
}
