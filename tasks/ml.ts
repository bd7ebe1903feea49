/**
 * CLI of the constitution model (thin shells over ml/). Only hardhat/config is imported at load time.
 *
 *   npx hardhat model:train --constitution-version 2 --out ./out/model-v2 [--seed 42] [--epochs 30] [--corpus data/corpus]
 *   npx hardhat model:predict --model ./out/model-v2 --root 0x.. --proposal proposal.json
 *   npx hardhat model:reevaluate --model ./out/model-v2 --root 0x.. [--corpus data/corpus] [--metrics anchored.json]
 */
import { task, types } from "hardhat/config";

async function fail(message: string): Promise<never> {
  const { HardhatPluginError } = await import("hardhat/plugins");
  throw new HardhatPluginError("ml", message);
}

task("model:train", "Trains the constitution model of a version on the labelled corpus (deterministic)")
  .addParam("constitutionVersion", "Constitution version (constitution/v<N>.md)", undefined, types.int)
  .addParam("out", "Output directory (replaced); its manifest is written next to it as <out>.manifest.json")
  .addOptionalParam("seed", "Seed of every initializer", 42, types.int)
  .addOptionalParam("epochs", "Epochs", undefined, types.int)
  .addOptionalParam("checkpointEvery", "Checkpoint every K optimizer steps", undefined, types.int)
  .addOptionalParam("corpus", "Corpus directory (*.jsonl)")
  .setAction(
    async (args: {
      constitutionVersion: number;
      out: string;
      seed: number;
      epochs?: number;
      checkpointEvery?: number;
      corpus?: string;
    }) => {
      const { train, DATA_CORPUS_DIR } = await import("../ml");
      const r = await train({
        constitutionVersion: args.constitutionVersion,
        corpusDir: args.corpus ?? DATA_CORPUS_DIR,
        outDir: args.out,
        seed: args.seed,
        epochs: args.epochs,
        checkpointEvery: args.checkpointEvery,
        onProgress: (p) =>
          console.log(
            `epoch ${p.epoch}/${p.epochs}  step ${p.step}  loss ${p.loss.toFixed(4)}  ~${(p.etaMs / 1000).toFixed(1)} s left`,
          ),
      }).catch((e: Error) => fail(e.message));
      console.log(`trained in ${(r.trainMs / 1000).toFixed(1)} s → ${r.outDir}`);
      console.log(`dataset root  ${r.datasetRoot}`);
      console.log(`config hash   ${r.configHash}`);
      console.log(`checkpoints   ${r.checkpoints.map((c) => `${c.file} 0x${c.sha256}`).join("\n              ")}`);
      console.log(`weights root  ${r.weightsRoot} (manifest ${r.manifestFile})`);
      console.log(`metrics hash  ${r.metricsHash}`);
      console.log(
        `eval accuracy ${r.metrics.accuracy} on ${r.metrics.examples} proposals, clause macro recall ${r.metrics.macroClauseRecall}`,
      );
    },
  );

task("model:predict", "Runs a verified constitution model on a proposal JSON {title, description, actions}")
  .addParam("model", "Model directory")
  .addParam("root", "Expected weights manifest root (e.g. the anchored one)")
  .addParam("proposal", "Proposal JSON file")
  .setAction(async (args: { model: string; root: string; proposal: string }) => {
    const fs = await import("node:fs");
    const { loadVerifiedModel, predict } = await import("../ml");
    const model = await loadVerifiedModel(args.model, args.root).catch((e: Error) => fail(e.message));
    const proposal = JSON.parse(fs.readFileSync(args.proposal, "utf8"));
    console.log(JSON.stringify(await predict(model, proposal, model.version), null, 2));
  });

task("model:reevaluate", "Verifies a model, recomputes its evaluation metrics and compares them with the anchored ones")
  .addParam("model", "Model directory")
  .addParam("root", "Expected weights manifest root")
  .addOptionalParam("corpus", "Corpus directory")
  .addOptionalParam("metrics", "Anchored metrics.json (default: the model directory's)")
  .setAction(async (args: { model: string; root: string; corpus?: string; metrics?: string }) => {
    const { reevaluate, DATA_CORPUS_DIR } = await import("../ml");
    const r = await reevaluate(args.model, args.corpus ?? DATA_CORPUS_DIR, args.root, args.metrics).catch((e: Error) =>
      fail(e.message),
    );
    console.log(`recomputed metrics ${r.recomputedHash}, anchored ${r.anchoredHash}`);
    if (!r.equal) await fail(`metrics differ from the anchored ones:\n  ${r.mismatches.join("\n  ")}`);
    console.log(`OK: accuracy ${r.metrics.accuracy}, clause macro recall ${r.metrics.macroClauseRecall}`);
  });
