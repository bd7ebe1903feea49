// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IAgentVoteCap} from "../interfaces/IAgentOversight.sol";

/// @dev The governor's view of the proposal being executed (see {BytomGovernor-executingProposalId}).
interface IExecutingProposal {
    function executingProposalId() external view returns (uint256);
}

/**
 * @title Constitution
 * @notice The basic program and rules of BytomDAO: the versioned constitution, whose model is the DAO's active AGI,
 * and the governance parameters every other contract reads.
 *
 * A version's life: the DAO ratifies an amendment (a proposal that passed the >80% vote calls {ratifyAmendment});
 * that opens a training request in the {IModelRegistry}; builders train and anchor a model for it; members evaluate
 * it; the registry then {enactVersion}s it: the version comes into force, its model becomes the active AGI and its
 * operator the active agent, and the previous version is superseded. Until then the previous version stays in
 * force. One amendment is pending at a time; the DAO may withdraw it.
 *
 * The parameters have hard bounds that not even the DAO can cross: the supermajority can be raised, never lowered
 * below 80%, and no parameter can be set to a value that would brick or capture governance.
 */
contract Constitution is IConstitution, IAgentVoteCap, DAOControlledUpgradeable {
    using Checkpoints for Checkpoints.Trace208;

    uint16 public constant MIN_SUPERMAJORITY_BPS = 8_000;
    uint16 public constant MAX_SUPERMAJORITY_BPS = 9_500;
    uint16 public constant MIN_QUORUM_BPS = 200;
    uint16 public constant MAX_QUORUM_BPS = 5_000;
    uint16 public constant MIN_INITIATIVE_BPS = 100;
    uint16 public constant MAX_INITIATIVE_BPS = 5_000;
    uint8 public constant MIN_REVIEW_QUORUM = 3;
    uint8 public constant MAX_REVIEW_QUORUM = 5;
    uint32 public constant MIN_VOTING_DELAY = 1 hours;
    uint32 public constant MAX_VOTING_DELAY = 14 days;
    uint32 public constant MIN_VOTING_PERIOD = 1 days;
    uint32 public constant MAX_VOTING_PERIOD = 30 days;
    uint32 public constant MIN_DISCUSSION_PERIOD = 1 days;
    uint32 public constant MAX_DISCUSSION_PERIOD = 30 days;
    uint32 public constant MIN_DISPUTE_HOLD = 1 days;
    uint32 public constant MAX_DISPUTE_HOLD = 30 days;
    uint32 public constant MIN_LATE_QUORUM_EXTENSION = 1 hours;
    uint32 public constant MAX_LATE_QUORUM_EXTENSION = 14 days;
    /// @notice The AI delegate's vote cap is 0 (off) or within these bounds (bps of the voting supply).
    uint16 public constant MIN_AGENT_VOTE_CAP_BPS = 100;
    uint16 public constant MAX_AGENT_VOTE_CAP_BPS = 5_000;

    /// @custom:storage-location erc7201:bytomdao.storage.Constitution
    struct ConstitutionStorage {
        uint256 currentVersion;
        uint256 latestVersion;
        uint256 pendingVersion;
        address activeAgent;
        address governor;
        IModelRegistry modelRegistry;
        GovernanceParams params;
        Checkpoints.Trace208 quorumBps;
        mapping(uint256 version => Version) versions;
        Checkpoints.Trace208 agentVoteCapBps;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.Constitution")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xb73dde46adaea1ab9fadb00f3c3ccf39aca66bfb743140907ef33826bf327000;

    /// @notice A parameter is outside its hard bounds.
    error ConstitutionParameterOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    /// @notice The text hash of a version cannot be zero.
    error ConstitutionEmptyTextHash();
    /// @notice The URI of a version cannot be empty.
    error ConstitutionEmptyURI();
    /// @notice An amendment is already ratified and awaiting its model: withdraw it or let it come into force first.
    error ConstitutionAmendmentPending(uint256 pendingVersion);
    /// @notice `version` is not the pending (ratified, not yet in force) version.
    error ConstitutionVersionNotPending(uint256 version);
    /// @notice Only the model registry may enact a version.
    error ConstitutionUnauthorizedRegistry(address caller);
    /// @notice A model id or agent address was zero.
    error ConstitutionInvalidModel(uint256 modelId, address agent);
    /// @notice An address argument was zero.
    error ConstitutionZeroAddress();
    /// @notice No such version.
    error ConstitutionUnknownVersion(uint256 version);

    /// @notice The DAO changed the governance parameters.
    event ParametersUpdated(GovernanceParams params);
    /// @notice The model registry changed.
    event ModelRegistrySet(address indexed modelRegistry);
    /// @notice The DAO changed the cap on the AI delegate's counted weight (0 = off).
    event AgentVoteCapSet(uint256 bps);
    /// @notice The founding version came into force at deployment.
    event ConstitutionFounded(bytes32 textHash, string uri, uint256 indexed modelId, address indexed agent);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initialises the constitution with its founding text (version 1, in force) and parameters.
     * @param dao The DAO's timelock.
     * @param governor_ The governor (to record which proposal enacted an amendment).
     * @param modelRegistry_ The model registry (may be zero and set later by the DAO).
     * @param params The governance parameters (checked against the hard bounds).
     * @param foundingTextHash keccak256 of the founding text (constitution/v1.md).
     * @param foundingURI Where the founding text lives.
     * @param foundingModelId The model of the founding version (registered by the model registry as #1).
     * @param foundingAgent The founding model's operator key: the first active agent.
     * @param agentVoteCapBps_ The cap on the AI delegate's counted weight: 0 (off) or 100-5000 bps.
     */
    function initialize(
        address dao,
        address governor_,
        IModelRegistry modelRegistry_,
        GovernanceParams calldata params,
        bytes32 foundingTextHash,
        string calldata foundingURI,
        uint256 foundingModelId,
        address foundingAgent,
        uint16 agentVoteCapBps_
    ) external initializer {
        if (dao == address(0) || governor_ == address(0)) revert ConstitutionZeroAddress();
        if (foundingTextHash == bytes32(0)) revert ConstitutionEmptyTextHash();
        if (bytes(foundingURI).length == 0) revert ConstitutionEmptyURI();
        if (foundingModelId == 0 || foundingAgent == address(0)) {
            revert ConstitutionInvalidModel(foundingModelId, foundingAgent);
        }
        __DAOControlled_init(dao);
        ConstitutionStorage storage $ = _getStorage();
        $.governor = governor_;
        $.modelRegistry = modelRegistry_;
        _setParameters(params);
        _setAgentVoteCapBps(agentVoteCapBps_);
        uint48 now_ = Time.timestamp();
        $.versions[1] = Version({
            textHash: foundingTextHash,
            proposalId: 0,
            modelId: foundingModelId,
            ratifiedAt: now_,
            inForceAt: now_,
            supersededAt: 0,
            status: VersionStatus.InForce,
            uri: foundingURI
        });
        $.currentVersion = 1;
        $.latestVersion = 1;
        $.activeAgent = foundingAgent;
        emit ConstitutionFounded(foundingTextHash, foundingURI, foundingModelId, foundingAgent);
        emit ModelRegistrySet(address(modelRegistry_));
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IConstitution
    function currentVersion() external view returns (uint256) {
        return _getStorage().currentVersion;
    }

    /// @inheritdoc IConstitution
    function latestVersion() external view returns (uint256) {
        return _getStorage().latestVersion;
    }

    /// @notice The ratified version awaiting its model (0 if none).
    function pendingVersion() external view returns (uint256) {
        return _getStorage().pendingVersion;
    }

    /// @inheritdoc IConstitution
    function getVersion(uint256 version) external view returns (Version memory) {
        ConstitutionStorage storage $ = _getStorage();
        if (version == 0 || version > $.latestVersion) revert ConstitutionUnknownVersion(version);
        return $.versions[version];
    }

    /// @inheritdoc IConstitution
    function activeModelId() external view returns (uint256) {
        ConstitutionStorage storage $ = _getStorage();
        return $.versions[$.currentVersion].modelId;
    }

    /// @inheritdoc IConstitution
    function activeAgent() external view returns (address) {
        return _getStorage().activeAgent;
    }

    /// @inheritdoc IConstitution
    function parameters() external view returns (GovernanceParams memory) {
        return _getStorage().params;
    }

    /// @inheritdoc IConstitution
    function reviewQuorum() external view returns (uint256) {
        return _getStorage().params.reviewQuorum;
    }

    /// @inheritdoc IConstitution
    function quorumBpsAt(uint256 timepoint) external view returns (uint256) {
        return _getStorage().quorumBps.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice The current cap on the AI delegate's counted weight, in bps of the voting supply (0 = off).
    function agentVoteCapBps() external view returns (uint256) {
        return _getStorage().agentVoteCapBps.latest();
    }

    /// @inheritdoc IAgentVoteCap
    function agentVoteCapBpsAt(uint256 timepoint) external view returns (uint256) {
        return _getStorage().agentVoteCapBps.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @inheritdoc IConstitution
    function modelRegistry() external view returns (address) {
        return address(_getStorage().modelRegistry);
    }

    /// @notice The governor whose executing proposal is recorded on ratification.
    function governor() external view returns (address) {
        return _getStorage().governor;
    }

    // ------------------------------------------------------------ actions

    /**
     * @notice Ratifies an amendment: records version `latest + 1` as ratified and opens its model's training
     * request. Only the DAO, i.e. as the action of a proposal that passed the >80% vote.
     * @param textHash keccak256 of the amended constitution text: the spec its model is trained for.
     * @param uri Where the amended text lives.
     * @return version The ratified version number.
     */
    function ratifyAmendment(bytes32 textHash, string calldata uri) external onlyOwner returns (uint256 version) {
        if (textHash == bytes32(0)) revert ConstitutionEmptyTextHash();
        if (bytes(uri).length == 0) revert ConstitutionEmptyURI();
        ConstitutionStorage storage $ = _getStorage();
        if ($.pendingVersion != 0) revert ConstitutionAmendmentPending($.pendingVersion);
        uint256 proposalId = IExecutingProposal($.governor).executingProposalId();
        version = ++$.latestVersion;
        $.pendingVersion = version;
        $.versions[version] = Version({
            textHash: textHash,
            proposalId: proposalId,
            modelId: 0,
            ratifiedAt: Time.timestamp(),
            inForceAt: 0,
            supersededAt: 0,
            status: VersionStatus.Ratified,
            uri: uri
        });
        emit AmendmentRatified(version, textHash, uri, proposalId);
        IModelRegistry registry = $.modelRegistry;
        if (address(registry) != address(0)) registry.openTrainingRequest(version, textHash, uri);
    }

    /**
     * @notice Withdraws the pending amendment before it comes into force (for example when no trained model passes
     * evaluation) and closes its training request. Only the DAO.
     */
    function withdrawAmendment(uint256 version) external onlyOwner {
        ConstitutionStorage storage $ = _getStorage();
        if (version == 0 || version != $.pendingVersion) revert ConstitutionVersionNotPending(version);
        $.pendingVersion = 0;
        $.versions[version].status = VersionStatus.Withdrawn;
        emit AmendmentWithdrawn(version);
        IModelRegistry registry = $.modelRegistry;
        if (address(registry) != address(0)) registry.closeTrainingRequest(version);
    }

    /// @inheritdoc IConstitution
    function enactVersion(uint256 version, uint256 modelId, address agent) external {
        ConstitutionStorage storage $ = _getStorage();
        if (msg.sender != address($.modelRegistry)) revert ConstitutionUnauthorizedRegistry(msg.sender);
        if (version == 0 || version != $.pendingVersion) revert ConstitutionVersionNotPending(version);
        if (modelId == 0 || agent == address(0)) revert ConstitutionInvalidModel(modelId, agent);
        uint48 now_ = Time.timestamp();
        uint256 previous = $.currentVersion;
        Version storage prev = $.versions[previous];
        prev.status = VersionStatus.Superseded;
        prev.supersededAt = now_;
        Version storage next = $.versions[version];
        next.status = VersionStatus.InForce;
        next.inForceAt = now_;
        next.modelId = modelId;
        $.currentVersion = version;
        $.pendingVersion = 0;
        $.activeAgent = agent;
        emit VersionEnacted(version, modelId, agent, previous);
    }

    /// @notice Changes the governance parameters within their hard bounds. Only the DAO.
    function setParameters(GovernanceParams calldata params) external onlyOwner {
        _setParameters(params);
    }

    /**
     * @notice Caps the weight the AI delegate's vote counts with: at most `bps` of the voting supply (total supply
     * minus the treasury) at a proposal's snapshot, after its delegators' overrides. 0 turns the cap off; otherwise
     * 100-5000 bps. Checkpointed: a proposal uses the cap in force at its snapshot. Only the DAO.
     */
    function setAgentVoteCapBps(uint16 bps) external onlyOwner {
        _setAgentVoteCapBps(bps);
    }

    /**
     * @notice Points the constitution at a new model registry (a migration). Only the DAO. A pending amendment
     * keeps its request in the old registry: withdraw and re-ratify it if needed.
     */
    function setModelRegistry(IModelRegistry modelRegistry_) external onlyOwner {
        if (address(modelRegistry_) == address(0)) revert ConstitutionZeroAddress();
        _getStorage().modelRegistry = modelRegistry_;
        emit ModelRegistrySet(address(modelRegistry_));
    }

    // ---------------------------------------------------------- internals

    function _setParameters(GovernanceParams calldata p) private {
        _checkBounds("supermajorityBps", p.supermajorityBps, MIN_SUPERMAJORITY_BPS, MAX_SUPERMAJORITY_BPS);
        _checkBounds("quorumBps", p.quorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        _checkBounds("initiativeThresholdBps", p.initiativeThresholdBps, MIN_INITIATIVE_BPS, MAX_INITIATIVE_BPS);
        _checkBounds("reviewQuorum", p.reviewQuorum, MIN_REVIEW_QUORUM, MAX_REVIEW_QUORUM);
        _checkBounds("votingDelay", p.votingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        _checkBounds("votingPeriod", p.votingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        _checkBounds("minDiscussionPeriod", p.minDiscussionPeriod, MIN_DISCUSSION_PERIOD, MAX_DISCUSSION_PERIOD);
        _checkBounds("disputeHoldPeriod", p.disputeHoldPeriod, MIN_DISPUTE_HOLD, MAX_DISPUTE_HOLD);
        _checkBounds(
            "lateQuorumExtension",
            p.lateQuorumExtension,
            MIN_LATE_QUORUM_EXTENSION,
            MAX_LATE_QUORUM_EXTENSION
        );
        _checkBounds("draftThreshold", p.draftThreshold, 1, type(uint208).max);
        ConstitutionStorage storage $ = _getStorage();
        $.params = p;
        $.quorumBps.push(Time.timestamp(), p.quorumBps);
        emit ParametersUpdated(p);
    }

    function _setAgentVoteCapBps(uint16 bps) private {
        if (bps != 0) _checkBounds("agentVoteCapBps", bps, MIN_AGENT_VOTE_CAP_BPS, MAX_AGENT_VOTE_CAP_BPS);
        _getStorage().agentVoteCapBps.push(Time.timestamp(), bps);
        emit AgentVoteCapSet(bps);
    }

    function _checkBounds(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ConstitutionParameterOutOfBounds(name, value, min, max);
    }

    function _getStorage() private pure returns (ConstitutionStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
