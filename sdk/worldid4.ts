/**
 * World ID 4.0 for the executive registry: turns the JSON IDKit 4 hands a relying party into the `proof` bytes
 * {WorldIDV4Verifier.verify} decodes, `abi.encode(uint256 nullifier, uint256 nonce, uint64 expiresAtMin,
 * uint256[5] zeroKnowledgeProof)`. Pure: no provider, no file system, no typechain (the lead moves it into sdk/
 * and wires `exec:enroll --world-id proof.json` to {worldId4ProofBytes}).
 *
 * Accepted shapes (keys in snake_case or camelCase; the IDKit 4 result format was read from the 4.0 docs and
 * must be re-checked against a real IDKit 4 response before production):
 *   - a single response:  { nullifier, nonce, expires_at_min, proof, merkle_root?, action?, rp_id?,
 *                           issuer_schema_id?, signal_hash? }
 *   - an IDKit 4 result:  { nonce, action?, rp_id?, responses: [ { identifier?, issuer_schema_id, nullifier,
 *                           proof, merkle_root?, expires_at_min? } ] }   (`result` / `response` wrappers too)
 * `proof` is an array of 5 field elements, an array of 4 (then `merkle_root` is the 5th: the root is the proof's
 * last word), or a 0x hex string of 5 (or 4 + merkle_root) 32-byte words. Numbers are decimal or 0x strings,
 * or JS numbers for small values.
 */
import { AbiCoder, ethers } from "ethers";

const coder = AbiCoder.defaultAbiCoder();
const FIELD_MSB_MASK = 0xffn << 248n;

/** One World ID 4.0 uniqueness proof, as the verifier's public inputs. */
export interface WorldID4Proof {
  nullifier: bigint;
  nonce: bigint;
  expiresAtMin: bigint;
  /** 5 words; the last is the Merkle root. */
  proof: bigint[];
  /** Present when the JSON carries them (checked against the adapter's settings by {worldId4ProofBytes}). */
  action?: bigint;
  rpId?: bigint;
  issuerSchemaId?: bigint;
  signalHash?: bigint;
}

/** What the relying party expects (the adapter's settings and the enrolling account). */
export interface WorldID4Expected {
  account?: string;
  action?: bigint | string;
  rpId?: bigint;
  issuerSchemaId?: bigint;
}

/** World ID's hashToField: uint256(keccak256(value)) >> 8 (most significant byte 0x00). */
export function hashToField(value: ethers.BytesLike): bigint {
  return BigInt(ethers.keccak256(value)) >> 8n;
}

/** The signal hash binding a proof to `account`: uint256(keccak256(abi.encodePacked(account))) >> 8. */
export function signalHashOf(account: string): bigint {
  return hashToField(ethers.solidityPacked(["address"], [ethers.getAddress(account)]));
}

/**
 * An action as the verifier takes it: a name (e.g. "bytomdao-executive-v1") is hashed with hashToField; a 0x hex
 * string or bigint is taken as the field element itself and must have a 0x00 most significant byte.
 */
export function actionToField(action: string | bigint): bigint {
  const value =
    typeof action === "bigint"
      ? action
      : ethers.isHexString(action)
        ? BigInt(action)
        : hashToField(ethers.toUtf8Bytes(action));
  if (value === 0n || (value & FIELD_MSB_MASK) !== 0n) {
    throw new Error(`World ID 4.0 action ${value} must be non-zero with a 0x00 most significant byte`);
  }
  return value;
}

type Json = Record<string, unknown>;

function pick(o: Json, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

function toBig(value: unknown, field: string): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value.trim())) return BigInt(value.trim());
  throw new Error(`World ID 4.0 proof JSON: ${field} is not a number (${JSON.stringify(value)})`);
}

function words(value: unknown, root: unknown): bigint[] {
  let list: bigint[];
  if (typeof value === "string") {
    const hex = value.startsWith("0x") ? value.slice(2) : value;
    if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 64 !== 0) {
      throw new Error("World ID 4.0 proof JSON: proof hex must be whole 32-byte words");
    }
    list = Array.from({ length: hex.length / 64 }, (_, i) => BigInt("0x" + hex.slice(i * 64, i * 64 + 64)));
  } else if (Array.isArray(value)) {
    list = value.map((w, i) => toBig(w, `proof[${i}]`));
  } else {
    throw new Error("World ID 4.0 proof JSON: proof must be an array or a hex string");
  }
  if (list.length === 4 && root !== undefined) list.push(toBig(root, "merkle_root"));
  if (list.length !== 5) {
    throw new Error(`World ID 4.0 proof has 5 words (the last the Merkle root), got ${list.length}`);
  }
  if (root !== undefined && list[4] !== toBig(root, "merkle_root")) {
    throw new Error("World ID 4.0 proof JSON: merkle_root differs from the proof's last word");
  }
  return list;
}

/** The response object inside an IDKit 4 result (the one for `identifier`, or the only / first one). */
function response(json: Json, identifier?: string): { r: Json; outer: Json } {
  let outer = json;
  for (const wrapper of ["result", "response"]) {
    const inner = outer[wrapper];
    if (inner && typeof inner === "object" && !Array.isArray(inner)) outer = { ...outer, ...(inner as Json) };
  }
  const list = pick(outer, "responses", "proofs");
  if (!Array.isArray(list)) return { r: outer, outer };
  if (list.length === 0) throw new Error("World ID 4.0 proof JSON: responses is empty");
  const found = identifier ? list.find((x) => (x as Json).identifier === identifier) : list[0];
  if (!found) throw new Error(`World ID 4.0 proof JSON: no response for identifier "${identifier}"`);
  return { r: found as Json, outer };
}

/** Parses the JSON IDKit 4 hands a relying party (see the module comment for the shapes). */
export function parseIDKit4Result(json: unknown, opts: { identifier?: string } = {}): WorldID4Proof {
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw new Error("World ID 4.0 proof JSON must be an object");
  }
  const { r, outer } = response(json as Json, opts.identifier);
  const get = (...names: string[]) => pick(r, ...names) ?? pick(outer, ...names);
  const nullifier = get("nullifier", "nullifier_hash", "nullifierHash");
  const nonce = get("nonce");
  const expiresAtMin = get("expires_at_min", "expiresAtMin");
  const proof = get("proof", "zero_knowledge_proof", "zeroKnowledgeProof");
  const missing = Object.entries({ nullifier, nonce, expires_at_min: expiresAtMin, proof })
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length > 0) throw new Error(`World ID 4.0 proof JSON lacks ${missing.join(", ")}`);
  const out: WorldID4Proof = {
    nullifier: toBig(nullifier, "nullifier"),
    nonce: toBig(nonce, "nonce"),
    expiresAtMin: toBig(expiresAtMin, "expires_at_min"),
    proof: words(proof, get("merkle_root", "merkleRoot", "root")),
  };
  const optional: [keyof WorldID4Proof, string[]][] = [
    ["action", ["action"]],
    ["rpId", ["rp_id", "rpId"]],
    ["issuerSchemaId", ["issuer_schema_id", "issuerSchemaId"]],
    ["signalHash", ["signal_hash", "signalHash"]],
  ];
  for (const [key, names] of optional) {
    const v = get(...names);
    if (v === undefined) continue;
    (out as unknown as Record<string, bigint>)[key] =
      key === "action" && typeof v === "string" ? actionToField(v) : toBig(v, names[0]);
  }
  if (out.nullifier === 0n) throw new Error("World ID 4.0 proof JSON: nullifier is zero");
  if (out.expiresAtMin >= 1n << 64n) throw new Error("World ID 4.0 proof JSON: expires_at_min exceeds uint64");
  return out;
}

/** The `proof` bytes {WorldIDV4Verifier.verify} decodes. */
export function encodeWorldID4Proof(p: Pick<WorldID4Proof, "nullifier" | "nonce" | "expiresAtMin" | "proof">): string {
  if (p.proof.length !== 5) throw new Error(`A World ID 4.0 proof has 5 words, got ${p.proof.length}`);
  return coder.encode(["uint256", "uint256", "uint64", "uint256[5]"], [p.nullifier, p.nonce, p.expiresAtMin, p.proof]);
}

/**
 * IDKit 4 JSON → enrolment proof bytes, refusing a proof made for another account, action, relying party or
 * credential schema before any transaction is sent (the contract would refuse it too, less legibly).
 */
export function worldId4ProofBytes(json: unknown, expected: WorldID4Expected = {}, identifier?: string): string {
  const p = parseIDKit4Result(json, { identifier });
  if (expected.account && p.signalHash !== undefined && p.signalHash !== signalHashOf(expected.account)) {
    throw new Error(`The proof is bound to another signal than ${expected.account}: generate it with that account`);
  }
  if (expected.action !== undefined && p.action !== undefined && p.action !== actionToField(expected.action)) {
    throw new Error("The proof is for another action than the DAO's: generate it for the DAO's action");
  }
  if (expected.rpId !== undefined && p.rpId !== undefined && p.rpId !== expected.rpId) {
    throw new Error(`The proof is for relying party ${p.rpId}, not ${expected.rpId}`);
  }
  if (
    expected.issuerSchemaId !== undefined &&
    p.issuerSchemaId !== undefined &&
    p.issuerSchemaId !== expected.issuerSchemaId
  ) {
    throw new Error(`The proof is for credential schema ${p.issuerSchemaId}, not ${expected.issuerSchemaId}`);
  }
  return encodeWorldID4Proof(p);
}
