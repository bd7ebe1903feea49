import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { APP_ID, ACTION, ACTION_V4, DAY, ISSUER_SCHEMA_ID, RP_ID, deployExecutive, now } from "./fixture";
import { signalHashOf } from "../../sdk/worldid4";
import * as lib from "../../sdk/executive";

const ZK = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];

/** Runs `fn` while capturing console.log lines. */
async function captured(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => lines.push(a.map(String).join(" "));
  try {
    await fn();
  } finally {
    console.log = orig;
  }
  return lines;
}

describe("sdk/executive", () => {
  it("signs attestations the verifier accepts, with the digest the contract computes", async () => {
    const f = await loadFixture(deployExecutive);
    const v = await f.attVerifier.getAddress();
    const signed = await lib.signAttestation(f.issuer, v, {
      account: f.alice.address,
      nullifier: lib.issuerNullifier("scope", "alice"),
      expiry: (await now()) + DAY,
      consumer: await f.registry.getAddress(),
    });
    expect(signed.chainId).to.equal(f.chainId);
    expect(signed.issuer).to.equal(f.issuer.address);
    expect(signed.attestation.nonce >> 64n).to.not.equal(0n);
    expect(signed.attestation.nonce & ((1n << 64n) - 1n)).to.equal(0n);
    const digest = lib.attestationDigest(v, f.chainId, signed.attestation);
    expect(await f.attVerifier.attestationDigest(signed.attestation)).to.equal(digest);
    expect(ethers.recoverAddress(digest, signed.signature)).to.equal(f.issuer.address);
    const back = lib.attestationFromJson(lib.attestationToJson(signed));
    expect(back).to.deep.equal(signed);
    expect(() => lib.attestationFromJson("{}")).to.throw("Attestation JSON needs issuer, signature and attestation");
    const decoded = ethers.AbiCoder.defaultAbiCoder().decode(
      ["address", "bytes32", "uint64", "uint256", "address", "bytes"],
      lib.encodeAttestationProof(signed),
    );
    expect(decoded[0]).to.equal(f.issuer.address);
    expect(decoded[3]).to.equal(signed.attestation.nonce);
  });

  it("computes World ID hashes like the contract and parses both proof JSON shapes", async () => {
    const f = await loadFixture(deployExecutive);
    expect(lib.externalNullifierHash(APP_ID, ACTION)).to.equal(await f.worldId.externalNullifierHash());
    expect(lib.signalHash(f.alice.address)).to.equal(await f.worldId.signalHash(f.alice.address));
    const plain = lib.parseWorldIDProof({ root: "5", nullifierHash: "6", proof: ZK.map(String) });
    expect(plain).to.deep.equal({ root: 5n, nullifierHash: 6n, proof: ZK });
    const idkit = lib.parseWorldIDProof({
      merkle_root: "0x05",
      nullifier_hash: "0x06",
      proof: ethers.AbiCoder.defaultAbiCoder().encode(["uint256[8]"], [ZK]),
    });
    expect(idkit).to.deep.equal(plain);
    expect(() => lib.parseWorldIDProof({ root: "1" })).to.throw("World ID proof JSON needs root");
    expect(() => lib.encodeWorldIDProof({ root: 1n, nullifierHash: 1n, proof: [1n] })).to.throw(
      "A World ID proof has 8 field elements, got 1",
    );
    expect(ethers.dataLength(lib.encodeWorldIDProof(plain))).to.equal(320);
  });

  it("enrols, reports status with next steps, spends direct or proposed, explains errors", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, dao, alice, bob, outsider, bot } = f;
    const v = await f.attVerifier.getAddress();
    expect((await lib.executiveStatus(registry, bot.address)).summary).to.equal(
      "not enrolled: run exec:enroll with an attestation or World ID proof",
    );
    const r = await lib.enroll(registry, alice, v, await f.attest(alice.address, "alice"));
    expect(r.event).to.equal("HumanEnrolled");
    expect(r.humanId).to.equal(await registry.humanOf(alice.address));
    expect((await lib.executiveStatus(registry, alice.address)).summary).to.equal(
      "verified human, not an executive: awaiting appointment by the DAO or committee",
    );
    await registry.connect(dao).appoint(alice.address);
    const s = await lib.executiveStatus(registry, alice.address);
    expect([s.active, s.term]).to.deep.equal([true, 1n]);
    expect(s.summary).to.match(/^active executive \(term 1\) until 20/);

    await dao.sendTransaction({ to: await registry.getAddress(), value: 1000n });
    await registry.connect(dao).grantAllowance(alice.address, lib.ETH, 500n, DAY);
    await registry.connect(dao).setSpendThreshold(lib.ETH, 100n);
    const direct = await lib.spend(registry, alice, {
      asset: lib.ETH,
      to: outsider.address,
      amount: 100n,
      purpose: "x",
    });
    expect([direct.kind, direct.spendId]).to.deep.equal(["direct", 0n]);
    const proposed = await lib.spend(registry, alice, {
      asset: lib.ETH,
      to: outsider.address,
      amount: 101n,
      purpose: ethers.id("y"),
    });
    expect([proposed.kind, proposed.spendId]).to.deep.equal(["proposed", 1n]);
    expect((await registry.spendProposal(1n)).purpose).to.equal(ethers.id("y"));
    expect(lib.purposeHash("x")).to.equal(ethers.id("x"));

    let msg = "";
    try {
      await lib.spend(registry, alice, { asset: lib.ETH, to: outsider.address, amount: 401n, purpose: "z" });
    } catch (e) {
      msg = lib.explainError(e, registry);
    }
    expect(msg).to.equal(
      "ExecutiveRegistryAllowanceExceeded(0x0000000000000000000000000000000000000000, 401, 400): " +
        lib.NEXT_STEPS.ExecutiveRegistryAllowanceExceeded,
    );
    try {
      await lib.enroll(registry, bot, v, await f.attest(alice.address, "alice"));
    } catch (e) {
      msg = lib.explainError(e, registry, f.attVerifier);
    }
    expect(msg).to.equal(
      `AttestationVerifierInvalidSignature(${f.issuer.address}): ${lib.NEXT_STEPS.AttestationVerifierInvalidSignature}`,
    );
    expect(lib.explainError(new Error("plain"), registry)).to.equal("plain");

    // rotated, removed verifier, expired
    await lib.enroll(registry, bob, v, await f.attest(bob.address, "alice"));
    expect((await lib.executiveStatus(registry, alice.address)).summary).to.equal(
      `rotated: this human now acts from ${bob.address}`,
    );
    await registry.connect(dao).removeVerifier(v);
    expect((await lib.executiveStatus(registry, bob.address)).summary).to.equal(
      "suspended: the DAO removed the verifier; re-verify with an approved one",
    );
    await registry.connect(dao).approveVerifier(v);
    await time.increase(400n * DAY);
    expect((await lib.executiveStatus(registry, bob.address)).summary).to.equal(
      "suspended: verification expired; re-verify with exec:enroll",
    );
  });

  it("lists resources (skipping removed ones) and resolves addresses from deployments/<network>.json", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, dao } = f;
    await registry.connect(dao).addResource(lib.ResourceKind.Website, "https://bytomdao.org", ethers.ZeroAddress);
    await registry.connect(dao).addResource(lib.ResourceKind.AIInfrastructure, "https://node", ethers.ZeroAddress);
    await registry.connect(dao).removeResource(1n);
    expect(await lib.listResources(registry)).to.deep.equal([
      { id: 2n, kind: "AIInfrastructure", uri: "https://node", custodian: ethers.ZeroAddress },
    ]);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"));
    expect(lib.loadDeployment("hardhat", root)).to.deep.equal({});
    expect(() => lib.resolveAddress("ExecutiveRegistry", undefined, "hardhat", root)).to.throw(
      'No ExecutiveRegistry address for network "hardhat": pass --registry <address> or deploy first',
    );
    fs.mkdirSync(path.join(root, "deployments"));
    const addr = await registry.getAddress();
    fs.writeFileSync(
      path.join(root, "deployments", "hardhat.json"),
      JSON.stringify({ contracts: { ExecutiveRegistry: addr.toLowerCase() } }),
    );
    expect(lib.resolveAddress("ExecutiveRegistry", undefined, "hardhat", root)).to.equal(addr);
    expect(lib.resolveAddress("ExecutiveRegistry", f.alice.address, "hardhat", root)).to.equal(f.alice.address);
    expect(await lib.issuerStanding(f.attVerifier, f.issuer.address)).to.equal("approved");
  });
});

describe("tasks/exec.ts", () => {
  it("attest -> enroll -> status -> spend -> resources through the CLI", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, dao, alice, outsider } = f;
    const reg = await registry.getAddress();
    const ver = await f.attVerifier.getAddress();
    const signers = await ethers.getSigners();
    const aliceIdx = signers.findIndex((s) => s.address === alice.address);
    const issuerIdx = signers.findIndex((s) => s.address === f.issuer.address);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "exec-")), "att.json");

    const attestLines = await captured(() =>
      hre.run("exec:attest", {
        account: alice.address,
        subject: "kyc-1",
        days: 30,
        from: String(issuerIdx),
        scope: "bytomdao-issuer",
        registry: reg,
        verifier: ver,
        out,
      }),
    );
    expect(attestLines[0]).to.equal(
      `attestation for ${alice.address} written to ${out}; enrol with: exec:enroll --attestation ${out}`,
    );
    await expect(
      hre.run("exec:enroll", { attestation: out, from: "0", registry: reg, verifier: ver }),
    ).to.be.rejectedWith(`The attestation is for ${alice.address} but you are ${signers[0].address}`);
    await expect(hre.run("exec:enroll", { from: String(aliceIdx), registry: reg })).to.be.rejectedWith(
      "Pass exactly one of --attestation",
    );
    const enrolLines = await captured(() =>
      hre.run("exec:enroll", { attestation: out, from: String(aliceIdx), registry: reg, verifier: ver }),
    );
    expect(enrolLines[0]).to.match(new RegExp(`^HumanEnrolled: human 0x[0-9a-f]{64} at ${alice.address}`));
    // the same attestation again is a replay
    await expect(
      hre.run("exec:enroll", { attestation: out, from: String(aliceIdx), registry: reg, verifier: ver }),
    ).to.be.rejectedWith(/^AttestationVerifierNonceUsed\(.*\): this attestation was already used/);

    await registry.connect(dao).appoint(alice.address);
    await dao.sendTransaction({ to: reg, value: ethers.parseEther("1") });
    await registry.connect(dao).grantAllowance(alice.address, lib.ETH, ethers.parseEther("0.5"), DAY);
    await registry.connect(dao).setSpendThreshold(lib.ETH, ethers.parseEther("0.2"));
    const statusLines = await captured(() => hre.run("exec:status", { account: alice.address, registry: reg }));
    expect(statusLines[0]).to.match(new RegExp(`^${alice.address}: active executive \\(term 1\\)`));
    expect(statusLines[2]).to.match(/^ {2}allowance ETH: 0.5 of 0.5 left \(spent 0.0\) until \d{4}-\d\d-\d\d /);

    const before = await ethers.provider.getBalance(outsider.address);
    const spendLines = await captured(() =>
      hre.run("exec:spend", {
        to: outsider.address,
        amount: "0.1",
        decimals: 18,
        purpose: "domain renewal",
        from: String(aliceIdx),
        registry: reg,
      }),
    );
    expect(spendLines[0]).to.match(new RegExp(`^spent 0.1 to ${outsider.address}`));
    expect(await ethers.provider.getBalance(outsider.address)).to.equal(before + ethers.parseEther("0.1"));
    const proposeLines = await captured(() =>
      hre.run("exec:spend", {
        to: outsider.address,
        amount: "0.3",
        decimals: 18,
        purpose: "GPU hours",
        from: String(aliceIdx),
        registry: reg,
      }),
    );
    expect(proposeLines[0]).to.equal(
      "above the threshold: proposed as spend 1; other executives approve with exec:spend --approve 1, then exec:spend --execute 1",
    );
    await expect(
      hre.run("exec:spend", { execute: "1", decimals: 18, purpose: "", from: String(aliceIdx), registry: reg }),
    ).to.be.rejectedWith(/^ExecutiveRegistryNotEnoughApprovals\(1, 0, 1\): ask other active executives/);
    await expect(
      hre.run("exec:spend", {
        to: outsider.address,
        amount: "0.5",
        decimals: 18,
        purpose: "too much",
        from: String(aliceIdx),
        registry: reg,
      }),
    ).to.be.rejectedWith(/^ExecutiveRegistryAllowanceExceeded/);

    // World ID enrolment through the CLI: a valid proof for bob, then the same proof presented by carol
    const { bob, carol } = f;
    const bobIdx = signers.findIndex((s) => s.address === bob.address);
    const carolIdx = signers.findIndex((s) => s.address === carol.address);
    await f.router.registerProof(
      77n,
      lib.signalHash(bob.address),
      4242n,
      lib.externalNullifierHash(APP_ID, ACTION),
      ZK,
    );
    const wid = path.join(path.dirname(out), "worldid.json");
    fs.writeFileSync(wid, JSON.stringify({ merkle_root: "77", nullifier_hash: "4242", proof: ZK.map(String) }));
    const w = await f.worldId.getAddress();
    const widLines = await captured(() =>
      hre.run("exec:enroll", { worldIdV3: wid, from: String(bobIdx), registry: reg, verifier: w }),
    );
    expect(widLines[0]).to.match(new RegExp(`^HumanEnrolled: human 0x[0-9a-f]{64} at ${bob.address}`));
    await expect(
      hre.run("exec:enroll", { worldIdV3: wid, from: String(carolIdx), registry: reg, verifier: w }),
    ).to.be.rejectedWith(`InvalidProof(): ${lib.NEXT_STEPS.InvalidProof}`);
    await expect(
      hre.run("exec:enroll", { worldIdV3: "/nonexistent.json", from: String(carolIdx), registry: reg, verifier: w }),
    ).to.be.rejectedWith("No such file /nonexistent.json");

    // World ID 4.0 through the CLI: the JSON IDKit 4 hands the relying party, checked against the adapter's
    // settings before any transaction, then verified on chain
    const dave = f.dave;
    const daveIdx = signers.findIndex((s) => s.address === dave.address);
    const expiresAtMin = (await now()) + 3600n;
    const zk4 = [21n, 22n, 23n, 24n, 999n] as [bigint, bigint, bigint, bigint, bigint];
    await f.worldIdV4Mock.registerProof(
      {
        nullifier: 5150n,
        action: ACTION_V4,
        rpId: RP_ID,
        nonce: 8n,
        signalHash: signalHashOf(carol.address),
        expiresAtMin,
        issuerSchemaId: ISSUER_SCHEMA_ID,
        credentialGenesisIssuedAtMin: 0n,
      },
      zk4,
    );
    const idkit = path.join(path.dirname(out), "idkit4.json");
    fs.writeFileSync(
      idkit,
      JSON.stringify({
        nonce: "8",
        action: ACTION, // the name, as the app configured it in IDKit
        rp_id: RP_ID.toString(),
        responses: [
          {
            issuer_schema_id: ISSUER_SCHEMA_ID.toString(),
            nullifier: "5150",
            expires_at_min: expiresAtMin.toString(),
            signal_hash: signalHashOf(carol.address).toString(),
            proof: zk4.slice(0, 4).map(String),
            merkle_root: "999",
          },
        ],
      }),
    );
    const v4 = await f.worldIdV4.getAddress();
    await expect(
      hre.run("exec:enroll", { worldId: idkit, from: String(daveIdx), registry: reg, verifier: v4 }),
    ).to.be.rejectedWith(`The proof is bound to another signal than ${dave.address}`);
    expect(await registry.humanOf(dave.address)).to.equal(ethers.ZeroHash);
    const v4Lines = await captured(() =>
      hre.run("exec:enroll", { worldId: idkit, from: String(carolIdx), registry: reg, verifier: v4 }),
    );
    expect(v4Lines[0]).to.match(new RegExp(`^HumanEnrolled: human 0x[0-9a-f]{64} at ${carol.address}`));
    expect(await f.worldIdV4.isNullifierUsed(reg, 5150n)).to.equal(true);
    await expect(
      hre.run("exec:enroll", { attestation: idkit, worldId: idkit, from: String(carolIdx), registry: reg }),
    ).to.be.rejectedWith("Pass exactly one of --attestation <file>");

    await registry.connect(dao).addResource(lib.ResourceKind.Website, "https://bytomdao.org", alice.address);
    const resLines = await captured(() => hre.run("exec:resources", { registry: reg }));
    expect(resLines).to.deep.equal([`#1 Website https://bytomdao.org custodian ${alice.address}`]);
  });
});
