import hre from "hardhat";
import { ethers, type ContractTransactionResponse, type Signer } from "ethers";
import { impersonateAccount, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { readConfigFile, resolveConfig } from "../../deploy/config";
import { deployBytomDAO } from "../../deploy/deploy";
import {
  ReferenceGovernor__factory,
  ReferenceToken__factory,
  TimelockController__factory,
} from "../../typechain-types";
import { Support, proposalActions } from "../../sdk/governance";
import { travelPast as travelPastOn } from "../../sdk/dev";

const travelPast = (timestamp: bigint): Promise<void> => travelPastOn(hre.ethers.provider, timestamp);

const PROPOSALS = 3;

export interface AgentBench {
  /** Relayed AI vote, cap off / cap on (binding), on the last proposal. */
  ours: bigint;
  oursCapped: bigint;
  /** OpenZeppelin Governor castVoteBySig of a member who voted before, on the last proposal. */
  reference: bigint;
}

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction not mined");
  return receipt.gasUsed;
}

async function as(address: string): Promise<Signer> {
  await impersonateAccount(address);
  await setBalance(address, ethers.parseEther("10"));
  return hre.ethers.getSigner(address);
}

const domainOf = async (name: string, version: string, verifyingContract: string) => ({
  name,
  version,
  chainId: (await hre.ethers.provider.getNetwork()).chainId,
  verifyingContract,
});

/**
 * A relayed AI vote (`AgentDelegate.castVoteBySig`: EIP-712 ballot of the active model's key, recusal check over the
 * proposal's actions, cap lookup, then the governor's vote with the delegated weight) against OpenZeppelin's
 * `Governor.castVoteBySig` on the reference governor. Both on the third of three proposals, where another member
 * voted first (the quorum is computed) and the signer voted on the previous two (steady state). Ours pays the
 * AgentDelegate proxy, the constitution reads and the recusal check on top of the governor's own vote.
 */
export async function benchAgent(log: (line: string) => void): Promise<AgentBench> {
  const signers = await hre.ethers.getSigners();
  const [, , , , , , alice, bob, carol, dave, agent] = signers;
  const recipient = await signers[19].getAddress();

  const measure = async (capBps: number): Promise<bigint> => {
    const config = await resolveConfig(readConfigFile("hardhat"), signers);
    const dao = await deployBytomDAO(hre, signers[0], config);
    const { token, governor, agentDelegate, constitution } = dao;
    const delegate = await agentDelegate.getAddress();
    await (await token.connect(alice).delegate(await alice.getAddress())).wait();
    for (const s of [carol, dave]) await (await token.connect(s).delegate(delegate)).wait();
    if (capBps !== 0) {
      await (await constitution.connect(await as(dao.addresses.TimelockController)).setAgentVoteCapBps(capBps)).wait();
    }
    const committee = await as(dao.addresses.GovernanceCommittee);
    const ids: bigint[] = [];
    for (let k = 1; k <= PROPOSALS; k++) {
      const calldata = token.interface.encodeFunctionData("transfer", [recipient, ethers.parseUnits(String(k), 18)]);
      await (await governor.connect(committee).propose([await token.getAddress()], [0n], [calldata], `AI ${k}`)).wait();
      ids.push(await governor.latestProposalId());
    }
    await travelPast(await governor.proposalSnapshot(ids[PROPOSALS - 1]));
    const domain = await domainOf("BytomDAO Agent Delegate", "1", delegate);
    const types = {
      AgentBallot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "reason", type: "string" },
        { name: "rationaleHash", type: "bytes32" },
        { name: "modelId", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    };
    let last = 0n;
    for (const id of ids) {
      await (await governor.connect(alice).castVote(id, Support.For)).wait();
      const ballot = {
        proposalId: id,
        support: Support.For,
        reason: `ipfs://bytomdao/agent/reasoning/${id}`,
        rationaleHash: ethers.id(`reasoning ${id}`),
        modelId: await constitution.activeModelId(),
        expiry: BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp) + 86_400n,
      };
      const signature = await agent.signTypedData(domain, types, ballot);
      const a = await proposalActions(governor, id);
      const actions = {
        targets: a.targets,
        values: a.values,
        calldatas: a.calldatas,
        descriptionHash: a.descriptionHash,
      };
      last = await gas(agentDelegate.connect(bob).castVoteBySig(ballot, actions, signature));
    }
    return last;
  };
  const ours = await measure(0);
  const oursCapped = await measure(1000);

  // ----------------------------------------------------------- reference
  const deployer = signers[0];
  const timelock = await new TimelockController__factory(deployer).deploy(3600, [], [], await deployer.getAddress());
  const voters = [alice, dave];
  const refToken = await new ReferenceToken__factory(deployer).deploy(
    [...(await Promise.all(voters.map((v) => v.getAddress()))), await timelock.getAddress()],
    ethers.parseUnits("100000000", 18),
  );
  const refGovernor = await new ReferenceGovernor__factory(deployer).deploy(
    await refToken.getAddress(),
    await timelock.getAddress(),
  );
  for (const v of voters) await (await refToken.connect(v).delegate(await v.getAddress())).wait();
  await travelPast(BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp) + 1n);
  const refIds: bigint[] = [];
  for (let k = 1; k <= PROPOSALS; k++) {
    const calldata = refToken.interface.encodeFunctionData("transfer", [recipient, ethers.parseUnits(String(k), 18)]);
    const target = await refToken.getAddress();
    await (await refGovernor.connect(alice).propose([target], [0n], [calldata], `AI ${k}`)).wait();
    refIds.push(await refGovernor.getProposalId([target], [0n], [calldata], ethers.id(`AI ${k}`)));
  }
  await travelPast(await refGovernor.proposalSnapshot(refIds[PROPOSALS - 1]));
  const d = await refGovernor.eip712Domain();
  const refDomain = await domainOf(d.name, d.version, await refGovernor.getAddress());
  const ballotTypes = {
    Ballot: [
      { name: "proposalId", type: "uint256" },
      { name: "support", type: "uint8" },
      { name: "voter", type: "address" },
      { name: "nonce", type: "uint256" },
    ],
  };
  let reference = 0n;
  for (const id of refIds) {
    await (await refGovernor.connect(alice).castVote(id, Support.For)).wait();
    const voter = await dave.getAddress();
    const nonce = await refGovernor.nonces(voter);
    const signature = await dave.signTypedData(refDomain, ballotTypes, {
      proposalId: id,
      support: Support.For,
      voter,
      nonce,
    });
    reference = await gas(refGovernor.connect(bob).castVoteBySig(id, Support.For, voter, signature));
  }

  log(`  ${"operation".padEnd(48)} ${"ours".padStart(9)} ${"reference".padStart(10)}  ratio`);
  for (const [operation, value] of [
    ["relayed AI vote (cap off) vs castVoteBySig", ours],
    ["relayed AI vote (cap on, binding) vs castVoteBySig", oursCapped],
  ] as const) {
    log(
      `  ${operation.padEnd(48)} ${value.toString().padStart(9)} ${reference.toString().padStart(10)}  ${(Number(value) / Number(reference)).toFixed(3)}`,
    );
  }
  return { ours, oursCapped, reference };
}
