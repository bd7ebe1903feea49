import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { DAOControlledHarness } from "../../typechain-types";

describe("DAOControlledUpgradeable", () => {
  async function harness(): Promise<{ h: DAOControlledHarness; dao: string }> {
    const [, daoSigner] = await ethers.getSigners();
    const h = (await upgrades.deployProxy(
      await ethers.getContractFactory("DAOControlledHarness"),
      [daoSigner.address],
      {
        kind: "uups",
      },
    )) as unknown as DAOControlledHarness;
    return { h, dao: daoSigner.address };
  }

  it("its init helper cannot run outside an initializer (NotInitializing), and the owner stays the DAO", async () => {
    const { h, dao } = await loadFixture(harness);
    const [, , intruder] = await ethers.getSigners();
    await expect(h.connect(intruder).reinitOutsideInitializer(intruder.address)).to.be.revertedWithCustomError(
      h,
      "NotInitializing",
    );
    expect(await h.owner()).to.equal(dao);
    expect(await h.dao()).to.equal(dao);
  });

  it("ownership cannot be renounced, even by the DAO; others get OwnableUnauthorizedAccount", async () => {
    const { h, dao } = await loadFixture(harness);
    const [, daoSigner, intruder] = await ethers.getSigners();
    await expect(h.connect(daoSigner).renounceOwnership()).to.be.revertedWithCustomError(
      h,
      "DAOControlledCannotRenounce",
    );
    await expect(h.connect(intruder).renounceOwnership())
      .to.be.revertedWithCustomError(h, "OwnableUnauthorizedAccount")
      .withArgs(intruder.address);
    expect(await h.owner()).to.equal(dao);
  });
});
