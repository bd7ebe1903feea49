/**
 * The indexer's tables: one per governance entity, plus `chainEvent`, the raw log of every event of every contract.
 * Ponder serves them through GraphQL at /graphql (a table `draft` is queried as `draft(id:)` and `drafts(where:,
 * orderBy:, limit:)`) and SQL over HTTP at /sql. Column types: addresses and hashes are lowercase 0x hex, token
 * amounts and ids are bigint (strings in GraphQL), timestamps are block timestamps in seconds. docs/indexer.md lists
 * every table with example queries.
 */
import { index, onchainTable } from "ponder";

/** Every event of every indexed contract, decoded, so that nothing is missed (`args` has bigints as strings). */
export const chainEvent = onchainTable(
  "chain_event",
  (t) => ({
    /** `<block>-<logIndex>`, zero-padded so that ids sort in chain order. */
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    address: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    args: t.json().notNull(),
  }),
  (table) => ({ contractNameIdx: index().on(table.contract, table.name), blockIdx: index().on(table.blockNumber) }),
);

// ---- Constitution ------------------------------------------------------------------------------------------------

/** A constitution version: founded (v1), ratified by a proposal (an amendment), in force, superseded or withdrawn. */
export const constitutionVersion = onchainTable("constitution_version", (t) => ({
  id: t.bigint().primaryKey(),
  textHash: t.hex(),
  uri: t.text(),
  /** The proposal that ratified it (null for the founding version). */
  proposalId: t.bigint(),
  /** The model the version runs with once enacted (set at founding and at enactment). */
  modelId: t.bigint(),
  agent: t.hex(),
  /** "Ratified" | "InForce" | "Superseded" | "Withdrawn". */
  status: t.text().notNull(),
  ratifiedAt: t.bigint(),
  enactedAt: t.bigint(),
  supersededAt: t.bigint(),
  withdrawnAt: t.bigint(),
}));

/** Each ParametersUpdated event: the full parameter set from that block on (the latest row is in force). */
export const parameterChange = onchainTable("parameter_change", (t) => ({
  id: t.text().primaryKey(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  supermajorityBps: t.integer().notNull(),
  quorumBps: t.integer().notNull(),
  initiativeThresholdBps: t.integer().notNull(),
  reviewQuorum: t.integer().notNull(),
  votingDelay: t.bigint().notNull(),
  votingPeriod: t.bigint().notNull(),
  minDiscussionPeriod: t.bigint().notNull(),
  disputeHoldPeriod: t.bigint().notNull(),
  lateQuorumExtension: t.bigint().notNull(),
  draftThreshold: t.bigint().notNull(),
}));

/** Single-row settings of the suite (id "current"): constitution version in force, agent cap, activation delay... */
export const setting = onchainTable("setting", (t) => ({
  id: t.text().primaryKey(),
  currentVersion: t.bigint(),
  activeModelId: t.bigint(),
  activeAgent: t.hex(),
  agentVoteCapBps: t.bigint(),
  modelRegistry: t.hex(),
  activationDelay: t.bigint(),
  appointedEvaluators: t.bigint(),
  spendApprovals: t.bigint(),
  timelockMinDelay: t.bigint(),
  tokenCap: t.bigint(),
}));

// ---- Committee: drafts -------------------------------------------------------------------------------------------

export const draft = onchainTable("draft", (t) => ({
  id: t.bigint().primaryKey(),
  author: t.hex().notNull(),
  description: t.text().notNull(),
  targets: t.hex().array().notNull(),
  values: t.bigint().array().notNull(),
  calldatas: t.hex().array().notNull(),
  /** The current revision (1 at submission). */
  revision: t.integer().notNull(),
  /** "Discussion" | "Withdrawn" | "Proposed". */
  status: t.text().notNull(),
  /** Approvals of the current revision (committee review). */
  approvals: t.integer().notNull(),
  /** Token weight backing the current revision (the initiative path). */
  backingWeight: t.bigint().notNull(),
  commentCount: t.integer().notNull(),
  /** When the discussion of the current revision ends (read from the committee at submission and revision). */
  discussionEndsAt: t.bigint(),
  proposalId: t.bigint(),
  viaInitiative: t.boolean(),
  createdAt: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Every revision of a draft, the submission being revision 1. */
export const draftRevision = onchainTable(
  "draft_revision",
  (t) => ({
    id: t.text().primaryKey(),
    draftId: t.bigint().notNull(),
    revision: t.integer().notNull(),
    targets: t.hex().array().notNull(),
    values: t.bigint().array().notNull(),
    calldatas: t.hex().array().notNull(),
    description: t.text().notNull(),
    changeNote: t.text(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ draftIdx: index().on(table.draftId) }),
);

export const comment = onchainTable(
  "comment",
  (t) => ({
    id: t.text().primaryKey(),
    draftId: t.bigint().notNull(),
    commenter: t.hex().notNull(),
    revision: t.integer().notNull(),
    contentHash: t.hex().notNull(),
    uri: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ draftIdx: index().on(table.draftId) }),
);

/** A committee member's approval of a draft revision. */
export const approval = onchainTable(
  "approval",
  (t) => ({
    id: t.text().primaryKey(),
    draftId: t.bigint().notNull(),
    member: t.hex().notNull(),
    revision: t.integer().notNull(),
    /** Approvals of that revision after this one. */
    approvals: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ draftIdx: index().on(table.draftId) }),
);

/** A holder's backing of a draft revision (the initiative path). */
export const backing = onchainTable(
  "backing",
  (t) => ({
    id: t.text().primaryKey(),
    draftId: t.bigint().notNull(),
    backer: t.hex().notNull(),
    revision: t.integer().notNull(),
    weight: t.bigint().notNull(),
    /** Total backing weight of that revision after this one. */
    total: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ draftIdx: index().on(table.draftId) }),
);

/** A committee member's support for a dispute hold on a proposal. */
export const hold = onchainTable(
  "hold",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    member: t.hex().notNull(),
    supporters: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId) }),
);

/** Committee seats as replaced by the DAO (MemberReplaced); the founding members are in the deployment config. */
export const memberReplacement = onchainTable("member_replacement", (t) => ({
  id: t.text().primaryKey(),
  seat: t.bigint().notNull(),
  oldMember: t.hex().notNull(),
  newMember: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
}));

// ---- Governor: proposals and votes ---------------------------------------------------------------------------------

export const proposal = onchainTable("proposal", (t) => ({
  id: t.bigint().primaryKey(),
  draftId: t.bigint(),
  viaInitiative: t.boolean(),
  proposer: t.hex().notNull(),
  description: t.text().notNull(),
  targets: t.hex().array().notNull(),
  values: t.bigint().array().notNull(),
  signatures: t.text().array().notNull(),
  calldatas: t.hex().array().notNull(),
  /** Snapshot timepoint (voteStart) and deadline (voteEnd), as the governor's clock counts (timestamps). */
  snapshot: t.bigint().notNull(),
  deadline: t.bigint().notNull(),
  /** A late-quorum extension of the deadline, if any. */
  extendedDeadline: t.bigint(),
  /** Running tallies: votes + overrides - reductions; equal to governor.proposalVotes(id). */
  forVotes: t.bigint().notNull(),
  againstVotes: t.bigint().notNull(),
  abstainVotes: t.bigint().notNull(),
  /** VoteCast + VoteCastWithParams + OverrideVoteCast events. */
  voteCount: t.integer().notNull(),
  /** governor.proposalQuorum(id), read at the first vote (the governor caches it then). */
  quorum: t.bigint(),
  /** governor.proposalSupermajority(id) in basis points, read at creation. */
  supermajorityBps: t.bigint(),
  heldUntil: t.bigint(),
  /** AgentAbstainForced: the AI delegate was forced to abstain by its delegators. */
  agentAbstainForced: t.boolean().notNull(),
  createdAt: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
  queuedAt: t.bigint(),
  eta: t.bigint(),
  executedAt: t.bigint(),
  canceledAt: t.bigint(),
  executed: t.boolean().notNull(),
  canceled: t.boolean().notNull(),
}));

/**
 * A vote (kind "vote", id `<proposalId>-<voter>`) or an override (kind "override", id `<proposalId>-<voter>-override`).
 * `weight` is what the governor counted when the vote was cast; `reducedWeight` what later overrides by the voter's
 * delegators took off it (VoteReduced); the vote now counts `weight - reducedWeight`.
 */
export const vote = onchainTable(
  "vote",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    kind: t.text().notNull(),
    /** 0 against, 1 for, 2 abstain. */
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reducedWeight: t.bigint().notNull(),
    reason: t.text().notNull(),
    params: t.hex(),
    /** True when the voter is the AgentDelegate (the AI delegate's ballot; see aiBallot). */
    byAgent: t.boolean().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId), voterIdx: index().on(table.voter) }),
);

/** The AI delegate's ballot (AgentVoteCast): the model that decided and the hash of its published rationale. */
export const aiBallot = onchainTable(
  "ai_ballot",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    agent: t.hex().notNull(),
    modelId: t.bigint().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    rationaleHash: t.hex().notNull(),
    reason: t.text().notNull(),
    relayed: t.boolean().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId) }),
);

/** A delegator's signal forcing the AI delegate to abstain on a proposal (ForceAbstainSignaled). */
export const abstainSignal = onchainTable("abstain_signal", (t) => ({
  id: t.text().primaryKey(),
  proposalId: t.bigint().notNull(),
  member: t.hex().notNull(),
  signals: t.bigint().notNull(),
  reason: t.text().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** Functions the AI delegate may not vote on (RecusalSet), id `<target>-<selector>`. */
export const recusal = onchainTable("recusal", (t) => ({
  id: t.text().primaryKey(),
  target: t.hex().notNull(),
  selector: t.hex().notNull(),
  recused: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));

// ---- Token: accounts and delegation --------------------------------------------------------------------------------

/** A token holder or delegate: balance (Transfer), voting power (DelegateVotesChanged), current delegate. */
export const account = onchainTable("account", (t) => ({
  id: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
  votingPower: t.bigint().notNull(),
  delegate: t.hex(),
  updatedAt: t.bigint().notNull(),
}));

/** Each DelegateChanged: delegator → delegate, with the delegator's balance at that moment. */
export const delegation = onchainTable(
  "delegation",
  (t) => ({
    id: t.text().primaryKey(),
    delegator: t.hex().notNull(),
    fromDelegate: t.hex().notNull(),
    toDelegate: t.hex().notNull(),
    balance: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
  }),
  (table) => ({ delegatorIdx: index().on(table.delegator), toIdx: index().on(table.toDelegate) }),
);

// ---- Timelock ------------------------------------------------------------------------------------------------------

/** A timelock operation (id = operation hash): scheduled, executed or cancelled. */
export const timelockOperation = onchainTable("timelock_operation", (t) => ({
  id: t.hex().primaryKey(),
  /** "Scheduled" | "Executed" | "Cancelled". */
  status: t.text().notNull(),
  calls: t.integer().notNull(),
  delay: t.bigint(),
  predecessor: t.hex(),
  salt: t.hex(),
  scheduledAt: t.bigint(),
  executedAt: t.bigint(),
  cancelledAt: t.bigint(),
}));

// ---- Model registry ------------------------------------------------------------------------------------------------

export const builder = onchainTable("builder", (t) => ({
  id: t.hex().primaryKey(),
  /** Role bits (trainer, data provider, compute provider...). */
  roles: t.integer().notNull(),
  metadataURI: t.text().notNull(),
  suspended: t.boolean().notNull(),
  suspensionReasonHash: t.hex(),
  registeredAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const evaluator = onchainTable("evaluator", (t) => ({
  id: t.hex().primaryKey(),
  term: t.bigint().notNull(),
  active: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const trainingRequest = onchainTable("training_request", (t) => ({
  id: t.bigint().primaryKey(),
  version: t.bigint().notNull(),
  specHash: t.hex().notNull(),
  specURI: t.text().notNull(),
  /** "Open" | "Closed" | "Fulfilled". */
  status: t.text().notNull(),
  modelId: t.bigint(),
  openedAt: t.bigint().notNull(),
  closedAt: t.bigint(),
}));

/** A training run, from its commitment to its outcome. */
export const run = onchainTable("run", (t) => ({
  id: t.bigint().primaryKey(),
  version: t.bigint().notNull(),
  trainer: t.hex().notNull(),
  commitment: t.hex().notNull(),
  datasetRoot: t.hex().notNull(),
  configHash: t.hex().notNull(),
  codeHash: t.hex().notNull(),
  dataProviders: t.hex().array().notNull(),
  computeProviders: t.hex().array().notNull(),
  uri: t.text().notNull(),
  /** "Recorded" | "Completed" | "Passed" | "Failed" | "Rejected" | "Activated". */
  status: t.text().notNull(),
  checkpointCount: t.integer().notNull(),
  operator: t.hex(),
  weightsRoot: t.hex(),
  metricsHash: t.hex(),
  lastStep: t.bigint(),
  checkpointHead: t.hex(),
  weightsURI: t.text(),
  passes: t.bigint(),
  fails: t.bigint(),
  quorum: t.bigint(),
  activatableAt: t.bigint(),
  rejectionReasonHash: t.hex(),
  modelId: t.bigint(),
  recordedAt: t.bigint().notNull(),
  completedAt: t.bigint(),
}));

export const checkpoint = onchainTable(
  "checkpoint",
  (t) => ({
    id: t.text().primaryKey(),
    runId: t.bigint().notNull(),
    step: t.bigint().notNull(),
    checkpointHash: t.hex().notNull(),
    /** The hash chain's head after this checkpoint. */
    head: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ runIdx: index().on(table.runId) }),
);

export const evaluation = onchainTable(
  "evaluation",
  (t) => ({
    id: t.text().primaryKey(),
    runId: t.bigint().notNull(),
    evaluator: t.hex().notNull(),
    passed: t.boolean().notNull(),
    score: t.integer().notNull(),
    reportHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ runIdx: index().on(table.runId) }),
);

/** A committee member's support for rejecting a run (RunRejectionSupported). */
export const runRejection = onchainTable("run_rejection", (t) => ({
  id: t.text().primaryKey(),
  runId: t.bigint().notNull(),
  member: t.hex().notNull(),
  reasonHash: t.hex().notNull(),
  supporters: t.bigint().notNull(),
  quorum: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** A model: the genesis model or an activated run. Exactly one has `active` true (the constitution's model). */
export const model = onchainTable("model", (t) => ({
  id: t.bigint().primaryKey(),
  version: t.bigint().notNull(),
  runId: t.bigint(),
  operator: t.hex().notNull(),
  weightsRoot: t.hex().notNull(),
  uri: t.text(),
  genesis: t.boolean().notNull(),
  active: t.boolean().notNull(),
  activatedAt: t.bigint().notNull(),
}));

// ---- Executive registry ----------------------------------------------------------------------------------------------

/** A verified human (id = humanId): enrolled, possibly appointed executive, possibly removed. */
export const executive = onchainTable("executive", (t) => ({
  id: t.hex().primaryKey(),
  account: t.hex().notNull(),
  verifier: t.hex().notNull(),
  expiry: t.bigint().notNull(),
  /** "Enrolled" | "Appointed" | "Removed". */
  status: t.text().notNull(),
  appointmentApprovals: t.integer().notNull(),
  term: t.bigint(),
  appointedBy: t.hex(),
  appointedAt: t.bigint(),
  removedAt: t.bigint(),
  enrolledAt: t.bigint().notNull(),
}));

/** A committee member's approval of an executive's appointment. */
export const appointmentApproval = onchainTable("appointment_approval", (t) => ({
  id: t.text().primaryKey(),
  humanId: t.hex().notNull(),
  member: t.hex().notNull(),
  candidate: t.hex().notNull(),
  approvals: t.integer().notNull(),
  required: t.integer().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** An executive's allowance of an asset (id `<humanId>-<asset>`), with what has been spent against it. */
export const allowance = onchainTable("allowance", (t) => ({
  id: t.text().primaryKey(),
  humanId: t.hex().notNull(),
  account: t.hex().notNull(),
  asset: t.hex().notNull(),
  amount: t.bigint().notNull(),
  period: t.bigint().notNull(),
  spent: t.bigint().notNull(),
  grantedAt: t.bigint().notNull(),
}));

/** An executed spend (Spent). `spendId` is the multi-approval proposal it came from (0 for a direct spend). */
export const spend = onchainTable("spend", (t) => ({
  id: t.text().primaryKey(),
  humanId: t.hex().notNull(),
  asset: t.hex().notNull(),
  to: t.hex().notNull(),
  amount: t.bigint().notNull(),
  purpose: t.hex().notNull(),
  spendId: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** A spend above the threshold awaiting approvals (SpendProposed / SpendApproved / SpendCancelled / Spent). */
export const spendProposal = onchainTable("spend_proposal", (t) => ({
  id: t.bigint().primaryKey(),
  humanId: t.hex().notNull(),
  asset: t.hex().notNull(),
  to: t.hex().notNull(),
  amount: t.bigint().notNull(),
  purpose: t.hex().notNull(),
  deadline: t.bigint().notNull(),
  approvals: t.integer().notNull(),
  /** "Proposed" | "Executed" | "Cancelled". */
  status: t.text().notNull(),
  proposedAt: t.bigint().notNull(),
}));

/** A resource in the DAO's custody (domain, repository, account...). */
export const resource = onchainTable("resource", (t) => ({
  id: t.bigint().primaryKey(),
  kind: t.integer().notNull(),
  uri: t.text().notNull(),
  custodian: t.hex().notNull(),
  removed: t.boolean().notNull(),
  addedAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Personhood verifiers approved by the executive registry (and their sunset). */
export const personhoodVerifier = onchainTable("personhood_verifier", (t) => ({
  id: t.hex().primaryKey(),
  approved: t.boolean().notNull(),
  sunset: t.bigint(),
  updatedAt: t.bigint().notNull(),
}));

/** Attestations consumed by the AttestationVerifier (id = digest), and revocations. */
export const attestation = onchainTable("attestation", (t) => ({
  id: t.hex().primaryKey(),
  account: t.hex(),
  issuer: t.hex(),
  nullifier: t.hex(),
  expiry: t.bigint(),
  revoked: t.boolean().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** Attestation issuers approved by the AttestationVerifier. */
export const attestationIssuer = onchainTable("attestation_issuer", (t) => ({
  id: t.hex().primaryKey(),
  approved: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));
