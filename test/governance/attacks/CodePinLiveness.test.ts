/**
 * Code-pin liveness (issue #12, item 4). The governor pins target code so that a passed proposal cannot be swapped
 * (Tornado Cash). Before the fix, a target with no code at proposal time was pinned as "no code": whoever then
 * deployed at that address — a grantee's counterfactual wallet through a public CREATE2 factory, deployable by
 * anyone — turned the passed proposal into one that could never be queued or executed. The rule now: targets with
 * code are pinned to their exact code hash; targets without code are recorded as codeless and may gain code.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import {
  BenignTarget__factory,
  CounterfactualWallet__factory,
  MaliciousTarget__factory,
  PublicCreate2Factory__factory,
} from "../../../typechain-types";
import {
  State,
  delegatedFixture,
  execute,
  proposalActions,
  queue,
  toActive,
  travelPast,
  voteAndQueue,
  type Proposal,
} from "../helpers";
import { proposalStatus } from "../../../sdk/governance";

const SALT = ethers.id("grantee wallet");

async function grantFixture() {
  const w = await delegatedFixture();
  const factory = await new PublicCreate2Factory__factory(w.deployer).deploy();
  const grantee = w.outsider;
  const initCode = ethers.concat([
    CounterfactualWallet__factory.bytecode,
    ethers.AbiCoder.defaultAbiCoder().encode(["address"], [grantee.address]),
  ]);
  const wallet = await factory.predict(SALT, initCode);
  expect(await ethers.provider.getCode(wallet)).to.equal("0x");
  const benign = await new BenignTarget__factory(w.deployer).deploy();
  await setBalance(w.timelockAddress, ethers.parseEther("10"));
  // A grant of 1 ETH to the (not yet deployed) wallet, bundled with a call to a contract target.
  const p: Proposal = {
    targets: [await benign.getAddress(), wallet],
    values: [0n, ethers.parseEther("1")],
    calldatas: [benign.interface.encodeFunctionData("ping"), "0x"],
    description: "Grant 1 ETH to the grantee's counterfactual wallet",
  };
  const id = await toActive(w, p);
  return { ...w, factory, grantee, initCode, wallet, benign, p, id };
}

describe("Code-pin liveness: a codeless target that gains code after the vote", () => {
  it("the proposal records which targets had no code (bit 1 = the wallet) and pins the others", async () => {
    const w = await loadFixture(grantFixture);
    expect(await w.governor.proposalCodelessTargets(w.id)).to.equal(2n);
    const benignHash = ethers.keccak256(await ethers.provider.getCode(await w.benign.getAddress()));
    const coder = ethers.AbiCoder.defaultAbiCoder();
    const first = ethers.keccak256(coder.encode(["bytes32", "bytes32"], [ethers.ZeroHash, benignHash]));
    const digest = ethers.keccak256(coder.encode(["bytes32", "bytes32"], [first, ethers.ZeroHash]));
    expect(await w.governor.proposalCodeDigest(w.id)).to.equal(digest);
    // gov:status (sdk proposalStatus) tells the executor which targets are not pinned.
    const status = await proposalStatus(w.governor, w.id);
    expect(status.stage).to.equal("Active");
    expect(status.lines).to.include(
      "  targets without code at proposal time (not pinned; code deployed there later runs): #1" +
        " — check what is there now before executing",
    );
  });

  it("regression: the grantee deploys its wallet after the vote, before queue → the proposal still queues and executes", async () => {
    const w = await loadFixture(grantFixture);
    for (const v of [w.alice, w.bob, w.carol, w.dave]) await w.governor.connect(v).castVote(w.id, 1);
    await travelPast(await w.governor.proposalDeadline(w.id));
    expect(await w.governor.state(w.id)).to.equal(State.Succeeded);
    // Anyone can deploy the wallet through the public factory (here an unrelated account).
    await w.factory.connect(w.carol).deploy(SALT, w.initCode);
    expect(await ethers.provider.getCode(w.wallet)).to.not.equal("0x");
    await expect(queue(w.governor, w.alice, w.id)).to.emit(w.governor, "ProposalQueued");
    expect(await w.governor.state(w.id)).to.equal(State.Queued);
    await travelPast(await w.governor.proposalEta(w.id));
    const treasury = await ethers.provider.getBalance(w.timelockAddress);
    // Executed without msg.value: the treasury pays the grant.
    const a = await proposalActions(w.governor, w.id);
    await expect(w.governor.connect(w.alice).execute(a.targets, a.values, a.calldatas, a.descriptionHash))
      .to.emit(w.governor, "ProposalExecuted")
      .withArgs(w.id);
    const wallet = CounterfactualWallet__factory.connect(w.wallet, w.deployer);
    expect(await wallet.received()).to.equal(ethers.parseEther("1"));
    expect(await wallet.owner()).to.equal(w.grantee.address);
    expect(await ethers.provider.getBalance(w.timelockAddress)).to.equal(treasury - ethers.parseEther("1"));
    expect(await w.benign.pings()).to.equal(1n);
  });

  it("regression: the wallet deployed between queue and execute → the proposal executes", async () => {
    const w = await loadFixture(grantFixture);
    await voteAndQueue(w, w.id);
    await w.factory.connect(w.grantee).deploy(SALT, w.initCode);
    await travelPast(await w.governor.proposalEta(w.id));
    await expect(execute(w.governor, w.alice, w.id))
      .to.emit(w.governor, "ProposalExecuted")
      .withArgs(w.id);
    expect(await ethers.provider.getBalance(w.wallet)).to.equal(ethers.parseEther("1"));
    expect(await w.governor.state(w.id)).to.equal(State.Executed);
  });

  it("the pinned contract target stays pinned in the same proposal: swapping its code still refuses queue", async () => {
    const w = await loadFixture(grantFixture);
    for (const v of [w.alice, w.bob, w.carol, w.dave]) await w.governor.connect(v).castVote(w.id, 1);
    await travelPast(await w.governor.proposalDeadline(w.id));
    await w.factory.deploy(SALT, w.initCode);
    const malicious = await new MaliciousTarget__factory(w.deployer).deploy();
    await ethers.provider.send("hardhat_setCode", [
      await w.benign.getAddress(),
      await ethers.provider.getCode(await malicious.getAddress()),
    ]);
    await expect(queue(w.governor, w.alice, w.id))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorTargetCodeChanged")
      .withArgs(w.id);
    expect(await w.governor.state(w.id)).to.equal(State.Succeeded);
  });

  it("a pinned contract target whose code disappears is refused (codeless now ≠ pinned hash)", async () => {
    const w = await loadFixture(grantFixture);
    await voteAndQueue(w, w.id);
    await ethers.provider.send("hardhat_setCode", [await w.benign.getAddress(), "0x"]);
    await travelPast(await w.governor.proposalEta(w.id));
    await expect(execute(w.governor, w.alice, w.id))
      .to.be.revertedWithCustomError(w.governor, "BytomGovernorTargetCodeChanged")
      .withArgs(w.id);
    expect(await w.governor.state(w.id)).to.equal(State.Queued);
  });
});
