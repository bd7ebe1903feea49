// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";

/**
 * @title MockModelRegistry
 * @notice Test-only {IModelRegistry} that records the Constitution's calls and can enact a version.
 */
contract MockModelRegistry is IModelRegistry {
    struct Request {
        uint256 version;
        bytes32 specHash;
        string specURI;
        bool open;
    }

    /// @notice Requests by id (1-based).
    mapping(uint256 requestId => Request) public requests;
    /// @notice The open request of each version (0 if none).
    mapping(uint256 version => uint256) public requestOf;
    /// @notice Number of requests opened.
    uint256 public requestCount;
    /// @notice Number of closeTrainingRequest calls.
    uint256 public closeCount;
    /// @notice The last caller of a hook.
    address public lastCaller;

    event TrainingRequestOpened(uint256 indexed requestId, uint256 indexed version, bytes32 specHash, string specURI);
    event TrainingRequestClosed(uint256 indexed requestId, uint256 indexed version);

    /// @inheritdoc IModelRegistry
    function openTrainingRequest(
        uint256 version,
        bytes32 specHash,
        string calldata specURI
    ) external returns (uint256 requestId) {
        lastCaller = msg.sender;
        requestId = ++requestCount;
        requests[requestId] = Request(version, specHash, specURI, true);
        requestOf[version] = requestId;
        emit TrainingRequestOpened(requestId, version, specHash, specURI);
    }

    /// @inheritdoc IModelRegistry
    function closeTrainingRequest(uint256 version) external {
        lastCaller = msg.sender;
        uint256 requestId = requestOf[version];
        requests[requestId].open = false;
        requestOf[version] = 0;
        ++closeCount;
        emit TrainingRequestClosed(requestId, version);
    }

    /// @notice Enacts a version on the constitution, as the real registry does after evaluation.
    function enact(IConstitution constitution, uint256 version, uint256 modelId, address agent) external {
        constitution.enactVersion(version, modelId, agent);
    }
}
