import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import {
  ACTION_V4,
  ACTION,
  APP_ID,
  DAY,
  ISSUER_SCHEMA_ID,
  RP_ID,
  WORLD_ID_V3_SUNSET,
  WORLD_ID_VALIDITY,
  deployExecutive,
  humanId,
  now,
  type Fixture,
} from "./fixture";
import {
  actionToField,
  encodeWorldID4Proof,
  hashToField,
  parseIDKit4Result,
  signalHashOf,
  worldId4ProofBytes,
} from "../../sdk/worldid4";
import { encodeWorldIDProof, externalNullifierHash, signalHash } from "../../sdk/executive";

const ROOT = 777n;
const ZK = [11n, 12n, 13n, 14n, ROOT];

/** Registers with the mock the proof an honest World App would produce for `account`, and returns its bytes. */
async function v4proof(
  f: Fixture,
  account: string,
  nullifier: bigint,
  nonce: bigint,
  opts: { expiresAtMin?: bigint; action?: bigint; zk?: bigint[] } = {},
): Promise<string> {
  const expiresAtMin = opts.expiresAtMin ?? (await now()) + 3600n;
  const zk = opts.zk ?? ZK;
  await f.worldIdV4Mock.registerProof(
    {
      nullifier,
      action: opts.action ?? ACTION_V4,
      rpId: RP_ID,
      nonce,
      signalHash: signalHashOf(account),
      expiresAtMin,
      issuerSchemaId: ISSUER_SCHEMA_ID,
      credentialGenesisIssuedAtMin: 0n,
    },
    zk as [bigint, bigint, bigint, bigint, bigint],
  );
  return encodeWorldID4Proof({ nullifier, nonce, expiresAtMin, proof: zk });
}

describe("WorldIDV4Verifier (World ID 4.0)", () => {
  it("is configured by the DAO: rpId, action (MSB 0x00), issuer schema, genesis minimum, validity, with events", async () => {
    const { worldIdV4, worldIdV4Mock, dao, alice } = await loadFixture(deployExecutive);
    expect(await worldIdV4.worldIdVerifier()).to.equal(await worldIdV4Mock.getAddress());
    expect([await worldIdV4.rpId(), await worldIdV4.action(), await worldIdV4.issuerSchemaId()]).to.deep.equal([
      RP_ID,
      ACTION_V4,
      ISSUER_SCHEMA_ID,
    ]);
    expect(await worldIdV4.validityPeriod()).to.equal(WORLD_ID_VALIDITY);
    expect(await worldIdV4.owner()).to.equal(dao.address);
    const badAction = 1n << 248n;
    for (const [fn, arg] of [
      ["setRpId", 7n],
      ["setAction", 5n],
      ["setIssuerSchemaId", 2n],
      ["setCredentialGenesisIssuedAtMin", 1n],
      ["setValidityPeriod", DAY],
    ] as const) {
      await expect((worldIdV4.connect(alice) as unknown as Record<string, (x: bigint) => Promise<unknown>>)[fn](arg))
        .to.be.revertedWithCustomError(worldIdV4, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    }
    await expect(worldIdV4.connect(dao).setRpId(7n)).to.emit(worldIdV4, "RpIdSet").withArgs(7n);
    await expect(worldIdV4.connect(dao).setAction(5n)).to.emit(worldIdV4, "ActionSet").withArgs(5n);
    await expect(worldIdV4.connect(dao).setIssuerSchemaId(2n)).to.emit(worldIdV4, "IssuerSchemaIdSet").withArgs(2n);
    await expect(worldIdV4.connect(dao).setCredentialGenesisIssuedAtMin(9n))
      .to.emit(worldIdV4, "CredentialGenesisIssuedAtMinSet")
      .withArgs(9n);
    await expect(worldIdV4.connect(dao).setValidityPeriod(DAY)).to.emit(worldIdV4, "ValidityPeriodSet").withArgs(DAY);
    expect(await worldIdV4.credentialGenesisIssuedAtMin()).to.equal(9n);
    await expect(worldIdV4.connect(dao).setAction(badAction))
      .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierInvalidAction")
      .withArgs(badAction);
    await expect(worldIdV4.connect(dao).setAction(0n))
      .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierInvalidAction")
      .withArgs(0n);
    await expect(worldIdV4.connect(dao).setRpId(0n)).to.be.revertedWithCustomError(
      worldIdV4,
      "WorldIDV4VerifierZeroRpId",
    );
    await expect(worldIdV4.connect(dao).setIssuerSchemaId(0n)).to.be.revertedWithCustomError(
      worldIdV4,
      "WorldIDV4VerifierZeroIssuerSchema",
    );
    const max = await worldIdV4.MAX_VALIDITY_PERIOD();
    for (const p of [0n, max + 1n]) {
      await expect(worldIdV4.connect(dao).setValidityPeriod(p))
        .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierInvalidValidityPeriod")
        .withArgs(p);
    }
    await expect(worldIdV4.connect(dao).renounceOwnership()).to.be.revertedWithCustomError(
      worldIdV4,
      "WorldIDV4VerifierCannotRenounce",
    );
    const F = await ethers.getContractFactory("WorldIDV4Verifier");
    const m = await worldIdV4Mock.getAddress();
    await expect(
      F.deploy(dao.address, ethers.ZeroAddress, RP_ID, ACTION_V4, ISSUER_SCHEMA_ID, DAY),
    ).to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierZeroVerifier");
    await expect(F.deploy(dao.address, m, RP_ID, badAction, ISSUER_SCHEMA_ID, DAY))
      .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierInvalidAction")
      .withArgs(badAction);
  });

  it("enrols through the registry with the signal bound to the account; the relying party stores nullifiers", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, worldIdV4, worldIdV4Mock, alice, bob } = f;
    const w = await worldIdV4.getAddress();
    const r = await registry.getAddress();
    const proof = await v4proof(f, alice.address, 4242n, 1n);
    // a proof copied by someone else fails: the signal is alice's account
    await expect(registry.connect(bob).enroll(w, proof)).to.be.revertedWithCustomError(worldIdV4Mock, "InvalidProof");
    const id = humanId(w, 4242n);
    // The enrolment's block time is pinned: the expiry is exact, whatever the wall clock does between blocks.
    const at = (await now()) + 60n;
    await time.setNextBlockTimestamp(at);
    await expect(registry.connect(alice).enroll(w, proof))
      .to.emit(registry, "HumanEnrolled")
      .withArgs(id, alice.address, w, at + WORLD_ID_VALIDITY)
      .and.to.emit(worldIdV4, "ProofConsumed")
      .withArgs(r, alice.address, 4242n, 1n, true);
    expect(await worldIdV4.isNullifierUsed(r, 4242n)).to.equal(true);
    expect(await worldIdV4.isProofUsed(r, 4242n, 1n)).to.equal(true);
    // the same proof again is a replay
    await expect(registry.connect(alice).enroll(w, proof))
      .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierProofReplayed")
      .withArgs(r, 4242n, 1n);
    // renewal: the same human, a fresh request nonce
    await expect(registry.connect(alice).enroll(w, await v4proof(f, alice.address, 4242n, 2n)))
      .to.emit(worldIdV4, "ProofConsumed")
      .withArgs(r, alice.address, 4242n, 2n, false)
      .and.to.emit(registry, "VerificationRenewed");
    // rotation: re-verification from a new account (same action, same nullifier, fresh nonce)
    await expect(registry.connect(bob).enroll(w, await v4proof(f, bob.address, 4242n, 3n)))
      .to.emit(registry, "AccountRotated")
      .withArgs(id, alice.address, bob.address, anyValue);
    // one human, one seat: the nullifier never becomes a second human
    expect(await registry.humanOf(bob.address)).to.equal(id);
  });

  it("passes the verifier's refusals through: expired, wrong root, bad proof; refuses malformed input itself", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, worldIdV4, worldIdV4Mock, alice, outsider } = f;
    const w = await worldIdV4.getAddress();
    const t = await now();
    const expired = await v4proof(f, alice.address, 1n, 1n, { expiresAtMin: t + 5n });
    await time.increase(10);
    await expect(registry.connect(alice).enroll(w, expired))
      .to.be.revertedWithCustomError(worldIdV4Mock, "ProofExpired")
      .withArgs(t + 5n);
    const valid = await v4proof(f, alice.address, 1n, 2n);
    await worldIdV4Mock.setRoot(ROOT, false);
    await expect(registry.connect(alice).enroll(w, valid))
      .to.be.revertedWithCustomError(worldIdV4Mock, "InvalidMerkleRoot")
      .withArgs(ROOT);
    await worldIdV4Mock.setRoot(ROOT, true);
    const forged = encodeWorldID4Proof({ nullifier: 1n, nonce: 2n, expiresAtMin: t + 3600n, proof: ZK });
    await expect(registry.connect(alice).enroll(w, forged)).to.be.revertedWithCustomError(
      worldIdV4Mock,
      "InvalidProof",
    );
    // the mock refuses an action with a non-zero most significant byte like the real verifier
    await expect(
      worldIdV4Mock.verify(1n, 1n << 248n, RP_ID, 1n, 1n, t + 9999n, ISSUER_SCHEMA_ID, 0n, ZK as never),
    ).to.be.revertedWithCustomError(worldIdV4Mock, "InvalidAction");
    await expect(registry.connect(alice).enroll(w, "0x1234"))
      .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierInvalidProofLength")
      .withArgs(2n);
    const coder = ethers.AbiCoder.defaultAbiCoder();
    const raw = (n: bigint, exp: bigint, zk: bigint[]) =>
      coder.encode(["uint256", "uint256", "uint256", "uint256[5]"], [n, 1n, exp, zk]);
    await expect(registry.connect(alice).enroll(w, raw(0n, t + 3600n, ZK))).to.be.revertedWithCustomError(
      worldIdV4,
      "WorldIDV4VerifierZeroNullifier",
    );
    await expect(registry.connect(alice).enroll(w, raw(1n, 1n << 64n, ZK)))
      .to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierInvalidExpiresAt")
      .withArgs(1n << 64n);
    await expect(
      registry.connect(alice).enroll(w, raw(1n, t + 3600n, [1n, 2n, 3n, 4n, 0n])),
    ).to.be.revertedWithCustomError(worldIdV4, "WorldIDV4VerifierZeroRoot");
    await expect(worldIdV4.verify(ethers.ZeroAddress, valid)).to.be.revertedWithCustomError(
      worldIdV4,
      "WorldIDV4VerifierZeroAccount",
    );
    // anyone may call verify directly: the replay state is the caller's own, the registry's proof is not burnt
    await worldIdV4.connect(outsider).verify(alice.address, valid);
    expect(await worldIdV4.isProofUsed(outsider.address, 1n, 2n)).to.equal(true);
    await expect(registry.connect(alice).enroll(w, valid)).to.emit(registry, "HumanEnrolled");
  });

  it("computes signal hash and hashToField like the library", async () => {
    const { worldIdV4, alice } = await loadFixture(deployExecutive);
    expect(await worldIdV4.signalHash(alice.address)).to.equal(signalHashOf(alice.address));
    expect(await worldIdV4.hashToField(ethers.toUtf8Bytes("bytomdao-executive-v1"))).to.equal(
      hashToField(ethers.toUtf8Bytes("bytomdao-executive-v1")),
    );
    expect(actionToField("bytomdao-executive-v1")).to.equal(ACTION_V4);
  });
});

describe("World ID 3.0 sunset and migration to 4.0", () => {
  const ZK3 = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];
  async function v3proof(f: Fixture, account: string, nullifierHash: bigint, root = 7n) {
    await f.router.registerProof(root, signalHash(account), nullifierHash, externalNullifierHash(APP_ID, ACTION), ZK3);
    return encodeWorldIDProof({ root, nullifierHash, proof: ZK3 });
  }

  it("refuses NEW 3.0 enrolments from the DAO-set sunset on; existing 3.0 humans keep their seat and renew", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, worldId, dao, alice, bob, carol } = f;
    const w3 = await worldId.getAddress();
    expect(await registry.verifierSunset(w3)).to.equal(WORLD_ID_V3_SUNSET);
    expect(await registry.verifierSunset(await f.attVerifier.getAddress())).to.equal(0n);
    await worldId.connect(dao).setValidityPeriod(2n * 365n * DAY); // alice's verification outlives the sunset
    await registry.connect(alice).enroll(w3, await v3proof(f, alice.address, 31n));
    await registry.connect(dao).appoint(alice.address);
    await time.increaseTo(WORLD_ID_V3_SUNSET);
    await expect(registry.connect(bob).enroll(w3, await v3proof(f, bob.address, 32n)))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierSunset")
      .withArgs(w3, WORLD_ID_V3_SUNSET);
    expect(await registry.isExecutive(alice.address)).to.equal(true);
    await expect(registry.connect(alice).enroll(w3, await v3proof(f, alice.address, 31n, 8n))).to.emit(
      registry,
      "VerificationRenewed",
    );
    await expect(registry.connect(carol).enroll(w3, await v3proof(f, carol.address, 31n, 9n))).to.emit(
      registry,
      "AccountRotated",
    );
    // the DAO moves or lifts the sunset
    await expect(registry.connect(alice).setVerifierSunset(w3, 0n))
      .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    await expect(registry.connect(dao).setVerifierSunset(alice.address, 0n))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierNotApproved")
      .withArgs(alice.address);
    await expect(registry.connect(dao).setVerifierSunset(w3, 0n))
      .to.emit(registry, "VerifierSunsetSet")
      .withArgs(w3, 0n);
    await expect(registry.connect(bob).enroll(w3, await v3proof(f, bob.address, 32n, 10n))).to.emit(
      registry,
      "HumanEnrolled",
    );
  });

  it("migrates a 3.0 executive to 4.0 keeping the seat; from then on only 4.0 renews or rotates them", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, worldId, worldIdV4, dao, alice, bob, carol } = f;
    const w3 = await worldId.getAddress();
    const w4 = await worldIdV4.getAddress();
    await registry.connect(alice).enroll(w3, await v3proof(f, alice.address, 31n));
    await registry.connect(dao).appoint(alice.address);
    const id = await registry.humanOf(alice.address);
    const key4 = humanId(w4, 5151n);
    // only from the current, verified account
    await expect(registry.connect(bob).migratePersonhood(w4, await v4proof(f, bob.address, 5151n, 1n)))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
      .withArgs(bob.address);
    const migration = await v4proof(f, alice.address, 5151n, 2n);
    const at = (await now()) + 60n;
    await time.setNextBlockTimestamp(at);
    await expect(registry.connect(alice).migratePersonhood(w4, migration))
      .to.emit(registry, "PersonhoodMigrated")
      .withArgs(id, alice.address, w4, w3, key4, at + WORLD_ID_VALIDITY);
    expect(await registry.isExecutive(alice.address)).to.equal(true);
    expect(await registry.personhoodKey(id)).to.equal(key4);
    expect(await registry.humanIdOf(w4, ethers.toBeHex(5151n, 32))).to.equal(id);
    expect((await registry.status(alice.address)).verifier).to.equal(w4);
    // the 3.0 key no longer rotates or renews
    await expect(registry.connect(carol).enroll(w3, await v3proof(f, carol.address, 31n, 8n)))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryPersonhoodMoved")
      .withArgs(id, w4);
    // the 4.0 key does
    await expect(registry.connect(carol).enroll(w4, await v4proof(f, carol.address, 5151n, 3n)))
      .to.emit(registry, "AccountRotated")
      .withArgs(id, alice.address, carol.address, anyValue);
    // a key held by another human cannot be attached
    await registry.connect(bob).enroll(w4, await v4proof(f, bob.address, 6262n, 4n));
    await expect(registry.connect(carol).migratePersonhood(w4, await v4proof(f, carol.address, 6262n, 5n)))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryPersonhoodKeyTaken")
      .withArgs(humanId(w4, 6262n), humanId(w4, 6262n));
    // migration to a verifier past its sunset is refused
    await registry.connect(dao).setVerifierSunset(w4, BigInt(await time.latest()) + 1n);
    await time.increase(10);
    await expect(registry.connect(carol).migratePersonhood(w4, await v4proof(f, carol.address, 7373n, 6n)))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierSunset")
      .withArgs(w4, anyValue);
  });

  it("refuses verifier and sunset lists of different lengths at initialization", async () => {
    const { registry, dao, constitution, committee } = await loadFixture(deployExecutive);
    const { upgrades } = await import("hardhat");
    const F = await ethers.getContractFactory("ExecutiveRegistry");
    await expect(
      upgrades.deployProxy(
        F,
        [dao.address, await constitution.getAddress(), await committee.getAddress(), [dao.address], []],
        { kind: "uups" },
      ),
    )
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryLengthMismatch")
      .withArgs(1n, 0n);
  });
});

describe("sdk/worldid4 (IDKit 4 JSON -> enrolment proof bytes)", () => {
  const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  const root = "0x" + ROOT.toString(16).padStart(64, "0");
  const single = {
    nullifier: "0x1092",
    nonce: "17",
    expires_at_min: 1800000000,
    proof: ZK.map(String),
  };

  it("parses a single response, an IDKit 4 result with responses[], 4 words + merkle_root, and hex proofs", () => {
    const want = { nullifier: 0x1092n, nonce: 17n, expiresAtMin: 1800000000n, proof: ZK };
    expect(parseIDKit4Result(single)).to.deep.equal(want);
    const hex = "0x" + ZK.map((w) => w.toString(16).padStart(64, "0")).join("");
    expect(parseIDKit4Result({ ...single, proof: hex }).proof).to.deep.equal(ZK);
    const idkit = {
      result: {
        protocol_version: "4.0",
        nonce: "0x11",
        action: "bytomdao-executive-v1",
        rp_id: "480",
        responses: [
          { identifier: "face", issuer_schema_id: "2", nullifier: "5", proof: ZK.map(String), expires_at_min: "9" },
          {
            identifier: "orb",
            issuer_schema_id: "1",
            nullifier: "0x1092",
            merkle_root: root,
            proof: ZK.slice(0, 4).map(String),
            expires_at_min: "1800000000",
            signal_hash: signalHashOf(account).toString(),
          },
        ],
      },
    };
    const orb = parseIDKit4Result(idkit, { identifier: "orb" });
    expect(orb).to.deep.equal({
      ...want,
      action: ACTION_V4,
      rpId: 480n,
      issuerSchemaId: 1n,
      signalHash: signalHashOf(account),
    });
    expect(parseIDKit4Result(idkit).nullifier).to.equal(5n);
    expect(
      worldId4ProofBytes(idkit, { account, action: "bytomdao-executive-v1", rpId: 480n, issuerSchemaId: 1n }, "orb"),
    ).to.equal(encodeWorldID4Proof(want));
    expect(ethers.dataLength(encodeWorldID4Proof(want))).to.equal(256);
  });

  it("refuses what the contract would refuse, with a readable reason", () => {
    expect(() => parseIDKit4Result([])).to.throw("must be an object");
    expect(() => parseIDKit4Result({ nonce: 1 })).to.throw("lacks nullifier, expires_at_min, proof");
    expect(() => parseIDKit4Result({ ...single, proof: [1, 2, 3] })).to.throw("has 5 words");
    expect(() => parseIDKit4Result({ ...single, proof: "0x12" })).to.throw("whole 32-byte words");
    expect(() => parseIDKit4Result({ ...single, proof: 5 })).to.throw("array or a hex string");
    expect(() => parseIDKit4Result({ ...single, merkle_root: "1" })).to.throw("merkle_root differs");
    expect(() => parseIDKit4Result({ ...single, nullifier: "0" })).to.throw("nullifier is zero");
    expect(() => parseIDKit4Result({ ...single, nonce: "abc" })).to.throw("nonce is not a number");
    expect(() => parseIDKit4Result({ ...single, expires_at_min: (1n << 64n).toString() })).to.throw("exceeds uint64");
    expect(() => parseIDKit4Result({ responses: [] })).to.throw("responses is empty");
    expect(() => parseIDKit4Result({ responses: [single] }, { identifier: "orb" })).to.throw(
      'no response for identifier "orb"',
    );
    expect(() => actionToField("0x" + "01".padEnd(64, "0"))).to.throw("0x00 most significant byte");
    expect(actionToField(5n)).to.equal(5n);
    const signed = {
      ...single,
      signal_hash: signalHashOf(account).toString(),
      action: "other",
      rp_id: 1,
      issuer_schema_id: 2,
    };
    expect(() => worldId4ProofBytes(signed, { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" })).to.throw(
      "bound to another signal",
    );
    expect(() => worldId4ProofBytes(signed, { action: "bytomdao-executive-v1" })).to.throw("another action");
    expect(() => worldId4ProofBytes(signed, { rpId: 480n })).to.throw("relying party 1, not 480");
    expect(() => worldId4ProofBytes(signed, { issuerSchemaId: 1n })).to.throw("credential schema 2, not 1");
    expect(() => encodeWorldID4Proof({ nullifier: 1n, nonce: 1n, expiresAtMin: 1n, proof: [1n] })).to.throw(
      "has 5 words, got 1",
    );
  });
});
