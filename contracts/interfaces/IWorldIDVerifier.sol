// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IWorldIDVerifier
 * @notice The World ID 4.0 verifier as relying parties call it (worldcoin/world-id-protocol `IWorldIDVerifier`).
 * @dev `verify` reverts unless `zeroKnowledgeProof` proves, for a credential of `issuerSchemaId` issued (genesis)
 * no earlier than `credentialGenesisIssuedAtMin`, the uniqueness nullifier `nullifier` for (`rpId`, `action`) with
 * the request `nonce`, bound to `signalHash`, not past `expiresAtMin`; the Merkle root is the proof's last word
 * (`zeroKnowledgeProof[4]`) and must be a valid root. It does not track nullifiers: the relying party must store
 * the ones it accepted. `action`'s most significant byte must be 0x00 (a field element).
 *
 * Deployments (re-check before use): World Chain (480) proxy 0x00000000009E00F9FE82CfeeBB4556686da094d7;
 * Base (8453) satellite 0x8127DB9301683553a2610a046dE24dde741A1B80 (same `verify`); no Sepolia deployment.
 */
interface IWorldIDVerifier {
    /// @notice Reverts unless the proof is valid for these public inputs.
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
    ) external view;
}
