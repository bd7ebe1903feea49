/**
 * ModelRegistry behind its UUPS proxy, wired to the test-only MockConstitution (version 1 in force) and
 * MockCommittee: for the standalone demo, the bench and the tests. The main demo uses the real contracts.
 */
import { ethers, upgrades } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { MockCommittee, MockConstitution, ModelRegistry } from "../typechain-types";

export const MOCK_GENESIS_ROOT = ethers.id("genesis weights manifest root");
export const MOCK_GENESIS_URI = "ipfs://genesis-model-manifest";

export async function deployRegistryOnMocks(
  dao: HardhatEthersSigner,
  members: HardhatEthersSigner[],
  genesisOperator: HardhatEthersSigner,
): Promise<{ registry: ModelRegistry; constitution: MockConstitution; committee: MockCommittee }> {
  const constitution = (await (
    await ethers.getContractFactory("MockConstitution")
  ).deploy(genesisOperator.address)) as unknown as MockConstitution;
  const seats = members.map((m) => m.address) as [string, string, string, string, string];
  const committee = (await (
    await ethers.getContractFactory("MockCommittee")
  ).deploy(seats)) as unknown as MockCommittee;
  const registry = (await upgrades.deployProxy(
    await ethers.getContractFactory("ModelRegistry"),
    [
      dao.address,
      await constitution.getAddress(),
      await committee.getAddress(),
      MOCK_GENESIS_ROOT,
      genesisOperator.address,
      MOCK_GENESIS_URI,
    ],
    { kind: "uups" },
  )) as unknown as ModelRegistry;
  await constitution.setModelRegistry(await registry.getAddress());
  return { registry, constitution, committee };
}
