/**
 * Unauthorised upgrades (bug class 13): only an executed proposal upgrades a proxy.
 */
import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { PANIC_CODES } from "@nomicfoundation/hardhat-chai-matchers/panic";
import {
  BytomGovernor__factory,
  Constitution__factory,
  ConstitutionV2__factory,
  GovernanceToken__factory,
  ModelRegistry__factory,
  ModelRegistryV1__factory,
  ModelRegistryV2Mock__factory,
} from "../../../typechain-types";
import {
  IMPLEMENTATION_SLOT,
  action,
  delegatedFixture,
  impersonate,
  passAsDao,
  slotAddress,
  worldFixture,
} from "../helpers";

describe("Attack: unauthorised upgrades", () => {
  async function upgradeFixture() {
    const w = await worldFixture();
    // A perfectly valid new implementation an attacker would like to install.
    const evilImpl = await new GovernanceToken__factory(w.deployer).deploy();
    return { ...w, evilImpl: await evilImpl.getAddress() };
  }

  for (const name of ["GovernanceToken", "Constitution", "GovernanceCommittee"] as const) {
    it(`${name}: upgradeToAndCall by the deployer, a member, any EOA, the committee or the governor → OwnableUnauthorizedAccount`, async () => {
      const w = await loadFixture(upgradeFixture);
      const proxy = w.addresses[name];
      const contract = name === "GovernanceToken" ? w.token : name === "Constitution" ? w.constitution : w.committee;
      const implBefore = await slotAddress(proxy, IMPLEMENTATION_SLOT);
      const callers = [
        w.deployer,
        w.c[0],
        w.alice,
        w.agent,
        await impersonate(w.addresses.GovernanceCommittee),
        await impersonate(w.addresses.BytomGovernor),
      ];
      for (const caller of callers) {
        await expect(contract.connect(caller).upgradeToAndCall(w.evilImpl, "0x"))
          .to.be.revertedWithCustomError(contract, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
      expect(await slotAddress(proxy, IMPLEMENTATION_SLOT)).to.equal(implBefore);
    });
  }

  it("BytomGovernor: upgradeToAndCall by anyone but the executor → GovernorOnlyExecutor", async () => {
    const w = await loadFixture(upgradeFixture);
    const implBefore = await slotAddress(w.addresses.BytomGovernor, IMPLEMENTATION_SLOT);
    const callers = [w.deployer, w.c[0], w.alice, await impersonate(w.addresses.GovernanceCommittee)];
    for (const caller of callers) {
      await expect(w.governor.connect(caller).upgradeToAndCall(w.evilImpl, "0x"))
        .to.be.revertedWithCustomError(w.governor, "GovernorOnlyExecutor")
        .withArgs(caller.address);
    }
    // Even the timelock, outside the governor's execution of a proposal, cannot: the governance-call queue is empty.
    const timelock = await impersonate(w.timelockAddress);
    await expect(w.governor.connect(timelock).upgradeToAndCall(w.evilImpl, "0x")).to.be.revertedWithPanic(
      PANIC_CODES.POP_ON_EMPTY_ARRAY,
    );
    expect(await slotAddress(w.addresses.BytomGovernor, IMPLEMENTATION_SLOT)).to.equal(implBefore);
  });

  it("implementations refuse upgradeToAndCall outside a proxy (UUPSUnauthorizedCallContext)", async () => {
    const w = await loadFixture(upgradeFixture);
    const impl = GovernanceToken__factory.connect(w.addresses.GovernanceTokenImplementation, w.outsider);
    await expect(impl.upgradeToAndCall(w.evilImpl, "0x")).to.be.revertedWithCustomError(
      impl,
      "UUPSUnauthorizedCallContext",
    );
  });

  it("an executed proposal upgrades the Constitution to a validated V2; state is preserved", async () => {
    const w = await loadFixture(delegatedFixture);
    const proxy = w.addresses.Constitution;
    const v2Factory = new ConstitutionV2__factory(w.deployer);
    // Validated against the V1 contract itself (not the plugin's network manifest, which snapshot reverts can
    // leave pointing at contracts of other tests).
    await upgrades.validateUpgrade(new Constitution__factory(w.deployer), v2Factory, { kind: "uups" });
    await upgrades.validateImplementation(v2Factory, { kind: "uups" });
    const newImpl = await (await v2Factory.deploy()).getAddress();
    const paramsBefore = await w.constitution.parameters();
    const p = action(
      proxy,
      w.constitution.interface.encodeFunctionData("upgradeToAndCall", [newImpl, "0x"]),
      "Upgrade the Constitution to V2",
    );
    await passAsDao(w, p);
    expect(await slotAddress(proxy, IMPLEMENTATION_SLOT)).to.equal(newImpl);
    const v2 = ConstitutionV2__factory.connect(proxy, w.deployer);
    expect(await v2.implementationVersion()).to.equal(2n);
    expect(await v2.currentVersion()).to.equal(1n);
    expect(await v2.owner()).to.equal(w.timelockAddress);
    expect(await v2.parameters()).to.deep.equal(paramsBefore);
    expect((await v2.getVersion(1)).textHash).to.equal(w.config.constitution.textHash);
  });

  it("ModelRegistry: the modular registry validates as an upgrade of the deployed V1, and a V2 of it validates too", async () => {
    const w = await loadFixture(worldFixture);
    const current = new ModelRegistry__factory(w.deployer);
    // The V1 contract is kept frozen in contracts/test/legacy: the layout an upgrade of the live proxy must respect.
    await upgrades.validateUpgrade(new ModelRegistryV1__factory(w.deployer), current, { kind: "uups" });
    await upgrades.validateUpgrade(current, new ModelRegistryV2Mock__factory(w.deployer), { kind: "uups" });
    await upgrades.validateImplementation(current, { kind: "uups" });
    await expect(
      upgrades.validateUpgrade(new ModelRegistryV1__factory(w.deployer), new GovernanceToken__factory(w.deployer), {
        kind: "uups",
      }),
    ).to.be.rejectedWith(/New storage layout is incompatible/);
  });

  it("upgrade validation rejects a V2 with an incompatible storage layout (the token as a new Constitution)", async () => {
    const w = await loadFixture(worldFixture);
    await expect(
      upgrades.validateUpgrade(new Constitution__factory(w.deployer), new GovernanceToken__factory(w.deployer), {
        kind: "uups",
      }),
    ).to.be.rejectedWith(/New storage layout is incompatible/);
  });

  it("an executed proposal upgrades the governor (onlyGovernance through the timelock)", async () => {
    const w = await loadFixture(delegatedFixture);
    const proxy = w.addresses.BytomGovernor;
    const factory = new BytomGovernor__factory(w.deployer);
    const opts = { kind: "uups" as const, constructorArgs: [w.addresses.GovernanceToken] };
    await upgrades.validateUpgrade(factory, factory, opts);
    const newImpl = await (await factory.deploy(w.addresses.GovernanceToken)).getAddress();
    const p = action(
      proxy,
      w.governor.interface.encodeFunctionData("upgradeToAndCall", [newImpl, "0x"]),
      "Upgrade the governor",
    );
    const id = await passAsDao(w, p);
    expect(await slotAddress(proxy, IMPLEMENTATION_SLOT)).to.equal(newImpl);
    expect(newImpl).to.not.equal(w.addresses.BytomGovernorImplementation);
    expect(await w.governor.state(id)).to.equal(7n);
    expect(await w.governor.committee()).to.equal(w.addresses.GovernanceCommittee);
  });
});
