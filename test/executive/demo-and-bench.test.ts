import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployExecutive } from "./fixture";
import { runExecutiveStage, type DaoCall } from "../../scripts/demo/executive";
import { benchExecutive } from "../../scripts/bench/executive";

describe("demo stage and bench", () => {
  for (const path of ["committee", "dao"] as const) {
    it(`runs the executive stage with one DAO batch (appointment by ${path})`, async () => {
      const f = await loadFixture(deployExecutive);
      const { registry, attVerifier, dao, issuer, alice, bob, bot, outsider, members } = f;
      const batches: { calls: DaoCall[]; description: string }[] = [];
      const lines: string[] = [];
      const before = await ethers.provider.getBalance(outsider.address);
      const result = await runExecutiveStage({
        registry,
        attestationVerifier: attVerifier,
        daoCall: async (calls, description) => {
          batches.push({ calls, description });
          for (const c of calls)
            await (await dao.sendTransaction({ to: c.target, data: c.data, value: c.value ?? 0n })).wait();
        },
        issuer,
        candidate: alice,
        coExecutive: bob,
        bot,
        committeeMembers: path === "committee" ? members : [],
        recipient: outsider.address,
        resourceURI: "https://bytomdao.org",
        log: (l) => lines.push(l),
      });
      expect(batches.length).to.equal(1);
      expect(batches[0].calls.length).to.equal(path === "committee" ? 5 : 7);
      expect(result.recipientReceived).to.equal(ethers.parseEther("0.6"));
      expect(await ethers.provider.getBalance(outsider.address)).to.equal(before + ethers.parseEther("0.6"));
      expect(await ethers.provider.getBalance(await registry.getAddress())).to.equal(ethers.parseEther("1.4"));
      expect(result.botError).to.match(/^AttestationVerifierIssuerNotApproved\(/);
      expect(result.candidateHumanId).to.equal(await registry.humanOf(alice.address));
      expect(result.coExecutiveHumanId).to.equal(await registry.humanOf(bob.address));
      expect(result.largeSpendId).to.equal(1n);
      expect((await registry.spendProposal(1n)).status).to.equal(2n);
      expect(await registry.executiveCount()).to.equal(2n);
      expect(await registry.isExecutive(bot.address)).to.equal(false);
      expect(lines[0]).to.equal("== Executive committee: verified humans run daily operations ==");
      expect(
        lines.some((l) => l.startsWith("direct spend of 0.5 ETH: refused with ExecutiveRegistrySpendNeedsApproval(")),
      ).to.equal(true);
      expect(lines.at(-1)).to.equal("== executive stage done ==");
    });
  }

  it("benchmarks enrolment and spend at two registry sizes (small run) with flat gas", async () => {
    const lines: string[] = [];
    const r = await benchExecutive((l) => lines.push(l), { executives: 25, small: 5 });
    expect(lines.length).to.equal(7);
    expect(lines[0]).to.equal(`executive enrol (attestation) as executive #5: ${r.enrolSmall} gas`);
    expect(lines[4]).to.equal(`enrol growth ${r.enrolGrowth.toFixed(3)}`);
    expect(r.enrolGrowth).to.be.lessThanOrEqual(1.02);
    expect(r.spendGrowth).to.be.lessThanOrEqual(1.02);
    expect(r.enrolSmall).to.be.greaterThan(100_000n);
  });
});
