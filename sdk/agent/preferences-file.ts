/** Reading a preference profile file for agent:advise (Node only; the checks are advise.ts' checkPreferences). */
import fs from "node:fs";
import { checkPreferences, type Preferences } from "./advise";

/** Reads and checks a preference file, naming the field at fault. */
export function readPreferences(file: string): Preferences {
  if (!fs.existsSync(file)) throw new Error(`--preferences ${file}: no such file (see docs/agent.md for the format)`);
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Preferences;
  return checkPreferences(p, file);
}
