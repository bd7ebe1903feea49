// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IRelayedBallots
 * @notice What the {BallotRelay} and the governor share: why a relayed ballot was not counted, and the event that
 * says so. A batch never fails for one bad ballot: the ballot is skipped with a `BallotSkipped` event naming the
 * reason and the rest are counted. The relay emits the reasons it checks (signature, expiry, proposal), the governor
 * the ones it owns (state, support, receipts, weight, treasury); indexers read one event from either address.
 */
interface IRelayedBallots {
    /// @notice Why a relayed ballot was skipped.
    enum SkipReason {
        BadSignature, // not signed by the voter (ECDSA, or ERC-1271 for a contract voter)
        Expired, // signed with an expiry that has passed
        WrongProposal, // signed for another proposal than the batch's
        InvalidSupport, // support is not 0 (against), 1 (for) or 2 (abstain)
        NotActive, // the proposal is not open for voting
        AlreadyVoted, // the voter already cast its vote on this proposal (in an earlier batch, this one, or directly)
        AlreadyOverridden, // the voter already overrode its delegate on this proposal
        ZeroWeight, // the voter has no weight to count at the snapshot
        Treasury // the DAO's treasury (the timelock) never votes
    }

    /// @notice A relayed ballot of `voter` on `proposalId` was not counted, for `reason`.
    event BallotSkipped(uint256 indexed proposalId, address indexed voter, SkipReason reason);
}

/**
 * @title IBallotCounter
 * @notice The governor's entry point for the {BallotRelay}: counts ballots whose signatures the relay verified.
 */
interface IBallotCounter is IRelayedBallots {
    /**
     * @notice Counts verified ballots on one proposal. Only the relay the DAO trusts may call it.
     * @param ballots One word per ballot: `uint160(voter) | uint256(support) << 160 | uint256(isOverride) << 168`.
     */
    function castRelayedBallots(uint256 proposalId, uint256[] calldata ballots) external;
}
