/**
 * Guided walks of the model and executive lifecycles. Random commands alone almost never line up the roles these
 * lifecycles need (a registered trainer recording a run on the open request, committee evaluators passing it, the
 * challenge window over; an enrolled human appointed, funded and spending within a threshold), so each walk command
 * reads the chain and takes the newest item one stage further, with real calls by the right roles:
 *
 * model:     no open request → the DAO ratifies an amendment (it opens the training request);
 *            a trainer without the role → it registers (or adds the role);
 *            no live run for the latest version → the trainer records one;
 *            Training → a checkpoint, then completion with the AI delegate's key as the operator;
 *            Evaluating → current committee members evaluate (mostly pass);
 *            Passed → travel past the challenge window, activate with the counted passers.
 * executive: not a verified human → verify and enrol; not appointed → the DAO appoints;
 *            no allowance → the DAO grants one and funds the registry; no direct-spend threshold → the DAO sets one;
 *            then a spend within what is left (sometimes one more than that, which must revert). One command takes
 *            a candidate through every missing stage, so careers reach spending within a run.
 *
 * Every call goes through `call` (counted, its revert decoded, the invariants checked after it), and random commands
 * interleave, so stages also fail: seats change under the evaluators, the operator may hold a seat, time passes.
 */
import hre from "hardhat";
import fc from "fast-check";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { IModelRegistryTypes } from "../../typechain-types/contracts/models/ModelRegistry";
import { ROLES, countedEvaluators, sortAddresses } from "../../sdk/models";
import { Step, call, travelTo, type Model } from "./commands";
import { milestone } from "./stats";
import type { World } from "./world";

const { ethers } = hre;
const E18 = 10n ** 18n;

/** Run statuses (ModelRegistry.RunStatus). */
const RUN = { None: 0n, Training: 1n, Evaluating: 2n, Passed: 3n, Failed: 4n, Activated: 5n } as const;

/** Candidates for the trainer and the executives: holders and outsiders who start with no seat. */
const CANDIDATES = [11, 12, 13, 15];

interface ModelStep {
  tag: number;
  trainer: number;
  pass: boolean;
  extraEvaluator: boolean;
}

/**
 * Takes the newest training run one stage further (see the file's notes). Returns true when the trainer's own next
 * step may follow in the same command (after registering and after recording), so one command takes a run from its
 * trainer's registration to completion, while evaluation and activation come in later commands, with random
 * commands (seat changes, rejections, time) in between.
 */
async function modelStage(m: Model, w: World, g: ModelStep): Promise<boolean> {
  const registry = w.modelRegistry;
  const latest = await w.constitution.latestVersion();
  const request = await registry.getRequest(latest);
  if (latest === (await w.constitution.currentVersion()) || request.status !== 1n) {
    await call(m, w, "walk: constitution.ratifyAmendment", () =>
      w.constitution.connect(w.dao).ratifyAmendment(ethers.id(`walk amendment ${g.tag}`), `ipfs://walk/${g.tag}`),
    );
    return false;
  }
  const runs = await registry.runCount();
  const newest = runs === 0n ? undefined : await registry.getRun(runs);
  const live = newest !== undefined && newest.version === latest && newest.status !== RUN.Failed;
  if (!live) {
    const members = new Set(await w.committee.members());
    const free = CANDIDATES.map((i) => w.actors[i]).filter((a) => !members.has(a.address));
    const trainer = free[g.trainer % Math.max(free.length, 1)] ?? w.actors[CANDIDATES[0]];
    const builder = await registry.getBuilder(trainer.address);
    if ((Number(builder.roles) & ROLES.trainer) === 0 || builder.registeredAt === 0n) {
      const ok =
        builder.registeredAt === 0n
          ? await call(m, w, "walk: modelRegistry.registerBuilder", () =>
              registry.connect(trainer).registerBuilder(ROLES.trainer, "ipfs://walk/trainer"),
            )
          : await call(m, w, "walk: modelRegistry.updateBuilder", () =>
              registry.connect(trainer).updateBuilder(Number(builder.roles) | ROLES.trainer, "ipfs://walk/trainer"),
            );
      return ok !== undefined;
    }
    const record: IModelRegistryTypes.TrainingRunStruct = {
      version: latest,
      trainer: trainer.address,
      datasetRoot: ethers.id(`walk data ${g.tag}`),
      configHash: ethers.id("walk cfg"),
      codeHash: ethers.id("walk code"),
      dataProviders: [],
      computeProviders: [],
      uri: `ipfs://walk/run/${g.tag}`,
    };
    const recorded = await call(
      m,
      w,
      "walk: modelRegistry.recordTrainingRun",
      () =>
        registry
          .connect(trainer)
          .recordTrainingRun(
            record.version,
            record.datasetRoot,
            record.configHash,
            record.codeHash,
            [],
            [],
            record.uri,
          ),
      async () => {
        m.runs.set(await registry.runCount(), record);
        milestone("walk: training run");
      },
    );
    return recorded !== undefined;
  }
  const runId = runs;
  const trainer = await ethers.getSigner(newest.trainer);
  if (newest.status === RUN.Training) {
    await call(m, w, "walk: modelRegistry.anchorCheckpoint", () =>
      registry.connect(trainer).anchorCheckpoint(runId, BigInt(g.tag + 1), ethers.id(`walk checkpoint ${g.tag}`)),
    );
    await call(
      m,
      w,
      "walk: modelRegistry.completeTrainingRun",
      () =>
        registry
          .connect(trainer)
          .completeTrainingRun(
            runId,
            ethers.id(`walk weights ${g.tag}`),
            ethers.id("walk metrics"),
            w.agentKey.address,
            "ipfs://walk/w",
          ),
      async () => {
        milestone("walk: run completed");
      },
    );
    return false;
  }
  const record = m.runs.get(runId);
  if (record === undefined) return false; // recorded by a random command this model did not see: nothing to replay
  if (newest.status === RUN.Evaluating) {
    const quorum = await w.constitution.reviewQuorum();
    const members = await w.committee.members();
    const evaluators = members.slice(0, Number(quorum) + (g.extraEvaluator ? 1 : 0));
    for (const evaluator of evaluators) {
      const signer = await ethers.getSigner(evaluator);
      await call(m, w, "walk: modelRegistry.evaluateRun", () =>
        registry.connect(signer).evaluateRun(runId, record, g.pass, g.pass ? 9_000 : 2_000, ethers.id("walk report")),
      );
    }
    return false;
  }
  if (newest.status === RUN.Passed) {
    await travelTo(m, w, (await registry.activatableAt(runId)) + 1n);
    const passers = sortAddresses(await countedEvaluators(registry, runId, true));
    await call(
      m,
      w,
      "walk: modelRegistry.activateRun",
      () => registry.connect(trainer).activateRun(runId, passers),
      async () => {
        milestone("walk: model activated");
      },
    );
  }
  return false;
}

interface ExecutiveStep {
  who: number;
  amount: bigint;
  overspend: boolean;
  to: number;
}

/**
 * Takes one candidate's executive career as far as it goes in one command: each missing stage in turn (enrol,
 * appointment, allowance, threshold), then a spend; a stage that reverts ends the command.
 */
async function executiveStage(m: Model, w: World, g: ExecutiveStep): Promise<void> {
  const registry = w.executiveRegistry;
  const candidate: HardhatEthersSigner = w.actors[CANDIDATES[g.who % 2]];
  const token = await w.token.getAddress();
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const status = await registry.status(candidate.address);
  if (!status.enrolled || status.expiry <= now) {
    // One nullifier per candidate: the same human every time it (re-)verifies.
    await w.verifier.set(ethers.id(`walk human ${candidate.address}`), now + 365n * 86_400n);
    const ok = await call(m, w, "walk: executiveRegistry.enroll", () =>
      registry.connect(candidate).enroll(w.verifier.getAddress(), "0x"),
    );
    if (ok === undefined) return;
  }
  if (!status.appointed) {
    const ok = await call(
      m,
      w,
      "walk: executiveRegistry.appoint",
      () => registry.connect(w.dao).appoint(candidate.address),
      async () => {
        milestone("walk: executive appointed");
      },
    );
    if (ok === undefined) return;
  }
  const [amount] = await registry.allowanceOf(candidate.address, token);
  if (amount === 0n) {
    const grant = 1_000n * E18 + g.amount;
    const ok = await call(m, w, "walk: executiveRegistry.grantAllowance", () =>
      registry.connect(w.dao).grantAllowance(candidate.address, token, grant, 86_400n),
    );
    if (ok === undefined) return;
    await call(m, w, "walk: token.transfer(treasury→registry)", () =>
      w.token.connect(w.dao).transfer(registry.getAddress(), grant),
    );
  }
  if ((await registry.spendThreshold(token)) === 0n) {
    const ok = await call(m, w, "walk: executiveRegistry.setSpendThreshold", () =>
      registry.connect(w.dao).setSpendThreshold(token, 5_000n * E18),
    );
    if (ok === undefined) return;
  }
  const direct = await registry.directSpendRemaining(candidate.address, token);
  if (direct === 0n && !g.overspend) {
    await travelTo(m, w, now + 86_400n); // a new period restores the allowance
    return;
  }
  const value = g.overspend ? direct + 1n : 1n + (g.amount % direct);
  await call(
    m,
    w,
    "walk: executiveRegistry.spend",
    () => registry.connect(candidate).spend(token, w.actors[g.to].address, value, ethers.id("walk invoice")),
    async () => {
      m.lastSpender = candidate.address;
      milestone("walk: executive spend");
    },
  );
}

/** The two guided walks, as one arbitrary (the runner mixes it with the other commands). */
export function lifecycleCommands(): fc.Arbitrary<fc.AsyncCommand<Model, World>> {
  const model = fc
    .record({
      tag: fc.nat(1_000),
      trainer: fc.nat(7),
      pass: fc.oneof(fc.constant(true), fc.boolean()),
      extraEvaluator: fc.boolean(),
    })
    .map(
      (g) =>
        new Step(`walk model(${g.pass ? "pass" : "fail"})`, async (m, w) => {
          for (let i = 0; i < 3 && (await modelStage(m, w, g)); i++);
        }),
    );
  const executive = fc
    .record({
      who: fc.nat(7),
      amount: fc.bigInt(0n, 2_000n * E18),
      overspend: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, fc.constant(true)),
      to: fc.nat(15),
    })
    .map(
      (g) => new Step(`walk executive(${g.who}${g.overspend ? ", overspend" : ""})`, (m, w) => executiveStage(m, w, g)),
    );
  return fc.oneof(model, executive);
}
