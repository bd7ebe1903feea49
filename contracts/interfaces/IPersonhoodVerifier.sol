// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IPersonhoodVerifier
 * @notice A proof-of-personhood adapter the {ExecutiveRegistry} asks whether an account belongs to a unique human.
 * @dev `verify` is state-changing on purpose: an adapter may consume a one-time credential (an attestation nonce)
 * so that the same proof cannot be replayed. An adapter that consumes state must make sure nobody but the intended
 * consumer can burn a credential (the {AttestationVerifier} binds every attestation to one consumer contract; the
 * registry only ever verifies `msg.sender`, so a credential can never be spent on someone else's behalf).
 * Adapters that consume nothing (World ID) may implement it as `view`.
 */
interface IPersonhoodVerifier {
    /**
     * @notice Checks `proof` for `account` and returns who the human is and until when the check holds.
     * @param account The account that claims to be controlled by a unique human (the proof is bound to it).
     * @param proof The adapter-specific proof encoding (documented by each adapter).
     * @return nullifier One value per human per application: the same human always yields the same nullifier
     * from this adapter, two humans never share one. Never zero.
     * @return expiry The unix time after which the verification no longer holds (always in the future).
     */
    function verify(address account, bytes calldata proof) external returns (bytes32 nullifier, uint64 expiry);
}
