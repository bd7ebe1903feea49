/**
 * A throwaway PostgreSQL server for the indexer's tests and benchmark: Debian's postgresql binaries
 * (/usr/lib/postgresql/<version>/bin, or PG_BIN), a new cluster in a temporary directory, listening on 127.0.0.1 only,
 * trust authentication, no fsync. As root (CI), the cluster belongs to the `postgres` user (initdb refuses root) and
 * its commands run through runuser. `stop()` stops the server and deletes the directory.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertPortFree } from "../node/local-node";

export interface TempPostgres {
  url: string;
  stop(): Promise<void>;
}

/** The directory of initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin; undefined if none. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(base, versions[0], "bin") : undefined;
}

/** Starts a new cluster on 127.0.0.1:`port`; throws with what to install if the binaries are missing. */
export async function startTempPostgres(port: number, log: (line: string) => void = () => undefined) {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN).");
  await assertPortFree(port);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bytomdao-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  };
  if (asRoot) spawnSync("chown", ["-R", "postgres", dir]);
  const data = path.join(dir, "data");
  const stop = async () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      log(`PostgreSQL on port ${port} stopped`);
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  } catch (e) {
    await stop();
    throw e;
  }
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  log(`PostgreSQL (${bin}) on ${url}`);
  return { url, stop } satisfies TempPostgres;
}
