import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Support, impersonate, tokens } from "../governance/helpers";
import { BALLOT_TYPES, actionsOf, agentVote, agentWorld, ballotFor, enactNewModel, signAgentBallot } from "./helpers";

describe("AgentDelegate (the AI delegate)", () => {
  it("the active agent votes with all votes delegated to it; the vote records the model and the rationale hash", async () => {
    const w = await loadFixture(agentWorld);
    expect(await w.agentDelegate.activeAgent()).to.equal(w.agent.address);
    const rationale = ethers.id("my reasoning");
    await expect(agentVote(w, w.id, Support.For, "ipfs://reasoning", rationale))
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(w.id, w.agent.address, 1n, Support.For, tokens(200_000_000), rationale, "ipfs://reasoning", false);
    expect(await w.governor.hasVoted(w.id, w.delegateAddress)).to.equal(true);
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, tokens(200_000_000), 0n]);
  });

  it("nobody else can vote with it (AgentDelegateNotActiveAgent), and a refused vote counts nothing", async () => {
    const w = await loadFixture(agentWorld);
    const actions = await actionsOf(w, w.id);
    for (const caller of [w.alice, w.c[0], w.deployer]) {
      await expect(w.agentDelegate.connect(caller).castVote(w.id, Support.For, "", ethers.ZeroHash, actions))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotActiveAgent")
        .withArgs(caller.address, w.agent.address);
    }
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, 0n, 0n]);
    expect(await w.governor.hasVoted(w.id, w.delegateAddress)).to.equal(false);
  });

  it("relays the agent's signed ballot; foreign signers and foreign domains are refused", async () => {
    const w = await loadFixture(agentWorld);
    const ballot = await ballotFor(w, w.id, Support.Against);
    const actions = await actionsOf(w, w.id);
    for (const bad of [
      await signAgentBallot(w.agentDelegate, w.alice, ballot),
      await signAgentBallot(w.agentDelegate, w.agent, ballot, { chainId: 1n }),
      await signAgentBallot(w.agentDelegate, w.agent, ballot, { verifyingContract: await w.governor.getAddress() }),
    ]) {
      await expect(w.agentDelegate.connect(w.bob).castVoteBySig(ballot, actions, bad))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
        .withArgs(w.agent.address);
    }
    const domain = {
      name: "BytomDAO Agent Delegate",
      version: "1",
      chainId: (await ethers.provider.getNetwork()).chainId,
      verifyingContract: w.delegateAddress,
    };
    expect(await w.agentDelegate.hashBallot(ballot)).to.equal(
      ethers.TypedDataEncoder.hash(domain, BALLOT_TYPES, ballot),
    );
    const signature = await signAgentBallot(w.agentDelegate, w.agent, ballot);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(ballot, actions, signature))
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(
        w.id,
        w.agent.address,
        1n,
        Support.Against,
        tokens(200_000_000),
        ballot.rationaleHash,
        ballot.reason,
        true,
      );
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([tokens(200_000_000), 0n, 0n]);
  });

  it("follows the model in force: after a new version is enacted only its operator can vote", async () => {
    const w = await loadFixture(agentWorld);
    const newAgent = w.signers[13];
    const oldBallot = await ballotFor(w, w.id, Support.For);
    const oldSignature = await signAgentBallot(w.agentDelegate, w.agent, oldBallot);
    await enactNewModel(w, newAgent.address);
    expect(await w.agentDelegate.activeAgent()).to.equal(newAgent.address);
    const actions = await actionsOf(w, w.id);
    await expect(w.agentDelegate.connect(w.agent).castVote(w.id, Support.For, "", ethers.ZeroHash, actions))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotActiveAgent")
      .withArgs(w.agent.address, newAgent.address);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(oldBallot, actions, oldSignature))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
      .withArgs(newAgent.address);
    await expect(
      w.agentDelegate.connect(newAgent).castVote(w.id, Support.For, "model #2 reasoning", ethers.ZeroHash, actions),
    )
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(
        w.id,
        newAgent.address,
        2n,
        Support.For,
        tokens(200_000_000),
        ethers.ZeroHash,
        "model #2 reasoning",
        false,
      );
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, tokens(200_000_000), 0n]);
  });

  it("a delegator overrides the AI delegate, before or after it voted", async () => {
    const w = await loadFixture(agentWorld);
    // carol overrides before the agent votes: her 100M are set aside.
    await w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, "not this one");
    await expect(agentVote(w, w.id, Support.For))
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(w.id, w.agent.address, 1n, Support.For, tokens(100_000_000), ethers.ZeroHash, "", false);
    // dave overrides after: his 100M move from the delegate's For to his Abstain.
    await expect(w.governor.connect(w.dave).castOverrideVote(w.id, Support.Abstain, ""))
      .to.emit(w.governor, "VoteReduced")
      .withArgs(w.delegateAddress, w.id, Support.For, tokens(100_000_000));
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([tokens(100_000_000), 0n, tokens(100_000_000)]);
  });

  it("initialisation and upgrades: zero addresses, re-initialisation and non-DAO upgrades are refused", async () => {
    const w = await loadFixture(agentWorld);
    const F = await ethers.getContractFactory("AgentDelegate");
    const constitution = await w.constitution.getAddress();
    const governor = await w.governor.getAddress();
    for (const args of [
      [w.timelockAddress, ethers.ZeroAddress, governor, []],
      [w.timelockAddress, constitution, ethers.ZeroAddress, []],
      [w.timelockAddress, constitution, governor, [{ target: ethers.ZeroAddress, selector: "0x12345678" }]],
    ]) {
      await expect(upgrades.deployProxy(F, args, { kind: "uups" })).to.be.revertedWithCustomError(
        F,
        "AgentDelegateZeroAddress",
      );
    }
    await expect(w.agentDelegate.initialize(w.alice.address, constitution, governor, [])).to.be.revertedWithCustomError(
      w.agentDelegate,
      "InvalidInitialization",
    );
    const implementation = await upgrades.erc1967.getImplementationAddress(w.delegateAddress);
    await expect(
      F.attach(implementation).getFunction("initialize")(w.alice.address, w.alice.address, w.alice.address, []),
    ).to.be.revertedWithCustomError(F, "InvalidInitialization");
    await expect(w.agentDelegate.connect(w.alice).upgradeToAndCall(implementation, "0x"))
      .to.be.revertedWithCustomError(w.agentDelegate, "OwnableUnauthorizedAccount")
      .withArgs(w.alice.address);
    await upgrades.validateImplementation(F, { kind: "uups" });
    await upgrades.validateUpgrade(F, F, { kind: "uups" });
    const fresh = await (await F.deploy()).getAddress();
    await w.agentDelegate.connect(await impersonate(w.timelockAddress)).upgradeToAndCall(fresh, "0x");
    expect(await upgrades.erc1967.getImplementationAddress(w.delegateAddress)).to.equal(fresh);
    expect(await w.agentDelegate.constitution()).to.equal(constitution);
    expect(await w.agentDelegate.isRecused(w.delegateAddress, "0xffffffff")).to.equal(true);
  });
});
