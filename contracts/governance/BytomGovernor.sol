// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {VotesExtendedUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesExtendedUpgradeable.sol";
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {GovernorSequentialProposalIdUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSequentialProposalIdUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {GovernorSupermajorityCountingUpgradeable} from "./extensions/GovernorSupermajorityCountingUpgradeable.sol";
import {GovernorCodePinUpgradeable} from "./extensions/GovernorCodePinUpgradeable.sol";
import {GovernorDisputeHoldUpgradeable} from "./extensions/GovernorDisputeHoldUpgradeable.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";
import {IBallotCounter} from "../interfaces/IRelayedBallots.sol";

/**
 * @title BytomGovernor
 * @notice The BytomDAO token vote: an OpenZeppelin Governor (IGovernor, ERC-6372, Tally-compatible) where a
 * proposal passes only with strictly more than 80% of the decisive votes and a quorum, and executes through the
 * DAO's timelock.
 *
 * - Proposals come only from the {GovernanceCommittee}, after public discussion and review (or a citizens'
 *   initiative). Voting parameters are read from the {Constitution} and fixed per proposal when it is created.
 * - Voting weight is read at the snapshot (flash loans and late transfers weigh nothing); delegators can override
 *   their delegate (for example the AI agent); late-quorum protection. Proposals are enumerable: ids are sequential
 *   (1..{latestProposalId}) and each one's full content is in its `ProposalCreated` event (storing it again, as
 *   OpenZeppelin's GovernorStorage does, would push this contract over the 24,576-byte limit).
 * - Code pinning ({GovernorCodePinUpgradeable}): the code hash of every target that has code is recorded at proposal
 *   time, and queue and execute refuse if any changed (the Tornado Cash takeover swapped a passed proposal's code
 *   through CREATE2 + SELFDESTRUCT). Targets without code are recorded as codeless and may gain code (a grantee's
 *   counterfactual wallet), so nobody can veto a passed proposal by deploying at one of its targets.
 * - Disputes ({GovernorDisputeHoldUpgradeable}): the committee may hold a queued proposal once, for at most the
 *   constitution's hold period; then it executes, or a new vote cancels it. The committee can delay, never veto.
 *
 * @dev Upgrade rights belong to the DAO alone: `_authorizeUpgrade` is `onlyGovernance`, i.e. only the timelock,
 * executing a proposal that targets this governor, may upgrade it.
 * The token address is immutable in the implementation (it is read on every vote); an upgrade must construct the
 * new implementation with the same token.
 */
contract BytomGovernor is
    GovernorUpgradeable,
    GovernorVotesUpgradeable,
    GovernorSupermajorityCountingUpgradeable,
    GovernorSequentialProposalIdUpgradeable,
    GovernorTimelockControlUpgradeable,
    GovernorCodePinUpgradeable,
    GovernorDisputeHoldUpgradeable,
    UUPSUpgradeable,
    IBallotCounter
{
    using TransientSlot for *;

    /// @custom:storage-location erc7201:bytomdao.storage.BytomGovernor
    struct BytomGovernorStorage {
        IConstitution constitution;
        address committee;
        // Fields 2 and 3 are owned by the extensions, which address them at these very slots (upgrade-safe layout):
        mapping(uint256 proposalId => bytes32) codeDigest; // {GovernorCodePinUpgradeable}
        mapping(uint256 proposalId => uint48) heldUntil; // {GovernorDisputeHoldUpgradeable}
        address ballotRelay; // the one contract whose verified ballots {castRelayedBallots} counts
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.BytomGovernor")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xe43e326cb7338b833186c0571b3834f9c41342d622d55cad7f79265074a47e00;
    // keccak256(abi.encode(uint256(keccak256("bytomdao.transient.BytomGovernor.executing")) - 1)) & ~0xff
    bytes32 private constant EXECUTING_SLOT = 0x1fc72559519ca5aeeec5a72416f1892848c42b3f52383b7232fae9585e14a100;

    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IERC5805 private immutable _votesToken;

    /// @notice Only the governance committee puts proposals to a vote.
    error BytomGovernorOnlyCommittee(address caller);
    /// @notice An address argument was zero.
    error BytomGovernorZeroAddress();
    /// @notice The DAO's treasury (the timelock) never votes, not even by overriding with its balance.
    error BytomGovernorTreasuryCannotVote();
    /// @notice Only the ballot relay the DAO set may submit relayed ballots.
    error BytomGovernorOnlyBallotRelay(address caller);

    /// @notice The DAO changed the ballot relay whose verified ballots this governor counts (zero: none).
    event BallotRelaySet(address indexed previousRelay, address indexed newRelay);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IERC5805 votesToken) {
        _votesToken = votesToken;
        _disableInitializers();
    }

    /**
     * @notice Initialises the governor behind its proxy.
     * @param timelock_ The DAO's TimelockController: executor, treasury, owner of this contract (upgrades).
     * @param constitution_ Source of the voting parameters.
     * @param committee_ The only proposer.
     * @param ballotRelay_ The {BallotRelay} whose verified batches of signed ballots are counted (zero: none yet).
     */
    function initialize(
        TimelockControllerUpgradeable timelock_,
        IConstitution constitution_,
        address committee_,
        address ballotRelay_
    ) external initializer {
        if (
            address(timelock_) == address(0) ||
            address(constitution_) == address(0) ||
            committee_ == address(0) ||
            address(_votesToken) == address(0)
        ) revert BytomGovernorZeroAddress();
        __Governor_init("BytomDAO Governor");
        __GovernorVotes_init(_votesToken);
        __GovernorSupermajorityCounting_init();
        __GovernorSequentialProposalId_init();
        __GovernorTimelockControl_init(timelock_);
        BytomGovernorStorage storage $ = _getStorage();
        $.constitution = constitution_;
        $.committee = committee_;
        if (ballotRelay_ != address(0)) _setBallotRelay(ballotRelay_);
    }

    // ------------------------------------------------------------------ views

    /// @notice The constitution the voting parameters come from.
    function constitution() public view returns (IConstitution) {
        return _getStorage().constitution;
    }

    /// @notice The governance committee, the only proposer.
    function committee() public view returns (address) {
        return _getStorage().committee;
    }

    /// @notice The {BallotRelay} whose verified batches of signed ballots this governor counts (zero: none).
    function ballotRelay() public view returns (address) {
        return _getStorage().ballotRelay;
    }

    /// @notice The voting token (immutable: read on every vote).
    function token() public view override returns (IERC5805) {
        return _votesToken;
    }

    /// @notice ERC-6372: the governance clock is the block timestamp, as the token's.
    function clock() public view override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Seconds between a proposal's creation and its snapshot (from the constitution).
    function votingDelay() public view override returns (uint256) {
        return _getStorage().constitution.parameters().votingDelay;
    }

    /// @notice Voting duration in seconds (from the constitution).
    function votingPeriod() public view override returns (uint256) {
        return _getStorage().constitution.parameters().votingPeriod;
    }

    /**
     * @notice The quorum at `timepoint`: the constitution's quorum share of the voting supply, which is the total
     * supply minus the treasury (timelock) balance, since the treasury never votes.
     */
    function quorum(uint256 timepoint) public view override returns (uint256) {
        VotesExtendedUpgradeable votes = VotesExtendedUpgradeable(address(_votesToken));
        uint256 supply =
            IVotes(address(votes)).getPastTotalSupply(timepoint) - votes.getPastBalanceOf(timelock(), timepoint);
        return (supply * _getStorage().constitution.quorumBpsAt(timepoint)) / BPS;
    }

    /**
     * @notice The proposal whose operations the timelock is executing right now, 0 otherwise. Lets the
     * {Constitution} record the proposal that enacted an amendment.
     */
    function executingProposalId() external view returns (uint256) {
        return EXECUTING_SLOT.asUint256().tload();
    }

    // ------------------------------------------------------------ actions

    /**
     * @notice Creates a proposal. Only the governance committee may call this (drafts reach the vote through it).
     * @dev The proposal records the constitution's supermajority and late-quorum extension and pins the code hash
     * of every target.
     */
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public override returns (uint256) {
        address caller = _msgSender();
        if (caller != _getStorage().committee) revert BytomGovernorOnlyCommittee(caller);
        return super.propose(targets, values, calldatas, description);
    }

    /**
     * @notice Puts a queued proposal on hold for mediation. Only the committee contract, after `reviewQuorum` of
     * its members agreed; once per proposal, for the constitution's dispute hold period.
     */
    function holdProposal(uint256 proposalId) external {
        BytomGovernorStorage storage $ = _getStorage();
        address caller = _msgSender();
        if (caller != $.committee) revert BytomGovernorOnlyCommittee(caller);
        _holdProposal(proposalId, $.constitution.parameters().disputeHoldPeriod);
    }

    /**
     * @notice Counts a batch of signed ballots on `proposalId` that the ballot relay verified (signature, expiry,
     * proposal). Only that relay may call it: it is the one place a vote is counted without its voter's own call or
     * signature check here. Everything else is checked here, per ballot, as {castVote} / {castOverrideVote} do; a bad
     * ballot is skipped with a `BallotSkipped` event and the tally is written once per batch.
     */
    function castRelayedBallots(uint256 proposalId, uint256[] calldata ballots) external {
        address caller = _msgSender();
        if (caller != _getStorage().ballotRelay) revert BytomGovernorOnlyBallotRelay(caller);
        _countBallots(proposalId, ballots, timelock());
    }

    /**
     * @notice Sets the ballot relay (zero disables relayed batches). Only by an executed proposal: the relay is
     * trusted to have verified each ballot's signature.
     */
    function setBallotRelay(address newRelay) external onlyGovernance {
        _setBallotRelay(newRelay);
    }

    // ---------------------------------------------------------- internals

    function _setBallotRelay(address newRelay) private {
        BytomGovernorStorage storage $ = _getStorage();
        emit BallotRelaySet($.ballotRelay, newRelay);
        $.ballotRelay = newRelay;
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    )
        internal
        override(GovernorUpgradeable, GovernorSequentialProposalIdUpgradeable, GovernorCodePinUpgradeable)
        returns (uint256 proposalId)
    {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        IConstitution.GovernanceParams memory p = _getStorage().constitution.parameters();
        _setProposalRules(proposalId, p.supermajorityBps, p.lateQuorumExtension);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    )
        internal
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable, GovernorCodePinUpgradeable)
        returns (uint48)
    {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    )
        internal
        override(
            GovernorUpgradeable,
            GovernorTimelockControlUpgradeable,
            GovernorCodePinUpgradeable,
            GovernorDisputeHoldUpgradeable
        )
    {
        // The hold and code checks run in super, before the timelock executes. Restored afterwards, so a proposal whose action executes another proposal keeps its own id.
        uint256 outer = EXECUTING_SLOT.asUint256().tload();
        EXECUTING_SLOT.asUint256().tstore(proposalId);
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
        EXECUTING_SLOT.asUint256().tstore(outer);
    }

    /**
     * @dev The treasury's tokens never vote: the token stops the timelock from delegating or being delegated to, and
     * this stops it from voting its balance by override (a passed proposal could otherwise make it vote on another).
     */
    function _countOverride(uint256 proposalId, address account, uint8 support) internal override returns (uint256) {
        if (account == timelock()) revert BytomGovernorTreasuryCannotVote();
        return super._countOverride(proposalId, account, support);
    }

    /// @dev Besides the proposer while Pending, the DAO itself (a new vote) may cancel any proposal, e.g. one on hold.
    function _validateCancel(uint256 proposalId, address caller) internal view override returns (bool) {
        return caller == _executor() || super._validateCancel(proposalId, caller);
    }

    /**
     * @dev OpenZeppelin's opt-in "#proposer=0x…" description suffix stops others from front-running a permissionless
     * proposer's proposal. Here only the committee proposes, so nobody can front-run it and the suffix check (and its
     * bytecode) is dropped: a description is never refused for its suffix.
     */
    function _isValidDescriptionForProposer(address, string memory) internal pure override returns (bool) {
        return true;
    }

    /// @dev Upgrades only by an executed proposal.
    function _authorizeUpgrade(address) internal override onlyGovernance {}

    function _getStorage() private pure returns (BytomGovernorStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    // ------------------------------------------------ required overrides

    function state(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalDeadline(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorSupermajorityCountingUpgradeable) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function getProposalId(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public view override(GovernorUpgradeable, GovernorSequentialProposalIdUpgradeable) returns (uint256) {
        return super.getProposalId(targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor()
        internal
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (address)
    {
        return super._executor();
    }

    function _tallyUpdated(
        uint256 proposalId
    ) internal override(GovernorUpgradeable, GovernorSupermajorityCountingUpgradeable) {
        super._tallyUpdated(proposalId);
    }
}
