// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title BenignTarget
 * @notice Test-only proposal target whose code the Tornado-style replay swaps after the vote.
 */
contract BenignTarget {
    uint256 public pings;

    event Pinged(uint256 pings);

    /// @notice What voters approved: counts a ping.
    function ping() external payable {
        emit Pinged(++pings);
    }
}

/**
 * @title MaliciousTarget
 * @notice Test-only replacement code with the same entry point: instead of counting, it marks itself as having
 * taken over (stands for the Tornado payload that rewrote vote balances).
 */
contract MaliciousTarget {
    uint256 public pings;
    bool public tookOver;

    /// @notice Same selector as {BenignTarget-ping}, different behaviour.
    function ping() external payable {
        tookOver = true;
    }
}
