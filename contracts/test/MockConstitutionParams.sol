// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Test-only stand-in for the Constitution: only `reviewQuorum()`, which the ExecutiveRegistry reads.
contract MockConstitutionParams {
    uint256 public reviewQuorum;

    constructor(uint256 quorum) {
        reviewQuorum = quorum;
    }

    function setReviewQuorum(uint256 quorum) external {
        reviewQuorum = quorum;
    }
}
