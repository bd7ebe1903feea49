// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IModelRegistry
 * @notice The hook the {IConstitution} calls: a ratified amendment opens a training request for its version,
 * and a withdrawn amendment closes it.
 */
interface IModelRegistry {
    /**
     * @notice Opens the training request of a ratified constitution version. Only the Constitution may call this.
     * @param version The ratified constitution version.
     * @param specHash The amendment's text hash: the training spec the model must be trained for.
     * @param specURI Where the amendment text lives.
     * @return requestId The id of the new training request.
     */
    function openTrainingRequest(
        uint256 version,
        bytes32 specHash,
        string calldata specURI
    ) external returns (uint256 requestId);

    /// @notice Closes the open training request of `version` (the DAO withdrew it). Only the Constitution.
    function closeTrainingRequest(uint256 version) external;
}
