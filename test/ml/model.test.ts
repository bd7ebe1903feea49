import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import {
  ModelVerificationError,
  canonicalJson,
  compareMetrics,
  evaluate,
  loadVerifiedModel,
  predict,
  predictMany,
  train,
  type Metrics,
  type TrainResult,
  type VerifiedModel,
} from "../../ml";
import { CORPUS, DATA_GRANT, LOWER_SUPERMAJORITY, readTree, tmpDir } from "./helpers";

/** The accuracy bar on the evaluation split (support For/Against/Abstain) that the shipped config must clear. */
const ACCURACY_BAR = 0.9;

describe("constitution model (ml/)", function () {
  let full: TrainResult;
  let model: VerifiedModel;

  before(async function () {
    // one full training with the shipped defaults (about 10 s on the 2-core machines)
    full = await train({ constitutionVersion: 2, corpusDir: CORPUS, outDir: path.join(tmpDir("full"), "v2") });
    model = await loadVerifiedModel(full.outDir, full.weightsRoot);
  });

  describe("training", function () {
    it("writes weights, topology, config, vocabulary, card, loss curve, metrics and checkpoints", function () {
      const files = [...readTree(full.outDir).keys()].sort();
      expect(files).to.deep.equal([
        "MODEL_CARD.md",
        "checkpoints/step-000050.safetensors",
        "checkpoints/step-000100.safetensors",
        "checkpoints/step-000150.safetensors",
        "checkpoints/step-000180.safetensors",
        "clauses.json",
        "config.json",
        "history.json",
        "loss.svg",
        "metrics.json",
        "model.json",
        "vocab.json",
        "weights.bin",
      ]);
      const config = JSON.parse(fs.readFileSync(path.join(full.outDir, "config.json"), "utf8"));
      expect(config.datasetRoot).to.equal(full.datasetRoot);
      expect(config.seed).to.equal(42);
      expect(config.shuffle).to.equal(false);
      expect(config.libraries).to.deep.equal({
        "@tensorflow/tfjs-backend-cpu": "4.22.0",
        "@tensorflow/tfjs-core": "4.22.0",
        "@tensorflow/tfjs-layers": "4.22.0",
        "wink-eng-lite-web-model": "1.8.1",
        "wink-nlp": "2.4.0",
      });
      expect(config.constitution.clauses).to.equal(17);
      expect(full.checkpoints.map((c) => c.step)).to.deep.equal([50, 100, 150, 180]);
      expect(full.losses).to.have.length(30);
      expect(full.losses[29]).to.be.lessThan(full.losses[0]);
      expect(fs.readFileSync(path.join(full.outDir, "loss.svg"), "utf8")).to.match(/^<svg [^]*<polyline/);
      expect(fs.readFileSync(full.manifestFile, "utf8")).to.contain(full.weightsRoot);
    });

    it("is deterministic: two trainings give the same bytes and the same weights root", async function () {
      const opts = { constitutionVersion: 2, corpusDir: CORPUS, epochs: 3, checkpointEvery: 4, seed: 7 };
      const a = await train({ ...opts, outDir: path.join(tmpDir("det-a"), "m") });
      const b = await train({ ...opts, outDir: path.join(tmpDir("det-b"), "m") });
      expect(a.weightsRoot).to.equal(b.weightsRoot);
      expect(a.metricsHash).to.equal(b.metricsHash);
      const ta = readTree(a.outDir);
      const tb = readTree(b.outDir);
      expect([...ta.keys()]).to.deep.equal([...tb.keys()]);
      for (const [name, bytes] of ta) expect(bytes.equals(tb.get(name)!), name).to.equal(true);
      // another seed: other weights
      const c = await train({ ...opts, seed: 8, outDir: path.join(tmpDir("det-c"), "m") });
      expect(c.weightsRoot).to.not.equal(a.weightsRoot);
      expect(readTree(c.outDir).get("weights.bin")!.equals(ta.get("weights.bin")!)).to.equal(false);
    });

    it("changing one label changes the dataset root and the weights root", async function () {
      const opts = { constitutionVersion: 2, epochs: 3, checkpointEvery: 4 };
      const base = await train({ ...opts, corpusDir: CORPUS, outDir: path.join(tmpDir("lbl-a"), "m") });
      const corpus = tmpDir("corpus");
      for (const f of fs.readdirSync(CORPUS)) fs.copyFileSync(path.join(CORPUS, f), path.join(corpus, f));
      const file = path.join(corpus, "mints.jsonl");
      const lines = fs.readFileSync(file, "utf8").split("\n");
      const first = JSON.parse(lines[0]);
      expect(first.labels["2"].support).to.equal("For");
      first.labels["2"].support = "Against";
      lines[0] = JSON.stringify(first);
      fs.writeFileSync(file, lines.join("\n"));
      const changed = await train({ ...opts, corpusDir: corpus, outDir: path.join(tmpDir("lbl-b"), "m") });
      expect(changed.datasetRoot).to.not.equal(base.datasetRoot);
      expect(changed.weightsRoot).to.not.equal(base.weightsRoot);
      expect(readTree(changed.outDir).get("weights.bin")!.equals(readTree(base.outDir).get("weights.bin")!)).to.equal(
        false,
      );
    });

    it("amending a clause's text changes the clauses, the weights and the predictions", async function () {
      const v2 = fs.readFileSync(path.join(__dirname, "..", "..", "constitution", "v2.md"), "utf8");
      const amended = v2.replace(
        "The supermajority may be raised, never lowered below 80%.",
        "The supermajority may be set anywhere between two thirds and 95% of the votes cast.",
      );
      expect(amended).to.not.equal(v2);
      const opts = { constitutionVersion: 2, corpusDir: CORPUS, epochs: 3, checkpointEvery: 4 };
      const a = await train({ ...opts, constitutionText: v2, outDir: path.join(tmpDir("am-a"), "m") });
      const b = await train({ ...opts, constitutionText: amended, outDir: path.join(tmpDir("am-b"), "m") });
      const ta = readTree(a.outDir);
      const tb = readTree(b.outDir);
      for (const f of ["clauses.json", "vocab.json", "weights.bin", "config.json"]) {
        expect(ta.get(f)!.equals(tb.get(f)!), f).to.equal(false);
      }
      const ma = await loadVerifiedModel(a.outDir, a.weightsRoot);
      const mb = await loadVerifiedModel(b.outDir, b.weightsRoot);
      const sa = await ma.backend.score([LOWER_SUPERMAJORITY]);
      const sb = await mb.backend.score([LOWER_SUPERMAJORITY]);
      expect(sa[0].clauses[11]).to.not.equal(sb[0].clauses[11]); // clause 4.2's relevance
      expect(sa[0].support).to.not.deep.equal(sb[0].support);
    });
  });

  describe("evaluation", function () {
    it(`clears the accuracy bar (${ACCURACY_BAR}) on the evaluation split and recomputes to the anchored metrics`, async function () {
      const m: Metrics = await evaluate(full.outDir, CORPUS, full.weightsRoot);
      expect(m.examples).to.equal(96);
      expect(m.accuracy).to.be.at.least(ACCURACY_BAR);
      expect(Object.keys(m.clauses)).to.have.length(17);
      const cmp = compareMetrics(path.join(full.outDir, "metrics.json"), m);
      expect(cmp.equal).to.equal(true);
      expect(cmp.mismatches).to.deep.equal([]);
      expect(cmp.anchoredHash).to.equal(full.metricsHash);
      expect(canonicalJson(m)).to.equal(fs.readFileSync(path.join(full.outDir, "metrics.json"), "utf8"));
    });

    it("names what differs from forged anchored metrics", function () {
      const forged = { ...full.metrics, accuracy: 0.5, clauses: { ...full.metrics.clauses } };
      forged.clauses["4.2"] = { ...forged.clauses["4.2"], recall: 0.1 };
      const cmp = compareMetrics(Buffer.from(canonicalJson(forged)), full.metrics);
      expect(cmp.equal).to.equal(false);
      expect(cmp.mismatches).to.deep.equal([
        `accuracy: anchored 0.5, recomputed ${full.metrics.accuracy}`,
        `clauses.4.2.recall: anchored 0.1, recomputed ${full.metrics.clauses["4.2"].recall}`,
      ]);
    });

    it("refuses to evaluate a directory without the expected root", async function () {
      let err: Error | null = null;
      await evaluate(full.outDir, CORPUS).catch((e: Error) => (err = e));
      expect(err!.message).to.match(/pass the anchored weights root/);
    });
  });

  describe("verification", function () {
    it("refuses tampered weights and names the path; refuses extra and missing files", async function () {
      const dir = path.join(tmpDir("tamper"), "v2");
      fs.cpSync(full.outDir, dir, { recursive: true });
      fs.copyFileSync(full.manifestFile, `${dir}.manifest.json`);
      await loadVerifiedModel(dir, full.weightsRoot); // untouched copy loads
      const w = path.join(dir, "weights.bin");
      const bytes = fs.readFileSync(w);
      bytes[100] ^= 0x01;
      fs.writeFileSync(w, bytes);
      fs.writeFileSync(path.join(dir, "backdoor.txt"), "x");
      fs.rmSync(path.join(dir, "checkpoints", "step-000050.safetensors"));
      let err: unknown = null;
      await loadVerifiedModel(dir, full.weightsRoot).catch((e) => (err = e));
      expect(err).to.be.instanceOf(ModelVerificationError);
      const v = err as ModelVerificationError;
      expect(v.diff).to.deep.equal({
        equal: false,
        flipped: ["weights.bin"],
        missing: ["checkpoints/step-000050.safetensors"],
        extra: ["backdoor.txt"],
      });
      expect(v.message).to.contain("modified: weights.bin");
      expect(v.message).to.contain(`not the expected ${full.weightsRoot}`);
    });

    it("without a reference manifest it still refuses, and says it cannot name the files", async function () {
      const dir = path.join(tmpDir("tamper2"), "v2");
      fs.cpSync(full.outDir, dir, { recursive: true });
      fs.appendFileSync(path.join(dir, "vocab.json"), " ");
      let err: unknown = null;
      await loadVerifiedModel(dir, full.weightsRoot).catch((e) => (err = e));
      expect((err as ModelVerificationError).diff).to.equal(null);
      expect((err as Error).message).to.contain("cannot name the files");
    });

    it("predict refuses a model that was not verified, and another constitution version", async function () {
      let err: Error | null = null;
      await predict({ ...model } as VerifiedModel, LOWER_SUPERMAJORITY, 2).catch((e: Error) => (err = e));
      expect(err!.message).to.contain("not a verified model");
      await predict(model, LOWER_SUPERMAJORITY, 1).catch((e: Error) => (err = e));
      expect(err!.message).to.contain("trained for constitution v2, not v1");
    });
  });

  describe("prediction", function () {
    it("judges lowering the supermajority below 80% Against, relying on clause 4.2", async function () {
      const p = await predict(model, LOWER_SUPERMAJORITY, 2);
      expect(p.support).to.equal("Against");
      expect(p.confidence).to.be.greaterThan(0.8);
      expect(p.clauses.map((c) => c.id)).to.include("4.2");
      const c42 = p.clauses.find((c) => c.id === "4.2")!;
      expect(c42.title).to.equal("Safeguards (2)");
      expect(c42.score).to.be.within(0.5, 1);
      expect(p.rationale).to.match(/^Vote Against: the proposal conflicts with .*§4\.2 Safeguards \(2\)/);
      expect(p.rationale).to.contain("Constitution.setParameters(supermajorityBps=7000)");
    });

    it("judges a builder data grant For, relying on clause 2.4", async function () {
      const p = await predict(model, DATA_GRANT, 2);
      expect(p.support).to.equal("For");
      expect(p.clauses[0].id).to.equal("2.4");
      expect(p.clauses[0].title).to.equal("Roles — Ecosystem Builders");
    });

    it("is deterministic: the same bytes of output on every call and after reloading", async function () {
      const a = JSON.stringify(await predictMany(model, [LOWER_SUPERMAJORITY, DATA_GRANT], 2));
      const b = JSON.stringify(await predictMany(model, [LOWER_SUPERMAJORITY, DATA_GRANT], 2));
      const again = await loadVerifiedModel(full.outDir, full.weightsRoot);
      const c = JSON.stringify(await predictMany(again, [LOWER_SUPERMAJORITY, DATA_GRANT], 2));
      expect(a).to.equal(b);
      expect(a).to.equal(c);
      // one at a time equals batched
      const single = JSON.stringify([
        await predict(model, LOWER_SUPERMAJORITY, 2),
        await predict(model, DATA_GRANT, 2),
      ]);
      expect(single).to.equal(a);
    });
  });
});
