/**
 * Gas benchmark of the executive registry: enrolment (attestation) and a direct spend as the 10th and as the
 * 1,000th executive. Every operation is O(1), so the cost must not grow with the number of executives
 * (target: enrol growth <= 1.02).
 *
 *   npx hardhat run scripts/bench/executive.ts
 *
 * Test stand-ins: a signer plays the DAO, mocks play the constitution and committee. The 1,000 humans are
 * impersonated addresses (no local key signing per transaction); only the issuer signs, once per human.
 */
import type { ExecutiveRegistry } from "../../typechain-types";
import * as lib from "../../sdk/executive";

export interface BenchExecutiveOptions {
  /** Number of executives for the large measurement (default 1,000). */
  executives?: number;
  /** Number of executives for the small measurement (default 10). */
  small?: number;
}

export interface BenchExecutiveResult {
  enrolSmall: bigint;
  enrolLarge: bigint;
  spendSmall: bigint;
  spendLarge: bigint;
  enrolGrowth: number;
  spendGrowth: number;
}

export async function benchExecutive(
  log: (l: string) => void,
  opts: BenchExecutiveOptions = {},
): Promise<BenchExecutiveResult> {
  const hre = await import("hardhat");
  const { ethers, upgrades, network } = hre;
  const large = opts.executives ?? 1000;
  const small = opts.small ?? 10;
  const [dao, issuer, recipient, ...rest] = await ethers.getSigners();
  const members = rest.slice(0, 5);

  const constitution = await (await ethers.getContractFactory("MockConstitutionParams")).deploy(3);
  const committee = await (
    await ethers.getContractFactory("MockCommittee")
  ).deploy(members.map((m) => m.address) as [string, string, string, string, string]);
  const verifier = await (await ethers.getContractFactory("AttestationVerifier")).deploy(dao.address, [issuer.address]);
  const registry = (await upgrades.deployProxy(
    await ethers.getContractFactory("ExecutiveRegistry"),
    [dao.address, await constitution.getAddress(), await committee.getAddress(), [await verifier.getAddress()], [0n]],
    { kind: "uups" },
  )) as unknown as ExecutiveRegistry;
  const registryAddr = await registry.getAddress();
  const verifierAddr = await verifier.getAddress();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const asDao = registry.connect(dao);
  await (await dao.sendTransaction({ to: registryAddr, value: ethers.parseEther("10") })).wait();
  await (await asDao.setSpendThreshold(lib.ETH, ethers.parseEther("1"))).wait();
  const expiry = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 365n * 86400n;

  // Humans: deterministic addresses, impersonated and funded through the node (no per-human funding transaction).
  const humanAddress = (i: number) => ethers.getAddress(ethers.toBeHex(0xe0ec000000n + BigInt(i), 20));
  // Same-shaped nonces for every human (a fixed 192-bit key plus the index in the low bits of the key):
  // calldata differs in one or two bytes at most.
  const nonceOf = (i: number) => ((0xb10c0000n << 160n) | BigInt(i)) << 64n;

  const enrolOne = async (i: number): Promise<bigint> => {
    const account = humanAddress(i);
    await network.provider.request({ method: "hardhat_impersonateAccount", params: [account] });
    await network.provider.request({ method: "hardhat_setBalance", params: [account, "0x8ac7230489e80000"] });
    const signed = await lib.signAttestation(
      issuer,
      verifierAddr,
      {
        account,
        nullifier: lib.issuerNullifier("bench", `human-${i}`),
        expiry,
        nonce: nonceOf(i),
        consumer: registryAddr,
      },
      chainId,
    );
    const signer = await ethers.getSigner(account);
    const tx = await registry.connect(signer).enroll(verifierAddr, lib.encodeAttestationProof(signed));
    await asDao.appoint(account);
    return i === small || i === large ? (await tx.wait())!.gasUsed : 0n;
  };

  const spendAs = async (i: number): Promise<bigint> => {
    const account = humanAddress(i);
    await (await asDao.grantAllowance(account, lib.ETH, ethers.parseEther("0.01"), 30n * 86400n)).wait();
    const signer = await ethers.getSigner(account);
    const tx = await registry.connect(signer).spend(lib.ETH, recipient.address, 1000n, ethers.id(`invoice-${i}`));
    return (await tx.wait())!.gasUsed;
  };

  const started = Date.now();
  let enrolSmall = 0n;
  let enrolLarge = 0n;
  let spendSmall = 0n;
  let spendLarge = 0n;
  for (let i = 1; i <= large; i++) {
    const gas = await enrolOne(i);
    if (i === small) {
      enrolSmall = gas;
      spendSmall = await spendAs(i);
      log(`executive enrol (attestation) as executive #${small}: ${enrolSmall} gas`);
      log(`executive spend (direct, ETH) as executive #${small}: ${spendSmall} gas`);
    }
    if (i === large) {
      enrolLarge = gas;
      spendLarge = await spendAs(i);
      log(`executive enrol (attestation) as executive #${large}: ${enrolLarge} gas`);
      log(`executive spend (direct, ETH) as executive #${large}: ${spendLarge} gas`);
    }
  }
  const count = await registry.executiveCount();
  if (count !== BigInt(large)) throw new Error(`expected ${large} executives, registry counts ${count}`);
  const enrolGrowth = Number(enrolLarge) / Number(enrolSmall);
  const spendGrowth = Number(spendLarge) / Number(spendSmall);
  log(`enrol growth ${enrolGrowth.toFixed(3)}`);
  log(`spend growth ${spendGrowth.toFixed(3)}`);
  log(`(${large} humans enrolled and appointed in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { enrolSmall, enrolLarge, spendSmall, spendLarge, enrolGrowth, spendGrowth };
}

if (require.main === module) {
  benchExecutive((l) => console.log(l)).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
