/**
 * The rationale document the AI delegate publishes with each vote, and the one rule that turns the model's verdict
 * into the vote. Everything in it follows from the chain and the verified model, so anyone can rebuild it
 * byte for byte (agent:audit): no timestamps, no paths, fixed-decimal numbers, canonical JSON.
 */
import { canonicalBytes, canonicalJson, fixed, type CanonicalValue } from "./canonical";
import type { DecodedCall } from "./chain";
import type { AgentPrediction, SupportName } from "./types";

export const RATIONALE_FORMAT = "bytomdao-agent-rationale/1";

/** Default confidence below which the agent abstains. */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

/** Why the vote is what it is. */
export type DecisionBasis = "model" | "low-confidence" | "forced-abstain";

/** The vote from the model's verdict: Abstain when the committee forced it or the confidence is below the threshold. */
export function decide(
  prediction: AgentPrediction,
  minConfidence: number,
  forcedAbstain: boolean,
): { decision: SupportName; basis: DecisionBasis } {
  if (forcedAbstain) return { decision: "Abstain", basis: "forced-abstain" };
  // Compared on the 4-decimal values the document records, so the rule is exact for a reader of the document.
  if (Number(fixed(prediction.confidence)) < Number(fixed(minConfidence))) {
    return { decision: "Abstain", basis: "low-confidence" };
  }
  return { decision: prediction.support, basis: "model" };
}

/** Everything a rationale document is built from. */
export interface RationaleInput {
  chainId: bigint;
  agentDelegate: string;
  proposalId: bigint;
  title: string;
  descriptionHash: string;
  modelId: bigint;
  weightsRoot: string;
  constitutionVersion: number;
  prediction: AgentPrediction;
  minConfidence: number;
  forcedAbstain: boolean;
  actions: DecodedCall[];
}

/** The published document (canonical JSON; numbers that are fractions are fixed-decimal strings). */
export interface RationaleDocument {
  format: string;
  chainId: string;
  agentDelegate: string;
  proposalId: string;
  title: string;
  descriptionHash: string;
  modelId: string;
  weightsRoot: string;
  constitutionVersion: number;
  /** The vote cast: For, Against or Abstain. */
  decision: SupportName;
  /** model | low-confidence | forced-abstain */
  basis: DecisionBasis;
  /** The model's own verdict and its probability (4 decimals). */
  modelSupport: SupportName;
  confidence: string;
  minConfidence: string;
  clauses: { id: string; title: string; score: string }[];
  actions: { target: string; targetName: string | null; value: string; calldata: string; call: string }[];
  rationale: string;
}

/** The plain-language rationale: why this vote, then the model's own words. */
function plainRationale(input: RationaleInput, decision: SupportName, basis: DecisionBasis): string {
  const p = input.prediction;
  const lead =
    basis === "forced-abstain"
      ? `Abstain: the governance committee forced the AI delegate to abstain on proposal ${input.proposalId}; ` +
        `the model's own verdict was ${p.support} (confidence ${fixed(p.confidence, 2)}).`
      : basis === "low-confidence"
        ? `Abstain: the model leaned ${p.support} with confidence ${fixed(p.confidence, 2)}, below the ` +
          `threshold ${fixed(input.minConfidence, 2)}, so the AI delegate does not take a side.`
        : `${decision}: decided by model #${input.modelId} for constitution v${input.constitutionVersion} ` +
          `(confidence ${fixed(p.confidence, 2)}).`;
  return `${lead} ${p.rationale}`;
}

/** Builds the rationale document of a decision. */
export function buildRationale(input: RationaleInput): RationaleDocument {
  const { decision, basis } = decide(input.prediction, input.minConfidence, input.forcedAbstain);
  return {
    format: RATIONALE_FORMAT,
    chainId: input.chainId.toString(),
    agentDelegate: input.agentDelegate,
    proposalId: input.proposalId.toString(),
    title: input.title,
    descriptionHash: input.descriptionHash,
    modelId: input.modelId.toString(),
    weightsRoot: input.weightsRoot.toLowerCase(),
    constitutionVersion: input.constitutionVersion,
    decision,
    basis,
    modelSupport: input.prediction.support,
    confidence: fixed(input.prediction.confidence),
    minConfidence: fixed(input.minConfidence),
    clauses: input.prediction.clauses.map((c) => ({ id: c.id, title: c.title, score: fixed(c.score) })),
    actions: input.actions.map((a) => ({
      target: a.target,
      targetName: a.targetName,
      value: a.value.toString(),
      calldata: a.calldata,
      call: a.summary,
    })),
    rationale: plainRationale(input, decision, basis),
  };
}

function asCanonical(doc: RationaleDocument): CanonicalValue {
  return doc as unknown as CanonicalValue;
}

/** The document's canonical JSON text. */
export function rationaleJson(doc: RationaleDocument): string {
  return canonicalJson(asCanonical(doc));
}

/** The document's canonical bytes (what is stored and hashed). */
export function rationaleBytes(doc: RationaleDocument): Uint8Array {
  return canonicalBytes(asCanonical(doc));
}

/** Parses stored bytes into a document; null when they are not a rationale document. */
export function parseRationale(bytes: Uint8Array): RationaleDocument | null {
  try {
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as Partial<RationaleDocument>;
    return doc && doc.format === RATIONALE_FORMAT ? (doc as RationaleDocument) : null;
  } catch {
    return null;
  }
}

/** Fields ("clauses[0].score", "decision") whose values differ between two documents. */
export function documentDiff(expected: unknown, actual: unknown, at = ""): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object";
  if (isObj(expected) && isObj(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) =>
      documentDiff(expected[k], actual[k], Array.isArray(expected) ? `${at}[${k}]` : at ? `${at}.${k}` : k),
    );
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [`${at || "(document)"}: recomputed ${JSON.stringify(expected)}, published ${JSON.stringify(actual)}`];
}
