/**
 * `--profile`: where a run's time goes. Counts every JSON-RPC request the fuzzer makes to the in-process network by
 * method (and the time spent in it), and the time spent in the invariant checks versus the commands.
 */
import hre from "hardhat";

export const profile = {
  enabled: false,
  byMethod: new Map<string, { n: number; ms: number }>(),
  checkMs: 0,
  commandMs: 0,
};

type RequestArgs = { method: string; params?: unknown[] | object };

export function enableProfile(): void {
  profile.enabled = true;
  const provider = hre.network.provider as unknown as {
    request: (args: RequestArgs) => Promise<unknown>;
    send: (method: string, params?: unknown[]) => Promise<unknown>;
  };
  const time = async (method: string, f: () => Promise<unknown>): Promise<unknown> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      const e = profile.byMethod.get(method) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t0;
      profile.byMethod.set(method, e);
    }
  };
  const request = provider.request.bind(provider);
  const send = provider.send.bind(provider);
  let depth = 0; // send may call request: count each request once
  provider.request = async (args: RequestArgs): Promise<unknown> =>
    depth > 0 ? request(args) : time(args.method, () => request(args));
  provider.send = async (method: string, params?: unknown[]): Promise<unknown> => {
    depth++;
    try {
      return await time(method, () => send(method, params));
    } finally {
      depth--;
    }
  };
}

export function printProfile(calls: number): void {
  if (!profile.enabled) return;
  console.log(
    `  profile     commands ${(profile.commandMs / 1000).toFixed(1)} s, invariant checks ${(profile.checkMs / 1000).toFixed(1)} s`,
  );
  for (const [method, e] of [...profile.byMethod].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `    ${String(e.n).padStart(8)} × ${method.padEnd(28)} ${(e.ms / 1000).toFixed(1).padStart(7)} s  ` +
        `(${(e.n / Math.max(calls, 1)).toFixed(1)} per call)`,
    );
  }
}
