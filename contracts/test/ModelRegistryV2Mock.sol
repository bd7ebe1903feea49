// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ModelRegistry} from "../models/ModelRegistry.sol";

/// @notice Test-only upgrade target: the registry plus a version string.
/// @custom:oz-upgrades-from contracts/models/ModelRegistry.sol:ModelRegistry
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract ModelRegistryV2Mock is ModelRegistry {
    function registryVersion() external pure returns (string memory) {
        return "v2";
    }
}
