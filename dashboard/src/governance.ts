/** Reads shared by the pipeline, proposal and member pages. */
import { useAddress, useRead } from "./app";
import { committeeAbi, governorAbi } from "./generated/abis";

export const PROPOSAL_STATE = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
];
export const DRAFT_STATUS = ["None", "Open", "Proposed", "Withdrawn"];
export const SUPPORT = ["Against", "For", "Abstain"];

export const title = (description: string) => description.split("\n")[0].replace(/^#+\s*/, "");

/** Every draft's content history (submission and revisions) and its proposal, from the committee's events. */
export function useDraftHistory() {
  const committee = useAddress("GovernanceCommittee");
  return useRead(["draft-history"], async (client) => {
    const [submitted, revised, proposed] = await Promise.all([
      client.getContractEvents({ address: committee, abi: committeeAbi, eventName: "DraftSubmitted", fromBlock: 0n }),
      client.getContractEvents({ address: committee, abi: committeeAbi, eventName: "DraftRevised", fromBlock: 0n }),
      client.getContractEvents({ address: committee, abi: committeeAbi, eventName: "DraftProposed", fromBlock: 0n }),
    ]);
    const drafts = new Map<
      bigint,
      {
        author: string;
        revisions: { revision: bigint; description: string; note: string; block: bigint; targets: readonly string[] }[];
        proposalId?: bigint;
      }
    >();
    for (const e of submitted) {
      drafts.set(e.args.draftId!, {
        author: e.args.author!,
        revisions: [
          {
            revision: 1n,
            description: e.args.description!,
            note: "submitted",
            block: e.blockNumber,
            targets: e.args.targets!,
          },
        ],
      });
    }
    for (const e of revised) {
      drafts.get(e.args.draftId!)?.revisions.push({
        revision: e.args.revision!,
        description: e.args.description!,
        note: e.args.changeNote!,
        block: e.blockNumber,
        targets: e.args.targets!,
      });
    }
    const draftOfProposal = new Map<bigint, bigint>();
    for (const e of proposed) {
      const d = drafts.get(e.args.draftId!);
      if (d) d.proposalId = e.args.proposalId!;
      draftOfProposal.set(e.args.proposalId!, e.args.draftId!);
    }
    return { drafts, draftOfProposal };
  });
}

/** Every proposal the governor created, newest first. */
export function useProposals() {
  const governor = useAddress("BytomGovernor");
  return useRead(["proposals"], async (client) => {
    const created = await client.getContractEvents({
      address: governor,
      abi: governorAbi,
      eventName: "ProposalCreated",
      fromBlock: 0n,
    });
    return created.map((e) => e.args).reverse();
  });
}
