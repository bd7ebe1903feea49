/**
 * File manifests of model weights and datasets, and their Merkle roots as ModelRegistry anchors them.
 *
 * Format: an in-toto Statement v1 shaped like the OpenSSF Model Signing (OMS) v1.0 payload
 * (`predicateType = "https://model_signing/signature/v1.0"`, `predicate.resources[] = {name, digest, algorithm}`,
 * `predicate.serialization = {method: "files", hash_type, allow_symlinks, ignore_paths}`), with each resource's
 * `size` added, and `subject[0].digest.sha256` computed as OMS §6.5.1 does: SHA-256 over the concatenated raw
 * per-file digests in name-sorted order. The on-chain anchor is a separate field, `predicate.merkle.root`:
 *
 *   leaf  = keccak256(bytes.concat(keccak256(abi.encode(string name, uint256 size, bytes32 sha256))))
 *   root  = StandardMerkleTree.of(leaves, ["string", "uint256", "bytes32"]).root   (@openzeppelin/merkle-tree)
 *
 * which is exactly ModelRegistry.leafOf / MerkleProof.verify. `name` is the file's path relative to the manifest's
 * directory, POSIX separators, no leading "./". Files are hashed as streams: a multi-GB shard never sits in memory.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import {
  comparePaths,
  LEAF_ENCODING,
  LEAF_FORMULA,
  leafOf,
  manifestTree,
  PREDICATE_TYPE,
  STATEMENT_TYPE,
  type Leaf,
  type Manifest,
  type ManifestResource,
} from "./manifest-core";

export {
  STATEMENT_TYPE,
  PREDICATE_TYPE,
  LEAF_ENCODING,
  LEAF_FORMULA,
  comparePaths,
  leafOf,
  manifestTree,
  resourcesRoot,
  type Leaf,
  type Manifest,
  type ManifestResource,
} from "./manifest-core";

export interface ManifestDiff {
  equal: boolean;
  /** Same path, different content or size. */
  flipped: string[];
  /** In the expected manifest, not on disk. */
  missing: string[];
  /** On disk, not in the expected manifest. */
  extra: string[];
}

/** SHA-256 and size of one file, streamed in 1 MiB chunks. */
export function sha256File(file: string): Promise<{ digest: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash("sha256");
    let size = 0;
    fs.createReadStream(file, { highWaterMark: 1 << 20 })
      .on("data", (chunk) => {
        hash.update(chunk);
        size += (chunk as Buffer).length;
      })
      .on("error", reject)
      .on("end", () => resolve({ digest: hash.digest("hex"), size }));
  });
}

function toPosix(rel: string): string {
  return rel.split(path.sep).join("/");
}

/** Relative POSIX paths of every regular file under `dir`, sorted; symlinks are refused (OMS allow_symlinks=false). */
export function listFiles(dir: string, ignore: string[] = []): string[] {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new Error(`${dir} is not a directory: pass the directory that holds the model or dataset files`);
  }
  const ignored = new Set(ignore.map((p) => toPosix(p).replace(/^\.\//, "")));
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const full = path.join(abs, entry.name);
      const rel = toPosix(path.relative(root, full));
      if (ignored.has(rel)) continue;
      if (entry.isSymbolicLink()) {
        throw new Error(`${rel} is a symbolic link: manifests hash regular files only; copy the target or remove it`);
      }
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(rel);
    }
  };
  walk(root);
  return out.sort(comparePaths);
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the order of results. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** OMS §6.5.1 root digest: SHA-256 over the concatenated raw per-file digests in name order. */
export function omsRootDigest(resources: ManifestResource[]): string {
  const h = crypto.createHash("sha256");
  for (const r of [...resources].sort((a, b) => comparePaths(a.name, b.name))) h.update(Buffer.from(r.digest, "hex"));
  return h.digest("hex");
}

/** Builds the manifest of every file under `dir` (see the module doc for the format). */
export async function buildManifest(
  dir: string,
  options: { ignore?: string[]; name?: string; concurrency?: number } = {},
): Promise<Manifest> {
  const ignore = options.ignore ?? [];
  const files = listFiles(dir, ignore);
  const resources = await mapLimit(files, options.concurrency ?? 4, async (name) => {
    const { digest, size } = await sha256File(path.join(dir, ...name.split("/")));
    return { name, algorithm: "sha256" as const, digest, size };
  });
  return manifestFromResources(resources, options.name ?? path.basename(path.resolve(dir)), ignore);
}

export function manifestFromResources(
  resources: ManifestResource[],
  name: string,
  ignorePaths: string[] = [],
): Manifest {
  const sorted = [...resources].sort((a, b) => comparePaths(a.name, b.name));
  const tree = manifestTree(sorted);
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name, digest: { sha256: omsRootDigest(sorted) } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      serialization: { method: "files", hash_type: "sha256", allow_symlinks: false, ignore_paths: ignorePaths },
      resources: sorted,
      merkle: {
        root: tree.root,
        leafEncoding: LEAF_ENCODING,
        leaf: LEAF_FORMULA,
        tree: "@openzeppelin/merkle-tree StandardMerkleTree",
      },
    },
  };
}

/** The Merkle root anchored on chain, recomputed from the resources (never trusted from the JSON). */
export function manifestRoot(manifest: Manifest): string {
  return manifestTree(manifest.predicate.resources).root;
}

/** Where `model:manifest` writes a directory's manifest by default: next to it, `<dir>.manifest.json`. */
export function defaultManifestPath(dir: string): string {
  return path.resolve(dir).replace(/[\\/]+$/, "") + ".manifest.json";
}

export function writeManifest(manifest: Manifest, file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
}

/** Reads a manifest and checks that its recorded Merkle root matches its resources. */
export function readManifest(file: string): Manifest {
  if (!fs.existsSync(file))
    throw new Error(`manifest ${file} not found: create it with "npx hardhat model:manifest <dir>"`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.predicateType !== PREDICATE_TYPE || !Array.isArray(manifest.predicate?.resources)) {
    throw new Error(`${file} is not a model-signing manifest (predicateType ${PREDICATE_TYPE})`);
  }
  const root = manifestRoot(manifest);
  if (manifest.predicate.merkle?.root !== root) {
    throw new Error(`${file} is inconsistent: its merkle.root is not the root of its resources (${root}); rebuild it`);
  }
  return manifest;
}

/** What differs between the expected manifest (e.g. the anchored one) and the actual one, by path. */
export function compareManifests(expected: Manifest, actual: Manifest): ManifestDiff {
  const want = new Map(expected.predicate.resources.map((r) => [r.name, r]));
  const have = new Map(actual.predicate.resources.map((r) => [r.name, r]));
  const flipped: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [name, r] of want) {
    const h = have.get(name);
    if (!h) missing.push(name);
    else if (h.digest !== r.digest || h.size !== r.size) flipped.push(name);
  }
  for (const name of have.keys()) if (!want.has(name)) extra.push(name);
  flipped.sort(comparePaths);
  missing.sort(comparePaths);
  extra.sort(comparePaths);
  return { equal: flipped.length + missing.length + extra.length === 0, flipped, missing, extra };
}

/** Human-readable lines of a diff, one per path. */
export function formatDiff(diff: ManifestDiff): string[] {
  return [
    ...diff.flipped.map((p) => `modified: ${p}`),
    ...diff.missing.map((p) => `missing:  ${p}`),
    ...diff.extra.map((p) => `extra:    ${p}`),
  ];
}

/** The inclusion proof of one file of a manifest. */
export function proveResource(
  manifest: Manifest,
  name: string,
): { leaf: Leaf; proof: string[]; root: string; resource: ManifestResource } {
  const resources = manifest.predicate.resources;
  const index = resources.findIndex((r) => r.name === name);
  if (index < 0) throw new Error(`${name} is not in the manifest: check the path is relative to the dataset directory`);
  const tree = manifestTree(resources);
  const leaf = leafOf(resources[index]);
  return { leaf, proof: tree.getProof(leaf), root: tree.root, resource: resources[index] };
}
