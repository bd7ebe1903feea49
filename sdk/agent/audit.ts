/**
 * agent:audit: anyone rebuilds the AI delegate's vote on a proposal from the chain, loads the model that was active
 * when it voted (verified against its on-chain root), re-runs it, rebuilds the rationale document byte for byte and
 * checks it against the vote: the decision, and the rationale hash both of the published document and of the
 * recomputed one.
 */
import { ethers } from "ethers";
import { readEvents } from "../events";
import { createdProposal, onChainModel, suiteAddressBook, type AddressBook, type AgentSuite } from "./chain";
import {
  DEFAULT_MIN_CONFIDENCE,
  documentDiff,
  parseRationale,
  rationaleBytes,
  type RationaleDocument,
} from "./document";
import { loadOnChainModel, modelDirFor, rationaleFor, type ModelDirs } from "./runtime";
import { readDocument, type ContentStore } from "./store";
import { SUPPORT_NAME, type ModelLoader, type SupportName } from "./types";

export interface AuditOptions {
  suite: AgentSuite;
  loader: ModelLoader;
  /** The directory of the model that voted (or directories by model id). */
  modelDirs: ModelDirs;
  /** Where to look for the published document first (else the URI itself: file://, http(s)://). */
  store?: ContentStore;
  book?: AddressBook;
}

/** The AI delegate's vote as recorded on chain (AgentVoteCast). */
export interface RecordedAgentVote {
  proposalId: bigint;
  agent: string;
  modelId: bigint;
  support: SupportName;
  weight: bigint;
  rationaleHash: string;
  uri: string;
  relayed: boolean;
  blockNumber: number;
  txHash: string;
}

export interface AuditCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  vote: RecordedAgentVote;
  recomputed: { decision: SupportName; confidence: string; hash: string; document: RationaleDocument };
  published: { hash: string | null; document: RationaleDocument | null };
  checks: AuditCheck[];
  /** Fields of the published document that differ from the recomputed one. */
  differences: string[];
}

/** The AgentVoteCast of `proposalId`, or null when the AI delegate has not voted on it. */
export async function recordedAgentVote(suite: AgentSuite, proposalId: bigint): Promise<RecordedAgentVote | null> {
  const { agentDelegate } = suite;
  const events = await readEvents(agentDelegate, agentDelegate.filters.AgentVoteCast(proposalId), {
    fromBlock: suite.fromBlock ?? 0,
  });
  if (events.length === 0) return null;
  const e = events[events.length - 1];
  const [id, agent, modelId, support, weight, rationaleHash, reason, relayed] = e.args;
  return {
    proposalId: id,
    agent,
    modelId,
    support: SUPPORT_NAME[Number(support)],
    weight,
    rationaleHash,
    uri: reason,
    relayed,
    blockNumber: e.blockNumber,
    txHash: e.transactionHash,
  };
}

/** Audits the AI delegate's vote on `proposalId`. Throws when it did not vote or the model directory is wrong. */
export async function auditAgentVote(o: AuditOptions, proposalId: bigint): Promise<AuditReport> {
  const { suite } = o;
  const vote = await recordedAgentVote(suite, proposalId);
  if (!vote) {
    throw new Error(
      `the AI delegate has not voted on proposal ${proposalId} (no AgentVoteCast event): nothing to audit yet`,
    );
  }
  const onChain = await onChainModel(suite.modelRegistry, vote.modelId);
  const model = await loadOnChainModel(o.loader, modelDirFor(o.modelDirs, vote.modelId), onChain);
  const proposal = await createdProposal(suite, proposalId);
  const book = o.book ?? (await suiteAddressBook(suite));

  const bytes = await readDocument(vote.uri, o.store);
  const publishedHash = bytes ? ethers.keccak256(bytes) : null;
  const publishedDoc = bytes ? parseRationale(bytes) : null;
  const publishedOk = publishedHash !== null && publishedHash === vote.rationaleHash;
  // The threshold is the operator's published policy: taken from the document only when it is the committed one.
  const minConfidence = publishedOk && publishedDoc ? Number(publishedDoc.minConfidence) : DEFAULT_MIN_CONFIDENCE;
  const forcedAbstain = await suite.agentDelegate.isAbstainForced(proposalId, { blockTag: vote.blockNumber });
  const rebuilt = await rationaleFor({
    suite,
    model,
    onChain,
    proposal,
    book,
    minConfidence,
    forcedAbstain,
    blockTag: vote.blockNumber - 1,
  });
  const rebuiltHash = ethers.keccak256(rationaleBytes(rebuilt));

  const checks: AuditCheck[] = [
    {
      name: "model",
      ok: true,
      detail: `model #${vote.modelId} (constitution v${onChain.version}) loaded from ${model.dir}, weights root ${onChain.weightsRoot} verified`,
    },
    {
      name: "published document",
      ok: bytes !== null,
      detail: bytes ? `found at ${vote.uri}` : `nothing found at ${vote.uri} (pass --store <folder> holding it)`,
    },
    {
      name: "published hash",
      ok: publishedOk,
      detail: publishedHash
        ? publishedOk
          ? `the published document hashes to the on-chain rationaleHash ${vote.rationaleHash}`
          : `the published document hashes to ${publishedHash}, the vote committed to ${vote.rationaleHash}: it was altered or replaced`
        : "no document to hash",
    },
    {
      name: "decision",
      ok: rebuilt.decision === vote.support,
      detail:
        rebuilt.decision === vote.support
          ? `on chain ${vote.support}, re-run ${rebuilt.decision} (${rebuilt.basis}, confidence ${rebuilt.confidence})`
          : `on chain ${vote.support}, but the model re-run decides ${rebuilt.decision} (${rebuilt.basis}, confidence ${rebuilt.confidence})`,
    },
    {
      name: "recomputed hash",
      ok: rebuiltHash === vote.rationaleHash,
      detail:
        rebuiltHash === vote.rationaleHash
          ? `the recomputed document hashes to the on-chain rationaleHash ${rebuiltHash}`
          : `the recomputed document hashes to ${rebuiltHash}, the vote committed to ${vote.rationaleHash}`,
    },
  ];
  return {
    ok: checks.every((c) => c.ok),
    vote,
    recomputed: { decision: rebuilt.decision, confidence: rebuilt.confidence, hash: rebuiltHash, document: rebuilt },
    published: { hash: publishedHash, document: publishedDoc },
    checks,
    differences: publishedDoc ? documentDiff(rebuilt, publishedDoc) : [],
  };
}
