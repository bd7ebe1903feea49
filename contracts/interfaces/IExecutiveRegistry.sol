// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IExecutiveRegistry
 * @notice Types, errors and events of the BytomDAO executive committee ({ExecutiveRegistry} and its modules).
 * @dev Kept in one interface, the OpenZeppelin way: every module (personhood, appointments, budgets, resources)
 * reverts and emits with these declarations, so front ends and tasks decode one ABI whatever module acted.
 */
interface IExecutiveRegistry {
    /// @notice Kinds of DAO resources.
    enum ResourceKind {
        Website,
        Contract,
        AIInfrastructure,
        Other
    }

    /// @notice Lifecycle of a spend proposal.
    enum SpendStatus {
        None,
        Pending,
        Executed,
        Cancelled
    }

    /// @notice A verified human as one record (assembled from the personhood and appointment modules).
    struct Human {
        address account; // the current account; earlier accounts of this human lost their powers
        uint64 expiry; // the verification holds while block.timestamp < expiry
        uint32 term; // number of appointments so far; allowances, approvals and custody are per term
        address verifier; // the verifier whose personhood key the human holds now
        bool executive; // holds a seat
        uint8 appointmentApprovals; // committee approvals collected (and still valid) for the next term
    }

    /// @notice A spend above the threshold, waiting for approvals.
    struct SpendProposal {
        bytes32 proposer; // human id
        address asset;
        uint64 deadline;
        SpendStatus status;
        address to;
        uint32 proposerTerm; // the proposer's term when proposing: the proposal lapses with it
        uint256 amount;
        bytes32 purpose;
        bytes32[] approvers; // human ids, at most MAX_SPEND_APPROVALS; each counts only in the term it approved in
    }

    /// @notice The standing of an account, for front ends and tasks.
    struct Status {
        bytes32 humanId; // zero if the account never enrolled
        address verifier;
        address currentAccount; // the human's current account (differs from the queried one after a rotation)
        uint64 expiry;
        uint32 term;
        bool enrolled; // current account, verification unexpired, verifier approved
        bool appointed; // holds a seat
        bool active; // enrolled and appointed: may use executive powers
    }

    // ------------------------------------------------------------------ errors: personhood

    /// @notice A required address is zero.
    error ExecutiveRegistryZeroAddress();
    /// @notice `verifiers` and `enrolmentSunsets` differ in length.
    error ExecutiveRegistryLengthMismatch(uint256 verifiers, uint256 sunsets);
    /// @notice The verifier is not approved by the DAO (or was removed).
    error ExecutiveRegistryVerifierNotApproved(address verifier);
    /// @notice The verifier is already approved.
    error ExecutiveRegistryVerifierAlreadyApproved(address verifier);
    /// @notice The verifier's enrolment sunset has passed: it no longer enrols new humans (existing ones keep theirs).
    error ExecutiveRegistryVerifierSunset(address verifier, uint64 sunset);
    /// @notice The verifier returned a zero nullifier.
    error ExecutiveRegistryZeroNullifier(address verifier);
    /// @notice The verifier returned an expiry that is not in the future.
    error ExecutiveRegistryProofExpired(address verifier, uint64 expiry);
    /// @notice The account is already bound to another human.
    error ExecutiveRegistryAccountBoundToOtherHuman(address account, bytes32 humanId);
    /// @notice This personhood key was superseded: the human moved to `currentVerifier` (rotate through it).
    error ExecutiveRegistryPersonhoodMoved(bytes32 humanId, address currentVerifier);
    /// @notice This personhood key already belongs to a human: it cannot be attached to another one.
    error ExecutiveRegistryPersonhoodKeyTaken(bytes32 key, bytes32 humanId);
    /// @notice The account never enrolled.
    error ExecutiveRegistryNotEnrolled(address account);
    /// @notice The account's human rotated to another account; this one has no powers.
    error ExecutiveRegistryAccountRotated(address account, address currentAccount);
    /// @notice The account's verification expired: re-verify.
    error ExecutiveRegistryVerificationExpired(address account, uint64 expiry);

    // ------------------------------------------------------------------ errors: appointments

    /// @notice The account already holds a seat.
    error ExecutiveRegistryAlreadyExecutive(address account);
    /// @notice The account does not hold a seat.
    error ExecutiveRegistryNotExecutive(address account);
    /// @notice The caller is not a governance committee member.
    error ExecutiveRegistryNotCommitteeMember(address account);
    /// @notice The committee member already approved this candidate in the current approval round.
    error ExecutiveRegistryAppointmentAlreadyApproved(address member, address candidate);
    /// @notice The DAO removed this human: only the DAO may appoint them again.
    error ExecutiveRegistryRemovedByDAO(address account);

    // ------------------------------------------------------------------ errors: budgets

    /// @notice The allowance period is zero.
    error ExecutiveRegistryZeroPeriod();
    /// @notice The amount is zero.
    error ExecutiveRegistryZeroAmount();
    /// @notice The recipient is the zero address.
    error ExecutiveRegistryZeroRecipient();
    /// @notice The spend would take the caller's direct spends of `asset` in this period above the threshold:
    /// propose it for approval instead. `directRemaining` is what may still be spent directly in this period.
    error ExecutiveRegistrySpendNeedsApproval(address asset, uint256 amount, uint256 directRemaining);
    /// @notice The spend exceeds what is left of the allowance in this period.
    error ExecutiveRegistryAllowanceExceeded(address asset, uint256 amount, uint256 remaining);
    /// @notice The registry does not hold enough of the asset.
    error ExecutiveRegistryInsufficientFunds(address asset, uint256 amount, uint256 balance);
    /// @notice No spend proposal with this id.
    error ExecutiveRegistryUnknownSpend(uint256 id);
    /// @notice The spend proposal was already executed or cancelled.
    error ExecutiveRegistrySpendNotPending(uint256 id, SpendStatus status);
    /// @notice The proposer's term in which the spend was proposed has ended: propose it again.
    error ExecutiveRegistrySpendTermEnded(uint256 id, uint32 proposerTerm);
    /// @notice The spend proposal's lifetime is over.
    error ExecutiveRegistrySpendExpired(uint256 id, uint64 deadline);
    /// @notice The proposer cannot approve their own spend.
    error ExecutiveRegistryProposerCannotApprove(uint256 id);
    /// @notice This executive already approved this spend.
    error ExecutiveRegistrySpendAlreadyApproved(uint256 id, address approver);
    /// @notice The spend already has the maximum number of approvals.
    error ExecutiveRegistryTooManyApprovals(uint256 id);
    /// @notice Only the proposer (or the DAO, to cancel) may do this.
    error ExecutiveRegistryNotSpendProposer(uint256 id, address caller);
    /// @notice Not enough active executives approved this spend.
    error ExecutiveRegistryNotEnoughApprovals(uint256 id, uint256 approvals, uint256 required);
    /// @notice The threshold is above {MAX_SPEND_THRESHOLD}.
    error ExecutiveRegistryThresholdTooHigh(uint256 threshold);
    /// @notice The required number of approvals must be between 1 and {MAX_SPEND_APPROVALS}.
    error ExecutiveRegistryInvalidApprovalCount(uint256 count);

    // ------------------------------------------------------------------ errors: resources

    /// @notice No resource with this id.
    error ExecutiveRegistryUnknownResource(uint256 id);
    /// @notice The resource URI is empty.
    error ExecutiveRegistryEmptyURI();
    /// @notice Only the resource's custodian (or the DAO) may do this.
    error ExecutiveRegistryNotCustodian(uint256 id, address caller);

    // ------------------------------------------------------------------ events: personhood

    /// @notice Emitted when the DAO approves a personhood verifier.
    event VerifierApproved(address indexed verifier);
    /// @notice Emitted when the DAO removes a personhood verifier (its humans are suspended).
    event VerifierRemoved(address indexed verifier);
    /// @notice Emitted when the DAO sets the time after which a verifier enrols no new human (0: never).
    event VerifierSunsetSet(address indexed verifier, uint64 sunset);
    /// @notice Emitted when a new human enrols.
    event HumanEnrolled(bytes32 indexed humanId, address indexed account, address indexed verifier, uint64 expiry);
    /// @notice Emitted when a human re-verifies from their current account.
    event VerificationRenewed(bytes32 indexed humanId, address indexed account, uint64 expiry);
    /// @notice Emitted when a human re-verifies from a new account, which takes over everything of the old one.
    event AccountRotated(
        bytes32 indexed humanId,
        address indexed oldAccount,
        address indexed newAccount,
        uint64 expiry
    );
    /// @notice Emitted when a human moves their personhood to another verifier or credential (e.g. World ID 3.0 to
    /// 4.0), keeping their seat; from now on only the new one renews or rotates them.
    event PersonhoodMigrated(
        bytes32 indexed humanId,
        address indexed account,
        address indexed toVerifier,
        address fromVerifier,
        bytes32 key,
        uint64 expiry
    );

    // ------------------------------------------------------------------ events: appointments

    /// @notice Emitted when a committee member approves a candidate.
    event AppointmentApproved(
        address indexed member,
        address indexed candidate,
        bytes32 indexed humanId,
        uint256 approvals,
        uint256 required
    );
    /// @notice Emitted when a candidate's committee approvals are voided: a seat changed hands or they expired.
    event AppointmentApprovalsVoided(bytes32 indexed humanId, uint256 approvals);
    /// @notice Emitted when an executive is appointed, by the DAO or by the committee (`by` = committee address).
    event ExecutiveAppointed(bytes32 indexed humanId, address indexed account, uint32 term, address indexed by);
    /// @notice Emitted when an executive leaves: removed by the DAO or resigned (`by` = the executive).
    event ExecutiveRemoved(bytes32 indexed humanId, address indexed account, address indexed by);

    // ------------------------------------------------------------------ events: budgets

    /// @notice Emitted when the registry receives ETH.
    event FundsReceived(address indexed from, uint256 amount);
    /// @notice Emitted when the DAO grants (or changes, or zeroes) an allowance.
    event AllowanceGranted(
        bytes32 indexed humanId,
        address indexed account,
        address indexed asset,
        uint128 amount,
        uint64 period
    );
    /// @notice Emitted when the DAO sets the amount of `asset` an executive may spend directly per period, in total.
    event SpendThresholdSet(address indexed asset, uint256 threshold);
    /// @notice Emitted when the DAO sets how many other executives must approve a spend above the threshold.
    event SpendApprovalsSet(uint256 count);
    /// @notice Emitted when funds leave on an executive's spend (`spendId` = 0 for a direct spend).
    event Spent(
        bytes32 indexed humanId,
        address indexed asset,
        address indexed to,
        uint256 amount,
        bytes32 purpose,
        uint256 spendId
    );
    /// @notice Emitted when an executive proposes a spend above the threshold.
    event SpendProposed(
        uint256 indexed id,
        bytes32 indexed humanId,
        address indexed asset,
        address to,
        uint256 amount,
        bytes32 purpose,
        uint64 deadline
    );
    /// @notice Emitted when another executive approves a spend.
    event SpendApproved(uint256 indexed id, bytes32 indexed humanId, address indexed approver, uint256 approvals);
    /// @notice Emitted when a spend proposal is cancelled by its proposer or the DAO.
    event SpendCancelled(uint256 indexed id, address indexed by);
    /// @notice Emitted when the DAO takes unspent funds back.
    event FundsClawedBack(address indexed asset, address indexed to, uint256 amount);

    // ------------------------------------------------------------------ events: resources

    /// @notice Emitted when the DAO registers a resource (`custodian` zero = the DAO).
    event ResourceAdded(uint256 indexed id, ResourceKind kind, string uri, address indexed custodian);
    /// @notice Emitted when custody of a resource moves (`to` zero = back to the DAO).
    event CustodyTransferred(uint256 indexed id, address indexed from, address indexed to);
    /// @notice Emitted when a resource's URI changes.
    event ResourceURIUpdated(uint256 indexed id, string uri);
    /// @notice Emitted when the DAO removes a resource.
    event ResourceRemoved(uint256 indexed id);
}
