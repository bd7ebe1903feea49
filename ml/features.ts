/**
 * Features of a proposal under one constitution version:
 *   [ TF-IDF of its terms (text stems + decoded-action terms) over the vocabulary  |  cosine similarity of its
 *     text vector with each clause text of that version ]
 * The vocabulary is every term of the version's clause texts plus the training corpus' terms seen in at least
 * `minDf` proposals; IDF is computed over training proposals and clauses. So the constitution text enters twice:
 * its clauses' terms are always features, and one similarity feature per clause.
 */
import { actionTerms, decodeAction, type GovernanceParams, DEFAULT_PARAMS } from "./abi";
import type { Clause } from "./constitution";
import type { Proposal } from "./proposal";
import { textTerms } from "./text";

export interface Vocabulary {
  terms: string[];
  idf: number[];
}

export interface FeatureSpace {
  vocab: Vocabulary;
  index: Map<string, number>;
  /** L2-normalised TF-IDF of each clause text (sparse: term index → weight). */
  clauseVectors: Map<number, number>[];
}

export function proposalTextTerms(p: Proposal): string[] {
  return textTerms(`${p.title}. ${p.description}`);
}

export function proposalActionTerms(p: Proposal, current: GovernanceParams = DEFAULT_PARAMS): string[] {
  const out: string[] = [];
  if (p.actions.length === 0) out.push("actions:none");
  for (const a of p.actions) out.push(...actionTerms(decodeAction(a), current));
  return out;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the vocabulary from training documents (term lists) and clause texts. Deterministic (sorted terms). */
export function buildVocabulary(trainDocs: string[][], clauseDocs: string[][], minDf: number): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of [...trainDocs, ...clauseDocs]) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const clauseTerms = new Set(clauseDocs.flat());
  const trainDf = new Map<string, number>();
  for (const doc of trainDocs) for (const t of new Set(doc)) trainDf.set(t, (trainDf.get(t) ?? 0) + 1);
  const terms = [...df.keys()].filter((t) => clauseTerms.has(t) || (trainDf.get(t) ?? 0) >= minDf).sort(byteOrder);
  const n = trainDocs.length + clauseDocs.length;
  const idf = terms.map((t) => round6(Math.log((1 + n) / (1 + df.get(t)!)) + 1));
  return { terms, idf };
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function featureSpace(vocab: Vocabulary, clauses: Clause[]): FeatureSpace {
  const index = new Map(vocab.terms.map((t, i) => [t, i]));
  const space: FeatureSpace = { vocab, index, clauseVectors: [] };
  space.clauseVectors = clauses.map((c) => tfidf(space, textTerms(c.text)));
  return space;
}

/** Sparse L2-normalised TF-IDF (sublinear tf) of a term list; out-of-vocabulary terms are dropped. */
export function tfidf(space: FeatureSpace, terms: string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const i = space.index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const v = new Map<number, number>();
  let norm = 0;
  for (const [i, c] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    const w = (1 + Math.log(c)) * space.vocab.idf[i];
    v.set(i, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [i, w] of v) v.set(i, w / norm);
  return v;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  let s = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [i, w] of small) {
    const u = large.get(i);
    if (u !== undefined) s += w * u;
  }
  return s;
}

export function featureLength(space: FeatureSpace): number {
  return space.vocab.terms.length + space.clauseVectors.length;
}

/** The dense feature row of a proposal; also returns each clause's text similarity (for the rationale). */
export function featurize(
  space: FeatureSpace,
  p: Proposal,
  current: GovernanceParams = DEFAULT_PARAMS,
): { row: Float32Array; similarity: number[] } {
  const text = proposalTextTerms(p);
  const all = tfidf(space, [...text, ...proposalActionTerms(p, current)]);
  const textOnly = tfidf(space, text);
  const row = new Float32Array(featureLength(space));
  for (const [i, w] of all) row[i] = w;
  const V = space.vocab.terms.length;
  const similarity = space.clauseVectors.map((cv) => cosine(textOnly, cv));
  // similarities are small (short clause texts); scaled so they weigh like the strongest TF-IDF entries
  similarity.forEach((s, k) => (row[V + k] = Math.fround(s * 4)));
  return { row, similarity };
}
