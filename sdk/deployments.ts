/**
 * The one address resolver: deployment records (addresses, chain id, start block, constitution version) per network
 * or chain id, checked against the chain before anything is sent.
 *
 * In the repository the deploy module writes `deployments/<network>.json`; the published package ships the same
 * records as `deployments/<chainId>.json` (`@bytomdao/governance/deployments/<chainId>.json`).
 */
import fs from "node:fs";
import path from "node:path";
import { ethers, type Provider } from "ethers";

/** A deployment record as written by the deploy module. */
export interface DeploymentRecord {
  network: string;
  chainId: string;
  deployedAt: string;
  /** The block the deployment started at: event scans begin here (public RPCs refuse scans from block 0). */
  startBlock?: number;
  /** The constitution version in force when the suite was deployed (1 for a fresh deployment). */
  constitutionVersion?: number;
  contracts: Record<string, string>;
}

/** The names of the suite's contracts in a record. */
export const CONTRACT_NAMES = [
  "GovernanceToken",
  "Constitution",
  "GovernanceCommittee",
  "BytomGovernor",
  "BallotRelay",
  "TimelockController",
  "ModelRegistry",
  "ExecutiveRegistry",
  "AttestationVerifier",
  "WorldIDVerifier",
  "AgentDelegate",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** Where records live: `BYTOMDAO_DEPLOYMENTS` if set, else the repository's (or the package's) `deployments/`. */
export function deploymentsDir(): string {
  if (process.env.BYTOMDAO_DEPLOYMENTS) return path.resolve(process.env.BYTOMDAO_DEPLOYMENTS);
  // sdk/ in the repository, dist/sdk/ in the package: the first existing `deployments` upwards.
  for (const up of ["..", path.join("..", "..")]) {
    const dir = path.join(__dirname, up, "deployments");
    if (fs.existsSync(dir)) return dir;
  }
  return path.join(__dirname, "..", "deployments");
}

/** The command that (re)creates a network's record. */
export function redeployHint(network: string): string {
  return `npx hardhat run deploy/index.ts --network ${network}`;
}

/** Reads `deployments/<network>.json` (or `<chainId>.json`), or explains how to create it. */
export function readDeployment(networkOrChainId: string | number | bigint, dir = deploymentsDir()): DeploymentRecord {
  const file = path.join(dir, `${networkOrChainId}.json`);
  if (!fs.existsSync(file)) {
    // A chain id: look for a record of that chain under its network name.
    if (/^\d+$/.test(String(networkOrChainId)) && fs.existsSync(dir)) {
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".json"))) {
        const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as DeploymentRecord;
        if (r.chainId === String(networkOrChainId)) return r;
      }
    }
    throw new Error(
      `No deployment for "${networkOrChainId}" (${file}). Deploy first: ${redeployHint(String(networkOrChainId))}`,
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeploymentRecord;
}

/** One contract's address: an explicit override if given, else the network's record. */
export function contractAddress(network: string, name: string, override?: string, dir = deploymentsDir()): string {
  const value = override || readDeployment(network, dir).contracts[name];
  if (!value) {
    throw new Error(
      `deployments/${network}.json has no ${name}: pass its address or redeploy: ${redeployHint(network)}`,
    );
  }
  if (!ethers.isAddress(value)) throw new Error(`${name} address "${value}" is not an address`);
  return ethers.getAddress(value);
}

/** The contract addresses of a network's record, or `{}` when there is none. */
export function loadContracts(network: string, dir = deploymentsDir()): Record<string, string> {
  const file = path.join(dir, `${network}.json`);
  if (!fs.existsSync(file)) return {};
  return ((JSON.parse(fs.readFileSync(file, "utf8")) as Partial<DeploymentRecord>).contracts ?? {}) as Record<
    string,
    string
  >;
}

/**
 * The address of `name`: the override (a CLI flag) if given, else the network's record; otherwise an error naming
 * the flag to pass and the command that deploys.
 */
export function resolveAddress(
  name: string,
  network: string,
  options: { override?: string; dir?: string; flag?: string } = {},
): string {
  const value = options.override || loadContracts(network, options.dir)[name];
  if (!value) {
    throw new Error(
      `No ${name} address for network "${network}": pass ${options.flag ?? "its address"} <address> or deploy first: ` +
        redeployHint(network),
    );
  }
  if (!ethers.isAddress(value)) throw new Error(`${name} address "${value}" is not an address`);
  return ethers.getAddress(value);
}

/**
 * The record of `network`, checked against the node: the chain id must match and every address must hold code.
 * A node restarted since the deployment (anvil, `hardhat node`) fails here with the command that redeploys, instead
 * of a `BAD_DATA` decoding error or a transaction sent to an empty address later.
 */
export async function resolveDeployment(
  provider: Provider,
  network: string,
  options: { dir?: string; names?: readonly string[] } = {},
): Promise<DeploymentRecord> {
  const record = readDeployment(network, options.dir);
  const { chainId } = await provider.getNetwork();
  if (record.chainId !== chainId.toString()) {
    throw new Error(
      `deployments/${network}.json is for chain ${record.chainId} but the node is chain ${chainId}: ` +
        `redeploy: ${redeployHint(network)}`,
    );
  }
  const names = options.names ?? Object.keys(record.contracts).filter((n) => !n.endsWith("Implementation"));
  const empty: string[] = [];
  for (const name of names) {
    const address = record.contracts[name];
    if (address && (await provider.getCode(address)) === "0x") empty.push(`${name} (${address})`);
  }
  if (empty.length > 0) {
    throw new Error(
      `deployments/${network}.json is stale: no code at ${empty.join(", ")} (the node was restarted or reset?). ` +
        `redeploy: ${redeployHint(network)}`,
    );
  }
  return record;
}

/** Writes a deployment record to `<dir>/<network>.json`; returns the file. */
export function writeDeploymentRecord(record: DeploymentRecord, dir = deploymentsDir()): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${record.network}.json`);
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
  return file;
}
