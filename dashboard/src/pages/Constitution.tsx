/** The constitution: its versions, each text (checked against its on-chain hash), a diff, the parameters, the model. */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { diffWords } from "diff";
import { useAddress, useApp, useRead } from "../app";
import { constitutionAbi, modelRegistryAbi } from "../generated/abis";
import { fetchDocument } from "../docs";
import { Addr, duration, Hash, Loading, pct, Section, Table, tokens, when } from "../ui";

const VERSION_STATUS = ["None", "Ratified", "In force", "Superseded", "Withdrawn"];

/** Each governance parameter, its unit, and the name of its hard bounds in Constitution.sol. */
const PARAMS: [key: string, bound: string | null, unit: "bps" | "count" | "time" | "tokens"][] = [
  ["supermajorityBps", "SUPERMAJORITY_BPS", "bps"],
  ["quorumBps", "QUORUM_BPS", "bps"],
  ["initiativeThresholdBps", "INITIATIVE_BPS", "bps"],
  ["reviewQuorum", "REVIEW_QUORUM", "count"],
  ["votingDelay", "VOTING_DELAY", "time"],
  ["votingPeriod", "VOTING_PERIOD", "time"],
  ["minDiscussionPeriod", "DISCUSSION_PERIOD", "time"],
  ["disputeHoldPeriod", "DISPUTE_HOLD", "time"],
  ["lateQuorumExtension", "LATE_QUORUM_EXTENSION", "time"],
  ["draftThreshold", null, "tokens"],
];

const show = (v: bigint | number, unit: string) =>
  unit === "bps" ? pct(v) : unit === "time" ? duration(v) : unit === "tokens" ? tokens(BigInt(v)) : String(v);

export function useVersions() {
  const constitution = useAddress("Constitution");
  return useRead(["versions"], async (client) => {
    const [current, latest] = await Promise.all([
      client.readContract({ address: constitution, abi: constitutionAbi, functionName: "currentVersion" }),
      client.readContract({ address: constitution, abi: constitutionAbi, functionName: "latestVersion" }),
    ]);
    const versions = await Promise.all(
      Array.from({ length: Number(latest) }, (_, i) =>
        client.readContract({
          address: constitution,
          abi: constitutionAbi,
          functionName: "getVersion",
          args: [BigInt(i + 1)],
        }),
      ),
    );
    return { current, latest, versions };
  });
}

function useText(uri: string | undefined, hash: string | undefined) {
  const { config } = useApp();
  return useQuery({
    queryKey: ["text", uri, hash],
    queryFn: () => fetchDocument(config, "constitution", uri!, hash),
    enabled: Boolean(uri),
    staleTime: Infinity,
  });
}

function Diff({ a, b }: { a: string; b: string }) {
  return (
    <pre className="text diff" data-testid="constitution-diff">
      {diffWords(a, b).map((part, i) =>
        part.added ? (
          <ins key={i}>{part.value}</ins>
        ) : part.removed ? (
          <del key={i}>{part.value}</del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </pre>
  );
}

function Parameters() {
  const constitution = useAddress("Constitution");
  const q = useRead(["parameters"], async (client) => {
    const read = (functionName: string) =>
      client.readContract({ address: constitution, abi: constitutionAbi, functionName } as never) as Promise<
        bigint | number
      >;
    const params = await client.readContract({
      address: constitution,
      abi: constitutionAbi,
      functionName: "parameters",
    });
    const bounds = await Promise.all(
      PARAMS.map(async ([, bound]) => (bound ? [await read(`MIN_${bound}`), await read(`MAX_${bound}`)] : null)),
    );
    const cap = await client.readContract({
      address: constitution,
      abi: constitutionAbi,
      functionName: "agentVoteCapBps",
    });
    const capBounds = [await read("MIN_AGENT_VOTE_CAP_BPS"), await read("MAX_AGENT_VOTE_CAP_BPS")];
    return { params: params as unknown as Record<string, bigint | number>, bounds, cap, capBounds };
  });
  return (
    <Section title="Parameters and their hard bounds" id="parameters">
      <Loading q={q}>
        {(d) => (
          <Table
            id="parameters-table"
            head={["Parameter", "Value", "Lowest allowed", "Highest allowed"]}
            rows={[
              ...PARAMS.map(([key, , unit], i) => [
                key,
                <span data-testid={`param-${key}`}>{show(d.params[key], unit)}</span>,
                d.bounds[i] ? show(d.bounds[i]![0], unit) : unit === "tokens" ? "1 wei" : "—",
                d.bounds[i] ? show(d.bounds[i]![1], unit) : "—",
              ]),
              [
                "agentVoteCapBps",
                <span data-testid="param-agentVoteCapBps">{d.cap === 0n ? "no cap" : pct(d.cap)}</span>,
                pct(d.capBounds[0]),
                pct(d.capBounds[1]),
              ],
            ]}
          />
        )}
      </Loading>
    </Section>
  );
}

function ModelInForce() {
  const { config } = useApp();
  const constitution = useAddress("Constitution");
  const registry = config.addresses.ModelRegistry;
  const q = useRead(["model-in-force"], async (client) => {
    const id = await client.readContract({
      address: constitution,
      abi: constitutionAbi,
      functionName: "activeModelId",
    });
    const agent = await client.readContract({
      address: constitution,
      abi: constitutionAbi,
      functionName: "activeAgent",
    });
    const model = registry
      ? await client.readContract({ address: registry, abi: modelRegistryAbi, functionName: "getModel", args: [id] })
      : undefined;
    return { id, agent, model };
  });
  const card = useQuery({
    queryKey: ["card", q.data?.id?.toString()],
    queryFn: () => fetchDocument(config, `models/${q.data!.id}`, "MODEL_CARD.md"),
    enabled: q.data !== undefined,
    staleTime: Infinity,
  });
  return (
    <Section title="The model in force" id="model-in-force">
      <Loading q={q}>
        {(d) => (
          <>
            <Table
              head={["Model", "For version", "Weights root", "Training run", "Activated", "Agent (operator)"]}
              rows={[
                [
                  <span data-testid="active-model">#{d.id.toString()}</span>,
                  d.model ? `v${d.model.version}` : "—",
                  <Hash h={d.model?.weightsRoot} />,
                  d.model ? (d.model.runId === 0n ? "genesis" : `run #${d.model.runId}`) : "—",
                  when(d.model?.activatedAt),
                  <Addr a={d.agent} />,
                ],
              ]}
            />
            <h3>Model card</h3>
            {card.data ? (
              <pre className="text">{card.data.text}</pre>
            ) : (
              <p className="muted">The model card is not served here.</p>
            )}
          </>
        )}
      </Loading>
    </Section>
  );
}

export function ConstitutionPage() {
  const q = useVersions();
  const [selected, setSelected] = useState<number | null>(null);
  const [base, setBase] = useState<number | null>(null);
  const versions = q.data?.versions ?? [];
  const shown = selected ?? Number(q.data?.current ?? 0);
  const against = base ?? (shown > 1 ? shown - 1 : null);
  const v = versions[shown - 1];
  const other = against ? versions[against - 1] : undefined;
  const text = useText(v?.uri, v?.textHash);
  const otherText = useText(other?.uri, other?.textHash);
  return (
    <>
      <Section title="Constitution versions" id="versions">
        <Loading q={q}>
          {(d) => (
            <>
              <p>
                In force: <strong data-testid="version-in-force">version {d.current.toString()}</strong> of{" "}
                {d.latest.toString()} recorded.
              </p>
              <Table
                id="versions-table"
                head={[
                  "Version",
                  "Status",
                  "Text hash",
                  "URI",
                  "Ratified",
                  "In force",
                  "Superseded",
                  "Proposal",
                  "Model",
                  "",
                ]}
                rows={d.versions.map((x, i) => [
                  `v${i + 1}`,
                  VERSION_STATUS[x.status],
                  <Hash h={x.textHash} />,
                  <span className="mono">{x.uri}</span>,
                  when(x.ratifiedAt),
                  when(x.inForceAt),
                  when(x.supersededAt),
                  x.proposalId === 0n ? (
                    "founding"
                  ) : (
                    <a href={`#/proposal/${x.proposalId}`}>#{x.proposalId.toString().slice(0, 8)}…</a>
                  ),
                  x.modelId === 0n ? "—" : `#${x.modelId}`,
                  <button onClick={() => setSelected(i + 1)}>Read</button>,
                ])}
              />
            </>
          )}
        </Loading>
      </Section>
      {v && (
        <Section title={`Text of version ${shown}`} id="text">
          <p>
            On-chain hash{" "}
            <span className="mono" data-testid="text-hash">
              {v.textHash}
            </span>{" "}
            {text.data ? (
              text.data.verified ? (
                <span className="ok" data-testid="text-verified">
                  ✓ the text served matches it
                </span>
              ) : (
                <span className="error">✗ the text served hashes to {text.data.hash}</span>
              )
            ) : text.isFetched ? (
              <span className="muted">(text not served here)</span>
            ) : null}
          </p>
          {text.data && (
            <pre className="text" data-testid="constitution-text">
              {text.data.text}
            </pre>
          )}
          {versions.length > 1 && (
            <>
              <h3>
                Changes from version{" "}
                <select value={against ?? ""} onChange={(e) => setBase(Number(e.target.value))}>
                  {versions.map((_, i) =>
                    i + 1 === shown ? null : (
                      <option key={i} value={i + 1}>
                        {i + 1}
                      </option>
                    ),
                  )}
                </select>{" "}
                to version {shown}
              </h3>
              {text.data && otherText.data ? (
                <Diff a={otherText.data.text} b={text.data.text} />
              ) : (
                <p className="muted">Both texts are needed for a diff.</p>
              )}
            </>
          )}
        </Section>
      )}
      <Parameters />
      <ModelInForce />
    </>
  );
}
