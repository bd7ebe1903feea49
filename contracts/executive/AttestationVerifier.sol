// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {NoncesKeyed} from "@openzeppelin/contracts/utils/NoncesKeyed.sol";
import {IPersonhoodVerifier} from "../interfaces/IPersonhoodVerifier.sol";

/**
 * @title AttestationVerifier
 * @notice Proof of personhood through EIP-712 attestations signed by issuers the DAO approved (a KYC provider, a
 * Passport scorer, a notary...). An issuer attests that `account` is controlled by the human identified by
 * `nullifier` until `expiry`, for one `consumer` contract (the ExecutiveRegistry).
 * @dev Typed data, domain `{name: "BytomDAO Personhood Attestation", version: "1", chainId, verifyingContract}`:
 *
 *     Attestation(address account,bytes32 nullifier,uint64 expiry,uint256 nonce,address consumer)
 *
 * - `nonce` is an ERC-4337-style keyed nonce ({NoncesKeyed}): the high 192 bits are a key the issuer picks (e.g.
 *   random), the low 64 bits the sequence within that key, so issuers never coordinate and each attestation is
 *   usable once per account.
 * - `consumer` is the only contract allowed to consume the attestation, so nobody can burn someone else's
 *   attestation by calling {verify} directly; the registry verifies only its own caller, so only the attested
 *   account can use it.
 * - The chain id and this contract's address are in the domain: an attestation is worthless on another chain or on
 *   another verifier.
 * - Issuers may be EOAs or contracts (ERC-1271, e.g. a multisig) through {SignatureChecker}.
 * - Personhood is bound to its issuer: {verify} returns `keccak256(abi.encode(issuer, nullifier))`, never the
 *   issuer's nullifier itself. Each issuer speaks only for the humans it verified: a second (compromised) issuer
 *   attesting another issuer's nullifier (public in {AttestationConsumed}) names a different human, so it can
 *   neither rotate nor take over that human's seat, allowances or custody. Rotation goes through the same issuer.
 * Owner: the DAO's timelock, which approves and removes issuers and revokes attestations.
 */
contract AttestationVerifier is IPersonhoodVerifier, Ownable, EIP712, NoncesKeyed {
    /// @notice An issuer's standing. `Removed` issuers signed before but are no longer trusted.
    enum IssuerStatus {
        None,
        Approved,
        Removed
    }

    /// @notice The signed statement (see the contract NatSpec for the EIP-712 type).
    struct Attestation {
        address account;
        bytes32 nullifier;
        uint64 expiry;
        uint256 nonce;
        address consumer;
    }

    /// @notice The EIP-712 type hash of {Attestation}.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address account,bytes32 nullifier,uint64 expiry,uint256 nonce,address consumer)"
    );

    /// @notice Shortest valid proof: six head words, the signature's length word and one word of signature.
    uint256 public constant MIN_PROOF_LENGTH = 8 * 32;

    mapping(address issuer => IssuerStatus) private _issuers;
    mapping(bytes32 digest => bool) private _revoked;

    /// @notice The proof is too short to be `abi.encode(issuer, nullifier, expiry, nonce, consumer, signature)`.
    error AttestationVerifierMalformedProof(uint256 length);
    /// @notice The issuer address is zero.
    error AttestationVerifierZeroIssuer();
    /// @notice The issuer is already approved.
    error AttestationVerifierIssuerAlreadyApproved(address issuer);
    /// @notice The issuer was never approved.
    error AttestationVerifierIssuerNotApproved(address issuer);
    /// @notice The issuer was approved once but the DAO removed it.
    error AttestationVerifierIssuerRemoved(address issuer);
    /// @notice The attestation names another consumer than the caller.
    error AttestationVerifierWrongConsumer(address consumer, address caller);
    /// @notice The attestation's expiry has passed.
    error AttestationVerifierExpired(uint64 expiry);
    /// @notice The attestation's nullifier is zero.
    error AttestationVerifierZeroNullifier();
    /// @notice The signature is not the issuer's signature of this attestation.
    error AttestationVerifierInvalidSignature(address issuer);
    /// @notice The DAO revoked this attestation.
    error AttestationVerifierRevoked(bytes32 digest);
    /// @notice The attestation was already revoked.
    error AttestationVerifierAlreadyRevoked(bytes32 digest);
    /// @notice The nonce was already consumed: a replay.
    error AttestationVerifierNonceUsed(address account, uint256 nonce);
    /// @notice An earlier nonce of the same key has not been consumed yet.
    error AttestationVerifierNonceNotYetValid(address account, uint256 nonce, uint256 expected);
    /// @notice The DAO cannot give up ownership: issuers could never be removed again.
    error AttestationVerifierCannotRenounce();

    /// @notice Emitted when the DAO approves an issuer.
    event IssuerApproved(address indexed issuer);
    /// @notice Emitted when the DAO removes an issuer.
    event IssuerRemoved(address indexed issuer);
    /// @notice Emitted when the DAO revokes an attestation before it is used.
    event AttestationRevoked(bytes32 indexed digest);
    /// @notice Emitted when an attestation is consumed.
    event AttestationConsumed(
        bytes32 indexed digest,
        address indexed account,
        address indexed issuer,
        bytes32 nullifier,
        uint64 expiry,
        uint256 nonce
    );

    /**
     * @param dao The DAO's timelock (owner).
     * @param issuers The issuers approved from the start (may be empty).
     */
    constructor(address dao, address[] memory issuers) Ownable(dao) EIP712("BytomDAO Personhood Attestation", "1") {
        for (uint256 i = 0; i < issuers.length; ++i) {
            _approveIssuer(issuers[i]);
        }
    }

    /**
     * @notice Consumes an attestation for `account`. Only the attestation's consumer may call it, so only that
     * consumer (the registry, for its own caller) can spend the one-time nonce.
     * @param proof `abi.encode(address issuer, bytes32 nullifier, uint64 expiry, uint256 nonce, address consumer,
     * bytes signature)`.
     * @return nullifier The attested human's nullifier namespaced by its issuer:
     * `keccak256(abi.encode(issuer, attestedNullifier))` ({issuerScopedNullifier}).
     * @return expiry The attestation's expiry: the verification holds until then.
     */
    function verify(
        address account,
        bytes calldata proof
    ) external override returns (bytes32 nullifier, uint64 expiry) {
        address issuer;
        uint256 nonce;
        address consumer;
        bytes memory signature;
        if (proof.length < MIN_PROOF_LENGTH) revert AttestationVerifierMalformedProof(proof.length);
        (issuer, nullifier, expiry, nonce, consumer, signature) = abi.decode(
            proof,
            (address, bytes32, uint64, uint256, address, bytes)
        );
        if (consumer != msg.sender) revert AttestationVerifierWrongConsumer(consumer, msg.sender);
        if (expiry <= block.timestamp) revert AttestationVerifierExpired(expiry);
        if (nullifier == bytes32(0)) revert AttestationVerifierZeroNullifier();
        IssuerStatus status = _issuers[issuer];
        if (status == IssuerStatus.Removed) revert AttestationVerifierIssuerRemoved(issuer);
        if (status != IssuerStatus.Approved) revert AttestationVerifierIssuerNotApproved(issuer);

        bytes32 digest = attestationDigest(Attestation(account, nullifier, expiry, nonce, consumer));
        if (!SignatureChecker.isValidSignatureNow(issuer, digest, signature)) {
            revert AttestationVerifierInvalidSignature(issuer);
        }
        if (_revoked[digest]) revert AttestationVerifierRevoked(digest);

        uint256 expected = nonces(account, uint192(nonce >> 64));
        if (nonce < expected) revert AttestationVerifierNonceUsed(account, nonce);
        if (nonce > expected) revert AttestationVerifierNonceNotYetValid(account, nonce, expected);
        _useNonce(account, uint192(nonce >> 64));

        emit AttestationConsumed(digest, account, issuer, nullifier, expiry, nonce);
        nullifier = issuerScopedNullifier(issuer, nullifier);
    }

    /// @notice Trusts `issuer`'s signatures from now on. DAO only.
    function approveIssuer(address issuer) external onlyOwner {
        _approveIssuer(issuer);
    }

    /**
     * @notice Stops trusting `issuer`: its attestations, even unexpired ones, are refused from now on. Humans it
     * already verified keep their enrolment until its expiry unless the DAO also removes this verifier from the
     * registry (which suspends them at once). DAO only.
     */
    function removeIssuer(address issuer) external onlyOwner {
        if (_issuers[issuer] != IssuerStatus.Approved) revert AttestationVerifierIssuerNotApproved(issuer);
        _issuers[issuer] = IssuerStatus.Removed;
        emit IssuerRemoved(issuer);
    }

    /**
     * @notice Revokes a not-yet-used attestation (a leaked or mistaken one). DAO only.
     * @param digest The attestation's EIP-712 digest ({attestationDigest}).
     */
    function revokeAttestation(bytes32 digest) external onlyOwner {
        if (_revoked[digest]) revert AttestationVerifierAlreadyRevoked(digest);
        _revoked[digest] = true;
        emit AttestationRevoked(digest);
    }

    /// @notice Always reverts: the DAO keeps control of its verifier.
    function renounceOwnership() public view override onlyOwner {
        revert AttestationVerifierCannotRenounce();
    }

    /// @notice The EIP-712 digest an issuer signs for `attestation` (also the id used for revocation).
    function attestationDigest(Attestation memory attestation) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        ATTESTATION_TYPEHASH,
                        attestation.account,
                        attestation.nullifier,
                        attestation.expiry,
                        attestation.nonce,
                        attestation.consumer
                    )
                )
            );
    }

    /// @notice The nullifier {verify} returns for `issuer`'s `nullifier`: the human's identity bound to its issuer.
    function issuerScopedNullifier(address issuer, bytes32 nullifier) public pure returns (bytes32) {
        return keccak256(abi.encode(issuer, nullifier));
    }

    /// @notice An issuer's standing.
    function issuerStatus(address issuer) external view returns (IssuerStatus) {
        return _issuers[issuer];
    }

    /// @notice Whether the DAO revoked the attestation with this digest.
    function isRevoked(bytes32 digest) external view returns (bool) {
        return _revoked[digest];
    }

    function _approveIssuer(address issuer) private {
        if (issuer == address(0)) revert AttestationVerifierZeroIssuer();
        if (_issuers[issuer] == IssuerStatus.Approved) revert AttestationVerifierIssuerAlreadyApproved(issuer);
        _issuers[issuer] = IssuerStatus.Approved;
        emit IssuerApproved(issuer);
    }
}
