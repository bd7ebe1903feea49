// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IWorldIDVerifier} from "../interfaces/IWorldIDVerifier.sol";

/**
 * @title MockWorldIDVerifierV4
 * @notice Test-only stand-in for the World ID 4.0 verifier, with its exact `verify` signature and revert behaviour:
 * it reverts when the action's most significant byte is not 0x00, when the proof expired (`expiresAtMin` read as
 * a unix time in seconds that must be in the future), when the Merkle root (`zeroKnowledgeProof[4]`) is not a
 * valid root, and when the full tuple of public inputs and proof is not one the test registered as valid. Like
 * the real verifier it tracks no nullifiers.
 */
contract MockWorldIDVerifierV4 is IWorldIDVerifier {
    mapping(uint256 root => bool) public validRoot;
    mapping(bytes32 proofKey => bool) public validProof;

    error InvalidAction(uint256 action);
    error ProofExpired(uint64 expiresAtMin);
    error InvalidMerkleRoot(uint256 root);
    error InvalidProof();

    /// @notice The public inputs of a proof (all of `verify`'s arguments but the proof).
    struct Inputs {
        uint256 nullifier;
        uint256 action;
        uint64 rpId;
        uint256 nonce;
        uint256 signalHash;
        uint64 expiresAtMin;
        uint64 issuerSchemaId;
        uint256 credentialGenesisIssuedAtMin;
    }

    /// @notice Registers a proof as valid (what an honest prover would generate) and its root as valid.
    function registerProof(Inputs calldata i, uint256[5] calldata proof) external {
        validRoot[proof[4]] = true;
        validProof[_key(i, proof)] = true;
    }

    /// @notice Marks a root valid or not (a root that aged out or never existed).
    function setRoot(uint256 root, bool valid) external {
        validRoot[root] = valid;
    }

    function verify(
        uint256 nullifier,
        uint256 action,
        uint64 rpId,
        uint256 nonce,
        uint256 signalHash,
        uint64 expiresAtMin,
        uint64 issuerSchemaId,
        uint256 credentialGenesisIssuedAtMin,
        uint256[5] calldata zeroKnowledgeProof
    ) external view override {
        if (action >> 248 != 0) revert InvalidAction(action);
        if (expiresAtMin <= block.timestamp) revert ProofExpired(expiresAtMin);
        if (!validRoot[zeroKnowledgeProof[4]]) revert InvalidMerkleRoot(zeroKnowledgeProof[4]);
        Inputs memory i = Inputs(
            nullifier,
            action,
            rpId,
            nonce,
            signalHash,
            expiresAtMin,
            issuerSchemaId,
            credentialGenesisIssuedAtMin
        );
        if (!validProof[_key(i, zeroKnowledgeProof)]) revert InvalidProof();
    }

    function _key(Inputs memory i, uint256[5] calldata proof) private pure returns (bytes32) {
        return keccak256(abi.encode(i, proof));
    }
}
