import hre from "hardhat";
import { ethers, type ContractTransactionResponse, type Signer } from "ethers";
import { readConfigFile, resolveConfig } from "../../deploy/config";
import { deployBytomDAO } from "../../deploy/deploy";
import {
  ReferenceGovernor__factory,
  ReferenceToken__factory,
  TimelockController__factory,
} from "../../typechain-types";
import { Support, action, execute, queue } from "../../sdk/governance";
import { travelPast as travelPastOn } from "../../sdk/dev";

/** Moves the local chain clock past `timestamp` (sdk/dev). */
const travelPast = (timestamp: bigint): Promise<void> => travelPastOn(hre.ethers.provider, timestamp);

const VOTERS = 12;
const PROPOSALS = 3;

export interface GovernanceBench {
  rows: { operation: string; ours: bigint; reference: bigint }[];
  castVoteRatio: number;
}

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction not mined");
  return receipt.gasUsed;
}

const mean = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n) / BigInt(xs.length);

/**
 * Measures propose, castVote, queue and execute on BytomDAO's governor and, in the same run, on the canonical
 * OpenZeppelin Governor (CountingSimple + Votes + QuorumFraction + TimelockControl, non-upgradeable, over a plain
 * ERC20Votes token). Both run the same scenario: 12 voters holding one vote checkpoint each vote For on three
 * proposals created together; then the first proposal is queued and executed (a 1-token treasury transfer).
 *
 * "castVote (steady state)" is the mean of voters 2..12 on the third proposal: members who voted before, on a
 * proposal whose tally already exists — the regime of a DAO that votes proposal after proposal. "castVote (first
 * vote of a new member)" is the same on the first proposal. Ours pays two proxy hops (governor and token are UUPS)
 * that the reference does not.
 */
export async function benchGovernance(log: (line: string) => void): Promise<GovernanceBench> {
  const signers = await hre.ethers.getSigners();
  const voters = signers.slice(6, 6 + VOTERS);
  const recipient = await signers[19].getAddress();

  // ---------------------------------------------------------------- ours
  const config = await resolveConfig(readConfigFile("hardhat"), signers);
  const dao = await deployBytomDAO(hre, signers[0], config);
  const { token, committee, governor } = dao;
  const [c1, c2, c3] = signers.slice(1, 4);
  // Give voters 10..17 tokens from holders 6..9 before anyone delegates (one vote checkpoint per voter).
  for (let i = 4; i < VOTERS; i++) {
    await (
      await token.connect(voters[i % 4]).transfer(await voters[i].getAddress(), ethers.parseUnits("10000000", 18))
    ).wait();
  }
  for (const v of voters) await (await token.connect(v).delegate(await v.getAddress())).wait();
  const oursProposals = [];
  const oursPropose: bigint[] = [];
  const oursDraft: bigint[] = [];
  const oursApprovals: bigint[] = [];
  for (let k = 1; k <= PROPOSALS; k++) {
    const p = action(
      await token.getAddress(),
      token.interface.encodeFunctionData("transfer", [recipient, ethers.parseUnits(String(k), 18)]),
      `Bench proposal ${k}`,
    );
    oursDraft.push(
      await gas(committee.connect(voters[0]).submitDraft(p.targets, p.values, p.calldatas, p.description)),
    );
    oursProposals.push({ draftId: await committee.draftCount(), p });
  }
  await travelPast(await committee.discussionEndsAt(oursProposals[PROPOSALS - 1].draftId));
  const oursIds: bigint[] = [];
  for (const { draftId, p } of oursProposals) {
    const { revision } = await committee.getDraft(draftId);
    let approvals = 0n;
    for (const m of [c1, c2, c3]) approvals += await gas(committee.connect(m).approveDraft(draftId, revision));
    oursApprovals.push(approvals);
    oursPropose.push(
      await gas(committee.connect(voters[0]).propose(draftId, p.targets, p.values, p.calldatas, p.description)),
    );
    oursIds.push(await governor.latestProposalId());
  }
  await travelPast(await governor.proposalSnapshot(oursIds[PROPOSALS - 1]));
  const oursVotes: bigint[][] = [];
  for (const id of oursIds) {
    const row: bigint[] = [];
    for (const v of voters) row.push(await gas(governor.connect(v).castVote(id, Support.For)));
    oursVotes.push(row);
  }
  await travelPast(await governor.proposalDeadline(oursIds[0]));
  const oursQueue = await gas(queue(governor, voters[0], oursIds[0]));
  await travelPast(await governor.proposalEta(oursIds[0]));
  const oursExecute = await gas(execute(governor, voters[0], oursIds[0]));

  // ----------------------------------------------------------- reference
  const deployer: Signer = signers[0];
  const timelock = await new TimelockController__factory(deployer).deploy(
    config.timelockMinDelay,
    [],
    [],
    await deployer.getAddress(),
  );
  const holders = await Promise.all(voters.map((v) => v.getAddress()));
  const refToken = await new ReferenceToken__factory(deployer).deploy(
    [...holders, await timelock.getAddress()],
    ethers.parseUnits("50000000", 18),
  );
  const refGovernor = await new ReferenceGovernor__factory(deployer).deploy(
    await refToken.getAddress(),
    await timelock.getAddress(),
  );
  const g = await refGovernor.getAddress();
  for (const role of [
    await timelock.PROPOSER_ROLE(),
    await timelock.EXECUTOR_ROLE(),
    await timelock.CANCELLER_ROLE(),
  ]) {
    await (await timelock.grantRole(role, g)).wait();
  }
  await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), await deployer.getAddress())).wait();
  for (const v of voters) await (await refToken.connect(v).delegate(await v.getAddress())).wait();
  await travelPast(BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp) + 1n);
  const refIds: bigint[] = [];
  const refPropose: bigint[] = [];
  const refActions = [];
  for (let k = 1; k <= PROPOSALS; k++) {
    const calldata = refToken.interface.encodeFunctionData("transfer", [recipient, ethers.parseUnits(String(k), 18)]);
    const a = {
      targets: [await refToken.getAddress()],
      values: [0n],
      calldatas: [calldata],
      description: `Bench proposal ${k}`,
    };
    refPropose.push(await gas(refGovernor.connect(voters[0]).propose(a.targets, a.values, a.calldatas, a.description)));
    refIds.push(await refGovernor.getProposalId(a.targets, a.values, a.calldatas, ethers.id(a.description)));
    refActions.push(a);
  }
  await travelPast(await refGovernor.proposalSnapshot(refIds[PROPOSALS - 1]));
  const refVotes: bigint[][] = [];
  for (const id of refIds) {
    const row: bigint[] = [];
    for (const v of voters) row.push(await gas(refGovernor.connect(v).castVote(id, Support.For)));
    refVotes.push(row);
  }
  await travelPast(await refGovernor.proposalDeadline(refIds[0]));
  const a0 = refActions[0];
  const refQueue = await gas(refGovernor.queue(a0.targets, a0.values, a0.calldatas, ethers.id(a0.description)));
  await travelPast(await refGovernor.proposalEta(refIds[0]));
  const refExecute = await gas(refGovernor.execute(a0.targets, a0.values, a0.calldatas, ethers.id(a0.description)));

  const rows = [
    { operation: "propose (mean of 3)", ours: mean(oursPropose), reference: mean(refPropose) },
    {
      operation: "draft + 3 approvals + propose (mean of 3)",
      ours: mean(oursDraft) + mean(oursApprovals) + mean(oursPropose),
      reference: mean(refPropose),
    },
    {
      operation: "castVote (first voter on a proposal)",
      ours: oursVotes[PROPOSALS - 1][0],
      reference: refVotes[PROPOSALS - 1][0],
    },
    {
      operation: "castVote (first vote of a new member)",
      ours: mean(oursVotes[0].slice(1)),
      reference: mean(refVotes[0].slice(1)),
    },
    {
      operation: "castVote (steady state)",
      ours: mean(oursVotes[PROPOSALS - 1].slice(1)),
      reference: mean(refVotes[PROPOSALS - 1].slice(1)),
    },
    { operation: "queue", ours: oursQueue, reference: refQueue },
    { operation: "execute", ours: oursExecute, reference: refExecute },
  ];
  log(
    `Governor: ${VOTERS} voters, ${PROPOSALS} proposals; ours = BytomGovernor via committee (UUPS governor + UUPS token), reference = OpenZeppelin Governor`,
  );
  log(`  ${"operation".padEnd(40)} ${"ours".padStart(9)} ${"reference".padStart(10)}  ratio`);
  for (const r of rows) {
    log(
      `  ${r.operation.padEnd(40)} ${r.ours.toString().padStart(9)} ${r.reference.toString().padStart(10)}  ${(Number(r.ours) / Number(r.reference)).toFixed(3)}`,
    );
  }
  const steady = rows.find((r) => r.operation === "castVote (steady state)")!;
  return { rows, castVoteRatio: Number(steady.ours) / Number(steady.reference) };
}
