import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { GovernanceToken__factory, type GovernanceToken } from "../../typechain-types";
import { impersonate, signDelegation, signPermit, tokens, worldFixture, type World } from "./helpers";

const MAX_UINT208 = (1n << 208n) - 1n;

/** A fresh token proxy with headroom under its cap, owned by `dao` (an EOA standing for the DAO). */
async function headroomToken(dao: HardhatEthersSigner, holder: HardhatEthersSigner): Promise<GovernanceToken> {
  const factory = new GovernanceToken__factory(dao);
  const proxy = await upgrades.deployProxy(factory, ["Headroom", "HDR", dao.address, 1000n, [holder.address], [900n]], {
    kind: "uups",
  });
  return GovernanceToken__factory.connect(await proxy.getAddress(), dao);
}

describe("GovernanceToken", () => {
  describe("initial state", () => {
    it("distributes 40M to each committee member, 100M to alice..dave, 400M to the treasury, up to the cap", async () => {
      const w = await loadFixture(worldFixture);
      for (const m of w.c) expect(await w.token.balanceOf(m.address)).to.equal(tokens(40_000_000));
      for (const h of [w.alice, w.bob, w.carol, w.dave])
        expect(await w.token.balanceOf(h.address)).to.equal(tokens(100_000_000));
      expect(await w.token.balanceOf(w.timelockAddress)).to.equal(tokens(400_000_000));
      expect(await w.token.balanceOf(w.agent.address)).to.equal(0n);
      expect(await w.token.balanceOf(w.deployer.address)).to.equal(0n);
      expect(await w.token.totalSupply()).to.equal(tokens(1_000_000_000));
      expect(await w.token.cap()).to.equal(tokens(1_000_000_000));
      expect(await w.token.name()).to.equal("BytomDAO Governance");
      expect(await w.token.symbol()).to.equal("BTMG");
      expect(await w.token.decimals()).to.equal(18n);
    });

    it("is owned by the timelock, and nobody has votes before delegating", async () => {
      const w = await loadFixture(worldFixture);
      expect(await w.token.owner()).to.equal(w.timelockAddress);
      expect(await w.token.dao()).to.equal(w.timelockAddress);
      for (const s of [...w.c, w.alice, w.bob, w.carol, w.dave, w.agent]) {
        expect(await w.token.getVotes(s.address)).to.equal(0n);
        expect(await w.token.delegates(s.address)).to.equal(ethers.ZeroAddress);
      }
      expect(await w.token.getVotes(w.timelockAddress)).to.equal(0n);
    });

    it("uses a timestamp clock (ERC-6372)", async () => {
      const w = await loadFixture(worldFixture);
      expect(await w.token.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await w.token.clock()).to.equal(BigInt(await time.latest()));
      await time.increase(1234);
      expect(await w.token.clock()).to.equal(BigInt(await time.latest()));
    });
  });

  describe("mint and cap", () => {
    it("refuses a mint above the cap with GovernanceTokenCapExceeded(supplyAfterMint, cap)", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      const cap = await w.token.cap();
      await expect(w.token.connect(dao).mint(w.alice.address, 1n))
        .to.be.revertedWithCustomError(w.token, "GovernanceTokenCapExceeded")
        .withArgs(cap + 1n, cap);
      expect(await w.token.totalSupply()).to.equal(cap);
      expect(await w.token.balanceOf(w.alice.address)).to.equal(tokens(100_000_000));
    });

    it("mints exactly up to the cap, then not one wei more", async () => {
      const [, dao, holder, other] = await ethers.getSigners();
      const token = await headroomToken(dao, holder);
      expect(await token.cap()).to.equal(1000n);
      await expect(token.mint(other.address, 101n))
        .to.be.revertedWithCustomError(token, "GovernanceTokenCapExceeded")
        .withArgs(1001n, 1000n);
      expect(await token.totalSupply()).to.equal(900n);
      await expect(token.mint(other.address, 100n))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, other.address, 100n);
      expect(await token.totalSupply()).to.equal(1000n);
      expect(await token.balanceOf(other.address)).to.equal(100n);
      await expect(token.mint(other.address, 1n))
        .to.be.revertedWithCustomError(token, "GovernanceTokenCapExceeded")
        .withArgs(1001n, 1000n);
      expect(await token.totalSupply()).to.equal(1000n);
    });

    it("lets only the DAO mint: anyone else gets OwnableUnauthorizedAccount", async () => {
      const [, dao, holder, other] = await ethers.getSigners();
      const token = await headroomToken(dao, holder);
      for (const s of [holder, other]) {
        await expect(token.connect(s).mint(s.address, 1n))
          .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
          .withArgs(s.address);
      }
      expect(await token.totalSupply()).to.equal(900n);
      const w = await loadFixture(worldFixture);
      for (const s of [w.deployer, w.c[0], w.agent]) {
        await expect(w.token.connect(s).mint(s.address, 0n))
          .to.be.revertedWithCustomError(w.token, "OwnableUnauthorizedAccount")
          .withArgs(s.address);
      }
    });
  });

  describe("permit (EIP-2612)", () => {
    it("sets an allowance by signature, bumps the nonce, and refuses a replay", async () => {
      const w = await loadFixture(worldFixture);
      const deadline = BigInt(await time.latest()) + 3600n;
      const value = tokens(5);
      const sig = await signPermit(w.token, w.alice, { spender: w.bob.address, value, nonce: 0n, deadline });
      expect(await w.token.nonces(w.alice.address)).to.equal(0n);
      await expect(
        w.token.connect(w.outsider).permit(w.alice.address, w.bob.address, value, deadline, sig.v, sig.r, sig.s),
      )
        .to.emit(w.token, "Approval")
        .withArgs(w.alice.address, w.bob.address, value);
      expect(await w.token.allowance(w.alice.address, w.bob.address)).to.equal(value);
      expect(await w.token.nonces(w.alice.address)).to.equal(1n);

      await w.token.connect(w.bob).transferFrom(w.alice.address, w.bob.address, value);
      expect(await w.token.allowance(w.alice.address, w.bob.address)).to.equal(0n);
      // Replay: the digest now uses nonce 1, so the signature recovers to another address.
      await expect(
        w.token.connect(w.outsider).permit(w.alice.address, w.bob.address, value, deadline, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(w.token, "ERC2612InvalidSigner");
      expect(await w.token.allowance(w.alice.address, w.bob.address)).to.equal(0n);
      expect(await w.token.nonces(w.alice.address)).to.equal(1n);
    });

    it("refuses an expired permit", async () => {
      const w = await loadFixture(worldFixture);
      const deadline = BigInt(await time.latest()) + 10n;
      const sig = await signPermit(w.token, w.alice, { spender: w.bob.address, value: 1n, nonce: 0n, deadline });
      await time.increaseTo(deadline + 1n);
      await expect(w.token.permit(w.alice.address, w.bob.address, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(w.token, "ERC2612ExpiredSignature")
        .withArgs(deadline);
      expect(await w.token.nonces(w.alice.address)).to.equal(0n);
    });
  });

  describe("delegation", () => {
    it("delegateBySig delegates once; a replay reverts InvalidAccountNonce", async () => {
      const w = await loadFixture(worldFixture);
      const expiry = BigInt(await time.latest()) + 3600n;
      const sig = await signDelegation(w.token, w.dave, { delegatee: w.agent.address, nonce: 0n, expiry });
      await expect(w.token.connect(w.outsider).delegateBySig(w.agent.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.emit(w.token, "DelegateChanged")
        .withArgs(w.dave.address, ethers.ZeroAddress, w.agent.address);
      expect(await w.token.delegates(w.dave.address)).to.equal(w.agent.address);
      expect(await w.token.getVotes(w.agent.address)).to.equal(tokens(100_000_000));
      expect(await w.token.nonces(w.dave.address)).to.equal(1n);

      await w.token.connect(w.dave).delegate(w.dave.address);
      await expect(w.token.connect(w.outsider).delegateBySig(w.agent.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(w.token, "InvalidAccountNonce")
        .withArgs(w.dave.address, 1n);
      expect(await w.token.delegates(w.dave.address)).to.equal(w.dave.address);
      expect(await w.token.getVotes(w.agent.address)).to.equal(0n);
    });

    it("refuses an expired delegation signature", async () => {
      const w = await loadFixture(worldFixture);
      const expiry = BigInt(await time.latest()) + 10n;
      const sig = await signDelegation(w.token, w.dave, { delegatee: w.agent.address, nonce: 0n, expiry });
      await time.increaseTo(expiry + 1n);
      await expect(w.token.delegateBySig(w.agent.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(w.token, "VotesExpiredSignature")
        .withArgs(expiry);
      expect(await w.token.delegates(w.dave.address)).to.equal(ethers.ZeroAddress);
    });

    it("the treasury cannot delegate its tokens (GovernanceTokenTreasuryCannotVote)", async () => {
      const w = await loadFixture(worldFixture);
      const treasury = await impersonate(w.timelockAddress);
      for (const to of [w.timelockAddress, w.alice.address]) {
        await expect(w.token.connect(treasury).delegate(to)).to.be.revertedWithCustomError(
          w.token,
          "GovernanceTokenTreasuryCannotVote",
        );
      }
      expect(await w.token.delegates(w.timelockAddress)).to.equal(ethers.ZeroAddress);
      expect(await w.token.getVotes(w.timelockAddress)).to.equal(0n);
      expect(await w.token.getVotes(w.alice.address)).to.equal(0n);
    });

    it("nobody can delegate to the treasury, directly or by signature", async () => {
      const w = await loadFixture(worldFixture);
      await expect(w.token.connect(w.alice).delegate(w.timelockAddress)).to.be.revertedWithCustomError(
        w.token,
        "GovernanceTokenTreasuryCannotVote",
      );
      const expiry = BigInt(await time.latest()) + 3600n;
      const sig = await signDelegation(w.token, w.bob, { delegatee: w.timelockAddress, nonce: 0n, expiry });
      await expect(
        w.token.delegateBySig(w.timelockAddress, 0n, expiry, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(w.token, "GovernanceTokenTreasuryCannotVote");
      expect(await w.token.delegates(w.alice.address)).to.equal(ethers.ZeroAddress);
      expect(await w.token.delegates(w.bob.address)).to.equal(ethers.ZeroAddress);
      expect(await w.token.nonces(w.bob.address)).to.equal(0n); // the whole call reverted, nonce included
      expect(await w.token.getVotes(w.timelockAddress)).to.equal(0n);
    });

    it("checkpoints each account's delegate and balance (VotesExtended)", async () => {
      const w = await loadFixture(worldFixture);
      const t0 = BigInt(await time.latest());
      await w.token.connect(w.dave).delegate(w.agent.address);
      const t1 = BigInt(await time.latest());
      await w.token.connect(w.dave).transfer(w.alice.address, tokens(10_000_000));
      const t2 = BigInt(await time.latest());
      await w.token.connect(w.dave).delegate(w.dave.address);
      const t3 = BigInt(await time.latest());
      await time.increase(1);

      expect(await w.token.getPastDelegate(w.dave.address, t0)).to.equal(ethers.ZeroAddress);
      expect(await w.token.getPastDelegate(w.dave.address, t1)).to.equal(w.agent.address);
      expect(await w.token.getPastDelegate(w.dave.address, t2)).to.equal(w.agent.address);
      expect(await w.token.getPastDelegate(w.dave.address, t3)).to.equal(w.dave.address);
      expect(await w.token.getPastBalanceOf(w.dave.address, t1)).to.equal(tokens(100_000_000));
      expect(await w.token.getPastBalanceOf(w.dave.address, t2)).to.equal(tokens(90_000_000));
      expect(await w.token.getPastBalanceOf(w.alice.address, t2)).to.equal(tokens(110_000_000));
      expect(await w.token.getPastVotes(w.agent.address, t1)).to.equal(tokens(100_000_000));
      expect(await w.token.getPastVotes(w.agent.address, t2)).to.equal(tokens(90_000_000));
      expect(await w.token.getPastVotes(w.agent.address, t3)).to.equal(0n);
      expect(await w.token.getPastVotes(w.dave.address, t3)).to.equal(tokens(90_000_000));
      // Future lookups are refused (ERC-5805).
      const now = BigInt(await time.latest());
      await expect(w.token.getPastDelegate(w.dave.address, now + 10n))
        .to.be.revertedWithCustomError(w.token, "ERC5805FutureLookup")
        .withArgs(now + 10n, now);
    });
  });

  describe("ownership", () => {
    it("renounceOwnership always reverts: DAOControlledCannotRenounce for the DAO, Unauthorized for others", async () => {
      const w = await loadFixture(worldFixture);
      const dao = await impersonate(w.timelockAddress);
      await expect(w.token.connect(dao).renounceOwnership()).to.be.revertedWithCustomError(
        w.token,
        "DAOControlledCannotRenounce",
      );
      await expect(w.token.connect(w.alice).renounceOwnership())
        .to.be.revertedWithCustomError(w.token, "OwnableUnauthorizedAccount")
        .withArgs(w.alice.address);
      expect(await w.token.owner()).to.equal(w.timelockAddress);
    });

    it("transferOwnership is DAO-only", async () => {
      const w = await loadFixture(worldFixture);
      await expect(w.token.connect(w.c[0]).transferOwnership(w.c[0].address))
        .to.be.revertedWithCustomError(w.token, "OwnableUnauthorizedAccount")
        .withArgs(w.c[0].address);
      expect(await w.token.owner()).to.equal(w.timelockAddress);
    });
  });

  describe("initialize validation", () => {
    it("refuses a zero cap or a cap above 2^208-1 (GovernanceTokenInvalidCap)", async () => {
      const [deployer, dao, holder] = await ethers.getSigners();
      const factory = new GovernanceToken__factory(deployer);
      const impl = await factory.deploy();
      for (const cap of [0n, MAX_UINT208 + 1n]) {
        await expect(
          upgrades.deployProxy(factory, ["T", "T", dao.address, cap, [holder.address], [1n]], { kind: "uups" }),
        )
          .to.be.revertedWithCustomError(impl, "GovernanceTokenInvalidCap")
          .withArgs(cap);
      }
      const ok = await upgrades.deployProxy(factory, ["T", "T", dao.address, MAX_UINT208, [], []], { kind: "uups" });
      expect(await GovernanceToken__factory.connect(await ok.getAddress(), deployer).cap()).to.equal(MAX_UINT208);
    });

    it("refuses recipient and amount arrays of different lengths (GovernanceTokenLengthMismatch)", async () => {
      const [deployer, dao, a, b] = await ethers.getSigners();
      const factory = new GovernanceToken__factory(deployer);
      const impl = await factory.deploy();
      await expect(
        upgrades.deployProxy(factory, ["T", "T", dao.address, 1000n, [a.address, b.address], [1n]], { kind: "uups" }),
      )
        .to.be.revertedWithCustomError(impl, "GovernanceTokenLengthMismatch")
        .withArgs(2n, 1n);
    });

    it("refuses an initial distribution above the cap", async () => {
      const [deployer, dao, a] = await ethers.getSigners();
      const factory = new GovernanceToken__factory(deployer);
      const impl = await factory.deploy();
      await expect(upgrades.deployProxy(factory, ["T", "T", dao.address, 10n, [a.address], [11n]], { kind: "uups" }))
        .to.be.revertedWithCustomError(impl, "GovernanceTokenCapExceeded")
        .withArgs(11n, 10n);
    });
  });
});
