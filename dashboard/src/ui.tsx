/** Small presentational pieces shared by the pages. */
import type { ReactNode } from "react";
import { formatUnits } from "viem";
import { useApp } from "./app";

export function Section(props: { title: string; id?: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={props.id}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** An address, with its contract name when it is one of the deployment's. */
export function Addr({ a }: { a?: string }) {
  const { config } = useApp();
  if (!a) return <span>—</span>;
  const name = Object.entries(config.addresses).find(([, v]) => v.toLowerCase() === a.toLowerCase())?.[0];
  return (
    <a className="mono" title={a} href={`#/member/${a}`}>
      {name ? `${name} ` : ""}
      {a.slice(0, 6)}…{a.slice(-4)}
    </a>
  );
}

export function Hash({ h }: { h?: string }) {
  if (!h) return <span>—</span>;
  return (
    <span className="mono" title={h}>
      {h.slice(0, 10)}…{h.slice(-6)}
    </span>
  );
}

export const tokens = (wei: bigint | undefined, digits = 0) =>
  wei === undefined
    ? "—"
    : `${Number(formatUnits(wei, 18)).toLocaleString("en-US", { maximumFractionDigits: digits })} BTMG`;

export const when = (seconds: bigint | number | undefined) =>
  !seconds ? "—" : new Date(Number(seconds) * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC";

export const duration = (s: bigint | number) => {
  const n = Number(s);
  if (n % 86400 === 0) return `${n / 86400} d`;
  if (n % 3600 === 0) return `${n / 3600} h`;
  if (n % 60 === 0) return `${n / 60} min`;
  return `${n} s`;
};

export const pct = (bps: bigint | number) => `${(Number(bps) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;

export function Loading<T>(props: {
  q: { data?: T; error: Error | null; isLoading: boolean };
  children: (d: T) => ReactNode;
}) {
  if (props.q.error) return <p className="error">{props.q.error.message}</p>;
  if (props.q.data === undefined) return <p className="muted">Loading…</p>;
  return <>{props.children(props.q.data)}</>;
}

export function Table(props: { head: string[]; rows: ReactNode[][]; empty?: string; id?: string }) {
  if (props.rows.length === 0) return <p className="muted">{props.empty ?? "None yet."}</p>;
  return (
    <table data-testid={props.id}>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The tally as two bars: the For share of For + Against against the supermajority line, and For + Abstain against
 * the quorum (both in the units the governor counts). Plain SVG.
 */
export function VoteChart(props: {
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  supermajorityBps: bigint;
}) {
  const { forVotes, againstVotes, abstainVotes, quorum, supermajorityBps } = props;
  const decided = forVotes + againstVotes;
  const forShare = decided === 0n ? 0 : Number((forVotes * 10_000n) / decided) / 10_000;
  const line = Number(supermajorityBps) / 10_000;
  const counted = forVotes + abstainVotes;
  const scale = quorum === 0n ? 1 : Math.max(1, Number((counted * 10_000n) / quorum) / 10_000);
  const quorumShare = quorum === 0n ? 1 : Number((counted * 10_000n) / quorum) / 10_000;
  const W = 520;
  const bar = (y: number, share: number, lineAt: number, colour: string, label: string, lineLabel: string) => (
    <g>
      <rect x={0} y={y} width={W} height={22} fill="#eee" />
      <rect x={0} y={y} width={Math.min(1, share) * W} height={22} fill={colour} />
      <line x1={lineAt * W} x2={lineAt * W} y1={y - 4} y2={y + 26} stroke="#b00" strokeWidth={2} />
      <text x={Math.min(lineAt * W + 4, W - 90)} y={y - 6} fontSize={11} fill="#b00">
        {lineLabel}
      </text>
      <text x={4} y={y + 16} fontSize={12}>
        {label}
      </text>
    </g>
  );
  return (
    <svg width={W} height={110} role="img" aria-label="vote chart" data-testid="vote-chart">
      {bar(
        18,
        forShare,
        line,
        forShare * 10_000 > Number(supermajorityBps) ? "#6c6" : "#fc6",
        `For ${(forShare * 100).toFixed(2)}% of For + Against`,
        `${(line * 100).toFixed(0)}% line`,
      )}
      {bar(
        74,
        quorumShare / scale,
        1 / scale,
        quorumShare >= 1 ? "#6c6" : "#fc6",
        `For + Abstain ${(quorumShare * 100).toFixed(1)}% of quorum`,
        "quorum",
      )}
    </svg>
  );
}
