// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IWorldID} from "../interfaces/IWorldID.sol";

/**
 * @title MockWorldIDRouter
 * @notice Test-only stand-in for the World ID router. It checks exactly the inputs the real router checks: the group
 * must be 1 (Orb), the root must be known, and the (root, signalHash, nullifierHash, externalNullifierHash, proof)
 * tuple must be one the test registered as a valid proof. Anything else reverts like the real router.
 */
contract MockWorldIDRouter is IWorldID {
    mapping(uint256 root => bool) public knownRoot;
    mapping(bytes32 proofKey => bool) public validProof;

    error NoSuchGroup(uint256 groupId);
    error NonExistentRoot();
    error InvalidProof();

    /// @notice Registers a proof as valid (what an honest prover would generate for these public inputs).
    function registerProof(
        uint256 root,
        uint256 signalHash,
        uint256 nullifierHash,
        uint256 externalNullifierHash,
        uint256[8] calldata proof
    ) external {
        knownRoot[root] = true;
        validProof[_key(root, signalHash, nullifierHash, externalNullifierHash, proof)] = true;
    }

    function verifyProof(
        uint256 root,
        uint256 groupId,
        uint256 signalHash,
        uint256 nullifierHash,
        uint256 externalNullifierHash,
        uint256[8] calldata proof
    ) external view override {
        if (groupId != 1) revert NoSuchGroup(groupId);
        if (!knownRoot[root]) revert NonExistentRoot();
        if (!validProof[_key(root, signalHash, nullifierHash, externalNullifierHash, proof)]) revert InvalidProof();
    }

    function _key(
        uint256 root,
        uint256 signalHash,
        uint256 nullifierHash,
        uint256 externalNullifierHash,
        uint256[8] calldata proof
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(root, signalHash, nullifierHash, externalNullifierHash, proof));
    }
}
