import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  REVIEW_QUORUM,
  WORLD_ID_VALIDITY,
  deployExecutive,
  fundedWallets,
  humanId,
  now,
  APP_ID,
  ACTION,
} from "./fixture";
import { encodeWorldIDProof, externalNullifierHash, signalHash } from "../../sdk/executive";

const ETH = ethers.ZeroAddress;
const ZK = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];
const PURPOSE = ethers.id("hosting invoice #12");
const Status = { None: 0n, Pending: 1n, Executed: 2n, Cancelled: 3n };

async function fixture() {
  return deployExecutive();
}

/** alice and bob seated, 10 ETH and 10,000 tokens in the registry, allowances granted, thresholds set. */
async function fundedFixture() {
  const f = await deployExecutive();
  const { registry, dao, alice, bob, carol, token } = f;
  await f.seat(alice, "alice");
  await f.seat(bob, "bob");
  await f.seat(carol, "carol");
  await dao.sendTransaction({ to: await registry.getAddress(), value: ethers.parseEther("10") });
  await token.mint(await registry.getAddress(), 10_000n);
  await registry.connect(dao).grantAllowance(alice.address, ETH, ethers.parseEther("3"), 30n * DAY);
  await registry.connect(dao).grantAllowance(alice.address, await token.getAddress(), 5_000n, 30n * DAY);
  await registry.connect(dao).setSpendThreshold(ETH, ethers.parseEther("1"));
  await registry.connect(dao).setSpendThreshold(await token.getAddress(), 1_000n);
  return f;
}

describe("ExecutiveRegistry", () => {
  describe("deployment and upgrades", () => {
    it("initializes: DAO owner, constitution, committee, verifiers, one approval per spend", async () => {
      const { registry, dao, constitution, committee, attVerifier, worldId, outsider } = await loadFixture(fixture);
      expect(await registry.owner()).to.equal(dao.address);
      expect(await registry.dao()).to.equal(dao.address);
      expect(await registry.constitution()).to.equal(await constitution.getAddress());
      expect(await registry.committee()).to.equal(await committee.getAddress());
      expect(await registry.isVerifierApproved(await attVerifier.getAddress())).to.equal(true);
      expect(await registry.isVerifierApproved(await worldId.getAddress())).to.equal(true);
      expect(await registry.isVerifierApproved(outsider.address)).to.equal(false);
      expect(await registry.spendApprovals()).to.equal(1n);
      expect(await registry.executiveCount()).to.equal(0n);
      expect(await registry.ETH()).to.equal(ETH);
    });

    it("keeps each module's state at its ERC-7201 slot (bytomdao.storage.Executive<Module>)", async () => {
      const f = await loadFixture(fixture);
      const { registry, constitution, committee, dao, alice } = f;
      const erc7201 = (id: string) =>
        BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [BigInt(ethers.id(id)) - 1n]))) &
        ~0xffn;
      const addr = await registry.getAddress();
      const word = async (slot: bigint) => ethers.provider.getStorage(addr, slot);
      const appointments = erc7201("bytomdao.storage.ExecutiveAppointments");
      expect(ethers.getAddress(ethers.dataSlice(await word(appointments), 12))).to.equal(
        await constitution.getAddress(),
      );
      expect(ethers.getAddress(ethers.dataSlice(await word(appointments + 1n), 12))).to.equal(
        await committee.getAddress(),
      );
      await f.seat(alice, "alice");
      expect(BigInt(await word(appointments + 2n))).to.equal(1n); // executiveCount
      expect(BigInt(await word(erc7201("bytomdao.storage.ExecutiveBudgets") + 2n))).to.equal(1n); // spendApprovals
      await registry.connect(dao).addResource(0, "https://bytomdao.org", ethers.ZeroAddress);
      expect(BigInt(await word(erc7201("bytomdao.storage.ExecutiveResources")))).to.equal(1n); // resourceCount
      // personhood: accountHuman is the third mapping of the namespace
      const personhood = erc7201("bytomdao.storage.ExecutivePersonhood");
      const accountSlot = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [alice.address, personhood + 2n]),
      );
      expect(await word(BigInt(accountSlot))).to.equal(await registry.humanOf(alice.address));
      // the retired v1 namespace stays empty
      const v1 = erc7201("bytomdao.storage.ExecutiveRegistry");
      expect(ethers.toBeHex(v1, 32)).to.equal("0xa08d9ae5eef99372d72b3e00a6fa9d4082a57b53e0d4f8a7842e70c967b3c800");
      for (let i = 0n; i < 3n; i++) expect(BigInt(await word(v1 + i))).to.equal(0n);
    });

    it("cannot be initialized twice, and its implementation cannot be initialized at all", async () => {
      const { registry, dao, constitution, committee } = await loadFixture(fixture);
      const args: [string, string, string, string[], bigint[]] = [
        dao.address,
        await constitution.getAddress(),
        await committee.getAddress(),
        [],
        [],
      ];
      await expect(registry.initialize(...args)).to.be.revertedWithCustomError(registry, "InvalidInitialization");
      const impl = await ethers.getContractAt(
        "ExecutiveRegistry",
        await upgrades.erc1967.getImplementationAddress(await registry.getAddress()),
      );
      await expect(impl.initialize(...args)).to.be.revertedWithCustomError(registry, "InvalidInitialization");
    });

    it("refuses zero addresses and duplicate verifiers at initialization", async () => {
      const { registry, dao, constitution, committee, attVerifier } = await loadFixture(fixture);
      const F = await ethers.getContractFactory("ExecutiveRegistry");
      const c = await constitution.getAddress();
      const m = await committee.getAddress();
      const v = await attVerifier.getAddress();
      await expect(
        upgrades.deployProxy(F, [dao.address, ethers.ZeroAddress, m, [], []], { kind: "uups" }),
      ).to.be.revertedWithCustomError(registry, "ExecutiveRegistryZeroAddress");
      await expect(
        upgrades.deployProxy(F, [dao.address, c, ethers.ZeroAddress, [], []], { kind: "uups" }),
      ).to.be.revertedWithCustomError(registry, "ExecutiveRegistryZeroAddress");
      await expect(
        upgrades.deployProxy(F, [dao.address, c, m, [ethers.ZeroAddress], [0n]], { kind: "uups" }),
      ).to.be.revertedWithCustomError(registry, "ExecutiveRegistryZeroAddress");
      await expect(upgrades.deployProxy(F, [dao.address, c, m, [v, v], [0n, 0n]], { kind: "uups" }))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierAlreadyApproved")
        .withArgs(v);
      await expect(upgrades.deployProxy(F, [ethers.ZeroAddress, c, m, [], []], { kind: "uups" }))
        .to.be.revertedWithCustomError(registry, "OwnableInvalidOwner")
        .withArgs(ethers.ZeroAddress);
    });

    it("is upgraded only by the DAO, keeping its state; ownership cannot be renounced", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice } = f;
      await f.seat(alice, "alice");
      const V2 = await ethers.getContractFactory("ExecutiveRegistryV2Mock");
      const impl = await upgrades.deployImplementation(V2, { kind: "uups" });
      await expect(registry.connect(alice).upgradeToAndCall(impl as string, "0x"))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      const upgraded = await upgrades.upgradeProxy(await registry.getAddress(), V2.connect(dao), {
        kind: "uups",
        call: "initializeV2",
      });
      await expect(upgraded.connect(dao).initializeV2()).to.be.revertedWithCustomError(
        registry,
        "InvalidInitialization",
      );
      expect(await upgraded.version()).to.equal("2");
      expect(await registry.isExecutive(alice.address)).to.equal(true);
      expect(await registry.executiveCount()).to.equal(1n);
      await expect(registry.connect(dao).renounceOwnership()).to.be.revertedWithCustomError(
        registry,
        "DAOControlledCannotRenounce",
      );
    });
  });

  describe("enrolment", () => {
    it("enrols a human from an attestation: one human id, bound both ways", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, attVerifier } = f;
      const v = await attVerifier.getAddress();
      const expiry = (await now()) + 100n * DAY;
      const id = humanId(v, f.humanNullifierOf("alice"));
      expect(await registry.isVerifiedHuman(alice.address)).to.equal(false);
      await expect(registry.connect(alice).enroll(v, await f.attest(alice.address, "alice", { expiry })))
        .to.emit(registry, "HumanEnrolled")
        .withArgs(id, alice.address, v, expiry);
      expect(await registry.humanOf(alice.address)).to.equal(id);
      expect(await registry.humanIdOf(v, f.humanNullifierOf("alice"))).to.equal(id);
      const h = await registry.human(id);
      expect([h.account, h.expiry, h.term, h.verifier, h.executive]).to.deep.equal([
        alice.address,
        expiry,
        0n,
        v,
        false,
      ]);
      const s = await registry.status(alice.address);
      expect([s.humanId, s.currentAccount, s.enrolled, s.appointed, s.active]).to.deep.equal([
        id,
        alice.address,
        true,
        false,
        false,
      ]);
      expect(await registry.isVerifiedHuman(alice.address)).to.equal(true);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
      // the very same attestation again is a replay, refused by the verifier
      const proof = await f.attest(alice.address, "alice", { nonce: 5n << 64n });
      await registry.connect(alice).enroll(v, proof);
      await expect(registry.connect(alice).enroll(v, proof))
        .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierNonceUsed")
        .withArgs(alice.address, 5n << 64n);
      const none = await registry.status(f.bot.address);
      expect([none.humanId, none.enrolled]).to.deep.equal([ethers.ZeroHash, false]);
    });

    it("refuses an unapproved verifier and an attestation presented by someone else (a bot)", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, bot, attVerifier, outsider } = f;
      await expect(registry.connect(alice).enroll(outsider.address, "0x"))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierNotApproved")
        .withArgs(outsider.address);
      const alicesProof = await f.attest(alice.address, "alice");
      await expect(registry.connect(bot).enroll(await attVerifier.getAddress(), alicesProof))
        .to.be.revertedWithCustomError(attVerifier, "AttestationVerifierInvalidSignature")
        .withArgs(f.issuer.address);
      expect(await registry.humanOf(bot.address)).to.equal(ethers.ZeroHash);
      // alice's attestation was not burnt by the bot's attempt
      await expect(registry.connect(alice).enroll(await attVerifier.getAddress(), alicesProof)).to.emit(
        registry,
        "HumanEnrolled",
      );
    });

    it("re-verification from the same account extends (never shortens) the expiry", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, attVerifier } = f;
      const v = await attVerifier.getAddress();
      const id = humanId(v, f.humanNullifierOf("alice"));
      const t = await now();
      await f.enrol(alice, "alice", t + 10n * DAY);
      await expect(registry.connect(alice).enroll(v, await f.attest(alice.address, "alice", { expiry: t + 50n * DAY })))
        .to.emit(registry, "VerificationRenewed")
        .withArgs(id, alice.address, t + 50n * DAY);
      await expect(registry.connect(alice).enroll(v, await f.attest(alice.address, "alice", { expiry: t + 20n * DAY })))
        .to.emit(registry, "VerificationRenewed")
        .withArgs(id, alice.address, t + 50n * DAY);
      expect((await registry.human(id)).expiry).to.equal(t + 50n * DAY);
    });

    it("rotates keys: the same human from a new account keeps the seat; the old account loses it", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, dave, dao, attVerifier } = f;
      const v = await attVerifier.getAddress();
      const id = humanId(v, f.humanNullifierOf("alice"));
      await f.seat(alice, "alice");
      const expiry = (await registry.human(id)).expiry;
      await expect(registry.connect(dave).enroll(v, await f.attest(dave.address, "alice", { expiry: expiry - 1n })))
        .to.emit(registry, "AccountRotated")
        .withArgs(id, alice.address, dave.address, expiry);
      expect(await registry.isExecutive(dave.address)).to.equal(true);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
      expect(await registry.executiveCount()).to.equal(1n);
      const old = await registry.status(alice.address);
      expect([old.humanId, old.currentAccount, old.enrolled, old.active]).to.deep.equal([
        id,
        dave.address,
        false,
        false,
      ]);
      await expect(registry.connect(alice).resign())
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAccountRotated")
        .withArgs(alice.address, dave.address);
      await expect(registry.connect(dao).appoint(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAccountRotated")
        .withArgs(alice.address, dave.address);
      // the old account can never serve another human...
      await expect(registry.connect(alice).enroll(v, await f.attest(alice.address, "mallory")))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAccountBoundToOtherHuman")
        .withArgs(alice.address, id);
      // ...but the same human may rotate back to it
      const later = (await now()) + 400n * DAY;
      await expect(registry.connect(alice).enroll(v, await f.attest(alice.address, "alice", { expiry: later })))
        .to.emit(registry, "AccountRotated")
        .withArgs(id, dave.address, alice.address, later);
      expect(await registry.isExecutive(alice.address)).to.equal(true);
      expect(await registry.isExecutive(dave.address)).to.equal(false);
    });

    it("never lets one account hold two humans", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, attVerifier } = f;
      await f.enrol(alice, "alice");
      const id = humanId(await attVerifier.getAddress(), f.humanNullifierOf("alice"));
      await expect(registry.connect(alice).enroll(await attVerifier.getAddress(), await f.attest(alice.address, "bob")))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAccountBoundToOtherHuman")
        .withArgs(alice.address, id);
      expect(await registry.humanOf(alice.address)).to.equal(id);
    });

    it("enrols through World ID, with the proof bound to the account (signal)", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, bob, worldId, router } = f;
      const ext = externalNullifierHash(APP_ID, ACTION);
      await router.registerProof(7n, signalHash(alice.address), 1234n, ext, ZK);
      const proof = encodeWorldIDProof({ root: 7n, nullifierHash: 1234n, proof: ZK });
      const w = await worldId.getAddress();
      const id = humanId(w, 1234n);
      await expect(registry.connect(bob).enroll(w, proof)).to.be.revertedWithCustomError(router, "InvalidProof");
      // The enrolment's block time is pinned: the expiry is exact, whatever the wall clock does between blocks.
      const at = (await now()) + 60n;
      await time.setNextBlockTimestamp(at);
      await expect(registry.connect(alice).enroll(w, proof))
        .to.emit(registry, "HumanEnrolled")
        .withArgs(id, alice.address, w, at + WORLD_ID_VALIDITY);
      // the same proof again is a renewal of the same human, never a second human
      await expect(registry.connect(alice).enroll(w, proof)).to.emit(registry, "VerificationRenewed");
      // the same nullifier value from the attestation verifier is another namespace
      expect(id).to.not.equal(humanId(await f.attVerifier.getAddress(), ethers.toBeHex(1234n, 32)));
    });

    it("checks the verifier's answer: zero nullifier, expiry not in the future", async () => {
      const { registry, alice, dao } = await loadFixture(fixture);
      const bad = await (await ethers.getContractFactory("MockPersonhoodVerifier")).deploy();
      const b = await bad.getAddress();
      await registry.connect(dao).approveVerifier(b);
      await bad.set(ethers.ZeroHash, (await now()) + DAY);
      await expect(registry.connect(alice).enroll(b, "0x"))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryZeroNullifier")
        .withArgs(b);
      const t = await now();
      await bad.set(ethers.id("x"), t + 1n);
      await expect(registry.connect(alice).enroll(b, "0x"))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryProofExpired")
        .withArgs(b, t + 1n);
      expect(await registry.humanOf(alice.address)).to.equal(ethers.ZeroHash);
    });

    it("lets only the DAO approve and remove verifiers; removal suspends the humans it verified", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, attVerifier, outsider } = f;
      const v = await attVerifier.getAddress();
      await f.seat(alice, "alice");
      await expect(registry.connect(alice).removeVerifier(v))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(alice).approveVerifier(outsider.address))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).approveVerifier(v))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierAlreadyApproved")
        .withArgs(v);
      await expect(registry.connect(dao).approveVerifier(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryZeroAddress",
      );
      await expect(registry.connect(dao).removeVerifier(outsider.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierNotApproved")
        .withArgs(outsider.address);
      await expect(registry.connect(dao).removeVerifier(v)).to.emit(registry, "VerifierRemoved").withArgs(v);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
      expect(await registry.isVerifiedHuman(alice.address)).to.equal(false);
      await expect(registry.connect(alice).spend(ETH, alice.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierNotApproved")
        .withArgs(v);
      await expect(registry.connect(f.bob).enroll(v, await f.attest(f.bob.address, "bob")))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerifierNotApproved")
        .withArgs(v);
      await expect(registry.connect(dao).approveVerifier(v)).to.emit(registry, "VerifierApproved").withArgs(v);
      expect(await registry.isExecutive(alice.address)).to.equal(true);
    });
  });

  describe("appointment and removal", () => {
    it("the DAO appoints an enrolled human and removes them", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, attVerifier } = f;
      const id = humanId(await attVerifier.getAddress(), f.humanNullifierOf("alice"));
      await f.enrol(alice, "alice");
      await expect(registry.connect(alice).appoint(alice.address))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).appoint(alice.address))
        .to.emit(registry, "ExecutiveAppointed")
        .withArgs(id, alice.address, 1n, dao.address);
      expect(await registry.isExecutive(alice.address)).to.equal(true);
      expect(await registry.executiveCount()).to.equal(1n);
      await expect(registry.connect(dao).appoint(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAlreadyExecutive")
        .withArgs(alice.address);
      await expect(registry.connect(alice).removeExecutive(alice.address))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).removeExecutive(alice.address))
        .to.emit(registry, "ExecutiveRemoved")
        .withArgs(id, alice.address, dao.address);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
      expect(await registry.executiveCount()).to.equal(0n);
      await expect(registry.connect(dao).removeExecutive(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
        .withArgs(alice.address);
      // reappointment starts term 2
      await expect(registry.connect(dao).appoint(alice.address))
        .to.emit(registry, "ExecutiveAppointed")
        .withArgs(id, alice.address, 2n, dao.address);
    });

    it("appoints only enrolled, unexpired humans", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, bot } = f;
      await expect(registry.connect(dao).appoint(bot.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
        .withArgs(bot.address);
      const expiry = (await now()) + DAY;
      await f.enrol(alice, "alice", expiry);
      await time.increaseTo(expiry);
      await expect(registry.connect(dao).appoint(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerificationExpired")
        .withArgs(alice.address, expiry);
      expect(await registry.executiveCount()).to.equal(0n);
    });

    it("appoints when reviewQuorum distinct committee members approve the same candidate", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, members, committee, bot, attVerifier } = f;
      const id = humanId(await attVerifier.getAddress(), f.humanNullifierOf("alice"));
      await f.enrol(alice, "alice");
      await expect(registry.connect(bot).approveAppointment(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCommitteeMember")
        .withArgs(bot.address);
      await expect(registry.connect(members[0]).approveAppointment(bot.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
        .withArgs(bot.address);
      await expect(registry.connect(members[0]).approveAppointment(alice.address))
        .to.emit(registry, "AppointmentApproved")
        .withArgs(members[0].address, alice.address, id, 1n, REVIEW_QUORUM);
      await expect(registry.connect(members[0]).approveAppointment(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAppointmentAlreadyApproved")
        .withArgs(members[0].address, alice.address);
      await registry.connect(members[1]).approveAppointment(alice.address);
      expect(await registry.appointmentApprovals(alice.address, members[1].address)).to.deep.equal([2n, true]);
      expect(await registry.appointmentApprovals(alice.address, members[2].address)).to.deep.equal([2n, false]);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
      await expect(registry.connect(members[2]).approveAppointment(alice.address))
        .to.emit(registry, "ExecutiveAppointed")
        .withArgs(id, alice.address, 1n, await committee.getAddress());
      expect(await registry.isExecutive(alice.address)).to.equal(true);
      expect(await registry.appointmentApprovals(alice.address, members[0].address)).to.deep.equal([0n, false]);
      await expect(registry.connect(members[3]).approveAppointment(alice.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAlreadyExecutive")
        .withArgs(alice.address);
    });

    it("counts committee approvals per round: an executive who resigned needs fresh approvals", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, members } = f;
      await f.enrol(alice, "alice");
      for (const m of members.slice(0, 3)) await registry.connect(m).approveAppointment(alice.address);
      await registry.connect(alice).resign();
      expect(await registry.isRemovedByDAO(alice.address)).to.equal(false);
      await expect(registry.connect(members[0]).approveAppointment(alice.address))
        .to.emit(registry, "AppointmentApproved")
        .withArgs(members[0].address, alice.address, await registry.humanOf(alice.address), 1n, REVIEW_QUORUM);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
    });

    it("lets an executive resign", async () => {
      const f = await loadFixture(fixture);
      const { registry, alice, bob } = f;
      await f.seat(alice, "alice");
      await expect(registry.connect(alice).resign())
        .to.emit(registry, "ExecutiveRemoved")
        .withArgs(await registry.humanOf(alice.address), alice.address, alice.address);
      expect(await registry.executiveCount()).to.equal(0n);
      await expect(registry.connect(bob).resign())
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
        .withArgs(bob.address);
    });

    it("suspends an executive whose verification expired until they re-verify (no loops: checked at use)", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, attVerifier } = f;
      const v = await attVerifier.getAddress();
      const expiry = (await registry.status(alice.address)).expiry;
      await time.increaseTo(expiry);
      expect(await registry.isExecutive(alice.address)).to.equal(false);
      const s = await registry.status(alice.address);
      expect([s.appointed, s.enrolled, s.active]).to.deep.equal([true, false, false]);
      const before = await ethers.provider.getBalance(await registry.getAddress());
      await expect(registry.connect(alice).spend(ETH, alice.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerificationExpired")
        .withArgs(alice.address, expiry);
      expect(await ethers.provider.getBalance(await registry.getAddress())).to.equal(before);
      await registry.connect(alice).enroll(v, await f.attest(alice.address, "alice"));
      expect(await registry.isExecutive(alice.address)).to.equal(true);
      await expect(registry.connect(alice).spend(ETH, alice.address, 1n, PURPOSE)).to.changeEtherBalances(
        [registry, alice],
        [-1n, 1n],
      );
    });
  });

  describe("budgets", () => {
    it("receives ETH with an event and lets the DAO grant allowances to seated executives only", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, bob } = f;
      await expect(dao.sendTransaction({ to: await registry.getAddress(), value: 5n }))
        .to.emit(registry, "FundsReceived")
        .withArgs(dao.address, 5n);
      await f.seat(alice, "alice");
      await f.enrol(bob, "bob");
      await expect(registry.connect(alice).grantAllowance(alice.address, ETH, 1n, DAY))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).grantAllowance(bob.address, ETH, 1n, DAY))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
        .withArgs(bob.address);
      await expect(registry.connect(dao).grantAllowance(alice.address, ETH, 1n, 0)).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryZeroPeriod",
      );
      await expect(registry.connect(dao).grantAllowance(alice.address, ETH, 100n, DAY))
        .to.emit(registry, "AllowanceGranted")
        .withArgs(await registry.humanOf(alice.address), alice.address, ETH, 100n, DAY);
      const t = await now();
      expect(await registry.allowanceOf(alice.address, ETH)).to.deep.equal([100n, 0n, 100n, t + DAY]);
      expect(await registry.allowanceOf(bob.address, ETH)).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("spends ETH and tokens within allowance and threshold, moving exact amounts", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, outsider, token } = f;
      const id = await registry.humanOf(alice.address);
      const amount = ethers.parseEther("1");
      const tx = registry.connect(alice).spend(ETH, outsider.address, amount, PURPOSE);
      await expect(tx).to.emit(registry, "Spent").withArgs(id, ETH, outsider.address, amount, PURPOSE, 0n);
      await expect(tx).to.changeEtherBalances([registry, outsider], [-amount, amount]);
      const [, spent, remaining] = await registry.allowanceOf(alice.address, ETH);
      expect([spent, remaining]).to.deep.equal([amount, ethers.parseEther("2")]);
      const t = await token.getAddress();
      const tx2 = registry.connect(alice).spend(t, outsider.address, 1_000n, PURPOSE);
      await expect(tx2).to.emit(registry, "Spent").withArgs(id, t, outsider.address, 1_000n, PURPOSE, 0n);
      await expect(tx2).to.changeTokenBalances(token, [registry, outsider], [-1_000n, 1_000n]);
    });

    it("refuses bad spends and moves nothing", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, bob, bot, outsider, dao } = f;
      const reg = await registry.getAddress();
      const before = await ethers.provider.getBalance(reg);
      const one = ethers.parseEther("1");
      await expect(registry.connect(alice).spend(ETH, outsider.address, one + 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNeedsApproval")
        .withArgs(ETH, one + 1n, one);
      await expect(registry.connect(alice).spend(ETH, ethers.ZeroAddress, 1n, PURPOSE)).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryZeroRecipient",
      );
      await expect(registry.connect(alice).spend(ETH, outsider.address, 0n, PURPOSE)).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryZeroAmount",
      );
      await expect(registry.connect(bob).spend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAllowanceExceeded")
        .withArgs(ETH, 1n, 0n);
      await expect(registry.connect(bot).spend(ETH, bot.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
        .withArgs(bot.address);
      await f.enrol(bot, "bot-operator");
      await expect(registry.connect(bot).spend(ETH, bot.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
        .withArgs(bot.address);
      // three direct spends of 1 ETH use the 3 ETH allowance (direct spends up to 4 ETH per period); the fourth is over
      await registry.connect(dao).setSpendThreshold(ETH, 4n * one);
      for (let i = 0; i < 3; i++) await registry.connect(alice).spend(ETH, outsider.address, one, PURPOSE);
      await expect(registry.connect(alice).spend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAllowanceExceeded")
        .withArgs(ETH, 1n, 0n);
      // removed: no more spending, whatever the allowance
      await registry.connect(dao).grantAllowance(bob.address, ETH, one, DAY);
      await registry.connect(dao).removeExecutive(bob.address);
      await expect(registry.connect(bob).spend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
        .withArgs(bob.address);
      expect(await ethers.provider.getBalance(reg)).to.equal(before - 3n * one);
    });

    it("refuses a spend the registry cannot fund", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, dao, alice, outsider, token } = f;
      await registry.connect(dao).clawback(ETH, ethers.parseEther("9.5"));
      const half = ethers.parseEther("0.5");
      await expect(registry.connect(alice).spend(ETH, outsider.address, half + 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryInsufficientFunds")
        .withArgs(ETH, half + 1n, half);
      const t = await token.getAddress();
      await registry.connect(dao).clawback(t, 9_500n);
      await expect(registry.connect(alice).spend(t, outsider.address, 501n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryInsufficientFunds")
        .withArgs(t, 501n, 500n);
    });

    it("rolls the period over in O(1) and keeps period boundaries aligned", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, outsider, dao } = f;
      const [, , , periodEnd] = await registry.allowanceOf(alice.address, ETH);
      const one = ethers.parseEther("1");
      await registry.connect(dao).setSpendThreshold(ETH, 3n * one);
      for (let i = 0; i < 3; i++) await registry.connect(alice).spend(ETH, outsider.address, one, PURPOSE);
      // two and a half periods later
      await time.increaseTo(periodEnd + 30n * DAY + 15n * DAY);
      expect(await registry.allowanceOf(alice.address, ETH)).to.deep.equal([
        3n * one,
        0n,
        3n * one,
        periodEnd + 60n * DAY,
      ]);
      await registry.connect(alice).spend(ETH, outsider.address, one, PURPOSE);
      expect(await registry.allowanceOf(alice.address, ETH)).to.deep.equal([
        3n * one,
        one,
        2n * one,
        periodEnd + 60n * DAY,
      ]);
    });

    it("regranting keeps the running period's spending unless the period length changes; lowering caps it", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, dao, alice, outsider } = f;
      const one = ethers.parseEther("1");
      await registry.connect(dao).setSpendThreshold(ETH, 3n * one);
      await registry.connect(alice).spend(ETH, outsider.address, one, PURPOSE);
      await registry.connect(dao).grantAllowance(alice.address, ETH, one / 2n, 30n * DAY);
      const [amount, spent, remaining] = await registry.allowanceOf(alice.address, ETH);
      expect([amount, spent, remaining]).to.deep.equal([one / 2n, one, 0n]);
      await expect(registry.connect(alice).spend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAllowanceExceeded")
        .withArgs(ETH, 1n, 0n);
      await registry.connect(dao).grantAllowance(alice.address, ETH, one, 7n * DAY);
      const t = await now();
      expect(await registry.allowanceOf(alice.address, ETH)).to.deep.equal([one, 0n, one, t + 7n * DAY]);
    });

    it("lets allowances of an earlier term lapse when an executive is reappointed", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, dao, alice, outsider } = f;
      await registry.connect(dao).removeExecutive(alice.address);
      await registry.connect(dao).appoint(alice.address);
      expect(await registry.allowanceOf(alice.address, ETH)).to.deep.equal([0n, 0n, 0n, 0n]);
      await expect(registry.connect(alice).spend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAllowanceExceeded")
        .withArgs(ETH, 1n, 0n);
    });

    it("follows a key rotation: the new account spends the human's allowance", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, dave, outsider, attVerifier } = f;
      await registry.connect(dave).enroll(await attVerifier.getAddress(), await f.attest(dave.address, "alice"));
      await expect(registry.connect(alice).spend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAccountRotated")
        .withArgs(alice.address, dave.address);
      await expect(registry.connect(dave).spend(ETH, outsider.address, 1n, PURPOSE)).to.changeEtherBalance(
        outsider,
        1n,
      );
      expect((await registry.allowanceOf(dave.address, ETH))[1]).to.equal(1n);
    });

    it("lets the DAO set the threshold and the approval count, within bounds", async () => {
      const { registry, dao, alice } = await loadFixture(fixture);
      await expect(registry.connect(alice).setSpendThreshold(ETH, 1n))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).setSpendThreshold(ETH, 7n))
        .to.emit(registry, "SpendThresholdSet")
        .withArgs(ETH, 7n);
      expect(await registry.spendThreshold(ETH)).to.equal(7n);
      const max = await registry.MAX_SPEND_THRESHOLD();
      expect(max).to.equal(2n ** 96n - 1n);
      await expect(registry.connect(dao).setSpendThreshold(ETH, max + 1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryThresholdTooHigh")
        .withArgs(max + 1n);
      await expect(registry.connect(alice).setSpendApprovals(2))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).setSpendApprovals(0))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryInvalidApprovalCount")
        .withArgs(0n);
      await expect(registry.connect(dao).setSpendApprovals(17))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryInvalidApprovalCount")
        .withArgs(17n);
      await expect(registry.connect(dao).setSpendApprovals(16)).to.emit(registry, "SpendApprovalsSet").withArgs(16n);
      expect(await registry.spendApprovals()).to.equal(16n);
    });

    it("lets the DAO claw back funds to itself", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, dao, alice, token } = f;
      const two = ethers.parseEther("2");
      await expect(registry.connect(alice).clawback(ETH, 1n))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).clawback(ETH, 0n)).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryZeroAmount",
      );
      const tx = registry.connect(dao).clawback(ETH, two);
      await expect(tx).to.emit(registry, "FundsClawedBack").withArgs(ETH, dao.address, two);
      await expect(tx).to.changeEtherBalances([registry, dao], [-two, two]);
      const t = await token.getAddress();
      await expect(registry.connect(dao).clawback(t, 10_001n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryInsufficientFunds")
        .withArgs(t, 10_001n, 10_000n);
      await expect(registry.connect(dao).clawback(t, 10_000n)).to.changeTokenBalances(
        token,
        [registry, dao],
        [-10_000n, 10_000n],
      );
    });

    it("is reentrancy-safe: a recipient calling back into spend is refused", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice } = f;
      const attacker = await (await ethers.getContractFactory("ReentrantRecipient")).deploy();
      const a = await attacker.getAddress();
      await attacker.arm(
        await registry.getAddress(),
        registry.interface.encodeFunctionData("spend", [ETH, a, 1n, PURPOSE]),
      );
      await expect(registry.connect(alice).spend(ETH, a, 10n, PURPOSE)).to.changeEtherBalance(attacker, 10n);
      expect(await attacker.attempted()).to.equal(true);
      expect(await attacker.reentered()).to.equal(false);
      expect(await attacker.revertData()).to.equal(
        registry.interface.getError("ReentrancyGuardReentrantCall")!.selector,
      );
      expect((await registry.allowanceOf(alice.address, ETH))[1]).to.equal(10n);
    });
  });

  describe("spends above the threshold", () => {
    async function proposed() {
      const f = await fundedFixture();
      const { registry, alice, outsider } = f;
      const amount = ethers.parseEther("2");
      await registry.connect(alice).proposeSpend(ETH, outsider.address, amount, PURPOSE);
      return { ...f, amount, id: 1n };
    }

    it("proposes, collects approvals from other executives, executes once", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, bob, outsider } = f;
      const amount = ethers.parseEther("2");
      const aliceId = await registry.humanOf(alice.address);
      const bobId = await registry.humanOf(bob.address);
      const t = await now();
      await expect(registry.connect(alice).proposeSpend(ETH, outsider.address, amount, PURPOSE))
        .to.emit(registry, "SpendProposed")
        .withArgs(1n, aliceId, ETH, outsider.address, amount, PURPOSE, t + 1n + 30n * DAY);
      expect(await registry.spendCount()).to.equal(1n);
      await expect(registry.connect(alice).approveSpend(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryProposerCannotApprove")
        .withArgs(1n);
      await expect(registry.connect(alice).executeSpend(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnoughApprovals")
        .withArgs(1n, 0n, 1n);
      await expect(registry.connect(bob).approveSpend(1n))
        .to.emit(registry, "SpendApproved")
        .withArgs(1n, bobId, bob.address, 1n);
      expect(await registry.hasApprovedSpend(1n, bob.address)).to.equal(true);
      await expect(registry.connect(bob).approveSpend(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendAlreadyApproved")
        .withArgs(1n, bob.address);
      await expect(registry.connect(bob).executeSpend(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotSpendProposer")
        .withArgs(1n, bob.address);
      const tx = registry.connect(alice).executeSpend(1n);
      await expect(tx).to.emit(registry, "Spent").withArgs(aliceId, ETH, outsider.address, amount, PURPOSE, 1n);
      await expect(tx).to.changeEtherBalances([registry, outsider], [-amount, amount]);
      const p = await registry.spendProposal(1n);
      expect([p.status, p.amount, p.to, p.approvers]).to.deep.equal([
        Status.Executed,
        amount,
        outsider.address,
        [bobId],
      ]);
      expect((await registry.allowanceOf(alice.address, ETH))[1]).to.equal(amount);
      // replay
      await expect(registry.connect(alice).executeSpend(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNotPending")
        .withArgs(1n, Status.Executed);
      await expect(registry.connect(f.carol).approveSpend(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNotPending")
        .withArgs(1n, Status.Executed);
    });

    it("refuses unknown ids, proposals over the allowance, and non-executives", async () => {
      const f = await loadFixture(fundedFixture);
      const { registry, alice, bob, bot, outsider } = f;
      await expect(registry.connect(bob).approveSpend(9n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownSpend")
        .withArgs(9n);
      await expect(registry.connect(alice).cancelSpend(9n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownSpend")
        .withArgs(9n);
      const four = ethers.parseEther("4");
      await expect(registry.connect(alice).proposeSpend(ETH, outsider.address, four, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAllowanceExceeded")
        .withArgs(ETH, four, ethers.parseEther("3"));
      await expect(registry.connect(bot).proposeSpend(ETH, outsider.address, 1n, PURPOSE))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
        .withArgs(bot.address);
      await expect(
        registry.connect(alice).proposeSpend(ETH, ethers.ZeroAddress, 1n, PURPOSE),
      ).to.be.revertedWithCustomError(registry, "ExecutiveRegistryZeroRecipient");
      expect(await registry.spendCount()).to.equal(0n);
    });

    it("re-checks at execution: required approvals raised, approver removed, allowance used meanwhile", async () => {
      const f = await loadFixture(proposed);
      const { registry, dao, alice, bob, carol, outsider, id } = f;
      await registry.connect(bob).approveSpend(id);
      await registry.connect(dao).setSpendApprovals(2);
      await expect(registry.connect(alice).executeSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnoughApprovals")
        .withArgs(id, 1n, 2n);
      await registry.connect(carol).approveSpend(id);
      await registry.connect(dao).removeExecutive(bob.address);
      await expect(registry.connect(alice).executeSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnoughApprovals")
        .withArgs(id, 1n, 2n);
      await registry.connect(dao).setSpendApprovals(1);
      // alice spends 1 ETH + 1 wei directly meanwhile: the 2 ETH proposal no longer fits the 3 ETH allowance
      const one = ethers.parseEther("1");
      await registry.connect(dao).setSpendThreshold(ETH, 2n * one);
      await registry.connect(alice).spend(ETH, outsider.address, one, PURPOSE);
      await registry.connect(alice).spend(ETH, outsider.address, 1n, PURPOSE);
      await expect(registry.connect(alice).executeSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryAllowanceExceeded")
        .withArgs(ETH, 2n * one, 2n * one - 1n);
      expect((await registry.spendProposal(id)).status).to.equal(Status.Pending);
    });

    it("refuses an execution once the proposer is removed or the proposal expired", async () => {
      const f = await loadFixture(proposed);
      const { registry, dao, alice, bob, id } = f;
      await registry.connect(bob).approveSpend(id);
      const deadline = (await registry.spendProposal(id)).deadline;
      await time.increaseTo(deadline + 1n);
      await expect(registry.connect(alice).executeSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendExpired")
        .withArgs(id, deadline);
      await expect(registry.connect(f.carol).approveSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendExpired")
        .withArgs(id, deadline);
      await registry.connect(dao).removeExecutive(alice.address);
      await expect(registry.connect(alice).executeSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
        .withArgs(alice.address);
    });

    it("lets the proposer or the DAO cancel a pending spend, nobody else", async () => {
      const f = await loadFixture(proposed);
      const { registry, dao, alice, bob, outsider, id } = f;
      await expect(registry.connect(bob).cancelSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotSpendProposer")
        .withArgs(id, bob.address);
      await expect(registry.connect(alice).cancelSpend(id))
        .to.emit(registry, "SpendCancelled")
        .withArgs(id, alice.address);
      await expect(registry.connect(dao).cancelSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNotPending")
        .withArgs(id, Status.Cancelled);
      await expect(registry.connect(bob).approveSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNotPending")
        .withArgs(id, Status.Cancelled);
      await registry.connect(alice).proposeSpend(ETH, outsider.address, 5n, PURPOSE);
      await expect(registry.connect(dao).cancelSpend(2n)).to.emit(registry, "SpendCancelled").withArgs(2n, dao.address);
    });

    it("caps approvals at MAX_SPEND_APPROVALS", async () => {
      const f = await loadFixture(proposed);
      const { registry, id } = f;
      const signers = await fundedWallets(17, f.dao);
      for (let i = 0; i < 17; i++) {
        await f.seat(signers[i], `approver-${i}`);
        if (i < 16) await registry.connect(signers[i]).approveSpend(id);
      }
      await expect(registry.connect(signers[16]).approveSpend(id))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryTooManyApprovals")
        .withArgs(id);
      expect((await registry.spendProposal(id)).approvers.length).to.equal(16);
    });
  });

  describe("resources", () => {
    const Kind = { Website: 0n, Contract: 1n, AIInfrastructure: 2n, Other: 3n };

    it("the DAO registers resources with an active custodian or itself", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, bob } = f;
      await f.seat(alice, "alice");
      await expect(registry.connect(alice).addResource(Kind.Website, "https://bytomdao.org", alice.address))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).addResource(Kind.Website, "", alice.address)).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryEmptyURI",
      );
      await expect(registry.connect(dao).addResource(Kind.Website, "https://x", bob.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnrolled")
        .withArgs(bob.address);
      await expect(registry.connect(dao).addResource(Kind.Website, "https://bytomdao.org", alice.address))
        .to.emit(registry, "ResourceAdded")
        .withArgs(1n, Kind.Website, "https://bytomdao.org", alice.address);
      await expect(
        registry.connect(dao).addResource(Kind.AIInfrastructure, "ipfs://inference-node", ethers.ZeroAddress),
      )
        .to.emit(registry, "ResourceAdded")
        .withArgs(2n, Kind.AIInfrastructure, "ipfs://inference-node", ethers.ZeroAddress);
      expect(await registry.resourceCount()).to.equal(2n);
      expect(await registry.resource(1n)).to.deep.equal([
        Kind.Website,
        "https://bytomdao.org",
        alice.address,
        await registry.humanOf(alice.address),
      ]);
      expect(await registry.resource(2n)).to.deep.equal([
        Kind.AIInfrastructure,
        "ipfs://inference-node",
        ethers.ZeroAddress,
        ethers.ZeroHash,
      ]);
      await expect(registry.resource(3n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownResource")
        .withArgs(3n);
    });

    it("custody moves from the custodian or the DAO to an active executive or back to the DAO", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, bob, carol, dave, attVerifier } = f;
      await f.seat(alice, "alice");
      await f.seat(bob, "bob");
      await f.enrol(carol, "carol");
      await registry.connect(dao).addResource(Kind.Contract, "eip155:1:0xabc", alice.address);
      await expect(registry.connect(bob).transferCustody(1n, bob.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCustodian")
        .withArgs(1n, bob.address);
      await expect(registry.connect(alice).transferCustody(1n, carol.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
        .withArgs(carol.address);
      await expect(registry.connect(alice).transferCustody(1n, bob.address))
        .to.emit(registry, "CustodyTransferred")
        .withArgs(1n, alice.address, bob.address);
      await expect(registry.connect(bob).transferCustody(1n, ethers.ZeroAddress))
        .to.emit(registry, "CustodyTransferred")
        .withArgs(1n, bob.address, ethers.ZeroAddress);
      await expect(registry.connect(bob).transferCustody(1n, bob.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCustodian")
        .withArgs(1n, bob.address);
      await expect(registry.connect(dao).transferCustody(1n, alice.address))
        .to.emit(registry, "CustodyTransferred")
        .withArgs(1n, ethers.ZeroAddress, alice.address);
      // custody follows the human across a key rotation
      await registry.connect(dave).enroll(await attVerifier.getAddress(), await f.attest(dave.address, "alice"));
      expect((await registry.resource(1n)).custodian).to.equal(dave.address);
      await expect(registry.connect(alice).transferCustody(1n, bob.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCustodian")
        .withArgs(1n, alice.address);
      await expect(registry.connect(dao).transferCustody(9n, bob.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownResource")
        .withArgs(9n);
    });

    it("a suspended custodian cannot act; the DAO can", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, bob } = f;
      const expiry = (await now()) + DAY;
      await f.seat(alice, "alice", expiry);
      await f.seat(bob, "bob");
      await registry.connect(dao).addResource(Kind.Other, "https://docs", alice.address);
      await time.increaseTo(expiry);
      await expect(registry.connect(alice).transferCustody(1n, bob.address))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerificationExpired")
        .withArgs(alice.address, expiry);
      await expect(registry.connect(alice).updateResourceURI(1n, "https://new"))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryVerificationExpired")
        .withArgs(alice.address, expiry);
      await expect(registry.connect(dao).transferCustody(1n, bob.address))
        .to.emit(registry, "CustodyTransferred")
        .withArgs(1n, alice.address, bob.address);
    });

    it("the custodian or the DAO updates the URI; the DAO removes the resource", async () => {
      const f = await loadFixture(fixture);
      const { registry, dao, alice, bob } = f;
      await f.seat(alice, "alice");
      await f.seat(bob, "bob");
      await registry.connect(dao).addResource(Kind.Website, "https://old", alice.address);
      await expect(registry.connect(alice).updateResourceURI(1n, "")).to.be.revertedWithCustomError(
        registry,
        "ExecutiveRegistryEmptyURI",
      );
      await expect(registry.connect(bob).updateResourceURI(1n, "https://evil"))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCustodian")
        .withArgs(1n, bob.address);
      await expect(registry.connect(alice).updateResourceURI(1n, "https://new"))
        .to.emit(registry, "ResourceURIUpdated")
        .withArgs(1n, "https://new");
      await expect(registry.connect(dao).updateResourceURI(1n, "https://dao"))
        .to.emit(registry, "ResourceURIUpdated")
        .withArgs(1n, "https://dao");
      expect((await registry.resource(1n)).uri).to.equal("https://dao");
      await expect(registry.connect(alice).removeResource(1n))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(registry.connect(dao).removeResource(1n)).to.emit(registry, "ResourceRemoved").withArgs(1n);
      await expect(registry.resource(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownResource")
        .withArgs(1n);
      await expect(registry.connect(dao).removeResource(1n))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownResource")
        .withArgs(1n);
      await expect(registry.connect(alice).updateResourceURI(1n, "https://x"))
        .to.be.revertedWithCustomError(registry, "ExecutiveRegistryUnknownResource")
        .withArgs(1n);
    });
  });
});
