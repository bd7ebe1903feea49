/** Typed contracts of a deployment record, connected to a provider or signer. */
import type { ContractRunner } from "ethers";
import {
  AgentDelegate__factory,
  AttestationVerifier__factory,
  BytomGovernor__factory,
  Constitution__factory,
  ExecutiveRegistry__factory,
  GovernanceCommittee__factory,
  GovernanceToken__factory,
  ModelRegistry__factory,
  TimelockController__factory,
  type AgentDelegate,
  type AttestationVerifier,
  type BytomGovernor,
  type Constitution,
  type ExecutiveRegistry,
  type GovernanceCommittee,
  type GovernanceToken,
  type ModelRegistry,
  type TimelockController,
} from "../typechain-types";
import type { DeploymentRecord } from "./deployments";

/** The suite's contracts, typed (typechain ethers v6). */
export interface SuiteContracts {
  token: GovernanceToken;
  constitution: Constitution;
  committee: GovernanceCommittee;
  governor: BytomGovernor;
  timelock: TimelockController;
  modelRegistry: ModelRegistry;
  executiveRegistry: ExecutiveRegistry;
  attestationVerifier: AttestationVerifier;
  agentDelegate: AgentDelegate;
}

/** Connects every contract of a deployment record (see sdk/deployments) to `runner`. */
export function connectSuite(
  record: Pick<DeploymentRecord, "contracts">,
  runner: ContractRunner | null,
): SuiteContracts {
  const a = (name: string): string => {
    const address = record.contracts[name];
    if (!address) throw new Error(`the deployment record has no ${name}`);
    return address;
  };
  return {
    token: GovernanceToken__factory.connect(a("GovernanceToken"), runner),
    constitution: Constitution__factory.connect(a("Constitution"), runner),
    committee: GovernanceCommittee__factory.connect(a("GovernanceCommittee"), runner),
    governor: BytomGovernor__factory.connect(a("BytomGovernor"), runner),
    timelock: TimelockController__factory.connect(a("TimelockController"), runner),
    modelRegistry: ModelRegistry__factory.connect(a("ModelRegistry"), runner),
    executiveRegistry: ExecutiveRegistry__factory.connect(a("ExecutiveRegistry"), runner),
    attestationVerifier: AttestationVerifier__factory.connect(a("AttestationVerifier"), runner),
    agentDelegate: AgentDelegate__factory.connect(a("AgentDelegate"), runner),
  };
}
