/**
 * Deploys BytomDAO governance to the selected network and writes deployments/<network>.json.
 *
 *   npx hardhat run deploy/index.ts --network localhost    (after `npx anvil --accounts 20` or `npx hardhat node`)
 *   DEPLOYER_PRIVATE_KEY=0x… SEPOLIA_RPC_URL=https://… npx hardhat run deploy/index.ts --network sepolia
 *
 * The config comes from config/<network>.json. BYTOMDAO_GENESIS_MODEL_DIR=<dir of a trained v1 model> (`npx hardhat
 * model:train --constitution-version 1 --out <dir>`) anchors that directory's weights root as genesis model #1
 * instead of the config's root, so the AI delegate's runtime (agent:run) can load model #1 (docs/agent.md).
 */
import hre from "hardhat";
import { readConfigFile, resolveConfig } from "./config";
import { deployBytomDAO, writeDeployment } from "./deploy";

async function main(): Promise<void> {
  const network = hre.network.name;
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0) {
    throw new Error(`No deployer account for "${network}": set DEPLOYER_PRIVATE_KEY (and the network's RPC URL).`);
  }
  const config = await resolveConfig(readConfigFile(network), signers);
  if (process.env.BYTOMDAO_GENESIS_MODEL_DIR) {
    const { buildManifest } = await import("../sdk/manifest");
    const dir = process.env.BYTOMDAO_GENESIS_MODEL_DIR;
    config.genesisModel.weightsRoot = (await buildManifest(dir)).predicate.merkle.root;
    console.log(`Genesis model #1: the trained model in ${dir}, weights root ${config.genesisModel.weightsRoot}`);
  }
  const deployer = signers[0];
  console.log(`Deploying BytomDAO governance to ${network} from ${await deployer.getAddress()}`);
  const startBlock = await hre.ethers.provider.getBlockNumber();
  const dao = await deployBytomDAO(hre, deployer, config, { log: console.log });
  const { chainId } = await hre.ethers.provider.getNetwork();
  const version = Number(await dao.constitution.currentVersion());
  const file = writeDeployment(network, chainId, dao.addresses, startBlock, version);
  console.log(`Addresses written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
