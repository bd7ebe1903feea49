/** Reads shared by the pipeline, proposal and member pages. */
import { useAddress, useHistory } from "./app";
import { SUPPORT_NAME } from "../../sdk/agent/types";
import { agentDelegateAbi, committeeAbi } from "./generated/abis";

export { DraftStatus as DRAFT_STATUS, ProposalState as PROPOSAL_STATE } from "../../sdk/states";
/** Support names by value (the governor's order: Against 0, For 1, Abstain 2). */
export const SUPPORT = [SUPPORT_NAME[0], SUPPORT_NAME[1], SUPPORT_NAME[2]];

export const title = (description: string) => description.split("\n")[0].replace(/^#+\s*/, "");

export interface Revision {
  draftId: bigint;
  revision: bigint;
  description: string;
  note: string;
  actions: number;
}
export interface DraftHistory {
  revisions: Map<bigint, Revision[]>;
  proposalOfDraft: Map<bigint, bigint>;
  draftOfProposal: Map<bigint, bigint>;
}

interface IndexedDrafts {
  draftRevisions: {
    items: { draftId: string; revision: number; description: string; changeNote: string | null; targets: string[] }[];
  };
  drafts: { items: { id: string; proposalId: string | null }[] };
}

/** Every draft's revisions (the submission is revision 1) and its proposal: the indexer, else the committee's events. */
export function useDraftHistory() {
  const committee = useAddress("GovernanceCommittee");
  const group = (rows: Revision[], proposed: [bigint, bigint][]): DraftHistory => {
    const revisions = new Map<bigint, Revision[]>();
    for (const r of rows) revisions.set(r.draftId, [...(revisions.get(r.draftId) ?? []), r]);
    for (const list of revisions.values()) list.sort((a, b) => Number(a.revision - b.revision));
    return {
      revisions,
      proposalOfDraft: new Map(proposed),
      draftOfProposal: new Map(proposed.map(([d, p]) => [p, d])),
    };
  };
  return useHistory<DraftHistory, IndexedDrafts>(
    ["draft-history"],
    "{ draftRevisions(limit: 1000) { items { draftId revision description changeNote targets } } drafts(limit: 1000) { items { id proposalId } } }",
    (d) =>
      group(
        d.draftRevisions.items.map((r) => ({
          draftId: BigInt(r.draftId),
          revision: BigInt(r.revision),
          description: r.description,
          note: r.changeNote ?? "submitted",
          actions: r.targets.length,
        })),
        d.drafts.items.filter((x) => x.proposalId !== null).map((x) => [BigInt(x.id), BigInt(x.proposalId!)]),
      ),
    async (client) => {
      const [submitted, revised, proposed] = await Promise.all([
        client.getContractEvents({ address: committee, abi: committeeAbi, eventName: "DraftSubmitted", fromBlock: 0n }),
        client.getContractEvents({ address: committee, abi: committeeAbi, eventName: "DraftRevised", fromBlock: 0n }),
        client.getContractEvents({ address: committee, abi: committeeAbi, eventName: "DraftProposed", fromBlock: 0n }),
      ]);
      return group(
        [
          ...submitted.map((e) => ({
            draftId: e.args.draftId!,
            revision: 1n,
            description: e.args.description!,
            note: "submitted",
            actions: e.args.targets!.length,
          })),
          ...revised.map((e) => ({
            draftId: e.args.draftId!,
            revision: e.args.revision!,
            description: e.args.description!,
            note: e.args.changeNote!,
            actions: e.args.targets!.length,
          })),
        ],
        proposed.map((e) => [e.args.draftId!, e.args.proposalId!]),
      );
    },
  );
}

export interface AiBallot {
  proposalId: bigint;
  agent: string;
  modelId: bigint;
  support: number;
  weight: bigint;
  rationaleHash: `0x${string}`;
  reason: string;
  relayed: boolean;
}

/** The AI delegate's ballots (all, or one proposal's): the indexer, else the AgentDelegate's events. */
export function useAiBallots(proposalId?: bigint) {
  const agentDelegate = useAddress("AgentDelegate");
  const where = proposalId === undefined ? "" : `where: { proposalId: "${proposalId}" }, `;
  return useHistory<AiBallot[], { aiBallots: { items: Record<string, string | number | boolean>[] } }>(
    ["ai-ballots", String(proposalId)],
    `{ aiBallots(${where}orderBy: "timestamp", orderDirection: "asc", limit: 1000) { items { proposalId agent modelId support weight rationaleHash reason relayed } } }`,
    (d) =>
      d.aiBallots.items.map((b) => ({
        proposalId: BigInt(b.proposalId as string),
        agent: b.agent as string,
        modelId: BigInt(b.modelId as string),
        support: b.support as number,
        weight: BigInt(b.weight as string),
        rationaleHash: b.rationaleHash as `0x${string}`,
        reason: b.reason as string,
        relayed: b.relayed as boolean,
      })),
    async (client) =>
      (
        await client.getContractEvents({
          address: agentDelegate,
          abi: agentDelegateAbi,
          eventName: "AgentVoteCast",
          args: proposalId === undefined ? undefined : { proposalId },
          fromBlock: 0n,
        })
      ).map((e) => ({
        proposalId: e.args.proposalId!,
        agent: e.args.agent!,
        modelId: e.args.modelId!,
        support: e.args.support!,
        weight: e.args.weight!,
        rationaleHash: e.args.rationaleHash!,
        reason: e.args.reason!,
        relayed: e.args.relayed!,
      })),
  );
}
