/**
 * The one revert explainer. Decodes the custom errors of every contract of the suite (all typechain interfaces,
 * OpenZeppelin's included, plus the World ID router's) into "ErrorName(args): what to do next".
 *
 * Works on any node: where ethers carries the revert data (Hardhat, most RPCs) it is read from the error; where it
 * does not (anvil returns a generic error for a mined failed transaction, or "An unexpected error occurred"), the
 * failed call is re-run with `eth_call` at the block it was mined in (or against the latest block for a refused
 * estimate) to fetch the data: see {@link explainRevert}.
 */
import { ethers, type ErrorFragment, type Provider } from "ethers";
import * as types from "../typechain-types";

/** Errors the World ID router and identity manager revert with. */
export const WORLD_ID_ERRORS = new ethers.Interface([
  "error InvalidProof()",
  "error ProofInvalid()",
  "error NonExistentRoot()",
  "error ExpiredRoot()",
  "error NoSuchGroup(uint256 groupId)",
]);

/** What to do next, by custom error name. */
export const HINTS: Record<string, string> = {
  // governance
  GovernanceCommitteeInsufficientVotes:
    "delegate your tokens first (npx hardhat gov:delegate --to self) and wait a second: voting power counts from the previous second.",
  GovernanceCommitteeDiscussionOngoing:
    "wait for the discussion period to end (gov:status --draft N says when; on a local node: npx hardhat dev:advance --time 2d).",
  GovernanceCommitteeNotApproved:
    "collect reviewQuorum committee approvals (gov:approve) or initiative backing (gov:back) first.",
  GovernanceCommitteeStaleRevision: "the author revised the draft: review the new revision, then approve it.",
  GovernanceCommitteeNotMember: "only committee members may do this: use --from with a member's account.",
  GovernanceCommitteeNotAuthor: "only the draft's author may do this: use --from with the author's account.",
  GovernanceCommitteeDraftNotOpen: "the draft was already put to the vote or withdrawn (gov:status --draft N).",
  GovernanceCommitteeUnknownDraft: "no such draft on this network: check --draft and --network.",
  GovernanceCommitteeContentMismatch:
    "the actions differ from the draft's current revision: rebuild them from the events (gov:propose --draft N).",
  GovernanceCommitteeAlreadyApproved: "this member already approved this revision.",
  GovernanceCommitteeApprovalExpired:
    "the signed approval is past its deadline: have the member sign again (gov:approve --draft N --sign --out file.json).",
  GovernanceCommitteeInvalidSignature:
    "the approval is not signed by this member for this draft, revision and deadline: have it signed again (gov:approve --sign).",
  GovernanceCommitteeAlreadyBacked: "this holder already backed this revision.",
  GovernanceCommitteeNoVotingPower: "delegate your tokens (gov:delegate --to self) before the revision to back it.",
  GovernanceCommitteeProposalNotQueued: "a hold is only possible on a queued proposal (gov:status --proposal N).",
  GovernorUnexpectedProposalState:
    "check the proposal's state with gov:status: it is not in the state this action needs.",
  GovernorNonexistentProposal:
    "no such proposal: put the approved draft to the vote first (npx hardhat gov:propose --draft N).",
  GovernorAlreadyCastVote: "this account already voted on this proposal.",
  GovernorAlreadyOverriddenVote: "this account already overrode its delegate on this proposal.",
  GovernorOnlyProposer: "proposals come from the committee only: gov:draft, then gov:propose --draft N.",
  BytomGovernorProposalOnHold: "the committee put the proposal on hold for mediation; execute after the hold ends.",
  BytomGovernorTargetCodeChanged:
    "a target's code changed after the proposal was created: the proposal can never execute; propose it again.",
  TimelockUnexpectedOperationState:
    "the timelock delay has not passed yet: try again after the proposal's eta (gov:status --proposal N).",
  AgentDelegateNotActiveAgent: "only the active model's operator key casts the AI delegate's votes (--from that key).",
  AgentDelegateInvalidSignature:
    "the ballot is not signed by the active model's operator key for this AgentDelegate and chain: sign it again (agent:run).",
  AgentDelegateBallotExpired: "the ballot expired before it was relayed: agent:run signs a fresh one on its next pass.",
  AgentDelegateWrongModel:
    "the ballot names a model that is no longer active: run agent:run with the active model's directory and key.",
  AgentDelegateForcedAbstain:
    "the committee forced the AI delegate to abstain on this proposal: only Abstain can be cast.",
  AgentDelegateRecused:
    "an action of this proposal is on the DAO's recusal list: the AI delegate does not vote; its delegators vote by override (gov:override).",
  AgentDelegateActionsMismatch:
    "the actions given are not the proposal's: rebuild them from its ProposalCreated event (sdk/agent createdProposal).",
  ConstitutionAmendmentPending:
    "a ratified amendment must come into force (model:activate) or be withdrawn before the next one.",
  // models
  ModelRegistryBuilderNotRegistered: "register first: npx hardhat builder:register --roles <roles> --uri <uri>",
  ModelRegistryMissingRole: "add the role: npx hardhat builder:register --roles trainer,data,... (updates the profile)",
  ModelRegistryBuilderSuspended: "the DAO suspended this builder; only a DAO vote (restoreBuilder) lifts it",
  ModelRegistryRequestNotOpen: "that version has no open training request (never ratified, withdrawn or fulfilled)",
  ModelRegistryStaleVersion: "a newer amendment was ratified: train for the constitution's latest version",
  ModelRegistryStepNotIncreasing: "use a step above the last anchored one (ModelRegistry.checkpointCursor)",
  ModelRegistryNotRunTrainer: "sign with the run's trainer (--from <index|address>)",
  ModelRegistryNoCheckpoints: "anchor at least one checkpoint first: npx hardhat model:checkpoint",
  ModelRegistryNotEvaluator: "only committee members or DAO-appointed evaluators may evaluate (--from)",
  ModelRegistryAlreadyEvaluated: "each evaluator assesses a run once",
  ModelRegistryQuorumNotReached: "wait for more passing evaluations (model:evaluate)",
  ModelRegistryChallengeWindowOpen: "the challenge window is open: activate at the time given (activatableAt)",
  ModelRegistryEvaluatorConflicted: "the run's trainer, operator and credited providers may not evaluate it",
  ModelRegistryFailNotReached: "the evaluators left can still reach the quorum: the run has not failed",
  ModelRegistryRunFailed: "the run failed or was rejected; its request stays open for another run",
  ModelRegistryRunNotEvaluating: "the run is not awaiting evaluation: complete it first, or it already passed/failed",
  ModelRegistryUnknownRun: "no such run on this network: check --run and --network",
  ModelRegistryUnknownModel: "no such model on this network: check --model and --network",
  // executive
  ExecutiveRegistryVerifierNotApproved: "use a verifier the DAO approved (exec:status shows yours), or ask the DAO",
  ExecutiveRegistryAccountBoundToOtherHuman: "this account already belongs to another human: enrol from a new account",
  ExecutiveRegistryNotEnrolled: "enrol first: npx hardhat exec:enroll --attestation <file> (or --worldid <file>)",
  ExecutiveRegistryAccountRotated: "your seat moved to your newer account: use that one (or re-verify from here)",
  ExecutiveRegistryVerificationExpired: "re-verify with a fresh attestation or World ID proof (exec:enroll)",
  ExecutiveRegistryNotExecutive: "you hold no seat: the DAO or the committee must appoint you first (exec:appoint)",
  ExecutiveRegistrySpendNeedsApproval:
    "above the threshold: propose it (exec:spend proposes automatically), then ask other executives to approve",
  ExecutiveRegistryAllowanceExceeded: "lower the amount, wait for the next period, or ask the DAO for more",
  ExecutiveRegistryInsufficientFunds: "the registry holds too little of this asset: ask the DAO to fund it",
  ExecutiveRegistryNotEnoughApprovals: "ask other active executives to approve (exec:spend --approve <id>)",
  ExecutiveRegistrySpendExpired: "the proposal lapsed: propose the spend again",
  ExecutiveRegistrySpendTermEnded: "the proposal was made in your earlier term: propose the spend again",
  ExecutiveRegistryVerifierSunset:
    "this verifier no longer enrols new humans (World ID 3.0 after 2027-04-01): enrol with World ID 4.0 (exec:enroll --world-id)",
  ExecutiveRegistryPersonhoodMoved: "you moved to another verifier: renew or rotate with that one",
  ExecutiveRegistryPersonhoodKeyTaken: "this credential already belongs to another human",
  ExecutiveRegistryRemovedByDAO: "the DAO removed this executive: only the DAO can appoint them again",
  WorldIDV4VerifierProofReplayed: "this proof was already used: request a fresh one (new nonce)",
  WorldIDV4VerifierInvalidProofLength:
    "the proof must be (nullifier, nonce, expiresAtMin, uint256[5]): pass IDKit's JSON to exec:enroll --world-id",
  AttestationVerifierWrongConsumer: "the attestation names another registry: ask the issuer for one for this registry",
  AttestationVerifierExpired: "the attestation expired: ask the issuer for a new one",
  AttestationVerifierIssuerNotApproved:
    "the issuer is not approved by the DAO: sign with an approved issuer (exec:attest picks one by default)",
  AttestationVerifierIssuerRemoved: "the DAO removed this issuer: get an attestation from an approved issuer",
  AttestationVerifierInvalidSignature:
    "the signature does not match: the attestation was altered or signed for another account, chain or verifier",
  AttestationVerifierRevoked: "the DAO revoked this attestation: ask the issuer for a new one",
  AttestationVerifierNonceUsed: "this attestation was already used: ask the issuer for a new one",
  AttestationVerifierNonceNotYetValid: "use the issuer's earlier attestation with the same key first",
  WorldIDVerifierInvalidProofLength: "the proof must be (root, nullifierHash, uint256[8]): check the proof JSON",
  InvalidProof: "World ID rejected the proof: generate it for this account (signal) and this app/action",
  ProofInvalid: "World ID rejected the proof: generate it for this account (signal) and this app/action",
  NonExistentRoot: "World ID does not know this root: generate a fresh proof",
  ExpiredRoot: "the proof's root is too old (World ID keeps roots ~1 hour): generate a fresh proof",
};

let cache: Map<string, ErrorFragment> | undefined;

/** Every custom error of every contract (typechain interfaces + World ID), by selector. */
export function errorFragments(): Map<string, ErrorFragment> {
  if (cache) return cache;
  const bySelector = new Map<string, ErrorFragment>();
  const add = (iface: ethers.Interface) =>
    iface.forEachError((fragment) => {
      if (!bySelector.has(fragment.selector)) bySelector.set(fragment.selector, fragment);
    });
  for (const [name, value] of Object.entries(types)) {
    const factory = value as { abi?: unknown };
    if (name.endsWith("__factory") && Array.isArray(factory.abi)) add(new ethers.Interface(factory.abi as never));
  }
  add(WORLD_ID_ERRORS);
  cache = bySelector;
  return bySelector;
}

/** A decoded revert. */
export interface DecodedRevert {
  name: string;
  args: unknown[];
  /** `Name(arg, …)` */
  signature: string;
  hint?: string;
}

/** Decodes revert data (a custom error, `Error(string)` or `Panic(uint256)`); undefined if unknown. */
export function decodeRevertData(data: string, extra: ethers.Interface[] = []): DecodedRevert | undefined {
  if (!ethers.isHexString(data) || data.length < 10) return undefined;
  const selector = data.slice(0, 10).toLowerCase();
  const format = (name: string, args: unknown[]): DecodedRevert => ({
    name,
    args,
    signature: `${name}(${args.map((a) => String(a)).join(", ")})`,
    hint: HINTS[name],
  });
  const coder = ethers.AbiCoder.defaultAbiCoder();
  if (selector === "0x08c379a0") return format("Error", [coder.decode(["string"], ethers.dataSlice(data, 4))[0]]);
  if (selector === "0x4e487b71") return format("Panic", [coder.decode(["uint256"], ethers.dataSlice(data, 4))[0]]);
  for (const iface of extra) {
    try {
      const parsed = iface.parseError(data);
      if (parsed) return format(parsed.name, [...parsed.args]);
    } catch {
      // not this interface's error
    }
  }
  const fragment = errorFragments().get(selector);
  if (!fragment) return undefined;
  try {
    return format(fragment.name, [...coder.decode(fragment.inputs, ethers.dataSlice(data, 4))]);
  } catch {
    return undefined;
  }
}

/** Finds revert data in an ethers / Hardhat / JSON-RPC error, however deeply it is nested. */
export function findRevertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (e: unknown, depth: number): string | undefined => {
    if (!e || typeof e !== "object" || depth > 8 || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (typeof o.data === "string" && /^0x[0-9a-fA-F]{8,}$/.test(o.data)) return o.data;
    for (const key of ["data", "error", "info", "cause", "revert", "payload"]) {
      const found = walk(o[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(error, 0);
}

function firstLine(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  const text = e?.shortMessage ?? e?.message ?? String(error);
  return text.split("\n")[0].replace(/^Error: /, "");
}

/**
 * Turns a revert into "ErrorName(args): what to do next" from the data the error carries. Synchronous: use
 * {@link explainRevert} to also recover the data from the node when the error carries none (anvil).
 */
export function explainError(error: unknown, extra: ethers.Interface[] = []): string {
  const data = findRevertData(error);
  const decoded = data ? decodeRevertData(data, extra) : undefined;
  if (decoded) return decoded.hint ? `${decoded.signature}: ${decoded.hint}` : decoded.signature;
  const text = firstLine(error);
  const match = /custom error '(\w+)/.exec(text) ?? /reverted with custom error '(\w+)/.exec(text);
  if (match && HINTS[match[1]]) return `${text}: ${HINTS[match[1]]}`;
  return text;
}

/**
 * Re-runs the call behind `error` with `eth_call` to get its revert data: a mined failed transaction (the error's
 * receipt or hash) at its block's parent state, or the refused transaction request (estimateGas) at the latest
 * block. Undefined when the call does not revert any more or cannot be rebuilt.
 */
export async function fetchRevertData(error: unknown, provider: Provider): Promise<string | undefined> {
  const e = error as {
    receipt?: { hash?: string; blockNumber?: number };
    transaction?: ethers.TransactionRequest;
    info?: { transaction?: ethers.TransactionRequest };
    hash?: string;
  };
  const rerun = async (tx: ethers.TransactionRequest, blockTag: ethers.BlockTag): Promise<string | undefined> => {
    try {
      await provider.call({ ...tx, blockTag });
      return undefined;
    } catch (again) {
      return findRevertData(again);
    }
  };
  const hash = e?.receipt?.hash ?? e?.hash;
  if (hash) {
    const tx = await provider.getTransaction(hash);
    const receipt = e.receipt?.blockNumber !== undefined ? e.receipt : await provider.getTransactionReceipt(hash);
    if (tx && receipt?.blockNumber !== undefined) {
      const request = { from: tx.from, to: tx.to, data: tx.data, value: tx.value, gasLimit: tx.gasLimit };
      return (
        (await rerun(request, Math.max(0, Number(receipt.blockNumber) - 1))) ??
        (await rerun(request, Number(receipt.blockNumber)))
      );
    }
  }
  const request = e?.transaction ?? e?.info?.transaction;
  if (request && (request.to || request.data)) {
    return rerun({ from: request.from, to: request.to, data: request.data, value: request.value }, "latest");
  }
  return undefined;
}

/** {@link explainError}, fetching the revert data from the node when the error carries none (anvil). */
export async function explainRevert(
  error: unknown,
  provider?: Provider | null,
  extra: ethers.Interface[] = [],
): Promise<string> {
  if (!findRevertData(error) && provider) {
    const data = await fetchRevertData(error, provider).catch(() => undefined);
    if (data) return explainError({ data }, extra);
  }
  return explainError(error, extra);
}

/**
 * Sends a transaction and waits for it; a revert (at estimate or mined) becomes an Error whose message is the
 * explanation. `send` is called once; on anvil the mined failure is decoded by re-running the call.
 */
export async function sendExplained(
  provider: Provider | null | undefined,
  send: () => Promise<ethers.ContractTransactionResponse>,
): Promise<ethers.ContractTransactionReceipt> {
  let hash: string | undefined;
  try {
    const tx = await send();
    hash = tx.hash;
    const receipt = await tx.wait();
    if (!receipt) throw new Error(`transaction ${tx.hash} was not mined`);
    return receipt;
  } catch (error) {
    const withHash = hash && !(error as { hash?: string }).hash ? Object.assign(error as object, { hash }) : error;
    throw new Error(await explainRevert(withHash, provider));
  }
}
