/**
 * The runtime's view of a constitution model. The SDK does not depend on TensorFlow.js: the model library (ml/)
 * supplies a {@link ModelLoader} (`ml/agent.ts`), and any other backend can, under the same contract: `load`
 * verifies the directory against the on-chain weights root before anything runs it.
 */
export type SupportName = "For" | "Against" | "Abstain";

/** Support names in the governor's order (Against 0, For 1, Abstain 2). */
export const SUPPORT_VALUE: Record<SupportName, number> = { Against: 0, For: 1, Abstain: 2 };
export const SUPPORT_NAME: Record<number, SupportName> = { 0: "Against", 1: "For", 2: "Abstain" };

/** A proposal as the model reads it. */
export interface AgentProposal {
  title: string;
  description: string;
  actions: { target: string; targetName?: string; value: string; calldata: string }[];
}

/** Governance parameters in force (the model judges parameter moves against them). */
export interface AgentParams {
  supermajorityBps: number;
  quorumBps: number;
  initiativeThresholdBps: number;
  reviewQuorum: number;
  votingDelay: number;
  votingPeriod: number;
  minDiscussionPeriod: number;
  disputeHoldPeriod: number;
  lateQuorumExtension: number;
  draftThreshold: bigint;
}

export interface AgentClauseScore {
  id: string;
  title: string;
  score: number;
}

/** The model's verdict (ml's Prediction). */
export interface AgentPrediction {
  support: SupportName;
  confidence: number;
  clauses: AgentClauseScore[];
  rationale: string;
}

/** A loaded, verified model. */
export interface AgentModel {
  /** The weights manifest root it was verified against. */
  readonly root: string;
  /** The constitution version it was trained for. */
  readonly version: number;
  /** The directory it was loaded from. */
  readonly dir: string;
  /** Every clause of its constitution version (ids and titles), for advice. */
  readonly clauses: { id: string; title: string }[];
  predict(proposal: AgentProposal, params: AgentParams): Promise<AgentPrediction>;
}

/** Loads a model directory only if its weights root is `expectedRoot` (else throws, naming the files). */
export interface ModelLoader {
  load(dir: string, expectedRoot: string): Promise<AgentModel>;
}
