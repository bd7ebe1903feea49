// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAOControlledUpgradeable} from "../../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../../interfaces/IGovernanceCommittee.sol";
import {IModelRegistryErrors, IModelRegistryEvents} from "../../interfaces/IModelRegistry.sol";

/**
 * @title ModelRegistryBaseUpgradeable
 * @notice The state every module of the model registry shares: the Constitution and committee it serves, builders,
 * requests, runs, evaluations' commitments, models and checkpoint cursors.
 * @dev This is exactly the V1 registry's namespaced struct, at V1's ERC-7201 location
 * (`erc7201:bytomdao.storage.ModelRegistry`), unchanged field for field, so an upgrade from the deployed V1 keeps
 * every record where it is. Splitting it into one namespace per module would have moved live state; new state
 * goes into the namespace of the module that needs it instead (see {ModelEvaluationUpgradeable}).
 */
abstract contract ModelRegistryBaseUpgradeable is DAOControlledUpgradeable, IModelRegistryEvents, IModelRegistryErrors {
    /// @custom:storage-location erc7201:bytomdao.storage.ModelRegistry
    struct ModelRegistryStorage {
        IConstitution constitution;
        IGovernanceCommittee committee;
        uint64 requestCount;
        uint64 runCount;
        uint64 modelCount;
        mapping(address builder => Builder) builders;
        mapping(address account => bool) evaluators;
        mapping(uint256 version => Request) requests;
        mapping(uint256 runId => Run) runs;
        mapping(uint256 runId => mapping(address evaluator => bytes32 commitment)) evaluations;
        mapping(uint256 modelId => Model) models;
        // keccak256(abi.encode(runId, trainer)) => bytes24 checkpoint head | uint64 last step.
        // Non-zero exactly while the run is Training: one slot is the whole checkpoint rule (trainer, status, step).
        mapping(bytes32 key => bytes32 cursor) cursors;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ModelRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MODEL_REGISTRY_STORAGE =
        0x26d011e7f6ccfe2815ea0d2decb93adc75956c3d10475099734d2703841fb200;

    /// @notice The Constitution this registry serves.
    function constitution() external view returns (IConstitution) {
        return _getModelRegistryStorage().constitution;
    }

    /// @notice The committee whose members evaluate runs and may reject them together.
    function committee() external view returns (IGovernanceCommittee) {
        return _getModelRegistryStorage().committee;
    }

    /// @dev A run may only target the constitution's latest version, and only while it is ratified (not withdrawn).
    function _checkCurrentVersion(uint256 version) internal view {
        IConstitution c = _getModelRegistryStorage().constitution;
        uint256 latest = c.latestVersion();
        if (version != latest || c.getVersion(version).status != IConstitution.VersionStatus.Ratified) {
            revert ModelRegistryStaleVersion(version, latest);
        }
    }

    function _getModelRegistryStorage() internal pure returns (ModelRegistryStorage storage $) {
        assembly ("memory-safe") {
            $.slot := MODEL_REGISTRY_STORAGE
        }
    }
}
