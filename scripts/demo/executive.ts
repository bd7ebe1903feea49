/**
 * Demo stage: the executive committee.
 *
 * A human verified by an approved issuer's attestation is enrolled and appointed, the DAO funds an operational budget
 * and grants an allowance, the executive spends within it, a bot without a valid attestation is refused, and a spend
 * above the threshold needs co-approval by another executive.
 *
 * The DAO is the timelock: every DAO action goes through `daoCall`, which the caller implements (in the full demo, a
 * governance proposal: draft, committee review, >80% vote, queue, execute). The stage makes exactly ONE DAO call
 * batch (several calls in one proposal), because each goes through a full vote.
 *
 * Standalone (DAO played by a signer, test stand-ins for the constitution and committee):
 *   npx hardhat run scripts/demo/executive.ts
 */
import { ethers, type Signer } from "ethers";
import type { AttestationVerifier, ExecutiveRegistry } from "../../typechain-types";
import * as lib from "../../sdk/executive";

/** One call the DAO makes (a Governor/timelock action: target, value, calldata). */
export interface DaoCall {
  target: string;
  data: string;
  value?: bigint;
}

/** Executes `calls` as the DAO, in order, atomically (e.g. one proposal with several actions). */
export type DaoCallFn = (calls: DaoCall[], description: string) => Promise<void>;

export interface ExecutiveStageArgs {
  registry: ExecutiveRegistry;
  attestationVerifier: AttestationVerifier;
  daoCall: DaoCallFn;
  /** A key the DAO approved as attestation issuer (approve it at deployment or in an earlier proposal). */
  issuer: Signer;
  /** The human who becomes an executive. */
  candidate: Signer;
  /** Another human executive, who co-approves the large spend. */
  coExecutive: Signer;
  /** An automated account with no valid attestation. */
  bot: Signer;
  /**
   * Governance committee members: if at least `reviewQuorum` are given, they appoint the two executives by approval;
   * otherwise the appointments are part of the DAO batch.
   */
  committeeMembers?: Signer[];
  /** Who receives the spends (e.g. a hosting provider). */
  recipient: string;
  /** Amounts in wei. Defaults: budget 2 ETH, allowance 1 ETH / 30 days, threshold 0.25 ETH, spends 0.1 and 0.5 ETH. */
  budget?: { fund?: bigint; allowance?: bigint; period?: bigint; threshold?: bigint; small?: bigint; large?: bigint };
  /** A resource to register under the candidate's custody. */
  resourceURI?: string;
  log: (line: string) => void;
}

export interface ExecutiveStageResult {
  candidateHumanId: string;
  coExecutiveHumanId: string;
  botError: string;
  smallSpendTx: string;
  largeSpendId: bigint;
  largeSpendTx: string;
  recipientReceived: bigint;
}

export async function runExecutiveStage(args: ExecutiveStageArgs): Promise<ExecutiveStageResult> {
  const { registry, attestationVerifier, daoCall, issuer, candidate, coExecutive, bot, log } = args;
  const b = args.budget ?? {};
  const fund = b.fund ?? ethers.parseEther("2");
  const allowance = b.allowance ?? ethers.parseEther("1");
  const period = b.period ?? 30n * 86400n;
  const threshold = b.threshold ?? ethers.parseEther("0.25");
  const small = b.small ?? ethers.parseEther("0.1");
  const large = b.large ?? ethers.parseEther("0.5");
  const provider = registry.runner!.provider!;
  const registryAddr = await registry.getAddress();
  const verifierAddr = await attestationVerifier.getAddress();
  const chainId = (await provider.getNetwork()).chainId;
  const [candidateAddr, coAddr, botAddr, issuerAddr] = await Promise.all(
    [candidate, coExecutive, bot, issuer].map((s) => s.getAddress()),
  );
  const fmt = (wei: bigint) => `${ethers.formatEther(wei)} ETH`;
  const now = async () => BigInt((await provider.getBlock("latest"))!.timestamp);

  log("== Executive committee: verified humans run daily operations ==");
  log(`issuer ${issuerAddr} is ${await lib.issuerStanding(attestationVerifier, issuerAddr)} by the DAO`);

  // 1. Personhood: the issuer attests two humans; each enrols from their own account.
  log("-- 1. proof of personhood (EIP-712 attestations from an approved issuer)");
  const expiry = (await now()) + 365n * 86400n;
  const enrolWith = async (who: Signer, addr: string, subject: string) => {
    const signed = await lib.signAttestation(
      issuer,
      verifierAddr,
      { account: addr, nullifier: lib.issuerNullifier("bytomdao-demo-kyc", subject), expiry, consumer: registryAddr },
      chainId,
    );
    const r = await lib.enroll(registry, who, verifierAddr, lib.encodeAttestationProof(signed));
    log(
      `${addr} enrolled as human ${r.humanId.slice(0, 10)}… until ${new Date(Number(r.expiry) * 1000).toISOString()}`,
    );
    return r.humanId;
  };
  const candidateHumanId = await enrolWith(candidate, candidateAddr, "candidate");
  const coExecutiveHumanId = await enrolWith(coExecutive, coAddr, "co-executive");

  // 2. A bot tries to get in: with a self-signed attestation, then with the candidate's.
  log("-- 2. a bot without a valid attestation is refused");
  const forged = await lib.signAttestation(
    bot,
    verifierAddr,
    { account: botAddr, nullifier: lib.issuerNullifier("bot", "bot"), expiry, consumer: registryAddr },
    chainId,
  );
  let botError = "";
  try {
    await lib.enroll(registry, bot, verifierAddr, lib.encodeAttestationProof(forged));
    throw new Error("the bot was enrolled: the demo expected a refusal");
  } catch (e) {
    botError = lib.explainError(e, registry, attestationVerifier);
    log(`bot self-attested: refused with ${botError}`);
  }
  const stolen = await lib.signAttestation(
    issuer,
    verifierAddr,
    {
      account: candidateAddr,
      nullifier: lib.issuerNullifier("bytomdao-demo-kyc", "stolen"),
      expiry,
      consumer: registryAddr,
    },
    chainId,
  );
  try {
    await lib.enroll(registry, bot, verifierAddr, lib.encodeAttestationProof(stolen));
    throw new Error("the bot used someone else's attestation: the demo expected a refusal");
  } catch (e) {
    log(`bot replaying a human's attestation: refused with ${lib.explainError(e, registry, attestationVerifier)}`);
  }
  log(`bot status: ${(await lib.executiveStatus(registry, botAddr)).summary}`);

  // 3. Appointment (committee approvals if enough members are given) and one DAO batch for the budget.
  log("-- 3. appointment and budget");
  const constitution = new ethers.Contract(
    await registry.constitution(),
    ["function reviewQuorum() view returns (uint256)"],
    provider,
  );
  const quorum = (await constitution.reviewQuorum()) as bigint;
  const members = args.committeeMembers ?? [];
  const calls: DaoCall[] = [];
  const iface = registry.interface;
  if (members.length >= Number(quorum)) {
    for (const who of [candidateAddr, coAddr]) {
      for (const m of members.slice(0, Number(quorum))) {
        await (await registry.connect(m).approveAppointment(who)).wait();
      }
      log(`${who} appointed by ${quorum} committee approvals`);
    }
  } else {
    calls.push({ target: registryAddr, data: iface.encodeFunctionData("appoint", [candidateAddr]) });
    calls.push({ target: registryAddr, data: iface.encodeFunctionData("appoint", [coAddr]) });
  }
  calls.push({ target: registryAddr, data: "0x", value: fund });
  calls.push({
    target: registryAddr,
    data: iface.encodeFunctionData("grantAllowance", [candidateAddr, lib.ETH, allowance, period]),
  });
  calls.push({ target: registryAddr, data: iface.encodeFunctionData("setSpendThreshold", [lib.ETH, threshold]) });
  calls.push({ target: registryAddr, data: iface.encodeFunctionData("setSpendApprovals", [1n]) });
  if (args.resourceURI) {
    calls.push({
      target: registryAddr,
      data: iface.encodeFunctionData("addResource", [lib.ResourceKind.Website, args.resourceURI, candidateAddr]),
    });
  }
  const description =
    `Executive budget: ${members.length >= Number(quorum) ? "" : "appoint 2 executives, "}fund ${fmt(fund)}, ` +
    `allowance ${fmt(allowance)} per ${period / 86400n} days, co-approval above ${fmt(threshold)}`;
  log(`DAO proposal (${calls.length} actions): ${description}`);
  await daoCall(calls, description);
  log(
    `executives seated: ${await registry.executiveCount()}; registry holds ${fmt(await provider.getBalance(registryAddr))}`,
  );
  log(`candidate status: ${(await lib.executiveStatus(registry, candidateAddr)).summary}`);

  // 4. A spend within the allowance and under the threshold: direct.
  log("-- 4. spending within budget");
  const before = await provider.getBalance(args.recipient);
  const s1 = await lib.spend(registry, candidate, {
    asset: lib.ETH,
    to: args.recipient,
    amount: small,
    purpose: "hosting invoice 2026-01",
  });
  const [, spent, remaining] = await registry.allowanceOf(candidateAddr, lib.ETH);
  log(`spent ${fmt(small)} directly (gas ${s1.gasUsed}); allowance: ${fmt(spent)} used, ${fmt(remaining)} left`);

  // 5. Above the threshold: a direct spend is refused; proposal, co-approval, execution.
  log("-- 5. a spend above the threshold needs another executive");
  try {
    await (
      await registry.connect(candidate).spend(lib.ETH, args.recipient, large, lib.purposeHash("GPU cluster"))
    ).wait();
    throw new Error("a spend above the threshold went through directly: the demo expected a refusal");
  } catch (e) {
    log(`direct spend of ${fmt(large)}: refused with ${lib.explainError(e, registry)}`);
  }
  const s2 = await lib.spend(registry, candidate, {
    asset: lib.ETH,
    to: args.recipient,
    amount: large,
    purpose: "GPU cluster for model evaluation",
  });
  log(`proposed spend #${s2.spendId} of ${fmt(large)}`);
  try {
    await (await registry.connect(candidate).executeSpend(s2.spendId)).wait();
    throw new Error("an unapproved spend executed: the demo expected a refusal");
  } catch (e) {
    log(`execution before approval: refused with ${lib.explainError(e, registry)}`);
  }
  await (await registry.connect(coExecutive).approveSpend(s2.spendId)).wait();
  log(`co-executive ${coAddr} approved spend #${s2.spendId}`);
  const rc = (await (await registry.connect(candidate).executeSpend(s2.spendId)).wait())!;
  const received = (await provider.getBalance(args.recipient)) - before;
  log(`spend #${s2.spendId} executed (gas ${rc.gasUsed}); recipient received ${fmt(received)} in total`);
  if (args.resourceURI) {
    for (const r of await lib.listResources(registry))
      log(`resource #${r.id} ${r.kind} ${r.uri} custodian ${r.custodian}`);
  }
  log("== executive stage done ==");
  return {
    candidateHumanId,
    coExecutiveHumanId,
    botError,
    smallSpendTx: s1.txHash,
    largeSpendId: s2.spendId,
    largeSpendTx: rc.hash,
    recipientReceived: received,
  };
}

/** Standalone run on the Hardhat network, with a signer standing in for the DAO's timelock. */
async function main() {
  const hre = await import("hardhat");
  const { ethers: hEthers, upgrades } = hre;
  const [dao, issuer, candidate, coExecutive, bot, recipient, ...rest] = await hEthers.getSigners();
  const members = rest.slice(0, 5);
  const constitution = await (await hEthers.getContractFactory("MockConstitutionParams")).deploy(3);
  const committee = await (
    await hEthers.getContractFactory("MockCommittee")
  ).deploy(members.map((m) => m.address) as [string, string, string, string, string]);
  const attestationVerifier = await (
    await hEthers.getContractFactory("AttestationVerifier")
  ).deploy(dao.address, [issuer.address]);
  const registry = (await upgrades.deployProxy(
    await hEthers.getContractFactory("ExecutiveRegistry"),
    [
      dao.address,
      await constitution.getAddress(),
      await committee.getAddress(),
      [await attestationVerifier.getAddress()],
      [0n],
    ],
    { kind: "uups" },
  )) as unknown as ExecutiveRegistry;
  await runExecutiveStage({
    registry,
    attestationVerifier,
    daoCall: async (calls) => {
      for (const c of calls)
        await (await dao.sendTransaction({ to: c.target, data: c.data, value: c.value ?? 0n })).wait();
    },
    issuer,
    candidate,
    coExecutive,
    bot,
    committeeMembers: members,
    recipient: recipient.address,
    resourceURI: "https://bytomdao.org",
    log: (l) => console.log(l),
  });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
