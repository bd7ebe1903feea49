// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IWorldID
 * @notice The World ID router (`WorldIDRouterImplV1`) as apps call it: it routes `groupId` (1 = Orb) to its
 * identity manager, which checks the Semaphore proof against `[root, nullifierHash, signalHash,
 * externalNullifierHash]` and reverts on an invalid proof or an unknown/expired root.
 * @dev Exactly the signature of worldcoin/world-id-contracts `IWorldIDGroups.verifyProof`. The router does not
 * check nullifier reuse: "a double-signaling check is not included here, and should be carried by the caller".
 */
interface IWorldID {
    /// @notice Reverts unless `proof` proves membership of `root` in `groupId` for the given signal and nullifier.
    function verifyProof(
        uint256 root,
        uint256 groupId,
        uint256 signalHash,
        uint256 nullifierHash,
        uint256 externalNullifierHash,
        uint256[8] calldata proof
    ) external view;
}
