// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernanceCommittee} from "../interfaces/IGovernanceCommittee.sol";

/// @notice Test-only governance committee: 5 settable seats.
contract MockCommittee is IGovernanceCommittee {
    uint256 public constant SEATS = 5;
    address[5] private _members;

    constructor(address[5] memory members_) {
        _members = members_;
    }

    function setMember(uint256 seat, address account) external {
        _members[seat] = account;
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
