// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernanceCommittee} from "../interfaces/IGovernanceCommittee.sol";

/// @notice Test-only committee: 5 seats anyone can set.
contract MockCommittee is IGovernanceCommittee {
    uint256 public constant SEATS = 5;
    address[5] private _members;
    uint256 public seatSet;

    constructor(address[5] memory initialMembers) {
        _members = initialMembers;
    }

    function setMember(uint256 seat, address account) external {
        _members[seat] = account;
        ++seatSet;
    }

    function isMember(address account) external view returns (bool) {
        if (account == address(0)) return false;
        for (uint256 i = 0; i < SEATS; ++i) {
            if (_members[i] == account) return true;
        }
        return false;
    }

    function members() external view returns (address[5] memory) {
        return _members;
    }
}
