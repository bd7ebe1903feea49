/**
 * The browser-safe part of the TensorFlow.js backend (no node: import): a predictor over a net, and raw scores turned
 * into the public prediction. ml/backend.ts reads the files from disk and calls these; the dashboard calls them on
 * files it fetched and verified against the on-chain weights root, so one implementation serves both.
 */
import { DEFAULT_PARAMS, decodeAction, type DecodedAction, type GovernanceParams } from "./abi";
import type { Clause } from "./constitution";
import { SUPPORTS, type Proposal, type Support } from "./proposal";
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

export interface LoadedBackend {
  readonly name: string;
  /** Raw scores: support probabilities (For, Against, Abstain) and one relevance per clause. */
  score(proposals: Proposal[], current?: GovernanceParams): Promise<Scored[]>;
  dispose(): void;
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

/** A predictor from a model's files: model.json, weights.bin, vocab.json and the version's clauses. */
export async function netPredictor(
  modelJson: Record<string, unknown>,
  weights: Uint8Array,
  vocab: Vocabulary,
  clauses: Clause[],
): Promise<LoadedBackend> {
  return tfjsPredictor(await loadNet(modelJson, weights), featureSpace(vocab, clauses));
}

/** Predictions of `proposals` (raw scores through toPrediction with the model's threshold and clause limit). */
export async function predictWith(
  backend: LoadedBackend,
  config: ModelConfig,
  clauses: Clause[],
  proposals: Proposal[],
  current?: GovernanceParams,
): Promise<Prediction[]> {
  const scored = await backend.score(proposals, current);
  return proposals.map((p, i) => toPrediction(p, scored[i], clauses, config.clauseThreshold, config.maxClauses));
}

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
