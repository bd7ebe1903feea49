/**
 * After `tsc -p tsconfig.build.json` (dist/sdk, dist/typechain-types): writes the package's ABIs and deployments.
 *
 *   dist/abi/<Contract>.json        the ABI of every contract of the suite (contracts/test excluded)
 *   dist/deployments/<chainId>.json every deployment record (addresses, start block, constitution version) of a
 *                                   public network; local chains (31337, 1337) only with PACKAGE_LOCAL_DEPLOYMENTS=1
 *                                   (the consumer test), from $BYTOMDAO_DEPLOYMENTS or deployments/
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const LOCAL = ["31337", "1337"];

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function main(): void {
  const artifacts = path.join(ROOT, "artifacts", "contracts");
  if (!fs.existsSync(artifacts)) throw new Error("No artifacts: run npx hardhat compile first (npm run build does).");
  const abiDir = path.join(DIST, "abi");
  fs.rmSync(abiDir, { recursive: true, force: true });
  fs.mkdirSync(abiDir, { recursive: true });
  let abis = 0;
  for (const file of walk(artifacts)) {
    const rel = path.relative(artifacts, file);
    if (!file.endsWith(".json") || file.endsWith(".dbg.json") || rel.startsWith(`test${path.sep}`)) continue;
    const artifact = JSON.parse(fs.readFileSync(file, "utf8")) as { contractName: string; abi: unknown[] };
    fs.writeFileSync(path.join(abiDir, `${artifact.contractName}.json`), JSON.stringify(artifact.abi, null, 2) + "\n");
    abis++;
  }
  // The OpenZeppelin TimelockController, deployed unmodified, is part of the suite too.
  const timelock = path.join(
    ROOT,
    "artifacts/@openzeppelin/contracts/governance/TimelockController.sol/TimelockController.json",
  );
  if (fs.existsSync(timelock)) {
    fs.writeFileSync(
      path.join(abiDir, "TimelockController.json"),
      JSON.stringify(JSON.parse(fs.readFileSync(timelock, "utf8")).abi, null, 2) + "\n",
    );
    abis++;
  }

  const depDir = path.join(DIST, "deployments");
  fs.rmSync(depDir, { recursive: true, force: true });
  fs.mkdirSync(depDir, { recursive: true });
  const source = process.env.BYTOMDAO_DEPLOYMENTS ?? path.join(ROOT, "deployments");
  const includeLocal = process.env.PACKAGE_LOCAL_DEPLOYMENTS === "1";
  const chains: string[] = [];
  for (const file of walk(source).filter((f) => f.endsWith(".json"))) {
    const record = JSON.parse(fs.readFileSync(file, "utf8")) as { chainId?: string };
    if (!record.chainId || (LOCAL.includes(record.chainId) && !includeLocal)) continue;
    fs.writeFileSync(path.join(depDir, `${record.chainId}.json`), JSON.stringify(record, null, 2) + "\n");
    chains.push(record.chainId);
  }
  fs.writeFileSync(path.join(depDir, "index.json"), JSON.stringify({ chainIds: chains.sort() }, null, 2) + "\n");
  console.log(`dist/abi: ${abis} ABIs; dist/deployments: chains [${chains.join(", ")}]`);
}

main();
