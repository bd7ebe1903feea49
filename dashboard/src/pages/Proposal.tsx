/**
 * A proposal: its decoded actions and the code-pin status of each target, the draft's revisions, comments and
 * approvals, the tally against the supermajority line and the quorum, the AI delegate's vote with its rationale, and
 * the delegate / vote / override buttons.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { decodeFunctionData, encodeAbiParameters, keccak256, zeroHash, type Abi, type Hex } from "viem";
import { useAddress, useApp, useRead, useSigner, useWrite } from "../app";
import { abiOfAddress } from "../chain";
import { agentDelegateAbi, committeeAbi, governorAbi, tokenAbi } from "../generated/abis";
import { fetchDocument } from "../docs";
import { PROPOSAL_STATE, SUPPORT, title, useAiBallots, useDraftHistory, type AiBallot } from "../governance";
import { EventLog, History } from "../events";
import { Addr, Hash, Loading, Section, Table, tokens, VoteChart, when } from "../ui";

function decode(config: ReturnType<typeof useApp>["config"], target: string, calldata: Hex): string {
  const { name, abi } = abiOfAddress(config, target);
  if (!abi) return `${calldata.slice(0, 10)}… (${(calldata.length - 2) / 2} bytes)`;
  try {
    const d = decodeFunctionData({ abi, data: calldata });
    const args = (d.args ?? []).map((a) =>
      typeof a === "object" ? JSON.stringify(a, (_, v) => (typeof v === "bigint" ? v.toString() : v)) : String(a),
    );
    return `${name}.${d.functionName}(${args.join(", ")})`;
  } catch {
    return `${name}: ${calldata.slice(0, 10)}… (unknown function)`;
  }
}

function useProposal(id: bigint) {
  const governor = useAddress("BytomGovernor");
  return useRead(["proposal", id.toString()], async (client) => {
    const created = await client.getContractEvents({
      address: governor,
      abi: governorAbi,
      eventName: "ProposalCreated",
      fromBlock: 0n,
    });
    const e = created.find((x) => x.args.proposalId === id);
    if (!e) throw new Error(`No proposal ${id} on this governor.`);
    const p = e.args;
    const [state, votes, quorum, supermajority, deadline, digest, codeless] = await Promise.all([
      client.readContract({ address: governor, abi: governorAbi, functionName: "state", args: [id] }),
      client.readContract({ address: governor, abi: governorAbi, functionName: "proposalVotes", args: [id] }),
      client.readContract({ address: governor, abi: governorAbi, functionName: "proposalQuorum", args: [id] }),
      client.readContract({ address: governor, abi: governorAbi, functionName: "proposalSupermajority", args: [id] }),
      client.readContract({ address: governor, abi: governorAbi, functionName: "proposalDeadline", args: [id] }),
      client.readContract({ address: governor, abi: governorAbi, functionName: "proposalCodeDigest", args: [id] }),
      client.readContract({ address: governor, abi: governorAbi, functionName: "proposalCodelessTargets", args: [id] }),
    ]);
    // The code-pin: each target's code hash now (zero if recorded codeless at proposal time), chained as the governor does.
    const codeHashes: Hex[] = [];
    for (const [i, t] of p.targets!.entries()) {
      const code = await client.getCode({ address: t });
      const pinnedCodeless = i < 256 && ((codeless >> BigInt(i)) & 1n) === 1n;
      codeHashes.push(pinnedCodeless || !code || code === "0x" ? zeroHash : keccak256(code));
    }
    let chained: Hex = zeroHash;
    for (const h of codeHashes)
      chained = keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [chained, h]));
    const [againstVotes, forVotes, abstainVotes] = votes;
    return {
      p,
      state,
      againstVotes,
      forVotes,
      abstainVotes,
      quorum,
      supermajority,
      deadline,
      digest,
      codeless,
      codeHashes,
      pinHolds: chained === digest,
    };
  });
}

function Votes({ id }: { id: bigint }) {
  const { config } = useApp();
  const governor = useAddress("BytomGovernor");
  return (
    <Section title="Ballots" id="ballots">
      <History
        table="votes"
        fields={["voter", "kind", "support", "weight", "reducedWeight", "reason"]}
        where={{ proposalId: id.toString() }}
        orderBy="timestamp"
        chain={{ address: governor, abi: governorAbi as Abi, event: "VoteCast", args: { proposalId: id } }}
        empty="No ballot yet."
        id="ballots-table"
      />
      {!config.indexerUrl && (
        <EventLog
          address={governor}
          abi={governorAbi as Abi}
          event="OverrideVoteCast"
          args={{ proposalId: id }}
          empty="No override."
        />
      )}
    </Section>
  );
}

function AgentVote({ id }: { id: bigint }) {
  const { config } = useApp();
  const agentDelegate = useAddress("AgentDelegate");
  const ballots = useAiBallots(id);
  const forced = useRead(["abstain-forced", id.toString()], (client) =>
    client.readContract({ address: agentDelegate, abi: agentDelegateAbi, functionName: "isAbstainForced", args: [id] }),
  );
  const q = {
    error: ballots.error ?? forced.error,
    isLoading: ballots.isLoading || forced.isLoading,
    data:
      ballots.data && forced.data !== undefined
        ? { vote: ballots.data[0] as AiBallot | undefined, forced: forced.data }
        : undefined,
  };
  const doc = useQuery({
    queryKey: ["rationale", q.data?.vote?.rationaleHash],
    queryFn: () => fetchDocument(config, "rationales", q.data!.vote!.reason, q.data!.vote!.rationaleHash),
    enabled: Boolean(q.data?.vote?.reason),
    staleTime: Infinity,
  });
  const parsed = (() => {
    try {
      return doc.data
        ? (JSON.parse(doc.data.text) as {
            rationale?: string;
            decision?: string;
            confidence?: string;
            basis?: string;
            clauses?: { id: string; title: string; score: string }[];
          })
        : null;
    } catch {
      return null;
    }
  })();
  return (
    <Section title="The AI delegate's vote" id="agent-vote">
      <Loading q={q}>
        {({ vote, forced }) =>
          !vote ? (
            <p className="muted">
              The AI delegate has not voted on this proposal{forced ? " (the committee forced it to abstain)" : ""}.
            </p>
          ) : (
            <>
              <p>
                <strong data-testid="agent-support">{SUPPORT[vote.support]}</strong> with {tokens(vote.weight, 2)} by
                model #{vote.modelId.toString()} (agent <Addr a={vote.agent} />){vote.relayed ? ", relayed ballot" : ""}
                . Rationale hash <Hash h={vote.rationaleHash} /> at <span className="mono">{vote.reason}</span>{" "}
                {doc.data ? (
                  doc.data.verified ? (
                    <span className="ok">✓ document matches the hash</span>
                  ) : (
                    <span className="error">✗ document does not match the hash</span>
                  )
                ) : null}
              </p>
              {parsed?.rationale ? (
                <>
                  <blockquote data-testid="agent-rationale">{parsed.rationale}</blockquote>
                  {parsed.clauses && parsed.clauses.length > 0 && (
                    <Table
                      head={["Clause", "Title", "Score"]}
                      rows={parsed.clauses.map((c) => [c.id, c.title, c.score])}
                    />
                  )}
                </>
              ) : (
                <p className="muted" data-testid="agent-rationale-missing">
                  {doc.isFetched ? "The rationale document is not served here." : "Loading the rationale…"}
                </p>
              )}
            </>
          )
        }
      </Loading>
    </Section>
  );
}

function DraftRecord({ id }: { id: bigint }) {
  const committee = useAddress("GovernanceCommittee");
  const history = useDraftHistory();
  const draftId = history.data?.draftOfProposal.get(id);
  if (draftId === undefined) return null;
  const revisions = history.data!.revisions.get(draftId) ?? [];
  const chain = (event: string) => ({ address: committee, abi: committeeAbi as Abi, event, args: { draftId } });
  return (
    <Section title={`Draft #${draftId}: revisions, comments, approvals`} id="draft-record">
      <h3>Revisions</h3>
      <Table
        head={["Revision", "Title", "Change note", "Actions"]}
        rows={revisions.map((r) => [String(r.revision), title(r.description), r.note, String(r.actions)])}
      />
      <h3>Comments</h3>
      <History
        table="comments"
        fields={["commenter", "revision", "uri", "contentHash", "timestamp"]}
        where={{ draftId: draftId.toString() }}
        orderBy="timestamp"
        chain={chain("DraftCommented")}
        empty="No comment."
        id="comments-table"
      />
      <h3>Committee approvals</h3>
      <History
        table="approvals"
        fields={["member", "revision", "approvals", "timestamp"]}
        where={{ draftId: draftId.toString() }}
        orderBy="timestamp"
        chain={chain("DraftApproved")}
        empty="No approval."
        id="approvals-table"
      />
      <h3>Initiative backing</h3>
      <History
        table="backings"
        fields={["backer", "revision", "weight", "total", "timestamp"]}
        where={{ draftId: draftId.toString() }}
        orderBy="timestamp"
        chain={chain("DraftBacked")}
        empty="No backing (the committee reviewed it)."
      />
    </Section>
  );
}

function Buttons({ id, state }: { id: bigint; state: number }) {
  const governor = useAddress("BytomGovernor");
  const token = useAddress("GovernanceToken");
  const agentDelegate = useAddress("AgentDelegate");
  const signer = useSigner();
  const { write, status } = useWrite();
  const [reason, setReason] = useState("");
  const mine = useRead(
    ["my-ballot", id.toString(), signer.address ?? ""],
    async (client) => {
      const a = signer.address!;
      const [voted, overridden, delegatee, votes, balance] = await Promise.all([
        client.readContract({ address: governor, abi: governorAbi, functionName: "hasVoted", args: [id, a] }),
        client.readContract({ address: governor, abi: governorAbi, functionName: "hasVotedOverride", args: [id, a] }),
        client.readContract({ address: token, abi: tokenAbi, functionName: "delegates", args: [a] }),
        client.readContract({
          address: governor,
          abi: governorAbi,
          functionName: "getVotes",
          args: [
            a,
            await client.readContract({
              address: governor,
              abi: governorAbi,
              functionName: "proposalSnapshot",
              args: [id],
            }),
          ],
        }),
        client.readContract({ address: token, abi: tokenAbi, functionName: "balanceOf", args: [a] }),
      ]);
      return { voted, overridden, delegatee, votes, balance };
    },
    Boolean(signer.address),
  );
  const g = governor;
  return (
    <Section title="Your ballot" id="your-ballot">
      {!signer.address ? (
        <p className="muted">Select a dev account or connect a wallet to vote.</p>
      ) : (
        <Loading q={mine}>
          {(m) => (
            <>
              <p>
                {signer.label} <Addr a={signer.address} />: voting power at the snapshot{" "}
                <span data-testid="my-weight" data-wei={m.votes.toString()}>
                  {tokens(m.votes, 2)}
                </span>
                , delegates to <Addr a={m.delegatee} />; {m.voted ? "voted" : "has not voted"}
                {m.overridden ? ", overrode its delegate" : ""}.
              </p>
              <p>
                Reason:{" "}
                <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="optional" size={40} />
              </p>
              {state === 1 ? (
                <>
                  {(
                    [
                      ["vote", "Vote with your delegated power:", "castVoteWithReason"],
                      ["override", "Override your delegate with your own balance:", "castOverrideVote"],
                    ] as const
                  ).map(([kind, label, fn]) => (
                    <div key={kind}>
                      {label}{" "}
                      {SUPPORT.map((s, i) => (
                        <button
                          key={s}
                          data-testid={`${kind}-${s.toLowerCase()}`}
                          onClick={() => write(g, governorAbi as Abi, fn, [id, i, reason])}
                        >
                          {s}
                        </button>
                      ))}
                    </div>
                  ))}
                </>
              ) : (
                <p className="muted">Voting is not open on this proposal.</p>
              )}
              <div>
                Delegate your votes (future proposals):{" "}
                <button
                  data-testid="delegate-ai"
                  onClick={() => write(token, tokenAbi as Abi, "delegate", [agentDelegate])}
                >
                  to the AI delegate
                </button>
                <button
                  data-testid="delegate-self"
                  onClick={() => write(token, tokenAbi as Abi, "delegate", [signer.address])}
                >
                  to yourself
                </button>
              </div>
              <p data-testid="tx-status">{status}</p>
            </>
          )}
        </Loading>
      )}
    </Section>
  );
}

export function ProposalPage({ id }: { id: bigint }) {
  const { config } = useApp();
  const q = useProposal(id);
  return (
    <Loading q={q}>
      {(d) => (
        <>
          <Section title={`Proposal ${title(d.p.description!)}`} id="proposal">
            <p>
              <span className="mono">#{id.toString()}</span> by <Addr a={d.p.proposer} /> — state{" "}
              <strong data-testid="proposal-state">{PROPOSAL_STATE[d.state]}</strong>; voting {when(d.p.voteStart)} →{" "}
              {when(d.deadline)}
            </p>
            <h3>Actions</h3>
            <Table
              id="actions-table"
              head={["#", "Target", "Value", "Call", "Code pin"]}
              rows={d.p.targets!.map((t, i) => [
                String(i + 1),
                <Addr a={t} />,
                d.p.values![i].toString(),
                <span className="mono">{decode(config, t, d.p.calldatas![i])}</span>,
                d.codeHashes[i] === zeroHash ? (
                  <span className="warn">not pinned (no code at proposal time)</span>
                ) : (
                  <span className={d.pinHolds ? "ok" : "error"}>
                    code <Hash h={d.codeHashes[i]} /> {d.pinHolds ? "✓ unchanged" : "✗ the pinned code changed"}
                  </span>
                ),
              ])}
            />
            <p>
              Code digest pinned at proposal time <Hash h={d.digest} />:{" "}
              <span data-testid="code-pin" className={d.pinHolds ? "ok" : "error"}>
                {d.pinHolds ? "every target's code is as pinned" : "a target's code changed: execution will revert"}
              </span>
            </p>
          </Section>
          <Section title="Tally" id="tally">
            <div className="row">
              <div>
                <p>
                  For{" "}
                  <strong data-testid="tally-for" data-wei={d.forVotes.toString()}>
                    {tokens(d.forVotes, 2)}
                  </strong>
                  , Against{" "}
                  <strong data-testid="tally-against" data-wei={d.againstVotes.toString()}>
                    {tokens(d.againstVotes, 2)}
                  </strong>
                  , Abstain{" "}
                  <strong data-testid="tally-abstain" data-wei={d.abstainVotes.toString()}>
                    {tokens(d.abstainVotes, 2)}
                  </strong>
                </p>
                <p>
                  Passes with more than {Number(d.supermajority) / 100}% For of For + Against, and For + Abstain
                  reaching the quorum of {tokens(d.quorum)}.
                </p>
              </div>
              <VoteChart
                forVotes={d.forVotes}
                againstVotes={d.againstVotes}
                abstainVotes={d.abstainVotes}
                quorum={d.quorum}
                supermajorityBps={d.supermajority}
              />
            </div>
          </Section>
          <Buttons id={id} state={d.state} />
          <AgentVote id={id} />
          <Votes id={id} />
          <DraftRecord id={id} />
        </>
      )}
    </Loading>
  );
}
