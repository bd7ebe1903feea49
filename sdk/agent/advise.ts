/**
 * agent:advise: personal advice. A member's preference profile (weights over the constitution's values, i.e. its
 * articles, and over single clauses; a risk appetite; areas of interest) turns the model's clause scores into a
 * recommendation for this member; the advice says in plain language what the proposal changes, whether the member's
 * view differs from the AI delegate's vote, and the exact command that overrides it. No node: import: the dashboard
 * runs adviseMember in the browser (readPreferences, which reads a file, is in preferences-file.ts).
 */
import { ethers } from "ethers";
import {
  createdProposal,
  decodeProposal,
  modelProposal,
  plainChange,
  paramsAt,
  type AddressBook,
  type AgentSuite,
  type DecodedCall,
} from "./chain";
import { recordedAgentVote } from "./audit";
import { decide, DEFAULT_MIN_CONFIDENCE } from "./document";
import { fixed } from "./canonical";
import type { AgentModel, AgentPrediction, SupportName } from "./types";

/** Areas a proposal can touch (from its decoded actions). */
export const AREAS = [
  "constitution",
  "parameters",
  "treasury",
  "executive",
  "models",
  "committee",
  "upgrades",
  "ai-delegate",
] as const;
export type Area = (typeof AREAS)[number];

/** A member's preference profile (JSON file). */
export interface Preferences {
  /**
   * Weight per value of the constitution, by article number ("4") or title ("safeguards"): -1 (I oppose what it
   * protects) .. 0 (indifferent) .. 1 (default) .. 2 (matters most to me).
   */
  values?: Record<string, number>;
  /** Weight per clause id ("4.2"), overriding its article's. */
  clauses?: Record<string, number>;
  /** 0 (cautious: risky changes weigh against) .. 1 (bold); default 0.5. */
  riskAppetite?: number;
  /** Areas the member follows closely. */
  interests?: Area[];
}

export function checkPreferences(p: Preferences, where = "preferences"): Preferences {
  for (const [field, map] of [
    ["values", p.values],
    ["clauses", p.clauses],
  ] as const) {
    for (const [k, w] of Object.entries(map ?? {})) {
      if (typeof w !== "number" || w < -1 || w > 2)
        throw new Error(`${where}: ${field}.${k} must be a number in [-1, 2]`);
    }
  }
  if (p.riskAppetite !== undefined && !(p.riskAppetite >= 0 && p.riskAppetite <= 1)) {
    throw new Error(`${where}: riskAppetite must be in [0, 1]`);
  }
  for (const a of p.interests ?? []) {
    if (!AREAS.includes(a)) throw new Error(`${where}: interests: "${a}" is not one of ${AREAS.join(", ")}`);
  }
  return p;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The member's weight of a clause: its own, else its article's (by number or title), else 1. */
export function clauseWeight(
  p: Preferences,
  clause: { id: string; title: string },
  articleTitles: Record<string, string>,
): number {
  if (p.clauses?.[clause.id] !== undefined) return p.clauses[clause.id];
  const article = clause.id.split(".")[0];
  if (p.values?.[article] !== undefined) return p.values[article];
  const title = articleTitles[article];
  for (const [k, w] of Object.entries(p.values ?? {})) if (title && slug(k) === slug(title)) return w;
  return 1;
}

/** Areas and risk (0..1) of the decoded actions. */
export function areasAndRisk(actions: DecodedCall[]): { areas: Area[]; risk: number } {
  const areas = new Set<Area>();
  let risk = 0;
  const bump = (a: Area, r: number) => (areas.add(a), (risk = Math.max(risk, r)));
  for (const a of actions) {
    if (a.fn === "upgradeToAndCall") bump("upgrades", 0.8);
    else if (a.targetName === "Constitution" && a.fn === "ratifyAmendment") bump("constitution", 0.5);
    else if (a.targetName === "Constitution" && a.fn === "setParameters") bump("parameters", 0.4);
    else if (a.targetName === "GovernanceToken" && (a.fn === "transfer" || a.fn === "mint")) bump("treasury", 0.5);
    else if (a.targetName === "ExecutiveRegistry") bump("executive", 0.3);
    else if (a.targetName === "ModelRegistry") bump("models", 0.4);
    else if (a.targetName === "GovernanceCommittee") bump("committee", 0.4);
    else if (a.targetName === "AgentDelegate") bump("ai-delegate", 0.6);
    else if (a.targetName === "TimelockController") bump("upgrades", 0.9);
    if (a.value > 0n) bump("treasury", 0.5);
  }
  return { areas: AREAS.filter((x) => areas.has(x)), risk };
}

export interface Advice {
  proposalId: bigint;
  member: string;
  recommendation: SupportName;
  /** Personal score in [-1, 1]: > 0.2 For, < -0.2 Against, else Abstain (3 decimals). */
  score: number;
  ai: { decision: SupportName; source: "on-chain vote" | "model (not voted yet)"; confidence: string };
  differs: boolean;
  delegatedToAi: boolean;
  /** The command that makes the member's own vote count (override if delegated to the AI, else vote). */
  command: string;
  lines: string[];
}

/** The recommendation from the model's verdict and the member's profile. */
export function personalScore(
  prediction: AgentPrediction,
  prefs: Preferences,
  clauses: { id: string; title: string }[],
  articleTitles: Record<string, string>,
  risk: number,
): number {
  const direction = prediction.support === "For" ? 1 : prediction.support === "Against" ? -1 : 0;
  const relied = prediction.clauses;
  const total = relied.reduce((s, c) => s + c.score, 0);
  const byId = new Map(clauses.map((c) => [c.id, c]));
  const alignment =
    total === 0
      ? 1
      : relied.reduce((s, c) => s + c.score * clauseWeight(prefs, byId.get(c.id) ?? c, articleTitles), 0) / total;
  const appetite = prefs.riskAppetite ?? 0.5;
  const raw = direction * prediction.confidence * Math.max(-1, Math.min(1, alignment)) - (1 - appetite) * risk * 0.5;
  return Math.round(Math.max(-1, Math.min(1, raw)) * 1000) / 1000;
}

export interface AdviseOptions {
  suite: AgentSuite;
  model: AgentModel;
  book: AddressBook;
  /** Article number → title of the model's constitution version. */
  articleTitles: Record<string, string>;
  network: string;
  minConfidence?: number;
}

/** Advice for `member` on proposal `id`. */
export async function adviseMember(o: AdviseOptions, member: string, prefs: Preferences, id: bigint): Promise<Advice> {
  const { suite, model, book } = o;
  const p = await createdProposal(suite, id);
  const actions = decodeProposal(p, book);
  const params = await paramsAt(suite.constitution);
  const prediction = await model.predict(modelProposal(p, book), params);
  const { areas, risk } = areasAndRisk(actions);
  const score = personalScore(prediction, prefs, model.clauses, o.articleTitles, risk);
  const recommendation: SupportName = score > 0.2 ? "For" : score < -0.2 ? "Against" : "Abstain";

  const voted = await recordedAgentVote(suite, id);
  const ai = voted
    ? { decision: voted.support, source: "on-chain vote" as const, confidence: fixed(prediction.confidence) }
    : {
        decision: decide(
          prediction,
          o.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
          await suite.agentDelegate.isAbstainForced(id),
        ).decision,
        source: "model (not voted yet)" as const,
        confidence: fixed(prediction.confidence),
      };
  const memberAddress = ethers.getAddress(member);
  const delegatedToAi =
    (await suite.token.delegates(memberAddress)).toLowerCase() ===
    (await suite.agentDelegate.getAddress()).toLowerCase();
  const task = delegatedToAi ? "gov:override" : "gov:vote";
  const command = `npx hardhat ${task} --proposal ${id} --support ${recommendation.toLowerCase()} --from ${memberAddress} --network ${o.network}`;
  const differs = recommendation !== ai.decision;
  const interesting = areas.filter((a) => prefs.interests?.includes(a));
  const weighted = prediction.clauses.map((c) => {
    const w = clauseWeight(prefs, model.clauses.find((x) => x.id === c.id) ?? c, o.articleTitles);
    return `§${c.id} ${c.title} (relevance ${c.score.toFixed(2)}, your weight ${w})`;
  });
  const lines = [
    `Proposal ${id}: ${p.description.split("\n")[0].trim()}`,
    `What it changes: ${actions.map((a) => plainChange(a, params, book)).join("; ") || "nothing on chain (a signalling vote)"}.`,
    `Areas: ${areas.join(", ") || "none"}${interesting.length ? ` — you follow ${interesting.join(", ")}` : ""}; risk ${risk.toFixed(1)} (your appetite ${(prefs.riskAppetite ?? 0.5).toFixed(1)}).`,
    `The model reads it as ${prediction.support} (confidence ${prediction.confidence.toFixed(2)}), relying on ${weighted.join("; ") || "no clause in particular"}.`,
    `For you: ${recommendation} (score ${score.toFixed(3)}; > 0.2 For, < -0.2 Against).`,
    `The AI delegate ${voted ? "voted" : "would vote"} ${ai.decision} (${ai.source}).`,
    differs
      ? delegatedToAi
        ? `Your view differs from the AI delegate's, which votes your tokens. To vote them yourself: ${command}`
        : `Your view differs from the AI delegate's. Your votes are not delegated to it; to vote: ${command}`
      : `Your view matches the AI delegate's${delegatedToAi ? ": nothing to do, it votes your tokens" : ""}.`,
  ];
  return { proposalId: id, member: memberAddress, recommendation, score, ai, differs, delegatedToAi, command, lines };
}

/** Article number → title ("4" → "Safeguards") of a constitution text (`## Article N — Title`). */
export function articleTitles(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of markdown.matchAll(/^## Article (\d+)\s*[—–-]\s*(.+)$/gm)) out[m[1]] = m[2].trim();
  return out;
}
