/**
 * Code pinning and dispute holds moved out of BytomGovernor into GovernorCodePinUpgradeable and
 * GovernorDisputeHoldUpgradeable. Their state stays where BytomGovernor 0.1 kept it (fields 2 and 3 of
 * erc7201:bytomdao.storage.BytomGovernor), so an upgrade from 0.1 keeps the pins and holds of in-flight proposals.
 */
import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { loadFixture, setCode } from "@nomicfoundation/hardhat-network-helpers";
import { BenignTarget__factory, BytomGovernorV1__factory, BytomGovernor__factory } from "../../typechain-types";
import {
  IMPLEMENTATION_SLOT,
  State,
  action,
  delegatedFixture,
  passAsDao,
  proposalActions,
  slotAddress,
  toActive,
  travelPast,
  voteAndQueue,
} from "./helpers";

const BASE = 0xe43e326cb7338b833186c0571b3834f9c41342d622d55cad7f79265074a47e00n;
const mappingSlot = (key: bigint, slot: bigint): string =>
  ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [key, slot]));

async function v1Fixture() {
  const w = await delegatedFixture();
  const proxy = w.addresses.BytomGovernor;
  const current = await slotAddress(proxy, IMPLEMENTATION_SLOT);
  // The suite as released before the split: the proxy points at the 0.1 implementation.
  const v1Impl = await new BytomGovernorV1__factory(w.deployer).deploy(await w.token.getAddress());
  await hre.network.provider.send("hardhat_setStorageAt", [
    proxy,
    IMPLEMENTATION_SLOT,
    ethers.zeroPadValue(await v1Impl.getAddress(), 32),
  ]);
  const v1 = BytomGovernorV1__factory.connect(proxy, w.deployer);
  const benign = await new BenignTarget__factory(w.deployer).deploy();
  const eoa = ethers.Wallet.createRandom().address;
  const p = {
    targets: [await benign.getAddress(), eoa],
    values: [0n, 0n],
    calldatas: [benign.interface.encodeFunctionData("ping"), "0x"],
    description: "In flight across the upgrade",
  };
  const id = await toActive(w, p);
  await voteAndQueue(w, id);
  for (const m of w.c.slice(0, 3)) await w.committee.connect(m).supportHold(id);
  return { ...w, proxy, current, v1, benign, eoa, id };
}

describe("BytomGovernor 0.1 → extensions: upgrade-safe storage", () => {
  it("the upgrades plugin validates the new implementation as an upgrade of 0.1", async () => {
    const [deployer] = await ethers.getSigners();
    // constructorArgs is read at run time (the implementation takes the token) though not in ValidationOptions' type.
    const options = {
      kind: "uups" as const,
      constructorArgs: [ethers.ZeroAddress],
      unsafeAllow: ["constructor" as const, "state-variable-immutable" as const],
    };
    await upgrades.validateUpgrade(
      new BytomGovernorV1__factory(deployer),
      new BytomGovernor__factory(deployer),
      options,
    );
  });

  it("pins and holds live at fields 2 and 3 of erc7201:bytomdao.storage.BytomGovernor", async () => {
    const w = await loadFixture(v1Fixture);
    const governor = BytomGovernor__factory.connect(w.proxy, w.deployer);
    const digest = await w.v1.proposalCodeDigest(w.id);
    const held = await w.v1.proposalHeldUntil(w.id);
    expect(held).to.be.greaterThan(0n);
    expect(await ethers.provider.getStorage(w.proxy, mappingSlot(w.id, BASE + 2n))).to.equal(digest);
    expect(BigInt(await ethers.provider.getStorage(w.proxy, mappingSlot(w.id, BASE + 3n)))).to.equal(held);
    // The same slots through the new implementation's views.
    await hre.network.provider.send("hardhat_setStorageAt", [
      w.proxy,
      IMPLEMENTATION_SLOT,
      ethers.zeroPadValue(w.current, 32),
    ]);
    expect(await governor.proposalCodeDigest(w.id)).to.equal(digest);
    expect(await governor.proposalHeldUntil(w.id)).to.equal(held);
  });

  it("an upgrade by DAO proposal keeps the in-flight proposal's pin (strict, no codeless record) and hold", async () => {
    const w = await loadFixture(v1Fixture);
    const digest = await w.v1.proposalCodeDigest(w.id);
    const held = await w.v1.proposalHeldUntil(w.id);
    await passAsDao(
      w,
      action(w.proxy, w.v1.interface.encodeFunctionData("upgradeToAndCall", [w.current, "0x"]), "Upgrade the governor"),
    );
    expect(await slotAddress(w.proxy, IMPLEMENTATION_SLOT)).to.equal(w.current);
    const governor = BytomGovernor__factory.connect(w.proxy, w.deployer);
    expect(await governor.proposalCodeDigest(w.id)).to.equal(digest);
    expect(await governor.proposalHeldUntil(w.id)).to.equal(held);
    expect(await governor.proposalCodelessTargets(w.id)).to.equal(0n);
    expect(await governor.state(w.id)).to.equal(State.Queued);
    await travelPast(held);
    const a = await proposalActions(governor, w.id);
    // Created under 0.1: its codeless target keeps the strict pin.
    await setCode(w.eoa, "0x00");
    await expect(governor.execute(a.targets, a.values, a.calldatas, a.descriptionHash))
      .to.be.revertedWithCustomError(governor, "BytomGovernorTargetCodeChanged")
      .withArgs(w.id);
    await setCode(w.eoa, "0x");
    await expect(governor.execute(a.targets, a.values, a.calldatas, a.descriptionHash))
      .to.emit(governor, "ProposalExecuted")
      .withArgs(w.id);
    expect(await w.benign.pings()).to.equal(1n);
  });
});
