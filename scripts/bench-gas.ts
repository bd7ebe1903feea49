/**
 * `npm run bench:gas`: gas figures of BytomDAO against references measured in the same run:
 * - the governor against the canonical OpenZeppelin Governor (castVote target: ratio <= 1.00);
 * - the model registry's anchored run record against a naive registry storing every field (target <= 0.50) and the
 *   checkpoint cost (target <= 35,000 gas);
 * - executive enrolment as the 1,000th vs the 10th executive (target: growth <= 1.02).
 * - a relayed AI vote (AgentDelegate.castVoteBySig) against OpenZeppelin's castVoteBySig;
 * - batches of signed ballots (BallotRelay) per vote against OpenZeppelin's castVote, and how costs grow (1st vs
 *   100th proposal, 2nd vs 1,000th voter, batches of 1 / 50 / 200);
 * - where each premium over OpenZeppelin goes: the node's trace per contract and opcode class, and what each
 *   protection costs (committee step, code pin, per-proposal rules, quorum cache, proxy hops, the token's balance
 *   checkpoints), with the "less it" figures in the table (docs/gas.md).
 * Then the "Gas table" section (`name ours reference ratio` lines) the README's table is generated from, and the
 * summary, closing with the headline `castVote ratio <ours/reference>`.
 *
 * BENCH_WRITE_README=1 (npm run bench:gas:readme) also writes the output to docs/gas-bench.txt and rewrites the
 * README table between <!-- gas-table:start --> and <!-- gas-table:end --> (scripts/bench/table.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { benchAgent } from "./bench/agent";
import { benchExecutive } from "./bench/executive";
import { benchGovernance } from "./bench/governance";
import { benchModelRegistry } from "./bench/models";
import { benchRelay } from "./bench/relay";
import { formatGasSection, formatGasTable, parseGasTable, replaceGasTable, type GasRow } from "./bench/table";

const ROOT = path.join(__dirname, "..");
export const GAS_BENCH_FILE = path.join(ROOT, "docs", "gas-bench.txt");

async function main(): Promise<void> {
  const output: string[] = [];
  const log = (line: string) => {
    output.push(line);
    console.log(line);
  };
  log("== Model registry ==");
  const models = await benchModelRegistry((line) => log(`  ${line}`));
  log("\n== Executive registry ==");
  const executive = await benchExecutive((line) => log(`  ${line}`));
  log("\n== Governor ==");
  const governance = await benchGovernance(log);
  log("\n== Relayed ballots (BallotRelay) ==");
  const relay = await benchRelay((line) => log(`  ${line}`));
  log("\n== AI delegate ==");
  const agent = await benchAgent(log);

  const gov = (operation: string) => {
    const row = governance.rows.find((r) => r.operation === operation);
    if (!row) throw new Error(`the governor bench has no "${operation}" row`);
    return { ours: row.ours, reference: row.reference };
  };
  // A relayed figure against OpenZeppelin's castVote (steady state: 66,015 on its governor, every vote).
  const vsCastVote = (name: string, ours: bigint): GasRow => ({
    name: `${name} (reference: OZ castVote)`,
    ours,
    reference: gov("castVote (steady state)").reference,
  });
  const rows: GasRow[] = [
    { name: "castVote, steady state (members who voted before)", ...gov("castVote (steady state)") },
    { name: "castVote, a member's first vote ever", ...gov("castVote (first vote of a new member)") },
    {
      name: "castVote, first voter on a proposal (computes and caches the quorum)",
      ...gov("castVote (first voter on a proposal)"),
    },
    vsCastVote("relayed ballots, per vote in a batch of 50 (members who voted before)", relay.steady[50]),
    vsCastVote("relayed ballots, per vote in a batch of 50 (members' first votes)", relay.first[50]),
    vsCastVote("relayed ballots, per vote in a batch of 200 (members who voted before)", relay.steady[200]),
    vsCastVote("relayed ballots, a batch of 1 (members who voted before)", relay.steady[1]),
    vsCastVote("relayed override ballots, per ballot in a batch of 50", relay.override50),
    {
      name: "growth: castVote on the 100th proposal (reference: on the 1st)",
      ours: relay.onHundredthProposal,
      reference: relay.onFirstProposal,
    },
    {
      name: "growth: castVote as the 1,000th voter (reference: the 2nd)",
      ours: relay.thousandthVoter,
      reference: relay.secondVoter,
    },
    { name: "propose (through the committee: content check, rules, code pin)", ...gov("propose (mean of 3)") },
    {
      name: "whole path: draft + 3 approvals + propose (reference: OZ propose)",
      ...gov("draft + 3 approvals + propose (mean of 3)"),
    },
    {
      name: "3 signed approvals + propose in one multicall (reference: OZ propose)",
      ...gov("3 signed approvals + propose, one multicall"),
    },
    {
      name: "whole path, signed: draft + multicall(3 signed approvals + propose) (reference: OZ propose)",
      ...gov("draft + multicall(3 signed approvals + propose)"),
    },
    {
      name: "propose, less the committee step, code pin and per-proposal rules (each measured in the bench)",
      ...gov("propose, less committee step, code pin, rules"),
    },
    {
      name: "castVote, first voter, less the quorum cache (late-quorum protection)",
      ...gov("castVote (first voter), less the quorum cache"),
    },
    {
      name: "castVote, a member's first vote ever, less the two UUPS proxy hops",
      ...gov("castVote (first vote), less the proxy hops"),
    },
    { name: "queue", ...gov("queue") },
    { name: "execute (incl. a treasury transfer with VotesExtended balance checkpoints)", ...gov("execute") },
    {
      name: "execute, less the executed action's token work (reference: the same, less its token's)",
      ...gov("execute, less the action's token work"),
    },
    {
      name: "ModelRegistry: record a training run (2 data + 1 compute providers; reference: naive registry)",
      ours: models.recordRun,
      reference: models.naiveRecordRun,
    },
    {
      name: "ModelRegistry: anchor a checkpoint (reference: naive registry)",
      ours: models.checkpoint,
      reference: models.naiveCheckpoint,
    },
    {
      name: "ExecutiveRegistry: enrol as the 1,000th executive (reference: the 10th)",
      ours: executive.enrolLarge,
      reference: executive.enrolSmall,
    },
    {
      name: "ExecutiveRegistry: spend as the 1,000th executive (reference: the 10th)",
      ours: executive.spendLarge,
      reference: executive.spendSmall,
    },
    {
      name: "AI delegate: relayed vote (castVoteBySig; reference: OZ castVoteBySig)",
      ours: agent.ours,
      reference: agent.reference,
    },
    {
      name: "AI delegate: relayed vote with the vote cap binding (reference: OZ castVoteBySig)",
      ours: agent.oursCapped,
      reference: agent.reference,
    },
  ];
  log("");
  for (const line of formatGasSection(rows)) log(line);

  log("\n== Summary ==");
  log(`checkpoint gas ${models.checkpoint} (target <= 35000)`);
  log(`anchorRun ratio ${models.ratio.toFixed(2)} (target <= 0.50)`);
  log(`enrol growth ${executive.enrolGrowth.toFixed(3)} (target <= 1.02)`);
  const goal = (label: string, value: number, target: number, digits = 3) =>
    log(`goal ${label} ${value.toFixed(digits)} (target <= ${target}) ${value <= target ? "met" : "NOT met"}`);
  const ratioOf = (operation: string) => Number(gov(operation).ours) / Number(gov(operation).reference);
  goal("castVote first vote of an account ratio", ratioOf("castVote (first vote of a new member)"), 1.1);
  goal("castVote first voter ratio", ratioOf("castVote (first voter on a proposal)"), 1.15);
  goal("propose ratio", ratioOf("propose (mean of 3)"), 2.0);
  const signedPath = Number(gov("draft + multicall(3 signed approvals + propose)").ours);
  log(
    `goal whole path gas ${signedPath} (target <= 400000) ${signedPath <= 400000 ? "met" : "NOT met"}: draft + ` +
      `multicall(3 signed approvals + propose); with 3 approval transactions + propose ` +
      `${gov("draft + 3 approvals + propose (mean of 3)").ours}`,
  );
  goal("execute ratio", ratioOf("execute"), 1.3);
  goal(
    "relayed vote ratio, members' first votes (batch of 50)",
    Number(relay.first[50]) / Number(gov("castVote (steady state)").reference),
    0.6,
  );
  log(
    `relayed vote ratio ${(Number(relay.steady[50]) / Number(gov("castVote (steady state)").reference)).toFixed(3)} (batch of 50, target <= 0.60)`,
  );
  log(`castVote ratio ${governance.castVoteRatio.toFixed(3)}`);

  if (process.env.BENCH_WRITE_README === "1") {
    const text = output.join("\n") + "\n";
    fs.writeFileSync(GAS_BENCH_FILE, text);
    const readmeFile = path.join(ROOT, "README.md");
    const readme = fs.readFileSync(readmeFile, "utf8");
    fs.writeFileSync(readmeFile, replaceGasTable(readme, formatGasTable(parseGasTable(text))));
    console.log(`\nwrote ${path.relative(ROOT, GAS_BENCH_FILE)} and the README gas table`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
