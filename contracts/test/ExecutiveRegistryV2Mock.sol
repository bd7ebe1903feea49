// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ExecutiveRegistry} from "../executive/ExecutiveRegistry.sol";

/// @notice Test-only upgrade target: the registry plus a version marker.
/// @custom:oz-upgrades-from contracts/executive/ExecutiveRegistry.sol:ExecutiveRegistry
contract ExecutiveRegistryV2Mock is ExecutiveRegistry {
    function version() external pure returns (string memory) {
        return "2";
    }
}
