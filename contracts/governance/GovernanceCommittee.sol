// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {VotesExtendedUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesExtendedUpgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {MulticallUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/MulticallUpgradeable.sol";
import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../interfaces/IGovernanceCommittee.sol";
import {ICommitteeSeats} from "../interfaces/IAgentOversight.sol";

/// @dev The governor functions the committee calls.
interface ICommitteeGovernor {
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) external returns (uint256);

    function holdProposal(uint256 proposalId) external;

    function state(uint256 proposalId) external view returns (IGovernor.ProposalState);
}

/**
 * @title GovernanceCommittee
 * @notice The five seats of BytomDAO's governance committee and the constitutional agenda they run: proposals are
 * drafted, discussed and revised in public, reviewed by the committee, and only then put to the token vote.
 *
 * - **Draft**: a member holding the constitution's draft threshold of voting power submits actions and a
 *   description. The content is anchored (one hash in storage, the full content in the event).
 * - **Discussion & revision**: anyone comments (an event with a content hash and URI); the author revises, which
 *   bumps the revision, restarts the discussion clock and voids earlier approvals and backing, so a last-minute swap
 *   cannot slip through. Approvals and backing name the revision they are for.
 * - **Review**: after the minimum discussion period since the last revision, `reviewQuorum` distinct members approve;
 *   then anyone puts the draft to the vote. **Citizens' initiative**: a draft backed by holders of the initiative
 *   threshold of the voting supply (counted at the revision's timepoint, each backer once) goes to the vote without
 *   committee approval, so a captured committee cannot block the DAO.
 * - **Disputes**: `reviewQuorum` members may put a queued proposal on hold once, for the constitution's bounded hold
 *   period. The committee can delay, never veto, and cannot move funds or upgrade anything.
 *
 * Seats change only by the DAO, one member for another: a sixth seat cannot exist. Any seat change voids approvals
 * given before it (they are stamped with the seat-set version).
 *
 * **Signed approvals**: a member may approve by EIP-712 signature (`approveDraftBySig`, ECDSA or ERC-1271 for a Safe
 * seat) instead of a transaction of its own, so `multicall([approveDraftBySig x quorum, propose(...)])` puts a
 * reviewed draft to the vote in one transaction, with every check `approveDraft` makes.
 */
contract GovernanceCommittee is
    IGovernanceCommittee,
    ICommitteeSeats,
    DAOControlledUpgradeable,
    EIP712Upgradeable,
    MulticallUpgradeable
{
    uint256 public constant SEATS = 5;

    /// @notice The EIP-712 type a member signs to approve a draft revision (`approveDraftBySig`).
    bytes32 public constant DRAFT_APPROVAL_TYPEHASH = keccak256(
        "DraftApproval(uint256 draftId,uint256 revision,uint256 deadline)"
    );

    enum DraftStatus {
        None,
        Open,
        Proposed,
        Withdrawn
    }

    /// @dev Three slots per draft; the content itself is only in events.
    struct Draft {
        address author;
        uint32 revision;
        uint48 revisedAt;
        DraftStatus status;
        uint8 approvals; // bitmap by seat, for `revision` and `approvalsSeatSet`
        bytes32 contentHash; // keccak256(abi.encode(targets, values, calldatas, description))
        uint208 initiativeSupport; // voting power backing `revision`
        uint32 approvalsSeatSet; // seat-set version the approvals were given under
        uint256 proposalId;
    }

    /// @dev Committee support for holding a queued proposal.
    struct Hold {
        uint8 supporters; // bitmap by seat
        uint32 seatSet;
    }

    /// @custom:storage-location erc7201:bytomdao.storage.GovernanceCommittee
    struct CommitteeStorage {
        address[5] seats;
        mapping(address member => uint256) seatOf; // seat index + 1
        uint32 seatSet; // bumped on every seat change
        IConstitution constitution;
        IVotes token;
        ICommitteeGovernor governor;
        uint256 draftCount;
        mapping(uint256 draftId => Draft) drafts;
        mapping(bytes32 key => bool) backed; // keccak256(draftId, revision, backer)
        mapping(uint256 proposalId => Hold) holds;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.GovernanceCommittee")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xb703a931482d5652886abd8a28e7cc07a58298d7a7b9afa9fa63282449d59900;

    /// @notice The caller does not hold a seat.
    error GovernanceCommitteeNotMember(address account);
    /// @notice A seat cannot go to the zero address.
    error GovernanceCommitteeZeroAddress();
    /// @notice `account` already holds a seat (no duplicates).
    error GovernanceCommitteeAlreadyMember(address account);
    /// @notice The caller's voting power is below the draft threshold.
    error GovernanceCommitteeInsufficientVotes(address account, uint256 votes, uint256 threshold);
    /// @notice Targets, values and calldatas must be non-empty and of equal length.
    error GovernanceCommitteeInvalidActions(uint256 targets, uint256 values, uint256 calldatas);
    /// @notice No such draft.
    error GovernanceCommitteeUnknownDraft(uint256 draftId);
    /// @notice The draft is not open (already put to the vote or withdrawn).
    error GovernanceCommitteeDraftNotOpen(uint256 draftId, DraftStatus status);
    /// @notice Only the draft's author may revise or withdraw it.
    error GovernanceCommitteeNotAuthor(uint256 draftId, address caller);
    /// @notice The call names a revision that is not the draft's current one.
    error GovernanceCommitteeStaleRevision(uint256 draftId, uint256 given, uint256 current);
    /// @notice The minimum discussion period since the last revision has not passed.
    error GovernanceCommitteeDiscussionOngoing(uint256 draftId, uint256 endsAt);
    /// @notice This member already approved this revision.
    error GovernanceCommitteeAlreadyApproved(uint256 draftId, address member);
    /// @notice This account already backed this revision.
    error GovernanceCommitteeAlreadyBacked(uint256 draftId, address backer);
    /// @notice The backer had no voting power at the revision's timepoint.
    error GovernanceCommitteeNoVotingPower(address backer);
    /// @notice The content given does not match the draft's current revision.
    error GovernanceCommitteeContentMismatch(uint256 draftId);
    /// @notice Neither the review quorum nor the initiative threshold has been reached.
    error GovernanceCommitteeNotApproved(uint256 draftId, uint256 approvals, uint256 reviewQuorum);
    /// @notice This member already supported holding this proposal.
    error GovernanceCommitteeAlreadySupportedHold(uint256 proposalId, address member);
    /// @notice Only queued proposals can be held.
    error GovernanceCommitteeProposalNotQueued(uint256 proposalId);
    /// @notice A signed approval is used after its deadline.
    error GovernanceCommitteeApprovalExpired(uint256 deadline);
    /// @notice The signature is not `member`'s (ECDSA or ERC-1271) over this draft, revision and deadline.
    error GovernanceCommitteeInvalidSignature(address member);

    /// @notice A seat changed hands by a DAO decision.
    event MemberReplaced(uint256 indexed seat, address indexed oldMember, address indexed newMember);
    /// @notice A draft was submitted; the full content is here, storage keeps its hash.
    event DraftSubmitted(
        uint256 indexed draftId,
        address indexed author,
        address[] targets,
        uint256[] values,
        bytes[] calldatas,
        string description
    );
    /// @notice The author revised a draft; the discussion clock restarted.
    event DraftRevised(
        uint256 indexed draftId,
        uint256 revision,
        address[] targets,
        uint256[] values,
        bytes[] calldatas,
        string description,
        string changeNote
    );
    /// @notice Someone commented on a draft; the comment lives at `uri`, `contentHash` anchors it.
    event DraftCommented(
        uint256 indexed draftId,
        address indexed commenter,
        uint256 revision,
        bytes32 contentHash,
        string uri
    );
    /// @notice The author withdrew a draft.
    event DraftWithdrawn(uint256 indexed draftId);
    /// @notice A committee member approved a revision for the vote.
    event DraftApproved(uint256 indexed draftId, address indexed member, uint256 revision, uint256 approvals);
    /// @notice A holder backed a revision as a citizens' initiative.
    event DraftBacked(uint256 indexed draftId, address indexed backer, uint256 revision, uint256 weight, uint256 total);
    /// @notice A draft was put to the token vote.
    event DraftProposed(uint256 indexed draftId, uint256 indexed proposalId, uint256 revision, bool viaInitiative);
    /// @notice A member supported holding a queued proposal for mediation.
    event HoldSupported(uint256 indexed proposalId, address indexed member, uint256 supporters);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initialises the committee with its five members.
     * @param dao The DAO's timelock (seat changes, upgrades).
     * @param constitution_ Source of the review quorum, thresholds and periods.
     * @param token_ The governance token (draft threshold, initiative backing).
     * @param governor_ The governor drafts are put to the vote on.
     * @param initialMembers The five members: no zero address, no duplicates.
     */
    function initialize(
        address dao,
        IConstitution constitution_,
        IVotes token_,
        ICommitteeGovernor governor_,
        address[5] calldata initialMembers
    ) external initializer {
        if (address(constitution_) == address(0) || address(token_) == address(0) || address(governor_) == address(0))
            revert GovernanceCommitteeZeroAddress();
        __DAOControlled_init(dao);
        __EIP712_init("BytomDAO Governance Committee", "1");
        __Multicall_init();
        CommitteeStorage storage $ = _getStorage();
        $.constitution = constitution_;
        $.token = token_;
        $.governor = governor_;
        for (uint256 i = 0; i < SEATS; ++i) {
            address member = initialMembers[i];
            if (member == address(0)) revert GovernanceCommitteeZeroAddress();
            if ($.seatOf[member] != 0) revert GovernanceCommitteeAlreadyMember(member);
            $.seats[i] = member;
            $.seatOf[member] = i + 1;
            emit MemberReplaced(i, address(0), member);
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IGovernanceCommittee
    function isMember(address account) public view returns (bool) {
        return _getStorage().seatOf[account] != 0;
    }

    /// @inheritdoc IGovernanceCommittee
    function members() external view returns (address[5] memory) {
        return _getStorage().seats;
    }

    /// @inheritdoc ICommitteeSeats
    function seatOf(address account) external view returns (uint256) {
        return _getStorage().seatOf[account];
    }

    /// @inheritdoc IGovernanceCommittee
    function seatSet() external view returns (uint256) {
        return _getStorage().seatSet;
    }

    /// @notice A draft's state (its content is in the DraftSubmitted / DraftRevised events).
    function getDraft(uint256 draftId) external view returns (Draft memory) {
        return _existingDraft(draftId);
    }

    /// @notice The number of drafts submitted so far (ids are 1..draftCount).
    function draftCount() external view returns (uint256) {
        return _getStorage().draftCount;
    }

    /// @notice Current committee approvals of a draft's current revision.
    function approvalCount(uint256 draftId) public view returns (uint256) {
        CommitteeStorage storage $ = _getStorage();
        Draft storage d = $.drafts[draftId];
        return d.approvalsSeatSet == $.seatSet ? _popcount(d.approvals) : 0;
    }

    /// @notice When a draft's discussion period ends (review may start).
    function discussionEndsAt(uint256 draftId) public view returns (uint256) {
        return _existingDraft(draftId).revisedAt + _getStorage().constitution.parameters().minDiscussionPeriod;
    }

    /// @notice The voting power whose backing puts `draftId`'s current revision to the vote as an initiative.
    function initiativeThreshold(uint256 draftId) public view returns (uint256) {
        uint256 bps = _getStorage().constitution.parameters().initiativeThresholdBps;
        return _initiativeThreshold(_existingDraft(draftId).revisedAt, bps);
    }

    /// @notice The hash a draft's content must match: keccak256(abi.encode(targets, values, calldatas, description)).
    function hashContent(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(targets, values, calldatas, description));
    }

    // ------------------------------------------------------------- drafts

    /**
     * @notice Submits a draft proposal for public discussion.
     * @dev The caller needs the draft threshold of voting power one second ago (so it cannot be flash-borrowed).
     * @return draftId The new draft's id.
     */
    function submitDraft(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external returns (uint256 draftId) {
        CommitteeStorage storage $ = _getStorage();
        _checkActions(targets, values, calldatas);
        uint256 threshold = $.constitution.parameters().draftThreshold;
        uint256 votes = $.token.getPastVotes(msg.sender, Time.timestamp() - 1);
        if (votes < threshold) revert GovernanceCommitteeInsufficientVotes(msg.sender, votes, threshold);
        draftId = ++$.draftCount;
        Draft storage d = $.drafts[draftId];
        d.author = msg.sender;
        d.revision = 1;
        d.revisedAt = Time.timestamp();
        d.status = DraftStatus.Open;
        d.contentHash = hashContent(targets, values, calldatas, description);
        emit DraftSubmitted(draftId, msg.sender, targets, values, calldatas, description);
    }

    /**
     * @notice Revises an open draft. Only its author. The discussion clock restarts and approvals and backing of the
     * previous revision no longer count.
     */
    function reviseDraft(
        uint256 draftId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description,
        string calldata changeNote
    ) external {
        Draft storage d = _openDraft(draftId);
        if (d.author != msg.sender) revert GovernanceCommitteeNotAuthor(draftId, msg.sender);
        _checkActions(targets, values, calldatas);
        uint32 revision = d.revision + 1;
        d.revision = revision;
        d.revisedAt = Time.timestamp();
        d.approvals = 0;
        d.initiativeSupport = 0;
        d.contentHash = hashContent(targets, values, calldatas, description);
        emit DraftRevised(draftId, revision, targets, values, calldatas, description, changeNote);
    }

    /// @notice Withdraws an open draft. Only its author.
    function withdrawDraft(uint256 draftId) external {
        Draft storage d = _openDraft(draftId);
        if (d.author != msg.sender) revert GovernanceCommitteeNotAuthor(draftId, msg.sender);
        d.status = DraftStatus.Withdrawn;
        emit DraftWithdrawn(draftId);
    }

    /**
     * @notice Comments on a draft: anyone, at any stage. The comment text lives off chain at `uri`; `contentHash`
     * anchors it.
     */
    function comment(uint256 draftId, bytes32 contentHash, string calldata uri) external {
        Draft storage d = _existingDraft(draftId);
        emit DraftCommented(draftId, msg.sender, d.revision, contentHash, uri);
    }

    // ------------------------------------------------------------- review

    /**
     * @notice Approves `revision` of a draft for the vote. Committee members only, after the discussion period.
     * @param revision The revision reviewed: the call fails if the author revised since.
     */
    function approveDraft(uint256 draftId, uint256 revision) external {
        _approve(msg.sender, draftId, revision);
    }

    /**
     * @notice Approves `revision` of a draft for `member`, who signed it (EIP-712
     * `DraftApproval(uint256 draftId,uint256 revision,uint256 deadline)`, ECDSA or ERC-1271 for a Safe seat). Anyone
     * may submit it. Exactly the checks and effects of `approveDraft` by `member`.
     * @dev Why: three approvals in three transactions each pay the intrinsic gas and the cold proxy and storage
     * access; signed approvals and `propose` go in one `multicall`, so a reviewed draft reaches the vote in one
     * transaction. Replay: the approval bitmap refuses a second approval of the same revision
     * (GovernanceCommitteeAlreadyApproved); a revision voids the signature (it names the revision:
     * GovernanceCommitteeStaleRevision); a seat change resets approvals, and the signature could then be submitted
     * again for the same revision (if `member` still holds a seat) until `deadline`, which bounds that reuse:
     * members sign short deadlines.
     * @param deadline Unix time: the signature counts while the block time is at most this.
     */
    function approveDraftBySig(
        uint256 draftId,
        uint256 revision,
        address member,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (block.timestamp > deadline) revert GovernanceCommitteeApprovalExpired(deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(DRAFT_APPROVAL_TYPEHASH, draftId, revision, deadline)));
        // ECDSA first: an EOA seat pays no EXTCODESIZE; a contract seat (a Safe) is asked through ERC-1271.
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (
            (err != ECDSA.RecoverError.NoError || recovered != member) &&
            !SignatureChecker.isValidERC1271SignatureNowCalldata(member, digest, signature)
        ) revert GovernanceCommitteeInvalidSignature(member);
        _approve(member, draftId, revision);
    }

    /**
     * @notice Backs `revision` of a draft as a citizens' initiative with the caller's voting power at the moment
     * that revision was made (tokens acquired later count for nothing). Anyone, once per revision.
     */
    function backDraft(uint256 draftId, uint256 revision) external {
        CommitteeStorage storage $ = _getStorage();
        Draft storage d = _openDraft(draftId);
        _checkRevision(d, draftId, revision);
        bytes32 key = keccak256(abi.encode(draftId, revision, msg.sender));
        if ($.backed[key]) revert GovernanceCommitteeAlreadyBacked(draftId, msg.sender);
        uint256 weight = $.token.getPastVotes(msg.sender, d.revisedAt - 1);
        if (weight == 0) revert GovernanceCommitteeNoVotingPower(msg.sender);
        $.backed[key] = true;
        uint256 total = d.initiativeSupport + weight;
        d.initiativeSupport = uint208(total);
        emit DraftBacked(draftId, msg.sender, revision, weight, total);
    }

    /**
     * @notice Puts a reviewed draft to the token vote: anyone, once the discussion period is over and either
     * `reviewQuorum` members approved the current revision or its initiative backing reached the threshold.
     * @dev The content must be given back and match the anchored hash. The governor description gets the draft
     * reference appended, which also keeps two drafts with identical content distinct proposals.
     * @return proposalId The governor proposal id.
     */
    function propose(
        uint256 draftId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) external returns (uint256 proposalId) {
        Draft storage d = _openDraft(draftId);
        if (hashContent(targets, values, calldatas, description) != d.contentHash) {
            revert GovernanceCommitteeContentMismatch(draftId);
        }
        bool viaInitiative = _checkReviewed(d, draftId);
        d.status = DraftStatus.Proposed;
        proposalId = _getStorage().governor.propose(
            targets,
            values,
            calldatas,
            _describe(description, draftId, d.revision)
        );
        d.proposalId = proposalId;
        emit DraftProposed(draftId, proposalId, d.revision, viaInitiative);
    }

    /**
     * @notice Runs several committee calls in one transaction, each as if the caller sent it (OpenZeppelin
     * Multicall: delegatecalls to this contract, all or nothing).
     * @dev Why: `multicall([approveDraftBySig x reviewQuorum, propose(...)])` puts a reviewed draft to the vote in one
     * transaction instead of one per approval plus one to propose. It adds no power: each call keeps its own checks.
     */
    function multicall(bytes[] calldata data) public override returns (bytes[] memory results) {
        return super.multicall(data);
    }

    /// @dev The EIP-712 name and version `initialize` stores, as constants: no storage read per signature.
    function _EIP712Name() internal pure override returns (string memory) {
        return "BytomDAO Governance Committee";
    }

    /// @dev See `_EIP712Name`.
    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }

    // ----------------------------------------------------------- disputes

    /**
     * @notice Supports holding a queued proposal for mediation. When `reviewQuorum` members supported it, the
     * governor holds it (once, for the constitution's dispute hold period).
     */
    function supportHold(uint256 proposalId) external {
        CommitteeStorage storage $ = _getStorage();
        uint256 seat = $.seatOf[msg.sender];
        if (seat == 0) revert GovernanceCommitteeNotMember(msg.sender);
        if ($.governor.state(proposalId) != IGovernor.ProposalState.Queued) {
            revert GovernanceCommitteeProposalNotQueued(proposalId);
        }
        Hold storage h = $.holds[proposalId];
        if (h.seatSet != $.seatSet) {
            h.supporters = 0;
            h.seatSet = $.seatSet;
        }
        uint8 bit = uint8(1 << (seat - 1));
        if (h.supporters & bit != 0) revert GovernanceCommitteeAlreadySupportedHold(proposalId, msg.sender);
        h.supporters |= bit;
        uint256 supporters = _popcount(h.supporters);
        emit HoldSupported(proposalId, msg.sender, supporters);
        // ">=": the DAO may have lowered the review quorum below the support already collected.
        if (supporters >= $.constitution.reviewQuorum()) $.governor.holdProposal(proposalId);
    }

    // -------------------------------------------------------------- seats

    /**
     * @notice Replaces one member with another, keeping the seat count at exactly five. Only the DAO. Voids every
     * approval and hold support given under the previous seat set.
     */
    function replaceMember(address oldMember, address newMember) external onlyOwner {
        CommitteeStorage storage $ = _getStorage();
        uint256 seat = $.seatOf[oldMember];
        if (seat == 0) revert GovernanceCommitteeNotMember(oldMember);
        if (newMember == address(0)) revert GovernanceCommitteeZeroAddress();
        if ($.seatOf[newMember] != 0) revert GovernanceCommitteeAlreadyMember(newMember);
        delete $.seatOf[oldMember];
        $.seatOf[newMember] = seat;
        $.seats[seat - 1] = newMember;
        ++$.seatSet;
        emit MemberReplaced(seat - 1, oldMember, newMember);
    }

    // ---------------------------------------------------------- internals

    /// @dev `member` approves `revision` of `draftId`: a current member, the current revision, after the discussion.
    function _approve(address member, uint256 draftId, uint256 revision) private {
        CommitteeStorage storage $ = _getStorage();
        uint256 seat = $.seatOf[member];
        if (seat == 0) revert GovernanceCommitteeNotMember(member);
        Draft storage d = _openDraft(draftId);
        _checkRevision(d, draftId, revision);
        _checkDiscussionOver(d, draftId, $.constitution.parameters().minDiscussionPeriod);
        if (d.approvalsSeatSet != $.seatSet) {
            d.approvals = 0;
            d.approvalsSeatSet = $.seatSet;
        }
        uint8 bit = uint8(1 << (seat - 1));
        if (d.approvals & bit != 0) revert GovernanceCommitteeAlreadyApproved(draftId, member);
        d.approvals |= bit;
        emit DraftApproved(draftId, member, revision, _popcount(d.approvals));
    }

    function _checkActions(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) private pure {
        if (targets.length == 0 || targets.length != values.length || targets.length != calldatas.length) {
            revert GovernanceCommitteeInvalidActions(targets.length, values.length, calldatas.length);
        }
    }

    function _existingDraft(uint256 draftId) private view returns (Draft storage d) {
        d = _getStorage().drafts[draftId];
        if (d.status == DraftStatus.None) revert GovernanceCommitteeUnknownDraft(draftId);
    }

    function _openDraft(uint256 draftId) private view returns (Draft storage d) {
        d = _existingDraft(draftId);
        if (d.status != DraftStatus.Open) revert GovernanceCommitteeDraftNotOpen(draftId, d.status);
    }

    function _checkRevision(Draft storage d, uint256 draftId, uint256 revision) private view {
        if (revision != d.revision) revert GovernanceCommitteeStaleRevision(draftId, revision, d.revision);
    }

    function _checkDiscussionOver(Draft storage d, uint256 draftId, uint256 minDiscussionPeriod) private view {
        uint256 endsAt = d.revisedAt + minDiscussionPeriod;
        if (Time.timestamp() < endsAt) revert GovernanceCommitteeDiscussionOngoing(draftId, endsAt);
    }

    /// @dev Reverts unless the draft may go to the vote; returns whether it goes as a citizens' initiative.
    function _checkReviewed(Draft storage d, uint256 draftId) private view returns (bool viaInitiative) {
        IConstitution.GovernanceParams memory p = _getStorage().constitution.parameters();
        _checkDiscussionOver(d, draftId, p.minDiscussionPeriod);
        uint256 approvals = approvalCount(draftId);
        viaInitiative = approvals < p.reviewQuorum;
        if (viaInitiative && d.initiativeSupport < _initiativeThreshold(d.revisedAt, p.initiativeThresholdBps)) {
            revert GovernanceCommitteeNotApproved(draftId, approvals, p.reviewQuorum);
        }
    }

    /// @dev `bps` of the voting supply (total minus the treasury) one second before the revision made at `revisedAt`.
    function _initiativeThreshold(uint256 revisedAt, uint256 bps) private view returns (uint256) {
        IVotes token = _getStorage().token;
        uint256 timepoint = revisedAt - 1;
        uint256 supply =
            token.getPastTotalSupply(timepoint) -
                VotesExtendedUpgradeable(address(token)).getPastBalanceOf(owner(), timepoint);
        return (supply * bps) / 10_000;
    }

    function _describe(
        string memory description,
        uint256 draftId,
        uint256 revision
    ) private pure returns (string memory) {
        return
            string.concat(
                description,
                "\n\n[BytomDAO draft #",
                Strings.toString(draftId),
                " revision ",
                Strings.toString(revision),
                "]"
            );
    }

    function _popcount(uint8 bits) private pure returns (uint256 count) {
        for (; bits != 0; bits &= bits - 1) ++count;
    }

    function _getStorage() private pure returns (CommitteeStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
