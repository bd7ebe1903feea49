import { ethers } from "hardhat";
import type { NaiveModelRegistry } from "../../typechain-types";
import { deployRegistryOnMocks } from "../mocks";

/**
 * Gas benchmark of the ModelRegistry hot paths against a naive registry that stores every field of the same run
 * record (and every checkpoint) in storage. Both run in the same Hardhat network, same compiler settings.
 * ModelRegistry is measured behind its UUPS proxy (as deployed); the naive reference is called directly.
 */
export async function benchModelRegistry(log: (l: string) => void): Promise<{
  recordRun: bigint;
  naiveRecordRun: bigint;
  checkpoint: bigint;
  naiveCheckpoint: bigint;
  ratio: number;
}> {
  const signers = await ethers.getSigners();
  const [dao, trainer, data1, data2, compute, m1, m2, m3, m4, m5, operator] = signers;

  const { registry, constitution } = await deployRegistryOnMocks(dao, [m1, m2, m3, m4, m5], operator);
  await constitution.ratify(ethers.id("constitution v2"), "ipfs://constitution-v2");
  const naive = (await (
    await ethers.getContractFactory("NaiveModelRegistry")
  ).deploy()) as unknown as NaiveModelRegistry;

  await registry.connect(trainer).registerBuilder(1, "ipfs://trainer");
  await naive.connect(trainer).register(1);
  for (const d of [data1, data2]) {
    await registry.connect(d).registerBuilder(2, "ipfs://data");
    await naive.connect(d).register(2);
  }
  await registry.connect(compute).registerBuilder(4, "ipfs://compute");
  await naive.connect(compute).register(4);

  const dataProviders = [data1.address, data2.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const args: [bigint, string, string, string, string[], string[], string] = [
    2n,
    ethers.id("dataset-root"),
    ethers.id("config"),
    ethers.id("code"),
    dataProviders,
    [compute.address],
    "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/run.json",
  ];

  const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) =>
    (await (await tx).wait())!.gasUsed;

  // Warm-up run so the counters are non-zero in both contracts (steady state, not first-ever run).
  await registry.connect(trainer).recordTrainingRun(...args);
  await naive.connect(trainer).recordTrainingRun(...args);
  const recordRun = await gasOf(registry.connect(trainer).recordTrainingRun(...args));
  const naiveRecordRun = await gasOf(naive.connect(trainer).recordTrainingRun(...args));
  const runId = await registry.runCount();
  const naiveRunId = await naive.runCount();

  let checkpoint = 0n;
  let naiveCheckpoint = 0n;
  for (let step = 1n; step <= 3n; step++) {
    const h = ethers.id(`checkpoint-${step}`);
    checkpoint = await gasOf(registry.connect(trainer).anchorCheckpoint(runId, step * 1000n, h));
    naiveCheckpoint = await gasOf(naive.connect(trainer).anchorCheckpoint(naiveRunId, step * 1000n, h));
  }
  const ratio = Number(recordRun) / Number(naiveRecordRun);
  log(`ModelRegistry.recordTrainingRun (2 data + 1 compute providers) gas ${recordRun}`);
  log(`NaiveModelRegistry.recordTrainingRun (same record) gas ${naiveRecordRun}`);
  log(`ModelRegistry.anchorCheckpoint (3rd checkpoint) gas ${checkpoint} (target <= 35000)`);
  log(`NaiveModelRegistry.anchorCheckpoint (3rd checkpoint) gas ${naiveCheckpoint}`);
  log(`anchorRun ratio ${ratio.toFixed(2)} (target <= 0.50)`);
  return { recordRun, naiveRecordRun, checkpoint, naiveCheckpoint, ratio };
}
