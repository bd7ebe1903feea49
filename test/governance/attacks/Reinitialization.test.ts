/**
 * Audius (Jul 2022) replay: re-initialising live governance contracts. OZ v5 keeps the Initializable state in an
 * ERC-7201 slot (no collision with proxy storage) and every implementation constructor disables initialisers.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  BytomGovernor__factory,
  Constitution__factory,
  GovernanceCommittee__factory,
  GovernanceToken__factory,
} from "../../../typechain-types";
import {
  IMPLEMENTATION_SLOT,
  INITIALIZABLE_SLOT,
  currentParams,
  slotAddress,
  slotValue,
  worldFixture,
  type World,
} from "../helpers";

const MAX_UINT64 = (1n << 64n) - 1n;

/** Hostile `initialize` calls on `address` (a proxy or an implementation), each handing control to `attacker`. */
async function initializeCalls(w: World, address: string, attacker: string) {
  const members: [string, string, string, string, string] = [
    attacker,
    w.c[1].address,
    w.c[2].address,
    w.c[3].address,
    w.c[4].address,
  ];
  const params = await currentParams(w);
  return {
    token: () =>
      GovernanceToken__factory.connect(address, w.outsider).initialize(
        "X",
        "X",
        attacker,
        10n ** 30n,
        [attacker],
        [10n ** 29n],
      ),
    constitution: () =>
      Constitution__factory.connect(address, w.outsider).initialize(
        attacker,
        attacker,
        ethers.ZeroAddress,
        { ...params, quorumBps: 200 },
        ethers.id("evil"),
        "ipfs://evil",
        1n,
        attacker,
        0,
      ),
    committee: () =>
      GovernanceCommittee__factory.connect(address, w.outsider).initialize(
        attacker,
        attacker,
        attacker,
        attacker,
        members,
      ),
    governor: () =>
      BytomGovernor__factory.connect(address, w.outsider).initialize(attacker, attacker, attacker, attacker),
  };
}

describe("Attack replay: Audius re-initialisation", () => {
  const names = [
    ["GovernanceToken", "token"],
    ["Constitution", "constitution"],
    ["GovernanceCommittee", "committee"],
    ["BytomGovernor", "governor"],
  ] as const;

  for (const [name, key] of names) {
    it(`${name} proxy: initialize again reverts InvalidInitialization; owner/state unchanged`, async () => {
      const w = await loadFixture(worldFixture);
      const proxy = w.addresses[name];
      const calls = await initializeCalls(w, proxy, w.outsider.address);
      await expect(calls[key]()).to.be.revertedWithCustomError(w[key], "InvalidInitialization");
      expect(await slotValue(proxy, INITIALIZABLE_SLOT)).to.equal(1n);
      if (key === "governor") expect(await w.governor.committee()).to.equal(w.addresses.GovernanceCommittee);
      else expect(await w[key].owner()).to.equal(w.timelockAddress);
    });

    it(`${name} implementation: initialize reverts InvalidInitialization (initialisers disabled)`, async () => {
      const w = await loadFixture(worldFixture);
      const impl = await slotAddress(w.addresses[name], IMPLEMENTATION_SLOT);
      expect(impl).to.equal(w.addresses[`${name}Implementation`]);
      expect(await slotValue(impl, INITIALIZABLE_SLOT)).to.equal(MAX_UINT64);
      const calls = await initializeCalls(w, impl, w.outsider.address);
      await expect(calls[key]()).to.be.revertedWithCustomError(w[key], "InvalidInitialization");
      expect(await slotValue(impl, INITIALIZABLE_SLOT)).to.equal(MAX_UINT64);
    });
  }

  it("proxies keep nothing in slot 0 (no proxy-admin / initializer collision)", async () => {
    const w = await loadFixture(worldFixture);
    for (const [name] of names) expect(await slotValue(w.addresses[name], ethers.ZeroHash)).to.equal(0n);
  });
});
