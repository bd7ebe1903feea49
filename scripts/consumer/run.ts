/**
 * npm run test:consumer (issue #8): the published package as another dApp uses it.
 *
 *   1. starts an independent local node (scripts/node/local-node.ts: anvil, 20 accounts) and deploys the suite with
 *      the documented command (`npx hardhat run deploy/index.ts --network localhost`), its record in a temporary
 *      directory (BYTOMDAO_DEPLOYMENTS);
 *   2. `npm run build` with PACKAGE_LOCAL_DEPLOYMENTS=1 (the local chain's record goes into dist/deployments), then
 *      `npm pack` into the temporary directory;
 *   3. a project outside the repository (os.tmpdir()) installs the tarball with the repository's pinned typescript
 *      and @types/node from the registry, writes a TypeScript file importing the SDK (`@bytomdao/governance`), the
 *      typechain types (`@bytomdao/governance/types`) and the deployment record
 *      (`@bytomdao/governance/deployments/<chainId>.json`), compiles it with `tsc --strict` and runs it against the
 *      node: governor name, voting delay and period, proposal count, quorum, the constitution version in force;
 *   4. asserts every printed value against config/localhost.json and constitution/v1.md.
 *
 * The node is always stopped and dist/ is rebuilt without the local deployment (what `npm pack` publishes).
 *   NODE_PORT (default 8546) picks the node's port; KEEP_CONSUMER=1 keeps the temporary project.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "ethers";
import { jsonRpc as rpc, startLocalNode, type LocalNode } from "../node/local-node";

const ROOT = path.join(__dirname, "..", "..");
const started = Date.now();

function sh(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; quiet?: boolean }): string {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`\n[${t}s] ${path.relative(ROOT, opts.cwd) || "."}$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: "utf8" });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
  if (out && !opts.quiet) console.log(out.replace(/^/gm, "    "));
  if (r.status !== 0) {
    if (out && opts.quiet) console.log(out.replace(/^/gm, "    "));
    throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
  }
  return r.stdout ?? "";
}

/** The consumer's program: only the package's public entry points, ethers (its dependency) and Node. */
function consumerSource(chainId: string): string {
  return `import { JsonRpcProvider } from "ethers";
import { connectSuite, type DeploymentRecord } from "@bytomdao/governance";
import type { BytomGovernor, Constitution } from "@bytomdao/governance/types";
import { BytomGovernor__factory } from "@bytomdao/governance/types";
import deployment from "@bytomdao/governance/deployments/${chainId}.json";

async function main(): Promise<void> {
  const url = process.env.RPC_URL;
  if (!url) throw new Error("RPC_URL is not set");
  const provider = new JsonRpcProvider(url);
  const record: DeploymentRecord = deployment;
  const suite = connectSuite(record, provider);
  const governor: BytomGovernor = BytomGovernor__factory.connect(record.contracts.BytomGovernor, provider);
  const constitution: Constitution = suite.constitution;
  const clock = await governor.clock();
  const version = await constitution.currentVersion();
  const text = await constitution.getVersion(version);
  const lines: [string, string][] = [
    ["chainId", (await provider.getNetwork()).chainId.toString()],
    ["governor", await governor.getAddress()],
    ["name", await governor.name()],
    ["votingDelay", (await governor.votingDelay()).toString()],
    ["votingPeriod", (await governor.votingPeriod()).toString()],
    ["proposalCount", (await governor.latestProposalId()).toString()],
    ["quorum", (await governor.quorum(clock - 1n)).toString()],
    ["constitutionVersion", version.toString()],
    ["constitutionTextHash", text.textHash],
    ["activeModelId", (await constitution.activeModelId()).toString()],
  ];
  for (const [k, v] of lines) console.log(k + "=" + v);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
`;
}

async function main(): Promise<void> {
  const port = Number(process.env.NODE_PORT ?? 8546);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-consumer-"));
  const deployments = path.join(tmp, "deployments");
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  let node: LocalNode | undefined;
  try {
    node = await startLocalNode(port);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOCALHOST_URL: node.url,
      BYTOMDAO_DEPLOYMENTS: deployments,
      DEPLOYER_PRIVATE_KEY: "",
    };

    console.log("\n== Deploy (the documented command) ==");
    sh("npx", ["hardhat", "run", "deploy/index.ts", "--network", "localhost"], { cwd: ROOT, env, quiet: true });
    const record = JSON.parse(fs.readFileSync(path.join(deployments, "localhost.json"), "utf8")) as {
      chainId: string;
      contracts: Record<string, string>;
    };
    console.log(`    deployed on chain ${record.chainId}: BytomGovernor ${record.contracts.BytomGovernor}`);

    console.log("\n== Build and pack the package, with this node's deployment ==");
    sh("npm", ["run", "build"], { cwd: ROOT, env: { ...env, PACKAGE_LOCAL_DEPLOYMENTS: "1" }, quiet: true });
    const packed = sh("npm", ["pack", "--pack-destination", tmp, "--ignore-scripts", "--json"], {
      cwd: ROOT,
      quiet: true,
    });
    const tarball = path.join(tmp, (JSON.parse(packed) as { filename: string }[])[0].filename);
    console.log(`    ${tarball} (${fs.statSync(tarball).size} bytes)`);

    console.log("\n== A consumer project outside the repository ==");
    const project = path.join(tmp, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "bytomdao-consumer", version: "0.0.0", private: true }, null, 2) + "\n",
    );
    sh(
      "npm",
      [
        "install",
        tarball,
        `typescript@${pkg.devDependencies.typescript}`,
        `@types/node@${pkg.devDependencies["@types/node"]}`,
        "--no-audit",
        "--no-fund",
      ],
      { cwd: project },
    );
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify(
        {
          compilerOptions: {
            target: "es2022",
            module: "node16",
            moduleResolution: "node16",
            strict: true,
            esModuleInterop: true,
            resolveJsonModule: true,
            outDir: "out",
            types: ["node"],
          },
          files: ["consumer.ts"],
        },
        null,
        2,
      ) + "\n",
    );
    fs.writeFileSync(path.join(project, "consumer.ts"), consumerSource(record.chainId));
    sh("npx", ["tsc", "--strict", "-p", "."], { cwd: project });
    // One minute later (as a dApp reads a live chain): the quorum reads the supply at a past second.
    await rpc(node.url, "evm_increaseTime", [60]);
    await rpc(node.url, "evm_mine", []);
    const out = sh("node", ["out/consumer.js"], { cwd: project, env: { ...process.env, RPC_URL: node.url } });

    console.log("\n== Assertions ==");
    const printed = Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "localhost.json"), "utf8")) as {
      treasury: string;
      distribution: { amount: string }[];
      parameters: { votingDelay: number; votingPeriod: number; quorumBps: number };
      constitution: { file: string };
    };
    const circulating = config.distribution.reduce((n, d) => n + ethers.parseUnits(d.amount, 18), 0n);
    const expected: Record<string, string> = {
      chainId: record.chainId,
      governor: record.contracts.BytomGovernor,
      name: "BytomDAO Governor",
      votingDelay: String(config.parameters.votingDelay),
      votingPeriod: String(config.parameters.votingPeriod),
      proposalCount: "0",
      quorum: ((circulating * BigInt(config.parameters.quorumBps)) / 10_000n).toString(),
      constitutionVersion: "1",
      constitutionTextHash: ethers.keccak256(fs.readFileSync(path.join(ROOT, config.constitution.file))),
      activeModelId: "1",
    };
    const wrong = Object.keys(expected).filter((k) => printed[k] !== expected[k]);
    const extra = Object.keys(printed).filter((k) => !(k in expected));
    for (const k of Object.keys(expected)) {
      console.log(`    ${printed[k] === expected[k] ? "ok  " : "FAIL"} ${k} = ${printed[k]} (expected ${expected[k]})`);
    }
    if (wrong.length > 0 || extra.length > 0) {
      throw new Error(`the consumer printed unexpected values: ${[...wrong, ...extra].join(", ")}`);
    }
    console.log(`\nConsumer test passed in ${((Date.now() - started) / 1000).toFixed(0)} s on ${node.kind}.`);
  } finally {
    await node?.stop();
    // dist/ as published: without the local chain's deployment record.
    const r = spawnSync("npx", ["ts-node", "--transpile-only", "scripts/package/build.ts"], {
      cwd: ROOT,
      env: { ...process.env, PACKAGE_LOCAL_DEPLOYMENTS: "", BYTOMDAO_DEPLOYMENTS: "" },
      encoding: "utf8",
    });
    if (r.status !== 0) console.error(`restoring dist/ failed: ${r.stderr}`);
    if (process.env.KEEP_CONSUMER === "1") console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`\nConsumer test FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
