// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConstitution} from "../interfaces/IConstitution.sol";
import {IModelRegistryTypes} from "../interfaces/IModelRegistry.sol";

interface ILensToken {
    function totalSupply() external view returns (uint256);
    function cap() external view returns (uint256);
    function balanceOf(address account) external view returns (uint256);
    function getVotes(address account) external view returns (uint256);
    function delegates(address account) external view returns (address);
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256);
    function getPastBalanceOf(address account, uint256 timepoint) external view returns (uint256);
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);
}

interface ILensCommittee {
    function members() external view returns (address[5] memory);
    function isMember(address account) external view returns (bool);
}

interface ILensTimelock {
    function hasRole(bytes32 role, address account) external view returns (bool);
    function DEFAULT_ADMIN_ROLE() external view returns (bytes32);
    function PROPOSER_ROLE() external view returns (bytes32);
    function EXECUTOR_ROLE() external view returns (bytes32);
    function CANCELLER_ROLE() external view returns (bytes32);
}

interface ILensOwned {
    function owner() external view returns (address);
}

interface ILensGovernor {
    function latestProposalId() external view returns (uint256);
    function executingProposalId() external view returns (uint256);
    function state(uint256 proposalId) external view returns (uint8);
    function proposalVotes(uint256 proposalId) external view returns (uint256, uint256, uint256);
    function proposalSupermajority(uint256 proposalId) external view returns (uint256);
    function proposalCodeDigest(uint256 proposalId) external view returns (bytes32);
    function proposalHeldUntil(uint256 proposalId) external view returns (uint48);
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);
    function proposalDeadline(uint256 proposalId) external view returns (uint256);
    function proposalQuorum(uint256 proposalId) external view returns (uint256);
}

interface ILensModelRegistry is IModelRegistryTypes {
    function getModel(uint256 modelId) external view returns (Model memory);
    function runStatus(uint256 runId) external view returns (RunStatus);
}

interface ILensExecutiveRegistry {
    function isVerifiedHuman(address account) external view returns (bool);
    function humanOf(address account) external view returns (bytes32);
    function allowanceOf(
        address account,
        address asset
    ) external view returns (uint256 amount, uint256 spent, uint256 remaining, uint256 periodEnd);
}

interface ILensAgentDelegate {
    function voteCap(uint256 proposalId) external view returns (uint256 capBps, uint256 maxWeight);
}

/**
 * @title InvariantLens
 * @notice Test only (scripts/invariants): reads, in one `eth_call`, all the chain state the invariant suite checks
 * after every call, instead of the dozens of separate calls it used to make. It only reads; it owns nothing and is
 * never deployed outside the fuzzer.
 */
contract InvariantLens {
    struct Suite {
        address token;
        address constitution;
        address committee;
        address governor;
        address timelock;
        address modelRegistry;
        address executiveRegistry;
        address agentDelegate;
        address deployer;
    }

    struct ProposalView {
        uint8 state;
        uint256 against;
        uint256 forVotes;
        uint256 abstain;
        uint256 bps;
        bytes32 digest;
        uint48 heldUntil;
        uint256 snapshot;
        uint256 deadline;
        // Read only when the snapshot is in the past (else 0): the quorum inputs and the AI delegate's weight.
        uint256 pastSupply;
        uint256 pastTreasury;
        uint256 quorumBps;
        uint256 quorum;
        uint256 agentPastVotes;
        uint256 agentMaxWeight;
    }

    struct Snapshot {
        uint256 timestamp;
        uint256 supply;
        uint256 cap;
        uint256 treasuryVotes;
        address treasuryDelegate;
        uint256 treasuryBalance;
        uint256[] votes;
        address[] delegates;
        address[5] members;
        bool[5] seated;
        bool[4] deployerRoles;
        bool[3] governorRoles;
        bool timelockSelfAdmin;
        bool deployerSeat;
        address[5] owners;
        IConstitution.GovernanceParams params;
        uint256 currentVersion;
        uint256 latestVersion;
        uint8 versionStatus;
        uint256 versionModelId;
        uint8 modelRunStatus;
        uint256 modelVersion;
        uint256 latestProposalId;
        uint256 executingProposalId;
        ProposalView[] proposals;
        // Per account: its human if verified (else 0), and its allowance of the token (amount, spent this period).
        bytes32[] humans;
        uint256[] allowanceAmount;
        uint256[] allowanceSpent;
    }

    function read(
        Suite calldata s,
        address[] calldata accounts,
        uint256[] calldata proposalIds
    ) external view returns (Snapshot memory r) {
        r.timestamp = block.timestamp;
        _token(s, accounts, r);
        _roles(s, r);
        _constitution(s, r);
        ILensGovernor g = ILensGovernor(s.governor);
        r.latestProposalId = g.latestProposalId();
        r.executingProposalId = g.executingProposalId();
        r.proposals = new ProposalView[](proposalIds.length);
        for (uint256 i = 0; i < proposalIds.length; i++) r.proposals[i] = _proposal(s, proposalIds[i]);
        _executives(s, accounts, r);
    }

    function _executives(Suite calldata s, address[] calldata accounts, Snapshot memory r) private view {
        ILensExecutiveRegistry e = ILensExecutiveRegistry(s.executiveRegistry);
        r.humans = new bytes32[](accounts.length);
        r.allowanceAmount = new uint256[](accounts.length);
        r.allowanceSpent = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            if (e.isVerifiedHuman(accounts[i])) r.humans[i] = e.humanOf(accounts[i]);
            (r.allowanceAmount[i], r.allowanceSpent[i], , ) = e.allowanceOf(accounts[i], s.token);
        }
    }

    function _token(Suite calldata s, address[] calldata accounts, Snapshot memory r) private view {
        ILensToken t = ILensToken(s.token);
        r.supply = t.totalSupply();
        r.cap = t.cap();
        r.treasuryVotes = t.getVotes(s.timelock);
        r.treasuryDelegate = t.delegates(s.timelock);
        r.treasuryBalance = t.balanceOf(s.timelock);
        r.votes = new uint256[](accounts.length);
        r.delegates = new address[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            r.votes[i] = t.getVotes(accounts[i]);
            r.delegates[i] = t.delegates(accounts[i]);
        }
    }

    function _roles(Suite calldata s, Snapshot memory r) private view {
        ILensCommittee c = ILensCommittee(s.committee);
        r.members = c.members();
        for (uint256 i = 0; i < 5; i++) r.seated[i] = c.isMember(r.members[i]);
        r.deployerSeat = c.isMember(s.deployer);
        ILensTimelock tl = ILensTimelock(s.timelock);
        bytes32[4] memory roles = [
            tl.DEFAULT_ADMIN_ROLE(),
            tl.PROPOSER_ROLE(),
            tl.EXECUTOR_ROLE(),
            tl.CANCELLER_ROLE()
        ];
        for (uint256 i = 0; i < 4; i++) r.deployerRoles[i] = tl.hasRole(roles[i], s.deployer);
        for (uint256 i = 1; i < 4; i++) r.governorRoles[i - 1] = tl.hasRole(roles[i], s.governor);
        r.timelockSelfAdmin = tl.hasRole(roles[0], s.timelock);
        address[5] memory owned = [s.token, s.constitution, s.committee, s.modelRegistry, s.executiveRegistry];
        for (uint256 i = 0; i < 5; i++) r.owners[i] = ILensOwned(owned[i]).owner();
    }

    function _constitution(Suite calldata s, Snapshot memory r) private view {
        IConstitution c = IConstitution(s.constitution);
        r.params = c.parameters();
        r.currentVersion = c.currentVersion();
        r.latestVersion = c.latestVersion();
        IConstitution.Version memory v = c.getVersion(r.currentVersion);
        r.versionStatus = uint8(v.status);
        r.versionModelId = v.modelId;
        if (v.modelId != 0) {
            ILensModelRegistry m = ILensModelRegistry(s.modelRegistry);
            IModelRegistryTypes.Model memory model = m.getModel(v.modelId);
            r.modelRunStatus = uint8(m.runStatus(model.runId));
            r.modelVersion = model.version;
        }
    }

    function _proposal(Suite calldata s, uint256 id) private view returns (ProposalView memory p) {
        ILensGovernor g = ILensGovernor(s.governor);
        p.state = g.state(id);
        (p.against, p.forVotes, p.abstain) = g.proposalVotes(id);
        p.bps = g.proposalSupermajority(id);
        p.digest = g.proposalCodeDigest(id);
        p.heldUntil = g.proposalHeldUntil(id);
        p.snapshot = g.proposalSnapshot(id);
        p.deadline = g.proposalDeadline(id);
        if (p.snapshot < block.timestamp) {
            ILensToken t = ILensToken(s.token);
            p.pastSupply = t.getPastTotalSupply(p.snapshot);
            p.pastTreasury = t.getPastBalanceOf(s.timelock, p.snapshot);
            p.quorumBps = IConstitution(s.constitution).quorumBpsAt(p.snapshot);
            p.quorum = g.proposalQuorum(id);
            p.agentPastVotes = t.getPastVotes(s.agentDelegate, p.snapshot);
            (, p.agentMaxWeight) = ILensAgentDelegate(s.agentDelegate).voteCap(id);
        }
    }
}
