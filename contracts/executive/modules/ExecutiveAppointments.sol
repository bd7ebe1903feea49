// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConstitution} from "../../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../../interfaces/IGovernanceCommittee.sol";
import {ExecutivePersonhood} from "./ExecutivePersonhood.sol";

/**
 * @title ExecutiveAppointments
 * @notice Module of the {ExecutiveRegistry}: seats and terms. The DAO appoints and removes executives;
 * `reviewQuorum` governance committee members approving the same enrolled human also appoint them.
 * @dev One concern: who holds a seat, in which term. Every appointment starts a new term; whatever is tied to a
 * term (allowances, spend approvals, custody) lapses with it without any loop: the budgets and resources modules
 * record the term they were granted in and compare it with {_termOf} / {_isActiveIn} at use time.
 *
 * Committee approvals are collected in rounds, like the committee's own draft approvals: a round is void once the
 * committee's seat set changed (a member was replaced) or {APPOINTMENT_APPROVAL_LIFETIME} after its first
 * approval, and ends with the appointment. A human the DAO removed can be appointed again by the DAO only.
 *
 * Storage: ERC-7201 namespace `bytomdao.storage.ExecutiveAppointments`.
 */
abstract contract ExecutiveAppointments is ExecutivePersonhood {
    /// @dev A human's seat.
    struct Seat {
        bool executive; // holds a seat now
        bool removedByDao; // the DAO removed them: only the DAO may appoint them again
        uint32 term; // appointments so far
        uint8 approvals; // committee approvals in the current round
        uint32 approvalRound; // bumped whenever a round's approvals are voided or used
        uint32 approvalSeatSet; // the committee seat set the round's approvals were given under
        uint48 approvalsOpenedAt; // the round's first approval
    }

    /// @custom:storage-location erc7201:bytomdao.storage.ExecutiveAppointments
    struct AppointmentsStorage {
        IConstitution constitution;
        IGovernanceCommittee committee;
        uint256 executiveCount;
        mapping(bytes32 humanId => Seat) seats;
        mapping(bytes32 humanId => mapping(uint32 round => mapping(address member => bool))) approvedBy;
    }

    /// @notice How long committee approvals of a candidate stay valid after the round's first approval.
    uint48 public constant APPOINTMENT_APPROVAL_LIFETIME = 30 days;

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ExecutiveAppointments")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant APPOINTMENTS_STORAGE = 0x764a24150b681610bf8cad1c32f9c7c6a3be76fba5acc2b4302781fda1669d00;

    // solhint-disable-next-line func-name-mixedcase
    function __ExecutiveAppointments_init(
        IConstitution constitution_,
        IGovernanceCommittee committee_
    ) internal onlyInitializing {
        if (address(constitution_) == address(0) || address(committee_) == address(0)) {
            revert ExecutiveRegistryZeroAddress();
        }
        AppointmentsStorage storage $ = _appointments();
        $.constitution = constitution_;
        $.committee = committee_;
    }

    // ------------------------------------------------------------------ external

    /// @notice Appoints an enrolled human as executive (also one the DAO removed before). DAO only.
    function appoint(address account) external onlyOwner {
        (bytes32 humanId, ) = _enrolled(account);
        Seat storage s = _appointments().seats[humanId];
        if (s.executive) revert ExecutiveRegistryAlreadyExecutive(account);
        s.removedByDao = false;
        _appoint(humanId, s, account, msg.sender);
    }

    /**
     * @notice A governance committee member approves an enrolled human as executive. When `reviewQuorum` distinct
     * members approved the same human in the same round, the human is appointed. One approval per member per
     * round; a round is void once a committee seat changed hands or {APPOINTMENT_APPROVAL_LIFETIME} after its
     * first approval. Humans the DAO removed are refused (only the DAO appoints them again).
     */
    function approveAppointment(address candidate) external {
        AppointmentsStorage storage $ = _appointments();
        if (!$.committee.isMember(msg.sender)) revert ExecutiveRegistryNotCommitteeMember(msg.sender);
        (bytes32 humanId, ) = _enrolled(candidate);
        Seat storage s = $.seats[humanId];
        if (s.executive) revert ExecutiveRegistryAlreadyExecutive(candidate);
        if (s.removedByDao) revert ExecutiveRegistryRemovedByDAO(candidate);
        uint32 seatSet = uint32($.committee.seatSet());
        if (s.approvals != 0 && !_roundValid(s, seatSet)) {
            emit AppointmentApprovalsVoided(humanId, s.approvals);
            s.approvals = 0;
            ++s.approvalRound;
        }
        if (s.approvals == 0) {
            s.approvalSeatSet = seatSet;
            s.approvalsOpenedAt = uint48(block.timestamp);
        }
        mapping(address => bool) storage approvedBy = $.approvedBy[humanId][s.approvalRound];
        if (approvedBy[msg.sender]) revert ExecutiveRegistryAppointmentAlreadyApproved(msg.sender, candidate);
        approvedBy[msg.sender] = true;
        uint256 approvals = ++s.approvals;
        uint256 required = $.constitution.reviewQuorum();
        emit AppointmentApproved(msg.sender, candidate, humanId, approvals, required);
        if (approvals >= required) _appoint(humanId, s, candidate, address($.committee));
    }

    /**
     * @notice Removes an executive: every power (spends, approvals, custody) ends at once, and only the DAO may
     * appoint them again. DAO only.
     */
    function removeExecutive(address account) external onlyOwner {
        (bytes32 humanId, Seat storage s) = _seated(account);
        s.removedByDao = true;
        _remove(humanId, s, account, msg.sender);
    }

    /// @notice An executive steps down.
    function resign() external {
        (bytes32 humanId, Seat storage s) = _seated(msg.sender);
        _remove(humanId, s, msg.sender, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether `account` may use executive powers now (appointed, current, verified, verifier approved).
    function isExecutive(address account) external view returns (bool) {
        bytes32 humanId = _personhood().accountHuman[account];
        return account != address(0) && _accountOf(humanId) == account && _isActive(humanId);
    }

    /// @notice The number of seated executives (suspended ones included).
    function executiveCount() external view returns (uint256) {
        return _appointments().executiveCount;
    }

    /// @notice Valid committee approvals collected for `candidate`'s next term, and whether `member` gave one.
    function appointmentApprovals(address candidate, address member) external view returns (uint256, bool) {
        AppointmentsStorage storage $ = _appointments();
        bytes32 humanId = _personhood().accountHuman[candidate];
        Seat storage s = $.seats[humanId];
        if (!_roundValid(s, uint32($.committee.seatSet()))) return (0, false);
        return (s.approvals, $.approvedBy[humanId][s.approvalRound][member]);
    }

    /// @notice Whether the DAO removed the human behind `account` (then only the DAO may appoint them again).
    function isRemovedByDAO(address account) external view returns (bool) {
        return _appointments().seats[_personhood().accountHuman[account]].removedByDao;
    }

    /// @notice The constitution that gives the committee quorum.
    function constitution() external view returns (IConstitution) {
        return _appointments().constitution;
    }

    /// @notice The governance committee.
    function committee() external view returns (IGovernanceCommittee) {
        return _appointments().committee;
    }

    // ------------------------------------------------------------------ internal (for the other modules)

    function _appointments() internal pure returns (AppointmentsStorage storage $) {
        assembly {
            $.slot := APPOINTMENTS_STORAGE
        }
    }

    /// @dev The human's current term (0 before the first appointment).
    function _termOf(bytes32 humanId) internal view returns (uint32) {
        return _appointments().seats[humanId].term;
    }

    /// @dev Whether the human holds a seat and may use it now (verification holds).
    function _isActive(bytes32 humanId) internal view returns (bool) {
        return _appointments().seats[humanId].executive && _verificationHolds(_personhood().humans[humanId]);
    }

    /**
     * @dev Hook: whether the human holds a seat in `term` (their current term), suspended or not. Custody is
     * honoured only through this check: whatever was handed over in a term ends with it.
     */
    function _seatedIn(bytes32 humanId, uint32 term) internal view virtual returns (bool) {
        Seat storage s = _appointments().seats[humanId];
        return s.executive && s.term == term;
    }

    /**
     * @dev Hook: whether the human is an active executive in `term` (their current term, verification holding).
     * Spend approvals count only through this check: an approval given in an earlier term counts for nothing.
     */
    function _isActiveIn(bytes32 humanId, uint32 term) internal view virtual returns (bool) {
        return _seatedIn(humanId, term) && _verificationHolds(_personhood().humans[humanId]);
    }

    /// @dev An executive who may use their powers now; returns their human id and term.
    function _active(address account) internal view returns (bytes32 humanId, uint32 term) {
        (humanId, ) = _enrolled(account);
        Seat storage s = _appointments().seats[humanId];
        if (!s.executive) revert ExecutiveRegistryNotExecutive(account);
        term = s.term;
    }

    /// @dev A current human holding a seat (verification not required: for removal and grants).
    function _seated(address account) internal view returns (bytes32 humanId, Seat storage s) {
        (humanId, ) = _current(account);
        s = _appointments().seats[humanId];
        if (!s.executive) revert ExecutiveRegistryNotExecutive(account);
    }

    // ------------------------------------------------------------------ private

    /// @dev Whether the seat's approval round still counts: given under this seat set, within its lifetime.
    function _roundValid(Seat storage s, uint32 seatSet) internal view returns (bool) {
        return
            s.approvals != 0 &&
            s.approvalSeatSet == seatSet &&
            block.timestamp < uint256(s.approvalsOpenedAt) + APPOINTMENT_APPROVAL_LIFETIME;
    }

    function _appoint(bytes32 humanId, Seat storage s, address account, address by) private {
        s.executive = true;
        if (s.approvals != 0) {
            s.approvals = 0;
            ++s.approvalRound;
        }
        uint32 term = ++s.term;
        ++_appointments().executiveCount;
        emit ExecutiveAppointed(humanId, account, term, by);
    }

    function _remove(bytes32 humanId, Seat storage s, address account, address by) private {
        s.executive = false;
        --_appointments().executiveCount;
        emit ExecutiveRemoved(humanId, account, by);
    }
}
