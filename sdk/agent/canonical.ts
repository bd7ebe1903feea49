/**
 * Canonical JSON of the rationale documents: keys sorted (UTF-16 code-unit order) at every level, no whitespace,
 * UTF-8, no trailing newline. Numbers are integers only; fractions are written as fixed-decimal strings
 * ({@link fixed}), so the same decision always has the same bytes and the same hash on every machine.
 */
import { ethers } from "ethers";

/** A value canonical JSON accepts. */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

/** Canonical JSON text of `value`; throws on a non-integer or unsafe number, on undefined and on other types. */
export function canonicalJson(value: CanonicalValue): string {
  return encode(value, "$");
}

function encode(v: CanonicalValue, at: string): string {
  if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new Error(`canonical JSON: ${at} = ${v} is not a safe integer (use fixed())`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map((x, i) => encode(x, `${at}[${i}]`)).join(",")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys
      .map((k) => {
        const x = v[k];
        if (x === undefined) throw new Error(`canonical JSON: ${at}.${k} is undefined`);
        return `${JSON.stringify(k)}:${encode(x, `${at}.${k}`)}`;
      })
      .join(",")}}`;
  }
  throw new Error(`canonical JSON: ${at} has type ${typeof v}`);
}

/** The canonical bytes of `value` (UTF-8). */
export function canonicalBytes(value: CanonicalValue): Uint8Array {
  return ethers.toUtf8Bytes(canonicalJson(value));
}

/** keccak256 of the canonical bytes: the `rationaleHash` a ballot carries. */
export function canonicalHash(value: CanonicalValue): string {
  return ethers.keccak256(canonicalBytes(value));
}

/** A fraction as a fixed-decimal string ("0.9912"): rounded half away from zero to `digits` places. */
export function fixed(x: number, digits = 4): string {
  if (!Number.isFinite(x)) throw new Error(`fixed(): ${x} is not finite`);
  const scale = 10 ** digits;
  const n = Math.round(Math.abs(x) * scale + 1e-9) * Math.sign(x);
  const s = (Math.abs(n) / scale).toFixed(digits);
  return n < 0 ? `-${s}` : s;
}
