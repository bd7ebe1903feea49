import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  PREDICATE_TYPE,
  STATEMENT_TYPE,
  buildManifest,
  compareManifests,
  defaultManifestPath,
  formatDiff,
  listFiles,
  manifestRoot,
  omsRootDigest,
  proveResource,
  readManifest,
  sha256File,
  writeManifest,
} from "../../sdk/manifest";

function sha256(data: Buffer | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

function makeModelDir(): { dir: string; files: Record<string, Buffer> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bytom-manifest-"));
  const files: Record<string, Buffer> = {
    "model.safetensors": crypto.randomBytes(3 * 1024 * 1024 + 17), // > several stream chunks
    "config.json": Buffer.from('{"layers": 2}'),
    "tokenizer/vocab.txt": Buffer.from("a\nb\nc\n"),
    "tokenizer/merges.txt": Buffer.from("a b\n"),
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return { dir, files };
}

describe("manifest library", function () {
  it("hashes files as streams (size and SHA-256 of a multi-chunk file)", async function () {
    const { dir, files } = makeModelDir();
    const r = await sha256File(path.join(dir, "model.safetensors"));
    expect(r.size).to.equal(3 * 1024 * 1024 + 17);
    expect(r.digest).to.equal(sha256(files["model.safetensors"]));
  });

  it("builds an OMS-shaped manifest: sorted POSIX paths, sizes, digests, OMS root digest and Merkle root", async function () {
    const { dir, files } = makeModelDir();
    const m = await buildManifest(dir);
    expect(m._type).to.equal(STATEMENT_TYPE);
    expect(m.predicateType).to.equal(PREDICATE_TYPE);
    expect(m.subject[0].name).to.equal(path.basename(dir));
    expect(m.predicate.serialization).to.deep.equal({
      method: "files",
      hash_type: "sha256",
      allow_symlinks: false,
      ignore_paths: [],
    });
    const names = ["config.json", "model.safetensors", "tokenizer/merges.txt", "tokenizer/vocab.txt"];
    expect(m.predicate.resources.map((r) => r.name)).to.deep.equal(names);
    for (const r of m.predicate.resources) {
      expect(r.algorithm).to.equal("sha256");
      expect(r.size).to.equal(files[r.name].length);
      expect(r.digest).to.equal(sha256(files[r.name]));
    }
    const concatenated = Buffer.concat(names.map((n) => Buffer.from(sha256(files[n]), "hex")));
    expect(m.subject[0].digest.sha256).to.equal(sha256(concatenated));
    expect(omsRootDigest(m.predicate.resources)).to.equal(m.subject[0].digest.sha256);
    const tree = StandardMerkleTree.of(
      names.map((n) => [n, BigInt(files[n].length), "0x" + sha256(files[n])]),
      ["string", "uint256", "bytes32"],
    );
    expect(m.predicate.merkle.root).to.equal(tree.root);
    expect(manifestRoot(m)).to.equal(tree.root);
    expect(m.predicate.merkle.leafEncoding).to.deep.equal(["string", "uint256", "bytes32"]);
  });

  it("is deterministic and independent of the directory's name and location", async function () {
    const { dir } = makeModelDir();
    const a = await buildManifest(dir);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "bytom-copy-"));
    fs.cpSync(dir, copy, { recursive: true });
    const b = await buildManifest(copy);
    expect(b.predicate.merkle.root).to.equal(a.predicate.merkle.root);
    expect(b.predicate.resources).to.deep.equal(a.predicate.resources);
  });

  it("reports a flipped byte, a missing file and an extra file by path", async function () {
    const { dir } = makeModelDir();
    const before = await buildManifest(dir);
    const file = path.join(dir, "model.safetensors");
    const bytes = fs.readFileSync(file);
    bytes[1000] ^= 0x01;
    fs.writeFileSync(file, bytes);
    fs.rmSync(path.join(dir, "tokenizer/vocab.txt"));
    fs.writeFileSync(path.join(dir, "backdoor.bin"), "x");
    const after = await buildManifest(dir);
    expect(after.predicate.merkle.root).to.not.equal(before.predicate.merkle.root);
    const diff = compareManifests(before, after);
    expect(diff).to.deep.equal({
      equal: false,
      flipped: ["model.safetensors"],
      missing: ["tokenizer/vocab.txt"],
      extra: ["backdoor.bin"],
    });
    expect(formatDiff(diff)).to.deep.equal([
      "modified: model.safetensors",
      "missing:  tokenizer/vocab.txt",
      "extra:    backdoor.bin",
    ]);
    expect(compareManifests(before, before)).to.deep.equal({ equal: true, flipped: [], missing: [], extra: [] });
  });

  it("a renamed file changes the root (paths are in the leaves)", async function () {
    const { dir } = makeModelDir();
    const before = await buildManifest(dir);
    fs.renameSync(path.join(dir, "config.json"), path.join(dir, "config2.json"));
    const after = await buildManifest(dir);
    expect(after.predicate.merkle.root).to.not.equal(before.predicate.merkle.root);
    expect(compareManifests(before, after)).to.deep.include({ missing: ["config.json"], extra: ["config2.json"] });
  });

  it("writes and reads manifests, and refuses one whose root does not match its resources", async function () {
    const { dir } = makeModelDir();
    const m = await buildManifest(dir);
    const out = defaultManifestPath(dir);
    expect(out).to.equal(path.resolve(dir) + ".manifest.json");
    writeManifest(m, out);
    expect(readManifest(out)).to.deep.equal(m);
    const tampered = JSON.parse(fs.readFileSync(out, "utf8"));
    tampered.predicate.resources[0].size += 1;
    fs.writeFileSync(out, JSON.stringify(tampered));
    expect(() => readManifest(out)).to.throw(/inconsistent: its merkle.root is not the root of its resources/);
    fs.writeFileSync(out, JSON.stringify({ predicateType: "other" }));
    expect(() => readManifest(out)).to.throw(/is not a model-signing manifest/);
    expect(() => readManifest(path.join(dir, "nope.json"))).to.throw(/not found: create it with/);
  });

  it("ignores listed paths, refuses symlinks, empty and missing directories", async function () {
    const { dir } = makeModelDir();
    fs.writeFileSync(path.join(dir, "out.manifest.json"), "{}");
    expect(listFiles(dir, ["out.manifest.json"])).to.not.include("out.manifest.json");
    const m = await buildManifest(dir, { ignore: ["out.manifest.json"] });
    expect(m.predicate.serialization.ignore_paths).to.deep.equal(["out.manifest.json"]);
    expect(m.predicate.resources.map((r) => r.name)).to.not.include("out.manifest.json");
    fs.symlinkSync(path.join(dir, "config.json"), path.join(dir, "link.json"));
    expect(() => listFiles(dir)).to.throw(/link.json is a symbolic link/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "bytom-empty-"));
    let error: Error | undefined;
    await buildManifest(empty).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/no files: there is nothing to anchor/);
    expect(() => listFiles(path.join(empty, "missing"))).to.throw(/is not a directory/);
  });

  it("gives the inclusion proof of one file", async function () {
    const { dir } = makeModelDir();
    const m = await buildManifest(dir);
    const p = proveResource(m, "tokenizer/vocab.txt");
    expect(p.root).to.equal(m.predicate.merkle.root);
    expect(p.leaf).to.deep.equal(["tokenizer/vocab.txt", 6n, "0x" + sha256("a\nb\nc\n")]);
    expect(StandardMerkleTree.verify(p.root, ["string", "uint256", "bytes32"], p.leaf, p.proof)).to.equal(true);
    expect(() => proveResource(m, "nope.txt")).to.throw(/nope.txt is not in the manifest/);
  });
});
