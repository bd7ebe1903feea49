/** A generic history table: one contract event's occurrences, each argument formatted by its ABI type. */
import type { ReactNode } from "react";
import type { Abi, AbiEvent } from "viem";
import { useRead } from "./app";
import { Addr, Hash, Loading, Table } from "./ui";

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
    (client) =>
      client.getContractEvents({
        address: props.address!,
        abi: props.abi,
        eventName: props.event,
        args: props.args as never,
        fromBlock: 0n,
      }),
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
