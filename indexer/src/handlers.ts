/**
 * One handler per event of every indexed contract (HANDLERS[contract][event]). Every event first lands in
 * `chainEvent` (src/index.ts); the handler then maps it to entity rows. Handlers named `recordOnly` keep nothing
 * beyond the raw row: the event changes no entity the dashboard shows (role grants, EIP-712 domain changes...).
 * indexer/test/handlers.test.ts checks that this table and the ABIs name exactly the same events.
 */
import type { Abi, Address, Hex } from "viem";
import type { RunRecord } from "../../sdk/models";
import type { IndexedContract } from "../contracts";
import type * as Schema from "../ponder.schema";

type Row = Record<string, unknown>;
type Pending = Promise<unknown>;
/** A ponder.schema.ts table (the handlers pass the schema's own table objects). */
type Table = object;

/** The part of Ponder's indexing context the handlers use (the store API of `context.db`, and `context.client`). */
export interface IndexingContext {
  db: {
    insert(table: Table): {
      values(values: Row): Pending & {
        onConflictDoNothing(): Pending;
        onConflictDoUpdate(values: Row | ((row: Row) => Row)): Pending;
      };
    };
    update(table: Table, key: Row): { set(values: Row | ((row: Row) => Row)): Pending };
    find(table: Table, key: Row): Promise<Row | null>;
  };
  client: {
    readContract(args: {
      address: Address;
      abi: Abi;
      functionName: string;
      args?: readonly unknown[];
    }): Promise<unknown>;
  };
  contracts: Partial<Record<IndexedContract, { address: Address; abi: Abi }>>;
}

/** The part of a Ponder event the handlers use. */
export interface IndexedEvent {
  args: Record<string, unknown>;
  log: { logIndex: number; address: Address };
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
}

export type Handler = (event: IndexedEvent, context: IndexingContext) => Promise<void>;

/** `<block>-<logIndex>`, zero-padded: sorts in chain order. */
export function eventId(event: IndexedEvent): string {
  return `${event.block.number.toString().padStart(12, "0")}-${String(event.log.logIndex).padStart(6, "0")}`;
}

const recordOnly: Handler = async () => undefined;

// Typed accessors for decoded arguments (viem decodes uint<=48 as number, wider as bigint).
const big = (e: IndexedEvent, k: string): bigint => BigInt(e.args[k] as bigint | number);
const num = (e: IndexedEvent, k: string): number => Number(e.args[k] as bigint | number);
const hex = (e: IndexedEvent, k: string): Hex => (e.args[k] as string).toLowerCase() as Hex;
const str = (e: IndexedEvent, k: string): string => e.args[k] as string;
const bool = (e: IndexedEvent, k: string): boolean => e.args[k] as boolean;
const lower = (a: readonly string[]): Hex[] => a.map((x) => x.toLowerCase() as Hex);

/**
 * Every event of every indexed contract, by contract and event name, writing to the tables of `s` (the schema:
 * src/index.ts passes `ponder:schema`; the handler-coverage test only reads the keys).
 */
export function createHandlers(s: typeof Schema): Record<IndexedContract, Record<string, Handler>> {
  const SETTING = { id: "current" };
  async function setSetting(ctx: IndexingContext, values: Row): Promise<void> {
    await ctx.db
      .insert(s.setting)
      .values({ ...SETTING, ...values })
      .onConflictDoUpdate(values);
  }

  async function read(ctx: IndexingContext, name: IndexedContract, functionName: string, args: unknown[]) {
    const c = ctx.contracts[name];
    if (!c) throw new Error(`${name} is not indexed: its address is missing from the deployment record`);
    return ctx.client.readContract({ address: c.address, abi: c.abi, functionName, args });
  }

  // ---- Token -----------------------------------------------------------------------------------------------------------

  const ZERO = "0x0000000000000000000000000000000000000000";

  async function addBalance(ctx: IndexingContext, account: Hex, delta: bigint, at: bigint): Promise<void> {
    await ctx.db
      .insert(s.account)
      .values({ id: account, balance: delta, votingPower: 0n, delegate: null, updatedAt: at })
      .onConflictDoUpdate((row) => ({ balance: (row.balance as bigint) + delta, updatedAt: at }));
  }

  const token: Record<string, Handler> = {
    Transfer: async (e, ctx) => {
      const value = big(e, "value");
      if (hex(e, "from") !== ZERO) await addBalance(ctx, hex(e, "from"), -value, e.block.timestamp);
      if (hex(e, "to") !== ZERO) await addBalance(ctx, hex(e, "to"), value, e.block.timestamp);
    },
    DelegateChanged: async (e, ctx) => {
      const delegator = hex(e, "delegator");
      const at = e.block.timestamp;
      await ctx.db
        .insert(s.account)
        .values({ id: delegator, balance: 0n, votingPower: 0n, delegate: hex(e, "toDelegate"), updatedAt: at })
        .onConflictDoUpdate({ delegate: hex(e, "toDelegate"), updatedAt: at });
      const holder = await ctx.db.find(s.account, { id: delegator });
      await ctx.db.insert(s.delegation).values({
        id: eventId(e),
        delegator,
        fromDelegate: hex(e, "fromDelegate"),
        toDelegate: hex(e, "toDelegate"),
        balance: (holder?.balance as bigint | undefined) ?? 0n,
        timestamp: at,
        blockNumber: e.block.number,
      });
    },
    DelegateVotesChanged: async (e, ctx) => {
      const at = e.block.timestamp;
      await ctx.db
        .insert(s.account)
        .values({ id: hex(e, "delegate"), balance: 0n, votingPower: big(e, "newVotes"), delegate: null, updatedAt: at })
        .onConflictDoUpdate({ votingPower: big(e, "newVotes"), updatedAt: at });
    },
    CapSet: async (e, ctx) => setSetting(ctx, { tokenCap: big(e, "cap") }),
    Approval: recordOnly,
    EIP712DomainChanged: recordOnly,
    Initialized: recordOnly,
    OwnershipTransferred: recordOnly,
    Upgraded: recordOnly,
  };

  // ---- Constitution ------------------------------------------------------------------------------------------------------

  async function markModelActive(ctx: IndexingContext, modelId: bigint): Promise<void> {
    const current = await ctx.db.find(s.setting, SETTING);
    const previous = current?.activeModelId as bigint | null | undefined;
    if (previous !== undefined && previous !== null && previous !== modelId) {
      if (await ctx.db.find(s.model, { id: previous }))
        await ctx.db.update(s.model, { id: previous }).set({ active: false });
    }
    if (await ctx.db.find(s.model, { id: modelId }))
      await ctx.db.update(s.model, { id: modelId }).set({ active: true });
    await setSetting(ctx, { activeModelId: modelId });
  }

  const constitution: Record<string, Handler> = {
    ConstitutionFounded: async (e, ctx) => {
      await ctx.db.insert(s.constitutionVersion).values({
        id: 1n,
        textHash: hex(e, "textHash"),
        uri: str(e, "uri"),
        proposalId: null,
        modelId: big(e, "modelId"),
        agent: hex(e, "agent"),
        status: "InForce",
        ratifiedAt: e.block.timestamp,
        enactedAt: e.block.timestamp,
      });
      await setSetting(ctx, { currentVersion: 1n, activeAgent: hex(e, "agent") });
      await markModelActive(ctx, big(e, "modelId"));
    },
    AmendmentRatified: async (e, ctx) => {
      await ctx.db.insert(s.constitutionVersion).values({
        id: big(e, "version"),
        textHash: hex(e, "textHash"),
        uri: str(e, "uri"),
        proposalId: big(e, "proposalId"),
        status: "Ratified",
        ratifiedAt: e.block.timestamp,
      });
    },
    VersionEnacted: async (e, ctx) => {
      const at = e.block.timestamp;
      await ctx.db
        .update(s.constitutionVersion, { id: big(e, "version") })
        .set({ status: "InForce", enactedAt: at, modelId: big(e, "modelId"), agent: hex(e, "agent") });
      const previous = big(e, "previous");
      if (previous !== 0n && (await ctx.db.find(s.constitutionVersion, { id: previous }))) {
        await ctx.db.update(s.constitutionVersion, { id: previous }).set({ status: "Superseded", supersededAt: at });
      }
      await setSetting(ctx, { currentVersion: big(e, "version"), activeAgent: hex(e, "agent") });
      await markModelActive(ctx, big(e, "modelId"));
    },
    AmendmentWithdrawn: async (e, ctx) => {
      await ctx.db
        .update(s.constitutionVersion, { id: big(e, "version") })
        .set({ status: "Withdrawn", withdrawnAt: e.block.timestamp });
    },
    ParametersUpdated: async (e, ctx) => {
      const p = e.args.params as Record<string, bigint | number>;
      await ctx.db.insert(s.parameterChange).values({
        id: eventId(e),
        blockNumber: e.block.number,
        timestamp: e.block.timestamp,
        supermajorityBps: Number(p.supermajorityBps),
        quorumBps: Number(p.quorumBps),
        initiativeThresholdBps: Number(p.initiativeThresholdBps),
        reviewQuorum: Number(p.reviewQuorum),
        votingDelay: BigInt(p.votingDelay),
        votingPeriod: BigInt(p.votingPeriod),
        minDiscussionPeriod: BigInt(p.minDiscussionPeriod),
        disputeHoldPeriod: BigInt(p.disputeHoldPeriod),
        lateQuorumExtension: BigInt(p.lateQuorumExtension),
        draftThreshold: BigInt(p.draftThreshold),
      });
    },
    ModelRegistrySet: async (e, ctx) => setSetting(ctx, { modelRegistry: hex(e, "modelRegistry") }),
    AgentVoteCapSet: async (e, ctx) => setSetting(ctx, { agentVoteCapBps: big(e, "bps") }),
    Initialized: recordOnly,
    OwnershipTransferred: recordOnly,
    Upgraded: recordOnly,
  };

  // ---- Committee -----------------------------------------------------------------------------------------------------------

  async function discussionEnd(ctx: IndexingContext, draftId: bigint): Promise<bigint | null> {
    try {
      return BigInt((await read(ctx, "GovernanceCommittee", "discussionEndsAt", [draftId])) as bigint);
    } catch {
      return null; // a committee without the view (an older implementation): the dashboard derives it
    }
  }

  const committee: Record<string, Handler> = {
    DraftSubmitted: async (e, ctx) => {
      const draftId = big(e, "draftId");
      const actions = {
        targets: lower(e.args.targets as string[]),
        values: (e.args.values as bigint[]).map(BigInt),
        calldatas: lower(e.args.calldatas as string[]),
      };
      await ctx.db.insert(s.draft).values({
        id: draftId,
        author: hex(e, "author"),
        description: str(e, "description"),
        ...actions,
        revision: 1,
        status: "Discussion",
        approvals: 0,
        backingWeight: 0n,
        commentCount: 0,
        discussionEndsAt: await discussionEnd(ctx, draftId),
        createdAt: e.block.timestamp,
        createdBlock: e.block.number,
        updatedAt: e.block.timestamp,
      });
      await ctx.db.insert(s.draftRevision).values({
        id: `${draftId}-1`,
        draftId,
        revision: 1,
        ...actions,
        description: str(e, "description"),
        changeNote: null,
        timestamp: e.block.timestamp,
        transactionHash: e.transaction.hash,
      });
    },
    DraftRevised: async (e, ctx) => {
      const draftId = big(e, "draftId");
      const revision = num(e, "revision");
      const actions = {
        targets: lower(e.args.targets as string[]),
        values: (e.args.values as bigint[]).map(BigInt),
        calldatas: lower(e.args.calldatas as string[]),
      };
      await ctx.db.insert(s.draftRevision).values({
        id: `${draftId}-${revision}`,
        draftId,
        revision,
        ...actions,
        description: str(e, "description"),
        changeNote: str(e, "changeNote"),
        timestamp: e.block.timestamp,
        transactionHash: e.transaction.hash,
      });
      await ctx.db.update(s.draft, { id: draftId }).set({
        ...actions,
        description: str(e, "description"),
        revision,
        approvals: 0,
        backingWeight: 0n,
        discussionEndsAt: await discussionEnd(ctx, draftId),
        updatedAt: e.block.timestamp,
      });
    },
    DraftCommented: async (e, ctx) => {
      const draftId = big(e, "draftId");
      await ctx.db.insert(s.comment).values({
        id: eventId(e),
        draftId,
        commenter: hex(e, "commenter"),
        revision: num(e, "revision"),
        contentHash: hex(e, "contentHash"),
        uri: str(e, "uri"),
        timestamp: e.block.timestamp,
        transactionHash: e.transaction.hash,
      });
      await ctx.db.update(s.draft, { id: draftId }).set((d) => ({ commentCount: (d.commentCount as number) + 1 }));
    },
    DraftWithdrawn: async (e, ctx) => {
      await ctx.db
        .update(s.draft, { id: big(e, "draftId") })
        .set({ status: "Withdrawn", updatedAt: e.block.timestamp });
    },
    DraftApproved: async (e, ctx) => {
      const draftId = big(e, "draftId");
      await ctx.db.insert(s.approval).values({
        id: `${draftId}-${num(e, "revision")}-${hex(e, "member")}`,
        draftId,
        member: hex(e, "member"),
        revision: num(e, "revision"),
        approvals: num(e, "approvals"),
        timestamp: e.block.timestamp,
      });
      await ctx.db
        .update(s.draft, { id: draftId })
        .set({ approvals: num(e, "approvals"), updatedAt: e.block.timestamp });
    },
    DraftBacked: async (e, ctx) => {
      const draftId = big(e, "draftId");
      await ctx.db.insert(s.backing).values({
        id: `${draftId}-${num(e, "revision")}-${hex(e, "backer")}`,
        draftId,
        backer: hex(e, "backer"),
        revision: num(e, "revision"),
        weight: big(e, "weight"),
        total: big(e, "total"),
        timestamp: e.block.timestamp,
      });
      await ctx.db
        .update(s.draft, { id: draftId })
        .set({ backingWeight: big(e, "total"), updatedAt: e.block.timestamp });
    },
    DraftProposed: async (e, ctx) => {
      const draftId = big(e, "draftId");
      const proposalId = big(e, "proposalId");
      const viaInitiative = bool(e, "viaInitiative");
      await ctx.db
        .update(s.draft, { id: draftId })
        .set({ status: "Proposed", proposalId, viaInitiative, updatedAt: e.block.timestamp });
      // The governor's ProposalCreated comes first in the same transaction.
      await ctx.db.update(s.proposal, { id: proposalId }).set({ draftId, viaInitiative });
    },
    HoldSupported: async (e, ctx) => {
      await ctx.db.insert(s.hold).values({
        id: `${big(e, "proposalId")}-${hex(e, "member")}`,
        proposalId: big(e, "proposalId"),
        member: hex(e, "member"),
        supporters: num(e, "supporters"),
        timestamp: e.block.timestamp,
      });
    },
    MemberReplaced: async (e, ctx) => {
      await ctx.db.insert(s.memberReplacement).values({
        id: eventId(e),
        seat: big(e, "seat"),
        oldMember: hex(e, "oldMember"),
        newMember: hex(e, "newMember"),
        timestamp: e.block.timestamp,
      });
    },
    EIP712DomainChanged: recordOnly,
    Initialized: recordOnly,
    OwnershipTransferred: recordOnly,
    Upgraded: recordOnly,
  };

  // ---- Governor ------------------------------------------------------------------------------------------------------------

  const TALLY = ["againstVotes", "forVotes", "abstainVotes"] as const;

  async function countVote(e: IndexedEvent, ctx: IndexingContext, kind: "vote" | "override", params: Hex | null) {
    const proposalId = big(e, "proposalId");
    const voter = hex(e, "voter");
    const support = num(e, "support");
    const weight = big(e, "weight");
    await ctx.db.insert(s.vote).values({
      id: kind === "vote" ? `${proposalId}-${voter}` : `${proposalId}-${voter}-override`,
      proposalId,
      voter,
      kind,
      support,
      weight,
      reducedWeight: 0n,
      reason: str(e, "reason"),
      params,
      byAgent: voter === ctx.contracts.AgentDelegate?.address.toLowerCase(),
      timestamp: e.block.timestamp,
      blockNumber: e.block.number,
      transactionHash: e.transaction.hash,
    });
    const p = await ctx.db.find(s.proposal, { id: proposalId });
    if (!p) return;
    // The governor caches the quorum at the first vote: read it once.
    const quorum =
      p.quorum === null
        ? BigInt((await read(ctx, "BytomGovernor", "proposalQuorum", [proposalId])) as bigint)
        : p.quorum;
    const column = TALLY[support];
    await ctx.db.update(s.proposal, { id: proposalId }).set({
      [column]: (p[column] as bigint) + weight,
      voteCount: (p.voteCount as number) + 1,
      quorum,
    });
  }

  const governor: Record<string, Handler> = {
    ProposalCreated: async (e, ctx) => {
      const proposalId = big(e, "proposalId");
      const supermajority = (await read(ctx, "BytomGovernor", "proposalSupermajority", [proposalId])) as bigint;
      await ctx.db.insert(s.proposal).values({
        id: proposalId,
        proposer: hex(e, "proposer"),
        description: str(e, "description"),
        targets: lower(e.args.targets as string[]),
        values: (e.args.values as bigint[]).map(BigInt),
        signatures: e.args.signatures as string[],
        calldatas: lower(e.args.calldatas as string[]),
        snapshot: big(e, "voteStart"),
        deadline: big(e, "voteEnd"),
        forVotes: 0n,
        againstVotes: 0n,
        abstainVotes: 0n,
        voteCount: 0,
        quorum: null,
        supermajorityBps: BigInt(supermajority),
        agentAbstainForced: false,
        createdAt: e.block.timestamp,
        createdBlock: e.block.number,
        executed: false,
        canceled: false,
      });
    },
    VoteCast: async (e, ctx) => countVote(e, ctx, "vote", null),
    VoteCastWithParams: async (e, ctx) => countVote(e, ctx, "vote", hex(e, "params")),
    OverrideVoteCast: async (e, ctx) => countVote(e, ctx, "override", null),
    VoteReduced: async (e, ctx) => {
      const proposalId = big(e, "proposalId");
      const weight = big(e, "weight");
      await ctx.db
        .update(s.vote, { id: `${proposalId}-${hex(e, "delegate")}` })
        .set((v) => ({ reducedWeight: (v.reducedWeight as bigint) + weight }));
      const column = TALLY[num(e, "support")];
      await ctx.db.update(s.proposal, { id: proposalId }).set((p) => ({ [column]: (p[column] as bigint) - weight }));
    },
    ProposalQueued: async (e, ctx) => {
      await ctx.db
        .update(s.proposal, { id: big(e, "proposalId") })
        .set({ queuedAt: e.block.timestamp, eta: big(e, "etaSeconds") });
    },
    ProposalExecuted: async (e, ctx) => {
      await ctx.db
        .update(s.proposal, { id: big(e, "proposalId") })
        .set({ executed: true, executedAt: e.block.timestamp });
    },
    ProposalCanceled: async (e, ctx) => {
      await ctx.db
        .update(s.proposal, { id: big(e, "proposalId") })
        .set({ canceled: true, canceledAt: e.block.timestamp });
    },
    ProposalExtended: async (e, ctx) => {
      await ctx.db
        .update(s.proposal, { id: big(e, "proposalId") })
        .set({ extendedDeadline: big(e, "extendedDeadline") });
    },
    ProposalHeld: async (e, ctx) => {
      await ctx.db.update(s.proposal, { id: big(e, "proposalId") }).set({ heldUntil: big(e, "heldUntil") });
    },
    TimelockChange: recordOnly,
    // Relayed batches: counted ballots arrive as VoteCast / OverrideVoteCast / VoteReduced above; a skipped ballot
    // and a change of the trusted relay change no entity (kept as raw rows).
    BallotSkipped: recordOnly,
    BallotRelaySet: recordOnly,
    EIP712DomainChanged: recordOnly,
    Initialized: recordOnly,
    Upgraded: recordOnly,
  };

  // ---- Timelock ------------------------------------------------------------------------------------------------------------

  const timelock: Record<string, Handler> = {
    CallScheduled: async (e, ctx) => {
      const at = e.block.timestamp;
      await ctx.db
        .insert(s.timelockOperation)
        .values({
          id: hex(e, "id"),
          status: "Scheduled",
          calls: 1,
          delay: big(e, "delay"),
          predecessor: hex(e, "predecessor"),
          scheduledAt: at,
        })
        .onConflictDoUpdate((op) => ({ calls: (op.calls as number) + 1 }));
    },
    CallSalt: async (e, ctx) => {
      await ctx.db.update(s.timelockOperation, { id: hex(e, "id") }).set({ salt: hex(e, "salt") });
    },
    CallExecuted: async (e, ctx) => {
      await ctx.db
        .update(s.timelockOperation, { id: hex(e, "id") })
        .set({ status: "Executed", executedAt: e.block.timestamp });
    },
    Cancelled: async (e, ctx) => {
      await ctx.db
        .update(s.timelockOperation, { id: hex(e, "id") })
        .set({ status: "Cancelled", cancelledAt: e.block.timestamp });
    },
    MinDelayChange: async (e, ctx) => setSetting(ctx, { timelockMinDelay: big(e, "newDuration") }),
    RoleAdminChanged: recordOnly,
    RoleGranted: recordOnly,
    RoleRevoked: recordOnly,
  };

  // ---- Model registry ------------------------------------------------------------------------------------------------------

  async function insertModel(ctx: IndexingContext, e: IndexedEvent, values: Row): Promise<void> {
    const current = await ctx.db.find(s.setting, SETTING);
    const modelId = big(e, "modelId");
    await ctx.db.insert(s.model).values({
      id: modelId,
      version: big(e, "version"),
      operator: hex(e, "operator"),
      weightsRoot: hex(e, "weightsRoot"),
      active: current?.activeModelId === modelId,
      activatedAt: e.block.timestamp,
      ...values,
    });
  }

  const models: Record<string, Handler> = {
    GenesisModelRegistered: async (e, ctx) => insertModel(ctx, e, { runId: null, uri: str(e, "uri"), genesis: true }),
    ModelActivated: async (e, ctx) => {
      await insertModel(ctx, e, { runId: big(e, "runId"), uri: null, genesis: false });
      await ctx.db.update(s.run, { id: big(e, "runId") }).set({ status: "Activated", modelId: big(e, "modelId") });
    },
    BuilderRegistered: async (e, ctx) => {
      await ctx.db.insert(s.builder).values({
        id: hex(e, "builder"),
        roles: num(e, "roles"),
        metadataURI: str(e, "metadataURI"),
        suspended: false,
        registeredAt: e.block.timestamp,
        updatedAt: e.block.timestamp,
      });
    },
    BuilderUpdated: async (e, ctx) => {
      await ctx.db
        .update(s.builder, { id: hex(e, "builder") })
        .set({ roles: num(e, "roles"), metadataURI: str(e, "metadataURI"), updatedAt: e.block.timestamp });
    },
    BuilderSuspended: async (e, ctx) => {
      await ctx.db
        .update(s.builder, { id: hex(e, "builder") })
        .set({ suspended: true, suspensionReasonHash: hex(e, "reasonHash"), updatedAt: e.block.timestamp });
    },
    BuilderRestored: async (e, ctx) => {
      await ctx.db
        .update(s.builder, { id: hex(e, "builder") })
        .set({ suspended: false, suspensionReasonHash: null, updatedAt: e.block.timestamp });
    },
    EvaluatorAppointed: async (e, ctx) => {
      const values = { term: big(e, "term"), active: true, updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.evaluator)
        .values({ id: hex(e, "evaluator"), ...values })
        .onConflictDoUpdate(values);
    },
    EvaluatorRemoved: async (e, ctx) => {
      await ctx.db
        .update(s.evaluator, { id: hex(e, "evaluator") })
        .set({ active: false, updatedAt: e.block.timestamp });
    },
    AppointedEvaluatorsCounted: async (e, ctx) => setSetting(ctx, { appointedEvaluators: big(e, "count") }),
    ActivationDelaySet: async (e, ctx) => setSetting(ctx, { activationDelay: big(e, "newDelay") }),
    TrainingRequestOpened: async (e, ctx) => {
      await ctx.db.insert(s.trainingRequest).values({
        id: big(e, "requestId"),
        version: big(e, "version"),
        specHash: hex(e, "specHash"),
        specURI: str(e, "specURI"),
        status: "Open",
        openedAt: e.block.timestamp,
      });
    },
    TrainingRequestClosed: async (e, ctx) => {
      await ctx.db
        .update(s.trainingRequest, { id: big(e, "requestId") })
        .set({ status: "Closed", closedAt: e.block.timestamp });
    },
    TrainingRequestFulfilled: async (e, ctx) => {
      await ctx.db
        .update(s.trainingRequest, { id: big(e, "requestId") })
        .set({ status: "Fulfilled", modelId: big(e, "modelId"), closedAt: e.block.timestamp });
    },
    TrainingRunRecorded: async (e, ctx) => {
      const r = e.args.run as RunRecord;
      await ctx.db.insert(s.run).values({
        id: big(e, "runId"),
        version: big(e, "version"),
        trainer: hex(e, "trainer"),
        commitment: hex(e, "commitment"),
        datasetRoot: r.datasetRoot.toLowerCase(),
        configHash: r.configHash.toLowerCase(),
        codeHash: r.codeHash.toLowerCase(),
        dataProviders: lower(r.dataProviders),
        computeProviders: lower(r.computeProviders),
        uri: r.uri,
        status: "Recorded",
        checkpointCount: 0,
        recordedAt: e.block.timestamp,
      });
    },
    CheckpointAnchored: async (e, ctx) => {
      const runId = big(e, "runId");
      await ctx.db.insert(s.checkpoint).values({
        id: `${runId}-${big(e, "step")}`,
        runId,
        step: big(e, "step"),
        checkpointHash: hex(e, "checkpointHash"),
        head: hex(e, "head"),
        timestamp: e.block.timestamp,
      });
      await ctx.db.update(s.run, { id: runId }).set((r) => ({ checkpointCount: (r.checkpointCount as number) + 1 }));
    },
    TrainingRunCompleted: async (e, ctx) => {
      await ctx.db.update(s.run, { id: big(e, "runId") }).set({
        status: "Completed",
        operator: hex(e, "operator"),
        weightsRoot: hex(e, "weightsRoot"),
        metricsHash: hex(e, "metricsHash"),
        lastStep: big(e, "lastStep"),
        checkpointHead: hex(e, "checkpointHead"),
        weightsURI: str(e, "uri"),
        completedAt: e.block.timestamp,
      });
    },
    RunEvaluated: async (e, ctx) => {
      await ctx.db.insert(s.evaluation).values({
        id: `${big(e, "runId")}-${hex(e, "evaluator")}`,
        runId: big(e, "runId"),
        evaluator: hex(e, "evaluator"),
        passed: bool(e, "passed"),
        score: num(e, "score"),
        reportHash: hex(e, "reportHash"),
        timestamp: e.block.timestamp,
      });
    },
    TrainingRunPassed: async (e, ctx) => {
      await ctx.db.update(s.run, { id: big(e, "runId") }).set({
        status: "Passed",
        passes: big(e, "passes"),
        quorum: big(e, "quorum"),
        activatableAt: big(e, "activatableAt"),
      });
    },
    TrainingRunFailed: async (e, ctx) => {
      await ctx.db
        .update(s.run, { id: big(e, "runId") })
        .set({ status: "Failed", fails: big(e, "fails"), quorum: big(e, "quorum") });
    },
    RunRejectionSupported: async (e, ctx) => {
      await ctx.db.insert(s.runRejection).values({
        id: `${big(e, "runId")}-${hex(e, "member")}`,
        runId: big(e, "runId"),
        member: hex(e, "member"),
        reasonHash: hex(e, "reasonHash"),
        supporters: big(e, "supporters"),
        quorum: big(e, "quorum"),
        timestamp: e.block.timestamp,
      });
    },
    TrainingRunRejected: async (e, ctx) => {
      await ctx.db
        .update(s.run, { id: big(e, "runId") })
        .set({ status: "Rejected", rejectionReasonHash: hex(e, "reasonHash") });
    },
    Initialized: recordOnly,
    OwnershipTransferred: recordOnly,
    Upgraded: recordOnly,
  };

  // ---- Executive registry ----------------------------------------------------------------------------------------------

  const executives: Record<string, Handler> = {
    HumanEnrolled: async (e, ctx) => {
      const values = {
        account: hex(e, "account"),
        verifier: hex(e, "verifier"),
        expiry: big(e, "expiry"),
      };
      await ctx.db
        .insert(s.executive)
        .values({
          id: hex(e, "humanId"),
          ...values,
          status: "Enrolled",
          appointmentApprovals: 0,
          enrolledAt: e.block.timestamp,
        })
        .onConflictDoUpdate(values);
    },
    VerificationRenewed: async (e, ctx) => {
      await ctx.db
        .update(s.executive, { id: hex(e, "humanId") })
        .set({ account: hex(e, "account"), expiry: big(e, "expiry") });
    },
    AccountRotated: async (e, ctx) => {
      await ctx.db
        .update(s.executive, { id: hex(e, "humanId") })
        .set({ account: hex(e, "newAccount"), expiry: big(e, "expiry") });
    },
    PersonhoodMigrated: async (e, ctx) => {
      await ctx.db
        .update(s.executive, { id: hex(e, "humanId") })
        .set({ account: hex(e, "account"), verifier: hex(e, "toVerifier"), expiry: big(e, "expiry") });
    },
    AppointmentApproved: async (e, ctx) => {
      await ctx.db
        .insert(s.appointmentApproval)
        .values({
          id: `${hex(e, "humanId")}-${hex(e, "member")}`,
          humanId: hex(e, "humanId"),
          member: hex(e, "member"),
          candidate: hex(e, "candidate"),
          approvals: num(e, "approvals"),
          required: num(e, "required"),
          timestamp: e.block.timestamp,
        })
        .onConflictDoUpdate({
          approvals: num(e, "approvals"),
          required: num(e, "required"),
          timestamp: e.block.timestamp,
        });
      if (await ctx.db.find(s.executive, { id: hex(e, "humanId") })) {
        await ctx.db.update(s.executive, { id: hex(e, "humanId") }).set({ appointmentApprovals: num(e, "approvals") });
      }
    },
    AppointmentApprovalsVoided: async (e, ctx) => {
      await ctx.db.update(s.executive, { id: hex(e, "humanId") }).set({ appointmentApprovals: 0 });
    },
    ExecutiveAppointed: async (e, ctx) => {
      await ctx.db.update(s.executive, { id: hex(e, "humanId") }).set({
        account: hex(e, "account"),
        status: "Appointed",
        term: big(e, "term"),
        appointedBy: hex(e, "by"),
        appointedAt: e.block.timestamp,
        removedAt: null,
      });
    },
    ExecutiveRemoved: async (e, ctx) => {
      await ctx.db
        .update(s.executive, { id: hex(e, "humanId") })
        .set({ status: "Removed", removedAt: e.block.timestamp });
    },
    AllowanceGranted: async (e, ctx) => {
      const values = {
        account: hex(e, "account"),
        amount: big(e, "amount"),
        period: big(e, "period"),
        grantedAt: e.block.timestamp,
      };
      await ctx.db
        .insert(s.allowance)
        .values({
          id: `${hex(e, "humanId")}-${hex(e, "asset")}`,
          humanId: hex(e, "humanId"),
          asset: hex(e, "asset"),
          spent: 0n,
          ...values,
        })
        .onConflictDoUpdate(values);
    },
    Spent: async (e, ctx) => {
      const amount = big(e, "amount");
      await ctx.db.insert(s.spend).values({
        id: eventId(e),
        humanId: hex(e, "humanId"),
        asset: hex(e, "asset"),
        to: hex(e, "to"),
        amount,
        purpose: hex(e, "purpose"),
        spendId: big(e, "spendId"),
        timestamp: e.block.timestamp,
        transactionHash: e.transaction.hash,
      });
      const key = { id: `${hex(e, "humanId")}-${hex(e, "asset")}` };
      if (await ctx.db.find(s.allowance, key)) {
        await ctx.db.update(s.allowance, key).set((a) => ({ spent: (a.spent as bigint) + amount }));
      }
      if (big(e, "spendId") !== 0n && (await ctx.db.find(s.spendProposal, { id: big(e, "spendId") }))) {
        await ctx.db.update(s.spendProposal, { id: big(e, "spendId") }).set({ status: "Executed" });
      }
    },
    SpendProposed: async (e, ctx) => {
      await ctx.db.insert(s.spendProposal).values({
        id: big(e, "id"),
        humanId: hex(e, "humanId"),
        asset: hex(e, "asset"),
        to: hex(e, "to"),
        amount: big(e, "amount"),
        purpose: hex(e, "purpose"),
        deadline: big(e, "deadline"),
        approvals: 0,
        status: "Proposed",
        proposedAt: e.block.timestamp,
      });
    },
    SpendApproved: async (e, ctx) => {
      await ctx.db.update(s.spendProposal, { id: big(e, "id") }).set({ approvals: num(e, "approvals") });
    },
    SpendCancelled: async (e, ctx) => {
      await ctx.db.update(s.spendProposal, { id: big(e, "id") }).set({ status: "Cancelled" });
    },
    SpendApprovalsSet: async (e, ctx) => setSetting(ctx, { spendApprovals: big(e, "count") }),
    ResourceAdded: async (e, ctx) => {
      await ctx.db.insert(s.resource).values({
        id: big(e, "id"),
        kind: num(e, "kind"),
        uri: str(e, "uri"),
        custodian: hex(e, "custodian"),
        removed: false,
        addedAt: e.block.timestamp,
        updatedAt: e.block.timestamp,
      });
    },
    CustodyTransferred: async (e, ctx) => {
      await ctx.db
        .update(s.resource, { id: big(e, "id") })
        .set({ custodian: hex(e, "to"), updatedAt: e.block.timestamp });
    },
    ResourceURIUpdated: async (e, ctx) => {
      await ctx.db.update(s.resource, { id: big(e, "id") }).set({ uri: str(e, "uri"), updatedAt: e.block.timestamp });
    },
    ResourceRemoved: async (e, ctx) => {
      await ctx.db.update(s.resource, { id: big(e, "id") }).set({ removed: true, updatedAt: e.block.timestamp });
    },
    VerifierApproved: async (e, ctx) => {
      const values = { approved: true, updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.personhoodVerifier)
        .values({ id: hex(e, "verifier"), ...values })
        .onConflictDoUpdate(values);
    },
    VerifierRemoved: async (e, ctx) => {
      const values = { approved: false, updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.personhoodVerifier)
        .values({ id: hex(e, "verifier"), ...values })
        .onConflictDoUpdate(values);
    },
    VerifierSunsetSet: async (e, ctx) => {
      const values = { sunset: big(e, "sunset"), updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.personhoodVerifier)
        .values({ id: hex(e, "verifier"), approved: true, ...values })
        .onConflictDoUpdate(values);
    },
    FundsReceived: recordOnly,
    FundsClawedBack: recordOnly,
    SpendThresholdSet: recordOnly,
    Initialized: recordOnly,
    OwnershipTransferred: recordOnly,
    Upgraded: recordOnly,
  };

  // ---- Personhood verifiers ------------------------------------------------------------------------------------------------

  const attestations: Record<string, Handler> = {
    AttestationConsumed: async (e, ctx) => {
      await ctx.db
        .insert(s.attestation)
        .values({
          id: hex(e, "digest"),
          account: hex(e, "account"),
          issuer: hex(e, "issuer"),
          nullifier: hex(e, "nullifier"),
          expiry: big(e, "expiry"),
          revoked: false,
          timestamp: e.block.timestamp,
        })
        .onConflictDoNothing();
    },
    AttestationRevoked: async (e, ctx) => {
      await ctx.db
        .insert(s.attestation)
        .values({ id: hex(e, "digest"), revoked: true, timestamp: e.block.timestamp })
        .onConflictDoUpdate({ revoked: true });
    },
    IssuerApproved: async (e, ctx) => {
      const values = { approved: true, updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.attestationIssuer)
        .values({ id: hex(e, "issuer"), ...values })
        .onConflictDoUpdate(values);
    },
    IssuerRemoved: async (e, ctx) => {
      const values = { approved: false, updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.attestationIssuer)
        .values({ id: hex(e, "issuer"), ...values })
        .onConflictDoUpdate(values);
    },
    EIP712DomainChanged: recordOnly,
    OwnershipTransferred: recordOnly,
  };

  const worldId: Record<string, Handler> = {
    ValidityPeriodSet: recordOnly,
    OwnershipTransferred: recordOnly,
  };

  const worldIdV4: Record<string, Handler> = {
    RpIdSet: recordOnly,
    ActionSet: recordOnly,
    IssuerSchemaIdSet: recordOnly,
    CredentialGenesisIssuedAtMinSet: recordOnly,
    ValidityPeriodSet: recordOnly,
    ProofConsumed: recordOnly,
    OwnershipTransferred: recordOnly,
  };

  // ---- AI delegate ---------------------------------------------------------------------------------------------------------

  const agent: Record<string, Handler> = {
    AgentVoteCast: async (e, ctx) => {
      await ctx.db.insert(s.aiBallot).values({
        id: `${big(e, "proposalId")}-${big(e, "modelId")}`,
        proposalId: big(e, "proposalId"),
        agent: hex(e, "agent"),
        modelId: big(e, "modelId"),
        support: num(e, "support"),
        weight: big(e, "weight"),
        rationaleHash: hex(e, "rationaleHash"),
        reason: str(e, "reason"),
        relayed: bool(e, "relayed"),
        timestamp: e.block.timestamp,
        transactionHash: e.transaction.hash,
      });
    },
    ForceAbstainSignaled: async (e, ctx) => {
      await ctx.db.insert(s.abstainSignal).values({
        id: `${big(e, "proposalId")}-${hex(e, "member")}`,
        proposalId: big(e, "proposalId"),
        member: hex(e, "member"),
        signals: big(e, "signals"),
        reason: str(e, "reason"),
        timestamp: e.block.timestamp,
      });
    },
    AgentAbstainForced: async (e, ctx) => {
      if (await ctx.db.find(s.proposal, { id: big(e, "proposalId") })) {
        await ctx.db.update(s.proposal, { id: big(e, "proposalId") }).set({ agentAbstainForced: true });
      }
    },
    RecusalSet: async (e, ctx) => {
      const values = { recused: bool(e, "recused"), updatedAt: e.block.timestamp };
      await ctx.db
        .insert(s.recusal)
        .values({
          id: `${hex(e, "target")}-${hex(e, "selector")}`,
          target: hex(e, "target"),
          selector: hex(e, "selector"),
          ...values,
        })
        .onConflictDoUpdate(values);
    },
    EIP712DomainChanged: recordOnly,
    Initialized: recordOnly,
    OwnershipTransferred: recordOnly,
    Upgraded: recordOnly,
  };

  return {
    GovernanceToken: token,
    Constitution: constitution,
    GovernanceCommittee: committee,
    BytomGovernor: governor,
    TimelockController: timelock,
    ModelRegistry: models,
    ExecutiveRegistry: executives,
    AttestationVerifier: attestations,
    WorldIDVerifier: worldId,
    WorldIDV4Verifier: worldIdV4,
    AgentDelegate: agent,
  };
}
