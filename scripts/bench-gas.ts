/**
 * `npm run bench:gas`: gas figures of BytomDAO against references measured in the same run. The last line is the
 * headline `castVote ratio <ours/reference>`.
 */
import { benchGovernance } from "./bench/governance";

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const governance = await benchGovernance(log);
  console.log("");
  console.log(`castVote ratio ${governance.castVoteRatio.toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
