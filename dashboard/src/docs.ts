/**
 * Texts and documents the chain references by hash (constitution texts, the AI delegate's rationales, model cards),
 * fetched from the dashboard's documents URL by the last segment of their URI and checked against the hash.
 */
import { keccak256, toBytes } from "viem";
import type { DashboardConfig } from "./config";

export function fileName(uri: string): string {
  return (
    uri
      .replace(/[?#].*$/, "")
      .split("/")
      .pop() ?? ""
  );
}

export interface FetchedDocument {
  text: string;
  hash: `0x${string}`;
  /** Whether keccak256 of the bytes equals the hash the chain holds. */
  verified: boolean;
  url: string;
}

/** Fetches an http(s) URI as is, any other at `${documentsUrl}/${folder}/${its last segment}`; null if not served. */
export async function fetchDocument(
  config: DashboardConfig,
  folder: string,
  uri: string,
  expectedHash?: string,
): Promise<FetchedDocument | null> {
  const base = (config.documentsUrl ?? "./documents").replace(/\/$/, "");
  const url = /^https?:\/\//.test(uri) ? uri : `${base}/${folder}/${fileName(uri)}`;
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) return null;
  const bytes = new Uint8Array(await res.arrayBuffer());
  const hash = keccak256(bytes);
  return {
    text: new TextDecoder().decode(bytes),
    hash,
    verified: expectedHash !== undefined && hash.toLowerCase() === expectedHash.toLowerCase(),
    url,
  };
}

export const textHash = (text: string) => keccak256(toBytes(text));
