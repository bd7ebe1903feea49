import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "ethers";
import { DEFAULT_PARAMS, KNOWN_ABIS, demoAddress, type Proposal } from "../../ml";

export const CORPUS = path.join(__dirname, "..", "..", "data", "corpus");

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bytom-ml-${prefix}-`));
}

/** Every file under `dir` with its bytes, by relative path. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

const constitution = new ethers.Interface(KNOWN_ABIS.Constitution);
const token = new ethers.Interface(KNOWN_ABIS.GovernanceToken);

/** A proposal the corpus does not contain verbatim: lower the supermajority to 70%. */
export const LOWER_SUPERMAJORITY: Proposal = {
  title: "Make decisions easier: a 70% threshold",
  description:
    "Many proposals fail although most members support them. Set the supermajority to 70% through setParameters.",
  actions: [
    {
      target: demoAddress("Constitution"),
      value: "0",
      calldata: constitution.encodeFunctionData("setParameters", [{ ...DEFAULT_PARAMS, supermajorityBps: 7000 }]),
    },
  ],
};

/** A builder grant phrased freely. */
export const DATA_GRANT: Proposal = {
  title: "Support the Accra annotation team",
  description:
    "The Accra annotation team will label 20,000 governance questions as training data for the next model. " +
    "Transfer 35,000 BTMG from the treasury; deliverables are reported monthly.",
  actions: [
    {
      target: demoAddress("GovernanceToken"),
      value: "0",
      calldata: token.encodeFunctionData("transfer", [demoAddress("account:accra"), ethers.parseUnits("35000", 18)]),
    },
  ],
};
