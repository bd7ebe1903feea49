/** The pipeline: every draft at its stage, with what comes next and when. */
import { useAddress, useRead } from "../app";
import { committeeAbi, constitutionAbi, governorAbi } from "../generated/abis";
import { DRAFT_STATUS, PROPOSAL_STATE, title, useDraftHistory } from "../governance";
import { Addr, Loading, Section, Table, tokens, when } from "../ui";

export function PipelinePage() {
  const committee = useAddress("GovernanceCommittee");
  const governor = useAddress("BytomGovernor");
  const constitution = useAddress("Constitution");
  const history = useDraftHistory();
  const q = useRead(["pipeline"], async (client) => {
    const block = await client.getBlock();
    const count = await client.readContract({ address: committee, abi: committeeAbi, functionName: "draftCount" });
    const params = await client.readContract({
      address: constitution,
      abi: constitutionAbi,
      functionName: "parameters",
    });
    const rows = [];
    for (let id = count; id >= 1n; id--) {
      const d = await client.readContract({
        address: committee,
        abi: committeeAbi,
        functionName: "getDraft",
        args: [id],
      });
      let next = "";
      let stage: string = DRAFT_STATUS[d.status];
      if (d.status === 1) {
        const [ends, approvals, threshold] = await Promise.all([
          client.readContract({ address: committee, abi: committeeAbi, functionName: "discussionEndsAt", args: [id] }),
          client.readContract({ address: committee, abi: committeeAbi, functionName: "approvalCount", args: [id] }),
          client.readContract({
            address: committee,
            abi: committeeAbi,
            functionName: "initiativeThreshold",
            args: [id],
          }),
        ]);
        const discussing = ends > block.timestamp;
        stage = discussing ? "Discussion" : "Committee review";
        next = discussing
          ? `review opens ${when(ends)}; then ${approvals}/${params.reviewQuorum} approvals or an initiative of ${tokens(threshold)} (${tokens(d.initiativeSupport)} backing)`
          : `${approvals}/${params.reviewQuorum} committee approvals of revision ${d.revision}, or an initiative of ${tokens(threshold)} (${tokens(d.initiativeSupport)} backing); then it goes to the vote`;
      } else if (d.status === 2) {
        const id2 = d.proposalId;
        const [state, snapshot, deadline, eta, heldUntil] = await Promise.all([
          client.readContract({ address: governor, abi: governorAbi, functionName: "state", args: [id2] }),
          client.readContract({ address: governor, abi: governorAbi, functionName: "proposalSnapshot", args: [id2] }),
          client.readContract({ address: governor, abi: governorAbi, functionName: "proposalDeadline", args: [id2] }),
          client.readContract({ address: governor, abi: governorAbi, functionName: "proposalEta", args: [id2] }),
          client.readContract({ address: governor, abi: governorAbi, functionName: "proposalHeldUntil", args: [id2] }),
        ]);
        stage = PROPOSAL_STATE[state];
        next = [
          `voting opens ${when(snapshot)}`,
          `voting closes ${when(deadline)}; needs more than ${params.supermajorityBps / 100}% For and the quorum`,
          "cancelled: nothing more",
          "rejected by the vote (short of the supermajority or the quorum): nothing more",
          "queue it in the timelock (anyone may)",
          `${heldUntil > 0 ? `held by the committee until ${when(heldUntil)}; ` : ""}executable from ${when(eta)}`,
          "expired in the timelock: nothing more",
          "done",
        ][state];
      } else if (d.status === 3) next = "withdrawn by its author";
      rows.push({ id, d, stage, next });
    }
    return rows;
  });
  return (
    <Section title="The pipeline: every draft at its stage" id="pipeline">
      <Loading q={q}>
        {(rows) => (
          <Table
            id="pipeline-table"
            empty="No draft yet."
            head={["Draft", "Title", "Author", "Revision", "Stage", "What comes next", "Proposal"]}
            rows={rows.map(({ id, d, stage, next }) => {
              const revisions = history.data?.revisions.get(id);
              const last = revisions?.[revisions.length - 1];
              return [
                `#${id}`,
                last ? title(last.description) : "…",
                <Addr a={d.author} />,
                String(d.revision),
                <strong>{stage}</strong>,
                next,
                d.proposalId === 0n ? (
                  "—"
                ) : (
                  <a href={`#/proposal/${d.proposalId}`} data-testid={`proposal-link-${id}`}>
                    open the proposal
                  </a>
                ),
              ];
            })}
          />
        )}
      </Loading>
    </Section>
  );
}
