import { expect } from "chai";
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

interface PackFile {
  path: string;
}

/** What `npm pack` would publish: the SDK (JS + .d.ts), typechain types, ABIs, deployments; no tests or sources. */
describe("package: npm pack contents", function () {
  let files: string[];
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

  before(function () {
    if (!fs.existsSync(path.join(ROOT, "dist", "sdk", "index.js"))) {
      execSync("npm run build", { cwd: ROOT, stdio: "ignore" });
    }
    const json = execSync("npm pack --dry-run --json --ignore-scripts", { cwd: ROOT, encoding: "utf8" });
    files = (JSON.parse(json) as { files: PackFile[] }[])[0].files.map((f) => f.path);
  });

  it("is a public scoped package with exports for the SDK, types, ABIs and deployments", function () {
    expect(pkg.name).to.equal("@bytomdao/governance");
    expect(pkg.private).to.equal(undefined);
    expect(pkg.main).to.equal("dist/sdk/index.js");
    expect(pkg.types).to.equal("dist/sdk/index.d.ts");
    expect(Object.keys(pkg.exports)).to.deep.equal([
      ".",
      "./types",
      "./abi/*.json",
      "./deployments/*",
      "./package.json",
    ]);
    expect(pkg.dependencies).to.deep.equal({ "@openzeppelin/merkle-tree": "1.0.8", ethers: "6.17.0" });
  });

  it("ships the compiled SDK with declarations, the typechain types, the ABIs and the deployments index", function () {
    for (const f of [
      "package.json",
      "README.md",
      "dist/sdk/index.js",
      "dist/sdk/index.d.ts",
      "dist/sdk/errors.js",
      "dist/sdk/deployments.d.ts",
      "dist/typechain-types/index.js",
      "dist/typechain-types/index.d.ts",
      "dist/abi/BytomGovernor.json",
      "dist/abi/GovernanceCommittee.json",
      "dist/abi/ModelRegistry.json",
      "dist/abi/ExecutiveRegistry.json",
      "dist/abi/TimelockController.json",
      "dist/deployments/index.json",
      "contracts/governance/BytomGovernor.sol",
      "constitution/v1.md",
    ]) {
      expect(files, f).to.include(f);
    }
  });

  it("ships no tests, scripts, TypeScript sources, test contracts or local deployments", function () {
    const offending = files.filter(
      (f) =>
        /^(test|scripts|tasks|deploy|sdk|typechain-types|artifacts|cache|node_modules)\//.test(f) ||
        f.startsWith("contracts/test/") ||
        f.startsWith("dist/abi/Mock") ||
        /^dist\/deployments\/(31337|1337)\.json$/.test(f) ||
        (f.endsWith(".ts") && !f.endsWith(".d.ts")),
    );
    expect(offending).to.deep.equal([]);
  });
});
