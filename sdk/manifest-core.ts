/**
 * The browser-safe part of sdk/manifest.ts (no node: import): the manifest types and the Merkle root ModelRegistry
 * anchors, from the files' names, sizes and SHA-256 digests. sdk/manifest.ts hashes files on disk and re-exports
 * this; the dashboard hashes fetched files with WebCrypto and calls the same functions.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const PREDICATE_TYPE = "https://model_signing/signature/v1.0";
export const LEAF_ENCODING: ["string", "uint256", "bytes32"] = ["string", "uint256", "bytes32"];
export const LEAF_FORMULA = "keccak256(bytes.concat(keccak256(abi.encode(name, size, sha256))))";

export interface ManifestResource {
  /** Relative POSIX path. */
  name: string;
  algorithm: "sha256";
  /** Lowercase hex SHA-256 of the content, without 0x (as OMS writes it). */
  digest: string;
  /** Bytes. */
  size: number;
}

export interface Manifest {
  _type: typeof STATEMENT_TYPE;
  subject: [{ name: string; digest: { sha256: string } }];
  predicateType: typeof PREDICATE_TYPE;
  predicate: {
    serialization: { method: "files"; hash_type: "sha256"; allow_symlinks: false; ignore_paths: string[] };
    resources: ManifestResource[];
    merkle: { root: string; leafEncoding: typeof LEAF_ENCODING; leaf: string; tree: string };
  };
}

export type Leaf = [string, bigint, string];

/** Byte-wise (code unit) order: the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function leafOf(r: ManifestResource): Leaf {
  return [r.name, BigInt(r.size), "0x" + r.digest];
}

/** The StandardMerkleTree of a manifest's resources (leaf encoding above). */
export function manifestTree(resources: ManifestResource[]): StandardMerkleTree<Leaf> {
  if (resources.length === 0) throw new Error("the manifest has no files: there is nothing to anchor");
  return StandardMerkleTree.of(resources.map(leafOf), LEAF_ENCODING);
}

/** The Merkle root of a set of resources (what ModelRegistry anchors as the weights root). */
export function resourcesRoot(resources: ManifestResource[]): string {
  return manifestTree([...resources].sort((a, b) => comparePaths(a.name, b.name))).root;
}
