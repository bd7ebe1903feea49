/**
 * `npm run bench:agent`: the AI delegate's runtime.
 * - decisions per second of one `agent:run --once` pass (the library function runAgentOnce) over 100 Active
 *   proposals on the in-process network, with the real v1 model: verify + load, decide, publish the rationale,
 *   sign, relay and mine each vote; and the model's inference alone;
 * - gas of the runtime's relayed votes (castVoteBySig with a real rationale URI), and the relayed AI vote against
 *   OpenZeppelin's castVoteBySig (scripts/bench/agent.ts, also in bench:gas).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { ethers } from "ethers";
import { impersonateAccount, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { readConfigFile, resolveConfig } from "../deploy/config";
import { deployBytomDAO } from "../deploy/deploy";
import { cachedModel, mlModelLoader } from "../ml/agent";
import {
  FolderStore,
  addressBook,
  createdProposals,
  modelProposal,
  paramsAt,
  runAgentOnce,
  signerRelayer,
} from "../sdk/agent";
import { travelPast } from "../sdk/dev";
import { benchAgent } from "./bench/agent";

const PROPOSALS = 100;

async function main(): Promise<void> {
  if (hre.network.name !== "hardhat") throw new Error("The bench travels in time: run it on the in-process network.");
  const t0 = Date.now();
  const model = await cachedModel(1);
  console.log(`v1 model ${model.root} (${model.dir}), ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const signers = await hre.ethers.getSigners();
  const config = await resolveConfig(readConfigFile("hardhat"), signers);
  config.genesisModel.weightsRoot = model.root;
  const dao = await deployBytomDAO(hre, signers[0], config);
  const [alice, bob, carol, dave, agent] = signers.slice(6, 11);
  await (await dao.token.connect(alice).delegate(alice.address)).wait();
  for (const s of [carol, dave])
    await (await dao.token.connect(s).delegate(await dao.agentDelegate.getAddress())).wait();

  const committeeAddress = dao.addresses.GovernanceCommittee;
  await impersonateAccount(committeeAddress);
  await setBalance(committeeAddress, ethers.parseEther("100"));
  const committee = await hre.ethers.getSigner(committeeAddress);
  const token = await dao.token.getAddress();
  const constitution = await dao.constitution.getAddress();
  const p = await dao.constitution.parameters();
  for (let k = 1; k <= PROPOSALS; k++) {
    let target = token;
    let data: string;
    let description: string;
    if (k % 4 === 0) {
      // Every 4th sets the quorum (inside its bounds); every 20th also lowers the supermajority below 80%.
      const quorumBps = 500 + k * 10;
      const supermajorityBps = k % 20 === 0 ? 7000 : Number(p.supermajorityBps);
      target = constitution;
      data = dao.constitution.interface.encodeFunctionData("setParameters", [
        {
          supermajorityBps,
          quorumBps,
          initiativeThresholdBps: p.initiativeThresholdBps,
          reviewQuorum: p.reviewQuorum,
          votingDelay: p.votingDelay,
          votingPeriod: p.votingPeriod,
          minDiscussionPeriod: p.minDiscussionPeriod,
          disputeHoldPeriod: p.disputeHoldPeriod,
          lateQuorumExtension: p.lateQuorumExtension,
          draftThreshold: p.draftThreshold,
        },
      ]);
      description =
        supermajorityBps === 7000
          ? `Lower the supermajority to 70% and set the quorum to ${quorumBps / 100}%`
          : `Set the quorum to ${quorumBps / 100}% of the voting supply`;
    } else {
      const amount = ethers.parseUnits(String(10_000 * k), 18);
      data = dao.token.interface.encodeFunctionData("transfer", [signers[19].address, amount]);
      description = `Treasury grant #${k}: ${10_000 * k} BTMG to a data-supply team for the constitution corpus`;
    }
    await (await dao.governor.connect(committee).propose([target], [0n], [data], description)).wait();
  }
  const last = await dao.governor.latestProposalId();
  await travelPast(hre.ethers.provider, await dao.governor.proposalSnapshot(last));

  const suite = { ...dao, fromBlock: 0 };
  const book = addressBook(dao.addresses);
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-bench-rationales-"));

  // Inference alone (the model, already verified and loaded).
  const loaded = await mlModelLoader.load(model.dir, model.root);
  const params = await paramsAt(dao.constitution);
  const created = [...(await createdProposals(suite)).values()];
  const i0 = performance.now();
  for (const c of created) await loaded.predict(modelProposal(c, book), params);
  const inferMs = (performance.now() - i0) / created.length;

  const r0 = performance.now();
  const report = await runAgentOnce({
    suite,
    operator: agent,
    relayer: signerRelayer(dao.agentDelegate, bob),
    store: new FolderStore(storeDir),
    loader: mlModelLoader,
    modelDirs: model.dir,
    book,
  });
  const passMs = performance.now() - r0;
  const voted = report.outcomes.filter((o) => o.status === "voted");
  const counts = (d: string) => voted.filter((o) => o.decision === d).length;
  const gas: bigint[] = [];
  for (const o of voted) gas.push((await hre.ethers.provider.getTransactionReceipt(o.txHash!))!.gasUsed);
  gas.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const again0 = performance.now();
  const again = await runAgentOnce({
    suite,
    operator: agent,
    relayer: signerRelayer(dao.agentDelegate, bob),
    store: new FolderStore(storeDir),
    loader: mlModelLoader,
    modelDirs: model.dir,
    book,
  });
  const againMs = performance.now() - again0;

  console.log(`\n== agent:run --once over ${PROPOSALS} Active proposals (in-process network) ==`);
  console.log(
    `  voted ${voted.length} (For ${counts("For")}, Against ${counts("Against")}, Abstain ${counts("Abstain")}) in ` +
      `${(passMs / 1000).toFixed(2)} s, incl. verifying and loading the model, publishing ${fs.readdirSync(storeDir).length} rationales`,
  );
  console.log(`  inference alone: ${inferMs.toFixed(2)} ms per proposal`);
  console.log(
    `  second pass (restart): ${again.outcomes.filter((o) => o.status === "already-voted").length} already voted, ` +
      `${(againMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `  relayed vote gas (runtime ballots, file:// rationale URI): min ${gas[0]}, median ${gas[gas.length >> 1]}, max ${gas[gas.length - 1]}`,
  );

  console.log("\n== relayed AI vote vs OpenZeppelin castVoteBySig (scripts/bench/agent.ts) ==");
  const g = await benchAgent((line) => console.log(line));

  console.log("\n== Summary ==");
  console.log(`agent decisions/s ${(voted.length / (passMs / 1000)).toFixed(1)} (${voted.length} proposals, one pass)`);
  console.log(`agent inference ms/proposal ${inferMs.toFixed(2)}`);
  console.log(`agent relayed vote gas median ${gas[gas.length >> 1]}`);
  console.log(`agentVoteBySig ${g.ours} ${g.reference} ${(Number(g.ours) / Number(g.reference)).toFixed(3)}`);
  fs.rmSync(storeDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
