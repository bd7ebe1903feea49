// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Constitution} from "../governance/Constitution.sol";

/**
 * @title ConstitutionV2
 * @notice Test-only upgrade of {Constitution} (same storage, one new view) to prove that only an executed proposal
 * can upgrade a proxy.
 * @custom:oz-upgrades-from contracts/governance/Constitution.sol:Constitution
 * @dev V1 state is kept; there is nothing new to initialise.
 * @custom:oz-upgrades-unsafe-allow missing-initializer
 */
contract ConstitutionV2 is Constitution {
    /// @notice The implementation generation.
    function implementationVersion() external pure returns (uint256) {
        return 2;
    }
}
