// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPersonhoodVerifier} from "../interfaces/IPersonhoodVerifier.sol";

/**
 * @notice Test-only misbehaving verifier: returns whatever (nullifier, expiry) it is told, to exercise the
 * registry's own checks of a verifier's answer (zero nullifier, past expiry). Never approved outside tests.
 */
contract MockPersonhoodVerifier is IPersonhoodVerifier {
    bytes32 public nullifier;
    uint64 public expiry;

    function set(bytes32 nullifier_, uint64 expiry_) external {
        nullifier = nullifier_;
        expiry = expiry_;
    }

    function verify(address, bytes calldata) external view returns (bytes32, uint64) {
        return (nullifier, expiry);
    }
}
