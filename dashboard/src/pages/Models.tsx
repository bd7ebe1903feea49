/** Models: training requests, runs, a checkpoint timeline, evaluations, the active model and every model. */
import type { Abi } from "viem";
import { useAddress, useApp, useHistory, useRead } from "../app";
import { constitutionAbi, modelRegistryAbi } from "../generated/abis";
import { History } from "../events";
import { Addr, Hash, Loading, Section, Table, when } from "../ui";

const REQUEST_STATUS = ["None", "Open", "Closed", "Fulfilled"];
const RUN_STATUS = ["None", "Training", "Evaluating", "Passed", "Failed", "Activated"];

interface Checkpoint {
  runId: bigint;
  step: bigint;
  checkpointHash: string;
}

function Checkpoints({ registry }: { registry: `0x${string}` }) {
  const q = useHistory<
    Checkpoint[],
    { checkpoints: { items: { runId: string; step: string; checkpointHash: string }[] } }
  >(
    ["checkpoints"],
    '{ checkpoints(orderBy: "timestamp", orderDirection: "asc", limit: 1000) { items { runId step checkpointHash } } }',
    (d) =>
      d.checkpoints.items.map((c) => ({
        runId: BigInt(c.runId),
        step: BigInt(c.step),
        checkpointHash: c.checkpointHash,
      })),
    async (client) =>
      (
        await client.getContractEvents({
          address: registry,
          abi: modelRegistryAbi,
          eventName: "CheckpointAnchored",
          fromBlock: 0n,
        })
      ).map((e) => ({ runId: e.args.runId!, step: e.args.step!, checkpointHash: e.args.checkpointHash! as string })),
  );
  return (
    <Loading q={q}>
      {(events) => {
        if (events.length === 0) return <p className="muted">No checkpoint anchored yet.</p>;
        const maxStep = Math.max(...events.map((e) => Number(e.step)), 1);
        const runs = [...new Set(events.map((e) => e.runId))];
        const W = 700;
        return (
          <svg
            width={W}
            height={30 + runs.length * 30}
            role="img"
            aria-label="checkpoint timeline"
            data-testid="checkpoint-timeline"
          >
            {runs.map((run, r) => (
              <g key={String(run)}>
                <text x={0} y={24 + r * 30} fontSize={12}>
                  run #{String(run)}
                </text>
                <line x1={60} x2={W - 10} y1={20 + r * 30} y2={20 + r * 30} stroke="#ccc" />
                {events
                  .filter((e) => e.runId === run)
                  .map((e) => (
                    <circle
                      key={String(e.step)}
                      cx={60 + ((W - 80) * Number(e.step)) / maxStep}
                      cy={20 + r * 30}
                      r={5}
                      fill="#1f6feb"
                    >
                      <title>{`step ${e.step}: ${e.checkpointHash}`}</title>
                    </circle>
                  ))}
              </g>
            ))}
            <text x={W - 90} y={14 + runs.length * 30 + 10} fontSize={11}>
              step {maxStep}
            </text>
          </svg>
        );
      }}
    </Loading>
  );
}

export function ModelsPage() {
  const { config } = useApp();
  const registry = config.addresses.ModelRegistry;
  const constitution = useAddress("Constitution");
  const q = useRead(
    ["models"],
    async (client) => {
      const r = { address: registry!, abi: modelRegistryAbi } as const;
      const [requestCount, runCount, modelCount, active] = await Promise.all([
        client.readContract({ ...r, functionName: "requestCount" }),
        client.readContract({ ...r, functionName: "runCount" }),
        client.readContract({ ...r, functionName: "modelCount" }),
        client.readContract({ address: constitution, abi: constitutionAbi, functionName: "activeModelId" }),
      ]);
      const requests = await Promise.all(
        Array.from({ length: Number(requestCount) }, (_, i) =>
          client.readContract({ ...r, functionName: "getRequest", args: [BigInt(i + 1)] }).catch(() => null),
        ),
      );
      const runs = await Promise.all(
        Array.from({ length: Number(runCount) }, (_, i) =>
          client.readContract({ ...r, functionName: "getRun", args: [BigInt(i + 1)] }),
        ),
      );
      const models = await Promise.all(
        Array.from({ length: Number(modelCount) }, (_, i) =>
          client.readContract({ ...r, functionName: "getModel", args: [BigInt(i + 1)] }),
        ),
      );
      return { requests, runs, models, active };
    },
    Boolean(registry),
  );
  if (!registry) return <p className="muted">No model registry on this network.</p>;
  return (
    <Loading q={q}>
      {(d) => (
        <>
          <Section title="Models" id="models">
            <p>
              Active model: <strong data-testid="models-active">#{d.active.toString()}</strong>
            </p>
            <Table
              head={["Model", "Constitution version", "Weights root", "Run", "Activated", "Operator"]}
              rows={d.models.map((m, i) => [
                `#${i + 1}${BigInt(i + 1) === d.active ? " (active)" : ""}`,
                `v${m.version}`,
                <Hash h={m.weightsRoot} />,
                m.runId === 0n ? "genesis" : `#${m.runId}`,
                when(m.activatedAt),
                <Addr a={m.operator} />,
              ])}
            />
          </Section>
          <Section title="Training requests (one per ratified version)" id="requests">
            <Table
              empty="No training request yet."
              head={["Request", "Status", "Runs", "Model", "Spec commitment"]}
              rows={d.requests
                .filter((x) => x !== null)
                .map((x) => [
                  `#${x!.id}`,
                  REQUEST_STATUS[x!.status],
                  String(x!.runs),
                  x!.modelId === 0n ? "—" : `#${x!.modelId}`,
                  <Hash h={x!.specCommitment} />,
                ])}
            />
          </Section>
          <Section title="Training runs" id="runs">
            <Table
              empty="No training run yet."
              head={["Run", "Version", "Trainer", "Status", "Passes / fails", "Last step", "Weights root", "Operator"]}
              rows={d.runs.map((x, i) => [
                `#${i + 1}`,
                `v${x.version}`,
                <Addr a={x.trainer} />,
                RUN_STATUS[x.status],
                `${x.passes} / ${x.fails}`,
                String(x.lastStep),
                <Hash h={x.weightsRoot} />,
                <Addr a={x.operator} />,
              ])}
            />
          </Section>
          <Section title="Checkpoint timeline" id="checkpoints">
            <Checkpoints registry={registry} />
          </Section>
          <Section title="Evaluations" id="evaluations">
            <History
              table="evaluations"
              fields={["runId", "evaluator", "passed", "score", "reportHash", "timestamp"]}
              orderBy="timestamp"
              chain={{ address: registry, abi: modelRegistryAbi as Abi, event: "RunEvaluated" }}
              empty="No evaluation yet."
              id="evaluations-table"
            />
            <h3>Training runs as indexed (outcome, metrics, checkpoints)</h3>
            <History
              table="runs"
              fields={[
                "id",
                "version",
                "status",
                "checkpointCount",
                "lastStep",
                "passes",
                "fails",
                "metricsHash",
                "modelId",
                "completedAt",
              ]}
              chain={{ address: registry, abi: modelRegistryAbi as Abi, event: "TrainingRunCompleted" }}
              empty="No run yet."
            />
          </Section>
        </>
      )}
    </Loading>
  );
}
