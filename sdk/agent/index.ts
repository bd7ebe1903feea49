/**
 * The AI delegate's runtime (issue #10): run (decide, publish the rationale, relay a signed ballot), audit (rebuild
 * and check a vote), advise (a member's own recommendation), brief (decision support). See docs/agent.md.
 *
 *   import { agent } from "@bytomdao/governance";
 *   const report = await agent.runAgentOnce({ suite, operator, relayer, store, loader, modelDirs });
 *
 * The model itself comes from a {@link ModelLoader} (ml/agent.ts for the TensorFlow.js constitution model).
 */
export * from "./types";
export * from "./canonical";
export * from "./store";
export * from "./chain";
export * from "./document";
export * from "./runtime";
export * from "./audit";
export * from "./advise";
export * from "./preferences-file";
export * from "./brief";
