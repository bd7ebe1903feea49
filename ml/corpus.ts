/**
 * The labelled proposal corpus: JSONL files in a directory (data/corpus), one proposal per line, each labelled per
 * constitution version with the expected support and the clauses it touches, and assigned to a fixed split.
 */
import fs from "node:fs";
import path from "node:path";

export { SUPPORTS, type Proposal, type Support } from "./proposal";
import type { Proposal, Support } from "./proposal";

export interface Label {
  support: Support;
  /** Clause ids ("4.2") of that version the proposal touches. */
  clauses: string[];
}

export interface CorpusRecord extends Proposal {
  id: string;
  split: "train" | "eval";
  /** Labels per constitution version ("1", "2"). */
  labels: Record<string, Label>;
}

/** Every record of every *.jsonl file under `dir`, files in byte order, lines in file order. */
export function readCorpus(dir: string): CorpusRecord[] {
  if (!fs.existsSync(dir)) throw new Error(`corpus directory ${dir} not found`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new Error(`no *.jsonl file in ${dir}`);
  const out: CorpusRecord[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const lines = fs.readFileSync(path.join(dir, f), "utf8").split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      let r: CorpusRecord;
      try {
        r = JSON.parse(line) as CorpusRecord;
      } catch (e) {
        throw new Error(`${f}:${i + 1}: not JSON (${(e as Error).message})`);
      }
      if (ids.has(r.id)) throw new Error(`${f}:${i + 1}: duplicate id ${r.id}`);
      if (r.split !== "train" && r.split !== "eval") throw new Error(`${f}:${i + 1}: split must be train or eval`);
      ids.add(r.id);
      out.push(r);
    });
  }
  return out;
}

/** Records labelled for `version`, of one split. */
export function recordsFor(records: CorpusRecord[], version: number, split: "train" | "eval"): CorpusRecord[] {
  return records.filter((r) => r.split === split && r.labels[String(version)] !== undefined);
}
