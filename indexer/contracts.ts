/**
 * The contracts the indexer follows: each deployment-record name with the Hardhat artifact whose ABI decodes its
 * events. Shared by ponder.config.ts, the handler registration (src/index.ts) and the tests (every event of every
 * ABI has a handler). Proxies emit their implementation's events, so the ABI is the implementation's.
 */
import fs from "node:fs";
import path from "node:path";
import type { Abi, AbiEvent } from "viem";

/** Deployment-record name → artifact path relative to the repository root. */
export const INDEXED_CONTRACTS = {
  GovernanceToken: "artifacts/contracts/governance/GovernanceToken.sol/GovernanceToken.json",
  Constitution: "artifacts/contracts/governance/Constitution.sol/Constitution.json",
  GovernanceCommittee: "artifacts/contracts/governance/GovernanceCommittee.sol/GovernanceCommittee.json",
  BytomGovernor: "artifacts/contracts/governance/BytomGovernor.sol/BytomGovernor.json",
  TimelockController: "artifacts/@openzeppelin/contracts/governance/TimelockController.sol/TimelockController.json",
  ModelRegistry: "artifacts/contracts/models/ModelRegistry.sol/ModelRegistry.json",
  ExecutiveRegistry: "artifacts/contracts/executive/ExecutiveRegistry.sol/ExecutiveRegistry.json",
  AttestationVerifier: "artifacts/contracts/executive/AttestationVerifier.sol/AttestationVerifier.json",
  WorldIDVerifier: "artifacts/contracts/executive/WorldIDVerifier.sol/WorldIDVerifier.json",
  WorldIDV4Verifier: "artifacts/contracts/executive/WorldIDV4Verifier.sol/WorldIDV4Verifier.json",
  AgentDelegate: "artifacts/contracts/agents/AgentDelegate.sol/AgentDelegate.json",
} as const;
export type IndexedContract = keyof typeof INDEXED_CONTRACTS;

/** The repository root: BYTOM_REPO_ROOT, else the first directory upwards from the working directory with hardhat.config.ts. */
export function repoRoot(): string {
  if (process.env.BYTOM_REPO_ROOT) return path.resolve(process.env.BYTOM_REPO_ROOT);
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, "hardhat.config.ts"))) return dir;
    const up = path.dirname(dir);
    if (up === dir)
      throw new Error(`No hardhat.config.ts above ${process.cwd()}: set BYTOM_REPO_ROOT to the repository.`);
    dir = up;
  }
}

/** A contract's ABI from its compiled artifact, or an error saying to compile. */
export function contractAbi(name: IndexedContract, root = repoRoot()): Abi {
  const file = path.join(root, INDEXED_CONTRACTS[name]);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: compile the contracts first (npx hardhat compile).`);
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { abi: Abi }).abi;
}

/** The events of a contract's ABI. */
export function abiEvents(name: IndexedContract, root = repoRoot()): AbiEvent[] {
  return contractAbi(name, root).filter((item): item is AbiEvent => item.type === "event");
}
