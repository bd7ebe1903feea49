import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

describe("README", function () {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

  it("links only to files in the repository and to its own sections", function () {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
    const anchors = new Set(
      [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, "")
          .replace(/ /g, "-"),
      ),
    );
    const broken = links.filter((l) =>
      l.startsWith("#") ? !anchors.has(l.slice(1)) : !fs.existsSync(path.join(ROOT, l)),
    );
    expect(links.length).to.be.greaterThan(5);
    expect(broken).to.deep.equal([]);
  });

  it("keeps the two-command quick start and documents the model, bench, consumer and rehearsal commands", function () {
    expect(readme).to.include("npm ci && npm run demo");
    expect(readme).to.match(/^npm test\s/m);
    for (const command of [
      "model:train",
      "model:evaluate --run N --weights",
      "npm run bench:model",
      "npm run bench:gas:readme",
      "npm run test:consumer",
      "npm run rehearsal",
    ]) {
      expect(readme, command).to.include(command);
    }
  });
});
