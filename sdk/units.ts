/** Human units: tokens, dates, durations, and the For share against the supermajority line. */
import { ethers } from "ethers";

/** BTMG has 18 decimals. */
export const TOKEN_DECIMALS = 18;

/** "1,234.5" from wei (at most `fractionDigits` decimals, thousands separated). */
export function formatTokens(wei: bigint, fractionDigits = 2): string {
  const negative = wei < 0n;
  const [whole, fraction = ""] = ethers.formatUnits(negative ? -wei : wei, TOKEN_DECIMALS).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = fraction.slice(0, fractionDigits).replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** Wei from "1,234.5" (commas and underscores ignored). */
export function parseTokens(amount: string | number): bigint {
  const text = String(amount).replace(/[,_\s]/g, "");
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`"${amount}" is not a token amount (e.g. 100000 or 0.5)`);
  return ethers.parseUnits(text, TOKEN_DECIMALS);
}

/** "2026-01-03 12:00:00 UTC" from a unix timestamp (seconds). */
export function formatDate(timestamp: bigint | number): string {
  return new Date(Number(timestamp) * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds from "90", "90s", "15m", "2h", "3d", "1w" or combinations like "1d12h". */
export function parseDuration(text: string): bigint {
  const t = text.trim();
  if (/^\d+$/.test(t)) return BigInt(t);
  const parts = [...t.matchAll(/(\d+)\s*([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== t.replace(/\s+/g, "")) {
    throw new Error(`"${text}" is not a duration: use e.g. 3d, 12h, 30m, 90s or 1d12h`);
  }
  return parts.reduce((sum, p) => sum + BigInt(p[1]) * BigInt(UNITS[p[2]]), 0n);
}

/** "2d 3h" from seconds. */
export function formatDuration(seconds: bigint | number): string {
  let s = Number(seconds);
  if (s <= 0) return "0s";
  const out: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (s >= size) {
      out.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return out.slice(0, 2).join(" ");
}

/** The For share of the decisive votes (for + against), against the supermajority line. */
export interface ForShare {
  /** For share in basis points of for + against (0 when nobody voted for or against). */
  bps: bigint;
  /** "87.50%" */
  percent: string;
  /** Strictly above the line: for × 10000 > supermajorityBps × (for + against). */
  passes: boolean;
  /** "87.50% For (needs > 80.00%): above the line" */
  text: string;
}

/** The For share against the supermajority (default 8000 bps = the 80% line), exactly as the contract counts. */
export function forShare(forVotes: bigint, against: bigint, supermajorityBps: bigint | number = 8000n): ForShare {
  const decisive = forVotes + against;
  const line = BigInt(supermajorityBps);
  const bps = decisive === 0n ? 0n : (forVotes * 10_000n) / decisive;
  const passes = decisive > 0n && forVotes * 10_000n > line * decisive;
  const pct = (b: bigint) => `${b / 100n}.${(b % 100n).toString().padStart(2, "0")}%`;
  return {
    bps,
    percent: pct(bps),
    passes,
    text: `${pct(bps)} For (needs > ${pct(line)}): ${passes ? "above the line" : "not above the line"}`,
  };
}

/** "for 300,000,000 · against 40,000,000 · abstain 0 → 88.23% For (needs > 80.00%): above the line" */
export function formatTally(
  tally: { forVotes: bigint; againstVotes: bigint; abstainVotes: bigint },
  supermajorityBps: bigint | number = 8000n,
): string {
  const share = forShare(tally.forVotes, tally.againstVotes, supermajorityBps);
  return (
    `for ${formatTokens(tally.forVotes)} · against ${formatTokens(tally.againstVotes)} · ` +
    `abstain ${formatTokens(tally.abstainVotes)} → ${share.text}`
  );
}
