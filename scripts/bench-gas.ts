/**
 * `npm run bench:gas`: gas figures of BytomDAO against references measured in the same run:
 * - the governor against the canonical OpenZeppelin Governor (castVote target: ratio <= 1.00);
 * - the model registry's anchored run record against a naive registry storing every field (target <= 0.50) and the
 *   checkpoint cost (target <= 35,000 gas);
 * - executive enrolment as the 1,000th vs the 10th executive (target: growth <= 1.02).
 * - a relayed AI vote (AgentDelegate.castVoteBySig) against OpenZeppelin's castVoteBySig (`name ours reference ratio`).
 * The summary closes with the headline `castVote ratio <ours/reference>`.
 */
import { benchAgent } from "./bench/agent";
import { benchExecutive } from "./bench/executive";
import { benchGovernance } from "./bench/governance";
import { benchModelRegistry } from "./bench/models";

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  console.log("== Model registry ==");
  const models = await benchModelRegistry((line) => log(`  ${line}`));
  console.log("\n== Executive registry ==");
  const executive = await benchExecutive((line) => log(`  ${line}`));
  console.log("\n== Governor ==");
  const governance = await benchGovernance(log);
  console.log("\n== AI delegate ==");
  const agent = await benchAgent(log);

  console.log("\n== Summary ==");
  console.log(`checkpoint gas ${models.checkpoint} (target <= 35000)`);
  console.log(`anchorRun ratio ${models.ratio.toFixed(2)} (target <= 0.50)`);
  console.log(`enrol growth ${executive.enrolGrowth.toFixed(3)} (target <= 1.02)`);
  const ratio = (ours: bigint, reference: bigint) => (Number(ours) / Number(reference)).toFixed(3);
  console.log(`agentVoteBySig ${agent.ours} ${agent.reference} ${ratio(agent.ours, agent.reference)}`);
  console.log(
    `agentVoteBySigCapped ${agent.oursCapped} ${agent.reference} ${ratio(agent.oursCapped, agent.reference)}`,
  );
  console.log(`castVote ratio ${governance.castVoteRatio.toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
