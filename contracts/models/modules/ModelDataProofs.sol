// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IModelRegistryErrors} from "../../interfaces/IModelRegistry.sol";

/**
 * @title ModelDataProofs
 * @notice Proofs against what the registry anchored: a data shard was in a run's training set, a weights manifest
 * is an activated model's.
 * @dev Stateless: the registry provides the anchors through {_verifyRunRecord} and {_weightsRootOf}.
 *
 * Merkle leaves (dataset roots and weights manifest roots) are built exactly as the OpenZeppelin merkle-tree
 * library's `StandardMerkleTree.of(values, ["string", "uint256", "bytes32"])` builds them, one leaf per file
 * `(relative POSIX path, size in bytes, SHA-256 of the content)`:
 * `keccak256(bytes.concat(keccak256(abi.encode(path, size, sha256))))`. See {leafOf}.
 */
abstract contract ModelDataProofs is IModelRegistryErrors {
    /**
     * @notice Proves that a data shard was in a run's training set.
     * @dev The dataset root is not stored (anchor, don't store): the caller passes the run record from
     * `TrainingRunRecorded`, which is checked against the run's commitment first. This keeps `recordTrainingRun`
     * one slot cheaper for every run, and every prover has the event anyway to learn the root.
     * @param run The run's full record; reverts {ModelRegistryRunRecordMismatch} if it is not the anchored one.
     * @param path The shard's relative POSIX path in the dataset directory.
     * @param size The shard's size in bytes.
     * @param sha256Digest The SHA-256 of the shard's content.
     * @param proof The `StandardMerkleTree` proof of the leaf `(path, size, sha256Digest)`.
     * @return Whether the shard is in the dataset the run was trained on.
     */
    function verifyTrainingData(
        uint256 runId,
        TrainingRun calldata run,
        string calldata path,
        uint256 size,
        bytes32 sha256Digest,
        bytes32[] calldata proof
    ) external view returns (bool) {
        if (!_verifyRunRecord(runId, run)) revert ModelRegistryRunRecordMismatch(runId);
        return MerkleProof.verifyCalldata(proof, run.datasetRoot, leafOf(path, size, sha256Digest));
    }

    /// @notice Whether `manifestRoot` is the weights manifest root of model `modelId` (reverts for unknown models).
    function verifyWeights(uint256 modelId, bytes32 manifestRoot) external view returns (bool) {
        bytes32 root = _weightsRootOf(modelId);
        if (root == bytes32(0)) revert ModelRegistryUnknownModel(modelId);
        return root == manifestRoot;
    }

    /// @notice The Merkle leaf of one file, as `StandardMerkleTree.of(values, ["string","uint256","bytes32"])`.
    function leafOf(string calldata path, uint256 size, bytes32 sha256Digest) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(path, size, sha256Digest))));
    }

    /// @dev Whether `run` is the record anchored for `runId` (false for unknown runs).
    function _verifyRunRecord(uint256 runId, TrainingRun calldata run) internal view virtual returns (bool);

    /// @dev The weights manifest root of an activated model; zero for unknown models.
    function _weightsRootOf(uint256 modelId) internal view virtual returns (bytes32);
}
