/** Executives: verified humans, their terms, budgets and spends, and the DAO's resources in their custody. */
import type { Abi } from "viem";
import { useApp } from "../app";
import { executiveRegistryAbi } from "../generated/abis";
import { History } from "../events";
import { Section } from "../ui";

export function ExecutivesPage() {
  const address = useApp().config.addresses.ExecutiveRegistry;
  const abi = executiveRegistryAbi as Abi;
  return (
    <>
      <Section title="Verified humans and their terms" id="humans">
        <History
          table="executives"
          fields={["account", "status", "term", "verifier", "expiry", "enrolledAt", "appointedAt", "removedAt"]}
          orderBy="enrolledAt"
          chain={{ address, abi, event: "HumanEnrolled" }}
          empty="No human enrolled yet."
          id="humans-table"
        />
        <h3>Appointments</h3>
        <History
          table="appointmentApprovals"
          fields={["candidate", "member", "approvals", "required", "timestamp"]}
          orderBy="timestamp"
          chain={{ address, abi, event: "ExecutiveAppointed" }}
          empty="No appointment yet."
        />
      </Section>
      <Section title="Budgets" id="budgets">
        <History
          table="allowances"
          fields={["account", "asset", "amount", "period", "spent", "grantedAt"]}
          orderBy="grantedAt"
          chain={{ address, abi, event: "AllowanceGranted" }}
          empty="No allowance granted yet."
          id="allowances-table"
        />
      </Section>
      <Section title="Spends" id="spends">
        <History
          table="spends"
          fields={["humanId", "asset", "to", "amount", "purpose", "spendId", "timestamp"]}
          orderBy="timestamp"
          chain={{ address, abi, event: "Spent" }}
          empty="Nothing spent yet."
          id="spends-table"
        />
        <h3>Spends above the threshold (co-approved)</h3>
        <History
          table="spendProposals"
          fields={["id", "to", "amount", "approvals", "status", "deadline", "proposedAt"]}
          chain={{ address, abi, event: "SpendProposed" }}
          empty="No spend proposal."
        />
      </Section>
      <Section title="Resources" id="resources">
        <History
          table="resources"
          fields={["id", "kind", "uri", "custodian", "removed", "addedAt", "updatedAt"]}
          chain={{ address, abi, event: "ResourceAdded" }}
          empty="No resource registered."
        />
      </Section>
    </>
  );
}
