/**
 * Tornado Cash (May 2023) replay: voters approve a proposal whose target looks benign; its code is replaced
 * (CREATE2 + SELFDESTRUCT metamorphosis; simulated here with hardhat_setCode, since EIP-6780 neuters SELFDESTRUCT on
 * Cancun) before execution. The governor pins every target's code hash at proposal time and refuses to queue or
 * execute once any changed.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, setCode, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { BenignTarget__factory, MaliciousTarget__factory } from "../../../typechain-types";
import {
  State,
  delegatedFixture,
  execute,
  proposalActions,
  queue,
  toActive,
  tokens,
  travelPast,
  voteAndQueue,
  type Proposal,
} from "../helpers";

async function swapFixture() {
  const w = await delegatedFixture();
  const target = await new BenignTarget__factory(w.deployer).deploy();
  const malicious = await new MaliciousTarget__factory(w.deployer).deploy();
  const targetAddress = await target.getAddress();
  const benignCode = await ethers.provider.getCode(targetAddress);
  const maliciousCode = await ethers.provider.getCode(await malicious.getAddress());
  // The benign-looking proposal: ping the target and pay 1M from the treasury.
  const p: Proposal = {
    targets: [targetAddress, await w.token.getAddress()],
    values: [0n, 0n],
    calldatas: [
      target.interface.encodeFunctionData("ping"),
      w.token.interface.encodeFunctionData("transfer", [w.outsider.address, tokens(1_000_000)]),
    ],
    description: "Relayer penalties (looks like #16)",
  };
  const id = await toActive(w, p);
  const pinned = await w.governor.proposalCodeDigest(id);
  return { ...w, target, malicious, targetAddress, benignCode, maliciousCode, p, id, pinned };
}

describe("Attack replay: Tornado Cash metamorphic proposal", () => {
  it("code swapped after the vote, before queue: BytomGovernorTargetCodeChanged on queue", async () => {
    const w = await loadFixture(swapFixture);
    for (const v of [w.alice, w.bob, w.carol, w.dave]) await w.governor.connect(v).castVote(w.id, 1);
    await travelPast(await w.governor.proposalDeadline(w.id));
    expect(await w.governor.state(w.id)).to.equal(State.Succeeded);
    await setCode(w.targetAddress, w.maliciousCode);
    const treasury = await w.token.balanceOf(w.timelockAddress);
    await expect(queue(w.governor, w.alice, w.id))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorTargetCodeChanged")
      .withArgs(w.id);
    expect(await w.governor.state(w.id)).to.equal(State.Succeeded);
    expect(await w.governor.proposalEta(w.id)).to.equal(0n);
    expect(await w.token.balanceOf(w.timelockAddress)).to.equal(treasury);
    expect(await w.governor.proposalCodeDigest(w.id)).to.equal(w.pinned);
  });

  it("code swapped between queue and execute: BytomGovernorTargetCodeChanged on execute; treasury unchanged", async () => {
    const w = await loadFixture(swapFixture);
    await voteAndQueue(w, w.id);
    await travelPast(await w.governor.proposalEta(w.id));
    await setCode(w.targetAddress, w.maliciousCode);
    const malicious = MaliciousTarget__factory.connect(w.targetAddress, w.deployer);
    const treasury = await w.token.balanceOf(w.timelockAddress);
    await expect(execute(w.governor, w.alice, w.id))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorTargetCodeChanged")
      .withArgs(w.id);
    expect(await malicious.tookOver()).to.equal(false);
    expect(await w.token.balanceOf(w.timelockAddress)).to.equal(treasury);
    expect(await w.token.balanceOf(w.outsider.address)).to.equal(0n);
    expect(await w.governor.state(w.id)).to.equal(State.Queued);

    // The pin is exact: with the approved code back, the approved behaviour executes.
    await setCode(w.targetAddress, w.benignCode);
    await expect(execute(w.governor, w.alice, w.id))
      .to.emit(w.governor, "ProposalExecuted")
      .withArgs(w.id);
    expect(await w.target.pings()).to.equal(1n);
    expect(await w.token.balanceOf(w.outsider.address)).to.equal(tokens(1_000_000));
  });

  it("without a swap the proposal executes (control)", async () => {
    const w = await loadFixture(swapFixture);
    await voteAndQueue(w, w.id);
    await travelPast(await w.governor.proposalEta(w.id));
    await expect(execute(w.governor, w.alice, w.id))
      .to.emit(w.target, "Pinged")
      .withArgs(1n);
  });

  it("dust sent to an EOA target does not block its proposal (empty code is normalised)", async () => {
    const w = await loadFixture(delegatedFixture);
    const fresh = ethers.Wallet.createRandom().address; // non-existent account: EXTCODEHASH = 0
    expect(await ethers.provider.getBalance(fresh)).to.equal(0n);
    const p: Proposal = {
      targets: [fresh, await w.token.getAddress()],
      values: [0n, 0n],
      calldatas: ["0x", w.token.interface.encodeFunctionData("transfer", [fresh, tokens(5)])],
      description: "Grant to a fresh EOA",
    };
    const id = await toActive(w, p);
    // A griefer sends 1 wei: EXTCODEHASH becomes keccak256("").
    await w.outsider.sendTransaction({ to: fresh, value: 1n });
    await voteAndQueue(w, id);
    await travelPast(await w.governor.proposalEta(id));
    await setBalance(fresh, 2n);
    await expect(execute(w.governor, w.alice, id))
      .to.emit(w.governor, "ProposalExecuted")
      .withArgs(id);
    expect(await w.token.balanceOf(fresh)).to.equal(tokens(5));
  });

  it("an EOA target that gains code (e.g. a delegation designator) is recorded as codeless and still executes", async () => {
    const w = await loadFixture(delegatedFixture);
    const eoa = ethers.Wallet.createRandom().address;
    const id = await toActive(w, { targets: [eoa], values: [0n], calldatas: ["0x"], description: "Ping an EOA" });
    expect(await w.governor.proposalCodelessTargets(id)).to.equal(1n);
    await voteAndQueue(w, id);
    // Whoever controls the address may give it code; the timelock CALLs it, so that code runs with the address's
    // own authority: pinning "no code" would only hand a veto to whoever can deploy there.
    await setCode(eoa, "0x00");
    await travelPast(await w.governor.proposalEta(id));
    const a = await proposalActions(w.governor, id);
    await expect(w.governor.execute(a.targets, a.values, a.calldatas, a.descriptionHash))
      .to.emit(w.governor, "ProposalExecuted")
      .withArgs(id);
    expect(await w.governor.state(id)).to.equal(State.Executed);
  });
});
