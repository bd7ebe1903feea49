import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ACTION, APP_ID, DAY, WORLD_ID_VALIDITY, deployExecutive, now } from "./fixture";
import {
  attestationDigest,
  encodeAttestationProof,
  encodeWorldIDProof,
  externalNullifierHash,
  hashToField,
  issuerScopedNullifier,
  signAttestation,
  signalHash,
} from "../../sdk/executive";

const ZK = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];

describe("AttestationVerifier", () => {
  // The test signer `consumer` plays the registry: the verifier only lets the named consumer consume.
  async function fixture() {
    const f = await deployExecutive();
    const consumer = f.outsider;
    const verifierAddr = await f.attVerifier.getAddress();
    const sign = async (
      fields: Partial<{ account: string; nullifier: string; expiry: bigint; nonce: bigint; consumer: string }> = {},
      issuer = f.issuer,
      chainId = f.chainId,
      verifier = verifierAddr,
    ) =>
      signAttestation(
        issuer,
        verifier,
        {
          account: fields.account ?? f.alice.address,
          nullifier: fields.nullifier ?? ethers.id("alice"),
          expiry: fields.expiry ?? (await now()) + 30n * DAY,
          nonce: fields.nonce ?? 7n << 64n,
          consumer: fields.consumer ?? consumer.address,
        },
        chainId,
      );
    return { ...f, consumer, sign, verifierAddr };
  }

  it("approves the constructor's issuers and exposes the EIP-712 type hash", async () => {
    const { attVerifier, issuer, issuer2, dao } = await loadFixture(fixture);
    expect(await attVerifier.issuerStatus(issuer.address)).to.equal(1n);
    expect(await attVerifier.issuerStatus(issuer2.address)).to.equal(0n);
    expect(await attVerifier.owner()).to.equal(dao.address);
    expect(await attVerifier.ATTESTATION_TYPEHASH()).to.equal(
      ethers.id("Attestation(address account,bytes32 nullifier,uint64 expiry,uint256 nonce,address consumer)"),
    );
    const F = await ethers.getContractFactory("AttestationVerifier");
    await expect(F.deploy(dao.address, [ethers.ZeroAddress])).to.be.revertedWithCustomError(
      attVerifier,
      "AttestationVerifierZeroIssuer",
    );
    await expect(F.deploy(dao.address, [issuer.address, issuer.address]))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierIssuerAlreadyApproved")
      .withArgs(issuer.address);
  });

  it("consumes a valid attestation once: returns nullifier and expiry, emits, advances the keyed nonce", async () => {
    const { attVerifier, consumer, sign, alice, issuer, issuer2, verifierAddr, chainId } = await loadFixture(fixture);
    const f2Issuer = issuer2.address;
    const s = await sign();
    const proof = encodeAttestationProof(s);
    const [nullifier, expiry] = await attVerifier.connect(consumer).verify.staticCall(alice.address, proof);
    // bound to its issuer: another issuer attesting the same nullifier names another human
    expect(nullifier).to.equal(issuerScopedNullifier(issuer.address, ethers.id("alice")));
    expect(await attVerifier.issuerScopedNullifier(issuer.address, ethers.id("alice"))).to.equal(nullifier);
    expect(nullifier).to.not.equal(issuerScopedNullifier(f2Issuer, ethers.id("alice")));
    expect(expiry).to.equal(s.attestation.expiry);
    expect(await attVerifier["nonces(address,uint192)"](alice.address, 7n)).to.equal(7n << 64n);
    const digest = attestationDigest(verifierAddr, chainId, s.attestation);
    expect(await attVerifier.attestationDigest(s.attestation)).to.equal(digest);
    await expect(attVerifier.connect(consumer).verify(alice.address, proof))
      .to.emit(attVerifier, "AttestationConsumed")
      .withArgs(digest, alice.address, issuer.address, ethers.id("alice"), s.attestation.expiry, 7n << 64n);
    expect(await attVerifier["nonces(address,uint192)"](alice.address, 7n)).to.equal((7n << 64n) + 1n);
    // replay of the very same attestation
    await expect(attVerifier.connect(consumer).verify(alice.address, proof))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierNonceUsed")
      .withArgs(alice.address, 7n << 64n);
    // the next sequence number of the same key is valid, one further is not yet
    const ahead = await sign({ nonce: (7n << 64n) + 2n });
    await expect(attVerifier.connect(consumer).verify(alice.address, encodeAttestationProof(ahead)))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierNonceNotYetValid")
      .withArgs(alice.address, (7n << 64n) + 2n, (7n << 64n) + 1n);
    const next = await sign({ nonce: (7n << 64n) + 1n });
    await expect(attVerifier.connect(consumer).verify(alice.address, encodeAttestationProof(next))).to.emit(
      attVerifier,
      "AttestationConsumed",
    );
  });

  it("refuses a caller other than the named consumer, so nobody can burn someone else's attestation", async () => {
    const { attVerifier, consumer, sign, alice, bot } = await loadFixture(fixture);
    const proof = encodeAttestationProof(await sign());
    await expect(attVerifier.connect(bot).verify(alice.address, proof))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierWrongConsumer")
      .withArgs(consumer.address, bot.address);
    expect(await attVerifier["nonces(address,uint192)"](alice.address, 7n)).to.equal(7n << 64n);
  });

  it("refuses expired attestations (expiry == now included)", async () => {
    const { attVerifier, consumer, sign, alice } = await loadFixture(fixture);
    const expiry = (await now()) + 100n;
    const proof = encodeAttestationProof(await sign({ expiry }));
    await time.setNextBlockTimestamp(expiry);
    await expect(attVerifier.connect(consumer).verify(alice.address, proof))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierExpired")
      .withArgs(expiry);
  });

  it("refuses a proof too short to decode", async () => {
    const { attVerifier, consumer, alice } = await loadFixture(fixture);
    await expect(attVerifier.connect(consumer).verify(alice.address, "0x"))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierMalformedProof")
      .withArgs(0n);
    await expect(attVerifier.connect(consumer).verify(alice.address, ethers.ZeroHash))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierMalformedProof")
      .withArgs(32n);
  });

  it("refuses a zero nullifier", async () => {
    const { attVerifier, consumer, sign, alice } = await loadFixture(fixture);
    const proof = encodeAttestationProof(await sign({ nullifier: ethers.ZeroHash }));
    await expect(attVerifier.connect(consumer).verify(alice.address, proof)).to.be.revertedWithCustomError(
      attVerifier,
      "AttestationVerifierZeroNullifier",
    );
  });

  it("refuses unapproved and removed issuers, each with its own error", async () => {
    const { attVerifier, consumer, sign, alice, issuer, issuer2, dao } = await loadFixture(fixture);
    const byIssuer2 = encodeAttestationProof(await sign({}, issuer2));
    await expect(attVerifier.connect(consumer).verify(alice.address, byIssuer2))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierIssuerNotApproved")
      .withArgs(issuer2.address);
    const byIssuer = encodeAttestationProof(await sign());
    await expect(attVerifier.connect(dao).removeIssuer(issuer.address))
      .to.emit(attVerifier, "IssuerRemoved")
      .withArgs(issuer.address);
    expect(await attVerifier.issuerStatus(issuer.address)).to.equal(2n);
    await expect(attVerifier.connect(consumer).verify(alice.address, byIssuer))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierIssuerRemoved")
      .withArgs(issuer.address);
    // approval is DAO-only, and a removed issuer can be approved again
    await expect(attVerifier.connect(alice).approveIssuer(issuer2.address))
      .to.be.revertedWithCustomError(attVerifier, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    await expect(attVerifier.connect(dao).approveIssuer(issuer.address))
      .to.emit(attVerifier, "IssuerApproved")
      .withArgs(issuer.address);
    await expect(attVerifier.connect(dao).approveIssuer(issuer.address))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierIssuerAlreadyApproved")
      .withArgs(issuer.address);
    await expect(attVerifier.connect(dao).removeIssuer(issuer2.address))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierIssuerNotApproved")
      .withArgs(issuer2.address);
    await expect(attVerifier.connect(alice).removeIssuer(issuer.address))
      .to.be.revertedWithCustomError(attVerifier, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    await expect(attVerifier.connect(consumer).verify(alice.address, byIssuer)).to.emit(
      attVerifier,
      "AttestationConsumed",
    );
  });

  it("refuses a forged or altered signature", async () => {
    const { attVerifier, consumer, sign, alice, bob, issuer, issuer2 } = await loadFixture(fixture);
    // signed by issuer2 but claiming to come from the approved issuer
    const forged = await sign({}, issuer2);
    await expect(
      attVerifier
        .connect(consumer)
        .verify(alice.address, encodeAttestationProof({ ...forged, issuer: issuer.address })),
    )
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierInvalidSignature")
      .withArgs(issuer.address);
    // a genuine attestation for alice presented for bob
    const genuine = encodeAttestationProof(await sign());
    await expect(attVerifier.connect(consumer).verify(bob.address, genuine))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierInvalidSignature")
      .withArgs(issuer.address);
  });

  it("separates domains: a signature for another chain or another verifier contract is refused", async () => {
    const { attVerifier, consumer, sign, alice, issuer, dao } = await loadFixture(fixture);
    const otherChain = await sign({}, issuer, 1n);
    await expect(attVerifier.connect(consumer).verify(alice.address, encodeAttestationProof(otherChain)))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierInvalidSignature")
      .withArgs(issuer.address);
    const twin = await (await ethers.getContractFactory("AttestationVerifier")).deploy(dao.address, [issuer.address]);
    const forTwin = await sign({}, issuer, undefined, await twin.getAddress());
    await expect(attVerifier.connect(consumer).verify(alice.address, encodeAttestationProof(forTwin)))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierInvalidSignature")
      .withArgs(issuer.address);
    // the same attestation consumed on the twin cannot be replayed here either
    await expect(twin.connect(consumer).verify(alice.address, encodeAttestationProof(forTwin))).to.emit(
      twin,
      "AttestationConsumed",
    );
    await expect(attVerifier.connect(consumer).verify(alice.address, encodeAttestationProof(forTwin)))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierInvalidSignature")
      .withArgs(issuer.address);
  });

  it("lets the DAO revoke an attestation before use", async () => {
    const { attVerifier, consumer, sign, alice, dao, verifierAddr, chainId } = await loadFixture(fixture);
    const s = await sign();
    const digest = attestationDigest(verifierAddr, chainId, s.attestation);
    await expect(attVerifier.connect(alice).revokeAttestation(digest))
      .to.be.revertedWithCustomError(attVerifier, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    await expect(attVerifier.connect(dao).revokeAttestation(digest))
      .to.emit(attVerifier, "AttestationRevoked")
      .withArgs(digest);
    expect(await attVerifier.isRevoked(digest)).to.equal(true);
    await expect(attVerifier.connect(dao).revokeAttestation(digest))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierAlreadyRevoked")
      .withArgs(digest);
    await expect(attVerifier.connect(consumer).verify(alice.address, encodeAttestationProof(s)))
      .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierRevoked")
      .withArgs(digest);
    expect(await attVerifier["nonces(address,uint192)"](alice.address, 7n)).to.equal(7n << 64n);
  });

  it("accepts ERC-1271 contract issuers (e.g. a multisig)", async () => {
    const { attVerifier, consumer, sign, alice, issuer2, dao } = await loadFixture(fixture);
    const wallet = await (await ethers.getContractFactory("MockERC1271Issuer")).deploy(issuer2.address);
    await attVerifier.connect(dao).approveIssuer(await wallet.getAddress());
    const s = await sign({}, issuer2);
    const proof = encodeAttestationProof({ ...s, issuer: await wallet.getAddress() });
    await expect(attVerifier.connect(consumer).verify(alice.address, proof)).to.emit(
      attVerifier,
      "AttestationConsumed",
    );
  });

  it("cannot be renounced", async () => {
    const { attVerifier, dao, alice } = await loadFixture(fixture);
    await expect(attVerifier.connect(dao).renounceOwnership()).to.be.revertedWithCustomError(
      attVerifier,
      "AttestationVerifierCannotRenounce",
    );
    await expect(attVerifier.connect(alice).renounceOwnership())
      .to.be.revertedWithCustomError(attVerifier, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    expect(await attVerifier.owner()).to.equal(dao.address);
  });
});

describe("WorldIDVerifier", () => {
  async function fixture() {
    const f = await deployExecutive();
    const ext = externalNullifierHash(APP_ID, ACTION);
    const register = async (account: string, nullifierHash: bigint, root = 42n, extNull = ext) => {
      await f.router.registerProof(root, signalHash(account), nullifierHash, extNull, ZK);
      return encodeWorldIDProof({ root, nullifierHash, proof: ZK });
    };
    return { ...f, ext, register };
  }

  it("derives the external nullifier and signal hash exactly as World ID does", async () => {
    const { worldId, ext, alice, router, dao } = await loadFixture(fixture);
    expect(await worldId.externalNullifierHash()).to.equal(ext);
    const appHash = BigInt(ethers.keccak256(ethers.toUtf8Bytes(APP_ID))) >> 8n;
    const expected =
      BigInt(ethers.keccak256(ethers.concat([ethers.toBeHex(appHash, 32), ethers.toUtf8Bytes(ACTION)]))) >> 8n;
    expect(ext).to.equal(expected);
    expect(await worldId.signalHash(alice.address)).to.equal(BigInt(ethers.keccak256(alice.address)) >> 8n);
    expect(await worldId.hashToField("0x1234")).to.equal(hashToField("0x1234"));
    expect(await worldId.GROUP_ID()).to.equal(1n);
    expect(await worldId.worldId()).to.equal(await router.getAddress());
    expect(await worldId.validityPeriod()).to.equal(WORLD_ID_VALIDITY);
    expect(await worldId.owner()).to.equal(dao.address);
  });

  it("returns the nullifier hash and now + validity period for a proof the router accepts", async () => {
    const { worldId, register, alice } = await loadFixture(fixture);
    const proof = await register(alice.address, 999n);
    const [nullifier, expiry] = await worldId.verify(alice.address, proof);
    expect(nullifier).to.equal(ethers.toBeHex(999n, 32));
    expect(expiry).to.equal((await now()) + WORLD_ID_VALIDITY);
  });

  it("passes the router's refusals through: wrong signal, wrong action, unknown root, other group", async () => {
    const { worldId, register, router, alice, bob } = await loadFixture(fixture);
    const proof = await register(alice.address, 999n);
    await expect(worldId.verify(bob.address, proof)).to.be.revertedWithCustomError(router, "InvalidProof");
    const otherAction = await register(bob.address, 5n, 42n, externalNullifierHash(APP_ID, "another-action"));
    await expect(worldId.verify(bob.address, otherAction)).to.be.revertedWithCustomError(router, "InvalidProof");
    const unknownRoot = encodeWorldIDProof({ root: 43n, nullifierHash: 999n, proof: ZK });
    await expect(worldId.verify(alice.address, unknownRoot)).to.be.revertedWithCustomError(router, "NonExistentRoot");
    const otherProof = encodeWorldIDProof({ root: 42n, nullifierHash: 999n, proof: [...ZK.slice(0, 7), 9n] });
    await expect(worldId.verify(alice.address, otherProof)).to.be.revertedWithCustomError(router, "InvalidProof");
    await expect(router.verifyProof(42n, 2n, 0n, 0n, 0n, ZK))
      .to.be.revertedWithCustomError(router, "NoSuchGroup")
      .withArgs(2n);
  });

  it("refuses malformed input before calling the router", async () => {
    const { worldId, alice } = await loadFixture(fixture);
    await expect(worldId.verify(alice.address, "0x1234"))
      .to.be.revertedWithCustomError(worldId, "WorldIDVerifierInvalidProofLength")
      .withArgs(2n);
    await expect(
      worldId.verify(ethers.ZeroAddress, encodeWorldIDProof({ root: 1n, nullifierHash: 1n, proof: ZK })),
    ).to.be.revertedWithCustomError(worldId, "WorldIDVerifierZeroAccount");
    await expect(
      worldId.verify(alice.address, encodeWorldIDProof({ root: 1n, nullifierHash: 0n, proof: ZK })),
    ).to.be.revertedWithCustomError(worldId, "WorldIDVerifierZeroNullifier");
  });

  it("lets only the DAO set the validity period, within bounds", async () => {
    const { worldId, dao, alice, router } = await loadFixture(fixture);
    await expect(worldId.connect(alice).setValidityPeriod(DAY))
      .to.be.revertedWithCustomError(worldId, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    await expect(worldId.connect(dao).setValidityPeriod(0))
      .to.be.revertedWithCustomError(worldId, "WorldIDVerifierInvalidValidityPeriod")
      .withArgs(0n);
    const max = await worldId.MAX_VALIDITY_PERIOD();
    await expect(worldId.connect(dao).setValidityPeriod(max + 1n))
      .to.be.revertedWithCustomError(worldId, "WorldIDVerifierInvalidValidityPeriod")
      .withArgs(max + 1n);
    await expect(worldId.connect(dao).setValidityPeriod(DAY)).to.emit(worldId, "ValidityPeriodSet").withArgs(DAY);
    expect(await worldId.validityPeriod()).to.equal(DAY);
    const F = await ethers.getContractFactory("WorldIDVerifier");
    await expect(F.deploy(dao.address, ethers.ZeroAddress, APP_ID, ACTION, DAY)).to.be.revertedWithCustomError(
      worldId,
      "WorldIDVerifierZeroRouter",
    );
    await expect(F.deploy(dao.address, await router.getAddress(), APP_ID, ACTION, 0))
      .to.be.revertedWithCustomError(worldId, "WorldIDVerifierInvalidValidityPeriod")
      .withArgs(0n);
    await expect(worldId.connect(dao).renounceOwnership()).to.be.revertedWithCustomError(
      worldId,
      "WorldIDVerifierCannotRenounce",
    );
  });
});
