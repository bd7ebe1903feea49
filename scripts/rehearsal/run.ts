/**
 * npm run rehearsal: the whole cycle on an independent node (anvil), driven only by the documented commands, as a
 * user types them: deploy, delegate (one member to the AI delegate), an executive's enrolment and appointment, a
 * draft (gov:encode output), comment, revision, approvals, propose, vote with an AI vote and an override, queue,
 * execute (constitution v2 ratified, an executive budget granted and funded), the model lifecycle for v2, and the
 * executive's spend. Every step is printed; the node is stopped whatever happens.
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
const started = Date.now();
let step = 0;

function hardhat(env: NodeJS.ProcessEnv, args: string[], expect: RegExp | undefined = undefined): string {
  step++;
  const shown = args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ");
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`\n[${String(step).padStart(2)}|${t}s] $ npx hardhat ${shown} --network localhost`);
  const r = spawnSync("npx", ["hardhat", ...args, "--network", "localhost"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
  if (out) console.log(out.replace(/^/gm, "    "));
  if (r.status !== 0) throw new Error(`step ${step} failed (exit ${r.status}): npx hardhat ${shown}`);
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

/** Small stand-ins for a training run's files (the ML pipeline produces the real ones). */
function trainingFiles(dir: string) {
  const data = path.join(dir, "data");
  const weights = path.join(dir, "weights");
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(weights, { recursive: true });
  for (let i = 0; i < 3; i++) {
    fs.writeFileSync(path.join(data, `shard-${i}.jsonl`), `{"text": "constitution v2 example ${i}"}\n`);
  }
  fs.writeFileSync(path.join(weights, "model.safetensors"), Buffer.alloc(4096, 7));
  fs.writeFileSync(path.join(weights, "config.json"), JSON.stringify({ layers: 2, hidden: 64 }) + "\n");
  const files = {
    data,
    weights,
    config: path.join(dir, "train.yaml"),
    code: path.join(dir, "train.py"),
    checkpoint: path.join(dir, "ckpt-100.bin"),
    metrics: path.join(dir, "metrics.json"),
    report: path.join(dir, "evaluation.md"),
  };
  fs.writeFileSync(files.config, "lr: 0.001\nepochs: 1\n");
  fs.writeFileSync(files.code, "print('train')\n");
  fs.writeFileSync(files.checkpoint, Buffer.alloc(1024, 3));
  fs.writeFileSync(files.metrics, JSON.stringify({ loss: 0.42, constitution_agreement: 0.93 }) + "\n");
  fs.writeFileSync(files.report, "# Evaluation of run 1\nPasses the v2 constitutional test set.\n");
  return files;
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
    const run = (args: string[], expect?: RegExp) => hardhat(env, args, expect);
    const acct = await accounts(node.url);
    const [human, trainer, operator, payee] = [acct[15], acct[16], acct[17], acct[18]];
    const f = trainingFiles(tmp);
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
    run([
      "model:anchor",
      "--constitution-version",
      "2",
      "--dataset",
      f.data,
      "--training-config",
      f.config,
      "--code",
      f.code,
      "--uri",
      "ipfs://rehearsal/run-1",
      "--from",
      trainer,
    ]);
    run(["model:checkpoint", "--run", "1", "--step", "100", "--hash", f.checkpoint, "--from", trainer]);
    run([
      "model:complete",
      "--run",
      "1",
      "--weights",
      f.weights,
      "--metrics",
      f.metrics,
      "--operator",
      operator,
      "--uri",
      "ipfs://rehearsal/weights",
      "--from",
      trainer,
    ]);
    for (const from of ["1", "2", "3"]) {
      run([
        "model:evaluate",
        "--run",
        "1",
        "--verdict",
        "pass",
        "--score",
        "9000",
        "--report",
        f.report,
        "--from",
        from,
      ]);
    }
    run(["model:activate", "--run", "1"], /constitution version 2 in force/);
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
