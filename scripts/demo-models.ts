// Standalone check of the model lifecycle demo stage on mocks: npx hardhat run scripts/demo-models.ts
// (the main demo runs the same stage against the real Constitution and GovernanceCommittee).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import type { IConstitution } from "../typechain-types";
import { deployRegistryOnMocks } from "./mocks";
import { runModelLifecycleStage } from "./demo/models";

async function main() {
  const [dao, trainer, data, compute, m1, m2, m3, m4, m5, genesisOperator] = await ethers.getSigners();
  const { registry, constitution } = await deployRegistryOnMocks(dao, [m1, m2, m3, m4, m5], genesisOperator);
  await constitution.ratify(ethers.id("constitution v2 text"), "ipfs://constitution-v2");
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-demo-models-"));
  await runModelLifecycleStage({
    registry,
    constitution: constitution as unknown as IConstitution,
    trainer,
    dataProvider: data,
    computeProvider: compute,
    evaluators: [m1, m2, m3, m4, m5],
    version: 2n,
    log: (l) => console.log(l),
    tmpDir,
  });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
