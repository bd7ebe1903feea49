// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ExecutiveRegistry} from "../executive/ExecutiveRegistry.sol";

/**
 * @notice Test-only upgrade target: the registry plus a version marker and a reinitializer (the parents were
 * initialized by V1, so the reinitializer deliberately calls none of their initializers).
 * @custom:oz-upgrades-from contracts/executive/ExecutiveRegistry.sol:ExecutiveRegistry
 * @custom:oz-upgrades-unsafe-allow missing-initializer-call
 */
contract ExecutiveRegistryV2Mock is ExecutiveRegistry {
    /// @custom:oz-upgrades-validate-as-initializer
    function initializeV2() external reinitializer(2) {}

    function version() external pure returns (string memory) {
        return "2";
    }
}
