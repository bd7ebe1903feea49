import fs from "node:fs";
import path from "node:path";

/** deployments/<network>.json as written by the deploy module. */
export interface DeploymentRecord {
  network: string;
  chainId: string;
  deployedAt: string;
  /** The block the deployment started at: event scans begin here. */
  startBlock?: number;
  contracts: Record<string, string>;
}

/** Reads a network's deployment record, or explains how to create it. */
export function readDeployment(network: string): DeploymentRecord {
  const file = path.join(__dirname, "..", "..", "deployments", `${network}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `No deployment for "${network}" (${file}). Deploy first: npx hardhat run deploy/index.ts --network ${network}`,
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeploymentRecord;
}

/** One contract's address from a deployment record (or an explicit override). */
export function contractAddress(network: string, name: string, override?: string): string {
  if (override) return override;
  const address = readDeployment(network).contracts[name];
  if (!address) throw new Error(`deployments/${network}.json has no ${name}: redeploy or pass its address.`);
  return address;
}
