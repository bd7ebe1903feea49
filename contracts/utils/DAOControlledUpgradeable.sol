// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/**
 * @title DAOControlledUpgradeable
 * @notice Base of every BytomDAO contract: one owner, the DAO's timelock, which alone may upgrade the contract
 * (UUPS) and call its admin functions. The timelock only acts on proposals that passed the >80% vote.
 * @dev The ownership can move to another executor by a DAO vote, but never be renounced: a contract with no owner
 * could never be upgraded or administered again.
 */
abstract contract DAOControlledUpgradeable is OwnableUpgradeable, UUPSUpgradeable {
    /// @notice Renouncing the DAO's ownership is not possible.
    error DAOControlledCannotRenounce();

    // solhint-disable-next-line func-name-mixedcase
    function __DAOControlled_init(address dao_) internal onlyInitializing {
        __Ownable_init(dao_);
    }

    /// @notice The DAO's executor (the timelock).
    function dao() public view returns (address) {
        return owner();
    }

    /// @notice Always reverts: the DAO cannot give up control of its own contracts.
    function renounceOwnership() public view override onlyOwner {
        revert DAOControlledCannotRenounce();
    }

    /// @dev Upgrades are DAO-only.
    function _authorizeUpgrade(address) internal override onlyOwner {}
}
