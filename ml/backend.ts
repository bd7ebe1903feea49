/**
 * Inference backends. A backend turns a verified model directory into a predictor; it is only ever handed a
 * directory whose files match the expected weights manifest root (loadVerifiedModel checks first), so a larger
 * local model (GGUF through node-llama-cpp, ONNX through onnxruntime-node) is bound by the same check.
 * Built here: the TensorFlow.js backend. See docs/constitution-model.md for adding another.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_PARAMS, decodeAction, type DecodedAction, type GovernanceParams } from "./abi";
import type { Clause } from "./constitution";
import { SUPPORTS, type Proposal, type Support } from "./corpus";
import { featureSpace, featurize, type FeatureSpace, type Vocabulary } from "./features";
import { argmax, type Scored } from "./metrics";
import { loadNet, tf, type tfl } from "./tf";

export interface ClauseScore {
  id: string;
  title: string;
  /** Relevance in [0, 1], 4 decimals. */
  score: number;
}

export interface Prediction {
  support: Support;
  /** Probability of `support`, 4 decimals. */
  confidence: number;
  /** Clauses relied on (score ≥ the model's threshold), highest first; at most `maxClauses`. */
  clauses: ClauseScore[];
  rationale: string;
}

/** What a backend reads from a model directory: the version's clauses and its config. */
export interface ModelContext {
  dir: string;
  version: number;
  clauses: Clause[];
  config: ModelConfig;
}

export interface LoadedBackend {
  readonly name: string;
  /** Raw scores: support probabilities (For, Against, Abstain) and one relevance per clause. */
  score(proposals: Proposal[], current?: GovernanceParams): Promise<Scored[]>;
  dispose(): void;
}

export interface ModelBackend {
  readonly name: string;
  /** Loads a directory that has already been verified against its weights manifest root. */
  load(ctx: ModelContext): Promise<LoadedBackend>;
}

/** config.json of a trained model (see train.ts). */
export interface ModelConfig {
  format: string;
  backend: string;
  constitution: { version: number; sha256: string; clauses: number };
  datasetRoot: string;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  hidden: number;
  minDf: number;
  clauseThreshold: number;
  maxClauses: number;
  checkpointEvery: number;
  [k: string]: unknown;
}

export const tfjsBackend: ModelBackend = {
  name: "tfjs-layers",
  async load(ctx: ModelContext): Promise<LoadedBackend> {
    const modelJson = JSON.parse(fs.readFileSync(path.join(ctx.dir, "model.json"), "utf8")) as Record<string, unknown>;
    const net = await loadNet(modelJson, fs.readFileSync(path.join(ctx.dir, "weights.bin")));
    const vocab = JSON.parse(fs.readFileSync(path.join(ctx.dir, "vocab.json"), "utf8")) as Vocabulary;
    const space = featureSpace(vocab, ctx.clauses);
    return tfjsPredictor(net, space);
  },
};

/** A predictor over an in-memory net (training uses it for metrics, the backend after loading). */
export function tfjsPredictor(net: tfl.LayersModel, space: FeatureSpace): LoadedBackend {
  return {
    name: "tfjs-layers",
    async score(proposals, current = DEFAULT_PARAMS) {
      if (proposals.length === 0) return [];
      const width = space.vocab.terms.length + space.clauseVectors.length;
      const flat = new Float32Array(proposals.length * width);
      proposals.forEach((p, i) => flat.set(featurize(space, p, current).row, i * width));
      return tf.tidy(() => {
        const [s, c] = net.predict(tf.tensor2d(flat, [proposals.length, width])) as tf.Tensor[];
        const sd = s.dataSync();
        const cd = c.dataSync();
        const k = space.clauseVectors.length;
        return proposals.map((_, i) => ({
          support: Array.from(sd.subarray(i * 3, i * 3 + 3)),
          clauses: Array.from(cd.subarray(i * k, i * k + k)),
        }));
      });
    },
    dispose() {
      net.dispose();
    },
  };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function firstSentence(text: string, max = 110): string {
  const s = text.split(/(?<=[.;])\s/)[0].replace(/[.;]$/, "");
  return s.length > max ? s.slice(0, max - 1).trimEnd() + "…" : s;
}

/** Turns raw scores into the public prediction: support, confidence, clauses with scores and a rationale. */
export function toPrediction(
  proposal: Proposal,
  scored: Scored,
  clauses: Clause[],
  threshold: number,
  maxClauses: number,
): Prediction {
  const best = argmax(scored.support);
  const support = SUPPORTS[best];
  const ranked = clauses
    .map((c, k) => ({ id: c.id, title: c.title, score: r4(scored.clauses[k]), text: c.text }))
    .filter((c) => c.score >= threshold)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, maxClauses);
  const decoded: DecodedAction[] = proposal.actions.map((a) => decodeAction(a));
  const confidence = r4(scored.support[best]);
  const verdict =
    support === "For"
      ? "Vote For: the proposal is consistent with"
      : support === "Against"
        ? "Vote Against: the proposal conflicts with"
        : "Abstain: the constitution gives no clear guidance";
  const refs = ranked.map((c) => `§${c.id} ${c.title} (${c.score.toFixed(2)}): "${firstSentence(c.text)}"`);
  const acts =
    decoded.length === 0 ? "It has no on-chain action." : `Actions: ${decoded.map((d) => d.summary).join("; ")}.`;
  let body: string;
  if (support === "Abstain") body = refs.length ? `${verdict}; nearest: ${refs.join("; ")}.` : `${verdict}.`;
  else body = refs.length ? `${verdict} ${refs.join("; ")}.` : `${verdict} the constitution as a whole.`;
  return {
    support,
    confidence,
    clauses: ranked.map(({ id, title, score }) => ({ id, title, score })),
    rationale: `${body} ${acts} Confidence ${confidence.toFixed(2)}.`,
  };
}
