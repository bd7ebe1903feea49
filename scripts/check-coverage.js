#!/usr/bin/env node
/**
 * Coverage gate, run after `hardhat coverage` by `npm run coverage`: every deployable contract must reach
 * at least 95% of lines and 90% of branches. Reads coverage/coverage-summary.json (istanbul json-summary).
 */
const fs = require("node:fs");
const path = require("node:path");

const LINES = 95;
const BRANCHES = 90;
const summaryFile = path.join(__dirname, "..", "coverage", "coverage-summary.json");
if (!fs.existsSync(summaryFile)) {
  console.error(`No ${summaryFile}: run \`npx hardhat coverage\` first.`);
  process.exit(1);
}
const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
let failed = 0;
console.log(`Coverage gate: each contract needs >= ${LINES}% lines and >= ${BRANCHES}% branches`);
for (const [file, s] of Object.entries(summary)) {
  if (file === "total") continue;
  const rel = path.relative(path.join(__dirname, ".."), file);
  const lines = s.lines.total === 0 ? 100 : s.lines.pct;
  const branches = s.branches.total === 0 ? 100 : s.branches.pct;
  const ok = lines >= LINES && branches >= BRANCHES;
  if (!ok) failed++;
  console.log(
    `  ${ok ? "ok  " : "FAIL"} lines ${String(lines).padStart(6)}%  branches ${String(branches).padStart(6)}%  ${rel}`,
  );
}
if (failed > 0) {
  console.error(`${failed} contract(s) under the thresholds: add tests for the uncovered lines (coverage/index.html).`);
  process.exit(1);
}
console.log("Coverage gate passed.");
