// Constitution model figures: npm run bench:model (printed, not asserted).
// Training time, inference median per proposal, weights size, evaluation accuracy and per-clause recall.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DATA_CORPUS_DIR, loadVerifiedModel, predict, readCorpus, recordsFor, train } from "../ml";

async function main() {
  const version = Number(process.env.CONSTITUTION_VERSION ?? 2);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bytom-bench-model-")), `model-v${version}`);
  const r = await train({ constitutionVersion: version, corpusDir: DATA_CORPUS_DIR, outDir: out });
  const model = await loadVerifiedModel(out, r.weightsRoot);
  const proposals = recordsFor(readCorpus(DATA_CORPUS_DIR), version, "eval");
  for (const p of proposals.slice(0, 5)) await predict(model, p, version); // warm-up
  const times: number[] = [];
  for (const p of proposals) {
    const t = process.hrtime.bigint();
    await predict(model, p, version);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const size = (f: string) => fs.statSync(path.join(out, f)).size;
  const total = fs
    .readdirSync(out, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(out, f)).isFile())
    .reduce((s, f) => s + size(f), 0);
  const m = r.metrics;
  console.log(`constitution v${version} model, corpus root ${r.datasetRoot}`);
  console.log(
    `training time        ${(r.trainMs / 1000).toFixed(2)} s (${r.losses.length} epochs, ${os.cpus().length} cores)`,
  );
  console.log(
    `inference median     ${median.toFixed(2)} ms per proposal (p90 ${times[Math.floor(times.length * 0.9)].toFixed(2)} ms, ${times.length} proposals)`,
  );
  console.log(
    `weights size         weights.bin ${size("weights.bin")} bytes; model dir ${total} bytes incl. checkpoints`,
  );
  console.log(`weights root         ${r.weightsRoot}`);
  console.log(`eval accuracy        ${(m.accuracy * 100).toFixed(1)}% on ${m.examples} proposals`);
  console.log(
    `clause macro recall  ${(m.macroClauseRecall * 100).toFixed(1)}%, macro precision ${(m.macroClausePrecision * 100).toFixed(1)}%`,
  );
  const hw = m.families["handwritten-eval"];
  if (hw)
    console.log(`  of which hand-written (free-form) ${(hw.accuracy * 100).toFixed(1)}% on ${hw.examples} proposals`);
  for (const [id, c] of Object.entries(m.clauses)) {
    console.log(
      `  §${id.padEnd(4)} recall ${c.positives ? (c.recall * 100).toFixed(0).padStart(3) + "%" : "   —"}  (${c.positives} positives)  ${c.title}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
