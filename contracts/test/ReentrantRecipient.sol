// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Test-only recipient that calls back into the registry when it receives ETH (a reentrancy attempt).
contract ReentrantRecipient {
    address public callee;
    bytes public payload;
    bool public attempted;
    bool public reentered;
    bytes public revertData;

    function arm(address target_, bytes calldata payload_) external {
        callee = target_;
        payload = payload_;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (attempted) return;
        attempted = true;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = callee.call(payload);
        reentered = ok;
        revertData = data;
    }
}
