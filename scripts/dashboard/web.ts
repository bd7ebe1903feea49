/**
 * The dashboard's web server: the static build (dashboard/dist, built first when missing or older than its sources)
 * plus /config.json, written from `config` so that one build serves any network, plus /documents/<folder>/<file>:
 * the texts and documents the chain references by hash (constitution texts, the AI delegate's rationales, model
 * cards), which the page checks against their on-chain hashes, plus /models/<modelId>/<path>: every file of each
 * on-chain model's directory (listed in config.json), which the member page hashes into the weights root, checks
 * against ModelRegistry and runs in the browser for personal advice. A small node:http server, no dependency.
 *
 *   WEB_PORT (default 5180) — refuses a port already in use.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { listFiles } from "../../sdk/manifest";
import { assertPortFree } from "../node/local-node";

const ROOT = path.join(__dirname, "..", "..");
export const DASHBOARD_DIR = path.join(ROOT, "dashboard");
const DIST = path.join(DASHBOARD_DIR, "dist");

/** What the page reads at start (dashboard/src/config.ts). */
export interface DashboardConfig {
  rpcUrl: string;
  chainId: number;
  indexerUrl?: string;
  addresses: Record<string, string>;
  devAccounts?: boolean;
  documentsUrl?: string;
  /** Model id → where its files are served and their paths (relative, POSIX, sorted). */
  models?: Record<string, { url: string; files: string[] }>;
}

export interface WebOptions {
  port?: number;
  config: DashboardConfig;
  /** URL folder → local directory, served under /documents/. Default: constitution → the repository's texts. */
  documents?: Record<string, string>;
  /** On-chain model id → its directory, served under /models/<id>/. */
  models?: Record<string, string>;
  /**
   * Tests only: POST /__test/tamper?on=1 makes the server flip one bit of every weights.bin it serves (on=0 undoes
   * it), so a browser test can see the page refuse weights that do not match the on-chain root.
   */
  testHooks?: boolean;
  /** Rebuild even if dist is newer than the sources. */
  rebuild?: boolean;
  log?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "dist" || e.name === "generated") continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dashboard/dist (ABIs from the artifacts, then vite) when missing, stale or asked to. */
export function buildDashboard(force = false, log: (line: string) => void = console.log): void {
  const index = path.join(DIST, "index.html");
  if (!force && fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(DASHBOARD_DIR)) return;
  log("building the dashboard (dashboard/dist)…");
  const r = spawnSync("npm", ["run", "build", "-w", "dashboard"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`the dashboard build failed (npm run build -w dashboard):\n${r.stdout}${r.stderr}`);
  }
}

/** Resolves `rel` inside `dir`, or null if it would leave it. */
function inside(dir: string, rel: string): string | null {
  const file = path.resolve(dir, "." + path.posix.normalize("/" + rel));
  return file.startsWith(path.resolve(dir) + path.sep) ? file : null;
}

export async function startWeb(o: WebOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const port = o.port ?? Number(process.env.WEB_PORT ?? 5180);
  const log = o.log ?? console.log;
  await assertPortFree(port);
  buildDashboard(o.rebuild, log);
  const documents: Record<string, string> = { constitution: path.join(ROOT, "constitution"), ...o.documents };
  const modelDirs = o.models ?? {};
  const models = Object.fromEntries(
    Object.entries(modelDirs).map(([id, dir]) => [id, { url: `./models/${id}/`, files: listFiles(dir) }]),
  );
  const config = JSON.stringify({ documentsUrl: "./documents", models, ...o.config }, null, 2);
  let tampered = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const p = decodeURIComponent(url.pathname);
    const send = (status: number, body: string | Buffer, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (p === "/config.json") return send(200, config, TYPES[".json"]);
    if (o.testHooks && p === "/__test/tamper" && req.method === "POST") {
      tampered = url.searchParams.get("on") === "1";
      return send(200, `tampered: ${tampered}`);
    }
    let file: string | null = null;
    const m = p.match(/^\/documents\/(.+)\/([^/]+)$/);
    const model = p.match(/^\/models\/(\d+)\/(.+)$/);
    if (model) {
      const dir = modelDirs[model[1]];
      file = dir ? inside(dir, model[2]) : null;
      if (file && tampered && path.basename(file) === "weights.bin" && fs.existsSync(file)) {
        const bytes = fs.readFileSync(file);
        bytes[bytes.length - 1] ^= 1;
        return send(200, bytes, "application/octet-stream");
      }
    } else if (m) {
      const dir = documents[m[1]];
      file = dir ? inside(dir, m[2]) : null;
    } else {
      file = inside(DIST, p === "/" ? "index.html" : p.slice(1));
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, "not found");
    send(200, fs.readFileSync(file), TYPES[path.extname(file)] ?? "application/octet-stream");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${port}/`;
  log(`dashboard on ${url}`);
  return {
    url,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
