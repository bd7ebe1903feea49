// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";

/// @notice Test-only: exposes DAOControlledUpgradeable's init helper outside an initializer.
contract DAOControlledHarness is DAOControlledUpgradeable {
    function initialize(address dao_) external initializer {
        __DAOControlled_init(dao_);
    }

    /// @dev Must revert: the init helper only runs inside an initializer.
    function reinitOutsideInitializer(address dao_) external {
        __DAOControlled_init(dao_);
    }
}
