/**
 * @bytomdao/governance SDK: one entry point for integrators and operators.
 *
 *   import { governance, deployments, errors, units, executive, models } from "@bytomdao/governance";
 *
 * Flat exports cover the common path (resolver, explainer, event reader, units, time travel, governance stages);
 * the executive, model and manifest toolkits are namespaces. Works in plain Node with ethers v6: no Hardhat needed.
 */
export * from "./deployments";
export * from "./errors";
export * from "./events";
export * from "./units";
export * from "./dev";
export * from "./governance";
export * from "./ballots";
export * from "./approvals";
export * from "./connect";
export * as deployments from "./deployments";
export * as errors from "./errors";
export * as events from "./events";
export * as units from "./units";
export * as dev from "./dev";
export * as governance from "./governance";
export * as ballots from "./ballots";
export * as approvals from "./approvals";
export * as executive from "./executive";
export * as models from "./models";
export * as manifest from "./manifest";
export * as encode from "./encode";
export * as worldid4 from "./worldid4";
export * as agent from "./agent";
