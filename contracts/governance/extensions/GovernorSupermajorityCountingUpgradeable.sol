// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {VotesExtendedUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesExtendedUpgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IRelayedBallots} from "../../interfaces/IRelayedBallots.sol";

/**
 * @title GovernorSupermajorityCountingUpgradeable
 * @notice Vote counting for BytomDAO: Against / For / Abstain, where a proposal succeeds only if
 * `for * 10_000 > supermajorityBps * (for + against)` (strictly more than 80% by default: exactly 80% fails) and
 * `for + abstain` reaches the quorum. Abstentions count toward the quorum, not toward the ratio.
 *
 * Three features in one module because they share one per-proposal storage slot, read once per vote:
 *
 * - **Overridable delegation** (the semantics of OpenZeppelin's `GovernorCountingOverridable`): a member who
 *   delegated (for example to the DAO's AI agent) may override the vote cast with their tokens, once per proposal,
 *   while voting is open. Requires a {VotesExtendedUpgradeable} token.
 * - **Late-quorum protection** (the semantics of `GovernorPreventLateQuorum`): once the quorum is first reached,
 *   voting stays open for at least `lateQuorumExtension` more seconds, so a last-minute whale cannot pass a
 *   proposal before the others can react.
 * - **Per-proposal rules**: the supermajority and extension in force when the proposal was created are recorded
 *   with it, so a later parameter change never alters a running vote.
 * - **Capped votes** (`params`): a voter may pass `params = abi.encode(uint256 maxWeight)` to have at most
 *   `maxWeight` counted. The cap applies to the weight the voter counts *after* its delegators' overrides and keeps
 *   applying as delegators override later: the voter's counted weight is always `min(delegated - overridden,
 *   maxWeight)`, whatever the order of the vote and the overrides. Overriders always count their own full balance.
 *   The AgentDelegate uses this for the DAO's cap on the AI delegate; a voter can only ever lower its own weight.
 *
 * @dev Gas: a vote receipt is 4 bits in a per-voter bitmap of 64 proposals (sequential proposal ids keep
 * consecutive proposals in the same word), so a member who voted on any of the previous 63 proposals pays a
 * non-zero to non-zero write (~5k gas) instead of a fresh slot (~22k). The quorum is computed once (on the first
 * vote, after the snapshot) and cached in the proposal's rules slot. Bits per proposal: 0-1 support + 1 of the
 * account's own vote (0 = not voted), 2 = before the account voted: it (as a delegate) has weight overridden by its
 * delegators; after it voted: its vote was capped below its remaining weight (see `cappedVotes`), 3 = the account
 * itself cast an override vote.
 */
abstract contract GovernorSupermajorityCountingUpgradeable is GovernorVotesUpgradeable, IRelayedBallots {
    /// @notice EIP-712 type of an override ballot (the same as OpenZeppelin's GovernorCountingOverridable).
    bytes32 public constant OVERRIDE_BALLOT_TYPEHASH = keccak256(
        "OverrideBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason)"
    );

    /// @notice Basis-point denominator of the supermajority ratio.
    uint256 public constant BPS = 10_000;

    /// @dev Supported vote types. Matches Governor Bravo ordering.
    enum VoteType {
        Against,
        For,
        Abstain
    }

    /// @dev One slot per proposal: the rules it is voted under and its late-quorum state.
    struct ProposalRules {
        uint16 supermajorityBps;
        uint32 lateQuorumExtension;
        uint48 extendedDeadline; // 0 until the quorum is first reached
        uint160 quorumPlusOne; // cached quorum + 1 (0 = not computed yet)
    }

    /// @custom:storage-location erc7201:bytomdao.storage.GovernorSupermajorityCounting
    struct CountingStorage {
        mapping(uint256 proposalId => uint256[3]) tally; // [against, for, abstain]
        mapping(uint256 proposalId => ProposalRules) rules;
        mapping(address account => mapping(uint256 word => uint256)) receipts;
        mapping(uint256 proposalId => mapping(address delegate => uint256)) overriddenWeight;
        mapping(uint256 proposalId => mapping(address voter => CappedVote)) cappedVotes;
    }

    /// @dev A vote whose cap binds: `remaining` = the voter's weight less overrides so far (always > `maxWeight`
    /// while the record matters), so the counted weight is `min(remaining, maxWeight)`.
    struct CappedVote {
        uint128 remaining;
        uint128 maxWeight;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.GovernorSupermajorityCounting")) - 1))
    //   & ~bytes32(uint256(0xff))
    bytes32 private constant COUNTING_STORAGE = 0x197cdf72c3cd8cb51b7707c82608a2b939623c496c5f0d8624c132f4d151fd00;

    uint256 private constant _CASTED_MASK = 3;
    uint256 private constant _OVERRIDDEN_BIT = 4;
    uint256 private constant _HAS_OVERRIDDEN_BIT = 8;

    /// @notice A delegate's vote lost the weight of a delegator who overrode it.
    event VoteReduced(address indexed delegate, uint256 proposalId, uint8 support, uint256 weight);
    /// @notice A delegator voted with its own balance, overriding its delegate.
    event OverrideVoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);
    /// @notice The quorum was reached late: voting now ends at `extendedDeadline`.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);

    /// @notice `account` already overrode its delegate on this proposal.
    error GovernorAlreadyOverriddenVote(address account);

    // solhint-disable-next-line func-name-mixedcase
    function __GovernorSupermajorityCounting_init() internal onlyInitializing {}

    /**
     * @notice Describes the counting for front ends (IGovernor): Bravo support values, delegators may override,
     * quorum counts for + abstain, and success needs the supermajority.
     */
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo,override&quorum=for,abstain&overridable=true&success=supermajority";
    }

    /// @notice Whether `account` voted on `proposalId` with its delegated votes.
    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return _receipt(proposalId, account) & _CASTED_MASK != 0;
    }

    /// @notice Whether `account` cast an override vote on `proposalId`.
    function hasVotedOverride(uint256 proposalId, address account) public view virtual returns (bool) {
        return _receipt(proposalId, account) & _HAS_OVERRIDDEN_BIT != 0;
    }

    /// @notice The votes against, for and abstaining on `proposalId`.
    function proposalVotes(
        uint256 proposalId
    ) public view virtual returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        uint256[3] storage t = _countingStorage().tally[proposalId];
        return (t[0], t[1], t[2]);
    }

    /// @notice The supermajority (basis points) that `proposalId` must exceed: fixed when it was proposed.
    function proposalSupermajority(uint256 proposalId) public view virtual returns (uint256) {
        return _countingStorage().rules[proposalId].supermajorityBps;
    }

    /// @notice The quorum `proposalId` must reach (computed from the supply at its snapshot).
    function proposalQuorum(uint256 proposalId) public view virtual returns (uint256) {
        uint160 cached = _countingStorage().rules[proposalId].quorumPlusOne;
        return cached != 0 ? cached - 1 : quorum(proposalSnapshot(proposalId));
    }

    /// @notice The deadline, extended if the quorum was reached late.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        uint256 deadline = super.proposalDeadline(proposalId);
        uint256 extended = _countingStorage().rules[proposalId].extendedDeadline;
        return extended > deadline ? extended : deadline;
    }

    /**
     * @notice Votes with the caller's own balance at the snapshot, overriding the vote its delegate cast (or will
     * cast) with it. Once per proposal, while voting is open.
     * @return The weight counted.
     */
    function castOverrideVote(
        uint256 proposalId,
        uint8 support,
        string calldata reason
    ) public virtual returns (uint256) {
        return _castOverride(proposalId, _msgSender(), support, reason);
    }

    /**
     * @notice {castOverrideVote} by an EIP-712 signature of `voter` (relayers, the agent's inference node...).
     * The signature includes the voter's nonce, so it cannot be replayed.
     */
    function castOverrideVoteBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        string calldata reason,
        bytes calldata signature
    ) public virtual returns (uint256) {
        bytes32 structHash = keccak256(
            abi.encode(OVERRIDE_BALLOT_TYPEHASH, proposalId, support, voter, _useNonce(voter), keccak256(bytes(reason)))
        );
        if (!SignatureChecker.isValidSignatureNow(voter, _hashTypedDataV4(structHash), signature)) {
            revert GovernorInvalidSignature(voter);
        }
        return _castOverride(proposalId, voter, support, reason);
    }

    /// @dev Records the rules a new proposal is voted under. Called by the governor's `_propose`.
    function _setProposalRules(uint256 proposalId, uint256 supermajorityBps, uint256 lateQuorumExtension) internal {
        ProposalRules storage r = _countingStorage().rules[proposalId];
        r.supermajorityBps = SafeCast.toUint16(supermajorityBps);
        r.lateQuorumExtension = SafeCast.toUint32(lateQuorumExtension);
    }

    /// @inheritdoc GovernorUpgradeable
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        uint256[3] storage t = _countingStorage().tally[proposalId];
        return proposalQuorum(proposalId) <= t[uint8(VoteType.For)] + t[uint8(VoteType.Abstain)];
    }

    /// @dev Strict supermajority of decisive votes: exactly `supermajorityBps` fails.
    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        CountingStorage storage $ = _countingStorage();
        uint256[3] storage t = $.tally[proposalId];
        uint256 forVotes = t[uint8(VoteType.For)];
        return forVotes * BPS > uint256($.rules[proposalId].supermajorityBps) * (forVotes + t[uint8(VoteType.Against)]);
    }

    /**
     * @dev Counts `account`'s vote: its weight at the snapshot less the weight its delegators overrode with, capped
     * at `maxWeight` if `params` is `abi.encode(uint256 maxWeight)`. A binding cap is recorded so that later
     * overrides reduce the counted weight only below the cap.
     */
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal virtual override returns (uint256) {
        if (support > uint8(VoteType.Abstain)) revert GovernorInvalidVoteType();
        CountingStorage storage $ = _countingStorage();
        (uint256 word, uint256 shift) = _position(proposalId);
        uint256 bits = $.receipts[account][word];
        uint256 receipt = bits >> shift;
        if (receipt & _CASTED_MASK != 0) revert GovernorAlreadyCastVote(account);
        if (receipt & _OVERRIDDEN_BIT != 0) totalWeight -= $.overriddenWeight[proposalId][account];
        // Bit 2 now means "capped" (it meant "overrides set aside" until this vote).
        bits = (bits & ~(_OVERRIDDEN_BIT << shift)) | (uint256(support + 1) << shift);
        if (params.length != 0) {
            // Params must be empty or abi.encode(uint256 maxWeight) (IGovernor's GovernorInvalidVoteParams).
            if (params.length != 32) revert GovernorInvalidVoteParams();
            uint256 maxWeight = abi.decode(params, (uint256));
            if (totalWeight > maxWeight) {
                $.cappedVotes[proposalId][account] = CappedVote(SafeCast.toUint128(totalWeight), uint128(maxWeight));
                bits |= _OVERRIDDEN_BIT << shift;
                totalWeight = maxWeight;
            }
        }
        $.receipts[account][word] = bits;
        $.tally[proposalId][support] += totalWeight;
        return totalWeight;
    }

    /// @dev Counts an override: moves the delegator's own snapshot balance off its delegate's vote.
    function _countOverride(uint256 proposalId, address account, uint8 support) internal virtual returns (uint256) {
        if (support > uint8(VoteType.Abstain)) revert GovernorInvalidVoteType();
        CountingStorage storage $ = _countingStorage();
        if (_receipt(proposalId, account) & _HAS_OVERRIDDEN_BIT != 0) revert GovernorAlreadyOverriddenVote(account);
        uint256 snapshot = proposalSnapshot(proposalId);
        uint256 weight = VotesExtendedUpgradeable(address(token())).getPastBalanceOf(account, snapshot);
        (uint256 delegateCasted, uint256 reduction) = _recordOverride(proposalId, account, snapshot, weight);
        uint256[3] storage t = $.tally[proposalId];
        t[support] += weight;
        if (delegateCasted != 0) t[delegateCasted - 1] -= reduction;
        return weight;
    }

    /**
     * @dev Marks `account`'s override and takes its `weight` off its delegate: off the delegate's vote if it voted
     * (returns its support + 1 and the reduction of its counted weight, for the caller to apply to the tally), or
     * sets it aside for when it votes (returns 0).
     */
    function _recordOverride(
        uint256 proposalId,
        address account,
        uint256 snapshot,
        uint256 weight
    ) private returns (uint256 delegateCasted, uint256 reduction) {
        CountingStorage storage $ = _countingStorage();
        (uint256 word, uint256 shift) = _position(proposalId);
        $.receipts[account][word] |= _HAS_OVERRIDDEN_BIT << shift;
        address delegate = VotesExtendedUpgradeable(address(token())).getPastDelegate(account, snapshot);
        uint256 delegateBits = $.receipts[delegate][word];
        delegateCasted = (delegateBits >> shift) & _CASTED_MASK;
        if (delegateCasted == 0) {
            $.overriddenWeight[proposalId][delegate] += weight;
            $.receipts[delegate][word] = delegateBits | (_OVERRIDDEN_BIT << shift);
        } else {
            uint8 delegateSupport = uint8(delegateCasted - 1);
            reduction =
                (delegateBits >> shift) & _OVERRIDDEN_BIT != 0 ? _reduceCapped(proposalId, delegate, weight) : weight;
            emit VoteReduced(delegate, proposalId, delegateSupport, reduction);
        }
    }

    /**
     * @dev Counts ballots the relay verified, on one proposal, as {castVote} and {castOverrideVote} would one by one,
     * except that a bad ballot is skipped with a {BallotSkipped} event instead of reverting, a ballot with no weight
     * is skipped rather than recorded, and the tally is written (and the quorum checked) once, after the batch.
     * Reverts if the proposal is not Active (the relay checks that first and skips the batch with `NotActive`).
     * `treasury` never votes. Packing: see {IBallotCounter-castRelayedBallots}.
     */
    function _countBallots(uint256 proposalId, uint256[] calldata ballots, address treasury) internal {
        // The relay skips a whole batch on a proposal that is not Active (NotActive); reaching here anyway reverts.
        _validateStateBitmap(proposalId, _encodeStateBitmap(ProposalState.Active));
        uint256 snapshot = proposalSnapshot(proposalId);
        // [0..2]: weight added per support; [3..5]: weight taken off delegates per support.
        uint256[6] memory delta;
        bool counted;
        for (uint256 i = 0; i < ballots.length; ++i) {
            uint256 ballot = ballots[i];
            address voter = address(uint160(ballot));
            SkipReason reason = _countBallot(proposalId, snapshot, ballot, voter, treasury, delta);
            if (reason == SkipReason.NotActive) counted = true;
            else emit BallotSkipped(proposalId, voter, reason);
        }
        if (!counted) return;
        uint256[3] storage t = _countingStorage().tally[proposalId];
        for (uint256 s = 0; s < 3; ++s) {
            if (delta[s] != 0 || delta[s + 3] != 0) t[s] = t[s] + delta[s] - delta[s + 3];
        }
        _tallyUpdated(proposalId);
    }

    /**
     * @dev Counts one relayed ballot into `delta`. Returns why it was skipped, or `NotActive` (which never applies
     * to a single ballot here: the batch checked the state) when it was counted.
     */
    function _countBallot(
        uint256 proposalId,
        uint256 snapshot,
        uint256 ballot,
        address voter,
        address treasury,
        uint256[6] memory delta
    ) private returns (SkipReason) {
        uint8 support = uint8(ballot >> 160);
        if (support > uint8(VoteType.Abstain)) return SkipReason.InvalidSupport;
        if (voter == treasury) return SkipReason.Treasury;
        return
            (ballot >> 168) & 1 != 0
                ? _countOverrideBallot(proposalId, snapshot, voter, support, delta)
                : _countVoteBallot(proposalId, snapshot, voter, support, delta);
    }

    /// @dev {_countVote} without a cap, skipping instead of reverting, and adding to `delta` instead of the tally.
    function _countVoteBallot(
        uint256 proposalId,
        uint256 snapshot,
        address voter,
        uint8 support,
        uint256[6] memory delta
    ) private returns (SkipReason) {
        CountingStorage storage $ = _countingStorage();
        (uint256 word, uint256 shift) = _position(proposalId);
        uint256 bits = $.receipts[voter][word];
        uint256 receipt = bits >> shift;
        if (receipt & _CASTED_MASK != 0) return SkipReason.AlreadyVoted;
        uint256 weight = _getVotes(voter, snapshot, "");
        if (receipt & _OVERRIDDEN_BIT != 0) weight -= $.overriddenWeight[proposalId][voter];
        if (weight == 0) return SkipReason.ZeroWeight;
        $.receipts[voter][word] = (bits & ~(_OVERRIDDEN_BIT << shift)) | (uint256(support + 1) << shift);
        delta[support] += weight;
        emit VoteCast(voter, proposalId, support, weight, "");
        return SkipReason.NotActive;
    }

    /// @dev {_countOverride}, skipping instead of reverting, and adding to `delta` instead of the tally.
    function _countOverrideBallot(
        uint256 proposalId,
        uint256 snapshot,
        address voter,
        uint8 support,
        uint256[6] memory delta
    ) private returns (SkipReason) {
        if (_receipt(proposalId, voter) & _HAS_OVERRIDDEN_BIT != 0) return SkipReason.AlreadyOverridden;
        uint256 weight = VotesExtendedUpgradeable(address(token())).getPastBalanceOf(voter, snapshot);
        if (weight == 0) return SkipReason.ZeroWeight;
        (uint256 delegateCasted, uint256 reduction) = _recordOverride(proposalId, voter, snapshot, weight);
        if (delegateCasted != 0) delta[delegateCasted + 2] += reduction;
        delta[support] += weight;
        emit OverrideVoteCast(voter, proposalId, support, weight, "");
        return SkipReason.NotActive;
    }

    /**
     * @dev A capped delegate loses `weight` of its remaining weight: its counted weight goes from
     * `min(remaining, maxWeight)` to `min(remaining - weight, maxWeight)`. Returns the reduction of the counted weight.
     */
    function _reduceCapped(uint256 proposalId, address delegate, uint256 weight) private returns (uint256) {
        CappedVote storage c = _countingStorage().cappedVotes[proposalId][delegate];
        uint256 remaining = c.remaining;
        // Nothing left to override (or no record): the counted weight is already min(0, maxWeight) = 0.
        if (remaining == 0) return weight;
        uint256 maxWeight = c.maxWeight;
        uint256 left = remaining - weight;
        c.remaining = uint128(left);
        return Math.min(remaining, maxWeight) - Math.min(left, maxWeight);
    }

    function _castOverride(
        uint256 proposalId,
        address account,
        uint8 support,
        string calldata reason
    ) internal virtual returns (uint256) {
        _validateStateBitmap(proposalId, _encodeStateBitmap(ProposalState.Active));
        uint256 weight = _countOverride(proposalId, account, support);
        emit OverrideVoteCast(account, proposalId, support, weight, reason);
        _tallyUpdated(proposalId);
        return weight;
    }

    /**
     * @dev After each vote: caches the quorum on the first vote, and the first time the quorum is reached makes
     * sure at least `lateQuorumExtension` of voting time remains.
     */
    function _tallyUpdated(uint256 proposalId) internal virtual override {
        super._tallyUpdated(proposalId);
        CountingStorage storage $ = _countingStorage();
        ProposalRules memory r = $.rules[proposalId];
        if (r.extendedDeadline != 0) return;
        uint256 quorumAmount;
        if (r.quorumPlusOne == 0) {
            quorumAmount = quorum(proposalSnapshot(proposalId));
            if (quorumAmount < type(uint160).max) $.rules[proposalId].quorumPlusOne = uint160(quorumAmount + 1);
        } else {
            quorumAmount = r.quorumPlusOne - 1;
        }
        uint256[3] storage t = $.tally[proposalId];
        if (quorumAmount <= t[uint8(VoteType.For)] + t[uint8(VoteType.Abstain)]) {
            uint48 extendedDeadline = clock() + r.lateQuorumExtension;
            if (extendedDeadline > proposalDeadline(proposalId)) emit ProposalExtended(proposalId, extendedDeadline);
            $.rules[proposalId].extendedDeadline = extendedDeadline;
        }
    }

    function _receipt(uint256 proposalId, address account) private view returns (uint256) {
        (uint256 word, uint256 shift) = _position(proposalId);
        return _countingStorage().receipts[account][word] >> shift;
    }

    function _position(uint256 proposalId) private pure returns (uint256 word, uint256 shift) {
        return (proposalId >> 6, (proposalId & 63) << 2);
    }

    function _countingStorage() private pure returns (CountingStorage storage $) {
        assembly {
            $.slot := COUNTING_STORAGE
        }
    }
}
