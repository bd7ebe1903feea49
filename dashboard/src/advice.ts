/**
 * Personal advice in the browser (loaded on demand: TensorFlow.js and wink-nlp stay out of the other pages' bundle).
 * The active model's files are fetched from the web server, hashed with WebCrypto and turned into the weights root by
 * the SDK's own function (sdk/manifest-core.ts); only a root equal to ModelRegistry's lets the model load. Then the
 * SDK's adviseMember (sdk/agent/advise.ts) runs as `agent:advise` does, over the model built by ml/predictor.ts, the
 * code the Node backend runs.
 */
import { ethers } from "ethers";
import { connectSuite } from "../../sdk/connect";
import { addressBook, onChainModel } from "../../sdk/agent/chain";
import { activeProposalIds } from "../../sdk/agent/runtime";
import { adviseMember, articleTitles, checkPreferences, type Advice, type Preferences } from "../../sdk/agent/advise";
import type { AgentModel } from "../../sdk/agent/types";
import { resourcesRoot, type ManifestResource } from "../../sdk/manifest-core";
import { netPredictor, predictWith, type ModelConfig } from "../../ml/predictor";
import type { Clause } from "../../ml/constitution";
import type { Vocabulary } from "../../ml/features";
import type { DashboardConfig } from "./config";

export { AREAS } from "../../sdk/agent/advise";
export type { Advice, Preferences };

export interface Verification {
  modelId: bigint;
  version: number;
  onChainRoot: string;
  /** The root of the files as served, computed here. */
  servedRoot: string;
  ok: boolean;
  files: Map<string, Uint8Array>;
}

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");

function suiteOf(config: DashboardConfig) {
  const provider = new ethers.JsonRpcProvider(config.rpcUrl, config.chainId, { staticNetwork: true });
  return connectSuite({ contracts: config.addresses }, provider);
}

/** Ids of the Active proposals (the SDK's activeProposalIds). */
export async function activeProposals(config: DashboardConfig): Promise<bigint[]> {
  return activeProposalIds(suiteOf(config));
}

/** Fetches every file of the active model and compares their weights root with ModelRegistry's. */
export async function verifyActiveModel(config: DashboardConfig): Promise<Verification> {
  const suite = suiteOf(config);
  const modelId = await suite.constitution.activeModelId();
  const onChain = await onChainModel(suite.modelRegistry, modelId);
  const served = config.models?.[modelId.toString()];
  if (!served) throw new Error(`the web server does not serve model #${modelId} (config.json "models")`);
  const files = new Map<string, Uint8Array>();
  const resources: ManifestResource[] = await Promise.all(
    served.files.map(async (name) => {
      const res = await fetch(new URL(name, new URL(served.url, location.href)), { cache: "no-store" });
      if (!res.ok) throw new Error(`${served.url}${name}: HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      files.set(name, bytes);
      const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
      return { name, algorithm: "sha256" as const, digest, size: bytes.length };
    }),
  );
  const servedRoot = resourcesRoot(resources);
  return {
    modelId,
    version: onChain.version,
    onChainRoot: onChain.weightsRoot,
    servedRoot,
    ok: servedRoot.toLowerCase() === onChain.weightsRoot.toLowerCase(),
    files,
  };
}

const json = <T>(files: Map<string, Uint8Array>, name: string): T => {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`the model has no ${name}`);
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
};

/** The verified files as the AI delegate's model (what ml/agent.ts makes of a verified directory in Node). */
export async function browserModel(v: Verification): Promise<AgentModel> {
  if (!v.ok) throw new Error(`refusing to load model #${v.modelId}: its files do not match the on-chain weights root`);
  const config = json<ModelConfig>(v.files, "config.json");
  const clauses = json<{ clauses: Clause[] }>(v.files, "clauses.json").clauses;
  const backend = await netPredictor(
    json<Record<string, unknown>>(v.files, "model.json"),
    v.files.get("weights.bin")!,
    json<Vocabulary>(v.files, "vocab.json"),
    clauses,
  );
  return {
    root: v.servedRoot,
    version: config.constitution.version,
    dir: `model #${v.modelId}`,
    clauses: clauses.map((c) => ({ id: c.id, title: c.title })),
    async predict(proposal, params) {
      return (await predictWith(backend, config, clauses, [proposal], params))[0];
    },
  };
}

/** adviseMember for `member`, as `agent:advise` computes it, with the model verified above. */
export async function adviseInBrowser(
  config: DashboardConfig,
  model: AgentModel,
  member: string,
  prefs: Preferences,
  proposalId: bigint,
): Promise<Advice> {
  const res = await fetch(`${config.documentsUrl ?? "./documents"}/constitution/v${model.version}.md`);
  if (!res.ok) throw new Error(`constitution v${model.version}: HTTP ${res.status}`);
  return adviseMember(
    {
      suite: suiteOf(config),
      model,
      book: addressBook(config.addresses),
      articleTitles: articleTitles(await res.text()),
      network: config.chainId === 31337 ? "localhost" : `<network of chain ${config.chainId}>`,
    },
    member,
    checkPreferences(prefs),
    proposalId,
  );
}
