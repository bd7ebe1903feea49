/**
 * Executive committee toolkit: sign personhood attestations, build World ID proofs, enrol, read status, spend,
 * list resources. Used by tasks/exec.ts, the demo stage and the tests. Works with any ethers v6 signer.
 */
import path from "node:path";
import { AbiCoder, Interface, ethers, type BaseContract, type Signer, type TypedDataDomain } from "ethers";
import type { AttestationVerifier, ExecutiveRegistry } from "../typechain-types";
import { deploymentsDir, loadContracts, resolveAddress as resolveDeploymentAddress } from "./deployments";
import { HINTS, explainError as explainErrorOf } from "./errors";

const coder = AbiCoder.defaultAbiCoder();

/** The EIP-712 domain name and version of {AttestationVerifier}. */
export const ATTESTATION_DOMAIN_NAME = "BytomDAO Personhood Attestation";
export const ATTESTATION_DOMAIN_VERSION = "1";

/** The EIP-712 types an issuer signs (must match AttestationVerifier.ATTESTATION_TYPEHASH). */
export const ATTESTATION_TYPES = {
  Attestation: [
    { name: "account", type: "address" },
    { name: "nullifier", type: "bytes32" },
    { name: "expiry", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "consumer", type: "address" },
  ],
};

export const ETH = ethers.ZeroAddress;

export enum ResourceKind {
  Website = 0,
  Contract = 1,
  AIInfrastructure = 2,
  Other = 3,
}

export interface Attestation {
  account: string;
  nullifier: string;
  expiry: bigint;
  nonce: bigint;
  consumer: string;
}

/** An attestation with its issuer and signature: the JSON a human receives from an issuer. */
export interface SignedAttestation {
  verifier: string;
  chainId: bigint;
  issuer: string;
  attestation: Attestation;
  signature: string;
}

export interface WorldIDProof {
  root: bigint;
  nullifierHash: bigint;
  proof: bigint[]; // 8 field elements
}

/** The EIP-712 domain of an AttestationVerifier deployment. */
export function attestationDomain(verifier: string, chainId: bigint): TypedDataDomain {
  return {
    name: ATTESTATION_DOMAIN_NAME,
    version: ATTESTATION_DOMAIN_VERSION,
    chainId,
    verifyingContract: verifier,
  };
}

/** A fresh keyed nonce: a random 192-bit key and sequence 0, so issuers never have to coordinate. */
export function randomNonce(): bigint {
  return BigInt(ethers.hexlify(ethers.randomBytes(24))) << 64n;
}

/** A nullifier an issuer derives for a human from its own identifier of them (e.g. a KYC record id). */
export function issuerNullifier(issuerScope: string, subjectId: string): string {
  return ethers.solidityPackedKeccak256(["string", "string"], [issuerScope, subjectId]);
}

/**
 * The nullifier {AttestationVerifier.verify} returns: the issuer's nullifier bound to its issuer,
 * keccak256(abi.encode(issuer, nullifier)). The registry's human id is keccak256(abi.encode(verifier, this)).
 */
export function issuerScopedNullifier(issuer: string, nullifier: string): string {
  return ethers.keccak256(coder.encode(["address", "bytes32"], [issuer, nullifier]));
}

/** The EIP-712 digest of an attestation (what the DAO passes to `revokeAttestation`). */
export function attestationDigest(verifier: string, chainId: bigint, attestation: Attestation): string {
  return ethers.TypedDataEncoder.hash(attestationDomain(verifier, chainId), ATTESTATION_TYPES, attestation);
}

/**
 * An issuer signs an attestation with `signTypedData`.
 * @param issuer The issuer's signer (an approved issuer key).
 * @param verifier The AttestationVerifier address (part of the domain: no replay on another contract).
 * @param fields The statement; `nonce` defaults to a random keyed nonce.
 */
export async function signAttestation(
  issuer: Signer,
  verifier: string,
  fields: Omit<Attestation, "nonce"> & { nonce?: bigint },
  chainId?: bigint,
): Promise<SignedAttestation> {
  const cid = chainId ?? (await issuer.provider!.getNetwork()).chainId;
  const attestation: Attestation = {
    account: ethers.getAddress(fields.account),
    nullifier: fields.nullifier,
    expiry: BigInt(fields.expiry),
    nonce: fields.nonce ?? randomNonce(),
    consumer: ethers.getAddress(fields.consumer),
  };
  const signature = await issuer.signTypedData(attestationDomain(verifier, cid), ATTESTATION_TYPES, attestation);
  return { verifier, chainId: cid, issuer: await issuer.getAddress(), attestation, signature };
}

/** The `proof` bytes {AttestationVerifier.verify} decodes. */
export function encodeAttestationProof(
  signed: Pick<SignedAttestation, "issuer" | "attestation" | "signature">,
): string {
  const a = signed.attestation;
  return coder.encode(
    ["address", "bytes32", "uint64", "uint256", "address", "bytes"],
    [signed.issuer, a.nullifier, a.expiry, a.nonce, a.consumer, signed.signature],
  );
}

/** World ID's hashToField: uint256(keccak256(value)) >> 8. */
export function hashToField(value: ethers.BytesLike): bigint {
  return BigInt(ethers.keccak256(value)) >> 8n;
}

/** hashToField(abi.encodePacked(hashToField(abi.encodePacked(appId)), action)), as the World ID template. */
export function externalNullifierHash(appId: string, action: string): bigint {
  const appHash = hashToField(ethers.toUtf8Bytes(appId));
  return hashToField(ethers.solidityPacked(["uint256", "string"], [appHash, action]));
}

/** The signal hash binding a World ID proof to `account`: hashToField(abi.encodePacked(account)). */
export function signalHash(account: string): bigint {
  return hashToField(ethers.solidityPacked(["address"], [account]));
}

/** The `proof` bytes {WorldIDVerifier.verify} decodes. */
export function encodeWorldIDProof(p: WorldIDProof): string {
  if (p.proof.length !== 8) throw new Error(`A World ID proof has 8 field elements, got ${p.proof.length}`);
  return coder.encode(["uint256", "uint256", "uint256[8]"], [p.root, p.nullifierHash, p.proof]);
}

/**
 * Parses a World ID proof JSON: either `{ root, nullifierHash, proof: [8 numbers] }` or IDKit's
 * `{ merkle_root, nullifier_hash, proof: "0x<abi-encoded uint256[8]>" }`.
 */
export function parseWorldIDProof(json: Record<string, unknown>): WorldIDProof {
  const root = json.root ?? json.merkle_root;
  const nullifierHash = json.nullifierHash ?? json.nullifier_hash;
  if (root === undefined || nullifierHash === undefined || json.proof === undefined) {
    throw new Error("World ID proof JSON needs root (or merkle_root), nullifierHash (or nullifier_hash) and proof");
  }
  let proof: bigint[];
  if (typeof json.proof === "string") {
    proof = (coder.decode(["uint256[8]"], json.proof as string)[0] as bigint[]).map((x) => BigInt(x));
  } else {
    proof = (json.proof as (string | number)[]).map((x) => BigInt(x));
  }
  return { root: BigInt(root as string), nullifierHash: BigInt(nullifierHash as string), proof };
}

/** Serialises a signed attestation to JSON (bigints as decimal strings). */
export function attestationToJson(signed: SignedAttestation): string {
  return JSON.stringify(signed, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** Parses the JSON written by {attestationToJson}. */
export function attestationFromJson(text: string): SignedAttestation {
  const j = JSON.parse(text);
  if (!j.issuer || !j.signature || !j.attestation) {
    throw new Error("Attestation JSON needs issuer, signature and attestation {account, nullifier, expiry, nonce}");
  }
  return {
    verifier: j.verifier,
    chainId: BigInt(j.chainId ?? 0),
    issuer: j.issuer,
    signature: j.signature,
    attestation: {
      account: j.attestation.account,
      nullifier: j.attestation.nullifier,
      expiry: BigInt(j.attestation.expiry),
      nonce: BigInt(j.attestation.nonce),
      consumer: j.attestation.consumer,
    },
  };
}

/** The World ID router's errors (decoded by the one explainer, sdk/errors). */
export { WORLD_ID_ERRORS } from "./errors";

/** What to do next, per custom error (the explainer's hints: sdk/errors HINTS). */
export const NEXT_STEPS = HINTS;

/**
 * Turns a revert into `ErrorName(args): what to do next` (sdk/errors {@link explainErrorOf}; the contracts given
 * are decoded first, every other contract of the suite after). Returns the original message otherwise.
 */
export function explainError(err: unknown, ...contracts: (BaseContract | Interface)[]): string {
  return explainErrorOf(
    err,
    contracts.map((c) => (c instanceof Interface ? c : c.interface)),
  );
}

/** Enrols `signer` with `verifier`; returns the human id and what happened (enrolled / renewed / rotated). */
export async function enroll(
  registry: ExecutiveRegistry,
  signer: Signer,
  verifier: string,
  proof: string,
): Promise<{ humanId: string; event: string; expiry: bigint; txHash: string; gasUsed: bigint }> {
  const tx = await registry.connect(signer).enroll(verifier, proof);
  const receipt = (await tx.wait())!;
  for (const log of receipt.logs) {
    let parsed;
    try {
      parsed = registry.interface.parseLog(log);
    } catch {
      continue;
    }
    if (!parsed) continue;
    if (["HumanEnrolled", "VerificationRenewed", "AccountRotated"].includes(parsed.name)) {
      return {
        humanId: parsed.args.humanId as string,
        event: parsed.name,
        expiry: BigInt(parsed.args.expiry),
        txHash: receipt.hash,
        gasUsed: receipt.gasUsed,
      };
    }
  }
  throw new Error(`enroll ${receipt.hash} emitted no enrolment event`);
}

export interface ExecutiveStatusView {
  account: string;
  humanId: string;
  verifier: string;
  currentAccount: string;
  expiry: bigint;
  term: bigint;
  enrolled: boolean;
  appointed: boolean;
  active: boolean;
  summary: string;
}

/** The standing of `account`, with a one-line summary that says what to do next. */
export async function executiveStatus(registry: ExecutiveRegistry, account: string): Promise<ExecutiveStatusView> {
  const s = await registry.status(account);
  const now = BigInt((await registry.runner!.provider!.getBlock("latest"))!.timestamp);
  let summary: string;
  if (s.humanId === ethers.ZeroHash) summary = "not enrolled: run exec:enroll with an attestation or World ID proof";
  else if (s.currentAccount.toLowerCase() !== account.toLowerCase())
    summary = `rotated: this human now acts from ${s.currentAccount}`;
  else if (!(await registry.isVerifierApproved(s.verifier)))
    summary = "suspended: the DAO removed the verifier; re-verify with an approved one";
  else if (s.expiry <= now) summary = "suspended: verification expired; re-verify with exec:enroll";
  else if (!s.appointed) summary = "verified human, not an executive: awaiting appointment by the DAO or committee";
  else summary = `active executive (term ${s.term}) until ${new Date(Number(s.expiry) * 1000).toISOString()}`;
  return {
    account,
    humanId: s.humanId,
    verifier: s.verifier,
    currentAccount: s.currentAccount,
    expiry: s.expiry,
    term: BigInt(s.term),
    enrolled: s.enrolled,
    appointed: s.appointed,
    active: s.active,
    summary,
  };
}

export interface SpendRequest {
  asset: string; // token address or ETH (zero address)
  to: string;
  amount: bigint;
  purpose: string; // free text (hashed) or a 0x-prefixed 32-byte hash
}

/** A purpose string becomes its keccak256; a 32-byte hex string is taken as the hash itself. */
export function purposeHash(purpose: string): string {
  return ethers.isHexString(purpose, 32) ? purpose : ethers.id(purpose);
}

/**
 * Spends from the signer's allowance: directly while the signer's direct spends of the asset in this period stay
 * within its threshold, otherwise as a proposal other executives must approve. Returns what happened.
 */
export async function spend(
  registry: ExecutiveRegistry,
  signer: Signer,
  req: SpendRequest,
): Promise<{ kind: "direct" | "proposed"; spendId: bigint; txHash: string; gasUsed: bigint }> {
  // the threshold bounds the sum of the signer's direct spends of this asset in the period
  const directRemaining = await registry.directSpendRemaining(await signer.getAddress(), req.asset);
  const purpose = purposeHash(req.purpose);
  const r = registry.connect(signer);
  if (req.amount <= directRemaining) {
    const receipt = (await (await r.spend(req.asset, req.to, req.amount, purpose)).wait())!;
    return { kind: "direct", spendId: 0n, txHash: receipt.hash, gasUsed: receipt.gasUsed };
  }
  const receipt = (await (await r.proposeSpend(req.asset, req.to, req.amount, purpose)).wait())!;
  const ev = receipt.logs
    .map((l) => {
      try {
        return registry.interface.parseLog(l);
      } catch {
        return null;
      }
    })
    .find((p) => p?.name === "SpendProposed");
  return { kind: "proposed", spendId: BigInt(ev!.args.id), txHash: receipt.hash, gasUsed: receipt.gasUsed };
}

export interface ResourceView {
  id: bigint;
  kind: string;
  uri: string;
  custodian: string; // zero address = the DAO
}

/** All resources still registered (reads resourceCount entries off chain; removed ones are skipped). */
export async function listResources(registry: ExecutiveRegistry): Promise<ResourceView[]> {
  const count = await registry.resourceCount();
  const out: ResourceView[] = [];
  for (let id = 1n; id <= count; id++) {
    try {
      const r = await registry.resource(id);
      out.push({ id, kind: ResourceKind[Number(r.kind)], uri: r.uri, custodian: r.custodian });
    } catch {
      // removed
    }
  }
  return out;
}

export interface ExecutiveAddresses {
  ExecutiveRegistry?: string;
  AttestationVerifier?: string;
  WorldIDV4Verifier?: string;
  WorldIDVerifier?: string;
}

/** The executive contracts of `deployments/<network>.json` under `root` (sdk/deployments {@link loadContracts}). */
export function loadDeployment(network: string, root?: string): ExecutiveAddresses {
  return loadContracts(network, root ? path.join(root, "deployments") : deploymentsDir()) as ExecutiveAddresses;
}

/** Picks an address from a flag or the deployment record (sdk/deployments {@link resolveDeploymentAddress}). */
export function resolveAddress(
  name: keyof ExecutiveAddresses,
  flag: string | undefined,
  network: string,
  root?: string,
): string {
  return resolveDeploymentAddress(name, network, {
    override: flag,
    dir: root ? path.join(root, "deployments") : deploymentsDir(),
    flag: name === "ExecutiveRegistry" ? "--registry" : "--verifier",
  });
}

/** Reads an attestation verifier's issuer standing (0 none, 1 approved, 2 removed) as text. */
export async function issuerStanding(verifier: AttestationVerifier, issuer: string): Promise<string> {
  return ["not approved", "approved", "removed"][Number(await verifier.issuerStatus(issuer))];
}
