/**
 * The constitution model as the AI delegate's runtime (sdk/agent) sees it: `mlModelLoader` verifies a model
 * directory against the expected weights root (loadVerifiedModel) before loading it, and predicts with the
 * parameters in force. Kept in ml/ so that the SDK itself does not depend on TensorFlow.js.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONSTITUTION_DIR } from "./constitution";
import { DATA_CORPUS_DIR, mlCodeHash, trainModelDir } from "./pipeline";
import type { AgentModel, AgentParams, AgentProposal, ModelLoader } from "../sdk/agent/types";
import { loadVerifiedModel, modelRoot, predict, type VerifiedModel } from "./model";

/** Wraps a verified model. */
export function agentModel(model: VerifiedModel): AgentModel {
  return {
    root: model.root,
    version: model.version,
    dir: model.dir,
    clauses: model.clauses.map((c) => ({ id: c.id, title: c.title })),
    async predict(proposal: AgentProposal, params: AgentParams) {
      return predict(model, proposal, model.version, { currentParams: params });
    },
  };
}

/** Loads only directories whose weights manifest root is the expected one (ModelVerificationError otherwise). */
export const mlModelLoader: ModelLoader = {
  async load(dir: string, expectedRoot: string): Promise<AgentModel> {
    return agentModel(await loadVerifiedModel(dir, expectedRoot));
  },
};

/**
 * `version`'s model trained once and kept in `cacheDir` (default the OS temp folder) under a key of the ml code,
 * corpus and constitution text hashes: training is deterministic, so a later call reuses the folder after checking
 * its root. For tests, benches and local runs; a deployment anchors a model trained by `model:train`.
 */
export async function cachedModel(version: number, cacheDir = os.tmpdir()): Promise<{ dir: string; root: string }> {
  const h = crypto.createHash("sha256").update(mlCodeHash());
  for (const f of fs.readdirSync(DATA_CORPUS_DIR).sort()) h.update(fs.readFileSync(path.join(DATA_CORPUS_DIR, f)));
  h.update(fs.readFileSync(path.join(CONSTITUTION_DIR, `v${version}.md`)));
  const dir = path.join(cacheDir, `bytomdao-model-v${version}-${h.digest("hex").slice(0, 16)}`, "weights");
  const rootFile = `${dir}.root`;
  if (fs.existsSync(rootFile) && fs.existsSync(dir)) {
    const root = fs.readFileSync(rootFile, "utf8").trim();
    if ((await modelRoot(dir)) === root) return { dir, root };
  }
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  const r = await trainModelDir({ version, outDir: dir });
  fs.writeFileSync(rootFile, r.weightsRoot);
  return { dir, root: r.weightsRoot };
}
