/**
 * The AI delegate's runtime: watches the governor and, for every Active proposal the AgentDelegate has not voted
 * on, loads the active model (only after its directory matched the on-chain weights root), decides, publishes the
 * rationale document to a content-addressed store and casts the vote through an EIP-712 ballot signed by the
 * operator key and submitted by a relayer (the operator needs no ETH). Idempotent: the governor's `hasVoted` is the
 * record, so a restart never votes twice.
 */
import { ethers, type ContractTransactionReceipt, type Signer } from "ethers";
import type { AgentDelegate } from "../../typechain-types";
import { decodeRevertData, explainError, findRevertData } from "../errors";
import { formatTokens } from "../units";
import {
  actionsStruct,
  createdProposals,
  decodeProposal,
  modelProposal,
  onChainModel,
  paramsAt,
  suiteAddressBook,
  type AddressBook,
  type AgentSuite,
  type CreatedProposal,
  type OnChainModel,
} from "./chain";
import { buildRationale, DEFAULT_MIN_CONFIDENCE, rationaleBytes, type RationaleDocument } from "./document";
import type { ContentStore } from "./store";
import { SUPPORT_VALUE, type AgentModel, type ModelLoader, type SupportName } from "./types";

/** EIP-712 type of AgentDelegate's ballot (AgentDelegate.AGENT_BALLOT_TYPEHASH). */
export const AGENT_BALLOT_TYPES = {
  AgentBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "reason", type: "string" },
    { name: "rationaleHash", type: "bytes32" },
    { name: "modelId", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
};

/** A ballot of the active model. */
export interface AgentBallot {
  proposalId: bigint;
  support: number;
  /** The rationale document's URI. */
  reason: string;
  rationaleHash: string;
  modelId: bigint;
  /** Last second (unix time) the ballot may be counted. */
  expiry: bigint;
}

/** A ballot with the operator's signature and the proposal's actions: what a relayer submits. */
export interface SignedAgentBallot {
  ballot: AgentBallot;
  signature: string;
  actions: ReturnType<typeof actionsStruct>;
}

/** The operator key signs `ballot` for `agentDelegate` (domain "BytomDAO Agent Delegate", version 1). */
export async function signAgentBallot(
  agentDelegate: AgentDelegate,
  operator: Signer,
  ballot: AgentBallot,
): Promise<string> {
  const d = await agentDelegate.eip712Domain();
  const domain = { name: d[1], version: d[2], chainId: d[3], verifyingContract: d[4] };
  return operator.signTypedData(domain, AGENT_BALLOT_TYPES, ballot);
}

/** Submits a signed ballot: any account with ETH (or a relaying service). */
export interface Relayer {
  submit(signed: SignedAgentBallot): Promise<ContractTransactionReceipt>;
}

/** A relayer that sends `castVoteBySig` from `signer` and waits for `confirmations`. */
export function signerRelayer(agentDelegate: AgentDelegate, signer: Signer, confirmations = 1): Relayer {
  return {
    async submit({ ballot, actions, signature }) {
      const tx = await agentDelegate.connect(signer).castVoteBySig(ballot, actions, signature);
      const receipt = await tx.wait(confirmations);
      if (!receipt) throw new Error(`ballot transaction ${tx.hash} was not mined`);
      return receipt;
    },
  };
}

/** Thrown when a model directory is not the model the chain names. */
export class AgentModelMismatchError extends Error {
  constructor(
    message: string,
    readonly dir: string,
    readonly modelId: bigint,
    readonly expectedRoot: string,
  ) {
    super(message);
    this.name = "AgentModelMismatchError";
  }
}

/** genesisModel.weightsRoot of config/*.json: a placeholder, not the root of any trained model. */
export const PLACEHOLDER_GENESIS_ROOT = "0x6b1f1d2b2f0a7b0b3c9c3d1e8d5b2a7a4f6e0c9d8b7a6f5e4d3c2b1a09080706";

/** One directory (the active model's) or directories by model id ("1", "2"). */
export type ModelDirs = string | Record<string, string>;

/** The directory for model `id`, or an error saying which flag names it. */
export function modelDirFor(dirs: ModelDirs, id: bigint): string {
  if (typeof dirs === "string") return dirs;
  const dir = dirs[id.toString()];
  if (!dir) {
    throw new Error(`no model directory for model #${id}: pass --model <dir of model #${id}> (its weights files)`);
  }
  return dir;
}

/**
 * Loads model `m` from `dir` through `loader`, which verifies the directory against the on-chain root first.
 * Refuses a directory of another root, or of another constitution version, naming the path.
 */
export async function loadOnChainModel(loader: ModelLoader, dir: string, m: OnChainModel): Promise<AgentModel> {
  let model: AgentModel;
  try {
    model = await loader.load(dir, m.weightsRoot);
  } catch (e) {
    if (m.weightsRoot.toLowerCase() === PLACEHOLDER_GENESIS_ROOT) {
      throw new AgentModelMismatchError(
        `refusing model directory ${dir}: model #${m.id}'s on-chain weights root ${m.weightsRoot} is the placeholder ` +
          `of config/<network>.json, not a trained model, so no directory can match it and the AI delegate cannot ` +
          `vote with it. Fix: train v1's model (npx hardhat model:train --constitution-version 1 --out <dir>) and ` +
          `deploy with BYTOMDAO_GENESIS_MODEL_DIR=<dir> (or put its weights root in genesisModel.weightsRoot).`,
        dir,
        m.id,
        m.weightsRoot,
      );
    }
    throw new AgentModelMismatchError(
      `refusing model directory ${dir}: it is not model #${m.id} (on-chain weights root ${m.weightsRoot}, ` +
        `ModelRegistry.getModel(${m.id})). ${(e as Error).message.split("\n").join(" ")} ` +
        `Fix: point --model at model #${m.id}'s directory (e.g. download its weights again).`,
      dir,
      m.id,
      m.weightsRoot,
    );
  }
  if (model.version !== m.version) {
    throw new AgentModelMismatchError(
      `refusing model directory ${dir}: it was trained for constitution v${model.version}, model #${m.id} is v${m.version}`,
      dir,
      m.id,
      m.weightsRoot,
    );
  }
  return model;
}

export interface AgentRunOptions {
  suite: AgentSuite;
  /** The active model's operator key: signs ballots, sends nothing. */
  operator: Signer;
  relayer: Relayer;
  store: ContentStore;
  loader: ModelLoader;
  /** The active model's directory (or directories by model id). */
  modelDirs: ModelDirs;
  /** Abstain below this confidence (default 0.6). */
  minConfidence?: number;
  /** Seconds a ballot stays valid after signing (default 3600). */
  ballotTtl?: number;
  /** Address book for decoding (default: the suite's contracts). */
  book?: AddressBook;
  log?: (line: string) => void;
}

export type AgentOutcomeStatus = "voted" | "already-voted" | "recused" | "expired" | "failed";

/** What the agent did about one Active proposal. */
export interface AgentOutcome {
  proposalId: bigint;
  status: AgentOutcomeStatus;
  decision?: SupportName;
  confidence?: string;
  uri?: string;
  rationaleHash?: string;
  /** The weight counted (after overrides and the cap), from AgentVoteCast. */
  weight?: bigint;
  txHash?: string;
  /** Why not voted (recusal pair, revert explained). */
  detail?: string;
  document?: RationaleDocument;
}

export interface AgentPassReport {
  modelId: bigint;
  weightsRoot: string;
  /** Active proposals seen. */
  active: number;
  outcomes: AgentOutcome[];
}

/** Models loaded by root, across passes of one process. */
const modelCache = new WeakMap<ModelLoader, Map<string, AgentModel>>();

async function cachedModel(loader: ModelLoader, dir: string, m: OnChainModel): Promise<AgentModel> {
  let byKey = modelCache.get(loader);
  if (!byKey) modelCache.set(loader, (byKey = new Map()));
  const key = `${m.weightsRoot.toLowerCase()}|${dir}`;
  let model = byKey.get(key);
  if (!model) {
    model = await loadOnChainModel(loader, dir, m);
    byKey.set(key, model);
  }
  return model;
}

/** The first recused (target, selector) among a proposal's actions, or null. */
async function recusalOf(agentDelegate: AgentDelegate, p: CreatedProposal): Promise<string | null> {
  for (let i = 0; i < p.targets.length; i++) {
    const selector = ethers.dataSlice(ethers.concat([p.calldatas[i], "0x00000000"]), 0, 4);
    if (await agentDelegate.isRecused(p.targets[i], selector)) return `${p.targets[i]} ${selector}`;
  }
  return null;
}

/** The Active proposal ids, oldest first. */
export async function activeProposalIds(suite: AgentSuite): Promise<bigint[]> {
  const latest = await suite.governor.latestProposalId();
  const ids: bigint[] = [];
  for (let id = 1n; id <= latest; id++) if ((await suite.governor.state(id)) === 1n) ids.push(id);
  return ids;
}

/**
 * The rationale document the agent publishes for proposal `p` (used by the runtime and rebuilt by the audit).
 */
export async function rationaleFor(args: {
  suite: AgentSuite;
  model: AgentModel;
  onChain: OnChainModel;
  proposal: CreatedProposal;
  book: AddressBook;
  minConfidence: number;
  forcedAbstain: boolean;
  /** Where the parameters are read (the vote's block for an audit). */
  blockTag?: number;
}): Promise<RationaleDocument> {
  const { suite, model, onChain, proposal, book } = args;
  const prediction = await model.predict(
    modelProposal(proposal, book),
    await paramsAt(suite.constitution, args.blockTag),
  );
  return buildRationale({
    chainId: (await suite.governor.runner!.provider!.getNetwork()).chainId,
    agentDelegate: await suite.agentDelegate.getAddress(),
    proposalId: proposal.id,
    title: modelProposal(proposal, book).title,
    descriptionHash: proposal.descriptionHash,
    modelId: onChain.id,
    weightsRoot: onChain.weightsRoot,
    constitutionVersion: onChain.version,
    prediction,
    minConfidence: args.minConfidence,
    forcedAbstain: args.forcedAbstain,
    actions: decodeProposal(proposal, book),
  });
}

/** The AgentVoteCast of a receipt: the weight counted. */
function votedWeight(agentDelegate: AgentDelegate, receipt: ContractTransactionReceipt): bigint | undefined {
  for (const log of receipt.logs) {
    try {
      const parsed = agentDelegate.interface.parseLog(log);
      if (parsed?.name === "AgentVoteCast") return parsed.args.getValue("weight") as bigint;
    } catch {
      // another contract's log
    }
  }
  return undefined;
}

/** One pass: every Active proposal the AgentDelegate has not voted on gets a published rationale and a vote. */
export async function runAgentOnce(o: AgentRunOptions): Promise<AgentPassReport> {
  const { suite, operator, relayer, store, loader } = o;
  const log = o.log ?? (() => undefined);
  const minConfidence = o.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const ttl = BigInt(o.ballotTtl ?? 3600);
  const { agentDelegate, constitution, governor } = suite;
  const provider = governor.runner?.provider;
  if (!provider) throw new Error("runAgentOnce: connect the suite to a provider");
  const delegateAddress = await agentDelegate.getAddress();

  const modelId = await constitution.activeModelId();
  const onChain = await onChainModel(suite.modelRegistry, modelId);
  const operatorAddress = await operator.getAddress();
  const activeAgent = await agentDelegate.activeAgent();
  if (operatorAddress.toLowerCase() !== activeAgent.toLowerCase()) {
    throw new Error(
      `the operator key ${operatorAddress} is not the active agent ${activeAgent} (model #${modelId}'s operator): ` +
        `set BYTOMDAO_AGENT_KEY (or BYTOMDAO_AGENT_KEYSTORE) to model #${modelId}'s operator key`,
    );
  }

  const ids = await activeProposalIds(suite);
  const report: AgentPassReport = { modelId, weightsRoot: onChain.weightsRoot, active: ids.length, outcomes: [] };
  const pending: bigint[] = [];
  for (const id of ids) {
    if (await governor.hasVoted(id, delegateAddress)) report.outcomes.push({ proposalId: id, status: "already-voted" });
    else pending.push(id);
  }
  if (pending.length === 0) return report;

  // The model is loaded only now, and only if its directory matches the on-chain root.
  const model = await cachedModel(loader, modelDirFor(o.modelDirs, modelId), onChain);
  const created = await createdProposals(suite);
  const book = o.book ?? (await suiteAddressBook(suite));

  for (const id of pending) {
    const proposal = created.get(id);
    if (!proposal) {
      report.outcomes.push({ proposalId: id, status: "failed", detail: "no ProposalCreated event (scan start?)" });
      continue;
    }
    const recused = await recusalOf(agentDelegate, proposal);
    if (recused) {
      log(`proposal ${id}: recused (${recused} is on the DAO's recusal list): members vote themselves`);
      report.outcomes.push({ proposalId: id, status: "recused", detail: recused });
      continue;
    }
    const forcedAbstain = await agentDelegate.isAbstainForced(id);
    const doc = await rationaleFor({ suite, model, onChain, proposal, book, minConfidence, forcedAbstain });
    const stored = await store.put(rationaleBytes(doc));
    const now = BigInt((await provider.getBlock("latest"))!.timestamp);
    const ballot: AgentBallot = {
      proposalId: id,
      support: SUPPORT_VALUE[doc.decision],
      reason: stored.uri,
      rationaleHash: stored.hash,
      modelId,
      expiry: now + ttl,
    };
    const signature = await signAgentBallot(agentDelegate, operator, ballot);
    const base = {
      proposalId: id,
      decision: doc.decision,
      confidence: doc.confidence,
      uri: stored.uri,
      rationaleHash: stored.hash,
      document: doc,
    };
    try {
      const receipt = await relayer.submit({ ballot, signature, actions: actionsStruct(proposal) });
      const weight = votedWeight(agentDelegate, receipt);
      log(
        `proposal ${id}: voted ${doc.decision} (${doc.basis}, confidence ${doc.confidence}), counted with ` +
          `${weight === undefined ? "?" : formatTokens(weight, 0)} BTMG, ` +
          `rationale ${stored.uri}`,
      );
      report.outcomes.push({ ...base, status: "voted", weight, txHash: receipt.hash });
    } catch (error) {
      const decoded = decodeRevertData(findRevertData(error) ?? "0x");
      if (decoded?.name === "GovernorAlreadyCastVote") {
        report.outcomes.push({ ...base, status: "already-voted", detail: "another ballot was counted first" });
      } else if (decoded?.name === "AgentDelegateBallotExpired") {
        const detail = `the relayed ballot expired at ${ballot.expiry} before it was mined: signed again next pass`;
        log(`proposal ${id}: ${detail}`);
        report.outcomes.push({ ...base, status: "expired", detail });
      } else {
        const detail = explainError(error);
        log(`proposal ${id}: vote failed: ${detail}`);
        report.outcomes.push({ ...base, status: "failed", detail });
      }
    }
  }
  return report;
}

/** Runs passes every `intervalMs` until `signal` aborts; a failed pass is logged and retried at the next tick. */
export async function runAgent(
  o: AgentRunOptions & { intervalMs?: number; signal?: AbortSignal; onPass?: (r: AgentPassReport) => void },
): Promise<void> {
  const log = o.log ?? (() => undefined);
  const interval = o.intervalMs ?? 15_000;
  while (!o.signal?.aborted) {
    try {
      const r = await runAgentOnce(o);
      o.onPass?.(r);
    } catch (error) {
      log(`pass failed: ${(error as Error).message}`);
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, interval);
      o.signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}
