import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  Support,
  delegatedFixture,
  directProposal,
  grant,
  impersonate,
  tokens,
  travelPast,
  type World,
} from "../governance/helpers";
import type { AgentDelegate } from "../../typechain-types";

const TYPES = {
  AgentBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "reason", type: "string" },
    { name: "nonce", type: "uint256" },
  ],
};

async function sign(
  d: AgentDelegate,
  signer: HardhatEthersSigner,
  ballot: { proposalId: bigint; support: number; reason: string; nonce: bigint },
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<string> {
  const domain = {
    name: "BytomDAO Agent Delegate",
    version: "1",
    chainId: overrides.chainId ?? (await ethers.provider.getNetwork()).chainId,
    verifyingContract: overrides.verifyingContract ?? (await d.getAddress()),
  };
  return signer.signTypedData(domain, TYPES, ballot);
}

/** dave (100M) and carol (100M) re-delegate to the AI delegate; an Active proposal. */
async function agentWorld(): Promise<World & { id: bigint; delegateAddress: string }> {
  const w = await delegatedFixture();
  const delegateAddress = await w.agentDelegate.getAddress();
  await w.token.connect(w.dave).delegate(delegateAddress);
  await w.token.connect(w.carol).delegate(delegateAddress);
  const id = await directProposal(w, await grant(w, w.outsider.address, tokens(1), "agent world"));
  await travelPast(await w.governor.proposalSnapshot(id));
  return { ...w, id, delegateAddress };
}

/** Brings constitution v2 into force with `newAgent` as its model's operator (as the model registry would). */
async function enactNewModel(w: World, newAgent: string): Promise<void> {
  const dao = await impersonate(w.timelockAddress);
  await w.constitution.connect(dao).ratifyAmendment(ethers.id("v2"), "ipfs://v2");
  const registry = await impersonate(await w.modelRegistry.getAddress());
  await w.constitution.connect(registry).enactVersion(2, 2, newAgent);
}

describe("AgentDelegate (the AI delegate)", () => {
  it("the active agent votes with all votes delegated to it; the vote is evented", async () => {
    const w = await loadFixture(agentWorld);
    expect(await w.agentDelegate.activeAgent()).to.equal(w.agent.address);
    await expect(w.agentDelegate.connect(w.agent).castVote(w.id, Support.For, "ipfs://reasoning"))
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(w.id, w.agent.address, Support.For, tokens(200_000_000), "ipfs://reasoning", false);
    expect(await w.governor.hasVoted(w.id, w.delegateAddress)).to.equal(true);
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, tokens(200_000_000), 0n]);
  });

  it("nobody else can vote with it (AgentDelegateNotActiveAgent), and a refused vote counts nothing", async () => {
    const w = await loadFixture(agentWorld);
    for (const caller of [w.alice, w.c[0], w.deployer]) {
      await expect(w.agentDelegate.connect(caller).castVote(w.id, Support.For, ""))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotActiveAgent")
        .withArgs(caller.address, w.agent.address);
    }
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, 0n, 0n]);
    expect(await w.governor.hasVoted(w.id, w.delegateAddress)).to.equal(false);
  });

  it("relays the agent's signed ballot; replay, foreign signers and foreign domains are refused", async () => {
    const w = await loadFixture(agentWorld);
    const ballot = { proposalId: w.id, support: Support.Against, reason: "r", nonce: 0n };
    // Signed by someone else, for another chain, or for another contract: refused.
    for (const bad of [
      await sign(w.agentDelegate, w.alice, ballot),
      await sign(w.agentDelegate, w.agent, ballot, { chainId: 1n }),
      await sign(w.agentDelegate, w.agent, ballot, { verifyingContract: await w.governor.getAddress() }),
    ]) {
      await expect(w.agentDelegate.connect(w.bob).castVoteBySig(w.id, Support.Against, "r", bad))
        .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
        .withArgs(w.agent.address);
    }
    expect(await w.agentDelegate.nonces(w.agent.address)).to.equal(0n);
    const signature = await sign(w.agentDelegate, w.agent, ballot);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(w.id, Support.Against, "r", signature))
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(w.id, w.agent.address, Support.Against, tokens(200_000_000), "r", true);
    expect(await w.agentDelegate.nonces(w.agent.address)).to.equal(1n);
    // The same signature again: its nonce is spent.
    const other = await directProposal(w, await grant(w, w.outsider.address, tokens(2), "second"));
    await travelPast(await w.governor.proposalSnapshot(other));
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(w.id, Support.Against, "r", signature))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
      .withArgs(w.agent.address);
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([tokens(200_000_000), 0n, 0n]);
  });

  it("follows the model in force: after a new version is enacted only its operator can vote", async () => {
    const w = await loadFixture(agentWorld);
    const newAgent = w.signers[13];
    const oldSignature = await sign(w.agentDelegate, w.agent, {
      proposalId: w.id,
      support: Support.For,
      reason: "",
      nonce: 0n,
    });
    await enactNewModel(w, newAgent.address);
    expect(await w.agentDelegate.activeAgent()).to.equal(newAgent.address);
    await expect(w.agentDelegate.connect(w.agent).castVote(w.id, Support.For, ""))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateNotActiveAgent")
      .withArgs(w.agent.address, newAgent.address);
    await expect(w.agentDelegate.connect(w.bob).castVoteBySig(w.id, Support.For, "", oldSignature))
      .to.be.revertedWithCustomError(w.agentDelegate, "AgentDelegateInvalidSignature")
      .withArgs(newAgent.address);
    await w.agentDelegate.connect(newAgent).castVote(w.id, Support.For, "model #2 reasoning");
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([0n, tokens(200_000_000), 0n]);
  });

  it("a delegator overrides the AI delegate, before or after it voted", async () => {
    const w = await loadFixture(agentWorld);
    // carol overrides before the agent votes: her 100M are set aside.
    await w.governor.connect(w.carol).castOverrideVote(w.id, Support.Against, "not this one");
    await expect(w.agentDelegate.connect(w.agent).castVote(w.id, Support.For, ""))
      .to.emit(w.agentDelegate, "AgentVoteCast")
      .withArgs(w.id, w.agent.address, Support.For, tokens(100_000_000), "", false);
    // dave overrides after: his 100M move from the delegate's For to his Abstain.
    await expect(w.governor.connect(w.dave).castOverrideVote(w.id, Support.Abstain, ""))
      .to.emit(w.governor, "VoteReduced")
      .withArgs(w.delegateAddress, w.id, Support.For, tokens(100_000_000));
    expect(await w.governor.proposalVotes(w.id)).to.deep.equal([tokens(100_000_000), 0n, tokens(100_000_000)]);
  });

  it("initialisation and upgrades: zero addresses, re-initialisation and non-DAO upgrades are refused", async () => {
    const w = await loadFixture(agentWorld);
    const F = await ethers.getContractFactory("AgentDelegate");
    await expect(
      upgrades.deployProxy(F, [w.timelockAddress, ethers.ZeroAddress, await w.governor.getAddress()], { kind: "uups" }),
    ).to.be.revertedWithCustomError(F, "AgentDelegateZeroAddress");
    await expect(
      upgrades.deployProxy(F, [w.timelockAddress, await w.constitution.getAddress(), ethers.ZeroAddress], {
        kind: "uups",
      }),
    ).to.be.revertedWithCustomError(F, "AgentDelegateZeroAddress");
    await expect(
      w.agentDelegate.initialize(w.alice.address, await w.constitution.getAddress(), await w.governor.getAddress()),
    ).to.be.revertedWithCustomError(w.agentDelegate, "InvalidInitialization");
    const implementation = await upgrades.erc1967.getImplementationAddress(w.delegateAddress);
    await expect(
      F.attach(implementation).getFunction("initialize")(w.alice.address, w.alice.address, w.alice.address),
    ).to.be.revertedWithCustomError(F, "InvalidInitialization");
    await expect(w.agentDelegate.connect(w.alice).upgradeToAndCall(implementation, "0x"))
      .to.be.revertedWithCustomError(w.agentDelegate, "OwnableUnauthorizedAccount")
      .withArgs(w.alice.address);
    const fresh = await (await F.deploy()).getAddress();
    await w.agentDelegate.connect(await impersonate(w.timelockAddress)).upgradeToAndCall(fresh, "0x");
    expect(await upgrades.erc1967.getImplementationAddress(w.delegateAddress)).to.equal(fresh);
    expect(await w.agentDelegate.constitution()).to.equal(await w.constitution.getAddress());
  });
});
