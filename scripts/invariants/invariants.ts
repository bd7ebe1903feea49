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

/**
 * Checks all 26 invariants against one read of the chain: the test-only InvariantLens returns every value they need
 * (token, roles, ownership, parameters, versions, the model, every tracked proposal, personhood and allowances) in a
 * single eth_call, evaluated in one block context. So every invariant runs after every call; ALLOWANCE_RESPECTED
 * concerns the spender of the call just made (an allowance the DAO later lowers may legitimately sit below what was
 * already spent in the period), and the quorum / AI-weight checks concern proposals whose snapshot has passed.
 */
export async function checkAll(w: World, m: Model): Promise<void> {
  stats.checks++;
  const treasury = w.timelockAddress;
  const r = await w.lens.read(
    w.suite,
    w.everyone,
    m.proposals.map((p) => p.id),
  );
  const now = r.timestamp;
  const { supply, cap, treasuryBalance, params, members } = r;
  assert("SUPPLY_CAP", supply <= cap, () => `${supply} > ${cap}`);
  assert(
    "TREASURY_NEVER_VOTES",
    r.treasuryVotes === 0n && r.treasuryDelegate === ethers.ZeroAddress,
    () => `${r.treasuryVotes} votes, delegate ${r.treasuryDelegate}`,
  );
  assert("TREASURY_NEVER_VOTES", !r.delegates.includes(treasury), () => "an account delegates to the treasury");
  const totalVotes = r.votes.reduce((a, b) => a + b, 0n);
  assert("VOTING_SUPPLY", totalVotes <= supply - treasuryBalance, () => `${totalVotes} > ${supply - treasuryBalance}`);

  const distinct = new Set(members.map((x) => x.toLowerCase()));
  assert(
    "COMMITTEE_FIVE_DISTINCT",
    members.length === 5 && distinct.size === 5 && !members.includes(ethers.ZeroAddress),
    () => members.join(","),
  );
  assert("COMMITTEE_FIVE_DISTINCT", r.seated.every(Boolean), () => "a listed member is not isMember");

  // Roles and ownership.
  const deployer = w.deployer.address;
  const owners = [...r.owners];
  assert(
    "DEPLOYER_NO_ROLE",
    !r.deployerRoles.includes(true) && r.deployerSeat === m.deployerSeatedByDao && !owners.includes(deployer),
    () => `roles ${r.deployerRoles}, seat ${r.deployerSeat}`,
  );
  assert(
    "DAO_OWNS_EVERYTHING",
    owners.every((o) => o === treasury),
    () => owners.join(","),
  );
  assert(
    "TIMELOCK_ROLES",
    r.governorRoles.every(Boolean) && r.timelockSelfAdmin,
    () => `governor roles ${r.governorRoles}`,
  );

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
  const current = r.currentVersion;
  const latest = r.latestVersion;
  assert(
    "VERSIONS_FORWARD",
    current >= m.maxCurrentVersion && latest >= m.maxLatestVersion && current <= latest,
    () => `current ${current} (max seen ${m.maxCurrentVersion}), latest ${latest} (max seen ${m.maxLatestVersion})`,
  );
  m.maxCurrentVersion = current;
  m.maxLatestVersion = latest;
  assert("ONE_VERSION_IN_FORCE", r.versionStatus === BigInt(VersionInForce), () => `status ${r.versionStatus}`);
  if (r.versionModelId !== 0n && current > 1n) {
    assert(
      "MODEL_ACTIVE_ONLY_AFTER_PASS",
      r.modelRunStatus === RunStatusActivated && r.modelVersion === current,
      () => `model ${r.versionModelId} run status ${r.modelRunStatus} version ${r.modelVersion}`,
    );
  }

  assert(
    "SEQUENTIAL_IDS",
    r.latestProposalId === BigInt(m.proposals.length),
    () => `${r.latestProposalId} vs ${m.proposals.length}`,
  );
  assert("EXECUTOR_IDLE", r.executingProposalId === 0n, () => `${r.executingProposalId}`);

  // Proposals.
  m.proposals.forEach((pm, i) => {
    const v = r.proposals[i];
    const { state, against, forVotes, abstain, bps, digest, heldUntil, snapshot, deadline } = v;
    assert("STATE_MACHINE", NEXT[String(pm.lastState)].includes(state), () => `#${pm.id} ${pm.lastState} → ${state}`);
    if (TERMINAL.has(pm.lastState)) assert("STATE_MACHINE", state === pm.lastState, () => `#${pm.id} left terminal`);
    pm.lastState = state;
    assert("RULES_FIXED_AT_CREATION", bps === pm.bps, () => `#${pm.id} ${bps} ≠ ${pm.bps}`);
    assert("CODE_PIN_IMMUTABLE", digest === pm.digest, () => `#${pm.id}`);
    assert(
      "TALLY_EQUALS_RECEIPTS",
      against === pm.ghost[0] && forVotes === pm.ghost[1] && abstain === pm.ghost[2],
      () => `#${pm.id} chain ${against}/${forVotes}/${abstain} ghost ${pm.ghost}`,
    );
    if (snapshot < now) {
      const expected = ((v.pastSupply - v.pastTreasury) * v.quorumBps) / BPS;
      assert("QUORUM_EXCLUDES_TREASURY", v.quorum === expected, () => `#${pm.id} ${v.quorum} ≠ ${expected}`);
      const passes = forVotes * BPS > bps * (forVotes + against) && forVotes + abstain >= v.quorum;
      if (state === State.Succeeded || state === State.Queued || state === State.Executed) {
        assert("SUCCEEDED_HAS_SUPERMAJORITY", passes, () => `#${pm.id} for ${forVotes} against ${against}`);
      }
      if (state === State.Defeated) assert("DEFEATED_LACKS_IT", !passes, () => `#${pm.id} passes but Defeated`);
      if (pm.agentCounted !== undefined) {
        const net = v.agentPastVotes - pm.agentOverridden;
        const expectedWeight = net < v.agentMaxWeight ? net : v.agentMaxWeight;
        assert(
          "AI_WEIGHT",
          pm.agentCounted === expectedWeight,
          () => `#${pm.id} counted ${pm.agentCounted}, delegated ${v.agentPastVotes}, overridden ${pm.agentOverridden}`,
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
  });

  // Executives: one account per human (verified accounts only); the last spender within its allowance.
  const bound = r.humans.filter((h) => h !== ethers.ZeroHash);
  assert("ONE_ACCOUNT_PER_HUMAN", new Set(bound).size === bound.length, () => bound.join(","));
  if (m.lastSpender !== undefined) {
    const i = w.everyone.indexOf(m.lastSpender);
    const [amount, spent] = [r.allowanceAmount[i], r.allowanceSpent[i]];
    assert("ALLOWANCE_RESPECTED", spent <= amount, () => `${m.lastSpender} spent ${spent} of ${amount}`);
    m.lastSpender = undefined;
  }
}
