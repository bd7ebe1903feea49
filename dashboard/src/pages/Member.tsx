/** A member: voting power, delegation and its history, and the AI delegate's votes cast on their behalf. */
import type { Abi } from "viem";
import { useAddress, useHistory, useRead, useSigner, useWrite } from "../app";
import { governorAbi, tokenAbi } from "../generated/abis";
import { SUPPORT, useAiBallots } from "../governance";
import { Addr, Loading, Section, Table, tokens, when } from "../ui";
import { AdviceSection } from "./Advice";

interface Delegation {
  toDelegate: string;
  timestamp: bigint;
}

/** The member's delegation changes, oldest first: the indexer, else the token's DelegateChanged events. */
function useDelegations(member: `0x${string}` | undefined) {
  const token = useAddress("GovernanceToken");
  return useHistory<Delegation[], { delegations: { items: { toDelegate: string; timestamp: string }[] } }>(
    ["delegations", member ?? ""],
    `{ delegations(where: { delegator: "${member?.toLowerCase()}" }, orderBy: "timestamp", orderDirection: "asc", limit: 1000) { items { toDelegate timestamp } } }`,
    (d) => d.delegations.items.map((x) => ({ toDelegate: x.toDelegate, timestamp: BigInt(x.timestamp) })),
    async (client) => {
      const events = await client.getContractEvents({
        address: token,
        abi: tokenAbi,
        eventName: "DelegateChanged",
        args: { delegator: member },
        fromBlock: 0n,
      });
      return Promise.all(
        events.map(async (e) => ({
          toDelegate: e.args.toDelegate!,
          timestamp: (await client.getBlock({ blockNumber: e.blockNumber })).timestamp,
        })),
      );
    },
    Boolean(member),
  );
}

export function MemberPage({ address }: { address?: string }) {
  const signer = useSigner();
  const member = (address || signer.address) as `0x${string}` | undefined;
  const token = useAddress("GovernanceToken");
  const governor = useAddress("BytomGovernor");
  const agentDelegate = useAddress("AgentDelegate");
  const { write, status } = useWrite();
  const ballots = useAiBallots();
  const delegations = useDelegations(member);
  const q = useRead(
    ["member", member ?? "", ballots.data?.length ?? -1],
    async (client) => {
      const a = member!;
      const [balance, votes, delegatee] = await Promise.all([
        client.readContract({ address: token, abi: tokenAbi, functionName: "balanceOf", args: [a] }),
        client.readContract({ address: token, abi: tokenAbi, functionName: "getVotes", args: [a] }),
        client.readContract({ address: token, abi: tokenAbi, functionName: "delegates", args: [a] }),
      ]);
      const onBehalf = await Promise.all(
        ballots.data!.map(async (b) => {
          const snapshot = await client.readContract({
            address: governor,
            abi: governorAbi,
            functionName: "proposalSnapshot",
            args: [b.proposalId],
          });
          const [balanceThen, overrode] = await Promise.all([
            client.readContract({
              address: token,
              abi: tokenAbi,
              functionName: "getPastBalanceOf",
              args: [a, snapshot],
            }),
            client.readContract({
              address: governor,
              abi: governorAbi,
              functionName: "hasVotedOverride",
              args: [b.proposalId, a],
            }),
          ]);
          return { b, snapshot, balanceThen, overrode };
        }),
      );
      return { balance, votes, delegatee, onBehalf };
    },
    Boolean(member) && ballots.data !== undefined,
  );
  if (!member)
    return <p className="muted">Select a dev account, connect a wallet, or open #/member/0x… to see a member.</p>;
  const isAi = (a: string) => a.toLowerCase() === agentDelegate.toLowerCase();
  /** Whom the member delegated to at `t` (the last change at or before it). */
  const delegateAt = (t: bigint) => (delegations.data ?? []).filter((x) => x.timestamp <= t).pop()?.toDelegate;
  return (
    <Loading q={q}>
      {(d) => (
        <>
          <Section title="Member" id="member">
            <p>
              <Addr a={member} />: balance <strong data-testid="member-balance">{tokens(d.balance, 2)}</strong>, voting
              power <strong data-testid="member-votes">{tokens(d.votes, 2)}</strong>, delegates to{" "}
              <span data-testid="member-delegatee">
                {isAi(d.delegatee) ? "the AI delegate" : <Addr a={d.delegatee} />}
              </span>
              .
            </p>
            {signer.address?.toLowerCase() === member.toLowerCase() && (
              <p>
                Delegate:{" "}
                <button onClick={() => write(token, tokenAbi as Abi, "delegate", [agentDelegate])}>
                  to the AI delegate
                </button>
                <button onClick={() => write(token, tokenAbi as Abi, "delegate", [member])}>to yourself</button>{" "}
                <span>{status}</span>
              </p>
            )}
            <h3>Delegation history</h3>
            <Table
              empty="Never delegated (no voting power until one delegates, even to oneself)."
              head={["Since", "Delegate"]}
              rows={(delegations.data ?? []).map((x) => [
                when(x.timestamp),
                isAi(x.toDelegate) ? "the AI delegate" : <Addr a={x.toDelegate} />,
              ])}
            />
          </Section>
          <Section title="The AI delegate's votes on your behalf" id="agent-votes">
            <Table
              id="agent-votes-table"
              empty="The AI delegate has not voted yet."
              head={[
                "Proposal",
                "AI vote",
                "Weight it counted",
                "Delegated to the AI at the snapshot",
                "Your balance then",
                "You overrode",
              ]}
              rows={d.onBehalf.map(({ b, snapshot, balanceThen, overrode }) => {
                const then = delegateAt(snapshot);
                return [
                  <a href={`#/proposal/${b.proposalId}`}>#{b.proposalId.toString().slice(0, 10)}</a>,
                  SUPPORT[b.support],
                  tokens(b.weight, 2),
                  then && isAi(then) ? "yes: it voted with your balance" : "no",
                  tokens(balanceThen, 2),
                  overrode ? "yes: your own vote counted instead" : "no",
                ];
              })}
            />
          </Section>
          <AdviceSection member={member} />
        </>
      )}
    </Loading>
  );
}
