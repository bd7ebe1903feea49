/**
 * CLI of the AGI constitution lifecycle (thin shells over sdk/manifest.ts and sdk/models.ts).
 * Only hardhat/config is imported here: the config loads this file before typechain and artifacts exist, so every
 * library is imported inside the action.
 *
 *   npx hardhat model:manifest ./weights [--out weights.manifest.json]
 *   npx hardhat builder:register --roles trainer,data --uri ipfs://me --network localhost
 *   npx hardhat model:anchor --constitution-version 2 --dataset ./data --training-config train.yaml --code 0x.. --uri ipfs://run
 *   npx hardhat model:checkpoint --run 1 --step 1000 --hash ./ckpt-1000
 *   npx hardhat model:complete --run 1 --weights ./weights --metrics metrics.json --operator 0x.. --uri ipfs://w
 *   npx hardhat model:evaluate --run 1 --weights ./weights [--min-accuracy 0.9] [--corpus data/corpus]
 *   npx hardhat model:evaluate --run 1 --verdict pass --score 9000 --report report.pdf   # a manual assessment
 *   npx hardhat model:activate --run 1          # after the challenge window
 *   npx hardhat model:fail --run 1              # when the counted fails leave the quorum out of reach
 *   npx hardhat model:verify ./weights --model 2 [--manifest weights.manifest.json]
 *   npx hardhat data:prove ./data/shard-003.jsonl --dir ./data --run 1
 *
 * The registry address comes from --registry or deployments/<network>.json (contracts.ModelRegistry).
 */
import { task, types } from "hardhat/config";

type Hre = Parameters<Parameters<ReturnType<typeof task>["setAction"]>[0]>[1];

/** Runs a task body; errors become one line naming the fix (reverts decoded by sdk/errors, also on anvil). */
async function guarded<T>(body: () => Promise<T>): Promise<T> {
  const hre = (await import("hardhat")).default;
  const { explained } = await import("./cli/shared");
  return explained(hre, body);
}

async function registryOf(hre: Hre, flag: string | undefined, from?: string) {
  const { resolveAddress, connectRegistry } = await import("../sdk/models");
  const { signerFrom } = await import("./cli/shared");
  await hre.run("compile", { quiet: true });
  const address = resolveAddress("ModelRegistry", hre.network.name, flag);
  if ((await hre.ethers.provider.getCode(address)) === "0x") {
    throw new Error(
      `No contract at ModelRegistry ${address} on ${hre.network.name} (node restarted?): redeploy: ` +
        `npx hardhat run deploy/index.ts --network ${hre.network.name}`,
    );
  }
  const signer = await signerFrom(hre, from);
  return { registry: connectRegistry(address, signer), signer };
}

/** The deployment's start block (event scans begin there), 0 without a record. */
async function startBlockOf(network: string): Promise<number> {
  const { readDeployment } = await import("../sdk/deployments");
  try {
    return readDeployment(network).startBlock ?? 0;
  } catch {
    return 0;
  }
}

task("model:manifest", "Hashes every file of a model or dataset directory into a manifest and its Merkle root")
  .addPositionalParam("dir", "The directory of weights or data shards")
  .addOptionalParam("out", "Where to write the manifest (default: <dir>.manifest.json)")
  .setAction(async (args: { dir: string; out?: string }) =>
    guarded(async () => {
      const path = await import("node:path");
      const { buildManifest, defaultManifestPath, writeManifest } = await import("../sdk/manifest");
      const out = args.out ?? defaultManifestPath(args.dir);
      const rel = path.relative(path.resolve(args.dir), path.resolve(out)).split(path.sep).join("/");
      const ignore = rel.startsWith("..") ? [] : [rel];
      const manifest = await buildManifest(args.dir, { ignore });
      writeManifest(manifest, out);
      const bytes = manifest.predicate.resources.reduce((n, r) => n + r.size, 0);
      console.log(`${manifest.predicate.resources.length} files, ${bytes} bytes`);
      console.log(`merkle root ${manifest.predicate.merkle.root}`);
      console.log(`OMS digest  ${manifest.subject[0].digest.sha256}`);
      console.log(`manifest    ${out}`);
      return manifest;
    }),
  );

task("builder:register", "Registers (or updates) the signer as an ecosystem builder")
  .addParam("roles", "Comma-separated: trainer,data,compute,agent")
  .addParam("uri", "Metadata URI describing the builder")
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(async (args: { roles: string; uri: string; registry?: string; from?: string }, hre) =>
    guarded(async () => {
      const { ROLES, registerBuilder } = await import("../sdk/models");
      let roles = 0;
      for (const name of args.roles.split(",").map((s) => s.trim())) {
        const bit = ROLES[name as keyof typeof ROLES];
        if (!bit) throw new Error(`unknown role "${name}": use trainer, data, compute or agent`);
        roles |= bit;
      }
      const { registry, signer } = await registryOf(hre, args.registry, args.from);
      const { txHash } = await registerBuilder(registry, signer, roles, args.uri);
      console.log(`builder ${await signer.getAddress()} roles ${roles} (tx ${txHash})`);
    }),
  );

task("model:anchor", "Records a training run for the open request of a constitution version")
  .addParam("constitutionVersion", "The ratified constitution version being trained", undefined, types.bigint)
  .addParam("dataset", "Dataset directory, its manifest (.manifest.json) or its Merkle root (0x..)")
  .addParam("trainingConfig", "Training config file or its hash (0x..)")
  .addParam("code", "Training code file/directory or its hash (0x..)")
  .addOptionalParam("dataProviders", "Comma-separated data provider addresses", "")
  .addOptionalParam("computeProviders", "Comma-separated compute provider addresses", "")
  .addParam("uri", "Where the run's manifests and logs live")
  .addOptionalParam("recordOut", "Write the anchored run record (JSON) here: data proofs need it")
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(
    async (
      args: {
        constitutionVersion: bigint;
        dataset: string;
        trainingConfig: string;
        code: string;
        dataProviders: string;
        computeProviders: string;
        uri: string;
        recordOut?: string;
        registry?: string;
        from?: string;
      },
      hre,
    ) =>
      guarded(async () => {
        const fs = await import("node:fs");
        const { hashInput, parseAddressList, recordRun } = await import("../sdk/models");
        const { registry, signer } = await registryOf(hre, args.registry, args.from);
        const result = await recordRun(registry, signer, {
          version: args.constitutionVersion,
          datasetRoot: await hashInput(args.dataset),
          configHash: await hashInput(args.trainingConfig),
          codeHash: await hashInput(args.code),
          dataProviders: parseAddressList(args.dataProviders),
          computeProviders: parseAddressList(args.computeProviders),
          uri: args.uri,
        });
        const json = JSON.stringify(result.record, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
        if (args.recordOut) fs.writeFileSync(args.recordOut, json + "\n");
        console.log(
          `run #${result.runId} recorded for version ${args.constitutionVersion} (commitment ${result.commitment})`,
        );
        console.log(json);
        return result;
      }),
  );

task("model:checkpoint", "Anchors a training checkpoint of a run (the run's trainer only)")
  .addParam("run", "Run id", undefined, types.bigint)
  .addParam("step", "Training step (strictly increasing)", undefined, types.bigint)
  .addParam("hash", "Checkpoint file/directory or its hash (0x..)")
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(async (args: { run: bigint; step: bigint; hash: string; registry?: string; from?: string }, hre) =>
    guarded(async () => {
      const { anchorCheckpoint, hashInput } = await import("../sdk/models");
      const { registry, signer } = await registryOf(hre, args.registry, args.from);
      const r = await anchorCheckpoint(registry, signer, args.run, args.step, await hashInput(args.hash));
      console.log(`run #${args.run} step ${args.step} anchored; head ${r.head} (gas ${r.gasUsed})`);
    }),
  );

task("model:complete", "Submits a run's final weights manifest root, metrics and model operator")
  .addParam("run", "Run id", undefined, types.bigint)
  .addParam("weights", "Weights directory, its manifest or its Merkle root (0x..)")
  .addParam("metrics", "Metrics file or its hash (0x..)")
  .addParam("operator", "The key the model's inference node signs and votes with")
  .addParam("uri", "Where the weights manifest and metrics live")
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(
    async (
      args: {
        run: bigint;
        weights: string;
        metrics: string;
        operator: string;
        uri: string;
        registry?: string;
        from?: string;
      },
      hre,
    ) =>
      guarded(async () => {
        const { completeRun, hashInput } = await import("../sdk/models");
        const { registry, signer } = await registryOf(hre, args.registry, args.from);
        const weightsRoot = await hashInput(args.weights);
        await completeRun(registry, signer, args.run, {
          weightsRoot,
          metricsHash: await hashInput(args.metrics),
          operator: args.operator,
          uri: args.uri,
        });
        console.log(`run #${args.run} completed: weights root ${weightsRoot}; awaiting evaluation`);
      }),
  );

task("model:evaluate", "Records a committee member's or appointed evaluator's assessment of a run")
  .addParam("run", "Run id", undefined, types.bigint)
  .addOptionalParam(
    "weights",
    "The run's model directory: verified against the anchored weights root, evaluated again and compared with the " +
      "anchored metrics; the verdict, score (measured accuracy, bps) and report follow from that",
  )
  .addOptionalParam("corpus", "With --weights: the dataset the run anchored (default: data/corpus)")
  .addOptionalParam(
    "minAccuracy",
    "With --weights: the accuracy bar, 0..1 (default 0.9, docs/models.md)",
    undefined,
    types.float,
  )
  .addOptionalParam(
    "reportOut",
    "With --weights: where to write the JSON report (default <weights>.evaluation-run-N.json)",
  )
  .addOptionalParam("verdict", "Without --weights: pass or fail")
  .addOptionalParam("score", "Without --weights: 0..10000", undefined, types.int)
  .addOptionalParam("report", "Without --weights: evaluation report file or its hash (0x..)")
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(
    async (
      args: {
        run: bigint;
        weights?: string;
        corpus?: string;
        minAccuracy?: number;
        reportOut?: string;
        verdict?: string;
        score?: number;
        report?: string;
        registry?: string;
        from?: string;
      },
      hre,
    ) =>
      guarded(async () => {
        const { evaluateRun, hashInput } = await import("../sdk/models");
        let r: Awaited<ReturnType<typeof evaluateRun>>;
        let verdict: string;
        if (args.weights !== undefined) {
          if (args.verdict !== undefined || args.score !== undefined || args.report !== undefined) {
            throw new Error("--weights decides the verdict, score and report: drop --verdict, --score and --report");
          }
          const { evaluateByRecomputation } = await import("../sdk/evaluation");
          const { registry, signer } = await registryOf(hre, args.registry, args.from);
          const e = await evaluateByRecomputation(registry, signer, args.run, args.weights, {
            corpusDir: args.corpus,
            minAccuracy: args.minAccuracy,
            reportFile: args.reportOut,
            scan: { fromBlock: await startBlockOf(hre.network.name) },
          });
          const m = e.metrics;
          console.log(`weights ${args.weights}: root ${e.report.local.weightsRoot} is the anchored one`);
          console.log(
            `recomputed on ${m.examples} evaluation proposals: accuracy ${m.accuracy} (bar ${e.report.minAccuracy}), ` +
              `clause macro recall ${m.macroClauseRecall}, metrics ${e.report.recomputed.metricsHash}`,
          );
          console.log(`anchored metrics hash ${e.report.anchored.metricsHash}`);
          for (const line of e.report.mismatches) console.log(`differs: ${line}`);
          console.log(`report ${e.reportFile} (hash ${e.reportHash})`);
          verdict = e.passed ? "pass" : "fail";
          console.log(`run #${args.run}: ${verdict} recorded with score ${e.score}; run is ${e.status}`);
          r = e;
        } else {
          if (args.verdict !== "pass" && args.verdict !== "fail") {
            throw new Error(`--verdict must be "pass" or "fail" (or pass --weights <dir> to recompute)`);
          }
          if (args.score === undefined || args.report === undefined)
            throw new Error("--score and --report are required");
          const { registry, signer } = await registryOf(hre, args.registry, args.from);
          r = await evaluateRun(registry, signer, args.run, {
            passed: args.verdict === "pass",
            score: args.score,
            reportHash: await hashInput(args.report),
          });
          verdict = args.verdict;
          console.log(`run #${args.run}: ${verdict} recorded; run is ${r.status}`);
        }
        if (r.passedNow) {
          const at = new Date(Number(r.activatableAt!) * 1000).toISOString();
          console.log(
            `quorum reached: challenge window until ${at}; then anyone may run model:activate --run ${args.run}`,
          );
        }
        return r;
      }),
  );

task("model:activate", "Activates a passed run: its version comes into force and its model becomes the active AGI")
  .addParam("run", "Run id", undefined, types.bigint)
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(async (args: { run: bigint; registry?: string; from?: string }, hre) =>
    guarded(async () => {
      const { activateRun } = await import("../sdk/models");
      const { registry, signer } = await registryOf(hre, args.registry, args.from);
      const r = await activateRun(registry, signer, args.run);
      console.log(`model #${r.modelId} active: constitution version ${r.version} in force, AGI agent ${r.operator}`);
      return r;
    }),
  );

task("model:fail", "Declares a run Failed once its counted fails leave the review quorum out of reach")
  .addParam("run", "Run id", undefined, types.bigint)
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .addOptionalParam("from", "Signer index or address (default: first account)")
  .setAction(async (args: { run: bigint; registry?: string; from?: string }, hre) =>
    guarded(async () => {
      const { failRun } = await import("../sdk/models");
      const { registry, signer } = await registryOf(hre, args.registry, args.from);
      const r = await failRun(registry, signer, args.run);
      console.log(`run #${args.run} failed: ${r.fails} fails, quorum ${r.quorum} of ${r.eligible} eligible evaluators`);
      return r;
    }),
  );

task("model:verify", "Recomputes a model directory's manifest and checks it against the model anchored on chain")
  .addPositionalParam("dir", "The model's weights directory")
  .addParam("model", "Model id", undefined, types.bigint)
  .addOptionalParam("manifest", "Reference manifest to report differing paths (default: <dir>.manifest.json)")
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .setAction(async (args: { dir: string; model: bigint; manifest?: string; registry?: string }, hre) =>
    guarded(async () => {
      const { verifyModelDir } = await import("../sdk/models");
      const { registry } = await registryOf(hre, args.registry);
      const report = await verifyModelDir(registry, args.model, args.dir, args.manifest);
      for (const line of report.lines) console.log(line);
      if (!report.ok) process.exitCode = 1;
      return report;
    }),
  );

task("data:prove", "Proves on chain that a data shard was in a training run's dataset")
  .addPositionalParam("file", "The data shard")
  .addOptionalParam("dir", "The dataset directory the run anchored (the shard's path is relative to it)")
  .addOptionalParam("manifest", "The dataset manifest instead of re-hashing the whole directory")
  .addParam("run", "Run id", undefined, types.bigint)
  .addOptionalParam("registry", "ModelRegistry address (default: deployments/<network>.json)")
  .setAction(async (args: { file: string; dir?: string; manifest?: string; run: bigint; registry?: string }, hre) =>
    guarded(async () => {
      const { proveDataShard } = await import("../sdk/models");
      const { registry } = await registryOf(hre, args.registry);
      const r = await proveDataShard(registry, args.run, args.file, {
        datasetDir: args.dir,
        datasetManifest: args.manifest,
        scan: { fromBlock: await startBlockOf(hre.network.name) },
      });
      console.log(`${r.path} (${r.size} bytes, sha256 ${r.sha256})`);
      console.log(`proof [${r.proof.join(", ")}]`);
      if (r.ok) console.log(`OK: in the dataset of run #${args.run} (root ${r.datasetRoot}), verified on chain`);
      else {
        console.log(`FAILED: the chain rejects the proof for ${r.path}`);
        process.exitCode = 1;
      }
      return r;
    }),
  );
