// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IBallotCounter, IRelayedBallots} from "../interfaces/IRelayedBallots.sol";

/**
 * @title BallotRelay
 * @notice Counts many members' signed ballots on one proposal in one transaction. Relayers (anyone) collect EIP-712
 * ballots and submit them here; the relay checks each signature (ECDSA, or ERC-1271 for a contract voter, exactly as
 * the governor's `castVoteBySig` does), its expiry and its proposal, and hands the valid ones to the governor, which
 * checks everything else (proposal state, support, one vote and one override per voter per proposal, weight at the
 * snapshot, the treasury's exclusion), writes the receipts and writes the tally once for the whole batch.
 *
 * A batch never fails for one bad ballot: the ballot is skipped with a `BallotSkipped` event naming the reason.
 *
 * Replay: a ballot names its proposal and the governor counts one vote and one override per voter per proposal, so a
 * ballot counts at most once, in this batch, a later one, or not at all if the voter voted directly first. There is
 * no nonce to spend (no storage write per voter here); `expiry` bounds how long a signed ballot stays usable.
 *
 * Trust: the governor counts only the relay the DAO set ({BytomGovernor-setBallotRelay}, by an executed proposal).
 * This contract holds no funds, no roles and no state besides its immutable governor; it is replaced, not upgraded.
 */
contract BallotRelay is EIP712, IRelayedBallots {
    /// @notice EIP-712 type of a relayed ballot. `overrideDelegate`: vote the voter's own balance over its delegate.
    bytes32 public constant BALLOT_TYPEHASH = keccak256(
        "RelayedBallot(uint256 proposalId,address voter,uint8 support,bool overrideDelegate,uint256 expiry)"
    );

    /// @notice A signed ballot, as relayers submit it.
    struct Ballot {
        uint256 proposalId;
        address voter;
        uint8 support; // 0 against, 1 for, 2 abstain
        bool overrideDelegate;
        uint256 expiry; // unix time; the ballot counts while block.timestamp <= expiry
        bytes signature; // the voter's EIP-712 signature (65-byte ECDSA, or what its ERC-1271 wallet accepts)
    }

    /// @notice The governor whose proposals this relay serves.
    IBallotCounter public immutable governor;

    /// @notice The governor address was zero.
    error BallotRelayZeroGovernor();

    /// @notice A batch was relayed: `counted` ballots went to the governor (each may still be skipped there).
    event BallotsRelayed(uint256 indexed proposalId, address indexed relayer, uint256 submitted, uint256 counted);

    constructor(IBallotCounter governor_) EIP712("BytomDAO Ballot Relay", "1") {
        if (address(governor_) == address(0)) revert BallotRelayZeroGovernor();
        governor = governor_;
    }

    /**
     * @notice Relays signed ballots on `proposalId`. Anyone may call it: a ballot counts only with its voter's
     * signature. Bad ballots are skipped with `BallotSkipped`; if the proposal is not Active, every ballot is.
     * @return counted The number of ballots whose signature, expiry and proposal were valid (passed to the governor).
     */
    function relay(uint256 proposalId, Ballot[] calldata ballots) external returns (uint256 counted) {
        if (IGovernor(address(governor)).state(proposalId) != IGovernor.ProposalState.Active) {
            for (uint256 i = 0; i < ballots.length; ++i) {
                emit BallotSkipped(proposalId, ballots[i].voter, SkipReason.NotActive);
            }
            emit BallotsRelayed(proposalId, msg.sender, ballots.length, 0);
            return 0;
        }
        uint256[] memory packed = new uint256[](ballots.length);
        for (uint256 i = 0; i < ballots.length; ++i) {
            Ballot calldata b = ballots[i];
            SkipReason reason;
            if (b.proposalId != proposalId) reason = SkipReason.WrongProposal;
            else if (b.expiry < block.timestamp) reason = SkipReason.Expired;
            else if (!SignatureChecker.isValidSignatureNow(b.voter, ballotDigest(b), b.signature)) {
                reason = SkipReason.BadSignature;
            } else {
                packed[counted++] =
                    uint256(uint160(b.voter)) |
                    (uint256(b.support) << 160) |
                    (b.overrideDelegate ? uint256(1) << 168 : 0);
                continue;
            }
            emit BallotSkipped(proposalId, b.voter, reason);
        }
        assembly ("memory-safe") {
            mstore(packed, counted) // only the valid ones
        }
        if (counted != 0) governor.castRelayedBallots(proposalId, packed);
        emit BallotsRelayed(proposalId, msg.sender, ballots.length, counted);
    }

    /// @notice The EIP-712 digest the voter of `b` signs (its `signature` is ignored).
    function ballotDigest(Ballot calldata b) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(BALLOT_TYPEHASH, b.proposalId, b.voter, b.support, b.overrideDelegate, b.expiry))
            );
    }
}
