/**
 * npm run rehearsal: the whole cycle on an independent node (anvil), driven only by the documented commands, as a
 * user types them: deploy, delegate (one member to the AI delegate), an executive's enrolment and appointment, a
 * draft (gov:encode output), comment, revision, approvals, propose, vote with an AI vote and an override, queue,
 * execute (constitution v2 ratified, an executive budget granted and funded), the model lifecycle for v2 with the
 * real model (model:train on data/corpus, its checkpoints, weights root and metrics hash anchored, three evaluators
 * recomputing the metrics with model:evaluate --weights, activation refused in the challenge window and accepted
 * after it, model:verify), and the executive's spend. Every step is printed; the node is stopped whatever happens.
 *
 *   NODE_PORT=8545 (default) — refuses a port already in use.
 *   The deployment record goes to a temporary directory (BYTOMDAO_DEPLOYMENTS), so deployments/localhost.json is
 *   left alone.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLocalNode, type LocalNode } from "../node/local-node";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT = path.join(ROOT, "node_modules", ".bin", "hardhat");
const started = Date.now();
let step = 0;

/** Runs `npx hardhat <args> --network localhost`, printed as typed; checks the exit code and the output. */
function hardhat(env: NodeJS.ProcessEnv, args: string[], expect?: RegExp, exitCode = 0): string {
  step++;
  const shown = args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ");
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`\n[${String(step).padStart(2)}|${t}s] $ npx hardhat ${shown} --network localhost`);
  // The binary npx resolves, called directly (saves npm's start-up on each of the ~60 steps).
  const r = spawnSync(HARDHAT, [...args, "--network", "localhost"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
  // An expected refusal: its message, without Hardhat's stack trace.
  const shownOut = exitCode === 0 ? out : out.replace(/^\s+at .*$\n?/gm, "").trim();
  if (shownOut) console.log(shownOut.replace(/^/gm, "    "));
  if (r.status !== exitCode) {
    throw new Error(`step ${step} exited with ${r.status}, expected ${exitCode}: npx hardhat ${shown}`);
  }
  if (expect && !expect.test(out)) throw new Error(`step ${step}: output does not match ${expect}`);
  return out;
}

async function accounts(url: string): Promise<string[]> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts", params: [] }),
  });
  return ((await res.json()) as { result: string[] }).result;
}

async function main(): Promise<void> {
  const port = Number(process.env.NODE_PORT ?? 8545);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-rehearsal-"));
  let node: LocalNode | undefined;
  try {
    node = await startLocalNode(port);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOCALHOST_URL: node.url,
      BYTOMDAO_DEPLOYMENTS: path.join(tmp, "deployments"),
      // No private key of a real network may leak into a local rehearsal.
      DEPLOYER_PRIVATE_KEY: "",
    };
    const run = (args: string[], expect?: RegExp, exitCode?: number) => hardhat(env, args, expect, exitCode);
    const acct = await accounts(node.url);
    const [human, trainer, operator, payee] = [acct[15], acct[16], acct[17], acct[18]];
    const weights = path.join(tmp, "model-v2");
    const file = (name: string) => path.join(tmp, name);

    console.log("\n== Deploy (the documented command) ==");
    step++;
    console.log(`\n[${step}] $ npx hardhat run deploy/index.ts --network localhost`);
    const d = spawnSync("npx", ["hardhat", "run", "deploy/index.ts", "--network", "localhost"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    console.log(`${d.stdout}${d.stderr}`.trim().replace(/^/gm, "    "));
    if (d.status !== 0) throw new Error("deploy failed");

    console.log("\n== Delegation: holders to themselves, committee member #1 to the AI delegate ==");
    for (const from of ["6", "7", "8"]) run(["gov:delegate", "--to", "self", "--from", from], /delegated/);
    run(["gov:delegate", "--to", "ai", "--from", "1"], /the AI delegate/);

    console.log("\n== An executive: attestation by the approved issuer, enrolment, committee appointment ==");
    run(["exec:attest", "--account", human, "--subject", "kyc-rehearsal-1", "--out", file("attestation.json")]);
    run(["exec:enroll", "--attestation", file("attestation.json"), "--from", human], /HumanEnrolled/);
    for (const from of ["1", "2", "3"]) run(["exec:appoint", "--account", human, "--from", from]);
    run(["exec:status", human], /active executive/);

    console.log("\n== Draft: ratify constitution v2; revised to add the executive's budget ==");
    run([
      "gov:encode",
      "ratify",
      "--file",
      "constitution/v2.md",
      "--uri",
      "ipfs://bytomdao/constitution/v2.md",
      "--out",
      file("ratify.json"),
    ]);
    run(["gov:draft", "--actions", file("ratify.json"), "--description", "Constitution v2", "--from", "6"], /Draft #1/);
    run([
      "gov:comment",
      "--draft",
      "1",
      "--text",
      "Fund the executive too?",
      "--uri",
      "https://forum/1",
      "--from",
      "7",
    ]);
    run([
      "exec:allowance",
      "--account",
      human,
      "--amount",
      "1000",
      "--token",
      "BTMG",
      "--period",
      "30d",
      "--fund",
      "--threshold",
      "100",
      "--out",
      file("budget.json"),
    ]);
    run(
      [
        "gov:revise",
        "--draft",
        "1",
        "--actions",
        `${file("ratify.json")},${file("budget.json")}`,
        "--description",
        "Constitution v2, and a 1,000 BTMG monthly budget for our first executive",
        "--note",
        "adds the executive budget (comment #1)",
        "--from",
        "6",
      ],
      /revision 2/,
    );
    run(["gov:status", "--draft", "1"], /Discussion until/);
    run(["dev:advance", "--time", "2d"]);
    for (const from of ["1", "2", "3"]) run(["gov:approve", "--draft", "1", "--from", from], /Approved/);
    run(["gov:propose", "--draft", "1"], /is proposal 1/);

    console.log("\n== Vote: holders for, the AI delegate for, member #1 overrides it against ==");
    run(["dev:advance", "--time", "1h1m"]);
    for (const from of ["6", "7", "8"]) run(["gov:vote", "--proposal", "1", "--support", "for", "--from", from]);
    run(["gov:vote", "--proposal", "1", "--support", "for", "--ai", "--from", "10"], /AI delegate/);
    run(["gov:override", "--proposal", "1", "--support", "against", "--from", "1"], /Override recorded/);
    run(["gov:status", "--proposal", "1"], /above the line/);
    run(["dev:advance", "--time", "3d"]);
    run(["gov:queue", "--proposal", "1"], /Queued/);
    run(["dev:advance", "--time", "2d"]);
    run(["gov:execute", "--proposal", "1"], /latest ratified 2/);

    console.log("\n== The model of constitution v2: register, anchor, checkpoint, complete, evaluate, activate ==");
    run(["builder:register", "--roles", "trainer", "--uri", "ipfs://rehearsal-trainer", "--from", trainer]);
    const trained = run(
      ["model:train", "--constitution-version", "2", "--out", weights, "--checkpoint-every", "60"],
      /weights root {2}0x[0-9a-f]{64}/,
    );
    const printed = (label: string) => trained.match(new RegExp(`${label} +(0x[0-9a-f]{64})`))![1];
    const checkpoints = fs
      .readdirSync(path.join(weights, "checkpoints"))
      .filter((n) => /^step-\d+\.safetensors$/.test(n))
      .sort();
    run(
      [
        "model:anchor",
        "--constitution-version",
        "2",
        "--dataset",
        "data/corpus",
        "--training-config",
        path.join(weights, "config.json"),
        "--code",
        "ml",
        "--uri",
        "ipfs://rehearsal/run-1",
        "--from",
        trainer,
      ],
      new RegExp(`"datasetRoot": "${printed("dataset root")}"[\\s\\S]*"configHash": "${printed("config hash")}"`),
    );
    for (const name of checkpoints) {
      const stepNo = String(Number(name.match(/\d+/)![0]));
      run(
        [
          "model:checkpoint",
          "--run",
          "1",
          "--step",
          stepNo,
          "--hash",
          path.join(weights, "checkpoints", name),
          "--from",
          trainer,
        ],
        new RegExp(`step ${stepNo} anchored`),
      );
    }
    run(
      [
        "model:complete",
        "--run",
        "1",
        "--weights",
        weights,
        "--metrics",
        path.join(weights, "metrics.json"),
        "--operator",
        operator,
        "--uri",
        "ipfs://rehearsal/weights",
        "--from",
        trainer,
      ],
      new RegExp(`weights root ${printed("weights root")}`),
    );
    for (const from of ["1", "2", "3"]) {
      run(
        ["model:evaluate", "--run", "1", "--weights", weights, "--from", from],
        new RegExp(`anchored metrics hash ${printed("metrics hash")}[\\s\\S]*pass recorded with score \\d+`),
      );
    }
    run(["model:activate", "--run", "1"], /ModelRegistryChallengeWindowOpen/, 1);
    run(["dev:advance", "--time", "2d"]);
    run(["model:activate", "--run", "1"], /constitution version 2 in force/);
    run(["model:verify", weights, "--model", "2"], /OK: .* is exactly the anchored model/);
    run(["gov:status", "--draft", "1"], /Executed/);

    console.log("\n== The executive spends from the budget ==");
    run(["exec:status", human, "--token", "BTMG"], /allowance/);
    run(
      [
        "exec:spend",
        "--to",
        payee,
        "--amount",
        "25",
        "--token",
        "BTMG",
        "--purpose",
        "domain renewal",
        "--from",
        human,
      ],
      /spent 25/,
    );
    console.log(
      `\nRehearsal passed: ${step} steps in ${((Date.now() - started) / 1000).toFixed(0)} s on ${node.kind}.`,
    );
  } finally {
    await node?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`\nRehearsal FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
