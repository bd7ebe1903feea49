import { ethers } from "ethers";

/** What to do next, by custom error name. */
const HINTS: Record<string, string> = {
  GovernanceCommitteeInsufficientVotes:
    "delegate your tokens (token.delegate(yourAddress)) and wait for the next block: voting power counts from the previous second.",
  GovernanceCommitteeDiscussionOngoing: "wait for the discussion period to end (gov:draft prints when it ends).",
  GovernanceCommitteeNotApproved: "collect reviewQuorum committee approvals (gov:approve) or initiative backing first.",
  GovernanceCommitteeStaleRevision: "the author revised the draft: review the new revision, then approve it.",
  GovernorUnexpectedProposalState:
    "check the proposal's state with gov:status: it is not in the state this action needs.",
  BytomGovernorProposalOnHold: "the committee put the proposal on hold for mediation; execute after the hold ends.",
  BytomGovernorTargetCodeChanged:
    "a target's code changed after the proposal was created: the proposal can never execute; propose it again.",
  TimelockUnexpectedOperationState: "the timelock delay has not passed yet: try again after the proposal's eta.",
};

/**
 * Turns a revert from any BytomDAO contract into "ErrorName(args): what to do next". Pass the interfaces of the
 * contracts involved.
 */
export function explainError(error: unknown, interfaces: ethers.Interface[]): string {
  const text = error instanceof Error ? error.message : String(error);
  const data = (error as { data?: unknown })?.data;
  if (typeof data === "string" && data.startsWith("0x")) {
    for (const iface of interfaces) {
      const parsed = iface.parseError(data);
      if (parsed) {
        const call = `${parsed.name}(${parsed.args.map(String).join(", ")})`;
        return HINTS[parsed.name] ? `${call}: ${HINTS[parsed.name]}` : call;
      }
    }
  }
  const match = /custom error '(\w+)/.exec(text);
  if (match && HINTS[match[1]]) return `${text.split("\n")[0]}\n→ ${HINTS[match[1]]}`;
  return text.split("\n")[0];
}
