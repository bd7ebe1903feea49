/** MODEL_CARD.md and loss.svg of a trained model: pure functions of the run's numbers (no timestamps). */
import type { ModelConfig } from "./backend";
import type { Metrics } from "./metrics";

export function lossSvg(losses: number[], title: string): string {
  const W = 640;
  const H = 320;
  const pad = { l: 60, r: 20, t: 36, b: 44 };
  const max = Math.max(...losses, 1e-9);
  const n = Math.max(losses.length - 1, 1);
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) * i) / n;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const points = losses.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = max * f;
      return `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(3)}</text>`;
    })
    .join("\n  ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">
  <rect width="${W}" height="${H}" fill="white"/>
  <text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${title}</text>
  ${ticks}
  <line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="black"/>
  <line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="black"/>
  <text x="${W / 2}" y="${H - 10}" text-anchor="middle">epoch (1 … ${losses.length})</text>
  <text x="14" y="${H / 2}" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">training loss</text>
  <polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${points}"/>
</svg>
`;
}

export function modelCard(config: ModelConfig, metrics: Metrics, losses: number[], trainExamples: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = Object.entries(metrics.clauses)
    .map(
      ([id, c]) =>
        `| ${id} | ${c.title} | ${c.positives} | ${c.positives ? pct(c.recall) : "—"} | ${c.predicted ? pct(c.precision) : "—"} |`,
    )
    .join("\n");
  const conf = Object.entries(metrics.confusion)
    .map(([label, row]) => `| ${label} | ${row.For} | ${row.Against} | ${row.Abstain} |`)
    .join("\n");
  return `# Model card: BytomDAO constitution model, version ${config.constitution.version}

## Intended use
Advises on a governance proposal (title, description, on-chain actions with decoded calldata) under constitution
version ${config.constitution.version}: **For / Against / Abstain**, a confidence, the clauses relied on with a
relevance score each, and a short plain-language rationale. It is the reasoning of the DAO's AI delegate, whose
votes members can always override. It is **not** a legal opinion and does not check the code of upgrade targets.

## Model
A TensorFlow.js (tfjs-layers, CPU backend) network: TF-IDF of wink-nlp stems and decoded-action terms
(${config.features && (config.features as { vocabulary: number }).vocabulary} terms) plus one text-similarity
feature per clause (${config.constitution.clauses} clauses) → dense ${config.hidden} (relu) → support softmax (3)
and, from the hidden layer and the input together, one sigmoid relevance head per clause.
Constitution text sha256 \`${config.constitution.sha256}\`.

## Data
The BytomDAO proposal corpus (data/corpus, see data/DATASHEET.md), dataset Merkle root
\`${config.datasetRoot}\`: ${trainExamples} training proposals, ${metrics.examples} evaluation proposals
(fixed split).

## Training
Adam, learning rate ${config.learningRate}, batch ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed},
no shuffling, seeded initializers; checkpoints every ${config.checkpointEvery} steps. Loss per epoch: loss.svg
(first ${losses[0]?.toFixed(4)}, last ${losses[losses.length - 1]?.toFixed(4)}).

![training loss](loss.svg)

## Metrics (evaluation split)
Support accuracy **${pct(metrics.accuracy)}** on ${metrics.examples} proposals; clause macro recall
${pct(metrics.macroClauseRecall)}, macro precision ${pct(metrics.macroClausePrecision)} (threshold
${metrics.clauseThreshold}).

| label \\ predicted | For | Against | Abstain |
|---|---|---|---|
${conf}

| clause | title | positives | recall | precision |
|---|---|---|---|---|
${rows}

## Limitations
- The corpus is synthetic, written from templates for this constitution: the evaluation split shares families
  and phrasings with the training split, so these figures overstate accuracy on proposals written freely.
- Bag-of-stems features: word order and long-range logic are lost; a well-phrased harmful proposal with benign
  actions can be misjudged. Upgrades are judged by their description, not their code.
- Parameter moves are judged against the demo deployment's parameters unless the caller passes the ones in force.
- One model per constitution version; an amendment needs a retrained, re-anchored, re-evaluated model.
`;
}
