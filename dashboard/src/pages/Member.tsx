/** A member: voting power, delegation, and the AI delegate's votes cast on their behalf (and their overrides). */
import type { Abi } from "viem";
import { useAddress, useRead, useSigner, useWrite } from "../app";
import { agentDelegateAbi, governorAbi, tokenAbi } from "../generated/abis";
import { SUPPORT } from "../governance";
import { Addr, Loading, Section, Table, tokens } from "../ui";

export function MemberPage({ address }: { address?: string }) {
  const signer = useSigner();
  const member = (address || signer.address) as `0x${string}` | undefined;
  const token = useAddress("GovernanceToken");
  const governor = useAddress("BytomGovernor");
  const agentDelegate = useAddress("AgentDelegate");
  const { write, status } = useWrite();
  const q = useRead(
    ["member", member ?? ""],
    async (client) => {
      const a = member!;
      const [balance, votes, delegatee, agentVotes] = await Promise.all([
        client.readContract({ address: token, abi: tokenAbi, functionName: "balanceOf", args: [a] }),
        client.readContract({ address: token, abi: tokenAbi, functionName: "getVotes", args: [a] }),
        client.readContract({ address: token, abi: tokenAbi, functionName: "delegates", args: [a] }),
        client.getContractEvents({
          address: agentDelegate,
          abi: agentDelegateAbi,
          eventName: "AgentVoteCast",
          fromBlock: 0n,
        }),
      ]);
      const onBehalf = await Promise.all(
        agentVotes.map(async (e) => {
          const id = e.args.proposalId!;
          const snapshot = await client.readContract({
            address: governor,
            abi: governorAbi,
            functionName: "proposalSnapshot",
            args: [id],
          });
          const [delegatedThen, balanceThen, overrode] = await Promise.all([
            client.readContract({
              address: token,
              abi: tokenAbi,
              functionName: "getPastVotes",
              args: [agentDelegate, snapshot],
            }),
            client
              .readContract({ address: token, abi: tokenAbi, functionName: "getPastBalanceOf", args: [a, snapshot] })
              .catch(() => null),
            client.readContract({
              address: governor,
              abi: governorAbi,
              functionName: "hasVotedOverride",
              args: [id, a],
            }),
          ]);
          return { e: e.args, delegatedThen, balanceThen, overrode };
        }),
      );
      return { balance, votes, delegatee, onBehalf };
    },
    Boolean(member),
  );
  if (!member)
    return <p className="muted">Select a dev account, connect a wallet, or open #/member/0x… to see a member.</p>;
  return (
    <Loading q={q}>
      {(d) => (
        <>
          <Section title="Member" id="member">
            <p>
              <Addr a={member} />: balance <strong data-testid="member-balance">{tokens(d.balance, 2)}</strong>, voting
              power <strong data-testid="member-votes">{tokens(d.votes, 2)}</strong>, delegates to{" "}
              <span data-testid="member-delegatee">
                {d.delegatee.toLowerCase() === agentDelegate.toLowerCase() ? (
                  "the AI delegate"
                ) : (
                  <Addr a={d.delegatee} />
                )}
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
          </Section>
          <Section title="The AI delegate's votes" id="agent-votes">
            <Table
              id="agent-votes-table"
              empty="The AI delegate has not voted yet."
              head={["Proposal", "AI vote", "Weight counted", "Your balance at the snapshot", "You overrode"]}
              rows={d.onBehalf.map(({ e, balanceThen, overrode }) => [
                <a href={`#/proposal/${e.proposalId}`}>#{e.proposalId!.toString().slice(0, 10)}…</a>,
                SUPPORT[e.support!],
                tokens(e.weight, 2),
                balanceThen === null ? "—" : tokens(balanceThen, 2),
                overrode ? "yes: your own vote counted" : "no",
              ])}
            />
          </Section>
        </>
      )}
    </Loading>
  );
}
