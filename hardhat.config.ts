import fs from "node:fs";
import path from "node:path";
import { subtask, type HardhatUserConfig } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-toolbox";
import "@openzeppelin/hardhat-upgrades";

/**
 * Offline compiler: Hardhat cannot download solc on our machines, so the exact version
 * pinned in package.json (npm `solc`, a WebAssembly build) is served to the compile
 * subtask. Compile, test, coverage and the upgrades plugin all use it.
 */
const SOLC_VERSION = "0.8.28";
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD).setAction(async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion === SOLC_VERSION) {
    const compilerPath = require.resolve("solc/soljson.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const solc = require("solc") as { version(): string };
    return { compilerPath, isSolcJs: true, version: args.solcVersion, longVersion: solc.version() };
  }
  return runSuper(args);
});

// Hardhat tasks live in tasks/*.ts: each file is a thin CLI shell over a library in scripts/lib.
// Task files import their libraries lazily (inside the action), so the config loads before typechain exists.
const tasksDir = path.join(__dirname, "tasks");
if (fs.existsSync(tasksDir)) {
  for (const file of fs.readdirSync(tasksDir).sort()) {
    if (file.endsWith(".ts")) require(path.join(tasksDir, file));
  }
}

const accounts = process.env.DEPLOYER_PRIVATE_KEY ? [process.env.DEPLOYER_PRIVATE_KEY] : [];

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      // Production settings: the size check (npm run size) and the deployments use exactly these.
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
    },
  },
  networks: {
    hardhat: {
      // Timestamps are the governance clock (ERC-6372 "mode=timestamp").
      initialDate: "2026-01-01T00:00:00Z",
    },
    localhost: { url: "http://127.0.0.1:8545" },
    sepolia: { url: process.env.SEPOLIA_RPC_URL ?? "", accounts },
    holesky: { url: process.env.HOLESKY_RPC_URL ?? "", accounts },
    // World ID 4.0 lives on World Chain and Base (config/worldchain.json, config/base.json).
    worldchain: { url: process.env.WORLDCHAIN_RPC_URL ?? "", accounts, chainId: 480 },
    base: { url: process.env.BASE_RPC_URL ?? "", accounts, chainId: 8453 },
  },
  gasReporter: {
    enabled: process.env.REPORT_GAS !== undefined,
    offline: true,
    currency: "USD",
    noColors: true,
    excludeContracts: ["contracts/test/"],
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  mocha: { timeout: 300_000 },
};

export default config;
