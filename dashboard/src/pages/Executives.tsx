/** Executives: verified humans, their terms, budgets and spends, and the DAO's resources in their custody. */
import type { Abi } from "viem";
import { useApp } from "../app";
import { executiveRegistryAbi } from "../generated/abis";
import { EventLog } from "../events";
import { Section } from "../ui";

export function ExecutivesPage() {
  const registry = useApp().config.addresses.ExecutiveRegistry;
  const abi = executiveRegistryAbi as Abi;
  return (
    <>
      <Section title="Verified humans (personhood enrolments)" id="humans">
        <EventLog address={registry} abi={abi} event="HumanEnrolled" empty="No human enrolled yet." id="humans-table" />
      </Section>
      <Section title="Terms: appointments and removals" id="terms">
        <EventLog
          address={registry}
          abi={abi}
          event="ExecutiveAppointed"
          empty="No executive appointed yet."
          id="appointed-table"
        />
        <EventLog address={registry} abi={abi} event="ExecutiveRemoved" empty="No executive removed." />
      </Section>
      <Section title="Budgets" id="budgets">
        <EventLog address={registry} abi={abi} event="AllowanceGranted" empty="No allowance granted yet." />
        <EventLog address={registry} abi={abi} event="SpendThresholdSet" empty="No spend threshold set." />
      </Section>
      <Section title="Spends" id="spends">
        <EventLog address={registry} abi={abi} event="Spent" empty="Nothing spent yet." id="spends-table" />
        <EventLog address={registry} abi={abi} event="SpendProposed" empty="No spend proposal." />
      </Section>
      <Section title="Resources" id="resources">
        <EventLog address={registry} abi={abi} event="ResourceAdded" empty="No resource registered." />
        <EventLog address={registry} abi={abi} event="CustodyTransferred" empty="No custody transfer." />
      </Section>
    </>
  );
}
