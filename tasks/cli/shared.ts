/**
 * What every task shares: one `--from <index|address>` convention, one address resolver (sdk/deployments, checked
 * against the node), one revert explainer (sdk/errors, anvil included). Imported lazily by the task files (the
 * config loads tasks/*.ts before typechain exists); this folder is not loaded as tasks itself.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Signer } from "ethers";

export const LOCAL_NETWORKS = ["hardhat", "localhost", "anvil"];

/** How to get more accounts on this network. */
function accountsHint(hre: HardhatRuntimeEnvironment): string {
  if (hre.network.name === "localhost") {
    return "start the node with more accounts: npx anvil --accounts 20 (or npx hardhat node, which has 20)";
  }
  if (hre.network.name === "hardhat") return "the in-process network has 20 accounts (indices 0..19)";
  return "set DEPLOYER_PRIVATE_KEY (or BYTOMDAO_KEYSTORE and BYTOMDAO_KEYSTORE_PASSWORD) in the environment";
}

/**
 * The signer of `--from`: an account index, an address of the node's accounts (or of the keystore), or the first
 * account when omitted. Keys never come from the command line: on real networks they come from
 * DEPLOYER_PRIVATE_KEY or an encrypted JSON keystore (BYTOMDAO_KEYSTORE + BYTOMDAO_KEYSTORE_PASSWORD).
 */
export async function signerFrom(hre: HardhatRuntimeEnvironment, from?: string | number): Promise<Signer> {
  const { ethers } = hre;
  const signers: Signer[] = await ethers.getSigners();
  if (process.env.BYTOMDAO_KEYSTORE) {
    const fs = await import("node:fs");
    const password = process.env.BYTOMDAO_KEYSTORE_PASSWORD;
    if (!password) throw new Error("BYTOMDAO_KEYSTORE is set: set BYTOMDAO_KEYSTORE_PASSWORD too");
    const wallet = await ethers.Wallet.fromEncryptedJson(
      fs.readFileSync(process.env.BYTOMDAO_KEYSTORE, "utf8"),
      password,
    );
    signers.push(wallet.connect(ethers.provider));
  }
  if (signers.length === 0) {
    throw new Error(`No account on network ${hre.network.name}: ${accountsHint(hre)}`);
  }
  if (from === undefined || from === "") return signers[0];
  const text = String(from);
  if (/^\d+$/.test(text)) {
    const s = signers[Number(text)];
    if (!s) {
      throw new Error(
        `--from ${text}: only ${signers.length} accounts are available on ${hre.network.name}: ${accountsHint(hre)}`,
      );
    }
    return s;
  }
  if (!ethers.isAddress(text)) throw new Error(`--from "${text}" is neither an account index nor an address`);
  for (const s of signers) if ((await s.getAddress()).toLowerCase() === text.toLowerCase()) return s;
  if (LOCAL_NETWORKS.includes(hre.network.name)) return ethers.getSigner(text);
  throw new Error(`--from ${text}: no key for this address on ${hre.network.name}: ${accountsHint(hre)}`);
}

/** The network's deployment record, checked against the node (chain id, code at every address). */
export async function deploymentOf(hre: HardhatRuntimeEnvironment) {
  const { resolveDeployment } = await import("../../sdk/deployments");
  return resolveDeployment(hre.ethers.provider, hre.network.name);
}

/** The deployed suite, typed, connected to the `--from` signer, with the block event scans start at. */
export async function suiteOf(hre: HardhatRuntimeEnvironment, from?: string) {
  const { connectSuite } = await import("../../sdk/connect");
  const record = await deploymentOf(hre);
  const signer = await signerFrom(hre, from);
  return { record, signer, fromBlock: record.startBlock ?? 0, ...connectSuite(record, signer) };
}

/**
 * Runs a task body; any error becomes one line naming the fix (reverts decoded by sdk/errors, fetching the revert
 * data from the node where the error carries none, as on anvil).
 */
export async function explained<T>(hre: HardhatRuntimeEnvironment, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const { HardhatPluginError } = await import("hardhat/plugins");
    if (error instanceof HardhatPluginError) throw error;
    const { explainRevert } = await import("../../sdk/errors");
    throw new HardhatPluginError("bytomdao", await explainRevert(error, hre.ethers.provider));
  }
}

/** Parses a "BTMG" / "ETH" / address asset name into an address (BTMG = the deployment's GovernanceToken). */
export async function assetOf(hre: HardhatRuntimeEnvironment, asset: string | undefined): Promise<string> {
  if (!asset || asset.toUpperCase() === "ETH") return hre.ethers.ZeroAddress;
  if (asset.toUpperCase() === "BTMG") {
    const { contractAddress } = await import("../../sdk/deployments");
    return contractAddress(hre.network.name, "GovernanceToken");
  }
  if (!hre.ethers.isAddress(asset)) throw new Error(`--token "${asset}": use ETH, BTMG or a token address`);
  return hre.ethers.getAddress(asset);
}
