/**
 * The constitution model as the AI delegate's runtime (sdk/agent) sees it: `mlModelLoader` verifies a model
 * directory against the expected weights root (loadVerifiedModel) before loading it, and predicts with the
 * parameters in force. Kept in ml/ so that the SDK itself does not depend on TensorFlow.js.
 */
import type { AgentModel, AgentParams, AgentProposal, ModelLoader } from "../sdk/agent/types";
import { loadVerifiedModel, predict, type VerifiedModel } from "./model";

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
