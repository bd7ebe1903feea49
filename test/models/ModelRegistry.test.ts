import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { ModelRegistry } from "../../typechain-types";
import {
  GENESIS_ROOT,
  GENESIS_URI,
  ROLE_AGENT,
  ROLE_COMPUTE,
  ROLE_DATA,
  ROLE_TRAINER,
  RequestStatus,
  RunStatus,
  VersionStatus,
  DEFAULT_DELAY,
  activatableRun,
  completedRun,
  defaultRecord,
  deployRegistry,
  deployWithBuilders,
  evaluate,
  nextHead,
  passedRun,
  passers,
  record,
  runCommitment,
  sortAddresses,
  type Fixture,
} from "./fixture";

const ZERO32 = ethers.ZeroHash;

function erc7201(id: string): string {
  const h = BigInt(ethers.keccak256(ethers.toUtf8Bytes(id))) - 1n;
  const slot = BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [h]))) & ~0xffn;
  return ethers.toBeHex(slot, 32);
}

describe("ModelRegistry", function () {
  describe("initialization and storage", function () {
    it("keeps V1 state at erc7201:bytomdao.storage.ModelRegistry (constitution and committee at its start)", async function () {
      const f = await loadFixture(deployRegistry);
      const slot = erc7201("bytomdao.storage.ModelRegistry");
      expect(slot).to.equal("0x26d011e7f6ccfe2815ea0d2decb93adc75956c3d10475099734d2703841fb200");
      const addr = await f.registry.getAddress();
      const word0 = await ethers.provider.getStorage(addr, slot);
      const word1 = await ethers.provider.getStorage(addr, BigInt(slot) + 1n);
      expect(ethers.getAddress(ethers.dataSlice(word0, 12))).to.equal(await f.constitution.getAddress());
      expect(ethers.getAddress(ethers.dataSlice(word1, 12))).to.equal(await f.committee.getAddress());
    });

    it("registers the genesis model #1 for version 1, active, with its request fulfilled", async function () {
      const f = await loadFixture(deployRegistry);
      expect(await f.registry.owner()).to.equal(f.dao.address);
      expect(await f.registry.dao()).to.equal(f.dao.address);
      expect(await f.registry.constitution()).to.equal(await f.constitution.getAddress());
      expect(await f.registry.committee()).to.equal(await f.committee.getAddress());
      expect(await f.registry.modelCount()).to.equal(1n);
      expect(await f.registry.requestCount()).to.equal(1n);
      expect(await f.registry.runCount()).to.equal(0n);
      const m = await f.registry.getModel(1);
      expect(m.weightsRoot).to.equal(GENESIS_ROOT);
      expect(m.version).to.equal(1n);
      expect(m.runId).to.equal(0n);
      expect(m.operator).to.equal(f.genesisOperator.address);
      expect(m.activatedAt).to.be.greaterThan(0n);
      const r = await f.registry.getRequest(1);
      expect(r.status).to.equal(RequestStatus.Fulfilled);
      expect(r.id).to.equal(1n);
      expect(r.modelId).to.equal(1n);
      expect(r.specCommitment).to.equal(ZERO32);
      expect(await f.registry.verifyWeights(1, GENESIS_ROOT)).to.equal(true);
    });

    it("emits GenesisModelRegistered with the genesis record", async function () {
      const f = await loadFixture(deployRegistry);
      const proxy = await upgrades.deployProxy(
        await ethers.getContractFactory("ModelRegistry"),
        [
          f.dao.address,
          await f.constitution.getAddress(),
          await f.committee.getAddress(),
          GENESIS_ROOT,
          f.operator.address,
          "ipfs://g",
        ],
        { kind: "uups" },
      );
      await expect(proxy.deploymentTransaction())
        .to.emit(proxy, "GenesisModelRegistered")
        .withArgs(1n, 1n, f.operator.address, GENESIS_ROOT, "ipfs://g");
    });

    it("refuses each zero input with its own error", async function () {
      const f = await loadFixture(deployRegistry);
      const Factory = await ethers.getContractFactory("ModelRegistry");
      const c = await f.constitution.getAddress();
      const k = await f.committee.getAddress();
      const op = f.operator.address;
      const Z = ethers.ZeroAddress;
      const cases: [unknown[], string][] = [
        [[Z, c, k, GENESIS_ROOT, op, ""], "ModelRegistryZeroDAO"],
        [[f.dao.address, Z, k, GENESIS_ROOT, op, ""], "ModelRegistryZeroConstitution"],
        [[f.dao.address, c, Z, GENESIS_ROOT, op, ""], "ModelRegistryZeroCommittee"],
        [[f.dao.address, c, k, ZERO32, op, ""], "ModelRegistryEmptyWeightsRoot"],
        [[f.dao.address, c, k, GENESIS_ROOT, Z, ""], "ModelRegistryZeroOperator"],
      ];
      for (const [args, error] of cases) {
        await expect(upgrades.deployProxy(Factory, args, { kind: "uups" })).to.be.revertedWithCustomError(
          Factory,
          error,
        );
      }
    });

    it("cannot be initialized twice, and the implementation cannot be initialized", async function () {
      const f = await loadFixture(deployRegistry);
      const args = [
        f.outsider.address,
        await f.constitution.getAddress(),
        await f.committee.getAddress(),
        GENESIS_ROOT,
        f.outsider.address,
        "",
      ] as const;
      await expect(f.registry.initialize(...args)).to.be.revertedWithCustomError(f.registry, "InvalidInitialization");
      const implAddress = await upgrades.erc1967.getImplementationAddress(await f.registry.getAddress());
      const impl = (await ethers.getContractAt("ModelRegistry", implAddress)) as unknown as ModelRegistry;
      await expect(impl.initialize(...args)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
      expect(await f.registry.owner()).to.equal(f.dao.address);
    });
  });

  describe("upgrades", function () {
    it("only the DAO can upgrade; state survives", async function () {
      const f = await loadFixture(deployWithBuilders);
      const address = await f.registry.getAddress();
      const implBefore = await upgrades.erc1967.getImplementationAddress(address);
      const V2asOutsider = await ethers.getContractFactory("ModelRegistryV2Mock", f.outsider);
      await expect(upgrades.upgradeProxy(address, V2asOutsider, { kind: "uups" }))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      expect(await upgrades.erc1967.getImplementationAddress(address)).to.equal(implBefore);

      const V2 = await ethers.getContractFactory("ModelRegistryV2Mock", f.dao);
      const v2 = await upgrades.upgradeProxy(address, V2, { kind: "uups" });
      expect(await v2.registryVersion()).to.equal("v2");
      expect(await upgrades.erc1967.getImplementationAddress(address)).to.not.equal(implBefore);
      expect(await v2.modelCount()).to.equal(1n);
      expect((await v2.getBuilder(f.trainer.address)).roles).to.equal(BigInt(ROLE_TRAINER));
      expect((await v2.getRequest(2)).status).to.equal(RequestStatus.Open);
    });

    it("a V1 proxy upgrades to this registry: layout validated, state kept, V1's appointed evaluators counted once", async function () {
      const f = await loadFixture(deployRegistry);
      const V1 = await ethers.getContractFactory("ModelRegistryV1", f.dao);
      const Current = await ethers.getContractFactory("ModelRegistry", f.dao);
      await upgrades.validateUpgrade(V1, Current, { kind: "uups" });
      const args = [
        f.dao.address,
        await f.constitution.getAddress(),
        await f.committee.getAddress(),
        GENESIS_ROOT,
        f.genesisOperator.address,
        GENESIS_URI,
      ];
      const v1 = await upgrades.deployProxy(V1, args, { kind: "uups" });
      const address = await v1.getAddress();
      const appointed = sortAddresses([f.auditor.address, f.outsider.address]);
      for (const a of appointed) await v1.getFunction("appointEvaluator")(a);
      await v1.connect(f.trainer).getFunction("registerBuilder")(ROLE_TRAINER, "ipfs://t");
      const registry = (await upgrades.upgradeProxy(address, Current, { kind: "uups" })) as unknown as ModelRegistry;
      expect(await registry.eligibleEvaluatorCount()).to.equal(5n); // not counted yet
      await expect(registry.connect(f.outsider).initializeV2(appointed))
        .to.be.revertedWithCustomError(registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await expect(registry.initializeV2([appointed[1], appointed[0]]))
        .to.be.revertedWithCustomError(registry, "ModelRegistryEvaluatorsNotSorted")
        .withArgs(1n);
      const notAppointed = sortAddresses([...appointed, f.trainer.address]);
      await expect(registry.initializeV2(notAppointed))
        .to.be.revertedWithCustomError(registry, "ModelRegistryEvaluatorNotAppointed")
        .withArgs(f.trainer.address);
      const tooMany = Array.from({ length: 17 }, (_, i) => ethers.toBeHex(i + 1, 20));
      await expect(registry.initializeV2(tooMany))
        .to.be.revertedWithCustomError(registry, "ModelRegistryTooManyEvaluators")
        .withArgs(16n);
      await expect(registry.initializeV2(appointed)).to.emit(registry, "AppointedEvaluatorsCounted").withArgs(2n);
      expect(await registry.eligibleEvaluatorCount()).to.equal(7n);
      await expect(registry.initializeV2(appointed)).to.be.revertedWithCustomError(registry, "InvalidInitialization");
      await expect(
        registry.initialize(...(args as [string, string, string, string, string, string])),
      ).to.be.revertedWithCustomError(registry, "InvalidInitialization");
      expect(await registry.activationDelay()).to.equal(DEFAULT_DELAY);
      expect(await registry.modelCount()).to.equal(1n);
      expect((await registry.getModel(1)).operator).to.equal(f.genesisOperator.address);
      expect((await registry.getBuilder(f.trainer.address)).roles).to.equal(BigInt(ROLE_TRAINER));
      expect(await registry.isAppointedEvaluator(f.auditor.address)).to.equal(true);
      expect(await registry.countedBallot(1, f.auditor.address)).to.deep.equal([false, false]);
    });

    it("a fresh registry cannot run the V1 upgrade step", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.registry.connect(f.dao).initializeV2([])).to.be.revertedWithCustomError(
        f.registry,
        "InvalidInitialization",
      );
    });

    it("the DAO cannot renounce ownership", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.registry.connect(f.dao).renounceOwnership()).to.be.revertedWithCustomError(
        f.registry,
        "DAOControlledCannotRenounce",
      );
      await expect(f.registry.connect(f.outsider).renounceOwnership())
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      expect(await f.registry.owner()).to.equal(f.dao.address);
    });
  });

  describe("builders", function () {
    it("registers with roles and a metadata URI (only its hash stored)", async function () {
      const f = await loadFixture(deployRegistry);
      expect((await f.registry.getBuilder(f.trainer.address)).registeredAt).to.equal(0n);
      await expect(f.registry.connect(f.trainer).registerBuilder(ROLE_TRAINER | ROLE_AGENT, "ipfs://me"))
        .to.emit(f.registry, "BuilderRegistered")
        .withArgs(f.trainer.address, ROLE_TRAINER | ROLE_AGENT, "ipfs://me");
      const b = await f.registry.getBuilder(f.trainer.address);
      expect(b.roles).to.equal(9n);
      expect(b.suspended).to.equal(false);
      expect(b.metadataHash).to.equal(ethers.id("ipfs://me"));
      expect(b.registeredAt).to.equal(BigInt((await ethers.provider.getBlock("latest"))!.timestamp));
      expect(await f.registry.isActiveBuilder(f.trainer.address, ROLE_TRAINER)).to.equal(true);
      expect(await f.registry.isActiveBuilder(f.trainer.address, ROLE_TRAINER | ROLE_DATA)).to.equal(false);
    });

    it("refuses a second registration and invalid role sets", async function () {
      const f = await loadFixture(deployRegistry);
      await f.registry.connect(f.trainer).registerBuilder(ROLE_TRAINER, "a");
      await expect(f.registry.connect(f.trainer).registerBuilder(ROLE_DATA, "b"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderAlreadyRegistered")
        .withArgs(f.trainer.address);
      await expect(f.registry.connect(f.data1).registerBuilder(0, "x"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryInvalidRoles")
        .withArgs(0);
      await expect(f.registry.connect(f.data1).registerBuilder(16 | ROLE_DATA, "x"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryInvalidRoles")
        .withArgs(18);
      expect((await f.registry.getBuilder(f.trainer.address)).roles).to.equal(BigInt(ROLE_TRAINER));
      expect((await f.registry.getBuilder(f.data1.address)).registeredAt).to.equal(0n);
    });

    it("updates roles and URI; refuses unregistered and invalid roles", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.registry.connect(f.data1).updateBuilder(ROLE_DATA, "x"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderNotRegistered")
        .withArgs(f.data1.address);
      await f.registry.connect(f.data1).registerBuilder(ROLE_DATA, "v1");
      await expect(f.registry.connect(f.data1).updateBuilder(32, "v2"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryInvalidRoles")
        .withArgs(32);
      await expect(f.registry.connect(f.data1).updateBuilder(ROLE_DATA | ROLE_COMPUTE, "v2"))
        .to.emit(f.registry, "BuilderUpdated")
        .withArgs(f.data1.address, ROLE_DATA | ROLE_COMPUTE, "v2");
      const b = await f.registry.getBuilder(f.data1.address);
      expect(b.roles).to.equal(6n);
      expect(b.metadataHash).to.equal(ethers.id("v2"));
    });

    it("the DAO suspends and restores a builder; others cannot", async function () {
      const f = await loadFixture(deployRegistry);
      const reason = ethers.id("plagiarised dataset");
      await expect(f.registry.connect(f.dao).suspendBuilder(f.data1.address, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderNotRegistered")
        .withArgs(f.data1.address);
      await f.registry.connect(f.data1).registerBuilder(ROLE_DATA, "v1");
      await expect(f.registry.connect(f.outsider).suspendBuilder(f.data1.address, reason))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dao).restoreBuilder(f.data1.address))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderNotSuspended")
        .withArgs(f.data1.address);
      await expect(f.registry.connect(f.dao).suspendBuilder(f.data1.address, reason))
        .to.emit(f.registry, "BuilderSuspended")
        .withArgs(f.data1.address, reason);
      expect((await f.registry.getBuilder(f.data1.address)).suspended).to.equal(true);
      expect(await f.registry.isActiveBuilder(f.data1.address, ROLE_DATA)).to.equal(false);
      await expect(f.registry.connect(f.dao).suspendBuilder(f.data1.address, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderSuspended")
        .withArgs(f.data1.address);
      // a suspended builder may update its profile but stays suspended
      await f.registry.connect(f.data1).updateBuilder(ROLE_DATA, "v2");
      expect((await f.registry.getBuilder(f.data1.address)).suspended).to.equal(true);
      await expect(f.registry.connect(f.outsider).restoreBuilder(f.data1.address))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dao).restoreBuilder(f.outsider.address))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderNotRegistered")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dao).restoreBuilder(f.data1.address))
        .to.emit(f.registry, "BuilderRestored")
        .withArgs(f.data1.address);
      expect(await f.registry.isActiveBuilder(f.data1.address, ROLE_DATA)).to.equal(true);
    });
  });

  describe("evaluators", function () {
    it("the DAO appoints and removes evaluators; committee members are evaluators", async function () {
      const f = await loadFixture(deployRegistry);
      expect(await f.registry.isEvaluator(f.members[0].address)).to.equal(true);
      expect(await f.registry.isEvaluator(f.auditor.address)).to.equal(false);
      await expect(f.registry.connect(f.outsider).appointEvaluator(f.auditor.address))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dao).appointEvaluator(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryZeroEvaluator",
      );
      await expect(f.registry.connect(f.dao).removeEvaluator(f.auditor.address))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorNotAppointed")
        .withArgs(f.auditor.address);
      await expect(f.registry.connect(f.dao).appointEvaluator(f.auditor.address))
        .to.emit(f.registry, "EvaluatorAppointed")
        .withArgs(f.auditor.address, 1n);
      expect(await f.registry.evaluatorTerm(f.auditor.address)).to.equal(1n);
      expect(await f.registry.isEvaluator(f.auditor.address)).to.equal(true);
      expect(await f.registry.isAppointedEvaluator(f.auditor.address)).to.equal(true);
      await expect(f.registry.connect(f.dao).appointEvaluator(f.auditor.address))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorAlreadyAppointed")
        .withArgs(f.auditor.address);
      await expect(f.registry.connect(f.outsider).removeEvaluator(f.auditor.address))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dao).removeEvaluator(f.auditor.address))
        .to.emit(f.registry, "EvaluatorRemoved")
        .withArgs(f.auditor.address);
      expect(await f.registry.isEvaluator(f.auditor.address)).to.equal(false);
    });

    it("the DAO appoints at most MAX_APPOINTED_EVALUATORS (16); each appointment is a new term", async function () {
      const f = await loadFixture(deployRegistry);
      expect(await f.registry.MAX_APPOINTED_EVALUATORS()).to.equal(16n);
      for (let i = 1; i <= 16; i++) await f.registry.connect(f.dao).appointEvaluator(ethers.toBeHex(i, 20));
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(21n);
      expect(await f.registry.evaluatorTerm(ethers.toBeHex(16, 20))).to.equal(16n);
      await expect(f.registry.connect(f.dao).appointEvaluator(f.auditor.address))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryTooManyEvaluators")
        .withArgs(16n);
      expect(await f.registry.isAppointedEvaluator(f.auditor.address)).to.equal(false);
      await f.registry.connect(f.dao).removeEvaluator(ethers.toBeHex(1, 20));
      await expect(f.registry.connect(f.dao).appointEvaluator(f.auditor.address))
        .to.emit(f.registry, "EvaluatorAppointed")
        .withArgs(f.auditor.address, 17n);
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(21n);
    });
  });

  describe("training requests", function () {
    it("a ratified amendment opens the request of its version", async function () {
      const f = await loadFixture(deployRegistry);
      const text = ethers.id("v2 text");
      expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.None);
      await expect(f.constitution.ratify(text, "ipfs://v2"))
        .to.emit(f.registry, "TrainingRequestOpened")
        .withArgs(2n, 2n, text, "ipfs://v2");
      const r = await f.registry.getRequest(2);
      expect(r.status).to.equal(RequestStatus.Open);
      expect(r.id).to.equal(2n);
      expect(r.modelId).to.equal(0n);
      expect(r.runs).to.equal(0n);
      expect(r.specCommitment).to.equal(
        ethers.keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "bytes32", "string"], [2n, text, "ipfs://v2"]),
        ),
      );
      expect(await f.registry.requestCount()).to.equal(2n);
    });

    it("only the constitution opens or closes requests", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.registry.connect(f.dao).openTrainingRequest(2, ethers.id("t"), "u"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotConstitution")
        .withArgs(f.dao.address);
      await expect(f.registry.connect(f.outsider).closeTrainingRequest(1))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotConstitution")
        .withArgs(f.outsider.address);
      expect(await f.registry.requestCount()).to.equal(1n);
    });

    it("refuses version 0, oversize versions, empty specs and a second request for a version", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.constitution.rawOpen(0, ethers.id("t"), "u"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryInvalidVersion")
        .withArgs(0);
      await expect(f.constitution.rawOpen(2n ** 64n, ethers.id("t"), "u"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryInvalidVersion")
        .withArgs(2n ** 64n);
      await expect(f.constitution.rawOpen(2, ZERO32, "u")).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryEmptySpecHash",
      );
      await expect(f.constitution.rawOpen(1, ethers.id("t"), "u"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestExists")
        .withArgs(1);
      await f.constitution.ratify(ethers.id("t"), "u");
      await expect(f.constitution.rawOpen(2, ethers.id("t"), "u"))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestExists")
        .withArgs(2);
      expect(await f.registry.requestCount()).to.equal(2n);
    });

    it("a withdrawn amendment closes its request; only open requests close", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.constitution.rawClose(2))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(2, RequestStatus.None);
      await f.constitution.ratify(ethers.id("t"), "u");
      await expect(f.constitution.withdraw(2)).to.emit(f.registry, "TrainingRequestClosed").withArgs(2n, 2n);
      expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.Closed);
      await expect(f.constitution.rawClose(2))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(2, RequestStatus.Closed);
      await expect(f.constitution.rawClose(1))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(1, RequestStatus.Fulfilled);
    });
  });

  describe("recording a training run", function () {
    it("stores only the commitment and emits the full record", async function () {
      const f = await loadFixture(deployWithBuilders);
      const r = defaultRecord(f);
      const commitment = runCommitment(r);
      const tx = await record(f, r);
      await expect(tx)
        .to.emit(f.registry, "TrainingRunRecorded")
        .withArgs(1n, 2n, f.trainer.address, commitment, anyValue);
      const receipt = await tx.wait();
      const log = f.registry.interface.parseLog(receipt!.logs[0])!;
      const emitted = log.args.run;
      expect(emitted.version).to.equal(r.version);
      expect(emitted.trainer).to.equal(r.trainer);
      expect(emitted.datasetRoot).to.equal(r.datasetRoot);
      expect(emitted.configHash).to.equal(r.configHash);
      expect(emitted.codeHash).to.equal(r.codeHash);
      expect([...emitted.dataProviders]).to.deep.equal(r.dataProviders);
      expect([...emitted.computeProviders]).to.deep.equal(r.computeProviders);
      expect(emitted.uri).to.equal(r.uri);

      const run = await f.registry.getRun(1);
      expect(run.commitment).to.equal(commitment);
      expect(run.trainer).to.equal(f.trainer.address);
      expect(run.version).to.equal(2n);
      expect(run.status).to.equal(RunStatus.Training);
      expect(run.passes).to.equal(0n);
      expect(run.fails).to.equal(0n);
      expect(run.lastStep).to.equal(0n);
      expect(run.checkpointHead).to.equal(ethers.dataSlice(commitment, 0, 24));
      expect(run.operator).to.equal(ethers.ZeroAddress);
      expect(run.weightsRoot).to.equal(ZERO32);
      expect(await f.registry.runStatus(1)).to.equal(RunStatus.Training);
      expect(await f.registry.runCount()).to.equal(1n);
      expect((await f.registry.getRequest(2)).runs).to.equal(1n);
      expect(await f.registry.verifyTrainingRun(1, r)).to.equal(true);
      expect(await f.registry.verifyTrainingRun(1, { ...r, uri: "ipfs://other" })).to.equal(false);
      expect(await f.registry.verifyTrainingRun(2, r)).to.equal(false);
    });

    it("accepts a run without credited providers", async function () {
      const f = await loadFixture(deployWithBuilders);
      await record(f, defaultRecord(f, { dataProviders: [], computeProviders: [] }));
      expect(await f.registry.runStatus(1)).to.equal(RunStatus.Training);
    });

    it("refuses unregistered, suspended and non-trainer callers", async function () {
      const f = await loadFixture(deployWithBuilders);
      const r = defaultRecord(f);
      await expect(record(f, r, f.outsider))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderNotRegistered")
        .withArgs(f.outsider.address);
      await expect(record(f, r, f.data1))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryMissingRole")
        .withArgs(f.data1.address, ROLE_TRAINER);
      await f.registry.connect(f.dao).suspendBuilder(f.trainer.address, ZERO32);
      await expect(record(f, r))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderSuspended")
        .withArgs(f.trainer.address);
      expect(await f.registry.runCount()).to.equal(0n);
    });

    it("refuses requests that are missing, closed or fulfilled, and stale versions", async function () {
      const f = await loadFixture(deployWithBuilders);
      await expect(record(f, defaultRecord(f, { version: 3n })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(3, RequestStatus.None);
      await expect(record(f, defaultRecord(f, { version: 1n })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(1, RequestStatus.Fulfilled);
      // v3 ratified while v2 is still untrained: v2 is stale even though its request is open
      await f.constitution.ratify(ethers.id("v3"), "ipfs://v3");
      await expect(record(f, defaultRecord(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryStaleVersion")
        .withArgs(2, 3);
      await f.constitution.withdraw(3);
      await expect(record(f, defaultRecord(f, { version: 3n })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(3, RequestStatus.Closed);
      expect(await f.registry.runCount()).to.equal(0n);
    });

    it("refuses a version whose constitution status is no longer Ratified", async function () {
      const f = await loadFixture(deployWithBuilders);
      // the constitution reports v2 withdrawn without having closed the registry's request
      await f.constitution.setStatus(2, VersionStatus.Withdrawn);
      expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.Open);
      await expect(record(f, defaultRecord(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryStaleVersion")
        .withArgs(2, 2);
      expect(await f.registry.runCount()).to.equal(0n);
    });

    it("refuses empty dataset root, config hash and code hash", async function () {
      const f = await loadFixture(deployWithBuilders);
      await expect(record(f, defaultRecord(f, { datasetRoot: ZERO32 }))).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryEmptyDatasetRoot",
      );
      await expect(record(f, defaultRecord(f, { configHash: ZERO32 }))).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryEmptyConfigHash",
      );
      await expect(record(f, defaultRecord(f, { codeHash: ZERO32 }))).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryEmptyCodeHash",
      );
    });

    it("refuses bad provider lists: too many, unsorted or duplicated, unregistered, suspended, wrong role", async function () {
      const f = await loadFixture(deployWithBuilders);
      const seventeen = sortAddresses(Array.from({ length: 17 }, (_, i) => ethers.toBeHex(i + 1, 20)));
      await expect(record(f, defaultRecord(f, { dataProviders: seventeen })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryTooManyProviders")
        .withArgs(17, 16);
      await expect(record(f, defaultRecord(f, { computeProviders: seventeen })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryTooManyProviders")
        .withArgs(17, 16);
      const sorted = sortAddresses([f.data1.address, f.data2.address]);
      await expect(record(f, defaultRecord(f, { dataProviders: [sorted[1], sorted[0]] })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryProvidersNotSorted")
        .withArgs(1);
      await expect(record(f, defaultRecord(f, { dataProviders: [sorted[0], sorted[0]] })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryProvidersNotSorted")
        .withArgs(1);
      await expect(record(f, defaultRecord(f, { dataProviders: [ethers.ZeroAddress] })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryProvidersNotSorted")
        .withArgs(0);
      await expect(record(f, defaultRecord(f, { dataProviders: [f.outsider.address] })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderNotRegistered")
        .withArgs(f.outsider.address);
      await expect(record(f, defaultRecord(f, { dataProviders: [f.compute.address] })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryMissingRole")
        .withArgs(f.compute.address, ROLE_DATA);
      await expect(record(f, defaultRecord(f, { computeProviders: [f.data1.address] })))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryMissingRole")
        .withArgs(f.data1.address, ROLE_COMPUTE);
      await f.registry.connect(f.dao).suspendBuilder(f.compute.address, ZERO32);
      await expect(record(f, defaultRecord(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderSuspended")
        .withArgs(f.compute.address);
      // data2 holds both roles: it can be credited for compute
      await record(f, defaultRecord(f, { computeProviders: [f.data2.address] }));
      expect(await f.registry.runCount()).to.equal(1n);
    });
  });

  describe("checkpoints", function () {
    async function recorded() {
      const f = await deployWithBuilders();
      const r = defaultRecord(f);
      await record(f, r);
      return { ...f, r };
    }

    it("anchors strictly increasing steps into a rolling head", async function () {
      const f = await loadFixture(recorded);
      let head = ethers.dataSlice(runCommitment(f.r), 0, 24);
      for (const step of [10n, 20n, 35n]) {
        const h = ethers.id(`ckpt ${step}`);
        head = nextHead(head, step, h);
        await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, step, h))
          .to.emit(f.registry, "CheckpointAnchored")
          .withArgs(1n, step, h, head);
        const [lastStep, cursorHead] = await f.registry.checkpointCursor(1);
        expect(lastStep).to.equal(step);
        expect(cursorHead).to.equal(head);
      }
      const run = await f.registry.getRun(1);
      expect(run.lastStep).to.equal(35n);
      expect(run.checkpointHead).to.equal(head);
    });

    it("costs at most 35,000 gas in steady state (through the proxy)", async function () {
      const f = await loadFixture(recorded);
      let gas = 0n;
      for (const step of [1n, 2n, 3n]) {
        const tx = await f.registry.connect(f.trainer).anchorCheckpoint(1, step, ethers.id(`c${step}`));
        gas = (await tx.wait())!.gasUsed;
      }
      // solidity-coverage instruments the bytecode (and lifts gas); the budget holds for the production build
      const underCoverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;
      expect(gas).to.be.lessThanOrEqual(underCoverage ? 1_000_000n : 35_000n);
      expect((await f.registry.checkpointCursor(1))[0]).to.equal(3n);
    });

    it("refuses non-increasing steps, empty hashes, other callers and finished runs", async function () {
      const f = await loadFixture(recorded);
      const h = ethers.id("c");
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, 0, h))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryStepNotIncreasing")
        .withArgs(1, 0, 0);
      await f.registry.connect(f.trainer).anchorCheckpoint(1, 50, h);
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, 50, h))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryStepNotIncreasing")
        .withArgs(1, 50, 50);
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, 49, h))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryStepNotIncreasing")
        .withArgs(1, 49, 50);
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, 51, ZERO32)).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryEmptyCheckpointHash",
      );
      await expect(f.registry.connect(f.trainer2).anchorCheckpoint(1, 51, h))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotRunTrainer")
        .withArgs(1, f.trainer2.address);
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(9, 51, h))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotRunTrainer")
        .withArgs(9, f.trainer.address);
      expect((await f.registry.checkpointCursor(1))[0]).to.equal(50n);
      await f.registry
        .connect(f.trainer)
        .completeTrainingRun(1, ethers.id("w"), ethers.id("m"), f.operator.address, "ipfs://w");
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, 51, h))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotTraining")
        .withArgs(1, RunStatus.Evaluating);
    });
  });

  describe("completing a run", function () {
    async function checkpointed() {
      const f = await deployWithBuilders();
      const r = defaultRecord(f);
      await record(f, r);
      return { ...f, r };
    }

    it("submits weights root, metrics and operator; the run awaits evaluation", async function () {
      const f = await loadFixture(checkpointed);
      const c1 = ethers.id("c1");
      await f.registry.connect(f.trainer).anchorCheckpoint(1, 7, c1);
      const head = nextHead(ethers.dataSlice(runCommitment(f.r), 0, 24), 7n, c1);
      const w = ethers.id("weights");
      const m = ethers.id("metrics");
      await expect(f.registry.connect(f.trainer).completeTrainingRun(1, w, m, f.operator.address, "ipfs://out"))
        .to.emit(f.registry, "TrainingRunCompleted")
        .withArgs(1n, f.operator.address, w, m, 7n, head, "ipfs://out");
      const run = await f.registry.getRun(1);
      expect(run.status).to.equal(RunStatus.Evaluating);
      expect(run.weightsRoot).to.equal(w);
      expect(run.operator).to.equal(f.operator.address);
      expect(run.lastStep).to.equal(7n);
      expect(run.checkpointHead).to.equal(head);
      const [lastStep, cursorHead] = await f.registry.checkpointCursor(1);
      expect(lastStep).to.equal(0n);
      expect(cursorHead).to.equal(ethers.toBeHex(0, 24));
    });

    it("refuses other callers, no checkpoints, empty values, suspended trainers and a second completion", async function () {
      const f = await loadFixture(checkpointed);
      const w = ethers.id("weights");
      const m = ethers.id("metrics");
      const op = f.operator.address;
      await expect(f.registry.connect(f.trainer2).completeTrainingRun(1, w, m, op, ""))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotRunTrainer")
        .withArgs(1, f.trainer2.address);
      await expect(f.registry.connect(f.trainer).completeTrainingRun(1, w, m, op, ""))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNoCheckpoints")
        .withArgs(1);
      await f.registry.connect(f.trainer).anchorCheckpoint(1, 1, ethers.id("c"));
      await expect(
        f.registry.connect(f.trainer).completeTrainingRun(1, ZERO32, m, op, ""),
      ).to.be.revertedWithCustomError(f.registry, "ModelRegistryEmptyWeightsRoot");
      await expect(
        f.registry.connect(f.trainer).completeTrainingRun(1, w, ZERO32, op, ""),
      ).to.be.revertedWithCustomError(f.registry, "ModelRegistryEmptyMetricsHash");
      await expect(
        f.registry.connect(f.trainer).completeTrainingRun(1, w, m, ethers.ZeroAddress, ""),
      ).to.be.revertedWithCustomError(f.registry, "ModelRegistryZeroOperator");
      await f.registry.connect(f.dao).suspendBuilder(f.trainer.address, ZERO32);
      await expect(f.registry.connect(f.trainer).completeTrainingRun(1, w, m, op, ""))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryBuilderSuspended")
        .withArgs(f.trainer.address);
      expect(await f.registry.runStatus(1)).to.equal(RunStatus.Training);
      await f.registry.connect(f.dao).restoreBuilder(f.trainer.address);
      await f.registry.connect(f.trainer).completeTrainingRun(1, w, m, op, "");
      await expect(f.registry.connect(f.trainer).completeTrainingRun(1, w, m, op, ""))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotTraining")
        .withArgs(1, RunStatus.Evaluating);
    });
  });

  describe("evaluation", function () {
    async function completed() {
      const f = await deployWithBuilders();
      const runId = await completedRun(f);
      return { ...f, runId };
    }

    it("records each evaluator once; passes reaching the quorum make the run Passed and open the challenge window", async function () {
      const f = await loadFixture(completed);
      const [a, b, c, d, e] = f.members;
      const r = defaultRecord(f);
      const report = ethers.id("report");
      await expect(f.registry.connect(a).evaluateRun(f.runId, r, true, 9100, report))
        .to.emit(f.registry, "RunEvaluated")
        .withArgs(f.runId, a.address, true, 9100, report);
      expect(await f.registry.evaluationOf(f.runId, a.address)).to.equal(
        ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bool", "uint16", "bytes32"], [true, 9100, report])),
      );
      expect(await f.registry.countedBallot(f.runId, a.address)).to.deep.equal([true, true]);
      expect(await f.registry.evaluationOf(f.runId, b.address)).to.equal(ZERO32);
      expect(await f.registry.countedBallot(f.runId, b.address)).to.deep.equal([false, false]);
      await expect(f.registry.connect(a).evaluateRun(f.runId, r, false, 1, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryAlreadyEvaluated")
        .withArgs(f.runId, a.address);
      await evaluate(f, b, f.runId, false);
      expect(await f.registry.countedBallot(f.runId, b.address)).to.deep.equal([true, false]);
      await evaluate(f, c, f.runId, true);
      let run = await f.registry.getRun(f.runId);
      expect([run.passes, run.fails, run.status]).to.deep.equal([2n, 1n, RunStatus.Evaluating]);
      expect(await f.registry.activatableAt(f.runId)).to.equal(0n);
      const tx = await evaluate(f, d, f.runId, true);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(tx)
        .to.emit(f.registry, "TrainingRunPassed")
        .withArgs(f.runId, 3n, 3n, at + DEFAULT_DELAY);
      run = await f.registry.getRun(f.runId);
      expect([run.passes, run.fails, run.status]).to.deep.equal([3n, 1n, RunStatus.Passed]);
      expect(await f.registry.activatableAt(f.runId)).to.equal(at + DEFAULT_DELAY);
      // evaluation stays open in the window: a fail is recorded and does not end it
      await expect(evaluate(f, e, f.runId, false)).to.not.emit(f.registry, "TrainingRunPassed");
      run = await f.registry.getRun(f.runId);
      expect([run.passes, run.fails, run.status]).to.deep.equal([3n, 2n, RunStatus.Passed]);
      expect(await f.registry.activatableAt(f.runId)).to.equal(at + DEFAULT_DELAY);
    });

    it("a pass during the challenge window restarts it", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await passedRun(f);
      const first = await f.registry.activatableAt(runId);
      await time.increase(3600);
      const tx = await evaluate(f, f.members[3], runId, true);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(tx)
        .to.emit(f.registry, "TrainingRunPassed")
        .withArgs(runId, 4n, 3n, at + DEFAULT_DELAY);
      expect(await f.registry.activatableAt(runId)).to.equal(at + DEFAULT_DELAY);
      expect(at + DEFAULT_DELAY).to.be.greaterThan(first);
    });

    it("a DAO-appointed evaluator counts like a member", async function () {
      const f = await loadFixture(completed);
      await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
      await evaluate(f, f.auditor, f.runId, true);
      expect((await f.registry.getRun(f.runId)).passes).to.equal(1n);
      expect(await f.registry.countedBallot(f.runId, f.auditor.address)).to.deep.equal([true, true]);
    });

    it("refuses the trainer, the operator and credited providers as evaluators (conflict of interest)", async function () {
      const f = await loadFixture(deployWithBuilders);
      const [m0, m1, m2] = f.members;
      // m0 trains, m1 operates the model, m2 provides data; the compute provider is an appointed evaluator
      await f.registry.connect(m0).registerBuilder(ROLE_TRAINER, "ipfs://m0");
      await f.registry.connect(m2).registerBuilder(ROLE_DATA, "ipfs://m2");
      await f.registry.connect(f.dao).appointEvaluator(f.compute.address);
      const r = defaultRecord(f, { trainer: m0.address, dataProviders: sortAddresses([f.data1.address, m2.address]) });
      await record(f, r, m0);
      await f.registry.connect(m0).anchorCheckpoint(1, 1, ethers.id("c"));
      await f.registry.connect(m0).completeTrainingRun(1, ethers.id("w"), ethers.id("m"), m1.address, "");
      for (const conflicted of [m0, m1, m2, f.compute]) {
        await expect(f.registry.connect(conflicted).evaluateRun(1, r, true, 9000, ethers.id("self")))
          .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorConflicted")
          .withArgs(1n, conflicted.address);
      }
      let run = await f.registry.getRun(1);
      expect([run.passes, run.fails, run.status]).to.deep.equal([0n, 0n, RunStatus.Evaluating]);
      expect(await f.registry.evaluationOf(1, m0.address)).to.equal(ZERO32);
      await evaluate(f, f.members[3], 1n, true, r);
      run = await f.registry.getRun(1);
      expect(run.passes).to.equal(1n);
    });

    it("refuses non-evaluators, runs not in evaluation, closed requests, bad scores, empty reports and a wrong record", async function () {
      const f = await loadFixture(completed);
      const report = ethers.id("r");
      const r = defaultRecord(f);
      const m = f.members[0];
      await expect(f.registry.connect(f.outsider).evaluateRun(f.runId, r, true, 1, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotEvaluator")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(m).evaluateRun(f.runId, r, true, 10_001, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryInvalidScore")
        .withArgs(10_001);
      await expect(f.registry.connect(m).evaluateRun(f.runId, r, true, 1, ZERO32)).to.be.revertedWithCustomError(
        f.registry,
        "ModelRegistryEmptyReportHash",
      );
      await expect(f.registry.connect(m).evaluateRun(f.runId, { ...r, uri: "ipfs://forged" }, true, 1, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunRecordMismatch")
        .withArgs(f.runId);
      await expect(f.registry.connect(m).evaluateRun(99, r, true, 1, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotEvaluating")
        .withArgs(99, RunStatus.None);
      await record(f, defaultRecord(f, { uri: "ipfs://run-2" }));
      await expect(f.registry.connect(m).evaluateRun(2, defaultRecord(f, { uri: "ipfs://run-2" }), true, 1, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotEvaluating")
        .withArgs(2, RunStatus.Training);
      await f.constitution.withdraw(2);
      await expect(f.registry.connect(m).evaluateRun(f.runId, r, true, 1, report))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(2, RequestStatus.Closed);
      const run = await f.registry.getRun(f.runId);
      expect([run.passes, run.fails, run.status]).to.deep.equal([0n, 0n, RunStatus.Evaluating]);
      expect(await f.registry.evaluationOf(f.runId, m.address)).to.equal(ZERO32);
    });
  });

  describe("eligibility of ballots", function () {
    it("a removed evaluator's ballot lapses; re-appointed, it is a new term and may vote again", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await completedRun(f);
      await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
      await evaluate(f, f.auditor, runId, true);
      await f.registry.connect(f.dao).removeEvaluator(f.auditor.address);
      expect(await f.registry.countedBallot(runId, f.auditor.address)).to.deep.equal([false, true]);
      await expect(f.registry.connect(f.dao).appointEvaluator(f.auditor.address))
        .to.emit(f.registry, "EvaluatorAppointed")
        .withArgs(f.auditor.address, 2n);
      expect(await f.registry.evaluatorTerm(f.auditor.address)).to.equal(2n);
      expect(await f.registry.countedBallot(runId, f.auditor.address)).to.deep.equal([false, true]);
      await evaluate(f, f.auditor, runId, false);
      expect(await f.registry.countedBallot(runId, f.auditor.address)).to.deep.equal([true, false]);
      await expect(evaluate(f, f.auditor, runId, true))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryAlreadyEvaluated")
        .withArgs(runId, f.auditor.address);
    });

    it("a member who lost the seat no longer counts; the new member can make up the quorum", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await passedRun(f);
      const [m0, m1, m2] = f.members;
      await f.committee.setMember(0, f.outsider.address);
      await time.increaseTo(await f.registry.activatableAt(runId));
      await expect(f.registry.activateRun(runId, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorLapsed")
        .withArgs(runId, m0.address);
      const remaining = sortAddresses([m1.address, m2.address]);
      await expect(f.registry.activateRun(runId, remaining))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryQuorumNotReached")
        .withArgs(runId, 2n, 3n);
      await evaluate(f, f.outsider, runId, true);
      const at = await f.registry.activatableAt(runId);
      const three = sortAddresses([m1.address, m2.address, f.outsider.address]);
      await expect(f.registry.activateRun(runId, three))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryChallengeWindowOpen")
        .withArgs(runId, at);
      await time.increaseTo(at);
      await expect(f.registry.activateRun(runId, three)).to.emit(f.registry, "ModelActivated");
      expect(await f.constitution.currentVersion()).to.equal(2n);
    });

    it("activation refuses unsorted or duplicated lists, fails listed as passes and evaluators who did not vote", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await passedRun(f);
      await evaluate(f, f.members[3], runId, false);
      await time.increaseTo(await f.registry.activatableAt(runId));
      const p = passers(f);
      await expect(f.registry.activateRun(runId, [p[1], p[0], p[2]]))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorsNotSorted")
        .withArgs(1n);
      await expect(f.registry.activateRun(runId, [p[0], p[0], p[1]]))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorsNotSorted")
        .withArgs(1n);
      const withFail = sortAddresses([...p.slice(0, 2), f.members[3].address]);
      await expect(f.registry.activateRun(runId, withFail))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNoSuchVerdict")
        .withArgs(runId, f.members[3].address, true);
      const withSilent = sortAddresses([...p.slice(0, 2), f.members[4].address]);
      await expect(f.registry.activateRun(runId, withSilent))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNoSuchVerdict")
        .withArgs(runId, f.members[4].address, true);
      expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Passed);
      expect(await f.registry.modelCount()).to.equal(1n);
    });
  });

  describe("the fail rule", function () {
    async function completed() {
      const f = await deployWithBuilders();
      const runId = await completedRun(f);
      return { ...f, runId };
    }

    it("fails once the eligible fails leave fewer than the quorum (3 of 5 at quorum 3); its request stays open", async function () {
      const f = await loadFixture(completed);
      const failers = f.members.slice(0, 3);
      for (const m of failers) await evaluate(f, m, f.runId, false);
      expect(await f.registry.runStatus(f.runId)).to.equal(RunStatus.Evaluating);
      const list = sortAddresses(failers.map((m) => m.address));
      await expect(f.registry.connect(f.outsider).failRun(f.runId, list.slice(0, 2)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryFailNotReached")
        .withArgs(f.runId, 2n, 3n, 5n);
      await expect(f.registry.connect(f.outsider).failRun(f.runId, list))
        .to.emit(f.registry, "TrainingRunFailed")
        .withArgs(f.runId, 3n, 3n, 5n);
      expect(await f.registry.runStatus(f.runId)).to.equal(RunStatus.Failed);
      expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.Open);
      await expect(evaluate(f, f.members[3], f.runId, true))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotEvaluating")
        .withArgs(f.runId, RunStatus.Failed);
      await expect(f.registry.failRun(f.runId, list))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotEvaluating")
        .withArgs(f.runId, RunStatus.Failed);
      // another run for the same request can still be recorded, passed and activated
      const r2 = defaultRecord(f, { trainer: f.trainer2.address, uri: "ipfs://run-2" });
      const second = await activatableRun(f, r2, f.trainer2);
      await f.registry.activateRun(second, passers(f));
      expect(await f.constitution.currentVersion()).to.equal(2n);
    });

    it("follows the review quorum and the number of eligible evaluators", async function () {
      const f = await loadFixture(completed);
      await f.constitution.setReviewQuorum(4);
      const two = f.members.slice(0, 2);
      for (const m of two) await evaluate(f, m, f.runId, false);
      const list = sortAddresses(two.map((m) => m.address));
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(5n);
      await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(6n);
      await expect(f.registry.failRun(f.runId, list))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryFailNotReached")
        .withArgs(f.runId, 2n, 4n, 6n);
      await f.registry.connect(f.dao).removeEvaluator(f.auditor.address);
      await expect(f.registry.failRun(f.runId, list))
        .to.emit(f.registry, "TrainingRunFailed")
        .withArgs(f.runId, 2n, 4n, 5n);
    });

    it("counts an appointed evaluator who holds a seat once, and a vacant seat not at all", async function () {
      const f = await loadFixture(deployWithBuilders);
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(5n);
      await f.registry.connect(f.dao).appointEvaluator(f.members[0].address);
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(5n);
      await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(6n);
      await f.committee.setMember(4, ethers.ZeroAddress);
      expect(await f.registry.eligibleEvaluatorCount()).to.equal(5n);
    });

    it("refuses lists with passes, lapsed fails or unsorted entries", async function () {
      const f = await loadFixture(completed);
      await f.registry.connect(f.dao).appointEvaluator(f.auditor.address);
      await evaluate(f, f.auditor, f.runId, false);
      await evaluate(f, f.members[0], f.runId, true);
      await evaluate(f, f.members[1], f.runId, false);
      await expect(f.registry.failRun(f.runId, [f.members[0].address]))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNoSuchVerdict")
        .withArgs(f.runId, f.members[0].address, false);
      const both = sortAddresses([f.auditor.address, f.members[1].address]);
      await expect(f.registry.failRun(f.runId, [both[1], both[0]]))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorsNotSorted")
        .withArgs(1n);
      await f.registry.connect(f.dao).removeEvaluator(f.auditor.address);
      await expect(f.registry.failRun(f.runId, [f.auditor.address]))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryEvaluatorLapsed")
        .withArgs(f.runId, f.auditor.address);
      await expect(f.registry.failRun(42, []))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotEvaluating")
        .withArgs(42n, RunStatus.None);
      expect(await f.registry.runStatus(f.runId)).to.equal(RunStatus.Evaluating);
    });
  });

  describe("challenge window", function () {
    it("a passed run can be activated at activatableAt, not a second earlier", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await passedRun(f);
      const at = await f.registry.activatableAt(runId);
      await time.setNextBlockTimestamp(at - 1n);
      await expect(f.registry.activateRun(runId, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryChallengeWindowOpen")
        .withArgs(runId, at);
      expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Passed);
      await time.setNextBlockTimestamp(at);
      await expect(f.registry.activateRun(runId, passers(f))).to.emit(f.registry, "ModelActivated");
    });

    it("the DAO sets the window within its hard bounds; passed runs follow it", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await passedRun(f);
      const before = await f.registry.activatableAt(runId);
      expect(await f.registry.activationDelay()).to.equal(DEFAULT_DELAY);
      const day = 86_400n;
      await expect(f.registry.connect(f.outsider).setActivationDelay(day))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      for (const bad of [day - 1n, 30n * day + 1n]) {
        await expect(f.registry.connect(f.dao).setActivationDelay(bad))
          .to.be.revertedWithCustomError(f.registry, "ModelRegistryActivationDelayOutOfBounds")
          .withArgs(bad, day, 30n * day);
      }
      expect(await f.registry.activationDelay()).to.equal(DEFAULT_DELAY);
      await expect(f.registry.connect(f.dao).setActivationDelay(day))
        .to.emit(f.registry, "ActivationDelaySet")
        .withArgs(DEFAULT_DELAY, day);
      expect(await f.registry.activationDelay()).to.equal(day);
      expect(await f.registry.activatableAt(runId)).to.equal(before - day);
      await expect(f.registry.connect(f.dao).setActivationDelay(30n * day))
        .to.emit(f.registry, "ActivationDelaySet")
        .withArgs(day, 30n * day);
      expect(await f.registry.activatableAt(runId)).to.equal(before + 28n * day);
    });

    it("reviewQuorum current committee members reject a passed run; a replaced member's support lapses", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await passedRun(f);
      const [m0, m1, m2] = f.members;
      const reason = ethers.id("plagiarised weights");
      await expect(f.registry.connect(f.outsider).supportRejection(runId, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryNotCommitteeMember")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(m0).supportRejection(runId, reason))
        .to.emit(f.registry, "RunRejectionSupported")
        .withArgs(runId, m0.address, reason, 1n, 3n);
      await expect(f.registry.connect(m0).supportRejection(runId, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRejectionAlreadySupported")
        .withArgs(runId, m0.address);
      await f.registry.connect(m1).supportRejection(runId, reason);
      expect(await f.registry.rejectionSupport(runId)).to.equal(2n);
      await f.committee.setMember(1, f.outsider.address);
      expect(await f.registry.rejectionSupport(runId)).to.equal(1n);
      await expect(f.registry.connect(m2).supportRejection(runId, reason))
        .to.emit(f.registry, "RunRejectionSupported")
        .withArgs(runId, m2.address, reason, 2n, 3n)
        .and.not.to.emit(f.registry, "TrainingRunRejected");
      expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Passed);
      await expect(f.registry.connect(f.outsider).supportRejection(runId, reason))
        .to.emit(f.registry, "TrainingRunRejected")
        .withArgs(runId, reason);
      expect(await f.registry.runStatus(runId)).to.equal(RunStatus.Failed);
      expect(await f.registry.activatableAt(runId)).to.equal(0n);
      await time.increase(DEFAULT_DELAY);
      await expect(f.registry.activateRun(runId, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunFailed")
        .withArgs(runId);
      await expect(f.registry.connect(f.members[3]).supportRejection(runId, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotRejectable")
        .withArgs(runId, RunStatus.Failed);
      expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.Open);
    });

    it("the committee cannot reject a run still training (the DAO can)", async function () {
      const f = await loadFixture(deployWithBuilders);
      await record(f, defaultRecord(f));
      await expect(f.registry.connect(f.members[0]).supportRejection(1, ethers.id("r")))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotRejectable")
        .withArgs(1n, RunStatus.Training);
      expect(await f.registry.rejectionSupport(1)).to.equal(0n);
    });
  });

  describe("activation", function () {
    async function activatable() {
      const f = await deployWithBuilders();
      const runId = await activatableRun(f);
      return { ...f, runId };
    }

    it("puts the version in force with model #2 and its operator as the active AGI", async function () {
      const f = await loadFixture(activatable);
      expect(await f.constitution.currentVersion()).to.equal(1n);
      expect(await f.constitution.activeModelId()).to.equal(1n);
      expect(await f.constitution.activeAgent()).to.equal(f.genesisOperator.address);
      expect(await f.constitution.enactCalls()).to.equal(0n);
      const weights = ethers.id("weights root");
      await expect(f.registry.connect(f.outsider).activateRun(f.runId, passers(f)))
        .to.emit(f.registry, "ModelActivated")
        .withArgs(2n, 2n, f.runId, f.operator.address, weights)
        .and.to.emit(f.registry, "TrainingRequestFulfilled")
        .withArgs(2n, 2n, 2n)
        .and.to.emit(f.constitution, "VersionEnacted")
        .withArgs(2n, 2n, f.operator.address, 1n);
      expect(await f.constitution.currentVersion()).to.equal(2n);
      expect(await f.constitution.activeModelId()).to.equal(2n);
      expect(await f.constitution.activeAgent()).to.equal(f.operator.address);
      expect(await f.constitution.enactCalls()).to.equal(1n);
      expect((await f.constitution.getVersion(1)).status).to.equal(VersionStatus.Superseded);
      expect((await f.constitution.getVersion(2)).status).to.equal(VersionStatus.InForce);
      const m = await f.registry.getModel(2);
      expect([m.weightsRoot, m.version, m.runId, m.operator]).to.deep.equal([weights, 2n, f.runId, f.operator.address]);
      expect(await f.registry.modelCount()).to.equal(2n);
      expect(await f.registry.runStatus(f.runId)).to.equal(RunStatus.Activated);
      expect(await f.registry.activatableAt(f.runId)).to.equal(0n);
      const r = await f.registry.getRequest(2);
      expect([r.status, r.modelId]).to.deep.equal([RequestStatus.Fulfilled, 2n]);
      expect(await f.registry.verifyWeights(2, weights)).to.equal(true);
      expect(await f.registry.verifyWeights(2, GENESIS_ROOT)).to.equal(false);
      await expect(f.registry.activateRun(f.runId, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotPassed")
        .withArgs(f.runId, RunStatus.Activated);
    });

    it("the next amendment gets model #3 and supersedes version 2", async function () {
      const f = await loadFixture(activatable);
      await f.registry.activateRun(f.runId, passers(f));
      await f.constitution.ratify(ethers.id("v3"), "ipfs://v3");
      const run3 = await activatableRun(f, defaultRecord(f, { version: 3n }));
      await f.registry.activateRun(run3, passers(f));
      expect(await f.constitution.currentVersion()).to.equal(3n);
      expect(await f.constitution.activeModelId()).to.equal(3n);
      expect((await f.constitution.getVersion(2)).status).to.equal(VersionStatus.Superseded);
      expect((await f.registry.getModel(3)).version).to.equal(3n);
    });

    it("refuses before the quorum, failed, training and unknown runs", async function () {
      const f = await loadFixture(deployWithBuilders);
      const runId = await completedRun(f);
      await evaluate(f, f.members[0], runId, true);
      await evaluate(f, f.members[1], runId, true);
      await expect(f.registry.activateRun(runId, []))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryQuorumNotReached")
        .withArgs(runId, 2, 3);
      await f.registry.connect(f.dao).rejectRun(runId, ethers.id("fraud"));
      await expect(f.registry.activateRun(runId, []))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunFailed")
        .withArgs(runId);
      await record(f, defaultRecord(f, { uri: "x" }));
      await expect(f.registry.activateRun(2, []))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotPassed")
        .withArgs(2, RunStatus.Training);
      await expect(f.registry.activateRun(42, []))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryUnknownRun")
        .withArgs(42);
      expect(await f.constitution.currentVersion()).to.equal(1n);
      expect(await f.constitution.activeAgent()).to.equal(f.genesisOperator.address);
      expect(await f.registry.modelCount()).to.equal(1n);
    });

    it("refuses a second passed run once the request is fulfilled", async function () {
      const f = await loadFixture(deployWithBuilders);
      const a = await passedRun(f);
      const b = await activatableRun(f, defaultRecord(f, { trainer: f.trainer2.address, uri: "b" }), f.trainer2);
      await f.registry.activateRun(a, passers(f));
      await expect(f.registry.activateRun(b, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(2, RequestStatus.Fulfilled);
      expect(await f.constitution.activeModelId()).to.equal(2n);
    });

    it("refuses a stale version (a newer amendment was ratified) and a withdrawn one", async function () {
      const f = await loadFixture(activatable);
      await f.constitution.ratify(ethers.id("v3"), "ipfs://v3");
      await expect(f.registry.activateRun(f.runId, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryStaleVersion")
        .withArgs(2, 3);
      await f.constitution.withdraw(3);
      await f.constitution.withdraw(2);
      await expect(f.registry.activateRun(f.runId, passers(f)))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRequestNotOpen")
        .withArgs(2, RequestStatus.Closed);
      expect(await f.constitution.currentVersion()).to.equal(1n);
      expect(await f.constitution.enactCalls()).to.equal(0n);
    });
  });

  describe("DAO rejection", function () {
    it("rejects training, evaluating and passed runs (in the window); not finished ones", async function () {
      const f = await loadFixture(deployWithBuilders);
      const reason = ethers.id("reason");
      await record(f, defaultRecord(f));
      await f.registry.connect(f.trainer).anchorCheckpoint(1, 1, ethers.id("c"));
      await expect(f.registry.connect(f.outsider).rejectRun(1, reason))
        .to.be.revertedWithCustomError(f.registry, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dao).rejectRun(1, reason))
        .to.emit(f.registry, "TrainingRunRejected")
        .withArgs(1n, reason);
      expect(await f.registry.runStatus(1)).to.equal(RunStatus.Failed);
      expect((await f.registry.checkpointCursor(1))[0]).to.equal(0n);
      await expect(f.registry.connect(f.trainer).anchorCheckpoint(1, 2, ethers.id("c")))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotTraining")
        .withArgs(1, RunStatus.Failed);
      await expect(f.registry.connect(f.dao).rejectRun(1, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotRejectable")
        .withArgs(1, RunStatus.Failed);
      await expect(f.registry.connect(f.dao).rejectRun(77, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotRejectable")
        .withArgs(77, RunStatus.None);

      const evaluating = await completedRun(f, defaultRecord(f, { uri: "e" }));
      await f.registry.connect(f.dao).rejectRun(evaluating, reason);
      expect(await f.registry.runStatus(evaluating)).to.equal(RunStatus.Failed);
      const passed = await passedRun(f, defaultRecord(f, { uri: "p" }));
      await f.registry.connect(f.dao).rejectRun(passed, reason);
      expect(await f.registry.runStatus(passed)).to.equal(RunStatus.Failed);
      expect((await f.registry.getRequest(2)).status).to.equal(RequestStatus.Open);
      const activated = await activatableRun(f, defaultRecord(f, { uri: "a" }));
      await f.registry.activateRun(activated, passers(f));
      await expect(f.registry.connect(f.dao).rejectRun(activated, reason))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunNotRejectable")
        .withArgs(activated, RunStatus.Activated);
    });
  });

  describe("proofs", function () {
    it("proves a data shard's inclusion with a StandardMerkleTree proof and the anchored record", async function () {
      const f = await loadFixture(deployWithBuilders);
      const shards: [string, bigint, string][] = [
        ["shards/000.jsonl", 1024n, ethers.sha256(ethers.toUtf8Bytes("shard 0"))],
        ["shards/001.jsonl", 2048n, ethers.sha256(ethers.toUtf8Bytes("shard 1"))],
        ["shards/002.jsonl", 10n, ethers.sha256(ethers.toUtf8Bytes("shard 2"))],
      ];
      const tree = StandardMerkleTree.of(shards, ["string", "uint256", "bytes32"]);
      const r = defaultRecord(f, { datasetRoot: tree.root });
      await record(f, r);
      const [path, size, digest] = shards[1];
      expect(await f.registry.leafOf(path, size, digest)).to.equal(tree.leafHash(shards[1]));
      const proof = tree.getProof(1);
      expect(await f.registry.verifyTrainingData(1, r, path, size, digest, proof)).to.equal(true);
      expect(await f.registry.verifyTrainingData(1, r, path, size + 1n, digest, proof)).to.equal(false);
      expect(await f.registry.verifyTrainingData(1, r, "shards/009.jsonl", size, digest, proof)).to.equal(false);
      expect(await f.registry.verifyTrainingData(1, r, path, size, ethers.id("tampered"), proof)).to.equal(false);
      const forged = StandardMerkleTree.of(
        [...shards, ["evil.jsonl", 1n, ethers.id("evil")] as [string, bigint, string]],
        ["string", "uint256", "bytes32"],
      );
      await expect(
        f.registry.verifyTrainingData(
          1,
          { ...r, datasetRoot: forged.root },
          "evil.jsonl",
          1n,
          ethers.id("evil"),
          forged.getProof(3),
        ),
      )
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryRunRecordMismatch")
        .withArgs(1);
    });

    it("verifyWeights and getModel refuse unknown models", async function () {
      const f = await loadFixture(deployRegistry);
      await expect(f.registry.verifyWeights(2, GENESIS_ROOT))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryUnknownModel")
        .withArgs(2);
      await expect(f.registry.getModel(0))
        .to.be.revertedWithCustomError(f.registry, "ModelRegistryUnknownModel")
        .withArgs(0);
    });
  });
});
