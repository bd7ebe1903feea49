// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Test-only recipient that calls back into the registry when it receives ETH (a reentrancy attempt).
contract ReentrantRecipient {
    address public target;
    bytes public payload;
    bool public attempted;
    bool public reentered;
    bytes public revertData;

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    receive() external payable {
        if (attempted) return;
        attempted = true;
        (bool ok, bytes memory data) = target.call(payload);
        reentered = ok;
        revertData = data;
    }
}
