import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Constitution__factory, MockModelRegistry__factory, type MockModelRegistry } from "../../typechain-types";
import type { IConstitution } from "../../typechain-types";
import {
  DAY,
  HOUR,
  action,
  currentParams,
  delegatedFixture,
  execute,
  impersonate,
  passAsDao,
  State,
  toActive,
  travelPast,
  voteAndQueue,
  worldFixture,
  type World,
} from "./helpers";

const Status = { None: 0n, Ratified: 1n, InForce: 2n, Superseded: 3n, Withdrawn: 4n } as const;
const MAX_UINT208 = (1n << 208n) - 1n;

type Field = keyof IConstitution.GovernanceParamsStruct;
/** Every parameter with its hard bounds, as in Constitution.sol. */
const BOUNDS: [Field, bigint, bigint][] = [
  ["supermajorityBps", 8000n, 9500n],
  ["quorumBps", 200n, 5000n],
  ["initiativeThresholdBps", 100n, 5000n],
  ["reviewQuorum", 3n, 5n],
  ["votingDelay", HOUR, 14n * DAY],
  ["votingPeriod", DAY, 30n * DAY],
  ["minDiscussionPeriod", DAY, 30n * DAY],
  ["disputeHoldPeriod", DAY, 30n * DAY],
  ["lateQuorumExtension", HOUR, 14n * DAY],
  ["draftThreshold", 1n, MAX_UINT208],
];

function asArray(p: IConstitution.GovernanceParamsStruct): bigint[] {
  return [
    p.supermajorityBps,
    p.quorumBps,
    p.initiativeThresholdBps,
    p.reviewQuorum,
    p.votingDelay,
    p.votingPeriod,
    p.minDiscussionPeriod,
    p.disputeHoldPeriod,
    p.lateQuorumExtension,
    p.draftThreshold,
  ].map((v) => BigInt(v));
}

async function paramsArray(w: World): Promise<bigint[]> {
  return asArray(await currentParams(w));
}

async function withRegistry(w: World): Promise<MockModelRegistry> {
  const registry = await new MockModelRegistry__factory(w.deployer).deploy();
  const dao = await impersonate(w.timelockAddress);
  await w.constitution.connect(dao).setModelRegistry(await registry.getAddress());
  return registry;
}

/** A ratification proposal. */
async function ratification(w: World, text: string, uri: string) {
  return action(
    await w.constitution.getAddress(),
    w.constitution.interface.encodeFunctionData("ratifyAmendment", [ethers.id(text), uri]),
    `Ratify: ${text}`,
  );
}

describe("Constitution", () => {
  describe("founding version", () => {
    it("records version 1 in force with the founding text, model #1 and the genesis agent", async () => {
      const w = await loadFixture(worldFixture);
      const v1 = await w.constitution.getVersion(1);
      expect(v1.textHash).to.equal(w.config.constitution.textHash);
      expect(v1.uri).to.equal(w.config.constitution.uri);
      expect(v1.proposalId).to.equal(0n);
      expect(v1.modelId).to.equal(1n);
      expect(v1.status).to.equal(Status.InForce);
      expect(v1.ratifiedAt).to.be.greaterThan(0n);
      expect(v1.inForceAt).to.equal(v1.ratifiedAt);
      expect(v1.ratifiedAt).to.be.at.most(BigInt(await time.latest()));
      expect(v1.supersededAt).to.equal(0n);
      expect(await w.constitution.currentVersion()).to.equal(1n);
      expect(await w.constitution.latestVersion()).to.equal(1n);
      expect(await w.constitution.pendingVersion()).to.equal(0n);
      expect(await w.constitution.activeModelId()).to.equal(1n);
      expect(await w.constitution.activeAgent()).to.equal(w.agent.address);
      expect(await w.constitution.governor()).to.equal(await w.governor.getAddress());
      expect(await w.constitution.modelRegistry()).to.equal(await w.modelRegistry.getAddress());
      expect(await w.constitution.owner()).to.equal(w.timelockAddress);
    });

    it("starts with the configured parameters and quorum checkpoint", async () => {
      const w = await loadFixture(worldFixture);
      expect(await paramsArray(w)).to.deep.equal([
        8000n,
        1000n,
        1000n,
        3n,
        HOUR,
        3n * DAY,
        2n * DAY,
        3n * DAY,
        DAY,
        ethers.parseUnits("100000", 18),
      ]);
      expect(await w.constitution.reviewQuorum()).to.equal(3n);
      expect(await w.constitution.quorumBpsAt(BigInt(await time.latest()))).to.equal(1000n);
    });

    it("refuses unknown versions (ConstitutionUnknownVersion)", async () => {
      const w = await loadFixture(worldFixture);
      for (const v of [0n, 2n, 1000n]) {
        await expect(w.constitution.getVersion(v))
          .to.be.revertedWithCustomError(w.constitution, "ConstitutionUnknownVersion")
          .withArgs(v);
      }
    });
  });

  describe("parameters", () => {
    for (const [field, min, max] of BOUNDS) {
      it(`${field}: refuses ${min - 1n} and ${max + 1n}, accepts ${min} and ${max}`, async () => {
        const w = await loadFixture(worldFixture);
        const dao = await impersonate(w.timelockAddress);
        const before = await paramsArray(w);
        for (const bad of [min - 1n, max + 1n]) {
          const p = { ...(await currentParams(w)), [field]: bad };
          await expect(w.constitution.connect(dao).setParameters(p))
            .to.be.revertedWithCustomError(w.constitution, "ConstitutionParameterOutOfBounds")
            .withArgs(field, bad, min, max);
          expect(await paramsArray(w)).to.deep.equal(before);
        }
        for (const good of [min, max]) {
          const p = { ...(await currentParams(w)), [field]: good };
          await expect(w.constitution.connect(dao).setParameters(p)).to.emit(w.constitution, "ParametersUpdated");
          expect(await paramsArray(w)).to.deep.equal(asArray(p));
        }
      });
    }

    it("only the DAO sets parameters (OwnableUnauthorizedAccount)", async () => {
      const w = await loadFixture(worldFixture);
      const before = await paramsArray(w);
      const p = { ...(await currentParams(w)), quorumBps: 2000 };
      for (const s of [w.deployer, w.c[0], w.alice, w.agent]) {
        await expect(w.constitution.connect(s).setParameters(p))
          .to.be.revertedWithCustomError(w.constitution, "OwnableUnauthorizedAccount")
          .withArgs(s.address);
      }
      const committee = await impersonate(await w.committee.getAddress());
      const governor = await impersonate(await w.governor.getAddress());
      for (const s of [committee, governor]) {
        await expect(w.constitution.connect(s).setParameters(p)).to.be.revertedWithCustomError(
          w.constitution,
          "OwnableUnauthorizedAccount",
        );
      }
      expect(await paramsArray(w)).to.deep.equal(before);
    });

    it("a proposal can raise the supermajority to 9500; one lowering it below 8000 fails at execution", async () => {
      const w = await loadFixture(delegatedFixture);
      const constitution = await w.constitution.getAddress();
      const raise = action(
        constitution,
        w.constitution.interface.encodeFunctionData("setParameters", [
          { ...(await currentParams(w)), supermajorityBps: 9500 },
        ]),
        "Raise the supermajority to 95%",
      );
      await passAsDao(w, raise);
      expect((await w.constitution.parameters()).supermajorityBps).to.equal(9500n);

      const lower = action(
        constitution,
        w.constitution.interface.encodeFunctionData("setParameters", [
          { ...(await currentParams(w)), supermajorityBps: 7999 },
        ]),
        "Lower the supermajority to 79.99%",
      );
      const id = await toActive(w, lower);
      expect(await w.governor.proposalSupermajority(id)).to.equal(9500n);
      await voteAndQueue(w, id);
      await travelPast(await w.governor.proposalEta(id));
      await expect(execute(w.governor, w.alice, id))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionParameterOutOfBounds")
        .withArgs("supermajorityBps", 7999n, 8000n, 9500n);
      expect((await w.constitution.parameters()).supermajorityBps).to.equal(9500n);
      expect(await w.governor.state(id)).to.equal(State.Queued);
    });

    it("checkpoints the quorum: a change never alters the value at an earlier timepoint", async () => {
      const w = await loadFixture(delegatedFixture);
      const dao = await impersonate(w.timelockAddress);
      const before = BigInt(await time.latest());
      const governorQuorumBefore = await w.governor.quorum(before - 1n);
      await time.increase(10);
      await w.constitution.connect(dao).setParameters({ ...(await currentParams(w)), quorumBps: 2500 });
      const changedAt = BigInt(await time.latest());
      await time.increase(10);
      expect(await w.constitution.quorumBpsAt(before)).to.equal(1000n);
      expect(await w.constitution.quorumBpsAt(changedAt - 1n)).to.equal(1000n);
      expect(await w.constitution.quorumBpsAt(changedAt)).to.equal(2500n);
      expect(await w.constitution.quorumBpsAt(changedAt + 5n)).to.equal(2500n);
      expect(await w.governor.quorum(before - 1n)).to.equal(governorQuorumBefore);
      expect(await w.governor.quorum(changedAt)).to.equal((governorQuorumBefore * 25n) / 10n);
    });
  });

  describe("amendments", () => {
    it("ratifyAmendment through a passed proposal records the enacting proposal id and opens a training request", async () => {
      const w = await loadFixture(delegatedFixture);
      const registry = await withRegistry(w);
      const p = await ratification(w, "constitution v2", "ipfs://v2");
      const id = await passAsDao(w, p);
      const executedAt = BigInt(await time.latest());
      const v2 = await w.constitution.getVersion(2);
      expect(v2.textHash).to.equal(ethers.id("constitution v2"));
      expect(v2.uri).to.equal("ipfs://v2");
      expect(v2.proposalId).to.equal(id);
      expect(v2.status).to.equal(Status.Ratified);
      expect(v2.ratifiedAt).to.equal(executedAt);
      expect(v2.inForceAt).to.equal(0n);
      expect(v2.supersededAt).to.equal(0n);
      expect(v2.modelId).to.equal(0n);
      expect(await w.constitution.latestVersion()).to.equal(2n);
      expect(await w.constitution.pendingVersion()).to.equal(2n);
      expect(await w.constitution.currentVersion()).to.equal(1n);
      expect(await w.constitution.activeAgent()).to.equal(w.agent.address);
      // The registry hook: one request for (2, textHash, uri), opened by the constitution.
      expect(await registry.requestCount()).to.equal(1n);
      const req = await registry.requests(1n);
      expect([req.version, req.specHash, req.specURI, req.open]).to.deep.equal([
        2n,
        ethers.id("constitution v2"),
        "ipfs://v2",
        true,
      ]);
      expect(await registry.lastCaller()).to.equal(await w.constitution.getAddress());
      // Outside an execution the governor reports no executing proposal.
      expect(await w.governor.executingProposalId()).to.equal(0n);
    });

    it("emits AmendmentRatified with the proposal id", async () => {
      const w = await loadFixture(delegatedFixture);
      const p = await ratification(w, "v2 text", "ipfs://x");
      const id = await toActive(w, p);
      await voteAndQueue(w, id);
      await travelPast(await w.governor.proposalEta(id));
      await expect(execute(w.governor, w.alice, id))
        .to.emit(w.constitution, "AmendmentRatified")
        .withArgs(2n, ethers.id("v2 text"), "ipfs://x", id);
    });

    it("only the DAO ratifies; empty hash or URI are refused", async () => {
      const w = await loadFixture(worldFixture);
      await expect(w.constitution.connect(w.c[0]).ratifyAmendment(ethers.id("x"), "u"))
        .to.be.revertedWithCustomError(w.constitution, "OwnableUnauthorizedAccount")
        .withArgs(w.c[0].address);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.constitution.connect(dao).ratifyAmendment(ethers.ZeroHash, "u")).to.be.revertedWithCustomError(
        w.constitution,
        "ConstitutionEmptyTextHash",
      );
      await expect(w.constitution.connect(dao).ratifyAmendment(ethers.id("x"), "")).to.be.revertedWithCustomError(
        w.constitution,
        "ConstitutionEmptyURI",
      );
      expect(await w.constitution.latestVersion()).to.equal(1n);
      expect(await w.constitution.pendingVersion()).to.equal(0n);
    });

    it("refuses a second amendment while one is pending (ConstitutionAmendmentPending); withdraw then re-ratify", async () => {
      const w = await loadFixture(worldFixture);
      const registry = await withRegistry(w);
      const dao = await impersonate(w.timelockAddress);
      // Ratified by the timelock outside a governor execution: no enacting proposal.
      await w.constitution.connect(dao).ratifyAmendment(ethers.id("a"), "ipfs://a");
      expect((await w.constitution.getVersion(2)).proposalId).to.equal(0n);
      await expect(w.constitution.connect(dao).ratifyAmendment(ethers.id("b"), "ipfs://b"))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionAmendmentPending")
        .withArgs(2n);
      expect(await w.constitution.latestVersion()).to.equal(2n);

      for (const v of [0n, 1n, 3n]) {
        await expect(w.constitution.connect(dao).withdrawAmendment(v))
          .to.be.revertedWithCustomError(w.constitution, "ConstitutionVersionNotPending")
          .withArgs(v);
      }
      await expect(w.constitution.connect(w.alice).withdrawAmendment(2n))
        .to.be.revertedWithCustomError(w.constitution, "OwnableUnauthorizedAccount")
        .withArgs(w.alice.address);
      await expect(w.constitution.connect(dao).withdrawAmendment(2n))
        .to.emit(w.constitution, "AmendmentWithdrawn")
        .withArgs(2n)
        .and.to.emit(registry, "TrainingRequestClosed")
        .withArgs(1n, 2n);
      expect((await w.constitution.getVersion(2)).status).to.equal(Status.Withdrawn);
      expect(await w.constitution.pendingVersion()).to.equal(0n);
      expect(await w.constitution.currentVersion()).to.equal(1n);
      expect((await registry.requests(1n)).open).to.equal(false);
      expect(await registry.closeCount()).to.equal(1n);

      await w.constitution.connect(dao).ratifyAmendment(ethers.id("b"), "ipfs://b");
      expect(await w.constitution.latestVersion()).to.equal(3n);
      expect(await w.constitution.pendingVersion()).to.equal(3n);
      expect(await registry.requestCount()).to.equal(2n);
      const req = await registry.requests(2n);
      expect([req.version, req.specHash, req.specURI]).to.deep.equal([3n, ethers.id("b"), "ipfs://b"]);
    });

    it("withdrawAmendment(0) with nothing pending is refused (ConstitutionVersionNotPending) and changes nothing", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      expect(await w.constitution.pendingVersion()).to.equal(0n);
      await expect(w.constitution.connect(dao).withdrawAmendment(0n))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionVersionNotPending")
        .withArgs(0n);
      expect(await w.constitution.pendingVersion()).to.equal(0n);
      expect(await w.constitution.latestVersion()).to.equal(1n);
      expect((await w.constitution.getVersion(1)).status).to.equal(Status.InForce);
    });

    it("a constitution with no model registry ratifies and withdraws amendments without calling any hook", async () => {
      const w = await loadFixture(worldFixture);
      const factory = new Constitution__factory(w.deployer);
      const proxy = await upgrades.deployProxy(
        factory,
        [
          w.deployer.address,
          await w.governor.getAddress(),
          ethers.ZeroAddress,
          await currentParams(w),
          ethers.id("founding"),
          "ipfs://v1",
          1n,
          w.agent.address,
          0,
        ],
        { kind: "uups" },
      );
      const bare = Constitution__factory.connect(await proxy.getAddress(), w.deployer);
      expect(await bare.modelRegistry()).to.equal(ethers.ZeroAddress);
      await expect(bare.withdrawAmendment(0n))
        .to.be.revertedWithCustomError(bare, "ConstitutionVersionNotPending")
        .withArgs(0n);
      await expect(bare.ratifyAmendment(ethers.id("a"), "ipfs://a"))
        .to.emit(bare, "AmendmentRatified")
        .withArgs(2n, ethers.id("a"), "ipfs://a", 0n);
      expect(await bare.pendingVersion()).to.equal(2n);
      await expect(bare.withdrawAmendment(2n)).to.emit(bare, "AmendmentWithdrawn").withArgs(2n);
      expect(await bare.pendingVersion()).to.equal(0n);
      expect((await bare.getVersion(2)).status).to.equal(Status.Withdrawn);
    });

    it("withdraws without a registry (no hook called)", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      await w.constitution.connect(dao).ratifyAmendment(ethers.id("a"), "ipfs://a");
      await expect(w.constitution.connect(dao).withdrawAmendment(2n)).to.emit(w.constitution, "AmendmentWithdrawn");
      expect(await w.constitution.pendingVersion()).to.equal(0n);
    });
  });

  describe("enactVersion", () => {
    it("only the model registry enacts (ConstitutionUnauthorizedRegistry), with version and model checks", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      // No registry set: nobody, not even the DAO, can enact.
      for (const s of [w.alice, dao]) {
        await expect(w.constitution.connect(s).enactVersion(1n, 2n, w.alice.address))
          .to.be.revertedWithCustomError(w.constitution, "ConstitutionUnauthorizedRegistry")
          .withArgs(s.address);
      }
      const registry = await withRegistry(w);
      const registryAddress = await registry.getAddress();
      const constitution = await w.constitution.getAddress();
      await expect(w.constitution.connect(dao).enactVersion(2n, 2n, w.alice.address))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionUnauthorizedRegistry")
        .withArgs(w.timelockAddress);
      // Nothing pending: any version is refused, including the one in force.
      for (const v of [0n, 1n, 2n]) {
        await expect(registry.enact(constitution, v, 2n, w.alice.address))
          .to.be.revertedWithCustomError(w.constitution, "ConstitutionVersionNotPending")
          .withArgs(v);
      }
      await w.constitution.connect(dao).ratifyAmendment(ethers.id("v2"), "ipfs://v2");
      await expect(registry.enact(constitution, 3n, 2n, w.alice.address))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionVersionNotPending")
        .withArgs(3n);
      await expect(registry.enact(constitution, 2n, 0n, w.alice.address))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionInvalidModel")
        .withArgs(0n, w.alice.address);
      await expect(registry.enact(constitution, 2n, 7n, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionInvalidModel")
        .withArgs(7n, ethers.ZeroAddress);
      expect(await w.constitution.currentVersion()).to.equal(1n);
      expect(registryAddress).to.equal(await w.constitution.modelRegistry());
    });

    it("puts the pending version in force, supersedes the previous one, switches the active model and agent", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      const registry = await withRegistry(w);
      const constitution = await w.constitution.getAddress();
      await w.constitution.connect(dao).ratifyAmendment(ethers.id("v2"), "ipfs://v2");
      await time.increase(DAY);
      await expect(registry.enact(constitution, 2n, 42n, w.bob.address))
        .to.emit(w.constitution, "VersionEnacted")
        .withArgs(2n, 42n, w.bob.address, 1n);
      const now = BigInt(await time.latest());
      const v1 = await w.constitution.getVersion(1);
      const v2 = await w.constitution.getVersion(2);
      expect(v1.status).to.equal(Status.Superseded);
      expect(v1.supersededAt).to.equal(now);
      expect(v2.status).to.equal(Status.InForce);
      expect(v2.inForceAt).to.equal(now);
      expect(v2.modelId).to.equal(42n);
      expect(await w.constitution.currentVersion()).to.equal(2n);
      expect(await w.constitution.pendingVersion()).to.equal(0n);
      expect(await w.constitution.activeModelId()).to.equal(42n);
      expect(await w.constitution.activeAgent()).to.equal(w.bob.address);
      // Enacting twice is impossible.
      await expect(registry.enact(constitution, 2n, 43n, w.carol.address))
        .to.be.revertedWithCustomError(w.constitution, "ConstitutionVersionNotPending")
        .withArgs(2n);
      expect(await w.constitution.activeAgent()).to.equal(w.bob.address);
    });
  });

  describe("setModelRegistry", () => {
    it("is DAO-only, refuses zero, emits ModelRegistrySet", async () => {
      const w = await loadFixture(worldFixture);
      const registry = await new MockModelRegistry__factory(w.deployer).deploy();
      const addr = await registry.getAddress();
      await expect(w.constitution.connect(w.c[0]).setModelRegistry(addr))
        .to.be.revertedWithCustomError(w.constitution, "OwnableUnauthorizedAccount")
        .withArgs(w.c[0].address);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.constitution.connect(dao).setModelRegistry(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        w.constitution,
        "ConstitutionZeroAddress",
      );
      expect(await w.constitution.modelRegistry()).to.equal(await w.modelRegistry.getAddress());
      await expect(w.constitution.connect(dao).setModelRegistry(addr))
        .to.emit(w.constitution, "ModelRegistrySet")
        .withArgs(addr);
      expect(await w.constitution.modelRegistry()).to.equal(addr);
    });
  });

  describe("ownership and initialisation", () => {
    it("renounceOwnership reverts DAOControlledCannotRenounce", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.constitution.connect(dao).renounceOwnership()).to.be.revertedWithCustomError(
        w.constitution,
        "DAOControlledCannotRenounce",
      );
      expect(await w.constitution.owner()).to.equal(w.timelockAddress);
    });

    it("initialize validates addresses, founding text and model, and the parameter bounds", async () => {
      const w = await loadFixture(worldFixture);
      const factory = new Constitution__factory(w.deployer);
      const impl = await factory.deploy();
      const gov = await w.governor.getAddress();
      const good = await currentParams(w);
      const args = (over: Partial<Record<string, unknown>>) => {
        const a = {
          dao: w.timelockAddress,
          governor: gov,
          registry: ethers.ZeroAddress,
          params: good,
          hash: ethers.id("founding"),
          uri: "ipfs://v1",
          modelId: 1n,
          agent: w.agent.address,
          agentVoteCapBps: 0,
          ...over,
        };
        return [a.dao, a.governor, a.registry, a.params, a.hash, a.uri, a.modelId, a.agent, a.agentVoteCapBps];
      };
      const deploy = (over: Partial<Record<string, unknown>>) =>
        upgrades.deployProxy(factory, args(over), { kind: "uups" });
      await expect(deploy({ dao: ethers.ZeroAddress })).to.be.revertedWithCustomError(impl, "ConstitutionZeroAddress");
      await expect(deploy({ governor: ethers.ZeroAddress })).to.be.revertedWithCustomError(
        impl,
        "ConstitutionZeroAddress",
      );
      await expect(deploy({ hash: ethers.ZeroHash })).to.be.revertedWithCustomError(impl, "ConstitutionEmptyTextHash");
      await expect(deploy({ uri: "" })).to.be.revertedWithCustomError(impl, "ConstitutionEmptyURI");
      await expect(deploy({ modelId: 0n }))
        .to.be.revertedWithCustomError(impl, "ConstitutionInvalidModel")
        .withArgs(0n, w.agent.address);
      await expect(deploy({ agent: ethers.ZeroAddress }))
        .to.be.revertedWithCustomError(impl, "ConstitutionInvalidModel")
        .withArgs(1n, ethers.ZeroAddress);
      await expect(deploy({ params: { ...good, supermajorityBps: 5001 } }))
        .to.be.revertedWithCustomError(impl, "ConstitutionParameterOutOfBounds")
        .withArgs("supermajorityBps", 5001n, 8000n, 9500n);
      const ok = Constitution__factory.connect(await (await deploy({})).getAddress(), w.deployer);
      expect(await ok.currentVersion()).to.equal(1n);
      expect((await ok.getVersion(1)).textHash).to.equal(ethers.id("founding"));
    });
  });
});
