/** Evaluation metrics of a constitution model on a labelled split. */
import type { Clause } from "./constitution";
import type { CorpusRecord } from "./corpus";
import { SUPPORTS } from "./proposal";
import { round6 } from "./features";

export interface ClauseMetrics {
  title: string;
  /** Labelled positives in the split. */
  positives: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
}

export interface Metrics {
  version: number;
  split: "eval";
  datasetRoot: string;
  examples: number;
  /** Support (For/Against/Abstain) accuracy. */
  accuracy: number;
  /** confusion[label][predicted]. */
  confusion: Record<string, Record<string, number>>;
  /** Mean recall over clauses with at least one positive. */
  macroClauseRecall: number;
  macroClausePrecision: number;
  clauseThreshold: number;
  clauses: Record<string, ClauseMetrics>;
  /** Support accuracy per family (the record id without its "-NNN" number, e.g. "handwritten-eval"). */
  families: Record<string, { examples: number; accuracy: number }>;
}

export interface Scored {
  support: number[];
  clauses: number[];
}

export function computeMetrics(
  version: number,
  datasetRoot: string,
  records: CorpusRecord[],
  outputs: Scored[],
  clauses: Clause[],
  threshold: number,
): Metrics {
  const confusion: Record<string, Record<string, number>> = {};
  for (const a of SUPPORTS) confusion[a] = Object.fromEntries(SUPPORTS.map((b) => [b, 0]));
  let correct = 0;
  const fam: Record<string, { examples: number; correct: number }> = {};
  const per = clauses.map((c) => ({ id: c.id, title: c.title, positives: 0, predicted: 0, truePositives: 0 }));
  records.forEach((r, i) => {
    const label = r.labels[String(version)];
    const o = outputs[i];
    const predicted = SUPPORTS[argmax(o.support)];
    confusion[label.support][predicted]++;
    if (predicted === label.support) correct++;
    const f = r.id.replace(/-\d+$/, "");
    fam[f] ??= { examples: 0, correct: 0 };
    fam[f].examples++;
    if (predicted === label.support) fam[f].correct++;
    clauses.forEach((c, k) => {
      const pos = label.clauses.includes(c.id);
      const pred = o.clauses[k] >= threshold;
      if (pos) per[k].positives++;
      if (pred) per[k].predicted++;
      if (pos && pred) per[k].truePositives++;
    });
  });
  const out: Record<string, ClauseMetrics> = {};
  const recalls: number[] = [];
  const precisions: number[] = [];
  for (const p of per) {
    const precision = p.predicted === 0 ? 0 : round6(p.truePositives / p.predicted);
    const recall = p.positives === 0 ? 0 : round6(p.truePositives / p.positives);
    if (p.positives > 0) recalls.push(recall);
    if (p.positives > 0) precisions.push(precision);
    out[p.id] = {
      title: p.title,
      positives: p.positives,
      predicted: p.predicted,
      truePositives: p.truePositives,
      precision,
      recall,
    };
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : round6(xs.reduce((a, b) => a + b, 0) / xs.length));
  return {
    version,
    split: "eval",
    datasetRoot,
    examples: records.length,
    accuracy: records.length === 0 ? 0 : round6(correct / records.length),
    confusion,
    macroClauseRecall: mean(recalls),
    macroClausePrecision: mean(precisions),
    clauseThreshold: threshold,
    clauses: out,
    families: Object.fromEntries(
      Object.entries(fam).map(([k, v]) => [k, { examples: v.examples, accuracy: round6(v.correct / v.examples) }]),
    ),
  };
}

export function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}
