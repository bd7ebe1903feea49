/** One call that produces a trained model directory from the shipped corpus: used by the demo and the bench. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { train, type TrainProgress, type TrainResult } from "./train";

/** The shipped corpus: <repo>/data/corpus. */
export const DATA_CORPUS_DIR = path.join(__dirname, "..", "data", "corpus");

export interface TrainModelDirArgs {
  version: number;
  outDir: string;
  seed?: number;
  epochs?: number;
  checkpointEvery?: number;
  corpusDir?: string;
  log?: (line: string) => void;
}

/** Trains `version`'s model on the shipped corpus into `outDir`, logging progress every few epochs. */
export async function trainModelDir(args: TrainModelDirArgs): Promise<TrainResult & { codeHash: string }> {
  const log = args.log ?? (() => undefined);
  const every = (p: TrainProgress) => p.epoch === 1 || p.epoch === p.epochs || p.epoch % 10 === 0;
  const result = await train({
    constitutionVersion: args.version,
    corpusDir: args.corpusDir ?? DATA_CORPUS_DIR,
    outDir: args.outDir,
    seed: args.seed,
    epochs: args.epochs,
    checkpointEvery: args.checkpointEvery,
    onProgress: (p) => {
      if (every(p))
        log(`epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)} (~${(p.etaMs / 1000).toFixed(1)} s left)`);
    },
  });
  return { ...result, codeHash: mlCodeHash() };
}

/** SHA-256 (0x) over the ml/ sources (name and content, sorted): the training code hash anchored with a run. */
export function mlCodeHash(dir = __dirname): string {
  const h = crypto.createHash("sha256");
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    h.update(f)
      .update("\0")
      .update(fs.readFileSync(path.join(dir, f)))
      .update("\0");
  }
  return "0x" + h.digest("hex");
}
