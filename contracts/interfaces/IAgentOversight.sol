// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IAgentVoteCap
 * @notice The Constitution's cap on the weight the AI delegate's vote counts with (kept apart from
 * {IConstitution} so that its mocks need not change).
 */
interface IAgentVoteCap {
    /// @notice The cap in force at `timepoint`, in bps of the voting supply (0 = off).
    function agentVoteCapBpsAt(uint256 timepoint) external view returns (uint256);
}

/**
 * @title ICommitteeSeats
 * @notice The committee's seats and seat-change epoch, for signals that must lapse when a seat changes hands.
 */
interface ICommitteeSeats {
    /// @notice `account`'s seat number (1-5), 0 if it holds none.
    function seatOf(address account) external view returns (uint256);

    /// @notice The seat-set version: bumped on every seat change.
    function seatSet() external view returns (uint256);
}
