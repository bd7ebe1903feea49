import { ethers, type ContractFactory, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import ERC1967ProxyArtifact from "@openzeppelin/upgrades-core/artifacts/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol/ERC1967Proxy.json";
import {
  AgentDelegate__factory,
  AttestationVerifier__factory,
  BallotRelay__factory,
  BytomGovernor__factory,
  ExecutiveRegistry__factory,
  WorldIDVerifier__factory,
  WorldIDV4Verifier__factory,
  Constitution__factory,
  GovernanceCommittee__factory,
  GovernanceToken__factory,
  ModelRegistry__factory,
  TimelockController__factory,
  type AgentDelegate,
  type AttestationVerifier,
  type BallotRelay,
  type BytomGovernor,
  type ExecutiveRegistry,
  type Constitution,
  type GovernanceCommittee,
  type GovernanceToken,
  type ModelRegistry,
  type TimelockController,
} from "../typechain-types";
import { WORLD_ID_V3_SUNSET, WORLD_ID_V4_VERIFIERS, type DeployConfig } from "./config";
import { writeDeploymentRecord } from "../sdk/deployments";

/** The deployed suite, as typechain instances connected to the deployer. */
export interface BytomDAO {
  token: GovernanceToken;
  constitution: Constitution;
  committee: GovernanceCommittee;
  governor: BytomGovernor;
  /** Relays batches of members' signed ballots to the governor (the one relay it trusts). */
  ballotRelay: BallotRelay;
  timelock: TimelockController;
  modelRegistry: ModelRegistry;
  executiveRegistry: ExecutiveRegistry;
  attestationVerifier: AttestationVerifier;
  agentDelegate: AgentDelegate;
  /** Every address by contract name (proxies) and `<Name>Implementation`. */
  addresses: Record<string, string>;
}

export interface DeployOptions {
  log?: (line: string) => void;
}

/**
 * Deploys the whole governance suite from a resolved config. Used by `deploy/index.ts` on any network, by the demo
 * and by the tests (as a fixture).
 *
 * The contracts reference each other in a cycle (the timelock's proposer is the governor, the governor's proposer is
 * the committee, the committee proposes to the governor...). Instead of a temporary admin that wires them and then
 * renounces, every address is predicted from the deployer's nonce and passed to the initializers, so that each
 * proxy is deployed and initialised in one transaction (nobody can front-run an initializer) and the deployer never
 * holds a role. The result is then checked against the prediction and the expected roles ({verifyDeployment}).
 */
export async function deployBytomDAO(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  config: DeployConfig,
  options: DeployOptions = {},
): Promise<BytomDAO> {
  const log = options.log ?? (() => undefined);
  const from = await deployer.getAddress();
  const start = await deployer.getNonce("pending");
  // The order of creations below; each is exactly one transaction.
  const order = [
    "GovernanceTokenImplementation",
    "ConstitutionImplementation",
    "GovernanceCommitteeImplementation",
    "BytomGovernorImplementation",
    "ModelRegistryImplementation",
    "TimelockController",
    "GovernanceToken",
    "Constitution",
    "GovernanceCommittee",
    "BytomGovernor",
    "ModelRegistry",
    "BallotRelay",
  ] as const;
  type Name = (typeof order)[number];
  const predicted = Object.fromEntries(
    order.map((name, i) => [name, ethers.getCreateAddress({ from, nonce: start + i })]),
  ) as Record<Name, string>;
  const addresses: Record<string, string> = {};

  const create = async (name: Name, factory: ContractFactory, args: unknown[]): Promise<string> => {
    const contract = await factory.deploy(...args);
    await contract.waitForDeployment();
    const address = await contract.getAddress();
    if (address !== predicted[name]) {
      throw new Error(
        `${name} landed at ${address}, expected ${predicted[name]}: another transaction from the deployer ` +
          `interleaved. Redeploy from an account that sends nothing else meanwhile.`,
      );
    }
    addresses[name] = address;
    log(`  ${name.padEnd(36)} ${address}`);
    return address;
  };
  const proxyFactory = new ethers.ContractFactory(ERC1967ProxyArtifact.abi, ERC1967ProxyArtifact.bytecode, deployer);
  const proxy = (name: Name, implementation: Name, data: string) =>
    create(name, proxyFactory, [predicted[implementation], data]);

  // Upgrade safety (storage layout, initializers, no selfdestruct/delegatecall) is checked before anything is sent.
  const tokenFactory = new GovernanceToken__factory(deployer);
  const constitutionFactory = new Constitution__factory(deployer);
  const committeeFactory = new GovernanceCommittee__factory(deployer);
  const governorFactory = new BytomGovernor__factory(deployer);
  const registryFactory = new ModelRegistry__factory(deployer);
  // The governor's implementation takes the token address as an immutable constructor argument.
  const governorOptions = { kind: "uups" as const, constructorArgs: [predicted.GovernanceToken] };
  for (const factory of [tokenFactory, constitutionFactory, committeeFactory, registryFactory]) {
    await hre.upgrades.validateImplementation(factory, { kind: "uups" });
  }
  await hre.upgrades.validateImplementation(governorFactory, governorOptions);

  log("Implementations");
  await create("GovernanceTokenImplementation", tokenFactory, []);
  await create("ConstitutionImplementation", constitutionFactory, []);
  await create("GovernanceCommitteeImplementation", committeeFactory, []);
  await create("BytomGovernorImplementation", governorFactory, [predicted.GovernanceToken]);
  await create("ModelRegistryImplementation", registryFactory, []);

  log("Timelock (treasury and the DAO's only admin key): the governor alone proposes, executes and cancels");
  await create("TimelockController", new TimelockController__factory(deployer), [
    config.timelockMinDelay,
    [predicted.BytomGovernor],
    [predicted.BytomGovernor],
    ethers.ZeroAddress,
  ]);

  log("Proxies (UUPS), each initialised in its creation transaction");
  const recipients = [...config.distribution.map((d) => d.account), predicted.TimelockController];
  const amounts = [...config.distribution.map((d) => d.amount), config.treasury];
  await proxy(
    "GovernanceToken",
    "GovernanceTokenImplementation",
    tokenFactory.interface.encodeFunctionData("initialize", [
      config.token.name,
      config.token.symbol,
      predicted.TimelockController,
      config.token.cap,
      recipients,
      amounts,
    ]),
  );
  await proxy(
    "Constitution",
    "ConstitutionImplementation",
    constitutionFactory.interface.encodeFunctionData("initialize", [
      predicted.TimelockController,
      predicted.BytomGovernor,
      predicted.ModelRegistry,
      config.parameters,
      config.constitution.textHash,
      config.constitution.uri,
      1n,
      config.genesisModel.operator,
      config.agent.voteCapBps,
    ]),
  );
  await proxy(
    "GovernanceCommittee",
    "GovernanceCommitteeImplementation",
    committeeFactory.interface.encodeFunctionData("initialize", [
      predicted.TimelockController,
      predicted.Constitution,
      predicted.GovernanceToken,
      predicted.BytomGovernor,
      config.committee,
    ]),
  );
  await proxy(
    "BytomGovernor",
    "BytomGovernorImplementation",
    governorFactory.interface.encodeFunctionData("initialize", [
      predicted.TimelockController,
      predicted.Constitution,
      predicted.GovernanceCommittee,
      predicted.BallotRelay,
    ]),
  );

  await proxy(
    "ModelRegistry",
    "ModelRegistryImplementation",
    registryFactory.interface.encodeFunctionData("initialize", [
      predicted.TimelockController,
      predicted.Constitution,
      predicted.GovernanceCommittee,
      config.genesisModel.weightsRoot,
      config.genesisModel.operator,
      config.genesisModel.uri,
    ]),
  );

  // Let the upgrades plugin track the proxies, so that `upgrades.upgradeProxy` / `prepareUpgrade` validate later
  // implementations against these storage layouts.
  log("Ballot relay (not upgradeable: the DAO replaces it with setBallotRelay)");
  await create("BallotRelay", new BallotRelay__factory(deployer), [predicted.BytomGovernor]);

  await hre.upgrades.forceImport(addresses.GovernanceToken, tokenFactory, { kind: "uups" });
  await hre.upgrades.forceImport(addresses.Constitution, constitutionFactory, { kind: "uups" });
  await hre.upgrades.forceImport(addresses.GovernanceCommittee, committeeFactory, { kind: "uups" });
  await hre.upgrades.forceImport(addresses.BytomGovernor, governorFactory, governorOptions);
  await hre.upgrades.forceImport(addresses.ModelRegistry, registryFactory, { kind: "uups" });

  log("Executive committee: personhood verifiers and the ExecutiveRegistry (no cycle: deployed after the core)");
  const attestation = await new AttestationVerifier__factory(deployer).deploy(
    addresses.TimelockController,
    config.personhood.issuers,
  );
  await attestation.waitForDeployment();
  addresses.AttestationVerifier = await attestation.getAddress();
  log(`  ${"AttestationVerifier".padEnd(36)} ${addresses.AttestationVerifier}`);
  const verifiers = [addresses.AttestationVerifier];
  const sunsets = [0n];
  const worldId = config.personhood.worldId;
  if (worldId) {
    const w = await new WorldIDVerifier__factory(deployer).deploy(
      addresses.TimelockController,
      worldId.router,
      worldId.appId,
      worldId.action,
      worldId.validityPeriod,
    );
    await w.waitForDeployment();
    addresses.WorldIDVerifier = await w.getAddress();
    verifiers.push(addresses.WorldIDVerifier);
    sunsets.push(BigInt(worldId.enrolmentSunset ?? WORLD_ID_V3_SUNSET));
    log(`  ${"WorldIDVerifier".padEnd(36)} ${addresses.WorldIDVerifier}`);
  }
  const worldIdV4 = config.personhood.worldIdV4;
  if (worldIdV4) {
    const { chainId } = await deployer.provider!.getNetwork();
    const known = WORLD_ID_V4_VERIFIERS[chainId.toString()];
    if (known && ethers.getAddress(known) !== worldIdV4.verifier) {
      throw new Error(`personhood.worldIdV4.verifier ${worldIdV4.verifier} is not chain ${chainId}'s ${known}`);
    }
    const action = ethers.isHexString(worldIdV4.action)
      ? BigInt(worldIdV4.action)
      : BigInt(ethers.keccak256(ethers.toUtf8Bytes(worldIdV4.action))) >> 8n;
    const w4 = await new WorldIDV4Verifier__factory(deployer).deploy(
      addresses.TimelockController,
      worldIdV4.verifier,
      BigInt(worldIdV4.rpId),
      action,
      BigInt(worldIdV4.issuerSchemaId),
      worldIdV4.validityPeriod,
    );
    await w4.waitForDeployment();
    addresses.WorldIDV4Verifier = await w4.getAddress();
    verifiers.push(addresses.WorldIDV4Verifier);
    sunsets.push(0n);
    log(`  ${"WorldIDV4Verifier".padEnd(36)} ${addresses.WorldIDV4Verifier}`);
  }
  const executiveProxy = await hre.upgrades.deployProxy(
    new ExecutiveRegistry__factory(deployer),
    [addresses.TimelockController, addresses.Constitution, addresses.GovernanceCommittee, verifiers, sunsets],
    { kind: "uups" },
  );
  await executiveProxy.waitForDeployment();
  addresses.ExecutiveRegistry = await executiveProxy.getAddress();
  addresses.ExecutiveRegistryImplementation = await hre.upgrades.erc1967.getImplementationAddress(
    addresses.ExecutiveRegistry,
  );
  log(`  ${"ExecutiveRegistry".padEnd(36)} ${addresses.ExecutiveRegistry}`);

  log("AI delegate: members delegate here once and follow the model in force");
  const agentProxy = await hre.upgrades.deployProxy(
    new AgentDelegate__factory(deployer),
    [
      addresses.TimelockController,
      addresses.Constitution,
      addresses.BytomGovernor,
      resolveRecusals(config.agent.recusals, addresses),
    ],
    { kind: "uups" },
  );
  await agentProxy.waitForDeployment();
  addresses.AgentDelegate = await agentProxy.getAddress();
  addresses.AgentDelegateImplementation = await hre.upgrades.erc1967.getImplementationAddress(addresses.AgentDelegate);
  log(`  ${"AgentDelegate".padEnd(36)} ${addresses.AgentDelegate}`);

  const dao: BytomDAO = {
    token: GovernanceToken__factory.connect(addresses.GovernanceToken, deployer),
    constitution: Constitution__factory.connect(addresses.Constitution, deployer),
    committee: GovernanceCommittee__factory.connect(addresses.GovernanceCommittee, deployer),
    governor: BytomGovernor__factory.connect(addresses.BytomGovernor, deployer),
    ballotRelay: BallotRelay__factory.connect(addresses.BallotRelay, deployer),
    timelock: TimelockController__factory.connect(addresses.TimelockController, deployer),
    modelRegistry: ModelRegistry__factory.connect(addresses.ModelRegistry, deployer),
    executiveRegistry: ExecutiveRegistry__factory.connect(addresses.ExecutiveRegistry, deployer),
    attestationVerifier: AttestationVerifier__factory.connect(addresses.AttestationVerifier, deployer),
    agentDelegate: AgentDelegate__factory.connect(addresses.AgentDelegate, deployer),
    addresses,
  };
  await verifyDeployment(dao, config, from);
  log("Post-deployment checks passed: every admin right ends at the timelock; the deployer holds no role.");
  return dao;
}

/** The selector that recuses every call to a target (AgentDelegate.ANY_SELECTOR). */
export const ANY_SELECTOR = "0xffffffff";

/**
 * Resolves the config's recusals (contract name → function signatures, "*" = every function) to (target, selector)
 * pairs, refusing unknown contracts and functions the contract does not have.
 */
export function resolveRecusals(
  recusals: Record<string, string[]>,
  addresses: Record<string, string>,
): { target: string; selector: string }[] {
  const interfaces: Record<string, ethers.Interface> = {
    GovernanceToken: GovernanceToken__factory.createInterface(),
    Constitution: Constitution__factory.createInterface(),
    GovernanceCommittee: GovernanceCommittee__factory.createInterface(),
    BytomGovernor: BytomGovernor__factory.createInterface(),
    ModelRegistry: ModelRegistry__factory.createInterface(),
    ExecutiveRegistry: ExecutiveRegistry__factory.createInterface(),
  };
  return Object.entries(recusals).flatMap(([name, signatures]) => {
    const target = addresses[name];
    const iface = interfaces[name];
    if (!target || !iface) throw new Error(`agent.recusals: "${name}" is not a contract of this deployment.`);
    return signatures.map((signature) => {
      if (signature === "*") return { target, selector: ANY_SELECTOR };
      const fragment = iface.getFunction(signature);
      if (!fragment) throw new Error(`agent.recusals: ${name} has no function ${signature}.`);
      return { target, selector: fragment.selector };
    });
  });
}

/**
 * Checks a deployment's wiring and roles, throwing on the first mismatch. The deployer (`deployer`) must hold no
 * role and no upgrade right anywhere.
 */
export async function verifyDeployment(dao: BytomDAO, config: DeployConfig, deployer: string): Promise<void> {
  const { token, constitution, committee, governor, timelock, modelRegistry, executiveRegistry, addresses } = dao;
  const t = addresses.TimelockController;
  const g = addresses.BytomGovernor;
  const checks: [string, boolean][] = [
    ["token owner is the timelock", (await token.owner()) === t],
    ["constitution owner is the timelock", (await constitution.owner()) === t],
    ["committee owner is the timelock", (await committee.owner()) === t],
    ["governor executes through the timelock", (await governor.timelock()) === t],
    ["governor votes with the token", (await governor.token()) === addresses.GovernanceToken],
    ["governor proposals come from the committee", (await governor.committee()) === addresses.GovernanceCommittee],
    ["governor reads the constitution", (await governor.constitution()) === addresses.Constitution],
    ["governor counts the ballot relay's batches", (await governor.ballotRelay()) === addresses.BallotRelay],
    ["ballot relay serves the governor", (await dao.ballotRelay.governor()) === g],
    ["constitution records the governor", (await constitution.governor()) === g],
    [
      "constitution enacts through the model registry",
      (await constitution.modelRegistry()) === addresses.ModelRegistry,
    ],
    ["model registry owner is the timelock", (await modelRegistry.owner()) === t],
    ["model registry serves the constitution", (await modelRegistry.constitution()) === addresses.Constitution],
    [
      "model registry evaluators are the committee",
      (await modelRegistry.committee()) === addresses.GovernanceCommittee,
    ],
    [
      "model registry: default challenge window, no appointed evaluator (only the committee evaluates)",
      (await modelRegistry.activationDelay()) === (await modelRegistry.DEFAULT_ACTIVATION_DELAY()) &&
        (await modelRegistry.eligibleEvaluatorCount()) === 5n,
    ],
    [
      "genesis model #1 is the active model, its operator the active agent",
      (await constitution.activeModelId()) === 1n &&
        (await modelRegistry.getModel(1)).operator === (await constitution.activeAgent()),
    ],
    ["executive registry owner is the timelock", (await executiveRegistry.owner()) === t],
    ["attestation verifier owner is the timelock", (await dao.attestationVerifier.owner()) === t],
    [
      "executive registry accepts the attestation verifier",
      await executiveRegistry.isVerifierApproved(addresses.AttestationVerifier),
    ],
    ["executive registry reads the committee", (await executiveRegistry.committee()) === addresses.GovernanceCommittee],
    ["agent delegate owner is the timelock", (await dao.agentDelegate.owner()) === t],
    ["agent delegate follows the constitution", (await dao.agentDelegate.constitution()) === addresses.Constitution],
    ["agent delegate votes on the governor", (await dao.agentDelegate.governor()) === g],
    ["AI vote cap as configured", (await constitution.agentVoteCapBps()) === BigInt(config.agent.voteCapBps)],
    [
      "agent delegate recuses itself from every call to itself",
      await dao.agentDelegate.isRecused(addresses.AgentDelegate, ANY_SELECTOR),
    ],
    ["committee members as configured", (await committee.members()).every((m, i) => m === config.committee[i])],
    ["timelock: governor proposes", await timelock.hasRole(await timelock.PROPOSER_ROLE(), g)],
    ["timelock: governor executes", await timelock.hasRole(await timelock.EXECUTOR_ROLE(), g)],
    ["timelock: governor cancels", await timelock.hasRole(await timelock.CANCELLER_ROLE(), g)],
    ["timelock: nobody else executes", !(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress))],
    ["timelock administers itself", await timelock.hasRole(await timelock.DEFAULT_ADMIN_ROLE(), t)],
  ];
  for (const { target, selector } of resolveRecusals(config.agent.recusals, addresses)) {
    checks.push([
      `agent delegate recused on ${target} ${selector}`,
      await dao.agentDelegate.isRecused(target, selector),
    ]);
  }
  for (const role of ["DEFAULT_ADMIN_ROLE", "PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"] as const) {
    checks.push([`deployer has no timelock ${role}`, !(await timelock.hasRole(await timelock[role](), deployer))]);
  }
  const failed = checks.filter(([, ok]) => !ok).map(([name]) => name);
  if (failed.length > 0) throw new Error(`Deployment check failed: ${failed.join("; ")}`);
}

/**
 * Writes deployments/<network>.json (sdk/deployments): addresses by name, chain id, the start block event scans
 * begin at, and the constitution version in force.
 */
export function writeDeployment(
  network: string,
  chainId: bigint,
  addresses: Record<string, string>,
  startBlock: number,
  constitutionVersion = 1,
): string {
  return writeDeploymentRecord({
    network,
    chainId: chainId.toString(),
    deployedAt: new Date().toISOString(),
    startBlock,
    constitutionVersion,
    contracts: addresses,
  });
}
