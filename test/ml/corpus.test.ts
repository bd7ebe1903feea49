import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { loadConstitution, parseConstitution, readCorpus, recordsFor, decodeAction, type Support } from "../../ml";
import { generateCorpus } from "../../ml/corpus-gen";
import { CORPUS, LOWER_SUPERMAJORITY, tmpDir } from "./helpers";

const V1_IDS = ["1", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4", "4.5"];

describe("constitution clauses and corpus (ml/, data/)", function () {
  it("parses the clauses of v1 and v2 from constitution/vN.md", function () {
    const v1 = loadConstitution(1);
    const v2 = loadConstitution(2);
    expect(v1.clauses.map((c) => c.id)).to.deep.equal(V1_IDS);
    expect(v2.clauses.map((c) => c.id)).to.deep.equal([...V1_IDS, "5.1", "5.2"]);
    expect(v2.clauses[1].title).to.equal("Roles — Members");
    expect(v2.clauses[8].title).to.equal("The constitutional cycle — Updating");
    expect(v2.clauses[11]).to.deep.equal({
      id: "4.2",
      article: 4,
      title: "Safeguards (2)",
      text: "The supermajority may be raised, never lowered below 80%. Every governance parameter has bounds that no vote can cross.",
    });
    expect(() => parseConstitution("# no articles", 9)).to.throw(/no "## Article N — Title" section/);
  });

  it("ships at least 300 labelled proposals with a fixed split, covering every clause of v1 and v2 in both splits", function () {
    const records = readCorpus(CORPUS);
    expect(records).to.have.length(426);
    for (const version of [1, 2]) {
      const ids = loadConstitution(version).clauses.map((c) => c.id);
      for (const split of ["train", "eval"] as const) {
        const rs = recordsFor(records, version, split);
        const touched = new Set(rs.flatMap((r) => r.labels[String(version)].clauses));
        expect([...touched].sort(), `v${version} ${split}`).to.deep.equal([...ids].sort());
        const supports = new Set<Support>(rs.map((r) => r.labels[String(version)].support));
        expect([...supports].sort()).to.deep.equal(["Abstain", "Against", "For"]);
      }
    }
    expect(recordsFor(records, 2, "train")).to.have.length(330);
    expect(recordsFor(records, 2, "eval")).to.have.length(96);
  });

  it("the generator reproduces the committed corpus byte for byte", function () {
    const out = tmpDir("gen");
    const r = generateCorpus(out);
    expect(r.records).to.equal(426);
    for (const f of fs.readdirSync(CORPUS)) {
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(CORPUS, f))), f).to.equal(true);
    }
  });

  it("decodes proposal calldata with the known ABIs", function () {
    const d = decodeAction(LOWER_SUPERMAJORITY.actions[0]);
    expect(d.targetName).to.equal("Constitution");
    expect(d.fn).to.equal("setParameters");
    expect(d.args.supermajorityBps).to.equal("7000");
    expect(d.summary).to.equal("Constitution.setParameters(supermajorityBps=7000)");
  });
});
