// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";

/**
 * @title GovernorCodePinUpgradeable
 * @notice Pins the code of a proposal's targets when it is created, so that the code voters approved is the code
 * that runs (the Tornado Cash takeover of May 2023 swapped a passed proposal's code through CREATE2 + SELFDESTRUCT).
 *
 * The rule:
 * - A target that **has code** at proposal time is pinned to its exact code hash: if it changes in any way (swapped,
 *   destroyed), the proposal can be neither queued nor executed.
 * - A target that has **no code** at proposal time (an EOA, or an address where a contract will be deployed later,
 *   e.g. a grantee's counterfactual Safe or ERC-4337 wallet) is recorded as codeless
 *   ({proposalCodelessTargets}) and is **not** pinned: it may gain code before the proposal runs. Pinning it as
 *   "no code" handed a veto to anyone able to deploy there — with a public CREATE2 factory, anyone at all.
 *
 * Why the codeless rule keeps the protection: the timelock reaches a target with CALL, never DELEGATECALL, so code
 * that appears at a codeless address runs with that address's own authority, not the DAO's, and receives only the
 * value the proposal already sends to that address. What voters could review for a codeless target is "send this
 * call and value to this address"; that is what executes. Residual risks are documented in docs/security.md.
 *
 * Up to 256 codeless targets are recorded per proposal; a codeless target at index 256 or above stays pinned as
 * "no code" (the earlier, stricter rule). Proposals created before this extension existed have no record and keep
 * that stricter rule too.
 */
abstract contract GovernorCodePinUpgradeable is GovernorUpgradeable {
    /**
     * @dev The digests live where BytomGovernor 0.1 kept them, as its `codeDigest` mapping: field 2 of
     * erc7201:bytomdao.storage.BytomGovernor. Pins of proposals created before the split survive the upgrade.
     */
    struct CodeDigestStorage {
        mapping(uint256 proposalId => bytes32) codeDigest;
    }

    /// @custom:storage-location erc7201:bytomdao.storage.GovernorCodePin
    struct GovernorCodePinStorage {
        mapping(uint256 proposalId => uint256) codelessTargets; // bit i: target i had no code at proposal time
    }

    // erc7201("bytomdao.storage.BytomGovernor") + 2
    bytes32 private constant CODE_DIGEST_SLOT = 0xe43e326cb7338b833186c0571b3834f9c41342d622d55cad7f79265074a47e02;
    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.GovernorCodePin")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant CODE_PIN_STORAGE = 0x5926c7917905738c1129b7bf4c9cb52e7ff24b4be8181a31266260419bc04400;

    /// @notice A target's pinned code changed since the proposal was created: it cannot be queued or executed.
    error BytomGovernorTargetCodeChanged(uint256 proposalId);

    /// @notice The digest of the target code hashes pinned when `proposalId` was created (codeless targets as 0).
    function proposalCodeDigest(uint256 proposalId) public view returns (bytes32) {
        return _codeDigestStorage().codeDigest[proposalId];
    }

    /**
     * @notice Bitmap of the targets of `proposalId` that had no code when it was created (bit i = target i). They
     * are not pinned: code deployed there later runs when the proposal executes.
     */
    function proposalCodelessTargets(uint256 proposalId) public view returns (uint256) {
        return _codePinStorage().codelessTargets[proposalId];
    }

    /// @dev Pins the targets' code after the proposal is created.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        bytes32 digest;
        uint256 codeless;
        for (uint256 i = 0; i < targets.length; ++i) {
            bytes32 codeHash = _codeHashOf(targets[i]);
            if (codeHash == 0 && i < 256) codeless |= 1 << i;
            digest = keccak256(abi.encode(digest, codeHash));
        }
        _codeDigestStorage().codeDigest[proposalId] = digest;
        if (codeless != 0) _codePinStorage().codelessTargets[proposalId] = codeless;
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override returns (uint48) {
        _checkCode(proposalId, targets);
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override {
        _checkCode(proposalId, targets);
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    /// @dev Recomputes the digest with the recorded codeless targets as 0, whatever code they have now.
    function _checkCode(uint256 proposalId, address[] memory targets) private view {
        uint256 codeless = _codePinStorage().codelessTargets[proposalId];
        bytes32 digest;
        for (uint256 i = 0; i < targets.length; ++i) {
            bytes32 codeHash = i < 256 && (codeless >> i) & 1 != 0 ? bytes32(0) : _codeHashOf(targets[i]);
            digest = keccak256(abi.encode(digest, codeHash));
        }
        if (digest != _codeDigestStorage().codeDigest[proposalId]) revert BytomGovernorTargetCodeChanged(proposalId);
    }

    /**
     * @dev An account with no code counts as zero whether or not it exists (EXTCODEHASH is 0 for a non-existent
     * account and keccak256("") once it holds wei), so sending dust to a target changes nothing.
     */
    function _codeHashOf(address target) private view returns (bytes32) {
        return target.code.length == 0 ? bytes32(0) : target.codehash;
    }

    function _codeDigestStorage() private pure returns (CodeDigestStorage storage $) {
        assembly {
            $.slot := CODE_DIGEST_SLOT
        }
    }

    function _codePinStorage() private pure returns (GovernorCodePinStorage storage $) {
        assembly {
            $.slot := CODE_PIN_STORAGE
        }
    }
}
