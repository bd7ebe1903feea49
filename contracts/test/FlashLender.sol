// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice ERC-3156-style borrower callback.
interface IFlashBorrower {
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32);
}

/**
 * @title FlashLender
 * @notice Test-only ERC-3156-style lender of one token: lends its whole balance (or less) within one call and
 * requires it back, fee-free, before the call returns.
 */
contract FlashLender {
    bytes32 public constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IERC20 public immutable token;

    error FlashLenderCallbackFailed();
    error FlashLenderNotRepaid(uint256 balanceBefore, uint256 balanceAfter);

    constructor(IERC20 token_) {
        token = token_;
    }

    /// @notice Lends `amount` to `receiver` for the duration of its `onFlashLoan` callback.
    function flashLoan(IFlashBorrower receiver, uint256 amount, bytes calldata data) external returns (bool) {
        uint256 balanceBefore = token.balanceOf(address(this));
        if (!token.transfer(address(receiver), amount)) revert FlashLenderNotRepaid(balanceBefore, 0);
        if (receiver.onFlashLoan(msg.sender, address(token), amount, 0, data) != CALLBACK_SUCCESS) {
            revert FlashLenderCallbackFailed();
        }
        // The borrower returns the tokens with a plain transfer inside its callback.
        uint256 balanceAfter = token.balanceOf(address(this));
        if (balanceAfter < balanceBefore) revert FlashLenderNotRepaid(balanceBefore, balanceAfter);
        return true;
    }
}
