/** The deployed suite the invariant fuzzer drives, with its actors by role. */
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { Interface } from "ethers";
import { deployFixture, type Fixture } from "../../test/fixtures/deploy";
import {
  InvariantLens__factory,
  MockPersonhoodVerifier__factory,
  type InvariantLens,
  type MockPersonhoodVerifier,
} from "../../typechain-types";

export interface World extends Fixture {
  signers: HardhatEthersSigner[];
  deployer: HardhatEthersSigner;
  /** Everyone who may act: deployer, committee, holders, the agent, outsiders, candidates. */
  actors: HardhatEthersSigner[];
  /** The DAO itself (the timelock, impersonated) for DAO-only calls of contracts it owns. */
  dao: HardhatEthersSigner;
  agentKey: HardhatEthersSigner;
  verifier: MockPersonhoodVerifier;
  timelockAddress: string;
  agentDelegateAddress: string;
  interfaces: Interface[];
  /** Test-only reader: all the per-call invariant state in one eth_call (contracts/test/InvariantLens.sol). */
  lens: InvariantLens;
  /** The suite's addresses as the lens takes them. */
  suite: InvariantLens.SuiteStruct;
  /** Accounts whose votes and delegates the invariants sum: the actors and the AI delegate. */
  everyone: string[];
}

export async function buildWorld(): Promise<World> {
  const f = await deployFixture();
  const signers = await hre.ethers.getSigners();
  const timelockAddress = await f.timelock.getAddress();
  await hre.network.provider.send("hardhat_impersonateAccount", [timelockAddress]);
  await hre.network.provider.send("hardhat_setBalance", [timelockAddress, "0x56bc75e2d63100000"]);
  const dao = await hre.ethers.getSigner(timelockAddress);
  const agent = await f.constitution.activeAgent();
  const agentKey = signers.find((s) => s.address === agent);
  if (agentKey === undefined) throw new Error(`the genesis agent ${agent} is not a local signer`);
  // Personhood for the executive lifecycle: the DAO approves a mock verifier (nullifiers set per enrolment).
  const verifier = await new MockPersonhoodVerifier__factory(signers[0]).deploy();
  await f.executiveRegistry.connect(dao).approveVerifier(await verifier.getAddress());
  // Holders start self-delegated (committee, alice..dave), as after the launch; the fuzzer moves it all around.
  for (const holder of signers.slice(1, 10)) await f.token.connect(holder).delegate(holder.address);
  const interfaces = [
    f.token.interface,
    f.constitution.interface,
    f.committee.interface,
    f.governor.interface,
    f.timelock.interface,
    f.modelRegistry.interface,
    f.executiveRegistry.interface,
    f.agentDelegate.interface,
  ];
  const lens = await new InvariantLens__factory(signers[0]).deploy();
  const agentDelegateAddress = await f.agentDelegate.getAddress();
  const suite: InvariantLens.SuiteStruct = {
    token: await f.token.getAddress(),
    constitution: await f.constitution.getAddress(),
    committee: await f.committee.getAddress(),
    governor: await f.governor.getAddress(),
    timelock: timelockAddress,
    modelRegistry: await f.modelRegistry.getAddress(),
    executiveRegistry: await f.executiveRegistry.getAddress(),
    agentDelegate: agentDelegateAddress,
    deployer: signers[0].address,
  };
  return {
    ...f,
    signers,
    deployer: signers[0],
    actors: signers.slice(0, 16),
    dao,
    agentKey,
    verifier,
    timelockAddress,
    agentDelegateAddress,
    interfaces,
    lens,
    suite,
    everyone: [...signers.slice(0, 16).map((a) => a.address), agentDelegateAddress],
  };
}
