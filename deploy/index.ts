/**
 * Deploys BytomDAO governance to the selected network and writes deployments/<network>.json.
 *
 *   npx hardhat run deploy/index.ts --network localhost    (after `npx anvil --accounts 20` or `npx hardhat node`)
 *   DEPLOYER_PRIVATE_KEY=0x… SEPOLIA_RPC_URL=https://… npx hardhat run deploy/index.ts --network sepolia
 *
 * The config comes from config/<network>.json.
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
