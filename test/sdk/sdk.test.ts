import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFixture } from "../fixtures/deploy";
import {
  advanceTime,
  assertLocalChain,
  decodeRevertData,
  draftActions,
  explainError,
  explainRevert,
  fetchRevertData,
  forShare,
  formatDate,
  formatDuration,
  formatTokens,
  parseDuration,
  parseTokens,
  readDeployment,
  readEvents,
  resolveAddress,
  resolveDeployment,
  submitDraft,
  action,
  writeDeploymentRecord,
  HINTS,
  type RpcProvider,
} from "../../sdk";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bytom-sdk-"));

describe("sdk/units", () => {
  it("formats and parses tokens, dates and durations", () => {
    expect(formatTokens(parseTokens("1,234,567.891"))).to.equal("1,234,567.89");
    expect(formatTokens(0n)).to.equal("0");
    expect(formatTokens(-parseTokens("0.5"))).to.equal("-0.5");
    expect(() => parseTokens("ten")).to.throw('"ten" is not a token amount');
    expect(formatDate(1767225600n)).to.equal("2026-01-01 00:00:00 UTC");
    expect(parseDuration("3d")).to.equal(259_200n);
    expect(parseDuration("1d12h")).to.equal(129_600n);
    expect(parseDuration("90")).to.equal(90n);
    expect(() => parseDuration("3 days")).to.throw('"3 days" is not a duration');
    expect(formatDuration(93_784n)).to.equal("1d 2h");
  });

  it("puts the For share against the 80% line exactly as the contract counts", () => {
    expect(forShare(80n, 20n).passes).to.equal(false); // exactly 80% is not more than 80%
    expect(forShare(80n, 20n).text).to.equal("80.00% For (needs > 80.00%): not above the line");
    expect(forShare(8001n, 1999n).passes).to.equal(true);
    expect(forShare(300n, 40n).percent).to.equal("88.23%");
    expect(forShare(0n, 0n).passes).to.equal(false);
    expect(forShare(90n, 10n, 9000n).passes).to.equal(false);
  });
});

describe("sdk/dev", () => {
  it("refuses to move time on a chain that is not a local node", async () => {
    const sepolia = {
      getNetwork: async () => ({ chainId: 11155111n }),
      send: async () => {
        throw new Error("must not be called");
      },
    } as unknown as RpcProvider;
    await expect(advanceTime(sepolia, 60)).to.be.rejectedWith(
      "Refusing to move time on chain 11155111: only local nodes (chain id 31337 or 1337: Hardhat, anvil)",
    );
    expect(await assertLocalChain(ethers.provider)).to.equal(31337n);
  });

  it("moves a local node's clock with raw JSON-RPC", async () => {
    const before = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    const after = await advanceTime(ethers.provider, parseDuration("3d"));
    expect(after - before).to.be.within(259_200n, 259_201n);
  });
});

describe("sdk/deployments", () => {
  it("reads records by network or chain id and names the command that deploys", () => {
    const dir = tmp();
    expect(() => readDeployment("sepolia", dir)).to.throw(
      "Deploy first: npx hardhat run deploy/index.ts --network sepolia",
    );
    writeDeploymentRecord(
      {
        network: "sepolia",
        chainId: "11155111",
        deployedAt: "x",
        startBlock: 7,
        contracts: { GovernanceToken: "0x" + "11".repeat(20) },
      },
      dir,
    );
    expect(readDeployment(11155111, dir).startBlock).to.equal(7);
    expect(resolveAddress("GovernanceToken", "sepolia", { dir })).to.equal(ethers.getAddress("0x" + "11".repeat(20)));
    expect(() => resolveAddress("ModelRegistry", "sepolia", { dir, flag: "--registry" })).to.throw(
      'No ModelRegistry address for network "sepolia": pass --registry <address> or deploy first',
    );
  });

  it("refuses a stale record (no code at its addresses) or another chain's, with the redeploy command", async () => {
    const f = await loadFixture(deployFixture);
    const dir = tmp();
    const token = await f.token.getAddress();
    writeDeploymentRecord(
      { network: "localhost", chainId: "31337", deployedAt: "x", contracts: { GovernanceToken: token } },
      dir,
    );
    expect((await resolveDeployment(ethers.provider, "localhost", { dir })).contracts.GovernanceToken).to.equal(token);
    const empty = "0x" + "ab".repeat(20);
    writeDeploymentRecord(
      { network: "localhost", chainId: "31337", deployedAt: "x", contracts: { GovernanceToken: empty } },
      dir,
    );
    await expect(resolveDeployment(ethers.provider, "localhost", { dir })).to.be.rejectedWith(
      `deployments/localhost.json is stale: no code at GovernanceToken (${empty}) (the node was restarted or reset?). ` +
        "redeploy: npx hardhat run deploy/index.ts --network localhost",
    );
    writeDeploymentRecord({ network: "localhost", chainId: "1", deployedAt: "x", contracts: {} }, dir);
    await expect(resolveDeployment(ethers.provider, "localhost", { dir })).to.be.rejectedWith(
      "deployments/localhost.json is for chain 1 but the node is chain 31337",
    );
  });
});

describe("sdk/errors", () => {
  it("decodes a custom error of any contract, with its hint", async () => {
    const f = await loadFixture(deployFixture);
    const [, member] = await ethers.getSigners();
    let caught: unknown;
    try {
      await f.committee.connect(member).approveDraft(99, 0);
    } catch (e) {
      caught = e;
    }
    expect(explainError(caught)).to.equal(
      `GovernanceCommitteeUnknownDraft(99): ${HINTS.GovernanceCommitteeUnknownDraft}`,
    );
    const data = f.governor.interface.encodeErrorResult("GovernorNonexistentProposal", [1n]);
    expect(decodeRevertData(data)?.signature).to.equal("GovernorNonexistentProposal(1)");
    expect(decodeRevertData("0xdeadbeef")).to.equal(undefined);
    expect(explainError(new Error("plain\nmore"))).to.equal("plain");
  });

  it("fetches the revert data of a mined failed transaction by re-running it (as on anvil)", async () => {
    const f = await loadFixture(deployFixture);
    const [, member] = await ethers.getSigners();
    // Mined without automine so that the node does not throw at send: the failure is only in the receipt.
    await hre.network.provider.send("evm_setAutomine", [false]);
    const tx = await f.committee.connect(member).approveDraft(42, 0, { gasLimit: 200_000 });
    await hre.network.provider.send("evm_mine");
    await hre.network.provider.send("evm_setAutomine", [true]);
    // An error that carries only the hash, as anvil's generic failure does.
    const bare = { message: "transaction execution reverted", hash: tx.hash };
    await expect(tx.wait()).to.be.rejected;
    const data = await fetchRevertData(bare, ethers.provider);
    expect(decodeRevertData(data!)?.signature).to.equal("GovernanceCommitteeUnknownDraft(42)");
    expect(await explainRevert(bare, ethers.provider)).to.equal(
      `GovernanceCommitteeUnknownDraft(42): ${HINTS.GovernanceCommitteeUnknownDraft}`,
    );
  });
});

describe("sdk/events and the draft rebuilt from them", () => {
  it("reads events in chunks from the start block and rebuilds a revised draft's actions", async () => {
    const f = await loadFixture(deployFixture);
    const signers = await ethers.getSigners();
    const alice = signers[6];
    await (await f.token.connect(alice).delegate(alice.address)).wait();
    await hre.network.provider.send("evm_mine");
    const p = action(
      await f.token.getAddress(),
      f.token.interface.encodeFunctionData("mint", [alice.address, 1n]),
      "mint 1",
    );
    const id = await submitDraft(f.committee, alice, p);
    const revised = { ...p, description: "mint 1, revised" };
    await (
      await f.committee
        .connect(alice)
        .reviseDraft(id, revised.targets, revised.values, revised.calldatas, revised.description, "wording")
    ).wait();
    const all = await readEvents(f.committee, f.committee.filters.DraftRevised(id), { fromBlock: 0, chunk: 3 });
    expect(all.length).to.equal(1);
    const rebuilt = await draftActions(f.committee, id, { fromBlock: 0, chunk: 5 });
    expect(rebuilt.description).to.equal("mint 1, revised");
    expect(rebuilt.revision).to.equal(2n);
    expect(rebuilt.calldatas).to.deep.equal(p.calldatas);
    await expect(draftActions(f.committee, 99n)).to.be.rejectedWith("No draft 99: drafts are numbered 1..1 here.");
  });
});
