import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { manifestFromResources, proveResource, type ManifestResource } from "../../sdk/manifest";
import { defaultRecord, deployWithBuilders, record } from "./fixture";

// Property: for any set of files (unicode paths, any size, any digest), the TypeScript manifest's Merkle root and
// proofs are accepted on chain, leaf for leaf, and a proof for a different size or digest is rejected.
describe("manifest Merkle tree ⇄ ModelRegistry (property)", function () {
  const resource = fc.record({
    name: fc.string({ unit: "grapheme", minLength: 1, maxLength: 24 }).map((s) => `shards/${s}`),
    size: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    digest: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("hex")),
  });

  it("every file's proof verifies on chain against the anchored dataset root", async function () {
    const f = await loadFixture(deployWithBuilders);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(resource, { minLength: 1, maxLength: 12, selector: (r) => r.name }),
        fc.nat(),
        async (files, pick) => {
          const resources: ManifestResource[] = files.map((r) => ({ ...r, algorithm: "sha256" as const }));
          const manifest = manifestFromResources(resources, "dataset");
          const run = defaultRecord(f, { datasetRoot: manifest.predicate.merkle.root, uri: `ipfs://run-${runs}` });
          await record(f, run);
          const runId = await f.registry.runCount();
          runs++;
          const target = resources[pick % resources.length];
          const { leaf, proof } = proveResource(manifest, target.name);
          expect(await f.registry.leafOf(...leaf)).to.equal(
            ethers.keccak256(
              ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["string", "uint256", "bytes32"], leaf)),
            ),
          );
          expect(await f.registry.verifyTrainingData(runId, run, leaf[0], leaf[1], leaf[2], proof)).to.equal(true);
          expect(await f.registry.verifyTrainingData(runId, run, leaf[0], leaf[1] + 1n, leaf[2], proof)).to.equal(
            false,
          );
          const otherDigest = ethers.keccak256(leaf[2]);
          expect(await f.registry.verifyTrainingData(runId, run, leaf[0], leaf[1], otherDigest, proof)).to.equal(false);
        },
      ),
      { numRuns: 25 },
    );
    expect(runs).to.equal(25);
  });
});
