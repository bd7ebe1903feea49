// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";

/**
 * @title GovernorDisputeHoldUpgradeable
 * @notice Dispute holds: a queued proposal may be put on hold once, for a bounded period, for mediation. While held
 * it cannot execute; when the hold ends it executes as voted, unless a new vote cancels it. A hold can delay, never
 * veto: it happens at most once per proposal and always ends.
 *
 * Who may hold and for how long is the governor's policy: it calls {_holdProposal} with the period.
 */
abstract contract GovernorDisputeHoldUpgradeable is GovernorUpgradeable {
    /**
     * @dev The holds live where BytomGovernor 0.1 kept them, as its `heldUntil` mapping: field 3 of
     * erc7201:bytomdao.storage.BytomGovernor. Holds placed before the split survive the upgrade.
     */
    struct DisputeHoldStorage {
        mapping(uint256 proposalId => uint48) heldUntil;
    }

    // erc7201("bytomdao.storage.BytomGovernor") + 3
    bytes32 private constant HELD_UNTIL_SLOT = 0xe43e326cb7338b833186c0571b3834f9c41342d622d55cad7f79265074a47e03;

    /// @notice The proposal is on hold for mediation until `heldUntil`.
    error BytomGovernorProposalOnHold(uint256 proposalId, uint48 heldUntil);
    /// @notice A proposal can be put on hold only once.
    error BytomGovernorAlreadyHeld(uint256 proposalId);

    /// @notice A queued proposal was put on hold for mediation.
    event ProposalHeld(uint256 indexed proposalId, uint48 heldUntil);

    /// @notice The time until which `proposalId` is on hold (0 if never held).
    function proposalHeldUntil(uint256 proposalId) public view returns (uint48) {
        return _holdStorage().heldUntil[proposalId];
    }

    /// @dev Holds a Queued proposal for `period` seconds from now; once per proposal.
    function _holdProposal(uint256 proposalId, uint48 period) internal {
        _validateStateBitmap(proposalId, _encodeStateBitmap(ProposalState.Queued));
        DisputeHoldStorage storage $ = _holdStorage();
        if ($.heldUntil[proposalId] != 0) revert BytomGovernorAlreadyHeld(proposalId);
        uint48 until = clock() + period;
        $.heldUntil[proposalId] = until;
        emit ProposalHeld(proposalId, until);
    }

    /// @dev A held proposal executes only once its hold has ended.
    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override {
        uint48 heldUntil = _holdStorage().heldUntil[proposalId];
        if (heldUntil > clock()) revert BytomGovernorProposalOnHold(proposalId, heldUntil);
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _holdStorage() private pure returns (DisputeHoldStorage storage $) {
        assembly {
            $.slot := HELD_UNTIL_SLOT
        }
    }
}
