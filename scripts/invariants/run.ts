/**
 * `npm run invariants` (issue #12): a stateful fuzzer over the whole deployed suite on the in-process Hardhat
 * network, with fast-check's model-based testing (`fc.commands` + `fc.asyncModelRun`).
 *
 * Each run starts from the deployed suite (deploy/ via test/fixtures/deploy, reverted to an `evm_snapshot`) and
 * drives a random sequence of real transactions by every role — token transfers and delegation (to members, the AI
 * delegate, the treasury), drafts, revisions, comments, approvals, initiative backing, withdrawals, proposals, votes,
 * overrides, AI ballots, queue, execute, dispute holds, DAO-only calls by the timelock (parameter changes, seat
 * replacement, mints, amendments, builders, evaluators, executives and allowances), the model lifecycle, the
 * executive lifecycle and time jumps. A guided command (`advance`, commands.ts) walks proposals through their whole
 * life so runs reach votes, queue, holds and execution; two more (./lifecycles.ts) walk a training run to an activated
 * model and a human to an executive who spends. After every call that changed the chain (and every time
 * jump), every invariant of ./invariants.ts is checked in one eth_call (contracts/test/InvariantLens.sol); reverting
 * calls are detected by simulation and not mined (./simulate.ts), so the state they leave is the one already checked.
 * `--profile` prints JSON-RPC requests by method and the time in commands versus checks.
 *
 *   npm run invariants               ≥ 10,000 calls (CI)
 *   npm run invariants -- --deep     ≥ 1,000,000 calls (hours; not in CI)
 *   npm run invariants -- --calls N --seed S
 *
 * Prints calls, reverts by custom error name, the invariants checked and the time taken; exits non-zero with the
 * counterexample (fast-check's seed and path, and the shrunk command list) if an invariant breaks.
 */
import hre from "hardhat";
import fc from "fast-check";
import { buildWorld, type World } from "./world";
import { allCommands, type Model, newModel } from "./commands";
import { lifecycleCommands } from "./lifecycles";
import { INVARIANTS, checkAll } from "./invariants";
import { stats } from "./stats";
import { enableProfile, printProfile } from "./profile";
import { simulateBeforeSend } from "./simulate";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const deep = process.argv.includes("--deep");
  const target = Number(arg("--calls") ?? (deep ? 1_000_000 : 10_000));
  const seed = Number(arg("--seed") ?? Date.now() % 2 ** 31);
  const maxCommands = Number(arg("--max-commands") ?? 150);
  if (process.argv.includes("--profile")) enableProfile();
  simulateBeforeSend();
  const started = Date.now();
  const world: World = await buildWorld();
  // The guided lifecycle walks take about one command in ten (scripts/invariants/lifecycles.ts).
  const commands = [
    fc.oneof({ arbitrary: fc.oneof(...allCommands(world)), weight: 9 }, { arbitrary: lifecycleCommands(), weight: 1 }),
  ];
  const base = (await hre.network.provider.send("evm_snapshot", [])) as string;
  let snapshot = base;
  let runs = 0;
  console.log(
    `Invariant fuzzing: target ${target} calls, ${INVARIANTS.length} invariants after every call, seed ${seed}, ` +
      `up to ${maxCommands} commands a run`,
  );
  let round = 0;
  while (stats.calls < target) {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands, size: "max" }), async (cmds) => {
        await hre.network.provider.send("evm_revert", [snapshot]);
        snapshot = (await hre.network.provider.send("evm_snapshot", [])) as string;
        runs++;
        const model: Model = newModel();
        await checkAll(world, model); // the deployed suite itself
        await fc.asyncModelRun(() => ({ model, real: world }), cmds);
      }),
      { numRuns: 10, seed: seed + round, endOnFailure: true, verbose: 1 },
    );
    round++;
    const s = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`  ${stats.calls} calls, ${stats.reverts} reverts, ${runs} runs, ${s}s`);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`\nInvariant suite: PASS`);
  console.log(`  calls       ${stats.calls} in ${runs} runs (${(stats.calls / seconds).toFixed(1)} calls/s)`);
  console.log(`  succeeded   ${stats.calls - stats.reverts}`);
  console.log(`  reverts     ${stats.reverts}`);
  for (const [name, n] of [...stats.revertsByError].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${String(n).padStart(6)}  ${name}`);
  }
  console.log(`  by command`);
  for (const [name, n] of [...stats.byCommand].sort((a, b) => b[1].calls - a[1].calls)) {
    console.log(`    ${String(n.calls).padStart(6)} calls ${String(n.ok).padStart(6)} ok  ${name}`);
  }
  console.log(
    `  invariants  ${INVARIANTS.length} named, ${stats.checks} checks of each: after every call that changed the chain ` +
      `and every time jump (${stats.unchangedSkips} reverted calls mined nothing and left the checked state as it was)`,
  );
  for (const inv of INVARIANTS) console.log(`    ${inv.name}: ${inv.description}`);
  console.log(`  milestones  ${[...stats.milestones].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`  time        ${seconds.toFixed(1)} s; seed ${seed}`);
  printProfile(stats.calls);
  await hre.network.provider.send("evm_revert", [base]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
