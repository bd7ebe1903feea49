/**
 * `npm run size`: the deployed bytecode size of every deployable contract (everything under contracts/ except
 * contracts/test/ and interfaces/abstract contracts), compiled with the production settings of hardhat.config.ts.
 * Fails if any is at or above EIP-170's 24,576-byte limit.
 */
import hre from "hardhat";

const LIMIT = 24_576;
// Deployed as they are from OpenZeppelin.
const EXTERNAL_DEPLOYABLES = ["@openzeppelin/contracts/governance/TimelockController.sol:TimelockController"];

async function main(): Promise<void> {
  await hre.run("compile", { quiet: true });
  const names = await hre.artifacts.getAllFullyQualifiedNames();
  const rows: { name: string; size: number }[] = [];
  for (const fqn of names) {
    const ours = fqn.startsWith("contracts/") && !fqn.startsWith("contracts/test/");
    if (!ours && !EXTERNAL_DEPLOYABLES.includes(fqn)) continue;
    const artifact = await hre.artifacts.readArtifact(fqn);
    const size = (artifact.deployedBytecode.length - 2) / 2;
    if (size === 0) continue; // interfaces and abstract contracts
    rows.push({ name: fqn, size });
  }
  rows.sort((a, b) => b.size - a.size);
  const settings = hre.config.solidity.compilers[0].settings as { optimizer: { runs: number }; evmVersion: string };
  const overrides = Object.entries(hre.config.solidity.overrides).map(
    ([file, c]) => `${file}: runs ${(c.settings as { optimizer: { runs: number } }).optimizer.runs}`,
  );
  console.log(
    `Deployable contract sizes (solc ${hre.config.solidity.compilers[0].version}, optimizer runs ${settings.optimizer.runs}${overrides.length > 0 ? ` (${overrides.join("; ")})` : ""}, ${settings.evmVersion}); limit ${LIMIT} bytes`,
  );
  for (const { name, size } of rows) {
    const margin = LIMIT - size;
    console.log(
      `  ${size >= LIMIT ? "FAIL" : "ok  "} ${String(size).padStart(6)} bytes  (${String(margin).padStart(6)} to spare)  ${name}`,
    );
  }
  const over = rows.filter((r) => r.size >= LIMIT);
  if (over.length > 0) {
    console.error(`${over.length} contract(s) exceed the limit: split logic into libraries or extensions.`);
    process.exitCode = 1;
  } else {
    console.log(`All ${rows.length} deployable contracts fit under ${LIMIT} bytes.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
