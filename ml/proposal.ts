/** A proposal as the model reads it, and the three supports (browser-safe: no node: import). */
import type { ProposalAction } from "./abi";

export type Support = "For" | "Against" | "Abstain";
export const SUPPORTS: Support[] = ["For", "Against", "Abstain"];

export interface Proposal {
  title: string;
  description: string;
  actions: ProposalAction[];
}
