import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { DAY, deployExecutive } from "./fixture";

/**
 * Regression tests for the defects found in the review of issue #11. Each was written before its fix and failed
 * against the code of commit 1084a4a (the module split, defects unchanged).
 */
const ETH = ethers.ZeroAddress;
const PURPOSE = ethers.id("invoice");
const ONE = ethers.parseEther("1");

/** alice and bob seated; 10 ETH in the registry; alice: 3 ETH / 30 days, threshold 1 ETH; resource #1 with alice. */
async function seated() {
  const f = await deployExecutive();
  const { registry, dao, alice, bob } = f;
  await f.seat(alice, "alice");
  await f.seat(bob, "bob");
  await dao.sendTransaction({ to: await registry.getAddress(), value: ethers.parseEther("10") });
  await registry.connect(dao).grantAllowance(alice.address, ETH, 3n * ONE, 30n * DAY);
  await registry.connect(dao).setSpendThreshold(ETH, ONE);
  await registry.connect(dao).addResource(0, "https://bytomdao.org", alice.address);
  return f;
}

describe("ExecutiveRegistry: regressions of the #11 review", () => {
  it("#1 a second, compromised issuer attesting the victim's public nullifier cannot take the victim's seat", async () => {
    const f = await loadFixture(seated);
    const { registry, attVerifier, dao, alice, bot, dave, issuer2 } = f;
    const v = await attVerifier.getAddress();
    await attVerifier.connect(dao).approveIssuer(issuer2.address);
    // the victim's nullifier is public in AttestationConsumed
    const [consumed] = await attVerifier.queryFilter(attVerifier.filters.AttestationConsumed(undefined, alice.address));
    expect(consumed.args.nullifier).to.equal(f.nullifierOf("alice"));
    const victim = await registry.humanOf(alice.address);
    const allowanceBefore = await registry.allowanceOf(alice.address, ETH);

    // the compromised issuer attests "attacker's account + victim's nullifier"
    await registry.connect(bot).enroll(v, await f.attest(bot.address, "alice", { issuer: issuer2 }));
    expect(await registry.humanOf(bot.address)).to.not.equal(victim);
    expect(await registry.isExecutive(bot.address)).to.equal(false);
    expect((await registry.human(victim)).account).to.equal(alice.address);
    expect(await registry.isExecutive(alice.address)).to.equal(true);
    expect(await registry.allowanceOf(alice.address, ETH)).to.deep.equal(allowanceBefore);
    expect((await registry.resource(1n)).custodian).to.equal(alice.address);
    await expect(registry.connect(bot).spend(ETH, bot.address, 1n, PURPOSE))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotExecutive")
      .withArgs(bot.address);
    await expect(registry.connect(bot).transferCustody(1n, bot.address))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCustodian")
      .withArgs(1n, bot.address);

    // the victim still rotates through the issuer that verified them
    await expect(registry.connect(dave).enroll(v, await f.attest(dave.address, "alice")))
      .to.emit(registry, "AccountRotated")
      .withArgs(victim, alice.address, dave.address, anyValue);
    expect(await registry.isExecutive(dave.address)).to.equal(true);
  });

  it("#2 direct spends add up per executive, asset and period: just-under-threshold spends need co-approval", async () => {
    const f = await loadFixture(seated);
    const { registry, alice, outsider } = f;
    const nearly = (ONE * 9n) / 10n;
    await registry.connect(alice).spend(ETH, outsider.address, nearly, PURPOSE);
    await expect(registry.connect(alice).spend(ETH, outsider.address, nearly, PURPOSE))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNeedsApproval")
      .withArgs(ETH, nearly, ONE - nearly);
    await registry.connect(alice).spend(ETH, outsider.address, ONE - nearly, PURPOSE); // exactly up to the threshold
    await expect(registry.connect(alice).spend(ETH, outsider.address, 1n, PURPOSE))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendNeedsApproval")
      .withArgs(ETH, 1n, 0n);
    // the next period starts afresh
    const [, , , periodEnd] = await registry.allowanceOf(alice.address, ETH);
    await time.increaseTo(periodEnd);
    await expect(registry.connect(alice).spend(ETH, outsider.address, nearly, PURPOSE)).to.changeEtherBalance(
      outsider,
      nearly,
    );
  });

  it("#3 appointment approvals of members since replaced are void, and approvals expire", async () => {
    const f = await loadFixture(deployExecutive);
    const { registry, committee, members, alice, bob, outsider } = f;
    await f.enrol(alice, "alice");
    await registry.connect(members[0]).approveAppointment(alice.address);
    await registry.connect(members[1]).approveAppointment(alice.address);
    const id = await registry.humanOf(alice.address);
    expect((await registry.human(id)).appointmentApprovals).to.equal(2n);
    await committee.setMember(0, outsider.address); // the DAO replaces members[0]
    expect((await registry.human(id)).appointmentApprovals).to.equal(0n); // void under the new seat set
    expect(await registry.appointmentApprovals(alice.address, members[1].address)).to.deep.equal([0n, false]);
    await expect(registry.connect(members[2]).approveAppointment(alice.address))
      .to.emit(registry, "AppointmentApprovalsVoided")
      .withArgs(id, 2n);
    expect(await registry.isExecutive(alice.address)).to.equal(false);
    expect(await registry.appointmentApprovals(alice.address, members[2].address)).to.deep.equal([1n, true]);

    await f.enrol(bob, "bob");
    await registry.connect(members[1]).approveAppointment(bob.address);
    await registry.connect(members[2]).approveAppointment(bob.address);
    await time.increase(31n * DAY);
    await f.enrol(bob, "bob"); // still verified
    await registry.connect(members[3]).approveAppointment(bob.address);
    expect(await registry.isExecutive(bob.address)).to.equal(false);
  });

  it("#4 custody ends with the custodian's term, and only the DAO re-appoints someone it removed", async () => {
    const f = await loadFixture(seated);
    const { registry, dao, alice, bob, members } = f;
    await registry.connect(dao).removeExecutive(alice.address);
    expect((await registry.resource(1n)).custodian).to.equal(ethers.ZeroAddress);
    await registry.connect(dao).appoint(alice.address); // a new term: custody does not come back
    expect((await registry.resource(1n)).custodian).to.equal(ethers.ZeroAddress);
    await expect(registry.connect(alice).transferCustody(1n, alice.address))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotCustodian")
      .withArgs(1n, alice.address);

    await registry.connect(dao).removeExecutive(bob.address);
    for (const m of members.slice(0, 2))
      await registry
        .connect(m)
        .approveAppointment(bob.address)
        .catch(() => {});
    await expect(registry.connect(members[2]).approveAppointment(bob.address))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryRemovedByDAO")
      .withArgs(bob.address);
    expect(await registry.isExecutive(bob.address)).to.equal(false);
  });

  it("#5 executeSpend counts only approvals given in the approver's current term", async () => {
    const f = await loadFixture(seated);
    const { registry, dao, alice, bob, outsider } = f;
    await registry.connect(alice).proposeSpend(ETH, outsider.address, 2n * ONE, PURPOSE);
    await registry.connect(bob).approveSpend(1n);
    await registry.connect(dao).removeExecutive(bob.address);
    await registry.connect(dao).appoint(bob.address); // bob's second term
    await expect(registry.connect(alice).executeSpend(1n))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistryNotEnoughApprovals")
      .withArgs(1n, 0n, 1n);
    expect(await registry.hasApprovedSpend(1n, bob.address)).to.equal(false);
    // bob may approve again in his new term; his entry is not duplicated
    await expect(registry.connect(bob).approveSpend(1n))
      .to.emit(registry, "SpendApproved")
      .withArgs(1n, anyValue, bob.address, 1n);
    await expect(registry.connect(bob).approveSpend(1n))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendAlreadyApproved")
      .withArgs(1n, bob.address);
    expect((await registry.spendProposal(1n)).approvers.length).to.equal(1);
    // a proposal lapses with its proposer's term
    await registry.connect(dao).removeExecutive(alice.address);
    await registry.connect(dao).appoint(alice.address);
    await expect(registry.connect(alice).executeSpend(1n))
      .to.be.revertedWithCustomError(registry, "ExecutiveRegistrySpendTermEnded")
      .withArgs(1n, 1n);
  });
});
