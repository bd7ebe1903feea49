/**
 * Content-addressed storage of rationale documents: a document is stored under its keccak256 hash, so the URI a
 * ballot carries and the hash it commits to name the same bytes. The default store is a local folder (file
 * `<hash>.json`, hash without 0x); publish the folder anywhere (IPFS, a web server) and set `baseUri`.
 */
import fs from "node:fs";
import path from "node:path";
import { ethers } from "ethers";

export interface StoredDocument {
  /** keccak256 of the bytes (0x…). */
  hash: string;
  /** Where the document lives: what the ballot's `reason` carries. */
  uri: string;
}

/** Where rationale documents go and come from. */
export interface ContentStore {
  /** Stores `bytes` under their hash (idempotent); returns the hash and the URI. */
  put(bytes: Uint8Array): Promise<StoredDocument>;
  /** The bytes behind `uri` (or null when this store does not hold them). */
  get(uri: string): Promise<Uint8Array | null>;
}

/** The file name of a document: its hash without 0x, `.json`. */
export function documentFileName(hash: string): string {
  return `${hash.replace(/^0x/, "").toLowerCase()}.json`;
}

/** The last path segment of a URI (`…/<hash>.json`). */
export function uriFileName(uri: string): string {
  return (
    uri
      .replace(/[?#].*$/, "")
      .split("/")
      .pop() ?? ""
  );
}

/**
 * A local folder, one file per document named by its hash. URIs are `<baseUri><hash>.json`; the default base is
 * the folder's `file://` URL. `get` finds a document by the file name at the end of any URI, so an auditor with a
 * copy of the folder resolves another machine's URIs.
 */
export class FolderStore implements ContentStore {
  readonly dir: string;
  readonly baseUri: string;

  constructor(dir: string, baseUri?: string) {
    this.dir = path.resolve(dir);
    const base = baseUri ?? `file://${this.dir}/`;
    this.baseUri = base.endsWith("/") ? base : `${base}/`;
  }

  async put(bytes: Uint8Array): Promise<StoredDocument> {
    const hash = ethers.keccak256(bytes);
    const name = documentFileName(hash);
    const file = path.join(this.dir, name);
    fs.mkdirSync(this.dir, { recursive: true });
    // Written once: an existing file with the same name holds the same bytes unless someone altered it.
    if (!fs.existsSync(file) || ethers.keccak256(fs.readFileSync(file)) !== hash) {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, file);
    }
    return { hash, uri: `${this.baseUri}${name}` };
  }

  async get(uri: string): Promise<Uint8Array | null> {
    const file = path.join(this.dir, uriFileName(uri));
    return fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : null;
  }

  /** The file a URI resolves to in this folder. */
  fileOf(uri: string): string {
    return path.join(this.dir, uriFileName(uri));
  }
}

/**
 * Reads the document behind `uri`: from `store` if it holds it, else a `file://` URI from disk, else an
 * `http(s)://` URI with fetch. Null when not found.
 */
export async function readDocument(uri: string, store?: ContentStore): Promise<Uint8Array | null> {
  if (store) {
    const bytes = await store.get(uri);
    if (bytes) return bytes;
  }
  if (uri.startsWith("file://")) {
    const file = decodeURIComponent(uri.slice("file://".length));
    return fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : null;
  }
  if (/^https?:\/\//.test(uri)) {
    const res = await fetch(uri);
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  }
  return null;
}
