/**
 * Training a constitution model for one version: deterministic (seeded initializers, no shuffling, pure-JS CPU
 * backend, no timestamps in any file), so the same corpus, constitution text, config and seed give a byte-identical
 * output directory and the same weights manifest root.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildManifest, defaultManifestPath, writeManifest, type Manifest } from "../sdk/manifest";
import { tfjsPredictor, type ModelConfig } from "./backend";
import { canonicalJson } from "./canonical";
import { modelCard, lossSvg } from "./card";
import { loadConstitution, parseConstitution, type ConstitutionText } from "./constitution";
import { SUPPORTS, readCorpus, recordsFor } from "./corpus";
import { buildVocabulary, featureSpace, featurize, proposalActionTerms, proposalTextTerms, round6 } from "./features";
import { computeMetrics, type Metrics } from "./metrics";
import { textTerms } from "./text";
import { TF_VERSIONS, buildNet, loadNet, saveNet, tf, tfReady, toSafetensors } from "./tf";

/** The text library recorded in config.json (ml/text.ts stays browser-safe: no require). */
export const TEXT_LIBRARY = {
  name: "wink-nlp",
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  version: (require("wink-nlp/package.json") as { version: string }).version,
  model: "wink-eng-lite-web-model",
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  modelVersion: (require("wink-eng-lite-web-model/package.json") as { version: string }).version,
};

export interface TrainProgress {
  epoch: number;
  epochs: number;
  step: number;
  loss: number;
  elapsedMs: number;
  /** Estimated time left, from the mean epoch time so far. */
  etaMs: number;
}

export interface TrainOptions {
  constitutionVersion: number;
  corpusDir: string;
  outDir: string;
  seed?: number;
  epochs?: number;
  /** Save a checkpoint every K optimizer steps (and at the last step). */
  checkpointEvery?: number;
  onProgress?: (p: TrainProgress) => void;
  /** Constitution text: a markdown file or the markdown itself (default constitution/v<N>.md). */
  constitutionFile?: string;
  constitutionText?: string;
  hidden?: number;
  learningRate?: number;
  batchSize?: number;
  minDf?: number;
}

export interface TrainResult {
  outDir: string;
  /** Weights manifest root (Merkle root over every file of outDir): the on-chain weights root. */
  weightsRoot: string;
  manifest: Manifest;
  /** Written next to outDir (<outDir>.manifest.json), outside the hashed directory. */
  manifestFile: string;
  datasetRoot: string;
  metrics: Metrics;
  /** SHA-256 (0x) of metrics.json: the metrics hash anchored on completion. */
  metricsHash: string;
  /** SHA-256 (0x) of config.json. */
  configHash: string;
  checkpoints: { step: number; file: string; sha256: string }[];
  losses: number[];
  trainMs: number;
}

export const DEFAULTS = {
  seed: 42,
  epochs: 30,
  checkpointEvery: 50,
  hidden: 32,
  learningRate: 0.02,
  batchSize: 64,
  minDf: 2,
  clauseThreshold: 0.5,
  maxClauses: 4,
};

const sha256 = (b: Buffer | string) => crypto.createHash("sha256").update(b).digest("hex");

function constitutionOf(o: TrainOptions): ConstitutionText {
  if (o.constitutionText !== undefined) return parseConstitution(o.constitutionText, o.constitutionVersion);
  return loadConstitution(o.constitutionVersion, o.constitutionFile);
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const started = Date.now();
  await tfReady();
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...DEFAULTS, ...(given as unknown as TrainOptions) };
  const version = Number(o.constitutionVersion);
  const constitution = constitutionOf(options);
  const clauses = constitution.clauses;
  const clauseIds = clauses.map((c) => c.id);

  const records = readCorpus(o.corpusDir);
  const trainSet = recordsFor(records, version, "train");
  const evalSet = recordsFor(records, version, "eval");
  if (trainSet.length === 0) throw new Error(`no training record labelled for constitution v${version}`);
  for (const r of [...trainSet, ...evalSet]) {
    for (const c of r.labels[String(version)].clauses) {
      if (!clauseIds.includes(c)) throw new Error(`${r.id}: clause ${c} is not in constitution v${version}`);
    }
  }
  const corpusManifest = await buildManifest(o.corpusDir);
  const datasetRoot = corpusManifest.predicate.merkle.root;

  // features
  const docs = trainSet.map((r) => [...proposalTextTerms(r), ...proposalActionTerms(r)]);
  const vocab = buildVocabulary(
    docs,
    clauses.map((c) => textTerms(c.text)),
    o.minDf,
  );
  const space = featureSpace(vocab, clauses);
  const width = vocab.terms.length + clauses.length;
  const x = new Float32Array(trainSet.length * width);
  const ySupport = new Float32Array(trainSet.length * 3);
  const yClauses = new Float32Array(trainSet.length * clauses.length);
  trainSet.forEach((r, i) => {
    x.set(featurize(space, r).row, i * width);
    const label = r.labels[String(version)];
    ySupport[i * 3 + SUPPORTS.indexOf(label.support)] = 1;
    for (const c of label.clauses) yClauses[i * clauses.length + clauseIds.indexOf(c)] = 1;
  });

  // network
  const net = buildNet({ inputs: width, clauses: clauses.length, hidden: o.hidden, seed: o.seed });
  net.compile({
    optimizer: tf.train.adam(o.learningRate),
    loss: ["categoricalCrossentropy", "binaryCrossentropy"],
  });

  fs.rmSync(o.outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(o.outDir, "checkpoints"), { recursive: true });
  const stepsPerEpoch = Math.ceil(trainSet.length / o.batchSize);
  const totalSteps = stepsPerEpoch * o.epochs;
  const checkpoints: TrainResult["checkpoints"] = [];
  const losses: number[] = [];
  let step = 0;
  const saveCheckpoint = () => {
    const file = `checkpoints/step-${String(step).padStart(6, "0")}.safetensors`;
    const bytes = toSafetensors(net, { step: String(step), constitution: `v${version}`, datasetRoot });
    fs.writeFileSync(path.join(o.outDir, file), bytes);
    checkpoints.push({ step, file, sha256: sha256(bytes) });
  };
  const fitStart = Date.now();
  const xs = tf.tensor2d(x, [trainSet.length, width]);
  const ys = [tf.tensor2d(ySupport, [trainSet.length, 3]), tf.tensor2d(yClauses, [trainSet.length, clauses.length])];
  await net.fit(xs, ys, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    shuffle: false,
    verbose: 0,
    yieldEvery: "never",
    callbacks: {
      onBatchEnd: async () => {
        step++;
        if (step % o.checkpointEvery === 0 || step === totalSteps) saveCheckpoint();
      },
      onEpochEnd: async (epoch, logs) => {
        const loss = round6(Number(logs?.loss ?? NaN));
        losses.push(loss);
        const elapsedMs = Date.now() - fitStart;
        const etaMs = Math.round((elapsedMs / (epoch + 1)) * (o.epochs - epoch - 1));
        o.onProgress?.({ epoch: epoch + 1, epochs: o.epochs, step, loss, elapsedMs, etaMs });
      },
    },
  });
  tf.dispose([xs, ...ys]);

  // files
  const saved = await saveNet(net);
  net.dispose();
  const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(o.outDir, name), content);
  write("model.json", canonicalJson(saved.modelJson));
  write("weights.bin", saved.weights);
  write("vocab.json", canonicalJson(vocab));
  write("clauses.json", canonicalJson({ version, sha256: constitution.sha256, clauses }));
  const config: ModelConfig = {
    format: "bytomdao-constitution-model/1",
    backend: "tfjs-layers",
    constitution: { version, sha256: constitution.sha256, clauses: clauses.length },
    datasetRoot,
    corpus: {
      files: corpusManifest.predicate.resources.map((r) => r.name),
      train: trainSet.length,
      eval: evalSet.length,
    },
    seed: o.seed,
    epochs: o.epochs,
    batchSize: o.batchSize,
    stepsPerEpoch,
    learningRate: o.learningRate,
    optimizer: "adam",
    loss: { support: "categoricalCrossentropy", clauses: "binaryCrossentropy" },
    shuffle: false,
    hidden: o.hidden,
    minDf: o.minDf,
    clauseThreshold: o.clauseThreshold,
    maxClauses: o.maxClauses,
    checkpointEvery: o.checkpointEvery,
    features: {
      vocabulary: vocab.terms.length,
      text: "wink-nlp Porter-2 stems, stop words dropped, negated words also as not_<stem>; sublinear TF-IDF, L2",
      actions: "decoded calldata terms: contract, function, parameter moves and bounds, roles, amounts",
      clauseSimilarity: "cosine(text TF-IDF, clause TF-IDF) x 4, one per clause",
    },
    libraries: {
      ...TF_VERSIONS,
      [TEXT_LIBRARY.name]: TEXT_LIBRARY.version,
      [TEXT_LIBRARY.model]: TEXT_LIBRARY.modelVersion,
    },
    runtime: "Node.js 20, TensorFlow.js pure-JS CPU backend (float32)",
  };
  write("config.json", canonicalJson(config));

  // metrics on the evaluation split, from the saved bytes (exactly what evaluate() loads)
  const reloaded = await loadNet(saved.modelJson, saved.weights);
  const predictor = tfjsPredictor(reloaded, space);
  const scored = await predictor.score(evalSet);
  predictor.dispose();
  const metrics = computeMetrics(version, datasetRoot, evalSet, scored, clauses, o.clauseThreshold);
  write("metrics.json", canonicalJson(metrics));
  write("history.json", canonicalJson({ losses, checkpoints, totalSteps }));
  write("loss.svg", lossSvg(losses, `constitution v${version} model: training loss per epoch (seed ${o.seed})`));
  write("MODEL_CARD.md", modelCard(config, metrics, losses, trainSet.length));

  const manifest = await buildManifest(o.outDir);
  const manifestFile = defaultManifestPath(o.outDir);
  writeManifest(manifest, manifestFile);
  return {
    outDir: o.outDir,
    weightsRoot: manifest.predicate.merkle.root,
    manifest,
    manifestFile,
    datasetRoot,
    metrics,
    metricsHash: "0x" + sha256(fs.readFileSync(path.join(o.outDir, "metrics.json"))),
    configHash: "0x" + sha256(fs.readFileSync(path.join(o.outDir, "config.json"))),
    checkpoints,
    losses,
    trainMs: Date.now() - started,
  };
}
