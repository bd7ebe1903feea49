/**
 * `npm run demo`: the whole BytomDAO governance cycle on the in-process Hardhat network, with readable staged output.
 */
import hre from "hardhat";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, type Signer } from "ethers";
import { readConfigFile, resolveConfig } from "../deploy/config";
import { deployBytomDAO, writeDeployment } from "../deploy/deploy";
import {
  Support,
  action,
  approveDraft,
  execute,
  passProposal,
  putToVote,
  queue,
  reviseDraft,
  stateOf,
  submitDraft,
} from "../sdk/governance";
import { relayBallots, signRelayedBallot } from "../sdk/ballots";
import { runModelLifecycleStage } from "./demo/models";
import type { Preferences } from "../sdk/agent";
import { adviceStage, auditStage, runAgentStage, trainGenesisModel } from "./demo/agent";
import { runExecutiveStage, type DaoCall } from "./demo/executive";
import { travelPast as travelPastOn } from "../sdk/dev";

/** Moves the local chain clock past `timestamp` (sdk/dev). */
const travelPast = (timestamp: bigint): Promise<void> => travelPastOn(hre.ethers.provider, timestamp);

/** dave's preference profile (agent:advise): constitutional change is risky, he holds back on the cycle's clauses. */
const DAVE_PREFERENCES: Preferences = {
  values: { "The constitutional cycle": 0 },
  riskAppetite: 0.2,
  interests: ["constitution"],
};

const fmt = (wei: bigint) => Number(ethers.formatUnits(wei, 18)).toLocaleString("en-US") + " BTMG";
let stageNo = 0;
const stage = (title: string) =>
  console.log(`\n== Stage ${++stageNo}: ${title} ${"=".repeat(Math.max(0, 70 - title.length))}`);
const log = (line: string) => console.log(`  ${line}`);

async function main(): Promise<void> {
  // A local node (anvil, `hardhat node`: --network localhost, LOCALHOST_URL) works too: sdk/dev refuses to move the
  // clock of any other chain. There the deployment record is written (BYTOMDAO_DEPLOYMENTS) for the indexer.
  const onNode = hre.network.name === "localhost";
  if (hre.network.name !== "hardhat" && !onNode) {
    throw new Error(
      "The demo travels in time: run it on the in-process network or on a local node (--network localhost).",
    );
  }
  const signers = await hre.ethers.getSigners();
  const config = await resolveConfig(readConfigFile("hardhat"), signers);
  const [deployer, c1, c2, c3, c4, c5, alice, bob, carol, dave, agent, trainer, dataProvider, computeProvider] =
    signers;
  const [issuer, executive, coExecutive, bot, hostingProvider] = signers.slice(14, 19);
  const name = new Map<string, string>([
    [await c1.getAddress(), "committee#1"],
    [await c2.getAddress(), "committee#2"],
    [await c3.getAddress(), "committee#3"],
    [await c4.getAddress(), "committee#4"],
    [await c5.getAddress(), "committee#5"],
    [await alice.getAddress(), "alice"],
    [await bob.getAddress(), "bob"],
    [await carol.getAddress(), "carol"],
    [await dave.getAddress(), "dave"],
    [await agent.getAddress(), "AI agent"],
    [await trainer.getAddress(), "trainer"],
  ]);
  const who = async (s: Signer) => name.get(await s.getAddress()) ?? (await s.getAddress());

  console.log("BytomDAO governance — Create AGI, Decided by AGI");
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-demo-"));
  stage("Genesis model: constitution v1's model is trained for real, its weights root anchored at deploy");
  // The AI delegate votes with model #1 until v2 comes into force: #1 must be a real model, not a placeholder root.
  const genesis = await trainGenesisModel(tmpDir, log);
  config.genesisModel.weightsRoot = genesis.root;
  config.genesisModel.uri = `file://${genesis.dir}.manifest.json`;
  stage("Deploy the suite (UUPS proxies; every admin right ends at the timelock)");
  const startBlock = await hre.ethers.provider.getBlockNumber();
  const dao = await deployBytomDAO(hre, deployer, config, { log });
  if (onNode) {
    const { chainId } = await hre.ethers.provider.getNetwork();
    log(`deployment record: ${writeDeployment("localhost", chainId, dao.addresses, startBlock, 1)}`);
  }
  const { token, constitution, committee, governor, timelock } = dao;
  const v1 = await constitution.getVersion(1);
  log(
    `Constitution v1 in force: text hash ${v1.textHash.slice(0, 18)}…, model #${v1.modelId}, agent ${await who(agent)}`,
  );

  stage("Distribute and delegate voting power");
  for (const s of [c1, c2, c3, c4, c5, alice, bob, carol])
    await (await token.connect(s).delegate(await s.getAddress())).wait();
  const { agentDelegate } = dao;
  await (await token.connect(dave).delegate(await agentDelegate.getAddress())).wait();
  for (const s of [c1, c2, c3, c4, c5, alice, bob, carol, dave]) {
    log(`${(await who(s)).padEnd(12)} holds ${fmt(await token.balanceOf(await s.getAddress()))}`);
  }
  log(
    `dave delegates to the AI delegate (AgentDelegate, voted by the active model's key): it now has ${fmt(await token.getVotes(await agentDelegate.getAddress()))}`,
  );
  log(`treasury (timelock) holds ${fmt(await token.balanceOf(await timelock.getAddress()))} and never votes`);

  stage("Proposal: alice drafts an amendment (constitution v2: the AI delegate article)");
  const v2Path = path.join(__dirname, "..", "constitution", "v2.md");
  const v2Text = fs.readFileSync(v2Path, "utf8");
  const constitutionAddress = await constitution.getAddress();
  const firstDraft = action(
    constitutionAddress,
    constitution.interface.encodeFunctionData("ratifyAmendment", [
      ethers.id(v2Text.replace(/Article 5[\s\S]*/, "Article 5 — The AI delegate (draft)")),
      "ipfs://bytomdao/constitution/v2-draft.md",
    ]),
    "Amend the constitution: add Article 5, the AI delegate",
  );
  const draftId = await submitDraft(committee, alice, firstDraft);
  log(
    `draft #${draftId} submitted by alice (content anchored: ${(await committee.getDraft(draftId)).contentHash.slice(0, 18)}…)`,
  );

  stage("Discussion & revision");
  await (
    await committee
      .connect(bob)
      .comment(draftId, ethers.id("Require published reasoning for every AI vote."), "ipfs://bytomdao/comments/1")
  ).wait();
  log("bob comments: require published reasoning for every AI vote");
  await (
    await committee
      .connect(c2)
      .comment(draftId, ethers.id("Activation only after committee evaluation."), "ipfs://bytomdao/comments/2")
  ).wait();
  log("committee#2 comments: the agent must only change after evaluation");
  await travelPast((await committee.discussionEndsAt(draftId)) - 3600n);
  const finalDraft = action(
    constitutionAddress,
    constitution.interface.encodeFunctionData("ratifyAmendment", [
      ethers.id(v2Text),
      "ipfs://bytomdao/constitution/v2.md",
    ]),
    "Amend the constitution: add Article 5, the AI delegate (published reasoning, evaluated activation)",
  );
  const revision = await reviseDraft(
    committee,
    alice,
    draftId,
    finalDraft,
    "Incorporates bob's and committee#2's comments",
  );
  log(`alice revises the draft an hour before review would open: revision ${revision}; the discussion clock restarts`);
  try {
    await committee.connect(c1).approveDraft.staticCall(draftId, revision);
  } catch (e) {
    const parsed = committee.interface.parseError((e as { data?: string }).data ?? "0x");
    log(
      `committee#1 tries to approve now → reverted ${parsed?.name}(ends at ${new Date(Number(parsed?.args[1]) * 1000).toISOString()})`,
    );
  }

  stage("Review: 3 of 5 committee members approve; the draft goes to the token vote");
  await travelPast(await committee.discussionEndsAt(draftId));
  await approveDraft(committee, [c1, c2, c3], draftId);
  log(`approvals: ${await committee.approvalCount(draftId)} of 5 (review quorum ${await constitution.reviewQuorum()})`);
  const proposalId = await putToVote(committee, alice, draftId, finalDraft);
  log(
    `governor proposal #${proposalId}: ${await stateOf(governor, proposalId)}, snapshot at ${new Date(Number(await governor.proposalSnapshot(proposalId)) * 1000).toISOString()}`,
  );

  stage("Voting (token-weighted, snapshot at voting start, >80% of for+against needed)");
  await travelPast(await governor.proposalSnapshot(proposalId));
  const votes: [Signer, number, string][] = [
    [alice, Support.For, "for"],
    [bob, Support.For, "for"],
    [carol, Support.For, "for"],
    [c4, Support.Against, "against"],
  ];
  for (const [voter, support, label] of votes) {
    await (await governor.connect(voter).castVote(proposalId, support)).wait();
    log(`${(await who(voter)).padEnd(12)} votes ${label}`);
  }
  // The AI delegate's runtime (agent:run --once): verifies model #1 against its on-chain root, reads the proposal,
  // decides, publishes its rationale (content-addressed) and has its signed ballot relayed by bob (the operator key
  // needs no ETH).
  const agentSuite = { ...dao, fromBlock: 0 };
  const storeDir = path.join(tmpDir, "rationales");
  await runAgentStage({
    suite: agentSuite,
    addresses: dao.addresses,
    operator: agent,
    relayer: bob,
    modelDir: genesis.dir,
    storeDir,
    log,
  });
  // dave, delegated to the AI, asks for personal advice before the vote closes.
  await adviceStage({
    suite: agentSuite,
    addresses: dao.addresses,
    modelDir: genesis.dir,
    member: dave,
    memberName: "dave",
    preferences: DAVE_PREFERENCES,
    proposalId,
    tmpDir,
    log,
  });
  const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
  const pct = (n: bigint, d: bigint) => (d === 0n ? "0.00" : (Number((n * 10000n) / d) / 100).toFixed(2));
  log(
    `tally: for ${fmt(forVotes)} · against ${fmt(against)} · abstain ${fmt(abstain)} → ${pct(forVotes, forVotes + against)}% for`,
  );
  await travelPast(await governor.proposalDeadline(proposalId));
  log(`result: ${await stateOf(governor, proposalId)} (quorum ${fmt(await governor.proposalQuorum(proposalId))})`);

  stage("Audit: anyone re-runs the model that voted and checks the AI vote and its rationale");
  await auditStage({ suite: agentSuite, addresses: dao.addresses, modelDir: genesis.dir, storeDir, proposalId, log });

  stage("Updating: queue in the timelock, execute after the delay");
  await (await queue(governor, bob, proposalId)).wait();
  log(`queued; executable after ${new Date(Number(await governor.proposalEta(proposalId)) * 1000).toISOString()}`);
  await travelPast(await governor.proposalEta(proposalId));
  await (await execute(governor, bob, proposalId)).wait();
  const v2 = await constitution.getVersion(2);
  log(
    `executed: constitution v2 ratified (status ${["None", "Ratified", "InForce", "Superseded", "Withdrawn"][Number(v2.status)]}, enacted by proposal #${v2.proposalId})`,
  );
  log(
    `v1 stays in force until v2's model is trained, anchored and evaluated: current version ${await constitution.currentVersion()}`,
  );

  stage("Recording & evaluation: train, anchor and evaluate v2's model; v2 comes into force");
  const request = await dao.modelRegistry.getRequest(2);
  log(`the ratification opened training request #${request.id} for v2 (spec = the amendment's text hash)`);
  const model = await runModelLifecycleStage({
    registry: dao.modelRegistry,
    constitution,
    trainer,
    dataProvider,
    computeProvider,
    evaluators: [c1, c2, c3],
    version: 2n,
    log,
    tmpDir,
  });
  log(
    `constitution v${await constitution.currentVersion()} in force with model #${await constitution.activeModelId()}; v1 superseded`,
  );
  log(`the active AI agent is now ${await constitution.activeAgent()} (model #${model.modelId}'s operator key)`);
  log(
    `members delegated to the AI delegate follow it automatically: it now accepts ballots from ${await agentDelegate.activeAgent()} only`,
  );
  fs.rmSync(tmpDir, { recursive: true, force: true });

  stage("A second proposal with exactly 80% support is defeated");
  const grant = action(
    await token.getAddress(),
    token.interface.encodeFunctionData("transfer", [await carol.getAddress(), ethers.parseUnits("5000000", 18)]),
    "Treasury grant: 5,000,000 BTMG to carol's agent-building team",
  );
  const grantDraft = await submitDraft(committee, carol, grant);
  await travelPast(await committee.discussionEndsAt(grantDraft));
  await approveDraft(committee, [c1, c2, c3], grantDraft);
  const grantId = await putToVote(committee, carol, grantDraft, grant);
  await travelPast(await governor.proposalSnapshot(grantId));
  // The committee members sign their ballots off chain; bob relays all five in one transaction (BallotRelay).
  const ballots = [];
  for (const [s, support] of [
    [c1, Support.For],
    [c2, Support.For],
    [c3, Support.For],
    [c4, Support.For],
    [c5, Support.Against],
  ] as const) {
    ballots.push(await signRelayedBallot(dao.ballotRelay, s, grantId, support));
  }
  const relayed = await relayBallots(dao.ballotRelay, governor, bob, grantId, ballots);
  log(
    `bob relays ${ballots.length} signed ballots in one transaction (${relayed.gasUsed} gas, ${relayed.gasUsed / BigInt(ballots.length)} per vote): ${relayed.counted.length} counted, ${relayed.skipped.length} skipped`,
  );
  for (const c of relayed.counted) {
    log(
      `  ${(name.get(c.voter) ?? c.voter).padEnd(12)} ${c.support === Support.For ? "for" : "against"} ${fmt(c.weight)}`,
    );
  }
  const [gAgainst, gFor] = await governor.proposalVotes(grantId);
  log(`for ${fmt(gFor)} · against ${fmt(gAgainst)} → ${pct(gFor, gFor + gAgainst)}% for`);
  await travelPast(await governor.proposalDeadline(grantId));
  log(`result: ${await stateOf(governor, grantId)} — the constitution requires strictly more than 80%`);

  stage("Executive committee: verified humans run daily operations within a DAO budget");
  await (await deployer.sendTransaction({ to: await timelock.getAddress(), value: ethers.parseEther("5") })).wait();
  log("the treasury (timelock) receives 5 ETH");
  const timelockDelay = await timelock.getMinDelay();
  const daoCall = async (calls: DaoCall[], description: string) => {
    const p = {
      targets: calls.map((c) => c.target),
      values: calls.map((c) => c.value ?? 0n),
      calldatas: calls.map((c) => c.data),
      description,
    };
    const id = await passProposal({ committee, governor, timelockDelay }, p, {
      author: alice,
      approvers: [c1, c2, c3],
      votes: [alice, bob, carol, c1, c2, c3].map((voter) => ({ voter, support: Support.For })),
    });
    log(`  (the DAO decided: proposal #${id} "${description}" passed > 80% and was executed through the timelock)`);
  };
  await runExecutiveStage({
    registry: dao.executiveRegistry,
    attestationVerifier: dao.attestationVerifier,
    daoCall,
    issuer,
    candidate: executive,
    coExecutive,
    bot,
    committeeMembers: [c1, c2, c3],
    recipient: await hostingProvider.getAddress(),
    log,
  });

  console.log("\nDemo complete.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
