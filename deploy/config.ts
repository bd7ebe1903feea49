import fs from "node:fs";
import path from "node:path";
import { ethers, type Signer } from "ethers";
import type { IConstitution } from "../typechain-types";

/** A deployment's settings, one JSON file per network in config/<network>.json. */
export interface DeployConfigFile {
  token: { name: string; symbol: string; cap: string };
  /** Whole tokens minted to the DAO treasury (the timelock). */
  treasury: string;
  distribution: { account: string; amount: string }[];
  /** The five committee members. */
  committee: string[];
  /** Seconds between queueing and executing a passed proposal. */
  timelockMinDelay: number;
  parameters: {
    supermajorityBps: number;
    quorumBps: number;
    initiativeThresholdBps: number;
    reviewQuorum: number;
    votingDelay: number;
    votingPeriod: number;
    minDiscussionPeriod: number;
    disputeHoldPeriod: number;
    lateQuorumExtension: number;
    /** Whole tokens of voting power needed to submit a draft. */
    draftThreshold: string;
  };
  constitution: { file: string; uri: string };
  genesisModel: { weightsRoot: string; operator: string; uri: string };
  /** Proof-of-personhood for the executive committee. */
  personhood: {
    /** Keys the DAO approves, at deployment, to sign EIP-712 personhood attestations. */
    issuers: string[];
    /** The World ID router of the network (omit where World ID is not deployed). */
    worldId?: { router: string; appId: string; action: string; validityPeriod: number };
  };
  /** The AI delegate's safeguards (defaults: {DEFAULT_AGENT}). */
  agent?: AgentConfig;
}

/** The AI delegate's safeguards. */
export interface AgentConfig {
  /** Cap on the AI delegate's counted weight: 0 (off) or 100-5000 bps of the voting supply at the snapshot. */
  voteCapBps: number;
  /** Contract name (as in the deployment's addresses) → function signatures the AI may not vote on ("*": all). */
  recusals: Record<string, string[]>;
}

/** Cap off; the AI never votes on its own cap, model succession or the model registry's settings. */
export const DEFAULT_AGENT: AgentConfig = {
  voteCapBps: 0,
  recusals: {
    Constitution: ["setAgentVoteCapBps(uint16)", "setModelRegistry(address)", "withdrawAmendment(uint256)"],
    ModelRegistry: [
      "activateRun(uint256,address[])",
      "rejectRun(uint256,bytes32)",
      "appointEvaluator(address)",
      "removeEvaluator(address)",
      "suspendBuilder(address,bytes32)",
      "restoreBuilder(address)",
      "upgradeToAndCall(address,bytes)",
    ],
  },
};

/** The same settings with every account resolved to an address and every amount in wei. */
export interface DeployConfig {
  token: { name: string; symbol: string; cap: bigint };
  treasury: bigint;
  distribution: { account: string; amount: bigint }[];
  committee: [string, string, string, string, string];
  timelockMinDelay: number;
  parameters: IConstitution.GovernanceParamsStruct;
  constitution: { text: string; textHash: string; uri: string };
  genesisModel: { weightsRoot: string; operator: string; uri: string };
  personhood: {
    issuers: string[];
    worldId?: { router: string; appId: string; action: string; validityPeriod: number };
  };
  agent: AgentConfig;
}

const ROOT = path.join(__dirname, "..");

/** Reads config/<network>.json. */
export function readConfigFile(network: string): DeployConfigFile {
  const file = path.join(ROOT, "config", `${network}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`No deployment config for network "${network}": create ${file} (copy config/hardhat.json).`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeployConfigFile;
}

/**
 * Resolves a config file: "signer:N" accounts become the N-th signer's address (local networks), amounts become
 * wei, the founding constitution text is read and hashed. Zero addresses are refused with the field's name.
 */
export async function resolveConfig(file: DeployConfigFile, signers: Signer[]): Promise<DeployConfig> {
  const account = async (value: string, field: string): Promise<string> => {
    let address: string;
    if (value.startsWith("signer:")) {
      const index = Number(value.slice("signer:".length));
      const signer = signers[index];
      if (!signer) {
        throw new Error(
          `${field}: "${value}" but the network has only ${signers.length} accounts: start the node with enough ` +
            `accounts (npx anvil --accounts 20; npx hardhat node has 20) or use 0x addresses in the config.`,
        );
      }
      address = await signer.getAddress();
    } else if (ethers.isAddress(value)) {
      address = ethers.getAddress(value);
    } else {
      throw new Error(`${field}: "${value}" is neither an address nor "signer:N".`);
    }
    if (address === ethers.ZeroAddress)
      throw new Error(`${field} is the zero address: set a real address in the config.`);
    return address;
  };
  const tokens = (value: string) => ethers.parseUnits(value, 18);

  if (file.committee.length !== 5)
    throw new Error(`committee must list exactly 5 members, not ${file.committee.length}.`);
  const committee = (await Promise.all(file.committee.map((a, i) => account(a, `committee[${i}]`)))) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const textPath = path.join(ROOT, file.constitution.file);
  const text = fs.readFileSync(textPath, "utf8");
  return {
    token: { name: file.token.name, symbol: file.token.symbol, cap: tokens(file.token.cap) },
    treasury: tokens(file.treasury),
    distribution: await Promise.all(
      file.distribution.map(async (d, i) => ({
        account: await account(d.account, `distribution[${i}]`),
        amount: tokens(d.amount),
      })),
    ),
    committee,
    timelockMinDelay: file.timelockMinDelay,
    parameters: { ...file.parameters, draftThreshold: tokens(file.parameters.draftThreshold) },
    constitution: { text, textHash: ethers.keccak256(ethers.toUtf8Bytes(text)), uri: file.constitution.uri },
    genesisModel: {
      weightsRoot: file.genesisModel.weightsRoot,
      operator: await account(file.genesisModel.operator, "genesisModel.operator"),
      uri: file.genesisModel.uri,
    },
    personhood: {
      issuers: await Promise.all(file.personhood.issuers.map((a, i) => account(a, `personhood.issuers[${i}]`))),
      worldId: file.personhood.worldId && {
        ...file.personhood.worldId,
        router: await account(file.personhood.worldId.router, "personhood.worldId.router"),
      },
    },
    agent: { voteCapBps: file.agent?.voteCapBps ?? 0, recusals: file.agent?.recusals ?? DEFAULT_AGENT.recusals },
  };
}
