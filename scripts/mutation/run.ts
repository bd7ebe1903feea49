/**
 * Mutation testing of the counting extension and the Constitution (issue #12, item 3). Not in CI: `npm run mutation`.
 *
 * For each mutant: the contract is overwritten with one mutated line (the original is kept in memory and restored in
 * a `finally` block and on SIGINT/SIGTERM), compiled in a child process (`hardhat compile`, typechain included: the
 * fixtures deploy through typechain factories, which embed the bytecode), then the relevant test files only are run with `--bail --no-compile`. Compile error =
 * stillborn, failing tests = killed, passing tests = survived. Hand-marked equivalent mutants live in
 * scripts/mutation/equivalent.json (one reason each). The report goes to docs/mutation-report.md.
 *
 * Options: --file counting|constitution (default both), --max N (per file), --full (every code line; default: the
 * sample below), --ids a,b (only these mutants), --resume (skip mutants with a recorded outcome in
 * docs/mutation-results.json), --verbose (print why each mutant was killed), --list (print the mutants, run
 * nothing), --report-only (regenerate the report from the recorded outcomes), --no-report.
 *
 * Sample (deterministic, the default): every operator on every line of the named functions (SAMPLE_FUNCTIONS),
 * in source order. Each mutant costs ~30-45 s on the 2-core machine (compile ~25 s for the counting extension,
 * which recompiles the governor), so the sample (~33 mutants) takes ~20 min and `--full` a few hours.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

interface Target {
  key: string;
  file: string;
  tests: string[];
  sampleFunctions: string[];
}

const TARGETS: Target[] = [
  {
    key: "counting",
    file: "contracts/governance/extensions/GovernorSupermajorityCountingUpgradeable.sol",
    tests: [
      "test/properties/counting.test.ts",
      "test/governance/Counting.mutation.test.ts",
      "test/governance/BytomGovernor.test.ts",
      "test/governance/BallotRelay.test.ts",
      "test/agents/cap.test.ts",
      "test/governance/regressions.test.ts",
    ],
    sampleFunctions: ["_quorumReached", "_voteSucceeded", "_countVote"],
  },
  {
    key: "constitution",
    file: "contracts/governance/Constitution.sol",
    tests: [
      "test/governance/Constitution.test.ts",
      "test/governance/Constitution.mutation.test.ts",
      "test/agents/cap.test.ts",
    ],
    sampleFunctions: ["_setParameters", "_setAgentVoteCapBps", "_checkBounds"],
  },
];

export interface Mutant {
  id: string;
  target: string;
  file: string;
  line: number;
  operator: string;
  original: string;
  mutated: string;
}

type Outcome = "killed" | "survived" | "stillborn" | "equivalent";

interface Equivalent {
  id: string;
  /**
   * The mutated line (trimmed) the argument was made for. Ids are `<target>:<line>:<n>`, so an edit above the line
   * moves them onto other mutants; a survivor counts as equivalent only if its mutated line is this one.
   */
  mutated: string;
  reason: string;
}

const SWAPS: [string, RegExp, string][] = [
  ["ROR", / >= /g, " > "],
  ["ROR", / > /g, " >= "],
  ["ROR", / <= /g, " < "],
  ["ROR", / < /g, " <= "],
  ["ROR", / == /g, " != "],
  ["ROR", / != /g, " == "],
  ["AOR", / \+ /g, " - "],
  ["AOR", / - /g, " + "],
  ["AOR", / \* /g, " / "],
  ["AOR", / \/ /g, " * "],
  ["AOR", / \+= /g, " -= "],
  ["AOR", / -= /g, " += "],
  ["LOR", / && /g, " || "],
  ["LOR", / \|\| /g, " && "],
  ["UOI", /\(!/g, "("],
  ["BLR", /return true;/g, "return false;"],
  ["BLR", /return false;/g, "return true;"],
];

/** The code part of a line (no trailing `//` comment; string literals are left alone by the operators' spacing). */
function codeOf(line: string): string {
  const i = line.indexOf("//");
  return i >= 0 ? line.slice(0, i) : line;
}

function skipLine(code: string): boolean {
  const t = code.trim();
  return (
    t === "" ||
    t.startsWith("*") ||
    t.startsWith("/*") ||
    t.startsWith("pragma") ||
    t.startsWith("import") ||
    t.startsWith("event ") ||
    t.startsWith("error ") ||
    t.startsWith("emit ") ||
    t.startsWith("function ") ||
    t.includes("keccak256(") ||
    t.includes("STORAGE")
  );
}

/** Line ranges (1-based, inclusive) of the named functions. */
function functionRanges(lines: string[], names: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*function (\w+)\(/.exec(lines[i]);
    if (!m || !names.includes(m[1])) continue;
    let depth = 0;
    let opened = false;
    for (let j = i; j < lines.length; j++) {
      for (const ch of codeOf(lines[j])) {
        if (ch === "{") {
          depth++;
          opened = true;
        } else if (ch === "}") depth--;
      }
      if (opened && depth === 0) {
        ranges.push([i + 1, j + 1]);
        break;
      }
    }
  }
  return ranges;
}

export function generate(target: Target, source: string, full: boolean): Mutant[] {
  const lines = source.split("\n");
  const ranges = full ? [[1, lines.length] as [number, number]] : functionRanges(lines, target.sampleFunctions);
  const inScope = (n: number): boolean => ranges.some(([a, b]) => n >= a && n <= b);
  const mutants: Mutant[] = [];
  let inBlockComment = false;
  lines.forEach((raw, idx) => {
    const n = idx + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith("/*")) inBlockComment = !trimmed.includes("*/");
    else if (inBlockComment) {
      if (trimmed.includes("*/")) inBlockComment = false;
      return;
    }
    const code = codeOf(raw);
    if (!inScope(n) || skipLine(code)) return;
    const add = (operator: string, mutated: string): void => {
      mutants.push({
        id: `${target.key}:${n}:${mutants.filter((m) => m.line === n).length}`,
        target: target.key,
        file: target.file,
        line: n,
        operator,
        original: raw,
        mutated,
      });
    };
    for (const [op, re, rep] of SWAPS) {
      for (const m of code.matchAll(re)) {
        const at = m.index ?? 0;
        add(op, raw.slice(0, at) + rep + raw.slice(at + m[0].length));
      }
    }
    // Constant replacement: n -> n-1 / n+1 (0 -> 1), outside identifiers, hex, uintN type names and array sizes.
    for (const m of code.matchAll(/(?<![\w.[])(\d[\d_]*)(?![\w.x\]])/g)) {
      const at = m.index ?? 0;
      const value = BigInt(m[1].replace(/_/g, ""));
      const reps = value === 0n ? [1n] : [value - 1n, value + 1n];
      for (const v of reps) add("CR", raw.slice(0, at) + v.toString() + raw.slice(at + m[0].length));
    }
    // Statement deletion: a one-line guard `if (...) revert ...;` / `require(...)`.
    if (/^\s*(if \(.*\) revert .*;|require\(.*\);)\s*$/.test(code)) add("SD", raw.replace(/\S.*$/, "// deleted"));
  });
  return mutants;
}

/** Runs a child process (async, so SIGINT/SIGTERM are handled while it runs). */
let current: ReturnType<typeof spawn> | undefined;
function run(cmd: string, args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT });
    current = child;
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => {
      current = undefined;
      resolve({ status: code ?? 1, output });
    });
  });
}

const originals = new Map<string, string>();
function restoreAll(): void {
  for (const [file, text] of originals) fs.writeFileSync(path.join(ROOT, file), text);
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    restoreAll();
    if (current?.pid !== undefined) current.kill("SIGTERM");
    console.error(`\n${sig}: contracts restored`);
    process.exit(130);
  });
}

async function test(target: Target, mutant: Mutant): Promise<Outcome> {
  const abs = path.join(ROOT, target.file);
  const original = originals.get(target.file) ?? fs.readFileSync(abs, "utf8");
  originals.set(target.file, original);
  const lines = original.split("\n");
  lines[mutant.line - 1] = mutant.mutated;
  try {
    fs.writeFileSync(abs, lines.join("\n"));
    if ((await run("npx", ["hardhat", "compile", "--quiet"])).status !== 0) return "stillborn";
    const r = await run("npx", ["hardhat", "test", "--no-compile", "--bail", ...testFiles(target)]);
    if (r.status !== 0 && process.argv.includes("--verbose")) {
      const at = r.output.indexOf(" failing");
      console.log(r.output.slice(Math.max(0, at - 20), at + 1500));
    }
    return r.status === 0 ? "survived" : "killed";
  } finally {
    fs.writeFileSync(abs, original);
  }
}

function testFiles(target: Target): string[] {
  return target.tests.filter((f) => fs.existsSync(path.join(ROOT, f)));
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const only = arg("--file");
  const max = Number(arg("--max") ?? Infinity);
  const full = process.argv.includes("--full");
  const ids = arg("--ids")?.split(",");
  const resume = process.argv.includes("--resume");
  const list = process.argv.includes("--list");
  const reportOnly = process.argv.includes("--report-only");
  const equivalents = JSON.parse(fs.readFileSync(path.join(__dirname, "equivalent.json"), "utf8")) as Equivalent[];
  const equivalentById = new Map(equivalents.map((e) => [e.id, e]));
  /** The reason a mutant is equivalent, if one was argued for exactly this mutant (same id and mutated line). */
  const equivalence = (m: Mutant): string | undefined => {
    const e = equivalentById.get(m.id);
    return e !== undefined && e.mutated === m.mutated.trim() ? e.reason : undefined;
  };
  const cachePath = path.join(ROOT, "docs", "mutation-results.json");
  const cache = (fs.existsSync(cachePath) ? JSON.parse(fs.readFileSync(cachePath, "utf8")) : {}) as Record<
    string,
    { mutant: Mutant; outcome: Outcome }
  >;
  for (const target of TARGETS.filter((t) => !only || t.key === only)) {
    const source = fs.readFileSync(path.join(ROOT, target.file), "utf8");
    if (reportOnly) continue;
    if (!list) {
      // Baseline: the unmutated contract must pass its tests, or every mutant would look killed.
      await run("npx", ["hardhat", "compile", "--quiet"]);
      const base = await run("npx", ["hardhat", "test", "--no-compile", "--bail", ...testFiles(target)]);
      if (base.status !== 0) throw new Error(`baseline tests fail for ${target.file}:\n${base.output.slice(-3000)}`);
      console.log(`[${target.key}] baseline green: ${testFiles(target).join(" ")}`);
    }
    const mutants = generate(target, source, full)
      .filter((m) => !ids || ids.includes(m.id))
      .filter((m) => !resume || cache[m.id]?.mutant.mutated !== m.mutated)
      .slice(0, max);
    for (const [i, m] of mutants.entries()) {
      const label = `[${target.key} ${i + 1}/${mutants.length}] ${m.id} ${m.operator} L${m.line}: ${m.mutated.trim()}`;
      if (list) {
        console.log(label);
        continue;
      }
      const started = Date.now();
      const outcome = await test(target, m);
      const shown = outcome === "survived" && equivalence(m) !== undefined ? "equivalent" : outcome;
      cache[m.id] = { mutant: m, outcome };
      fs.writeFileSync(cachePath, JSON.stringify(cache, null, 2) + "\n");
      console.log(`${label} -> ${shown.toUpperCase()} (${Math.round((Date.now() - started) / 1000)}s)`);
    }
  }
  restoreAll();
  if (list) return;
  // Restore the artifacts (and typechain factories) of the unmutated contracts.
  if (!reportOnly) await run("npx", ["hardhat", "compile", "--quiet"]);
  // The report covers every mutant of the current sample with a recorded outcome (this run's, or an earlier run's
  // for the mutants this run did not re-run, e.g. with --ids).
  const all: { mutant: Mutant; outcome: Outcome }[] = [];
  const notRun = new Map<string, Mutant[]>();
  for (const target of TARGETS.filter((t) => !only || t.key === only)) {
    const source = fs.readFileSync(path.join(ROOT, target.file), "utf8");
    notRun.set(target.key, []);
    for (const m of generate(target, source, full)) {
      const c = cache[m.id];
      if (!c || c.mutant.mutated !== m.mutated) {
        notRun.get(target.key)?.push(m);
        continue;
      }
      all.push({
        mutant: m,
        outcome: c.outcome === "survived" && equivalence(m) !== undefined ? "equivalent" : c.outcome,
      });
    }
  }
  const lines: string[] = [];
  for (const target of TARGETS.filter((t) => !only || t.key === only)) {
    const rs = all.filter((r) => r.mutant.target === target.key);
    const count = (o: Outcome): number => rs.filter((r) => r.outcome === o).length;
    const killed = count("killed");
    const survived = count("survived");
    const equivalent = count("equivalent");
    // No mutant run yet: no score (not a vacuous 100%).
    const score = killed + survived === 0 ? undefined : (100 * killed) / (killed + survived);
    lines.push(
      `| ${target.file} | ${rs.length + (notRun.get(target.key)?.length ?? 0)} | ${notRun.get(target.key)?.length ?? 0} | ${count("stillborn")} | ${killed} | ${survived + equivalent} | ${equivalent} | ${score === undefined ? "not run" : `${score.toFixed(1)}%`} |`,
    );
  }
  const survivors = all.filter((r) => r.outcome === "survived" || r.outcome === "equivalent");
  const report = [
    "# Mutation report",
    "",
    "Generated by `npm run mutation` (scripts/mutation/run.ts). Do not edit by hand.",
    "",
    `Mode: ${full ? "full (every code line)" : "sample (every operator on every line of the functions named in scripts/mutation/run.ts)"}` +
      (Number.isFinite(max) ? `, at most ${max} mutants per file` : "") +
      ".",
    "",
    "Score = killed / (killed + survived - equivalent); survived counts the equivalent mutants.",
    "",
    ...TARGETS.filter((t) => !only || t.key === only).map(
      (t) =>
        `- ${t.file}: ${full ? "every code line" : t.sampleFunctions.map((f) => `\`${f}\``).join(", ")}; tests: ${testFiles(t).join(", ")}`,
    ),
    "",
    "| Contract | Mutants generated | Not run | Stillborn | Killed | Survived | Equivalent | Score |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...lines,
    "",
    "## Not run (no recorded outcome)",
    "",
    ...[...notRun.values()].flat().map((m) => `- ${m.id} ${m.operator} ${m.file}:${m.line}: \`${m.mutated.trim()}\``),
    "",
    "## Survivors",
    "",
    survivors.length === 0 ? "None." : "| Id | File:line | Original | Mutant | Equivalent? |",
    ...(survivors.length === 0 ? [] : ["| --- | --- | --- | --- | --- |"]),
    ...survivors.map(
      (r) =>
        `| ${r.mutant.id} | ${r.mutant.file}:${r.mutant.line} | \`${r.mutant.original.trim().replace(/\|/g, "\\|")}\` | \`${r.mutant.mutated.trim().replace(/\|/g, "\\|")}\` | ${equivalence(r.mutant) ?? "no"} |`,
    ),
    "",
  ].join("\n");
  console.log(report);
  if (!process.argv.includes("--no-report")) fs.writeFileSync(path.join(ROOT, "docs", "mutation-report.md"), report);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    restoreAll();
    console.error(e);
    process.exit(1);
  });
}
