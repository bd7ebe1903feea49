// Governance tasks: thin CLI shells over scripts/lib/governance.ts. Libraries are imported inside each action.
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** Runs a task body, printing reverts as "ErrorName(args): what to do next". */
async function explained<T>(body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    const { explainError } = await import("../scripts/lib/errors");
    const { GovernanceCommittee__factory, BytomGovernor__factory, TimelockController__factory } =
      await import("../typechain-types");
    const interfaces = [GovernanceCommittee__factory, BytomGovernor__factory, TimelockController__factory].map((f) =>
      f.createInterface(),
    );
    console.error(explainError(error, interfaces));
    process.exitCode = 1;
    return undefined;
  }
}

async function contracts(hre: HardhatRuntimeEnvironment, signerIndex: number) {
  const { contractAddress } = await import("../scripts/lib/deployments");
  const { GovernanceCommittee__factory, BytomGovernor__factory } = await import("../typechain-types");
  const signer = (await hre.ethers.getSigners())[signerIndex];
  if (!signer)
    throw new Error(`No signer #${signerIndex} on ${hre.network.name}: set DEPLOYER_PRIVATE_KEY or use --signer.`);
  const net = hre.network.name;
  const { readDeployment } = await import("../scripts/lib/deployments");
  return {
    signer,
    fromBlock: readDeployment(net).startBlock ?? 0,
    committee: GovernanceCommittee__factory.connect(contractAddress(net, "GovernanceCommittee"), signer),
    governor: BytomGovernor__factory.connect(contractAddress(net, "BytomGovernor"), signer),
  };
}

task("gov:draft", "Submits a one-action draft to the governance committee")
  .addParam("target", "Contract the proposal calls")
  .addParam("calldata", "ABI-encoded call (0x…)")
  .addParam("description", "Proposal description (text or URI)")
  .addOptionalParam("value", "Wei sent with the call", "0")
  .addOptionalParam("signer", "Index of the signing account", 0, types.int)
  .setAction(
    async (args: { target: string; calldata: string; description: string; value: string; signer: number }, hre) =>
      explained(async () => {
        const { submitDraft, action } = await import("../scripts/lib/governance");
        const { signer, committee } = await contracts(hre, args.signer);
        const p = action(args.target, args.calldata, args.description, BigInt(args.value));
        const id = await submitDraft(committee, signer, p);
        const endsAt = new Date(Number(await committee.discussionEndsAt(id)) * 1000).toISOString();
        console.log(`Draft #${id} submitted. Discussion ends at ${endsAt}.`);
      }),
  );

task("gov:approve", "Approves a draft's current revision (committee members)")
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addOptionalParam("signer", "Index of the signing account", 0, types.int)
  .setAction(async (args: { draft: bigint; signer: number }, hre) =>
    explained(async () => {
      const { approveDraft } = await import("../scripts/lib/governance");
      const { signer, committee } = await contracts(hre, args.signer);
      await approveDraft(committee, [signer], args.draft);
      console.log(`Approved. Approvals: ${await committee.approvalCount(args.draft)}.`);
    }),
  );

task("gov:vote", "Votes on a proposal: for, against or abstain")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addParam("support", "for | against | abstain")
  .addOptionalParam("reason", "Reason recorded with the vote", "")
  .addOptionalParam("signer", "Index of the signing account", 0, types.int)
  .setAction(async (args: { proposal: bigint; support: string; reason: string; signer: number }, hre) =>
    explained(async () => {
      const { Support } = await import("../scripts/lib/governance");
      const support = { for: Support.For, against: Support.Against, abstain: Support.Abstain }[
        args.support.toLowerCase()
      ];
      if (support === undefined) throw new Error(`--support must be for, against or abstain (got "${args.support}").`);
      const { governor } = await contracts(hre, args.signer);
      await (await governor.castVoteWithReason(args.proposal, support, args.reason)).wait();
      const [against, forVotes, abstain] = await governor.proposalVotes(args.proposal);
      console.log(`Voted. Tally: for ${forVotes} · against ${against} · abstain ${abstain}.`);
    }),
  );

task("gov:queue", "Queues a succeeded proposal in the timelock")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addOptionalParam("signer", "Index of the signing account", 0, types.int)
  .setAction(async (args: { proposal: bigint; signer: number }, hre) =>
    explained(async () => {
      const { queue } = await import("../scripts/lib/governance");
      const { signer, governor, fromBlock } = await contracts(hre, args.signer);
      await (await queue(governor, signer, args.proposal, fromBlock)).wait();
      console.log(
        `Queued; executable after ${new Date(Number(await governor.proposalEta(args.proposal)) * 1000).toISOString()}.`,
      );
    }),
  );

task("gov:execute", "Executes a queued proposal after the timelock delay")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addOptionalParam("signer", "Index of the signing account", 0, types.int)
  .setAction(async (args: { proposal: bigint; signer: number }, hre) =>
    explained(async () => {
      const { execute } = await import("../scripts/lib/governance");
      const { signer, governor, fromBlock } = await contracts(hre, args.signer);
      await (await execute(governor, signer, args.proposal, fromBlock)).wait();
      console.log(`Proposal ${args.proposal} executed.`);
    }),
  );

task("gov:status", "Shows a proposal's state, tally and deadlines")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .setAction(async (args: { proposal: bigint }, hre) =>
    explained(async () => {
      const { stateOf } = await import("../scripts/lib/governance");
      const { governor } = await contracts(hre, 0);
      const [against, forVotes, abstain] = await governor.proposalVotes(args.proposal);
      const decisive = forVotes + against;
      const pct = decisive === 0n ? "0.00" : (Number((forVotes * 10000n) / decisive) / 100).toFixed(2);
      console.log(`Proposal ${args.proposal}: ${await stateOf(governor, args.proposal)}`);
      console.log(
        `  for ${forVotes} · against ${against} · abstain ${abstain} → ${pct}% for (needs > ${Number(await governor.proposalSupermajority(args.proposal)) / 100}%)`,
      );
      console.log(
        `  snapshot ${await governor.proposalSnapshot(args.proposal)} · deadline ${await governor.proposalDeadline(args.proposal)} · eta ${await governor.proposalEta(args.proposal)}`,
      );
    }),
  );

task("gov:delegate", "Delegates your voting power: to yourself, to the DAO's AI delegate, or to an address")
  .addParam("to", '"self", "ai" (the AgentDelegate, voted by the model in force) or an address')
  .addOptionalParam("signer", "Index of the signing account", 0, types.int)
  .setAction(async (args: { to: string; signer: number }, hre) =>
    explained(async () => {
      const { contractAddress } = await import("../scripts/lib/deployments");
      const { GovernanceToken__factory } = await import("../typechain-types");
      const signer = (await hre.ethers.getSigners())[args.signer];
      if (!signer) throw new Error(`No signer #${args.signer} on ${hre.network.name}: set DEPLOYER_PRIVATE_KEY.`);
      const net = hre.network.name;
      const token = GovernanceToken__factory.connect(contractAddress(net, "GovernanceToken"), signer);
      const to =
        args.to === "self"
          ? await signer.getAddress()
          : args.to === "ai"
            ? contractAddress(net, "AgentDelegate")
            : hre.ethers.getAddress(args.to);
      await (await token.delegate(to)).wait();
      const votes = await token.getVotes(to);
      console.log(
        `Delegated to ${to}; it now has ${hre.ethers.formatUnits(votes, 18)} votes (they count from the next second).`,
      );
    }),
  );
