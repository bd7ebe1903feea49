// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPersonhoodVerifier} from "../interfaces/IPersonhoodVerifier.sol";
import {IWorldIDVerifier} from "../interfaces/IWorldIDVerifier.sol";

/**
 * @title WorldIDV4Verifier
 * @notice Proof of personhood through World ID 4.0: a human proves, with a uniqueness proof checked by the World ID
 * 4.0 verifier, that they hold a credential of the DAO-chosen issuer schema (e.g. Orb), bound to the account that
 * enrols. The BytomDAO relying party (rpId), the action and the issuer schema are set by the DAO.
 * @dev Public inputs, as the World ID 4.0 verifier takes them:
 * - `nullifier`: one per (human, rpId, action). The registry turns it into the human's key, so one human holds
 *   one seat; this adapter stores every nullifier it accepted (the relying party's duty in 4.0);
 * - `action`, `rpId`, `issuerSchemaId` (was `groupId` in 3.0), `credentialGenesisIssuedAtMin`: the DAO's settings,
 *   never the caller's; the action's most significant byte must be 0x00 (refused otherwise);
 * - `nonce`: the nonce of the relying party's signed request (`rp_context`). A (nullifier, nonce) pair is
 *   accepted once per consumer: a captured proof cannot be replayed to extend a verification;
 * - `signalHash = uint256(keccak256(abi.encodePacked(account))) >> 8`: binds the proof to the enrolling account
 *   (no front-running: a proof copied from the mempool fails for any other account);
 * - `expiresAtMin`: passed through as given in the proof (the verifier refuses an expired one);
 * - `zeroKnowledgeProof[5]`, whose last word is the Merkle root.
 * Replay state is kept per caller (`consumer` = msg.sender), so calling {verify} directly burns nothing of the
 * registry's. Renewal and key rotation are re-verification: the human proves again with the same action (same
 * nullifier, fresh nonce), from the same account (renewal) or a new one (rotation); a change of action by the DAO
 * gives every human a new nullifier, so humans move to it with `ExecutiveRegistry.migratePersonhood` while still
 * verified. A verification holds for the DAO-set validity period. Owner: the DAO's timelock.
 */
contract WorldIDV4Verifier is IPersonhoodVerifier, Ownable {
    /// @notice Longest validity period the DAO may set (5 years).
    uint64 public constant MAX_VALIDITY_PERIOD = 5 * 365 days;
    /// @notice Length of a proof: abi.encode(uint256 nullifier, uint256 nonce, uint64 expiresAtMin, uint256[5] proof).
    uint256 public constant PROOF_LENGTH = 8 * 32;

    /// @notice The World ID 4.0 verifier (proxy on World Chain, satellite on Base).
    IWorldIDVerifier public immutable worldIdVerifier;

    /// @notice The DAO's relying-party id at World ID.
    uint64 public rpId;
    /// @notice The credential schema accepted (e.g. Orb): `groupId` in World ID 3.0.
    uint64 public issuerSchemaId;
    /// @notice How long a verification holds, in seconds from the moment it is made.
    uint64 public validityPeriod;
    /// @notice The action humans prove uniqueness for (most significant byte 0x00).
    uint256 public action;
    /// @notice Credentials must have been issued (genesis) at or after this value (0: any).
    uint256 public credentialGenesisIssuedAtMin;

    /// @dev A decoded proof (`expiresAtMin` kept as a word to refuse values beyond uint64 with our own error).
    struct Proof {
        uint256 nullifier;
        uint256 nonce;
        uint256 expiresAtMin;
        uint256[5] zeroKnowledgeProof;
    }

    mapping(address consumer => mapping(uint256 nullifier => bool)) private _nullifierUsed;
    mapping(address consumer => mapping(bytes32 nullifierNonce => bool)) private _proofUsed;

    /// @notice The verifier address is zero.
    error WorldIDV4VerifierZeroVerifier();
    /// @notice The relying-party id is zero.
    error WorldIDV4VerifierZeroRpId();
    /// @notice The issuer schema id is zero.
    error WorldIDV4VerifierZeroIssuerSchema();
    /// @notice The action is zero or its most significant byte is not 0x00 (the verifier would refuse every proof).
    error WorldIDV4VerifierInvalidAction(uint256 action);
    /// @notice The validity period is zero or longer than {MAX_VALIDITY_PERIOD}.
    error WorldIDV4VerifierInvalidValidityPeriod(uint64 period);
    /// @notice The proof is not `abi.encode(uint256 nullifier, uint256 nonce, uint64 expiresAtMin, uint256[5])`.
    error WorldIDV4VerifierInvalidProofLength(uint256 length);
    /// @notice The proof's `expiresAtMin` word does not fit a uint64.
    error WorldIDV4VerifierInvalidExpiresAt(uint256 expiresAtMin);
    /// @notice The account to verify is the zero address.
    error WorldIDV4VerifierZeroAccount();
    /// @notice The nullifier is zero (never produced by a valid proof).
    error WorldIDV4VerifierZeroNullifier();
    /// @notice The proof's Merkle root (its last word) is zero.
    error WorldIDV4VerifierZeroRoot();
    /// @notice This (nullifier, nonce) was already accepted for this consumer: a replay.
    error WorldIDV4VerifierProofReplayed(address consumer, uint256 nullifier, uint256 nonce);
    /// @notice The DAO cannot give up ownership: the settings could never be changed again.
    error WorldIDV4VerifierCannotRenounce();

    /// @notice Emitted when the DAO sets the relying-party id.
    event RpIdSet(uint64 rpId);
    /// @notice Emitted when the DAO sets the action (every human's nullifier changes: they migrate).
    event ActionSet(uint256 action);
    /// @notice Emitted when the DAO sets the accepted credential schema.
    event IssuerSchemaIdSet(uint64 issuerSchemaId);
    /// @notice Emitted when the DAO sets the earliest accepted credential genesis issuance.
    event CredentialGenesisIssuedAtMinSet(uint256 credentialGenesisIssuedAtMin);
    /// @notice Emitted when the DAO changes the validity period.
    event ValidityPeriodSet(uint64 period);
    /// @notice Emitted when a proof is accepted; `firstUse` when the consumer never saw this nullifier before.
    event ProofConsumed(
        address indexed consumer,
        address indexed account,
        uint256 indexed nullifier,
        uint256 nonce,
        bool firstUse
    );

    /**
     * @param dao The DAO's timelock (owner).
     * @param verifier_ The World ID 4.0 verifier of this chain.
     * @param rpId_ The DAO's relying-party id.
     * @param action_ The action (e.g. {hashToField} of "bytomdao-executive-v1").
     * @param issuerSchemaId_ The accepted credential schema.
     * @param validityPeriod_ How long a verification holds.
     */
    constructor(
        address dao,
        IWorldIDVerifier verifier_,
        uint64 rpId_,
        uint256 action_,
        uint64 issuerSchemaId_,
        uint64 validityPeriod_
    ) Ownable(dao) {
        if (address(verifier_) == address(0)) revert WorldIDV4VerifierZeroVerifier();
        worldIdVerifier = verifier_;
        _setRpId(rpId_);
        _setAction(action_);
        _setIssuerSchemaId(issuerSchemaId_);
        _setValidityPeriod(validityPeriod_);
    }

    /**
     * @notice Checks a World ID 4.0 uniqueness proof for `account` and records it for the caller (the consumer);
     * reverts with the World ID verifier's error if invalid.
     * @param proof `abi.encode(uint256 nullifier, uint256 nonce, uint64 expiresAtMin, uint256[5] proof)`, built
     * from the JSON IDKit 4 hands the relying party (scripts/lib/worldid4.ts).
     * @return nullifier The nullifier (one per human for this rpId and action).
     * @return expiry Now plus the validity period.
     */
    function verify(address account, bytes calldata proof) external override returns (bytes32, uint64) {
        if (account == address(0)) revert WorldIDV4VerifierZeroAccount();
        if (proof.length != PROOF_LENGTH) revert WorldIDV4VerifierInvalidProofLength(proof.length);
        Proof memory p = abi.decode(proof, (Proof));
        if (p.nullifier == 0) revert WorldIDV4VerifierZeroNullifier();
        if (p.expiresAtMin > type(uint64).max) revert WorldIDV4VerifierInvalidExpiresAt(p.expiresAtMin);
        if (p.zeroKnowledgeProof[4] == 0) revert WorldIDV4VerifierZeroRoot();
        bytes32 used = keccak256(abi.encode(p.nullifier, p.nonce));
        if (_proofUsed[msg.sender][used]) revert WorldIDV4VerifierProofReplayed(msg.sender, p.nullifier, p.nonce);
        _check(p, signalHash(account));
        _proofUsed[msg.sender][used] = true;
        bool firstUse = !_nullifierUsed[msg.sender][p.nullifier];
        if (firstUse) _nullifierUsed[msg.sender][p.nullifier] = true;
        emit ProofConsumed(msg.sender, account, p.nullifier, p.nonce, firstUse);
        return (bytes32(p.nullifier), uint64(block.timestamp) + validityPeriod);
    }

    /// @notice Sets the DAO's relying-party id (after registering a new one at World ID). DAO only.
    function setRpId(uint64 rpId_) external onlyOwner {
        _setRpId(rpId_);
    }

    /**
     * @notice Sets the action. Every human's nullifier changes with it: existing humans move to the new action
     * with `ExecutiveRegistry.migratePersonhood` while their verification holds. DAO only.
     */
    function setAction(uint256 action_) external onlyOwner {
        _setAction(action_);
    }

    /// @notice Sets the accepted credential schema. DAO only.
    function setIssuerSchemaId(uint64 issuerSchemaId_) external onlyOwner {
        _setIssuerSchemaId(issuerSchemaId_);
    }

    /// @notice Accepts only credentials issued (genesis) at or after `value` (0: any). DAO only.
    function setCredentialGenesisIssuedAtMin(uint256 value) external onlyOwner {
        credentialGenesisIssuedAtMin = value;
        emit CredentialGenesisIssuedAtMinSet(value);
    }

    /// @notice Sets how long a verification holds (applies to verifications made from now on). DAO only.
    function setValidityPeriod(uint64 period) external onlyOwner {
        _setValidityPeriod(period);
    }

    /// @notice Always reverts: the DAO keeps control of its verifier.
    function renounceOwnership() public view override onlyOwner {
        revert WorldIDV4VerifierCannotRenounce();
    }

    /// @notice Whether `consumer` accepted a proof with this nullifier.
    function isNullifierUsed(address consumer, uint256 nullifier) external view returns (bool) {
        return _nullifierUsed[consumer][nullifier];
    }

    /// @notice Whether `consumer` accepted a proof with this nullifier and nonce (it never will again).
    function isProofUsed(address consumer, uint256 nullifier, uint256 nonce) external view returns (bool) {
        return _proofUsed[consumer][keccak256(abi.encode(nullifier, nonce))];
    }

    /// @notice The signal hash a proof for `account` must commit to: `uint256(keccak256(abi.encodePacked(account))) >> 8`.
    function signalHash(address account) public pure returns (uint256) {
        return hashToField(abi.encodePacked(account));
    }

    /// @notice World ID's `hashToField`: keccak256 shifted right by 8 bits (most significant byte 0x00).
    function hashToField(bytes memory value) public pure returns (uint256) {
        return uint256(keccak256(value)) >> 8;
    }

    /// @dev Asks the World ID 4.0 verifier, with the DAO's settings as public inputs; reverts if invalid.
    function _check(Proof memory p, uint256 signal) private view {
        worldIdVerifier.verify(
            p.nullifier,
            action,
            rpId,
            p.nonce,
            signal,
            uint64(p.expiresAtMin),
            issuerSchemaId,
            credentialGenesisIssuedAtMin,
            p.zeroKnowledgeProof
        );
    }

    function _setRpId(uint64 rpId_) private {
        if (rpId_ == 0) revert WorldIDV4VerifierZeroRpId();
        rpId = rpId_;
        emit RpIdSet(rpId_);
    }

    function _setAction(uint256 action_) private {
        if (action_ == 0 || action_ >> 248 != 0) revert WorldIDV4VerifierInvalidAction(action_);
        action = action_;
        emit ActionSet(action_);
    }

    function _setIssuerSchemaId(uint64 issuerSchemaId_) private {
        if (issuerSchemaId_ == 0) revert WorldIDV4VerifierZeroIssuerSchema();
        issuerSchemaId = issuerSchemaId_;
        emit IssuerSchemaIdSet(issuerSchemaId_);
    }

    function _setValidityPeriod(uint64 period) private {
        if (period == 0 || period > MAX_VALIDITY_PERIOD) revert WorldIDV4VerifierInvalidValidityPeriod(period);
        validityPeriod = period;
        emit ValidityPeriodSet(period);
    }
}
