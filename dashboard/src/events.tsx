/** A generic history table: one contract event's occurrences, each argument formatted by its ABI type. */
import type { ReactNode } from "react";
import { formatEther, zeroAddress, type Abi, type AbiEvent } from "viem";
import { useApp, useIndexer, useRead } from "./app";
import { Addr, duration, Hash, Loading, Table, tokens, when } from "./ui";

function cell(type: string, value: unknown): ReactNode {
  if (type === "address") return <Addr a={value as string} />;
  if (type === "bytes32" || type === "bytes24") return <Hash h={value as string} />;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  return <span className="mono">{JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v))}</span>;
}

export function EventLog(props: {
  address?: `0x${string}`;
  abi: Abi;
  event: string;
  /** Argument names to show (default: all). */
  only?: string[];
  args?: Record<string, unknown>;
  empty?: string;
  id?: string;
}) {
  const item = props.abi.find((x) => x.type === "event" && x.name === props.event) as AbiEvent | undefined;
  if (!item) throw new Error(`no event ${props.event} in the ABI`);
  const inputs = item.inputs.filter((i) => !props.only || props.only.includes(i.name!));
  const q = useRead(
    [
      "events",
      props.address,
      props.event,
      JSON.stringify(props.args ?? {}, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    ],
    async (client) => {
      // Indexed arguments filter at the node (topics), the others here.
      const all = Object.entries(props.args ?? {});
      const indexed = Object.fromEntries(all.filter(([k]) => item.inputs.find((i) => i.name === k)?.indexed));
      const events = await client.getContractEvents({
        address: props.address!,
        abi: props.abi,
        eventName: props.event,
        args: (all.length ? indexed : undefined) as never,
        fromBlock: 0n,
      });
      return events.filter((e) => {
        const args = (e as unknown as { args: Record<string, unknown> }).args;
        return all.every(([k, v]) => args[k] === v);
      });
    },
    Boolean(props.address),
  );
  if (!props.address) return <p className="muted">Not deployed on this network.</p>;
  return (
    <Loading q={q}>
      {(events) => (
        <Table
          id={props.id}
          empty={props.empty}
          head={["Block", ...inputs.map((i) => i.name!)]}
          rows={events.map((e) => {
            const args = (e as unknown as { args: Record<string, unknown> }).args;
            return [String(e.blockNumber), ...inputs.map((i) => cell(i.type, args[i.name!]))];
          })}
        />
      )}
    </Loading>
  );
}

/** How an indexer column is shown, guessed from its name and value. */
function indexedCell(field: string, value: unknown, row: Record<string, unknown>): ReactNode {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" && /^0x[0-9a-f]{40}$/i.test(value)) return <Addr a={value} />;
  if (typeof value === "string" && /^0x[0-9a-f]{48,64}$/i.test(value)) return <Hash h={value} />;
  if (
    /^(weight|amount|balance|votingPower|total|backingWeight|reducedWeight|spent)$/.test(field) &&
    typeof value === "string"
  ) {
    // Executive budgets and spends name their asset: the zero address is ETH.
    return row.asset === zeroAddress ? `${formatEther(BigInt(value))} ETH` : tokens(BigInt(value), 2);
  }
  if (field === "period" && typeof value === "string") return duration(BigInt(value));
  if (/(At|timestamp|expiry|deadline)$/.test(field) && typeof value === "string" && /^\d+$/.test(value))
    return when(BigInt(value));
  if (field === "support" && typeof value === "number") return ["Against", "For", "Abstain"][value] ?? String(value);
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(String).join(", ");
  return String(value);
}

/**
 * A history list from the indexer's GraphQL (`${indexerUrl}/graphql`) when one is configured, else from the node's
 * event logs (the same events the indexer reads). `table` is the indexer's plural query name (docs/indexer.md).
 */
export function History(props: {
  table: string;
  fields: string[];
  where?: Record<string, string | number | boolean>;
  orderBy?: string;
  chain: { address?: `0x${string}`; abi: Abi; event: string; only?: string[]; args?: Record<string, unknown> };
  empty?: string;
  id?: string;
}) {
  const { config } = useApp();
  if (!config.indexerUrl) return <EventLog {...props.chain} empty={props.empty} id={props.id} />;
  return <IndexedTable {...props} />;
}

function gqlValue(v: string | number | boolean): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

function IndexedTable(props: {
  table: string;
  fields: string[];
  where?: Record<string, string | number | boolean>;
  orderBy?: string;
  empty?: string;
  id?: string;
}) {
  const where = props.where
    ? `where: {${Object.entries(props.where)
        .map(([k, v]) => `${k}: ${gqlValue(v)}`)
        .join(", ")}}, `
    : "";
  const query = `{ ${props.table}(${where}orderBy: "${props.orderBy ?? "id"}", orderDirection: "asc", limit: 1000) { items { ${props.fields.join(" ")} } } }`;
  const q = useIndexer<Record<string, { items: Record<string, unknown>[] }>>([props.table, query], query);
  return (
    <Loading q={q}>
      {(d) => (
        <Table
          id={props.id}
          empty={props.empty}
          head={props.fields}
          rows={d[props.table].items.map((row) => props.fields.map((f) => indexedCell(f, row[f], row)))}
        />
      )}
    </Loading>
  );
}
