// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IConstitution
 * @notice The versioned constitution of BytomDAO and the governance parameters every other contract reads.
 * @dev Version lifecycle: `Ratified` (an amendment passed the >80% vote and was executed by the timelock) →
 * `InForce` (its model was trained, anchored, evaluated and activated by the {IModelRegistry}) → `Superseded`
 * (a later version came into force). A ratified version may instead be `Withdrawn` by the DAO.
 */
interface IConstitution {
    enum VersionStatus {
        None,
        Ratified,
        InForce,
        Superseded,
        Withdrawn
    }

    /// @notice One version of the constitution. Version 1 is the founding text.
    struct Version {
        bytes32 textHash; // keccak256 of the constitution text (the training spec of its model)
        uint256 proposalId; // the Governor proposal that enacted it (0 for the founding version)
        uint256 modelId; // the ModelRegistry model trained for it (0 until in force)
        uint48 ratifiedAt;
        uint48 inForceAt;
        uint48 supersededAt;
        VersionStatus status;
        string uri; // where the full text lives (ipfs://, https://, ...)
    }

    /**
     * @notice Governance parameters. Each has hard bounds in {Constitution} that not even the DAO can cross.
     * @dev Times are in seconds (the governance clock is `mode=timestamp`), ratios in basis points of 10_000.
     */
    struct GovernanceParams {
        uint16 supermajorityBps; // a proposal passes only if for * 10_000 > supermajorityBps * (for + against)
        uint16 quorumBps; // for + abstain must reach this share of the voting supply at the snapshot
        uint16 initiativeThresholdBps; // share of supply whose backing sends a draft to vote without the committee
        uint8 reviewQuorum; // committee approvals (of 5) needed: drafts, model evaluations, holds, appointments
        uint32 votingDelay; // draft put to vote → voting opens (the snapshot)
        uint32 votingPeriod;
        uint32 minDiscussionPeriod; // minimum time between a draft's last revision and its review
        uint32 disputeHoldPeriod; // longest time the committee may hold a queued proposal, once
        uint32 lateQuorumExtension; // voting time guaranteed after quorum is first reached
        uint256 draftThreshold; // voting power needed to submit a draft
    }

    /// @notice Emitted when an amendment is ratified; the model registry opens its training request from this data.
    event AmendmentRatified(uint256 indexed version, bytes32 textHash, string uri, uint256 indexed proposalId);
    /// @notice Emitted when a version comes into force with its trained model and the model's operator as AGI agent.
    event VersionEnacted(uint256 indexed version, uint256 indexed modelId, address indexed agent, uint256 previous);
    /// @notice Emitted when the DAO withdraws a ratified version that has not come into force.
    event AmendmentWithdrawn(uint256 indexed version);

    /// @notice The version in force.
    function currentVersion() external view returns (uint256);

    /// @notice The newest version recorded (ratified, in force or withdrawn).
    function latestVersion() external view returns (uint256);

    /// @notice A recorded version.
    function getVersion(uint256 version) external view returns (Version memory);

    /// @notice The model of the version in force: the active AGI.
    function activeModelId() external view returns (uint256);

    /// @notice The key the active model's inference node votes and signs with (members may delegate to it).
    function activeAgent() external view returns (address);

    /// @notice The current governance parameters.
    function parameters() external view returns (GovernanceParams memory);

    /// @notice Committee approvals (of 5) needed for committee decisions.
    function reviewQuorum() external view returns (uint256);

    /// @notice The quorum in basis points that applied at `timepoint` (checkpointed so changes are never retroactive).
    function quorumBpsAt(uint256 timepoint) external view returns (uint256);

    /// @notice The model registry allowed to enact versions.
    function modelRegistry() external view returns (address);

    /**
     * @notice Puts a ratified version into force with its activated model. Only the model registry may call this,
     * after the model's training run was anchored and passed evaluation.
     */
    function enactVersion(uint256 version, uint256 modelId, address agent) external;
}
