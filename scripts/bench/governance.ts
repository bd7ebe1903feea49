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
import { proposeWithSignedApprovals, signDraftApproval } from "../../sdk/approvals";
import { attribute, classOf, formatAttribution, framesOf, writesTo, type Attribution } from "./attribution";

/** Moves the local chain clock past `timestamp` (sdk/dev). */
const travelPast = (timestamp: bigint): Promise<void> => travelPastOn(hre.ethers.provider, timestamp);

const VOTERS = 12;
const PROPOSALS = 3;

export interface GovernanceBench {
  rows: { operation: string; ours: bigint; reference: bigint }[];
  castVoteRatio: number;
}

/** Hashes of the last transactions measured by {gas} (the trace attribution reads them). */
let lastHash = "";

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction not mined");
  lastHash = receipt.hash;
  return receipt.gasUsed;
}

/** Names of the governor's per-proposal slots (ERC-7201 namespaces + mapping keys) for the trace. */
async function knownSlots(ids: bigint[]): Promise<Record<string, string>> {
  const coder = ethers.AbiCoder.defaultAbiCoder();
  const mappingSlot = (key: bigint, base: bigint) =>
    ethers.keccak256(coder.encode(["uint256", "uint256"], [key, base]));
  const GOV = BigInt("0xe43e326cb7338b833186c0571b3834f9c41342d622d55cad7f79265074a47e00");
  const COUNTING = BigInt("0x197cdf72c3cd8cb51b7707c82608a2b939623c496c5f0d8624c132f4d151fd00");
  // OpenZeppelin GovernorUpgradeable: erc7201("openzeppelin.storage.Governor"), field 1 = _proposals.
  const OZ = BigInt("0x7c712897014dbe49c045ef1299aa2d5f9e67e48eea4403efa21f1e0f3ac0cb00");
  const out: Record<string, string> = {};
  for (const id of ids) {
    out[mappingSlot(id, GOV + 2n)] = "codePin.digest";
    out[mappingSlot(id, COUNTING + 1n)] = "counting.rules";
    const tally = BigInt(mappingSlot(id, COUNTING));
    for (let s = 0n; s < 3n; s++) out[ethers.toBeHex(tally + s, 32)] = `counting.tally[${s}]`;
    const core = BigInt(mappingSlot(id, OZ + 1n));
    for (let s = 0n; s < 3n; s++) out[ethers.toBeHex(core + s, 32)] = `oz.proposal[${s}]`;
  }
  return out;
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
  const traced: Record<"propose" | "firstVoter" | "firstVote" | "execute", string> = {
    propose: "",
    firstVoter: "",
    firstVote: "",
    execute: "",
  };
  /** Submits the three bench drafts (voters[0] authors) and waits out their discussion; returns gas and drafts. */
  const submitDrafts = async () => {
    const drafts = [];
    const draftGas: bigint[] = [];
    for (let k = 1; k <= PROPOSALS; k++) {
      const p = action(
        await token.getAddress(),
        token.interface.encodeFunctionData("transfer", [recipient, ethers.parseUnits(String(k), 18)]),
        `Bench proposal ${k}`,
      );
      draftGas.push(
        await gas(committee.connect(voters[0]).submitDraft(p.targets, p.values, p.calldatas, p.description)),
      );
      drafts.push({ draftId: await committee.draftCount(), p });
    }
    await travelPast(await committee.discussionEndsAt(drafts[PROPOSALS - 1].draftId));
    return { drafts, draftGas };
  };
  // The signed path first, in a snapshot reverted afterwards (the rest of the bench never sees it): the same three
  // drafts, then 3 signed approvals + propose in ONE multicall transaction per draft.
  const snapshot: string = await hre.network.provider.send("evm_snapshot", []);
  const { drafts: signedDrafts, draftGas: signedDraft } = await submitDrafts();
  const signedMulticall: bigint[] = [];
  const deadline = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp) + 86_400n;
  for (const { draftId, p } of signedDrafts) {
    const { revision } = await committee.getDraft(draftId);
    const approvals = [];
    for (const m of [c1, c2, c3]) approvals.push(await signDraftApproval(committee, m, draftId, revision, deadline));
    signedMulticall.push((await proposeWithSignedApprovals(committee, voters[0], draftId, p, approvals)).gasUsed);
  }
  await hre.network.provider.send("evm_revert", [snapshot]);

  const { drafts: oursProposals, draftGas: oursDraft } = await submitDrafts();
  const oursPropose: bigint[] = [];
  const oursApprovals: bigint[] = [];
  const oursIds: bigint[] = [];
  for (const { draftId, p } of oursProposals) {
    const { revision } = await committee.getDraft(draftId);
    let approvals = 0n;
    for (const m of [c1, c2, c3]) approvals += await gas(committee.connect(m).approveDraft(draftId, revision));
    oursApprovals.push(approvals);
    oursPropose.push(
      await gas(committee.connect(voters[0]).propose(draftId, p.targets, p.values, p.calldatas, p.description)),
    );
    traced.propose = lastHash;
    oursIds.push(await governor.latestProposalId());
  }
  await travelPast(await governor.proposalSnapshot(oursIds[PROPOSALS - 1]));
  const oursVotes: bigint[][] = [];
  for (const id of oursIds) {
    const row: bigint[] = [];
    for (const [i, v] of voters.entries()) {
      row.push(await gas(governor.connect(v).castVote(id, Support.For)));
      if (id === oursIds[PROPOSALS - 1] && i === 0) traced.firstVoter = lastHash;
      if (id === oursIds[0] && i === 1) traced.firstVote = lastHash;
    }
    oursVotes.push(row);
  }
  await travelPast(await governor.proposalDeadline(oursIds[0]));
  const oursQueue = await gas(queue(governor, voters[0], oursIds[0]));
  await travelPast(await governor.proposalEta(oursIds[0]));
  const oursExecute = await gas(execute(governor, voters[0], oursIds[0]));
  traced.execute = lastHash;

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
  const refExecuteHash = lastHash;

  const rows = [
    { operation: "propose (mean of 3)", ours: mean(oursPropose), reference: mean(refPropose) },
    {
      operation: "draft + 3 approvals + propose (mean of 3)",
      ours: mean(oursDraft) + mean(oursApprovals) + mean(oursPropose),
      reference: mean(refPropose),
    },
    {
      operation: "3 signed approvals + propose, one multicall",
      ours: mean(signedMulticall),
      reference: mean(refPropose),
    },
    {
      operation: "draft + multicall(3 signed approvals + propose)",
      ours: mean(signedDraft) + mean(signedMulticall),
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
  // Where the premiums go: the node's trace of our transactions, per contract and opcode class.
  const labels: Record<string, string> = {};
  for (const [name, address] of Object.entries(dao.addresses)) labels[address.toLowerCase()] = name;
  const governorAddress = await governor.getAddress();
  labels[governorAddress.toLowerCase()] = "BytomGovernor (proxy)";
  const slots = await knownSlots(oursIds);
  const traces: Record<string, Attribution> = {};
  for (const [key, title] of [
    ["propose", "propose (committee.propose → governor.propose)"],
    ["firstVoter", "castVote, first voter on a proposal"],
    ["firstVote", "castVote, a member's first vote ever"],
    ["execute", "execute"],
  ] as const) {
    traces[key] = await attribute(traced[key], labels, slots);
    log(`  trace: ${title}`);
    for (const line of formatAttribution(traces[key])) log(`    ${line}`);
  }
  // What each protection costs, from the traces (docs/gas.md explains each).
  const GOV = ["BytomGovernorImplementation"];
  const CONSTITUTION = ["Constitution", "ConstitutionImplementation"];
  const TOKEN = ["GovernanceToken", "GovernanceTokenImplementation"];
  const PROXIES = ["BytomGovernor (proxy)", "GovernanceToken"];
  const p = traces.propose;
  const committeeStep = framesOf(p, ["GovernanceCommittee", "GovernanceCommitteeImplementation"]);
  const codePin = writesTo(p, "codePin.digest") + classOf(p, GOV, "EXTCODE");
  const rules = writesTo(p, "counting.rules") + framesOf(p, CONSTITUTION);
  const quorumCache =
    framesOf(traces.firstVoter, CONSTITUTION) +
    framesOf(traces.firstVoter, TOKEN) -
    framesOf(traces.firstVote, TOKEN) +
    writesTo(traces.firstVoter, "counting.rules");
  const proxyHops = framesOf(traces.firstVote, PROXIES);
  log(
    `  whole path to the vote: draft ${mean(oursDraft)} + 3 approvals ${mean(oursApprovals)} + propose ${mean(oursPropose)}`,
  );
  log(
    `  whole path to the vote, signed approvals: draft ${mean(signedDraft)} + multicall(3 signed approvals + propose) ${mean(signedMulticall)}`,
  );
  log(`  protections, in gas (from the traces):`);
  log(`    propose: committee review step (draft content check, status, proposal link) ${committeeStep}`);
  log(`    propose: code pin (EXTCODEHASH of each target + the digest slot) ${codePin}`);
  log(`    propose: per-proposal rules (constitution reads + the rules slot) ${rules}`);
  log(`    first voter: quorum at the snapshot, cached (late-quorum protection, treasury excluded) ${quorumCache}`);
  log(`    every call: two UUPS proxy hops (governor, token), cold ${proxyHops}`);
  const first = oursVotes[PROPOSALS - 1][0];
  rows.push(
    {
      operation: "propose, less committee step, code pin, rules",
      ours: mean(oursPropose) - committeeStep - codePin - rules,
      reference: mean(refPropose),
    },
    {
      operation: "castVote (first voter), less the quorum cache",
      ours: first - quorumCache,
      reference: refVotes[PROPOSALS - 1][0],
    },
    {
      operation: "castVote (first vote), less the proxy hops",
      ours: mean(oursVotes[0].slice(1)) - proxyHops,
      reference: mean(refVotes[0].slice(1)),
    },
  );
  // The executed action (a 1-token treasury transfer) is the token's work, not the governor's: ours checkpoints
  // balances (VotesExtended, what overrides read), the reference's plain ERC20Votes does not.
  const refExecTrace = await attribute(refExecuteHash, {
    [(await refToken.getAddress()).toLowerCase()]: "ReferenceToken",
  });
  const oursAction = framesOf(traces.execute, TOKEN);
  const refAction = framesOf(refExecTrace, ["ReferenceToken"]);
  rows.push({
    operation: "execute, less the action's token work",
    ours: oursExecute - oursAction,
    reference: refExecute - refAction,
  });
  log(
    `    execute: the action's token transfer costs ${oursAction} in our token (VotesExtended balance checkpoints) vs ${refAction} in the reference token; less it, execute costs ${oursExecute - oursAction} vs ${refExecute - refAction} (${(Number(oursExecute - oursAction) / Number(refExecute - refAction)).toFixed(3)})`,
  );
  log(
    `\nGovernor: ${VOTERS} voters, ${PROPOSALS} proposals; ours = BytomGovernor via committee (UUPS governor + UUPS token), reference = OpenZeppelin Governor`,
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
