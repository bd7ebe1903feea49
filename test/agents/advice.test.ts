import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  addressBook,
  adviseMember,
  articleTitles,
  briefProposal,
  canonicalJson,
  fixed,
  onChainModel,
  readPreferences,
  runAgentOnce,
  type AgentModel,
  type Preferences,
} from "../../sdk/agent";
import { mlModelLoader } from "../../ml/agent";
import { Support } from "../../sdk/governance";
import { tokens } from "../governance/helpers";
import { propose, proposals, runOptions, runtimeWorld, type RuntimeWorld } from "./runtime-helpers";

const M = tokens(1_000_000);

/** #1 a grant (alice for, committee#1 against), #2 the same grant again, #3 lowering the supermajority; the AI voted. */
async function votedWorld() {
  const w = await runtimeWorld();
  const first = await propose(w, await proposals.grant(w, 1));
  await w.governor.connect(w.alice).castVote(first, Support.For);
  await w.governor.connect(w.c[0]).castVote(first, Support.Against);
  const second = await propose(w, await proposals.grant(w, 2));
  const lower = await propose(w, await proposals.lowerSupermajority(w));
  await runAgentOnce(runOptions(w));
  return { ...w, first, second, lower };
}

async function modelOf(w: RuntimeWorld): Promise<AgentModel> {
  return mlModelLoader.load(w.model.dir, (await onChainModel(w.modelRegistry, 1n)).weightsRoot);
}

const titles = articleTitles(fs.readFileSync(path.join(__dirname, "..", "..", "constitution", "v1.md"), "utf8"));

describe("AI delegate runtime (sdk/agent): agent:advise and agent:brief", function () {
  this.timeout(300_000);

  it("advice: a member whose profile opposes what the AI relied on sees the disagreement and the override command", async () => {
    const w = await loadFixture(votedWorld);
    const o = {
      suite: w.suite,
      model: await modelOf(w),
      book: addressBook(w.addresses),
      articleTitles: titles,
      network: "hardhat",
    };
    const prefs: Preferences = { clauses: { "2.4": -1 }, riskAppetite: 0.2, interests: ["treasury"] };
    const advice = await adviseMember(o, w.dave.address, prefs, w.second);
    expect([advice.recommendation, advice.score, advice.ai, advice.differs, advice.delegatedToAi]).to.deep.equal([
      "Against",
      -1,
      { decision: "For", source: "on-chain vote", confidence: "0.9809" },
      true,
      true,
    ]);
    expect(advice.command).to.equal(
      `npx hardhat gov:override --proposal ${w.second} --support against --from ${w.dave.address} --network hardhat`,
    );
    expect(advice.lines).to.deep.equal([
      `Proposal ${w.second}: Treasury grant #2: 250,000 BTMG to an open-source agent-building team, paid from the treasury for published work`,
      `What it changes: sends 250,000 BTMG from the treasury to 0x71bE…5788.`,
      `Areas: treasury — you follow treasury; risk 0.5 (your appetite 0.2).`,
      `The model reads it as For (confidence 0.98), relying on §2.4 Roles — Ecosystem Builders (relevance 0.90, your weight -1).`,
      `For you: Against (score -1.000; > 0.2 For, < -0.2 Against).`,
      `The AI delegate voted For (on-chain vote).`,
      `Your view differs from the AI delegate's, which votes your tokens. To vote them yourself: ${advice.command}`,
    ]);
  });

  it("advice: weights over values (articles by title) and agreement; a self-delegated member is told to vote", async () => {
    const w = await loadFixture(votedWorld);
    const o = {
      suite: w.suite,
      model: await modelOf(w),
      book: addressBook(w.addresses),
      articleTitles: titles,
      network: "hardhat",
    };
    const agree = await adviseMember(o, w.dave.address, {}, w.lower);
    expect([agree.recommendation, agree.differs, agree.lines[1], agree.lines[6]]).to.deep.equal([
      "Against",
      false,
      "What it changes: changes supermajorityBps 8000 → 6000.",
      "Your view matches the AI delegate's: nothing to do, it votes your tokens.",
    ]);
    const torn = await adviseMember(o, w.bob.address, { values: { Safeguards: -1 } }, w.lower);
    expect([torn.recommendation, torn.score, torn.differs, torn.delegatedToAi]).to.deep.equal([
      "Abstain",
      -0.109,
      true,
      false,
    ]);
    expect(torn.command).to.equal(
      `npx hardhat gov:vote --proposal ${w.lower} --support abstain --from ${w.bob.address} --network hardhat`,
    );
  });

  it("preference files are checked, naming the field", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prefs-"));
    const file = path.join(dir, "p.json");
    for (const [prefs, message] of [
      [{ clauses: { "4.2": 3 } }, `${file}: clauses.4.2 must be a number in [-1, 2]`],
      [{ riskAppetite: 2 }, `${file}: riskAppetite must be in [0, 1]`],
      [{ interests: ["weather"] }, `${file}: interests: "weather" is not one of constitution, parameters, treasury`],
    ] as const) {
      fs.writeFileSync(file, JSON.stringify(prefs));
      expect(() => readPreferences(file)).to.throw(message);
    }
    expect(() => readPreferences(path.join(dir, "none.json"))).to.throw("no such file");
  });

  it("brief: actions, treasury impact, code pins, votes against the line and quorum, similar past proposals", async () => {
    const w = await loadFixture(votedWorld);
    const b = await briefProposal(w.suite, w.first, { book: addressBook(w.addresses) });
    expect(b.lines).to.deep.equal([
      `Proposal ${w.first}: Treasury grant #1: 250,000 BTMG to an open-source agent-building team, paid from the treasury for published work (Active)`,
      "What it does:",
      "  1. sends 250,000 BTMG from the treasury to 0x71bE…5788: GovernanceToken.transfer(to=0x71bE63f3384f5fb98995898A86B02Fb2426c5788, value=250000000000000000000000)",
      "Treasury: 250,000 BTMG leave the treasury (0.06% of its 400,000,000)",
      "Code pins (the governor's digest matches: executable):",
      "  GovernanceToken: unchanged since the proposal was created",
      "Votes: for 300,000,000 · against 40,000,000 · abstain 0 → 88.23% for; needs more than 80% (above the line)",
      "Quorum: for + abstain 300,000,000 of 60,000,000 needed (reached)",
      "Most similar past proposals:",
      `  #${w.second} (similarity 1.000) Treasury grant #2: 250,000 BTMG to an open-source agent-building team, paid from the treasury for published work: Active: 100.00% for, 0 abstain`,
    ]);
    expect([b.treasury.tokensOut, b.votes.forVotes, b.votes.quorum, b.codeDigestOk]).to.deep.equal([
      tokens(250_000),
      300n * M,
      60n * M,
      true,
    ]);
  });

  it("brief: a target whose code changed after the proposal was created is flagged", async () => {
    const w = await loadFixture(runtimeWorld);
    const target = w.outsider.address;
    const id = await propose(w, { targets: [target], values: [0n], calldatas: ["0x"], description: "Ping" });
    await network.provider.send("hardhat_setCode", [target, "0x6000"]);
    const b = await briefProposal(w.suite, id, { book: addressBook(w.addresses) });
    expect(b.codeDigestOk).to.equal(false);
    expect(b.codePins).to.deep.equal([
      { target, name: null, pinned: ethers.ZeroHash, current: ethers.keccak256("0x6000"), unchanged: false },
    ]);
    expect(b.lines[4]).to.equal("Code pins (CHANGED: the governor will refuse to queue or execute it):");
  });

  it("canonical JSON: sorted keys, no whitespace, integers only; fixed decimals", () => {
    expect(canonicalJson({ b: 1, a: [{ d: "x", c: null }], é: true })).to.equal(
      '{"a":[{"c":null,"d":"x"}],"b":1,"é":true}',
    );
    expect(() => canonicalJson({ x: 0.5 })).to.throw("canonical JSON: $.x = 0.5 is not a safe integer (use fixed())");
    expect([fixed(0.97904), fixed(0.99995), fixed(1), fixed(0.6), fixed(0.12345, 2)]).to.deep.equal([
      "0.9790",
      "1.0000",
      "1.0000",
      "0.6000",
      "0.12",
    ]);
  });
});
