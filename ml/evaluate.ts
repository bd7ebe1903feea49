/**
 * Recomputing a model's metrics on the evaluation split, and comparing them with the anchored metrics.json
 * (byte comparison of canonical JSON, with a report naming every differing field).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildManifest } from "../sdk/manifest";
import { canonicalJson, jsonDiff } from "./canonical";
import { readCorpus, recordsFor } from "./corpus";
import { computeMetrics, type Metrics } from "./metrics";
import { loadVerifiedModel, type LoadOptions, type VerifiedModel } from "./model";

/**
 * Metrics of `model` on the evaluation split of `corpusDir`. Pass a VerifiedModel, or a directory together with
 * its expected weights root (the directory is verified before it runs).
 */
export async function evaluate(
  model: VerifiedModel | string,
  corpusDir: string,
  expectedRoot?: string,
  options: LoadOptions = {},
): Promise<Metrics> {
  let m: VerifiedModel;
  if (typeof model === "string") {
    if (!expectedRoot) throw new Error("evaluate(dir, corpus, expectedRoot): pass the anchored weights root to verify");
    m = await loadVerifiedModel(model, expectedRoot, options);
  } else m = model;
  const records = recordsFor(readCorpus(corpusDir), m.version, "eval");
  const datasetRoot = (await buildManifest(corpusDir)).predicate.merkle.root;
  const scored = await m.backend.score(records);
  return computeMetrics(m.version, datasetRoot, records, scored, m.clauses, m.config.clauseThreshold);
}

export interface MetricsComparison {
  /** Canonical JSON bytes equal. */
  equal: boolean;
  anchoredHash: string;
  recomputedHash: string;
  /** One line per differing field: "accuracy: anchored 0.9, recomputed 0.88". */
  mismatches: string[];
}

const hash = (s: string) => "0x" + crypto.createHash("sha256").update(s).digest("hex");

/**
 * Compares recomputed metrics with the anchored ones: a metrics.json path, its bytes, or the parsed object.
 * The hashes are SHA-256 of the canonical JSON (what train() writes and anchors as the metrics hash).
 */
export function compareMetrics(anchored: string | Buffer | Metrics, recomputed: Metrics): MetricsComparison {
  let anchoredJson: string;
  if (Buffer.isBuffer(anchored)) anchoredJson = anchored.toString("utf8");
  else if (typeof anchored === "string") anchoredJson = fs.readFileSync(anchored, "utf8");
  else anchoredJson = canonicalJson(anchored);
  const recomputedJson = canonicalJson(recomputed);
  const equal = anchoredJson === recomputedJson;
  let mismatches: string[] = [];
  if (!equal) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(anchoredJson);
    } catch {
      mismatches = ["(root): the anchored metrics are not JSON"];
    }
    if (parsed !== null) mismatches = jsonDiff(parsed, recomputed);
    if (mismatches.length === 0) mismatches = ["(format): same values, but the anchored file is not canonical JSON"];
  }
  return { equal, anchoredHash: hash(anchoredJson), recomputedHash: hash(recomputedJson), mismatches };
}

/** Verifies, evaluates and compares with the model directory's own metrics.json (or `anchoredMetrics`). */
export async function reevaluate(
  dir: string,
  corpusDir: string,
  expectedRoot: string,
  anchoredMetrics: string | Buffer = path.join(dir, "metrics.json"),
): Promise<MetricsComparison & { metrics: Metrics }> {
  const metrics = await evaluate(dir, corpusDir, expectedRoot);
  return { ...compareMetrics(anchoredMetrics, metrics), metrics };
}
