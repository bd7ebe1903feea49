import { ethers, upgrades } from "hardhat";
import type { Signer } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type {
  AttestationVerifier,
  ExecutiveRegistry,
  MockCommittee,
  MockConstitutionParams,
  MockERC20,
  MockWorldIDRouter,
  MockWorldIDVerifierV4,
  WorldIDV4Verifier,
  WorldIDVerifier,
} from "../../typechain-types";
import { encodeAttestationProof, signAttestation, issuerNullifier, issuerScopedNullifier } from "../../sdk/executive";

export const APP_ID = "app_bytomdao_test";
export const ACTION = "bytomdao-executive-v1";
export const WORLD_ID_VALIDITY = 180n * 24n * 3600n;
export const DAY = 24n * 3600n;
export const REVIEW_QUORUM = 3n;
/** World ID 3.0 stops enrolling new humans at 2027-04-01 00:00 UTC by default. */
export const WORLD_ID_V3_SUNSET = 1806537600n;
/** World ID 4.0 settings of the test relying party. */
export const RP_ID = 480n;
export const ISSUER_SCHEMA_ID = 1n;
export const ACTION_V4 = BigInt(ethers.keccak256(ethers.toUtf8Bytes("bytomdao-executive-v1"))) >> 8n;

/** A signer with a known address (Hardhat signer or funded Wallet). */
export type Account = Signer & { address: string };

export interface Fixture {
  dao: HardhatEthersSigner;
  issuer: HardhatEthersSigner;
  issuer2: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  bot: HardhatEthersSigner;
  outsider: HardhatEthersSigner;
  members: HardhatEthersSigner[];
  constitution: MockConstitutionParams;
  committee: MockCommittee;
  router: MockWorldIDRouter;
  worldId: WorldIDVerifier;
  worldIdV4Mock: MockWorldIDVerifierV4;
  worldIdV4: WorldIDV4Verifier;
  attVerifier: AttestationVerifier;
  registry: ExecutiveRegistry;
  token: MockERC20;
  chainId: bigint;
  /** proof bytes of a fresh attestation by `issuer` (default: the approved issuer) for `account`. */
  attest: (
    account: string,
    subject: string,
    opts?: { expiry?: bigint; issuer?: HardhatEthersSigner; nonce?: bigint; consumer?: string },
  ) => Promise<string>;
  /** nullifier the default issuer uses for `subject`. */
  nullifierOf: (subject: string) => string;
  /** the nullifier the attestation verifier returns for `subject` attested by `issuer` (default: the issuer). */
  humanNullifierOf: (subject: string, issuer?: string) => string;
  /** enrol `signer` as human `subject` via attestation. */
  enrol: (signer: Account, subject: string, expiry?: bigint) => Promise<void>;
  /** enrol and appoint by the DAO. */
  seat: (signer: Account, subject: string, expiry?: bigint) => Promise<void>;
}

export async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

export async function deployExecutive(): Promise<Fixture> {
  const signers = await ethers.getSigners();
  const [dao, issuer, issuer2, alice, bob, carol, dave, bot, outsider] = signers;
  const members = signers.slice(9, 14);

  const constitution = await (await ethers.getContractFactory("MockConstitutionParams")).deploy(REVIEW_QUORUM);
  const committee = await (
    await ethers.getContractFactory("MockCommittee")
  ).deploy(members.map((m) => m.address) as [string, string, string, string, string]);
  const router = await (await ethers.getContractFactory("MockWorldIDRouter")).deploy();
  const worldId = await (
    await ethers.getContractFactory("WorldIDVerifier")
  ).deploy(dao.address, await router.getAddress(), APP_ID, ACTION, WORLD_ID_VALIDITY);
  const worldIdV4Mock = await (await ethers.getContractFactory("MockWorldIDVerifierV4")).deploy();
  const worldIdV4 = await (
    await ethers.getContractFactory("WorldIDV4Verifier")
  ).deploy(dao.address, await worldIdV4Mock.getAddress(), RP_ID, ACTION_V4, ISSUER_SCHEMA_ID, WORLD_ID_VALIDITY);
  const attVerifier = await (
    await ethers.getContractFactory("AttestationVerifier")
  ).deploy(dao.address, [issuer.address]);
  const F = await ethers.getContractFactory("ExecutiveRegistry");
  const registry = (await upgrades.deployProxy(
    F,
    [
      dao.address,
      await constitution.getAddress(),
      await committee.getAddress(),
      [await attVerifier.getAddress(), await worldId.getAddress(), await worldIdV4.getAddress()],
      [0n, WORLD_ID_V3_SUNSET, 0n],
    ],
    { kind: "uups" },
  )) as unknown as ExecutiveRegistry;
  const token = await (await ethers.getContractFactory("MockERC20")).deploy();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const registryAddr = await registry.getAddress();
  const verifierAddr = await attVerifier.getAddress();

  const nullifierOf = (subject: string) => issuerNullifier("test-issuer", subject);
  const humanNullifierOf = (subject: string, by?: string) =>
    issuerScopedNullifier(by ?? issuer.address, nullifierOf(subject));
  const attest: Fixture["attest"] = async (account, subject, opts = {}) => {
    const signed = await signAttestation(
      opts.issuer ?? issuer,
      verifierAddr,
      {
        account,
        nullifier: nullifierOf(subject),
        expiry: opts.expiry ?? (await now()) + 365n * DAY,
        nonce: opts.nonce,
        consumer: opts.consumer ?? registryAddr,
      },
      chainId,
    );
    return encodeAttestationProof(signed);
  };
  const enrol: Fixture["enrol"] = async (signer, subject, expiry) => {
    await registry.connect(signer).enroll(verifierAddr, await attest(signer.address, subject, { expiry }));
  };
  const seat: Fixture["seat"] = async (signer, subject, expiry) => {
    await enrol(signer, subject, expiry);
    await registry.connect(dao).appoint(signer.address);
  };

  return {
    dao,
    issuer,
    issuer2,
    alice,
    bob,
    carol,
    dave,
    bot,
    outsider,
    members,
    constitution,
    committee,
    router,
    worldId,
    worldIdV4Mock,
    worldIdV4,
    attVerifier,
    registry,
    token,
    chainId,
    attest,
    nullifierOf,
    humanNullifierOf,
    enrol,
    seat,
  };
}

/** keccak256(abi.encode(verifier, nullifier)): the registry's human id. */
export function humanId(verifier: string, nullifier: string | bigint): string {
  const n = typeof nullifier === "bigint" ? ethers.toBeHex(nullifier, 32) : nullifier;
  return ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "bytes32"], [verifier, n]));
}

/** `n` fresh wallets funded with 1 ETH each (Hardhat has only 20 default signers). */
export async function fundedWallets(n: number, funder: Signer): Promise<Account[]> {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const w = ethers.Wallet.createRandom().connect(ethers.provider);
    await funder.sendTransaction({ to: w.address, value: ethers.parseEther("1") });
    out.push(w as unknown as Account);
  }
  return out;
}
