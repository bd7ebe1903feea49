import { expect } from "chai";
import fc from "fast-check";
import hre from "hardhat";
import { ethers, type Signer } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFixture } from "../fixtures/deploy";
import { action, approveDraft, putToVote, submitDraft } from "../../sdk/governance";
import { travelPast } from "../governance/helpers";

/**
 * Property: whatever the balances, delegations and the order of votes and overrides, the governor's tally equals a
 * model in which every token counts exactly once: toward its holder's override vote if the holder overrode, else
 * toward its delegate's vote if the delegate voted, else nowhere. The outcome then follows the supermajority and
 * quorum formulas exactly.
 */
describe("property: vote counting with overrides", () => {
  const ACCOUNTS = 8; // signers 6..13: 6..9 start with 100M each, 10..13 with nothing
  const unit = ethers.parseUnits("1000000", 18);

  const scenario = fc.record({
    transfers: fc.array(
      fc.record({ from: fc.nat(3), to: fc.nat(ACCOUNTS - 1), millions: fc.integer({ min: 1, max: 60 }) }),
      {
        maxLength: 6,
      },
    ),
    delegates: fc.array(fc.option(fc.nat(ACCOUNTS - 1), { nil: undefined }), {
      minLength: ACCOUNTS,
      maxLength: ACCOUNTS,
    }),
    // each account: 0 = nothing, 1 = castVote, 2 = override, 3 = both; with a support each
    acts: fc.array(fc.record({ kind: fc.nat(3), voteSupport: fc.nat(2), overrideSupport: fc.nat(2) }), {
      minLength: ACCOUNTS,
      maxLength: ACCOUNTS,
    }),
    order: fc.array(fc.nat(1000), { minLength: 2 * ACCOUNTS, maxLength: 2 * ACCOUNTS }),
  });

  it("tally equals the model and the outcome follows the formulas (40 random scenarios)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const f = await loadFixture(deployFixture);
        const signers = await hre.ethers.getSigners();
        const accounts: Signer[] = signers.slice(6, 6 + ACCOUNTS);
        const addr = await Promise.all(accounts.map((a) => a.getAddress()));
        const { token, committee, governor } = f;

        const remaining = [100n, 100n, 100n, 100n].map((m) => m * unit);
        for (const t of s.transfers) {
          const amount = BigInt(t.millions) * unit;
          if (t.from === t.to || remaining[t.from] < amount) continue;
          remaining[t.from] -= amount;
          await (await token.connect(accounts[t.from]).transfer(addr[t.to], BigInt(t.millions) * unit)).wait();
        }
        const delegateOf: (number | undefined)[] = s.delegates;
        for (let i = 0; i < ACCOUNTS; i++) {
          const d = delegateOf[i];
          if (d !== undefined) await (await token.connect(accounts[i]).delegate(addr[d])).wait();
        }
        // committee members 1..3 self-delegate so the draft threshold is met by signer 1
        const [c1, c2, c3] = signers.slice(1, 4);
        await (await token.connect(c1).delegate(await c1.getAddress())).wait();
        const p = action(await token.getAddress(), token.interface.encodeFunctionData("totalSupply"), "property run");
        const draftId = await submitDraft(committee, c1, p);
        await travelPast(await committee.discussionEndsAt(draftId));
        await approveDraft(committee, [c1, c2, c3], draftId);
        const id = await putToVote(committee, c1, draftId, p);
        const snapshot = await governor.proposalSnapshot(id);
        await travelPast(snapshot);

        const balances = await Promise.all(addr.map((a) => token.balanceOf(a)));
        // interleave castVote and override actions in a random order
        const steps: { account: number; override: boolean }[] = [];
        s.acts.forEach((a, i) => {
          if (a.kind & 1) steps.push({ account: i, override: false });
          if (a.kind & 2) steps.push({ account: i, override: true });
        });
        steps.sort((x, y) => s.order[x.account * 2 + Number(x.override)] - s.order[y.account * 2 + Number(y.override)]);
        for (const step of steps) {
          const act = s.acts[step.account];
          const g = governor.connect(accounts[step.account]);
          if (step.override) await (await g.castOverrideVote(id, act.overrideSupport, "")).wait();
          else await (await g.castVote(id, act.voteSupport)).wait();
        }

        // the model
        const model = [0n, 0n, 0n];
        const voted = (i: number) => (s.acts[i].kind & 1) !== 0;
        for (let i = 0; i < ACCOUNTS; i++) {
          const act = s.acts[i];
          const d = delegateOf[i];
          if (act.kind & 2) model[act.overrideSupport] += balances[i];
          else if (d !== undefined && voted(d)) model[s.acts[d].voteSupport] += balances[i];
        }
        const [against, forVotes, abstain] = await governor.proposalVotes(id);
        expect([against, forVotes, abstain]).to.deep.equal(model);
        for (let i = 0; i < ACCOUNTS; i++) {
          expect(await governor.hasVoted(id, addr[i])).to.equal(voted(i));
          expect(await governor.hasVotedOverride(id, addr[i])).to.equal((s.acts[i].kind & 2) !== 0);
        }

        await travelPast(await governor.proposalDeadline(id));
        const quorum = await governor.proposalQuorum(id);
        const passes = forVotes * 10_000n > 8_000n * (forVotes + against) && forVotes + abstain >= quorum;
        expect(await governor.state(id)).to.equal(passes ? 4n : 3n); // Succeeded : Defeated
      }),
      { numRuns: 40 },
    );
  });
});
