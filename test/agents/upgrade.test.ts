import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { impersonate } from "../governance/helpers";
import { agentWorld } from "./helpers";

describe("AgentDelegate upgrade safety", () => {
  it("validates as an upgrade of the first implementation (its retired Nonces namespace stays reserved)", async () => {
    const v1 = await ethers.getContractFactory("AgentDelegateV1");
    const current = await ethers.getContractFactory("AgentDelegate");
    await upgrades.validateUpgrade(v1, current, { kind: "uups" });
    await upgrades.validateImplementation(current, { kind: "uups" });
  });

  it("a V1 proxy upgraded by the DAO keeps its wiring and gains the safeguards' state empty", async () => {
    const w = await loadFixture(agentWorld);
    const v1 = await ethers.getContractFactory("AgentDelegateV1");
    const proxy = await upgrades.deployProxy(
      v1,
      [w.timelockAddress, await w.constitution.getAddress(), await w.governor.getAddress()],
      { kind: "uups" },
    );
    const address = await proxy.getAddress();
    const impl = await (await (await ethers.getContractFactory("AgentDelegate")).deploy()).getAddress();
    await proxy.connect(await impersonate(w.timelockAddress)).getFunction("upgradeToAndCall")(impl, "0x");
    const upgraded = await ethers.getContractAt("AgentDelegate", address);
    expect(await upgraded.constitution()).to.equal(await w.constitution.getAddress());
    expect(await upgraded.governor()).to.equal(await w.governor.getAddress());
    expect(await upgraded.isAbstainForced(w.id)).to.equal(false);
    // Not initialised again: no self-recusal until the DAO adds it.
    expect(await upgraded.isRecused(address, "0xffffffff")).to.equal(false);
  });
});
