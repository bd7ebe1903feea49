/**
 * Loading a model only after its files match the expected weights manifest root, and predicting with it.
 */
import fs from "node:fs";
import path from "node:path";
import {
  buildManifest,
  compareManifests,
  defaultManifestPath,
  formatDiff,
  manifestRoot,
  readManifest,
  type Manifest,
  type ManifestDiff,
} from "../sdk/manifest";
import type { GovernanceParams } from "./abi";
import { predictWith } from "./predictor";
import { tfjsBackend, type LoadedBackend, type ModelBackend, type ModelConfig, type Prediction } from "./backend";
import type { Clause } from "./constitution";
import type { Proposal } from "./proposal";

export class ModelVerificationError extends Error {
  constructor(
    message: string,
    readonly expectedRoot: string,
    readonly actualRoot: string,
    /** Null when no reference manifest with the expected root was at hand to name the paths. */
    readonly diff: ManifestDiff | null,
  ) {
    super(message);
    this.name = "ModelVerificationError";
  }
}

/** Models made by loadVerifiedModel (copies and hand-made objects are not in it). */
const verified = new WeakSet<object>();

/** A model whose directory matched the expected root when it was loaded. Only loadVerifiedModel makes one. */
export interface VerifiedModel {
  readonly dir: string;
  readonly root: string;
  readonly version: number;
  readonly config: ModelConfig;
  readonly clauses: Clause[];
  readonly backend: LoadedBackend;
}

export interface LoadOptions {
  /** The manifest to name differing paths with (default: <dir>.manifest.json if its root is the expected one). */
  manifest?: string | Manifest;
  backend?: ModelBackend;
}

/** The weights manifest root of a model directory (what ModelRegistry anchors as the weights root). */
export async function modelRoot(dir: string): Promise<string> {
  return (await buildManifest(dir)).predicate.merkle.root;
}

/**
 * Hashes every file of `dir`; refuses (ModelVerificationError naming the modified, missing and extra paths) unless
 * the Merkle root equals `expectedRoot`; then loads it with the backend (TensorFlow.js by default).
 */
export async function loadVerifiedModel(
  dir: string,
  expectedRoot: string,
  options: LoadOptions = {},
): Promise<VerifiedModel> {
  const actual = await buildManifest(dir);
  const actualRoot = actual.predicate.merkle.root;
  if (actualRoot.toLowerCase() !== expectedRoot.toLowerCase()) {
    let reference: Manifest | null = null;
    const m = options.manifest ?? (fs.existsSync(defaultManifestPath(dir)) ? defaultManifestPath(dir) : undefined);
    if (m) {
      const candidate = typeof m === "string" ? readManifest(m) : m;
      if (manifestRoot(candidate).toLowerCase() === expectedRoot.toLowerCase()) reference = candidate;
    }
    const diff = reference ? compareManifests(reference, actual) : null;
    const lines = diff ? formatDiff(diff) : ["(no manifest with the expected root at hand: cannot name the files)"];
    throw new ModelVerificationError(
      `refusing to load ${dir}: its weights root ${actualRoot} is not the expected ${expectedRoot}\n  ${lines.join("\n  ")}`,
      expectedRoot,
      actualRoot,
      diff,
    );
  }
  const config = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")) as ModelConfig;
  const clauses = (JSON.parse(fs.readFileSync(path.join(dir, "clauses.json"), "utf8")) as { clauses: Clause[] })
    .clauses;
  const version = config.constitution.version;
  const backend = await (options.backend ?? tfjsBackend).load({ dir, version, clauses, config });
  const model: VerifiedModel = { dir, root: actualRoot, version, config, clauses, backend };
  verified.add(model);
  return model;
}

function assertVerified(model: VerifiedModel): void {
  if (!model || !verified.has(model)) throw new Error("not a verified model: load it with loadVerifiedModel");
}

export interface PredictOptions {
  /** Parameters in force, to judge setParameters moves (default: the demo deployment's). */
  currentParams?: GovernanceParams;
}

/** The model's verdict on a proposal under `constitutionVersion` (must be the version the model was trained for). */
export async function predict(
  model: VerifiedModel,
  proposal: Proposal,
  constitutionVersion: number,
  options: PredictOptions = {},
): Promise<Prediction> {
  return (await predictMany(model, [proposal], constitutionVersion, options))[0];
}

export async function predictMany(
  model: VerifiedModel,
  proposals: Proposal[],
  constitutionVersion: number,
  options: PredictOptions = {},
): Promise<Prediction[]> {
  assertVerified(model);
  if (Number(constitutionVersion) !== model.version) {
    throw new Error(
      `this model was trained for constitution v${model.version}, not v${constitutionVersion}: load that version's model`,
    );
  }
  return predictWith(model.backend, model.config, model.clauses, proposals, options.currentParams);
}
