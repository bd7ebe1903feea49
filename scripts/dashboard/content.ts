/**
 * After the demo on a local node (scripts/dashboard/stack.ts, `cycle: true`): leaves governance work in progress so
 * that every dashboard page has a live example. The demo's drafts all end proposed; this adds
 *   - a withdrawn draft,
 *   - a draft in voting: approved, proposed, votes for and against, and an override by a member delegated to the AI,
 *   - a draft in review: revised after discussion, 2 of 3 approvals,
 *   - a draft in discussion: just submitted, with a comment (made last so its discussion period is still running).
 *
 *   LOCALHOST_URL=http://127.0.0.1:8545 BYTOMDAO_DEPLOYMENTS=<dir> npx hardhat run scripts/dashboard/content.ts --network localhost
 */
import hre from "hardhat";
import {
  Support,
  action,
  approveDraft,
  castOverride,
  castVote,
  commentDraft,
  connectSuite,
  putToVote,
  resolveDeployment,
  reviseDraft,
  submitDraft,
  travelPast,
  withdrawDraft,
} from "../../sdk";

async function main(): Promise<void> {
  if (hre.network.name !== "localhost") throw new Error("Run on a local node: --network localhost (LOCALHOST_URL).");
  const provider = hre.ethers.provider;
  const record = await resolveDeployment(provider, "localhost");
  const signers = await hre.ethers.getSigners();
  const [, c1, c2, c3, c4, c5, alice, bob, carol, dave] = signers;
  const { committee, governor, token } = connectSuite(record, provider);
  const grant = (to: string, amount: bigint, description: string) =>
    action(
      record.contracts.GovernanceToken,
      token.interface.encodeFunctionData("transfer", [to, amount * 10n ** 18n]),
      description,
    );
  const log = (line: string) => console.log(`  ${line}`);

  const withdrawn = grant(await bob.getAddress(), 1_000n, "Treasury grant: 1,000 BTMG for bob's meetup");
  const withdrawnId = await submitDraft(committee, bob, withdrawn);
  await withdrawDraft(committee, bob, withdrawnId);
  log(`draft #${withdrawnId} submitted and withdrawn by bob`);

  const voting = grant(await carol.getAddress(), 250_000n, "Treasury grant: 250,000 BTMG for an open evaluation set");
  const votingId = await submitDraft(committee, carol, voting);
  await commentDraft(
    committee,
    alice,
    votingId,
    "Publish the evaluation set under CC-BY.",
    "ipfs://bytomdao/comments/d",
  );
  await travelPast(provider, await committee.discussionEndsAt(votingId));
  await approveDraft(committee, [c1, c2, c3], votingId);
  const proposalId = await putToVote(committee, carol, votingId, voting);
  await travelPast(provider, await governor.proposalSnapshot(proposalId));
  await castVote(governor, alice, proposalId, Support.For, "An open evaluation set helps every builder");
  await castVote(governor, bob, proposalId, Support.For);
  await castVote(governor, c4, proposalId, Support.Against, "Too large for a first grant");
  await castOverride(governor, dave, proposalId, Support.Abstain, "I abstain myself instead of following the AI");
  log(`draft #${votingId} → proposal ${proposalId} in voting: 2 for, 1 against, dave overrides the AI (abstain)`);

  const review = grant(await alice.getAddress(), 50_000n, "Treasury grant: 50,000 BTMG for translations");
  const reviewId = await submitDraft(committee, alice, review);
  await travelPast(provider, (await committee.discussionEndsAt(reviewId)) - 3600n);
  const revised = grant(
    await alice.getAddress(),
    40_000n,
    "Treasury grant: 40,000 BTMG for translations (5 languages)",
  );
  await reviseDraft(committee, alice, reviewId, revised, "Smaller budget, five languages");
  await travelPast(provider, await committee.discussionEndsAt(reviewId));
  await approveDraft(committee, [c1, c2], reviewId);
  log(`draft #${reviewId} revised and in review: 2 approvals`);

  const discussion = grant(await c5.getAddress(), 10_000n, "Treasury grant: 10,000 BTMG for a governance explainer");
  const discussionId = await submitDraft(committee, c5, discussion);
  await commentDraft(committee, bob, discussionId, "Add a video version?", "ipfs://bytomdao/comments/e");
  log(`draft #${discussionId} in discussion with one comment`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
