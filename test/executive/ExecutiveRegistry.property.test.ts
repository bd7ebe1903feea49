import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY, deployExecutive, humanId, now } from "./fixture";

/**
 * Property: whatever sequence of enrol / rotate / re-verify / appoint / remove / expire happens, the registry agrees
 * with a plain model, one human never holds two accounts (nor two seats), one account never holds two humans, and a
 * nullifier once used is never bound to an account of another human.
 */
type Action =
  | { kind: "enrol"; account: number; human: number; days: number }
  | { kind: "appoint"; account: number }
  | { kind: "remove"; account: number }
  | { kind: "wait"; days: number };

const ACCOUNTS = 6;
const HUMANS = 4;

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("enrol" as const),
      account: fc.nat(ACCOUNTS - 1),
      human: fc.nat(HUMANS - 1),
      days: fc.integer({ min: 1, max: 30 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("appoint" as const), account: fc.nat(ACCOUNTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), account: fc.nat(ACCOUNTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 20 }) }) },
);

interface ModelHuman {
  account?: number;
  expiry: bigint;
  executive: boolean;
}

describe("ExecutiveRegistry (property: one human, one account, one seat)", () => {
  it("random action sequences never break the nullifier <-> account bijection", async () => {
    const signers = await ethers.getSigners();
    const accounts = signers.slice(3, 3 + ACCOUNTS);
    let runs = 0;
    let actionsRun = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 20, maxLength: 40 }), async (actions) => {
        const f = await loadFixture(deployExecutive);
        const { registry, dao } = f;
        const v = await f.attVerifier.getAddress();
        const ids = Array.from({ length: HUMANS }, (_, h) => humanId(v, f.humanNullifierOf(`human-${h}`)));
        const humans: ModelHuman[] = Array.from({ length: HUMANS }, () => ({ expiry: 0n, executive: false }));
        const accountHuman: (number | undefined)[] = Array(ACCOUNTS).fill(undefined);
        let seats = 0;
        let clock = await now();

        const expectError = async (p: Promise<unknown>, name: string | undefined) => {
          if (name) await expect(p).to.be.revertedWithCustomError(registry, name);
          else await expect(p).to.not.be.reverted;
        };
        // which error an appointment/removal of `a` must hit before its own condition, if any
        const standing = (a: number): string | undefined => {
          const h = accountHuman[a];
          if (h === undefined) return "ExecutiveRegistryNotEnrolled";
          if (humans[h].account !== a) return "ExecutiveRegistryAccountRotated";
          return undefined;
        };

        for (const act of actions) {
          actionsRun++;
          if (act.kind === "wait") {
            clock += BigInt(act.days) * DAY;
            continue;
          }
          clock += 1n;
          const signer = accounts[(act as { account: number }).account];
          if (act.kind === "enrol") {
            const expiry = clock + BigInt(act.days) * DAY;
            const proof = await f.attest(signer.address, `human-${act.human}`, { expiry });
            await time.setNextBlockTimestamp(clock);
            const bound = accountHuman[act.account];
            if (bound !== undefined && bound !== act.human) {
              await expectError(registry.connect(signer).enroll(v, proof), "ExecutiveRegistryAccountBoundToOtherHuman");
            } else {
              await expectError(registry.connect(signer).enroll(v, proof), undefined);
              const h = humans[act.human];
              h.account = act.account; // new, renewal or rotation: the human now acts from this account
              if (expiry > h.expiry) h.expiry = expiry;
              accountHuman[act.account] = act.human;
            }
          } else if (act.kind === "appoint") {
            await time.setNextBlockTimestamp(clock);
            let err = standing(act.account);
            const h = accountHuman[act.account];
            if (!err && humans[h!].expiry <= clock) err = "ExecutiveRegistryVerificationExpired";
            if (!err && humans[h!].executive) err = "ExecutiveRegistryAlreadyExecutive";
            await expectError(registry.connect(dao).appoint(signer.address), err);
            if (!err) {
              humans[h!].executive = true;
              seats++;
            }
          } else {
            await time.setNextBlockTimestamp(clock);
            let err = standing(act.account);
            const h = accountHuman[act.account];
            if (!err && !humans[h!].executive) err = "ExecutiveRegistryNotExecutive";
            await expectError(registry.connect(dao).removeExecutive(signer.address), err);
            if (!err) {
              humans[h!].executive = false;
              seats--;
            }
          }

          // the chain agrees with the model
          expect(await registry.executiveCount()).to.equal(BigInt(seats));
          const currentAccounts = new Set<string>();
          for (let h = 0; h < HUMANS; h++) {
            const onChain = await registry.human(ids[h]);
            const m = humans[h];
            const expected = m.account === undefined ? ethers.ZeroAddress : accounts[m.account].address;
            expect(onChain.account).to.equal(expected);
            expect(onChain.expiry).to.equal(m.expiry);
            expect(onChain.executive).to.equal(m.executive);
            if (m.account !== undefined) {
              // one human, one current account, and that account points back to this human only
              expect(currentAccounts.has(expected)).to.equal(false);
              currentAccounts.add(expected);
              expect(await registry.humanOf(expected)).to.equal(ids[h]);
            }
          }
          for (let a = 0; a < ACCOUNTS; a++) {
            const h = accountHuman[a];
            // one account, at most one human, ever
            expect(await registry.humanOf(accounts[a].address)).to.equal(h === undefined ? ethers.ZeroHash : ids[h]);
          }
        }
        runs++;
      }),
      { numRuns: 40 },
    );
    expect(runs).to.equal(40);
    expect(actionsRun).to.be.greaterThanOrEqual(40 * 20);
  });
});
