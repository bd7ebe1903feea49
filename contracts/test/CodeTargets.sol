// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title BenignTarget
 * @notice Test-only proposal target whose code the Tornado-style replay swaps after the vote.
 */
contract BenignTarget {
    uint256 public pings;

    event Pinged(uint256 pings);

    /// @notice What voters approved: counts a ping.
    function ping() external payable {
        emit Pinged(++pings);
    }
}

/**
 * @title MaliciousTarget
 * @notice Test-only replacement code with the same entry point: instead of counting, it marks itself as having
 * taken over (stands for the Tornado payload that rewrote vote balances).
 */
contract MaliciousTarget {
    uint256 public pings;
    bool public tookOver;

    /// @notice Same selector as {BenignTarget-ping}, different behaviour.
    function ping() external payable {
        tookOver = true;
    }
}

/**
 * @title CounterfactualWallet
 * @notice Test-only smart wallet (stands for a Safe or an ERC-4337 account) deployed at an address known before
 * deployment: accepts ETH, counts what it received.
 */
contract CounterfactualWallet {
    address public immutable owner;
    uint256 public received;

    constructor(address owner_) {
        owner = owner_;
    }

    receive() external payable {
        received += msg.value;
    }
}

/**
 * @title PublicCreate2Factory
 * @notice Test-only permissionless CREATE2 factory (stands for the Safe proxy factory or the deterministic deployment
 * proxy): anyone deploys `initCode` at the address fixed by (factory, salt, initCode).
 */
contract PublicCreate2Factory {
    error PublicCreate2FactoryFailed();

    event Deployed(address indexed addr);

    /// @notice Deploys `initCode` with `salt`.
    function deploy(bytes32 salt, bytes memory initCode) external returns (address addr) {
        assembly {
            addr := create2(0, add(initCode, 0x20), mload(initCode), salt)
        }
        if (addr == address(0)) revert PublicCreate2FactoryFailed();
        emit Deployed(addr);
    }

    /// @notice The address `initCode` deploys to with `salt`.
    function predict(bytes32 salt, bytes memory initCode) external view returns (address) {
        return
            address(
                uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, keccak256(initCode)))))
            );
    }
}
