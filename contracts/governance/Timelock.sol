// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The DAO's treasury and only admin key is OpenZeppelin's TimelockController, unmodified. This import makes
// Hardhat build its artifact for the deploy module.
// solhint-disable-next-line no-unused-import
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
