/**
 * Inference backends. A backend turns a verified model directory into a predictor; it is only ever handed a
 * directory whose files match the expected weights manifest root (loadVerifiedModel checks first), so a larger
 * local model (GGUF through node-llama-cpp, ONNX through onnxruntime-node) is bound by the same check.
 * Built here: the TensorFlow.js backend. See docs/constitution-model.md for adding another.
 */
import fs from "node:fs";
import path from "node:path";
import type { Clause } from "./constitution";
import { netPredictor, type LoadedBackend, type ModelConfig } from "./predictor";
import type { Vocabulary } from "./features";

export {
  tfjsPredictor,
  toPrediction,
  type ClauseScore,
  type LoadedBackend,
  type ModelConfig,
  type Prediction,
} from "./predictor";

/** What a backend reads from a model directory: the version's clauses and its config. */
export interface ModelContext {
  dir: string;
  version: number;
  clauses: Clause[];
  config: ModelConfig;
}

export interface ModelBackend {
  readonly name: string;
  /** Loads a directory that has already been verified against its weights manifest root. */
  load(ctx: ModelContext): Promise<LoadedBackend>;
}

export const tfjsBackend: ModelBackend = {
  name: "tfjs-layers",
  async load(ctx: ModelContext): Promise<LoadedBackend> {
    const modelJson = JSON.parse(fs.readFileSync(path.join(ctx.dir, "model.json"), "utf8")) as Record<string, unknown>;
    const vocab = JSON.parse(fs.readFileSync(path.join(ctx.dir, "vocab.json"), "utf8")) as Vocabulary;
    return netPredictor(modelJson, fs.readFileSync(path.join(ctx.dir, "weights.bin")), vocab, ctx.clauses);
  },
};
