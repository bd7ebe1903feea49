/**
 * Ronin / Harmony lesson (committee keys) and bug class 10 (timelock bypass): the committee holds no role and no
 * funds; after deployment the deployer holds nothing anywhere; every admin right ends at the timelock.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import type { FunctionFragment } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { impersonate, worldFixture } from "../helpers";

describe("Attack replay: Ronin keys — roles, committee powers and the deployer", () => {
  it("the deployer holds no timelock role, owns nothing and holds no tokens", async () => {
    const w = await loadFixture(worldFixture);
    const roles = [
      await w.timelock.DEFAULT_ADMIN_ROLE(),
      await w.timelock.PROPOSER_ROLE(),
      await w.timelock.EXECUTOR_ROLE(),
      await w.timelock.CANCELLER_ROLE(),
    ];
    for (const role of roles) expect(await w.timelock.hasRole(role, w.deployer.address)).to.equal(false);
    for (const c of [w.token, w.constitution, w.committee]) expect(await c.owner()).to.equal(w.timelockAddress);
    expect(await w.governor.timelock()).to.equal(w.timelockAddress);
    expect(await w.token.balanceOf(w.deployer.address)).to.equal(0n);
    expect(await w.committee.isMember(w.deployer.address)).to.equal(false);
  });

  it("timelock roles: the governor alone proposes, executes and cancels; the timelock alone administers", async () => {
    const w = await loadFixture(worldFixture);
    const g = w.addresses.BytomGovernor;
    const [admin, proposer, executor, canceller] = [
      await w.timelock.DEFAULT_ADMIN_ROLE(),
      await w.timelock.PROPOSER_ROLE(),
      await w.timelock.EXECUTOR_ROLE(),
      await w.timelock.CANCELLER_ROLE(),
    ];
    expect(await w.timelock.hasRole(proposer, g)).to.equal(true);
    expect(await w.timelock.hasRole(executor, g)).to.equal(true);
    expect(await w.timelock.hasRole(canceller, g)).to.equal(true);
    expect(await w.timelock.hasRole(admin, w.timelockAddress)).to.equal(true);
    expect(await w.timelock.hasRole(admin, g)).to.equal(false);
    expect(await w.timelock.hasRole(executor, ethers.ZeroAddress)).to.equal(false); // execution is not open
    expect(await w.timelock.getMinDelay()).to.equal(2n * 86_400n);
    // Nobody else: the committee contract, its members, the agent.
    const others = [w.addresses.GovernanceCommittee, ...w.c.map((s) => s.address), w.agent.address];
    for (const who of others) {
      for (const role of [admin, proposer, executor, canceller]) {
        expect(await w.timelock.hasRole(role, who)).to.equal(false);
      }
    }
  });

  it("committee members (even all five) cannot schedule, execute or cancel timelock operations", async () => {
    const w = await loadFixture(worldFixture);
    const transfer = w.token.interface.encodeFunctionData("transfer", [w.c[0].address, 1n]);
    const tokenAddress = w.addresses.GovernanceToken;
    const committee = await impersonate(w.addresses.GovernanceCommittee);
    for (const s of [...w.c, committee]) {
      await expect(
        w.timelock.connect(s).schedule(tokenAddress, 0n, transfer, ethers.ZeroHash, ethers.ZeroHash, 2n * 86_400n),
      )
        .to.be.revertedWithCustomError(w.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(s.address, await w.timelock.PROPOSER_ROLE());
      await expect(w.timelock.connect(s).execute(tokenAddress, 0n, transfer, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(w.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(s.address, await w.timelock.EXECUTOR_ROLE());
      await expect(w.timelock.connect(s).cancel(ethers.ZeroHash))
        .to.be.revertedWithCustomError(w.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(s.address, await w.timelock.CANCELLER_ROLE());
      await expect(w.timelock.connect(s).updateDelay(0n))
        .to.be.revertedWithCustomError(w.timelock, "TimelockUnauthorizedCaller")
        .withArgs(s.address);
    }
    expect(await w.token.balanceOf(w.timelockAddress)).to.equal(ethers.parseUnits("400000000", 18));
    expect(await w.timelock.getMinDelay()).to.equal(2n * 86_400n);
  });

  it("the committee contract holds no funds and has no function that moves funds or upgrades other contracts", async () => {
    const w = await loadFixture(worldFixture);
    expect(await w.token.balanceOf(w.addresses.GovernanceCommittee)).to.equal(0n);
    expect(await ethers.provider.getBalance(w.addresses.GovernanceCommittee)).to.equal(0n);
    const payable = w.committee.interface.fragments
      .filter((f): f is FunctionFragment => f.type === "function")
      .filter((f) => f.payable)
      .map((f) => f.name);
    // Only the inherited UUPS upgradeToAndCall is payable, and it is DAO-only (see Upgrades.ts).
    expect(payable).to.deep.equal(["upgradeToAndCall"]);
    // Its only outbound calls are governor.propose / holdProposal (committee-only on the governor).
    await expect(w.governor.connect(w.c[0]).holdProposal(1n))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorOnlyCommittee")
      .withArgs(w.c[0].address);
  });

  it("the treasury's tokens never vote: no delegation to or from it", async () => {
    const w = await loadFixture(worldFixture);
    const treasury = await impersonate(w.timelockAddress);
    await expect(w.token.connect(treasury).delegate(w.c[0].address)).to.be.revertedWithCustomError(
      w.token,
      "GovernanceTokenTreasuryCannotVote",
    );
    await expect(w.token.connect(w.c[0]).delegate(w.timelockAddress)).to.be.revertedWithCustomError(
      w.token,
      "GovernanceTokenTreasuryCannotVote",
    );
    expect(await w.token.getVotes(w.timelockAddress)).to.equal(0n);
    expect(await w.token.delegates(w.timelockAddress)).to.equal(ethers.ZeroAddress);
  });
});
