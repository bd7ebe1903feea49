import fs from "node:fs";
import path from "node:path";
import { subtask, type HardhatUserConfig } from "hardhat/config";
import {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_COMPILE_SOLIDITY_LOG_COMPILATION_ERRORS,
} from "hardhat/builtin-tasks/task-names";
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

/**
 * solc 0.8.28 warns on every `tstore` that transient storage "can break composability" unless cleared at the end of
 * the call. Ours is: OpenZeppelin's ReentrancyGuardTransient (cleared on exit, the case solc calls safe) and the
 * governor's executing-proposal id (BytomGovernor._executeOperations stores the id, then restores the outer value
 * before returning; tested with nested execution). So this one warning, raised inside OpenZeppelin's
 * TransientSlot.sol, is dropped; every other warning and error is printed as before.
 */
subtask(TASK_COMPILE_SOLIDITY_LOG_COMPILATION_ERRORS).setAction(
  async (
    args: { output?: { errors?: { severity: string; message: string; sourceLocation?: { file: string } }[] } },
    _hre,
    runSuper,
  ) => {
    const errors = args.output?.errors?.filter(
      (e) =>
        !(
          e.severity === "warning" &&
          e.message.startsWith("Transient storage as defined by EIP-1153 can break the composability") &&
          e.sourceLocation?.file === "@openzeppelin/contracts/utils/TransientSlot.sol"
        ),
    );
    return runSuper({ ...args, output: args.output && { ...args.output, errors } });
  },
);

// Hardhat tasks live in tasks/*.ts: each file is a thin CLI shell over the SDK in sdk/ (tasks/cli/ holds their
// shared helpers and is not loaded as tasks).
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
    compilers: [
      {
        version: SOLC_VERSION,
        settings: {
          // Production settings: the size check (npm run size) and the deployments use exactly these.
          optimizer: { enabled: true, runs: 200 },
          evmVersion: "cancun",
        },
      },
    ],
    // The governor alone is optimised for size (runs 100): with the relayed-ballot counting it would otherwise pass
    // EIP-170's 24,576-byte limit. `npm run bench:gas` measures the governor as compiled here.
    overrides: {
      "contracts/governance/BytomGovernor.sol": {
        version: SOLC_VERSION,
        settings: { optimizer: { enabled: true, runs: 100 }, evmVersion: "cancun" },
      },
    },
  },
  networks: {
    hardhat: {
      // Timestamps are the governance clock (ERC-6372 "mode=timestamp").
      initialDate: "2026-01-01T00:00:00Z",
    },
    // LOCALHOST_URL moves the local node (the rehearsal picks a free port this way).
    localhost: { url: process.env.LOCALHOST_URL ?? "http://127.0.0.1:8545" },
    sepolia: { url: process.env.SEPOLIA_RPC_URL ?? "", accounts, chainId: 11155111 },
    baseSepolia: { url: process.env.BASE_SEPOLIA_RPC_URL ?? "", accounts, chainId: 84532 },
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
  // hardhat-verify (from the toolbox): `npx hardhat verify --network sepolia <address> <constructor args…>`.
  // One Etherscan API key (v2, multichain) from the environment; nothing secret in the repository.
  etherscan: {
    apiKey: process.env.ETHERSCAN_API_KEY ?? "",
    customChains: [
      {
        network: "baseSepolia",
        chainId: 84532,
        urls: { apiURL: "https://api-sepolia.basescan.org/api", browserURL: "https://sepolia.basescan.org" },
      },
    ],
  },
  sourcify: { enabled: false },
  mocha: { timeout: 300_000 },
};

export default config;
