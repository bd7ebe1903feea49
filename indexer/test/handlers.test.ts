/**
 * Every event of every indexed contract's ABI has exactly one handler, and no handler names an event the ABI lacks
 * (Ponder refuses such a registration). Reads the compiled artifacts: run `npx hardhat compile` first.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { INDEXED_CONTRACTS, abiEvents, type IndexedContract } from "../contracts";
import type * as Schema from "../ponder.schema";
import { createHandlers } from "../src/handlers";

const contracts = Object.keys(INDEXED_CONTRACTS) as IndexedContract[];
// The tables are only touched when a handler runs: the keys are all this test reads.
const HANDLERS = createHandlers({} as typeof Schema);

test("every indexed contract has a handler table and every table belongs to an indexed contract", () => {
  assert.deepEqual(Object.keys(HANDLERS).sort(), [...contracts].sort());
});

for (const contract of contracts) {
  test(`${contract}: the handlers name exactly the events of its ABI`, () => {
    const events = abiEvents(contract).map((e) => e.name);
    assert.equal(new Set(events).size, events.length, `${contract} has overloaded events: register them by signature`);
    assert.ok(events.length > 0, `${contract}'s ABI has no event`);
    assert.deepEqual(Object.keys(HANDLERS[contract]).sort(), [...events].sort());
  });
}

test("the governance events the dashboard relies on map to entity handlers, not to the raw log only", () => {
  const recordOnly = HANDLERS.GovernanceToken.Approval;
  const required: [IndexedContract, string][] = [
    ["GovernanceCommittee", "DraftSubmitted"],
    ["GovernanceCommittee", "DraftRevised"],
    ["GovernanceCommittee", "DraftCommented"],
    ["GovernanceCommittee", "DraftApproved"],
    ["GovernanceCommittee", "DraftBacked"],
    ["GovernanceCommittee", "HoldSupported"],
    ["BytomGovernor", "ProposalCreated"],
    ["BytomGovernor", "VoteCast"],
    ["BytomGovernor", "OverrideVoteCast"],
    ["BytomGovernor", "VoteReduced"],
    ["BytomGovernor", "ProposalQueued"],
    ["BytomGovernor", "ProposalExecuted"],
    ["AgentDelegate", "AgentVoteCast"],
    ["Constitution", "AmendmentRatified"],
    ["Constitution", "VersionEnacted"],
    ["Constitution", "ParametersUpdated"],
    ["ModelRegistry", "BuilderRegistered"],
    ["ModelRegistry", "TrainingRequestOpened"],
    ["ModelRegistry", "TrainingRunRecorded"],
    ["ModelRegistry", "CheckpointAnchored"],
    ["ModelRegistry", "RunEvaluated"],
    ["ModelRegistry", "ModelActivated"],
    ["ExecutiveRegistry", "ExecutiveAppointed"],
    ["ExecutiveRegistry", "AllowanceGranted"],
    ["ExecutiveRegistry", "Spent"],
    ["ExecutiveRegistry", "ResourceAdded"],
  ];
  for (const [contract, event] of required) {
    assert.notEqual(HANDLERS[contract][event], recordOnly, `${contract}:${event} only reaches chainEvent`);
  }
});
