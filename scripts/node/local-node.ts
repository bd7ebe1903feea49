/**
 * An independent local node for the rehearsal and the package's consumer test: Foundry's anvil from the pinned npm
 * package `@foundry-rs/anvil` (its linux/darwin binaries arrive as optional dependencies; no install script needed),
 * with 20 accounts (config/localhost.json uses up to signer:14, the rehearsal up to 18). Refuses a port already in
 * use. Falls back to `npx hardhat node` (20 accounts too) only if the anvil binary cannot run here, and says why.
 * The caller must call stop() (in a finally); an exit handler kills the node as a last resort.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export interface LocalNode {
  url: string;
  kind: "anvil" | "hardhat node";
  pid: number;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, "..", "..");

/** Resolves when nothing listens on 127.0.0.1:port; rejects with what to do otherwise. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === "EADDRINUSE"
            ? `Port ${port} is already in use (another node?): stop it or choose another port (NODE_PORT=…).`
            : `Cannot listen on port ${port}: ${e.message}`,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/** One JSON-RPC call; throws the node's error message. */
export async function jsonRpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

async function rpcReady(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the node exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no JSON-RPC answer at ${url} after ${timeoutMs} ms`);
}

/**
 * The anvil binary of the npm package's platform-specific optional dependency (spawned directly, not through the
 * package's Node wrapper, so that stopping the node stops anvil itself), if it runs here; else why not.
 */
export function anvilBinary(): { bin?: string; why?: string } {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  let bin: string;
  try {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }));
    bin = path.join(dir, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
  } catch {
    return { why: `${pkg} is not installed (npm ci installs it as an optional dependency of @foundry-rs/anvil)` };
  }
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (r.status === 0 && /anvil/i.test(r.stdout)) return { bin };
  return { why: r.error ? r.error.message : (r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n")[0] };
}

/** Starts anvil (or, if it cannot run, `hardhat node`) on `port` with 20 accounts. */
export async function startLocalNode(
  port = Number(process.env.NODE_PORT ?? 8545),
  log = console.log,
): Promise<LocalNode> {
  await assertPortFree(port);
  const url = `http://127.0.0.1:${port}`;
  const anvil = anvilBinary();
  let child: ChildProcess;
  let kind: LocalNode["kind"];
  if (anvil.bin) {
    kind = "anvil";
    child = spawn(anvil.bin, ["--accounts", "20", "--port", String(port), "--host", "127.0.0.1", "--silent"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } else {
    kind = "hardhat node";
    log(`anvil cannot run here (${anvil.why}): falling back to npx hardhat node`);
    child = spawn("npx", ["hardhat", "node", "--port", String(port)], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const kill = () => {
    if (child.exitCode === null && child.pid) child.kill("SIGTERM");
  };
  process.once("exit", kill);
  try {
    await rpcReady(url, 60_000, child);
  } catch (e) {
    kill();
    throw e;
  }
  log(`${kind} listening on ${url} (pid ${child.pid}, 20 accounts)`);
  return {
    url,
    kind,
    pid: child.pid!,
    stop: async () => {
      process.removeListener("exit", kill);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      log(`${kind} stopped`);
    },
  };
}
