import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFixture } from "./fixtures/deploy";

describe("deployment", () => {
  it("deploys and wires the suite", async () => {
    const f = await loadFixture(deployFixture);
    expect(await f.constitution.currentVersion()).to.equal(1n);
    expect(await f.committee.members()).to.deep.equal(f.config.committee);
  });
});
