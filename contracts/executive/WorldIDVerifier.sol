// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPersonhoodVerifier} from "../interfaces/IPersonhoodVerifier.sol";
import {IWorldID} from "../interfaces/IWorldID.sol";

/**
 * @title WorldIDVerifier
 * @notice Proof of personhood through World ID (Orb group): a human proves, with a zero-knowledge proof checked by
 * the World ID router, that they hold an Orb-verified identity, bound to the account that enrols.
 * @dev Follows the World ID on-chain template exactly:
 * - `groupId = 1` (Orb),
 * - `signalHash = hashToField(abi.encodePacked(account))` (binds the proof to the account: no front-running),
 * - `externalNullifierHash = hashToField(abi.encodePacked(hashToField(abi.encodePacked(appId)), action))`,
 * - `hashToField(x) = uint256(keccak256(x)) >> 8`.
 * The nullifier hash is unique per (human, appId, action), so it is the human's identity in the registry; the
 * registry performs the double-signalling check. World ID proofs carry no expiry, so a verification holds for a
 * DAO-set validity period from the moment it is made. The contract holds no credentials and consumes nothing, so
 * `verify` is a view. Owner: the DAO's timelock.
 */
contract WorldIDVerifier is IPersonhoodVerifier, Ownable {
    /// @notice The Orb group of the World ID router.
    uint256 public constant GROUP_ID = 1;
    /// @notice Longest validity period the DAO may set (5 years).
    uint64 public constant MAX_VALIDITY_PERIOD = 5 * 365 days;
    /// @notice Length of a proof: abi.encode(uint256 root, uint256 nullifierHash, uint256[8] proof).
    uint256 public constant PROOF_LENGTH = 10 * 32;

    /// @notice The World ID router.
    IWorldID public immutable worldId;
    /// @notice `hashToField(abi.encodePacked(hashToField(abi.encodePacked(appId)), action))`.
    uint256 public immutable externalNullifierHash;

    /// @notice How long a verification holds, in seconds from the moment it is made.
    uint64 public validityPeriod;

    /// @notice The router address is zero.
    error WorldIDVerifierZeroRouter();
    /// @notice The validity period is zero or longer than {MAX_VALIDITY_PERIOD}.
    error WorldIDVerifierInvalidValidityPeriod(uint64 period);
    /// @notice The proof is not `abi.encode(uint256 root, uint256 nullifierHash, uint256[8] proof)`.
    error WorldIDVerifierInvalidProofLength(uint256 length);
    /// @notice The account to verify is the zero address.
    error WorldIDVerifierZeroAccount();
    /// @notice The nullifier hash is zero (never produced by a valid proof).
    error WorldIDVerifierZeroNullifier();
    /// @notice The DAO cannot give up ownership: the validity period could never be changed again.
    error WorldIDVerifierCannotRenounce();

    /// @notice Emitted when the DAO changes the validity period.
    event ValidityPeriodSet(uint64 period);

    /**
     * @param dao The DAO's timelock (owner).
     * @param router The World ID router (`IWorldIDGroups`).
     * @param appId The World ID app id (e.g. `app_...`).
     * @param action The action of the app (e.g. `bytomdao-executive-v1`): one nullifier per human for this action.
     * @param validityPeriod_ How long a verification holds.
     */
    constructor(
        address dao,
        IWorldID router,
        string memory appId,
        string memory action,
        uint64 validityPeriod_
    ) Ownable(dao) {
        if (address(router) == address(0)) revert WorldIDVerifierZeroRouter();
        worldId = router;
        externalNullifierHash = hashToField(abi.encodePacked(hashToField(abi.encodePacked(appId)), action));
        _setValidityPeriod(validityPeriod_);
    }

    /**
     * @notice Checks a World ID proof for `account` through the router; reverts with the router's error if invalid.
     * @param proof `abi.encode(uint256 root, uint256 nullifierHash, uint256[8] proof)` as produced by IDKit for the
     * signal `account`.
     * @return nullifier The World ID nullifier hash (one per human for this app and action).
     * @return expiry Now plus the validity period: World ID proofs have no expiry of their own.
     */
    function verify(
        address account,
        bytes calldata proof
    ) external view override returns (bytes32 nullifier, uint64 expiry) {
        if (account == address(0)) revert WorldIDVerifierZeroAccount();
        if (proof.length != PROOF_LENGTH) revert WorldIDVerifierInvalidProofLength(proof.length);
        (uint256 root, uint256 nullifierHash, uint256[8] memory zkProof) = abi.decode(
            proof,
            (uint256, uint256, uint256[8])
        );
        if (nullifierHash == 0) revert WorldIDVerifierZeroNullifier();
        worldId.verifyProof(root, GROUP_ID, signalHash(account), nullifierHash, externalNullifierHash, zkProof);
        return (bytes32(nullifierHash), uint64(block.timestamp) + validityPeriod);
    }

    /**
     * @notice Sets how long a verification holds. DAO only. Shorter periods make humans re-prove more often (a
     * World ID can be reset); applies to verifications made from now on.
     */
    function setValidityPeriod(uint64 period) external onlyOwner {
        _setValidityPeriod(period);
    }

    /// @notice Always reverts: the DAO keeps control of its verifier.
    function renounceOwnership() public view override onlyOwner {
        revert WorldIDVerifierCannotRenounce();
    }

    /// @notice The signal hash a proof for `account` must commit to: `hashToField(abi.encodePacked(account))`.
    function signalHash(address account) public pure returns (uint256) {
        return hashToField(abi.encodePacked(account));
    }

    /// @notice World ID's `hashToField`: keccak256 shifted right by 8 bits to fit the SNARK scalar field.
    function hashToField(bytes memory value) public pure returns (uint256) {
        return uint256(keccak256(value)) >> 8;
    }

    function _setValidityPeriod(uint64 period) private {
        if (period == 0 || period > MAX_VALIDITY_PERIOD) revert WorldIDVerifierInvalidValidityPeriod(period);
        validityPeriod = period;
        emit ValidityPeriodSet(period);
    }
}
