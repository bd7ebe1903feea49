import { expect } from "chai";
import { ethers } from "ethers";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFixture } from "./fixtures/deploy";

/** ERC-7201: keccak256(abi.encode(uint256(keccak256(id)) - 1)) & ~bytes32(uint256(0xff)). */
function erc7201(id: string): bigint {
  const inner = BigInt(ethers.keccak256(ethers.toUtf8Bytes(id))) - 1n;
  return BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn;
}

async function word(address: string, slot: bigint): Promise<bigint> {
  return BigInt(await hre.ethers.provider.getStorage(address, slot));
}

describe("ERC-7201 namespaced storage", () => {
  it("GovernanceToken keeps its cap at the first slot of erc7201:bytomdao.storage.GovernanceToken", async () => {
    const f = await loadFixture(deployFixture);
    expect(await word(await f.token.getAddress(), erc7201("bytomdao.storage.GovernanceToken"))).to.equal(
      f.config.token.cap,
    );
  });

  it("Constitution keeps currentVersion at the first slot of erc7201:bytomdao.storage.Constitution", async () => {
    const f = await loadFixture(deployFixture);
    expect(await word(await f.constitution.getAddress(), erc7201("bytomdao.storage.Constitution"))).to.equal(1n);
  });

  it("GovernanceCommittee keeps seat 0 at the first slot of erc7201:bytomdao.storage.GovernanceCommittee", async () => {
    const f = await loadFixture(deployFixture);
    const value = await word(await f.committee.getAddress(), erc7201("bytomdao.storage.GovernanceCommittee"));
    expect(ethers.getAddress(ethers.toBeHex(value, 20))).to.equal(f.config.committee[0]);
  });

  it("BytomGovernor keeps the constitution at the first slot of erc7201:bytomdao.storage.BytomGovernor", async () => {
    const f = await loadFixture(deployFixture);
    const value = await word(await f.governor.getAddress(), erc7201("bytomdao.storage.BytomGovernor"));
    expect(ethers.getAddress(ethers.toBeHex(value, 20))).to.equal(await f.constitution.getAddress());
  });

  it("BytomGovernor appends the ballot relay as field 4 of erc7201:bytomdao.storage.BytomGovernor (after the holds)", async () => {
    const f = await loadFixture(deployFixture);
    const value = await word(await f.governor.getAddress(), erc7201("bytomdao.storage.BytomGovernor") + 4n);
    expect(ethers.getAddress(ethers.toBeHex(value, 20))).to.equal(await f.ballotRelay.getAddress());
  });

  it("ModelRegistry keeps the constitution at the first slot of erc7201:bytomdao.storage.ModelRegistry (V1's)", async () => {
    const f = await loadFixture(deployFixture);
    const value = await word(await f.modelRegistry.getAddress(), erc7201("bytomdao.storage.ModelRegistry"));
    expect(ethers.getAddress(ethers.toBeHex(value, 20))).to.equal(await f.constitution.getAddress());
  });

  for (const [file, constant, id] of [
    ["ModelRegistryBaseUpgradeable", "MODEL_REGISTRY_STORAGE", "bytomdao.storage.ModelRegistry"],
    ["ModelEvaluationUpgradeable", "MODEL_EVALUATION_STORAGE", "bytomdao.storage.ModelEvaluation"],
  ] as const) {
    it(`the model registry's ${file} module keeps its state at erc7201:${id}`, async () => {
      const path = `contracts/models/modules/${file}.sol`;
      const source = await hre.artifacts.getBuildInfo(`${path}:${file}`);
      const text = source!.input.sources[path].content;
      const value = new RegExp(`${constant} =\\s+(0x[0-9a-f]{64})`).exec(text)![1];
      expect(BigInt(value)).to.equal(erc7201(id));
    });
  }

  it("AgentDelegate keeps the constitution at the first slot of erc7201:bytomdao.storage.AgentDelegate", async () => {
    const f = await loadFixture(deployFixture);
    const value = await word(await f.agentDelegate.getAddress(), erc7201("bytomdao.storage.AgentDelegate"));
    expect(ethers.getAddress(ethers.toBeHex(value, 20))).to.equal(await f.constitution.getAddress());
  });

  it("the counting module's location is erc7201:bytomdao.storage.GovernorSupermajorityCounting", async () => {
    const source = await hre.artifacts.getBuildInfo(
      "contracts/governance/extensions/GovernorSupermajorityCountingUpgradeable.sol:GovernorSupermajorityCountingUpgradeable",
    );
    const text =
      source!.input.sources["contracts/governance/extensions/GovernorSupermajorityCountingUpgradeable.sol"].content;
    const constant = /COUNTING_STORAGE = (0x[0-9a-f]{64})/.exec(text)![1];
    expect(BigInt(constant)).to.equal(erc7201("bytomdao.storage.GovernorSupermajorityCounting"));
  });

  for (const module of ["Personhood", "Appointments", "Budgets", "Resources"]) {
    it(`ExecutiveRegistry's ${module} module lives at erc7201:bytomdao.storage.Executive${module}`, async () => {
      const file = `contracts/executive/modules/Executive${module}.sol`;
      const source = await hre.artifacts.getBuildInfo(`${file}:Executive${module}`);
      const text = source!.input.sources[file].content;
      expect(text).to.include(`@custom:storage-location erc7201:bytomdao.storage.Executive${module}`);
      const constant = /_STORAGE = (0x[0-9a-f]{64})/.exec(text)![1];
      expect(BigInt(constant)).to.equal(erc7201(`bytomdao.storage.Executive${module}`));
    });
  }

  it("ExecutiveRegistry keeps the constitution at the first slot of erc7201:bytomdao.storage.ExecutiveAppointments", async () => {
    const f = await loadFixture(deployFixture);
    const value = await word(await f.executiveRegistry.getAddress(), erc7201("bytomdao.storage.ExecutiveAppointments"));
    expect(ethers.getAddress(ethers.toBeHex(value, 20))).to.equal(await f.constitution.getAddress());
  });

  it("ExecutiveRegistry passes the upgrades plugin's validation (namespaced storage, initializers)", async () => {
    await hre.upgrades.validateImplementation(await hre.ethers.getContractFactory("ExecutiveRegistry"), {
      kind: "uups",
    });
  });
});
