/**
 * Names of the governor's and the committee's enums, in their Solidity order. No imports: shared by the SDK and the
 * dashboard's browser bundle.
 */

/** Governor ProposalState, by name. */
export const ProposalState = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalStateName = (typeof ProposalState)[number];

/** GovernanceCommittee.DraftStatus, by name. */
export const DraftStatus = ["None", "Open", "Proposed", "Withdrawn"] as const;
