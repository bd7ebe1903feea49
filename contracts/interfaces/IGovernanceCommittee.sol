// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IGovernanceCommittee
 * @notice The five seats of the BytomDAO governance committee, as other contracts see them.
 */
interface IGovernanceCommittee {
    /// @notice The number of seats: always 5.
    function SEATS() external view returns (uint256);

    /// @notice Whether `account` holds a seat.
    function isMember(address account) external view returns (bool);

    /// @notice The 5 members, by seat.
    function members() external view returns (address[5] memory);

    /// @notice The seat-set version, bumped on every seat change: approvals given under an earlier one are void.
    function seatSet() external view returns (uint256);
}
