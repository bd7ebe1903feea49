// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ModelRegistryBaseUpgradeable} from "./ModelRegistryBaseUpgradeable.sol";

/**
 * @title ModelBuildersUpgradeable
 * @notice Ecosystem builders of the model registry: anyone registers with a role set (trainer, data provider,
 * compute provider, agent builder) and a metadata URI; the DAO suspends and restores them.
 * @dev Builders live in the shared V1 namespace ({ModelRegistryBaseUpgradeable}); only the metadata URI's hash is
 * stored. {_checkActiveBuilder} is the extension point other modules call whenever a role is exercised.
 */
abstract contract ModelBuildersUpgradeable is ModelRegistryBaseUpgradeable {
    /// @notice Role bit: may record training runs.
    uint8 public constant ROLE_TRAINER = 1;
    /// @notice Role bit: may be credited as a data provider.
    uint8 public constant ROLE_DATA_PROVIDER = 2;
    /// @notice Role bit: may be credited as a compute provider.
    uint8 public constant ROLE_COMPUTE_PROVIDER = 4;
    /// @notice Role bit: builds agents on the active model.
    uint8 public constant ROLE_AGENT_BUILDER = 8;
    /// @notice All valid role bits.
    uint8 public constant ALL_ROLES = 15;

    /**
     * @notice Registers the caller as an ecosystem builder so it can train models or be credited for data and
     * compute. Anyone may register; the DAO can suspend abuse.
     * @param roles Bitmask of ROLE_* bits (non-zero, only the 4 known bits).
     * @param metadataURI Who the builder is and what it offers; only its hash is stored.
     */
    function registerBuilder(uint8 roles, string calldata metadataURI) external {
        Builder storage b = _getModelRegistryStorage().builders[msg.sender];
        if (b.registeredAt != 0) revert ModelRegistryBuilderAlreadyRegistered(msg.sender);
        _checkRoles(roles);
        b.roles = roles;
        b.metadataHash = keccak256(bytes(metadataURI));
        b.registeredAt = uint48(block.timestamp);
        emit BuilderRegistered(msg.sender, roles, metadataURI);
    }

    /**
     * @notice Changes the caller's roles and metadata URI, so builders can grow or narrow their offer.
     * A suspended builder may update its profile but stays suspended.
     */
    function updateBuilder(uint8 roles, string calldata metadataURI) external {
        Builder storage b = _getModelRegistryStorage().builders[msg.sender];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(msg.sender);
        _checkRoles(roles);
        b.roles = roles;
        b.metadataHash = keccak256(bytes(metadataURI));
        emit BuilderUpdated(msg.sender, roles, metadataURI);
    }

    /**
     * @notice Suspends a builder (DAO only): it can no longer record or complete runs nor be credited.
     * @param reasonHash Hash of the DAO's published reason.
     */
    function suspendBuilder(address builder, bytes32 reasonHash) external onlyOwner {
        Builder storage b = _getModelRegistryStorage().builders[builder];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(builder);
        if (b.suspended) revert ModelRegistryBuilderSuspended(builder);
        b.suspended = true;
        emit BuilderSuspended(builder, reasonHash);
    }

    /// @notice Lifts a builder's suspension (DAO only), e.g. after mediation.
    function restoreBuilder(address builder) external onlyOwner {
        Builder storage b = _getModelRegistryStorage().builders[builder];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(builder);
        if (!b.suspended) revert ModelRegistryBuilderNotSuspended(builder);
        b.suspended = false;
        emit BuilderRestored(builder);
    }

    /// @notice A builder's profile (registeredAt 0 if not registered).
    function getBuilder(address builder) external view returns (Builder memory) {
        return _getModelRegistryStorage().builders[builder];
    }

    /// @notice Whether `builder` is registered, not suspended, and holds every bit of `roles`.
    function isActiveBuilder(address builder, uint8 roles) external view returns (bool) {
        Builder storage b = _getModelRegistryStorage().builders[builder];
        return b.registeredAt != 0 && !b.suspended && b.roles & roles == roles;
    }

    /**
     * @dev Hook: reverts unless `builder` is registered, not suspended and holds `role`. Every exercise of a role
     * (recording or completing a run, being credited in one) goes through it, so an extension can add a condition
     * (e.g. a stake or a personhood check) in one place.
     */
    function _checkActiveBuilder(address builder, uint8 role) internal view virtual {
        Builder storage b = _getModelRegistryStorage().builders[builder];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(builder);
        if (b.suspended) revert ModelRegistryBuilderSuspended(builder);
        if (b.roles & role == 0) revert ModelRegistryMissingRole(builder, role);
    }

    function _checkRoles(uint8 roles) private pure {
        if (roles == 0 || roles & ~ALL_ROLES != 0) revert ModelRegistryInvalidRoles(roles);
    }
}
