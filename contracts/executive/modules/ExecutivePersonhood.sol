// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAOControlledUpgradeable} from "../../utils/DAOControlledUpgradeable.sol";
import {IExecutiveRegistry} from "../../interfaces/IExecutiveRegistry.sol";
import {IPersonhoodVerifier} from "../../interfaces/IPersonhoodVerifier.sol";

/**
 * @title ExecutivePersonhood
 * @notice Module of the {ExecutiveRegistry}: who is a verified human, through which verifier, from which account.
 * @dev One concern: personhood. It knows nothing of seats, budgets or resources; the other modules ask it through
 * the internal functions below (`_current`, `_enrolled`, `_verificationHolds`).
 *
 * Personhood key. A verifier returns a nullifier (one per human per application). The registry namespaces it by
 * verifier: `key = keccak256(abi.encode(verifier, nullifier))`. A new human's id is their first key. Because the
 * {AttestationVerifier} in turn namespaces its issuers' nullifiers by issuer, a key names exactly one
 * (verifier, issuer, nullifier): no verifier or issuer can speak for a human another one verified.
 *
 * One human id maps to exactly one current account and one current key; every account, once bound, stays bound
 * to that human forever:
 * - the current key from the current account renews the verification (the expiry never shrinks);
 * - the current key from a new account rotates keys: the seat, allowances and custody follow the human, the old
 *   account loses every power (it may rotate back later, but never serve another human);
 * - a human may move to another verifier or credential ({migratePersonhood}, e.g. World ID 3.0 to 4.0) from their
 *   current, still-verified account; from then on only the new key renews or rotates them, the old key is refused.
 *
 * Sunsets. The DAO can set, per verifier, a time after which it enrols no NEW human (World ID 3.0 after
 * 2027-04-01): humans it already verified keep renewing and rotating through it and may migrate away.
 *
 * Powers are checked at use time in O(1): an expired verification or a removed verifier suspends a human until
 * they re-verify (no loops, no keepers).
 *
 * Storage: ERC-7201 namespace `bytomdao.storage.ExecutivePersonhood`.
 */
abstract contract ExecutivePersonhood is IExecutiveRegistry, DAOControlledUpgradeable {
    /// @dev A verifier's standing.
    struct VerifierConfig {
        bool approved;
        uint64 enrolmentSunset; // 0: none; otherwise no new human enrols from this time on
    }

    /// @dev A human's personhood record.
    struct Personhood {
        address account; // current account
        uint64 expiry;
        address verifier; // verifier of the current key
        bytes32 key; // current key when it differs from the human id (after a migration); zero otherwise
    }

    /// @custom:storage-location erc7201:bytomdao.storage.ExecutivePersonhood
    struct PersonhoodStorage {
        mapping(address verifier => VerifierConfig) verifiers;
        mapping(bytes32 humanId => Personhood) humans;
        mapping(address account => bytes32 humanId) accountHuman;
        mapping(bytes32 key => bytes32 humanId) migratedKeys; // keys attached by a migration
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ExecutivePersonhood")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PERSONHOOD_STORAGE = 0x4653d3fcd039c252ea17dd52db18b88c0dbef48b3bbe4e6a1f1ab8de826b5e00;

    // solhint-disable-next-line func-name-mixedcase
    function __ExecutivePersonhood_init(
        address[] calldata verifiers,
        uint64[] calldata enrolmentSunsets
    ) internal onlyInitializing {
        if (verifiers.length != enrolmentSunsets.length) {
            revert ExecutiveRegistryLengthMismatch(verifiers.length, enrolmentSunsets.length);
        }
        for (uint256 i = 0; i < verifiers.length; ++i) {
            _approveVerifier(verifiers[i]);
            if (enrolmentSunsets[i] != 0) _setVerifierSunset(verifiers[i], enrolmentSunsets[i]);
        }
    }

    // ------------------------------------------------------------------ external

    /**
     * @notice Enrols the caller as a verified human, renews their verification, or rotates their keys.
     * @dev The verifier checks `proof` for `msg.sender` only, so nobody can enrol (or burn a credential) for
     * someone else. Current key + same account: the expiry is extended. Current key + new account: the new account
     * takes over the seat, allowances and custody; the old one loses them. A key the human migrated away from is
     * refused. A verifier past its sunset enrols no new human.
     * @param verifier A DAO-approved {IPersonhoodVerifier}.
     * @param proof The verifier's proof for the caller.
     * @return humanId The caller's human id.
     */
    function enroll(address verifier, bytes calldata proof) external returns (bytes32 humanId) {
        PersonhoodStorage storage $ = _personhood();
        (bytes32 key, uint64 expiry) = _verify($, verifier, proof);
        humanId = _humanOfKey($, key);
        bytes32 bound = $.accountHuman[msg.sender];
        if (bound != bytes32(0) && bound != humanId) {
            revert ExecutiveRegistryAccountBoundToOtherHuman(msg.sender, bound);
        }
        Personhood storage h = $.humans[humanId];
        address current = h.account;
        if (current == address(0)) {
            _checkSunset($, verifier);
            h.account = msg.sender;
            h.verifier = verifier;
            h.expiry = expiry;
            $.accountHuman[msg.sender] = humanId;
            emit HumanEnrolled(humanId, msg.sender, verifier, expiry);
            return humanId;
        }
        if (_currentKey(humanId, h) != key) revert ExecutiveRegistryPersonhoodMoved(humanId, h.verifier);
        if (expiry > h.expiry) h.expiry = expiry;
        if (current == msg.sender) {
            emit VerificationRenewed(humanId, msg.sender, h.expiry);
        } else {
            h.account = msg.sender;
            $.accountHuman[msg.sender] = humanId;
            emit AccountRotated(humanId, current, msg.sender, h.expiry);
        }
    }

    /**
     * @notice Moves the caller's personhood to another verifier or credential (e.g. from World ID 3.0 to 4.0, or
     * to a new World ID action), keeping the human id and so the seat, allowances and custody.
     * @dev Only from the human's current account while their verification holds (so only the human, never a
     * verifier or issuer, can attach a key to them); the new key must be unknown (never another human's) and its
     * verifier approved and before its sunset. The expiry becomes the new verifier's. The old key is refused from
     * then on: renewals and rotations go through the new verifier only.
     * @param verifier A DAO-approved verifier (may be the current one, for a new credential or action).
     * @param proof That verifier's proof for the caller.
     */
    function migratePersonhood(address verifier, bytes calldata proof) external returns (bytes32 humanId) {
        PersonhoodStorage storage $ = _personhood();
        Personhood storage h;
        (humanId, h) = _enrolled(msg.sender);
        (bytes32 key, uint64 expiry) = _verify($, verifier, proof);
        bytes32 owner_ = _humanOfKey($, key);
        if ($.humans[owner_].account != address(0)) revert ExecutiveRegistryPersonhoodKeyTaken(key, owner_);
        _checkSunset($, verifier);
        address from = h.verifier;
        $.migratedKeys[key] = humanId;
        h.key = key;
        h.verifier = verifier;
        h.expiry = expiry;
        emit PersonhoodMigrated(humanId, msg.sender, verifier, from, key, expiry);
    }

    /// @notice Trusts a personhood verifier for enrolment. DAO only.
    function approveVerifier(address verifier) external onlyOwner {
        _approveVerifier(verifier);
    }

    /**
     * @notice Stops trusting a verifier. Every human it verified is suspended at once (checked at use time) until
     * the DAO approves it again. DAO only.
     */
    function removeVerifier(address verifier) external onlyOwner {
        VerifierConfig storage v = _personhood().verifiers[verifier];
        if (!v.approved) revert ExecutiveRegistryVerifierNotApproved(verifier);
        v.approved = false;
        emit VerifierRemoved(verifier);
    }

    /**
     * @notice Sets when `verifier` stops enrolling NEW humans (0: never). Humans it already verified keep renewing,
     * rotating and may migrate away. World ID 3.0: 2027-04-01 00:00 UTC (1806537600) by default. DAO only.
     */
    function setVerifierSunset(address verifier, uint64 sunset) external onlyOwner {
        if (!_personhood().verifiers[verifier].approved) revert ExecutiveRegistryVerifierNotApproved(verifier);
        _setVerifierSunset(verifier, sunset);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether `account` is a verified human now (current account, unexpired, verifier approved).
    function isVerifiedHuman(address account) external view returns (bool) {
        PersonhoodStorage storage $ = _personhood();
        Personhood storage h = $.humans[$.accountHuman[account]];
        return h.account == account && account != address(0) && _verificationHolds(h);
    }

    /// @notice The human bound to `account` (zero if none). Stays set after a rotation away.
    function humanOf(address account) external view returns (bytes32) {
        return _personhood().accountHuman[account];
    }

    /// @notice The human id a verifier's nullifier maps to (the id it would get if nobody holds it yet).
    function humanIdOf(address verifier, bytes32 nullifier) external view returns (bytes32) {
        return _humanOfKey(_personhood(), keccak256(abi.encode(verifier, nullifier)));
    }

    /// @notice The human's current personhood key (the human id until they migrate).
    function personhoodKey(bytes32 humanId) external view returns (bytes32) {
        return _currentKey(humanId, _personhood().humans[humanId]);
    }

    /// @notice Whether the DAO approved `verifier`.
    function isVerifierApproved(address verifier) external view returns (bool) {
        return _personhood().verifiers[verifier].approved;
    }

    /// @notice When `verifier` stops enrolling new humans (0: never).
    function verifierSunset(address verifier) external view returns (uint64) {
        return _personhood().verifiers[verifier].enrolmentSunset;
    }

    // ------------------------------------------------------------------ internal (for the other modules)

    function _personhood() internal pure returns (PersonhoodStorage storage $) {
        assembly {
            $.slot := PERSONHOOD_STORAGE
        }
    }

    /// @dev Whether a human's verification holds now: unexpired and verifier still approved.
    function _verificationHolds(Personhood storage h) internal view returns (bool) {
        return h.expiry > block.timestamp && _personhood().verifiers[h.verifier].approved;
    }

    /// @dev The human behind `account`, who must be current (not rotated away).
    function _current(address account) internal view returns (bytes32 humanId, Personhood storage h) {
        PersonhoodStorage storage $ = _personhood();
        humanId = $.accountHuman[account];
        if (humanId == bytes32(0)) revert ExecutiveRegistryNotEnrolled(account);
        h = $.humans[humanId];
        if (h.account != account) revert ExecutiveRegistryAccountRotated(account, h.account);
    }

    /// @dev A current, verified human.
    function _enrolled(address account) internal view returns (bytes32 humanId, Personhood storage h) {
        (humanId, h) = _current(account);
        if (!_personhood().verifiers[h.verifier].approved) revert ExecutiveRegistryVerifierNotApproved(h.verifier);
        if (h.expiry <= block.timestamp) revert ExecutiveRegistryVerificationExpired(account, h.expiry);
    }

    /// @dev The current account of `humanId` (zero for the zero id).
    function _accountOf(bytes32 humanId) internal view returns (address) {
        return _personhood().humans[humanId].account;
    }

    // ------------------------------------------------------------------ private

    /// @dev Asks an approved verifier about the caller; returns the namespaced key and the expiry.
    function _verify(
        PersonhoodStorage storage $,
        address verifier,
        bytes calldata proof
    ) private returns (bytes32 key, uint64 expiry) {
        if (!$.verifiers[verifier].approved) revert ExecutiveRegistryVerifierNotApproved(verifier);
        bytes32 nullifier;
        (nullifier, expiry) = IPersonhoodVerifier(verifier).verify(msg.sender, proof);
        if (nullifier == bytes32(0)) revert ExecutiveRegistryZeroNullifier(verifier);
        if (expiry <= block.timestamp) revert ExecutiveRegistryProofExpired(verifier, expiry);
        key = keccak256(abi.encode(verifier, nullifier));
    }

    function _checkSunset(PersonhoodStorage storage $, address verifier) private view {
        uint64 sunset = $.verifiers[verifier].enrolmentSunset;
        if (sunset != 0 && block.timestamp >= sunset) revert ExecutiveRegistryVerifierSunset(verifier, sunset);
    }

    /// @dev The human a key belongs to: a migrated key's human, else the key itself (a first key is the human id).
    function _humanOfKey(PersonhoodStorage storage $, bytes32 key) private view returns (bytes32) {
        bytes32 migrated = $.migratedKeys[key];
        return migrated == bytes32(0) ? key : migrated;
    }

    function _currentKey(bytes32 humanId, Personhood storage h) private view returns (bytes32) {
        return h.key == bytes32(0) ? humanId : h.key;
    }

    function _approveVerifier(address verifier) private {
        if (verifier == address(0)) revert ExecutiveRegistryZeroAddress();
        VerifierConfig storage v = _personhood().verifiers[verifier];
        if (v.approved) revert ExecutiveRegistryVerifierAlreadyApproved(verifier);
        v.approved = true;
        emit VerifierApproved(verifier);
    }

    function _setVerifierSunset(address verifier, uint64 sunset) private {
        _personhood().verifiers[verifier].enrolmentSunset = sunset;
        emit VerifierSunsetSet(verifier, sunset);
    }
}
