// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConstitution} from "../interfaces/IConstitution.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";

/**
 * @notice Test-only constitution: version 1 is in force with model #1; `ratify` and `withdraw` stand in for the
 * DAO's `ratifyAmendment` / `withdrawAmendment` and call the registry hooks as the real Constitution does;
 * `enactVersion` (registry only) supersedes the version in force and records the call.
 */
contract MockConstitution is IConstitution {
    error MockConstitutionNotRegistry(address caller);
    error MockConstitutionNotRatified(uint256 version);

    address public modelRegistry;
    uint256 public currentVersion;
    uint256 public latestVersion;
    uint256 public activeModelId;
    address public activeAgent;
    uint256 public reviewQuorum = 3;
    uint256 public enactCalls;
    mapping(uint256 => Version) private _versions;

    constructor(address genesisAgent) {
        currentVersion = 1;
        latestVersion = 1;
        activeModelId = 1;
        activeAgent = genesisAgent;
        Version storage v = _versions[1];
        v.textHash = keccak256("genesis");
        v.modelId = 1;
        v.ratifiedAt = uint48(block.timestamp);
        v.inForceAt = uint48(block.timestamp);
        v.status = VersionStatus.InForce;
        v.uri = "ipfs://genesis";
    }

    function setModelRegistry(address registry) external {
        modelRegistry = registry;
    }

    function setReviewQuorum(uint256 quorum) external {
        reviewQuorum = quorum;
    }

    /// @notice Like `ratifyAmendment`: records version latest+1 as ratified and opens its training request.
    function ratify(bytes32 textHash, string calldata uri) external returns (uint256 version) {
        version = ++latestVersion;
        Version storage v = _versions[version];
        v.textHash = textHash;
        v.proposalId = version;
        v.ratifiedAt = uint48(block.timestamp);
        v.status = VersionStatus.Ratified;
        v.uri = uri;
        emit AmendmentRatified(version, textHash, uri, version);
        IModelRegistry(modelRegistry).openTrainingRequest(version, textHash, uri);
    }

    /// @notice Like `withdrawAmendment`: withdraws a ratified version and closes its request.
    function withdraw(uint256 version) external {
        _versions[version].status = VersionStatus.Withdrawn;
        emit AmendmentWithdrawn(version);
        IModelRegistry(modelRegistry).closeTrainingRequest(version);
    }

    /// @notice Forces a version's status, to test the registry's staleness check.
    function setStatus(uint256 version, VersionStatus status) external {
        _versions[version].status = status;
    }

    /// @notice Raw hook calls, to test the registry's refusals.
    function rawOpen(uint256 version, bytes32 specHash, string calldata uri) external returns (uint256) {
        return IModelRegistry(modelRegistry).openTrainingRequest(version, specHash, uri);
    }

    function rawClose(uint256 version) external {
        IModelRegistry(modelRegistry).closeTrainingRequest(version);
    }

    function enactVersion(uint256 version, uint256 modelId, address agent) external {
        if (msg.sender != modelRegistry) revert MockConstitutionNotRegistry(msg.sender);
        Version storage v = _versions[version];
        if (v.status != VersionStatus.Ratified) revert MockConstitutionNotRatified(version);
        uint256 previous = currentVersion;
        Version storage p = _versions[previous];
        p.status = VersionStatus.Superseded;
        p.supersededAt = uint48(block.timestamp);
        v.status = VersionStatus.InForce;
        v.inForceAt = uint48(block.timestamp);
        v.modelId = modelId;
        currentVersion = version;
        activeModelId = modelId;
        activeAgent = agent;
        ++enactCalls;
        emit VersionEnacted(version, modelId, agent, previous);
    }

    function getVersion(uint256 version) external view returns (Version memory) {
        return _versions[version];
    }

    function parameters() external view returns (GovernanceParams memory p) {
        p.supermajorityBps = 8000;
        p.reviewQuorum = uint8(reviewQuorum);
    }

    function quorumBpsAt(uint256) external pure returns (uint256) {
        return 400;
    }
}
