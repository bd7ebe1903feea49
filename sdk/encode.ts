/**
 * Calldata for the DAO's common actions, as action specs a draft takes (`gov:encode` prints them, `gov:draft
 * --actions file.json` submits them): ratify an amendment from a text file, set a parameter, mint, transfer from the
 * treasury, replace a committee member, grant an executive allowance, appoint an executive, upgrade a contract.
 */
import fs from "node:fs";
import { ethers } from "ethers";
import {
  Constitution__factory,
  ExecutiveRegistry__factory,
  GovernanceCommittee__factory,
  GovernanceToken__factory,
  type IConstitution,
} from "../typechain-types";
import type { Proposal } from "./governance";

/** One action of a proposal, with a human summary. */
export interface ActionSpec {
  target: string;
  /** Wei sent with the call, decimal string. */
  value: string;
  calldata: string;
  summary: string;
}

const constitutionIface = Constitution__factory.createInterface();
const tokenIface = GovernanceToken__factory.createInterface();
const committeeIface = GovernanceCommittee__factory.createInterface();
const executiveIface = ExecutiveRegistry__factory.createInterface();
const uupsIface = new ethers.Interface(["function upgradeToAndCall(address newImplementation, bytes data)"]);

const spec = (target: string, calldata: string, summary: string, value = 0n): ActionSpec => ({
  target: ethers.getAddress(target),
  value: value.toString(),
  calldata,
  summary,
});

/** Constitution.ratifyAmendment(keccak256(text), uri): the text is read from `file`, exactly as hashed at deploy. */
export function ratifyAmendment(constitution: string, file: string, uri: string): ActionSpec & { textHash: string } {
  const text = fs.readFileSync(file, "utf8");
  const textHash = ethers.keccak256(ethers.toUtf8Bytes(text));
  return {
    ...spec(
      constitution,
      constitutionIface.encodeFunctionData("ratifyAmendment", [textHash, uri]),
      `ratify ${file} (${textHash}) as the next constitution version, at ${uri}`,
    ),
    textHash,
  };
}

/** The governance parameters' names (Constitution.setParameters takes them all). */
export const PARAMETER_NAMES = [
  "supermajorityBps",
  "quorumBps",
  "initiativeThresholdBps",
  "reviewQuorum",
  "votingDelay",
  "votingPeriod",
  "minDiscussionPeriod",
  "disputeHoldPeriod",
  "lateQuorumExtension",
  "draftThreshold",
] as const;

/** Constitution.setParameters with one parameter changed from `current` (the constitution's parameters()). */
export function setParameter(
  constitution: string,
  current: IConstitution.GovernanceParamsStruct,
  name: string,
  value: bigint,
): ActionSpec {
  if (!(PARAMETER_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown parameter "${name}": one of ${PARAMETER_NAMES.join(", ")}`);
  }
  const params = Object.fromEntries(PARAMETER_NAMES.map((n) => [n, current[n]])) as Record<string, unknown>;
  params[name] = value;
  return spec(
    constitution,
    constitutionIface.encodeFunctionData("setParameters", [params as unknown as IConstitution.GovernanceParamsStruct]),
    `set ${name} to ${value}`,
  );
}

/** GovernanceToken.mint(to, amount) (wei). */
export function mint(token: string, to: string, amount: bigint): ActionSpec {
  return spec(
    token,
    tokenIface.encodeFunctionData("mint", [ethers.getAddress(to), amount]),
    `mint ${ethers.formatUnits(amount, 18)} BTMG to ${to}`,
  );
}

/** ERC-20 transfer from the treasury (the timelock) of `amount` (wei). */
export function transferTokens(token: string, to: string, amount: bigint): ActionSpec {
  return spec(
    token,
    tokenIface.encodeFunctionData("transfer", [ethers.getAddress(to), amount]),
    `transfer ${ethers.formatUnits(amount, 18)} tokens from the treasury to ${to}`,
  );
}

/** GovernanceCommittee.replaceMember(old, new). */
export function replaceMember(committee: string, oldMember: string, newMember: string): ActionSpec {
  return spec(
    committee,
    committeeIface.encodeFunctionData("replaceMember", [ethers.getAddress(oldMember), ethers.getAddress(newMember)]),
    `replace committee member ${oldMember} by ${newMember}`,
  );
}

/** ExecutiveRegistry.grantAllowance(account, asset, amount, period). Asset: the zero address for ETH. */
export function grantAllowance(
  registry: string,
  account: string,
  asset: string,
  amount: bigint,
  periodSeconds: bigint,
): ActionSpec {
  return spec(
    registry,
    executiveIface.encodeFunctionData("grantAllowance", [
      ethers.getAddress(account),
      ethers.getAddress(asset),
      amount,
      periodSeconds,
    ]),
    `grant ${account} an allowance of ${ethers.formatUnits(amount, 18)} ${asset === ethers.ZeroAddress ? "ETH" : asset} per ${periodSeconds}s`,
  );
}

/** ExecutiveRegistry.setSpendThreshold(asset, threshold): spends above it need co-approval. */
export function setSpendThreshold(registry: string, asset: string, threshold: bigint): ActionSpec {
  return spec(
    registry,
    executiveIface.encodeFunctionData("setSpendThreshold", [ethers.getAddress(asset), threshold]),
    `set the direct-spend threshold of ${asset === ethers.ZeroAddress ? "ETH" : asset} to ${ethers.formatUnits(threshold, 18)}`,
  );
}

/** ExecutiveRegistry.appoint(account). */
export function appointExecutive(registry: string, account: string): ActionSpec {
  return spec(
    registry,
    executiveIface.encodeFunctionData("appoint", [ethers.getAddress(account)]),
    `appoint ${account} to the executive committee`,
  );
}

/** UUPS upgradeToAndCall(implementation, data) on a proxy of the suite. */
export function upgrade(proxy: string, implementation: string, data = "0x"): ActionSpec {
  return spec(
    proxy,
    uupsIface.encodeFunctionData("upgradeToAndCall", [ethers.getAddress(implementation), data]),
    `upgrade ${proxy} to implementation ${implementation}`,
  );
}

/** A raw call. */
export function call(target: string, calldata: string, value = 0n): ActionSpec {
  if (!ethers.isHexString(calldata)) throw new Error(`calldata must be 0x-prefixed hex (got "${calldata}")`);
  return spec(target, calldata, `call ${target} with ${ethers.dataLength(calldata)} bytes`, value);
}

/** A proposal from action specs and a description. */
export function toProposal(actions: ActionSpec[], description: string): Proposal {
  if (actions.length === 0) throw new Error("a proposal needs at least one action");
  return {
    targets: actions.map((a) => a.target),
    values: actions.map((a) => BigInt(a.value)),
    calldatas: actions.map((a) => a.calldata),
    description,
  };
}

/** Reads action specs from JSON files (each an ActionSpec or an array of them, as gov:encode writes). */
export function readActionFiles(files: string[]): ActionSpec[] {
  const out: ActionSpec[] = [];
  for (const file of files) {
    if (!fs.existsSync(file)) throw new Error(`No such action file ${file}: create it with npx hardhat gov:encode`);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as ActionSpec | ActionSpec[];
    for (const a of Array.isArray(json) ? json : [json]) {
      if (!a.target || !a.calldata) throw new Error(`${file}: an action needs target and calldata (gov:encode)`);
      out.push({
        target: ethers.getAddress(a.target),
        value: String(a.value ?? "0"),
        calldata: a.calldata,
        summary: a.summary ?? "",
      });
    }
  }
  return out;
}
