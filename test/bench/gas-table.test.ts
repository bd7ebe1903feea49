import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import {
  GAS_TABLE_END,
  GAS_TABLE_HEADER,
  GAS_TABLE_START,
  formatGasLine,
  formatGasSection,
  formatGasTable,
  parseGasTable,
  readmeGasTable,
  replaceGasTable,
} from "../../scripts/bench/table";

const ROOT = path.join(__dirname, "..", "..");

describe("README gas table (generated from npm run bench:gas)", function () {
  const rows = [
    { name: "castVote, steady state (members who voted before)", ours: 61144n, reference: 66015n },
    { name: "queue", ours: 147264n, reference: 145443n },
  ];

  it("formats, parses back and renders one markdown row per bench line", function () {
    expect(formatGasLine(rows[0])).to.equal("castVote, steady state (members who voted before) 61144 66015 0.926");
    const output = ["== Governor ==", "  noise 1 2", "", ...formatGasSection(rows), "", "== Summary =="].join("\n");
    expect(parseGasTable(output)).to.deep.equal(rows);
    expect(formatGasTable(rows)).to.equal(
      [
        "| operation | ours | reference | ratio |",
        "|---|---:|---:|---:|",
        "| castVote, steady state (members who voted before) | 61,144 | 66,015 | 0.926 |",
        "| queue | 147,264 | 145,443 | 1.013 |",
      ].join("\n"),
    );
  });

  it("refuses a bench output without the section, a malformed line or a wrong ratio", function () {
    expect(() => parseGasTable("== Summary ==\ncastVote ratio 0.926")).to.throw(
      `no "${GAS_TABLE_HEADER}" section in the bench output`,
    );
    expect(() => parseGasTable(`${GAS_TABLE_HEADER}\nqueue 1 2`)).to.throw(
      'not a "name ours reference ratio" line: queue 1 2',
    );
    expect(() => parseGasTable(`${GAS_TABLE_HEADER}\nqueue 1 2 0.400`)).to.throw(
      "ratio 0.400 is not ours/reference in: queue 1 2 0.400",
    );
  });

  it("replaces only the text between the markers", function () {
    const readme = `# T\n\n${GAS_TABLE_START}\nold\n${GAS_TABLE_END}\n\nafter\n`;
    expect(replaceGasTable(readme, "| new |")).to.equal(
      `# T\n\n${GAS_TABLE_START}\n| new |\n${GAS_TABLE_END}\n\nafter\n`,
    );
    expect(() => replaceGasTable("# no markers", "x")).to.throw(
      `README has no ${GAS_TABLE_START} … ${GAS_TABLE_END} markers`,
    );
  });

  it("the README's table is exactly what the formatter makes of the committed bench output (docs/gas-bench.txt)", function () {
    const output = fs.readFileSync(path.join(ROOT, "docs", "gas-bench.txt"), "utf8");
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const parsed = parseGasTable(output);
    expect(parsed).to.have.length(26);
    expect(readmeGasTable(readme)).to.equal(formatGasTable(parsed));
    expect(output.trimEnd().split("\n").pop()).to.match(/^castVote ratio \d\.\d{3}$/);
  });
});
