// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ExecutiveAppointments} from "./ExecutiveAppointments.sol";

/**
 * @title ExecutiveResources
 * @notice Module of the {ExecutiveRegistry}: the register of DAO resources (websites and domains, contracts, AI
 * infrastructure, other) and who has custody of each.
 * @dev One concern: custody. The DAO registers and removes resources; custody moves from the current custodian
 * (or the DAO) to another active executive or back to the DAO. Executives cannot register resources: a resource
 * is a DAO asset and listing it is a governance act.
 *
 * Custody belongs to the custodian's term: a resource records the term its custodian held when it was handed
 * over, and is custodian-less (back with the DAO) as soon as that human no longer holds a seat in that term:
 * removed, resigned, or re-appointed into a later term. Nothing is swept: the check is O(1) at use time.
 *
 * Storage: ERC-7201 namespace `bytomdao.storage.ExecutiveResources`.
 */
abstract contract ExecutiveResources is ExecutiveAppointments {
    /// @dev A DAO resource.
    struct Resource {
        ResourceKind kind;
        bool exists;
        uint32 custodianTerm; // the custodian's term when custody was handed over
        bytes32 custodian; // human id; zero = the DAO itself
        string uri;
    }

    /// @custom:storage-location erc7201:bytomdao.storage.ExecutiveResources
    struct ResourcesStorage {
        uint256 resourceCount;
        mapping(uint256 id => Resource) resources;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ExecutiveResources")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RESOURCES_STORAGE = 0x54b0b6faf674847fb72ed7dcc888f9cc4a730e47bc7ef81ed14c35c3fe22bf00;

    /**
     * @notice Registers a DAO resource. DAO only.
     * @param custodian An active executive, or address(0) to keep it with the DAO.
     * @return id The resource id (from 1).
     */
    function addResource(
        ResourceKind kind,
        string calldata uri,
        address custodian
    ) external onlyOwner returns (uint256 id) {
        if (bytes(uri).length == 0) revert ExecutiveRegistryEmptyURI();
        (bytes32 custodianId, uint32 term) = _custodianId(custodian);
        ResourcesStorage storage $ = _resources();
        id = ++$.resourceCount;
        Resource storage r = $.resources[id];
        r.kind = kind;
        r.exists = true;
        r.custodian = custodianId;
        r.custodianTerm = term;
        r.uri = uri;
        emit ResourceAdded(id, kind, uri, custodian);
    }

    /**
     * @notice Hands custody to another active executive, or back to the DAO (`to` = address(0)). The current
     * custodian (while active) or the DAO.
     */
    function transferCustody(uint256 id, address to) external {
        Resource storage r = _custodianResource(id);
        (bytes32 toId, uint32 term) = _custodianId(to);
        address from = _custodianAccount(r);
        r.custodian = toId;
        r.custodianTerm = term;
        emit CustodyTransferred(id, from, to);
    }

    /// @notice Updates where a resource lives (e.g. a new endpoint). The current custodian (while active) or the DAO.
    function updateResourceURI(uint256 id, string calldata uri) external {
        if (bytes(uri).length == 0) revert ExecutiveRegistryEmptyURI();
        _custodianResource(id).uri = uri;
        emit ResourceURIUpdated(id, uri);
    }

    /// @notice Removes a resource from the register. DAO only.
    function removeResource(uint256 id) external onlyOwner {
        ResourcesStorage storage $ = _resources();
        if (!$.resources[id].exists) revert ExecutiveRegistryUnknownResource(id);
        delete $.resources[id];
        emit ResourceRemoved(id);
    }

    /// @notice The number of resources registered so far (removed ones included).
    function resourceCount() external view returns (uint256) {
        return _resources().resourceCount;
    }

    /**
     * @notice A resource, with its custodian's current account and human id (both zero = the DAO, also when the
     * custodian's term ended).
     */
    function resource(
        uint256 id
    ) external view returns (ResourceKind kind, string memory uri, address custodian, bytes32 custodianHumanId) {
        Resource storage r = _resources().resources[id];
        if (!r.exists) revert ExecutiveRegistryUnknownResource(id);
        bytes32 holder = _custodianHolds(r) ? r.custodian : bytes32(0);
        return (r.kind, r.uri, _custodianAccount(r), holder);
    }

    function _resources() private pure returns (ResourcesStorage storage $) {
        assembly {
            $.slot := RESOURCES_STORAGE
        }
    }

    /// @dev `account` as a custodian: zero (the DAO) or an active executive, with their current term.
    function _custodianId(address account) private view returns (bytes32 humanId, uint32 term) {
        if (account == address(0)) return (bytes32(0), 0);
        return _active(account);
    }

    /// @dev Whether the recorded custodian still holds a seat in the term custody was handed over in.
    function _custodianHolds(Resource storage r) private view returns (bool) {
        return r.custodian != bytes32(0) && _seatedIn(r.custodian, r.custodianTerm);
    }

    /// @dev The custodian's current account, zero when the DAO holds the resource (or the custodian's term ended).
    function _custodianAccount(Resource storage r) private view returns (address) {
        return _custodianHolds(r) ? _accountOf(r.custodian) : address(0);
    }

    /// @dev A resource the caller may manage: the DAO, or its custodian while an active executive.
    function _custodianResource(uint256 id) private view returns (Resource storage r) {
        r = _resources().resources[id];
        if (!r.exists) revert ExecutiveRegistryUnknownResource(id);
        if (msg.sender == owner()) return r;
        if (!_custodianHolds(r) || _accountOf(r.custodian) != msg.sender) {
            revert ExecutiveRegistryNotCustodian(id, msg.sender);
        }
        _active(msg.sender);
    }
}
