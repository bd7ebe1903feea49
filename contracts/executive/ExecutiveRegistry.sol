// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../interfaces/IGovernanceCommittee.sol";
import {IPersonhoodVerifier} from "../interfaces/IPersonhoodVerifier.sol";

/**
 * @title ExecutiveRegistry
 * @notice The executive committee of BytomDAO: an unlimited number of verified natural persons who run daily
 * operations with budgets the DAO grants them and custody of the DAO's resources (websites, contracts, AI
 * infrastructure).
 * @dev Identity. A human enrols with a DAO-approved {IPersonhoodVerifier}, which returns a nullifier (one per
 * human). The human's id is `keccak256(abi.encode(verifier, nullifier))`: nullifiers are namespaced by verifier, so
 * a compromised verifier can never take over humans verified by another one. One human id maps to exactly one
 * current account and every account, once bound, stays bound to that human id forever:
 * - the same human re-verifying from the same account extends the verification;
 * - the same human verifying from a new account rotates keys: the seat, allowances and custody follow the human,
 *   the old account loses every power (it may rotate back later, but never serve another human);
 * - a nullifier is never reused by another human, an account never holds two humans.
 * Powers are checked at use time in O(1): an executive whose verification expired, or whose verifier the DAO
 * removed, is suspended until they re-verify (no loops, no keepers).
 *
 * Seats. The DAO appoints and removes executives; `reviewQuorum` distinct governance committee members approving the
 * same enrolled human also appoint them. Each appointment starts a new term; allowances of earlier terms lapse.
 *
 * Budgets. The registry holds ETH and ERC20 tokens the DAO sends. The DAO grants each executive an allowance per
 * asset (ETH = address(0)) per period. A spend up to the asset's threshold is direct; above it, the spend is
 * proposed and needs `spendApprovals` approvals from other active executives before the proposer executes it.
 * Execution re-checks everything (the proposer's and approvers' standing, the allowance, the funds).
 *
 * Resources. The DAO registers resources and removes them; custody moves from the current custodian (or the DAO)
 * to another active executive or back to the DAO. Executives cannot register resources: a resource is a DAO asset
 * and listing it is a governance act.
 *
 * Owner: the DAO's timelock ({DAOControlledUpgradeable}: UUPS, upgrades by the DAO only).
 */
contract ExecutiveRegistry is DAOControlledUpgradeable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

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

    /// @notice A verified human.
    struct Human {
        address account; // the current account; earlier accounts of this human lost their powers
        uint64 expiry; // the verification holds while block.timestamp < expiry
        uint32 term; // number of appointments so far; allowances and committee approvals are per term
        address verifier; // the verifier that produced the nullifier
        bool executive; // holds a seat
        uint8 appointmentApprovals; // committee approvals for the next term
    }

    /// @notice An allowance of one executive for one asset.
    struct Allowance {
        uint128 amount; // per period
        uint128 spent; // in the current period
        uint64 period; // seconds
        uint64 periodStart;
        uint32 term; // the appointment term it was granted in
    }

    /// @notice A spend above the threshold, waiting for approvals.
    struct SpendProposal {
        bytes32 proposer; // human id
        address asset;
        uint64 deadline;
        SpendStatus status;
        address to;
        uint256 amount;
        bytes32 purpose;
        bytes32[] approvers; // human ids, at most MAX_SPEND_APPROVALS
    }

    /// @notice A DAO resource.
    struct Resource {
        ResourceKind kind;
        bool exists;
        bytes32 custodian; // human id; zero = the DAO itself
        string uri;
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

    /// @custom:storage-location erc7201:bytomdao.storage.ExecutiveRegistry
    struct ExecutiveRegistryStorage {
        IConstitution constitution;
        IGovernanceCommittee committee;
        mapping(address verifier => bool) verifiers;
        mapping(bytes32 humanId => Human) humans;
        mapping(address account => bytes32 humanId) accountHuman;
        mapping(bytes32 humanId => mapping(uint32 term => mapping(address member => bool))) appointmentApprovedBy;
        uint256 executiveCount;
        mapping(bytes32 humanId => mapping(address asset => Allowance)) allowances;
        mapping(address asset => uint256) spendThresholds;
        uint256 spendApprovals;
        uint256 spendCount;
        mapping(uint256 id => SpendProposal) spends;
        mapping(uint256 id => mapping(bytes32 humanId => bool)) spendApprovedBy;
        uint256 resourceCount;
        mapping(uint256 id => Resource) resources;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ExecutiveRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xa08d9ae5eef99372d72b3e00a6fa9d4082a57b53e0d4f8a7842e70c967b3c800;

    /// @notice ETH, as an asset.
    address public constant ETH = address(0);
    /// @notice The most approvals the DAO may require for a spend (bounds the re-check at execution).
    uint256 public constant MAX_SPEND_APPROVALS = 16;
    /// @notice How long a spend proposal can be approved and executed.
    uint64 public constant SPEND_PROPOSAL_LIFETIME = 30 days;

    /// @notice A required address is zero.
    error ExecutiveRegistryZeroAddress();
    /// @notice The verifier is not approved by the DAO (or was removed).
    error ExecutiveRegistryVerifierNotApproved(address verifier);
    /// @notice The verifier is already approved.
    error ExecutiveRegistryVerifierAlreadyApproved(address verifier);
    /// @notice The verifier returned a zero nullifier.
    error ExecutiveRegistryZeroNullifier(address verifier);
    /// @notice The verifier returned an expiry that is not in the future.
    error ExecutiveRegistryProofExpired(address verifier, uint64 expiry);
    /// @notice The account is already bound to another human.
    error ExecutiveRegistryAccountBoundToOtherHuman(address account, bytes32 humanId);
    /// @notice The account never enrolled.
    error ExecutiveRegistryNotEnrolled(address account);
    /// @notice The account's human rotated to another account; this one has no powers.
    error ExecutiveRegistryAccountRotated(address account, address currentAccount);
    /// @notice The account's verification expired: re-verify.
    error ExecutiveRegistryVerificationExpired(address account, uint64 expiry);
    /// @notice The account already holds a seat.
    error ExecutiveRegistryAlreadyExecutive(address account);
    /// @notice The account does not hold a seat.
    error ExecutiveRegistryNotExecutive(address account);
    /// @notice The caller is not a governance committee member.
    error ExecutiveRegistryNotCommitteeMember(address account);
    /// @notice The committee member already approved this candidate for this term.
    error ExecutiveRegistryAppointmentAlreadyApproved(address member, address candidate);
    /// @notice The allowance period is zero.
    error ExecutiveRegistryZeroPeriod();
    /// @notice The amount is zero.
    error ExecutiveRegistryZeroAmount();
    /// @notice The recipient is the zero address.
    error ExecutiveRegistryZeroRecipient();
    /// @notice The spend is above the asset's threshold: propose it for approval instead.
    error ExecutiveRegistrySpendNeedsApproval(address asset, uint256 amount, uint256 threshold);
    /// @notice The spend exceeds what is left of the allowance in this period.
    error ExecutiveRegistryAllowanceExceeded(address asset, uint256 amount, uint256 remaining);
    /// @notice The registry does not hold enough of the asset.
    error ExecutiveRegistryInsufficientFunds(address asset, uint256 amount, uint256 balance);
    /// @notice No spend proposal with this id.
    error ExecutiveRegistryUnknownSpend(uint256 id);
    /// @notice The spend proposal was already executed or cancelled.
    error ExecutiveRegistrySpendNotPending(uint256 id, SpendStatus status);
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
    /// @notice The required number of approvals must be between 1 and {MAX_SPEND_APPROVALS}.
    error ExecutiveRegistryInvalidApprovalCount(uint256 count);
    /// @notice No resource with this id.
    error ExecutiveRegistryUnknownResource(uint256 id);
    /// @notice The resource URI is empty.
    error ExecutiveRegistryEmptyURI();
    /// @notice Only the resource's custodian (or the DAO) may do this.
    error ExecutiveRegistryNotCustodian(uint256 id, address caller);

    /// @notice Emitted when the DAO approves a personhood verifier.
    event VerifierApproved(address indexed verifier);
    /// @notice Emitted when the DAO removes a personhood verifier (its humans are suspended).
    event VerifierRemoved(address indexed verifier);
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
    /// @notice Emitted when a committee member approves a candidate.
    event AppointmentApproved(
        address indexed member,
        address indexed candidate,
        bytes32 indexed humanId,
        uint256 approvals,
        uint256 required
    );
    /// @notice Emitted when an executive is appointed, by the DAO or by the committee (`by` = committee address).
    event ExecutiveAppointed(bytes32 indexed humanId, address indexed account, uint32 term, address indexed by);
    /// @notice Emitted when an executive leaves: removed by the DAO or resigned (`by` = the executive).
    event ExecutiveRemoved(bytes32 indexed humanId, address indexed account, address indexed by);
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
    /// @notice Emitted when the DAO sets the threshold above which spends of `asset` need approvals.
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
    /// @notice Emitted when the DAO registers a resource (`custodian` zero = the DAO).
    event ResourceAdded(uint256 indexed id, ResourceKind kind, string uri, address indexed custodian);
    /// @notice Emitted when custody of a resource moves (`to` zero = back to the DAO).
    event CustodyTransferred(uint256 indexed id, address indexed from, address indexed to);
    /// @notice Emitted when a resource's URI changes.
    event ResourceURIUpdated(uint256 indexed id, string uri);
    /// @notice Emitted when the DAO removes a resource.
    event ResourceRemoved(uint256 indexed id);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Sets up the registry behind its proxy.
     * @param dao The DAO's timelock: owner, the only one to upgrade and administer.
     * @param constitution_ Gives `reviewQuorum()`, the committee approvals needed to appoint.
     * @param committee_ The governance committee whose members may appoint together.
     * @param verifiers The personhood verifiers approved from the start.
     */
    function initialize(
        address dao,
        IConstitution constitution_,
        IGovernanceCommittee committee_,
        address[] calldata verifiers
    ) external initializer {
        if (address(constitution_) == address(0) || address(committee_) == address(0)) {
            revert ExecutiveRegistryZeroAddress();
        }
        __DAOControlled_init(dao);
        ExecutiveRegistryStorage storage $ = _storage();
        $.constitution = constitution_;
        $.committee = committee_;
        $.spendApprovals = 1;
        emit SpendApprovalsSet(1);
        for (uint256 i = 0; i < verifiers.length; ++i) {
            _approveVerifier(verifiers[i]);
        }
    }

    /// @notice Accepts ETH for operational budgets (normally sent by the DAO's timelock).
    receive() external payable {
        emit FundsReceived(msg.sender, msg.value);
    }

    // ------------------------------------------------------------------ personhood

    /**
     * @notice Enrols the caller as a verified human, renews their verification, or rotates their keys.
     * @dev The verifier checks `proof` for `msg.sender` only, so nobody can enrol (or burn a credential) for
     * someone else. Same human + same account: the expiry is extended. Same human + new account: the new account
     * takes over the seat, allowances and custody; the old one loses them.
     * @param verifier A DAO-approved {IPersonhoodVerifier}.
     * @param proof The verifier's proof for the caller.
     * @return humanId The caller's human id.
     */
    function enroll(address verifier, bytes calldata proof) external returns (bytes32 humanId) {
        ExecutiveRegistryStorage storage $ = _storage();
        if (!$.verifiers[verifier]) revert ExecutiveRegistryVerifierNotApproved(verifier);
        (bytes32 nullifier, uint64 expiry) = IPersonhoodVerifier(verifier).verify(msg.sender, proof);
        if (nullifier == bytes32(0)) revert ExecutiveRegistryZeroNullifier(verifier);
        if (expiry <= block.timestamp) revert ExecutiveRegistryProofExpired(verifier, expiry);

        humanId = keccak256(abi.encode(verifier, nullifier));
        bytes32 bound = $.accountHuman[msg.sender];
        if (bound != bytes32(0) && bound != humanId) {
            revert ExecutiveRegistryAccountBoundToOtherHuman(msg.sender, bound);
        }
        Human storage h = $.humans[humanId];
        address current = h.account;
        if (expiry > h.expiry) h.expiry = expiry;
        if (current == address(0)) {
            h.account = msg.sender;
            h.verifier = verifier;
            $.accountHuman[msg.sender] = humanId;
            emit HumanEnrolled(humanId, msg.sender, verifier, expiry);
        } else if (current == msg.sender) {
            emit VerificationRenewed(humanId, msg.sender, h.expiry);
        } else {
            h.account = msg.sender;
            $.accountHuman[msg.sender] = humanId;
            emit AccountRotated(humanId, current, msg.sender, h.expiry);
        }
    }

    /// @notice Trusts a personhood verifier for enrolment. DAO only.
    function approveVerifier(address verifier) external onlyOwner {
        _approveVerifier(verifier);
    }

    /**
     * @notice Stops trusting a verifier. Every human it verified is suspended at once (checked at use time) until
     * the DAO approves it again. DAO only.
     */
    function removeVerifier(address verifier) external onlyOwner {
        ExecutiveRegistryStorage storage $ = _storage();
        if (!$.verifiers[verifier]) revert ExecutiveRegistryVerifierNotApproved(verifier);
        $.verifiers[verifier] = false;
        emit VerifierRemoved(verifier);
    }

    // ------------------------------------------------------------------ seats

    /// @notice Appoints an enrolled human as executive. DAO only.
    function appoint(address account) external onlyOwner {
        (bytes32 humanId, Human storage h) = _enrolled(account);
        if (h.executive) revert ExecutiveRegistryAlreadyExecutive(account);
        _appoint(humanId, h, account, msg.sender);
    }

    /**
     * @notice A governance committee member approves an enrolled human as executive. When `reviewQuorum` distinct
     * members approved the same human for the same term, the human is appointed. One approval per member per term.
     */
    function approveAppointment(address candidate) external {
        ExecutiveRegistryStorage storage $ = _storage();
        if (!$.committee.isMember(msg.sender)) revert ExecutiveRegistryNotCommitteeMember(msg.sender);
        (bytes32 humanId, Human storage h) = _enrolled(candidate);
        if (h.executive) revert ExecutiveRegistryAlreadyExecutive(candidate);
        mapping(address => bool) storage approvedBy = $.appointmentApprovedBy[humanId][h.term];
        if (approvedBy[msg.sender]) revert ExecutiveRegistryAppointmentAlreadyApproved(msg.sender, candidate);
        approvedBy[msg.sender] = true;
        uint256 approvals = ++h.appointmentApprovals;
        uint256 required = $.constitution.reviewQuorum();
        emit AppointmentApproved(msg.sender, candidate, humanId, approvals, required);
        if (approvals >= required) _appoint(humanId, h, candidate, address($.committee));
    }

    /// @notice Removes an executive: every power (spends, approvals, custody actions) ends at once. DAO only.
    function removeExecutive(address account) external onlyOwner {
        (bytes32 humanId, Human storage h) = _seated(account);
        _remove(humanId, h, account, msg.sender);
    }

    /// @notice An executive steps down.
    function resign() external {
        (bytes32 humanId, Human storage h) = _seated(msg.sender);
        _remove(humanId, h, msg.sender, msg.sender);
    }

    // ------------------------------------------------------------------ budgets

    /**
     * @notice Grants `account` an allowance of `amount` of `asset` per `period` seconds (amount 0 revokes it).
     * Regranting with the same period in the same term keeps what was already spent in the running period;
     * otherwise a new period starts now. DAO only.
     */
    function grantAllowance(address account, address asset, uint128 amount, uint64 period) external onlyOwner {
        if (period == 0) revert ExecutiveRegistryZeroPeriod();
        (bytes32 humanId, Human storage h) = _seated(account);
        Allowance storage a = _storage().allowances[humanId][asset];
        if (a.term != h.term || a.period != period || a.periodStart == 0) {
            a.spent = 0;
            a.periodStart = uint64(block.timestamp);
            a.period = period;
            a.term = h.term;
        }
        a.amount = amount;
        emit AllowanceGranted(humanId, account, asset, amount, period);
    }

    /// @notice Sets the amount of `asset` above which a spend needs co-approval (0: every spend does). DAO only.
    function setSpendThreshold(address asset, uint256 threshold) external onlyOwner {
        _storage().spendThresholds[asset] = threshold;
        emit SpendThresholdSet(asset, threshold);
    }

    /// @notice Sets how many other executives must approve a spend above the threshold. DAO only.
    function setSpendApprovals(uint256 count) external onlyOwner {
        if (count == 0 || count > MAX_SPEND_APPROVALS) revert ExecutiveRegistryInvalidApprovalCount(count);
        _storage().spendApprovals = count;
        emit SpendApprovalsSet(count);
    }

    /**
     * @notice Spends up to the threshold directly from the caller's allowance.
     * @param asset The token, or address(0) for ETH.
     * @param to The recipient.
     * @param amount The amount.
     * @param purpose A hash of the spend's justification (invoice, report...), published off chain.
     */
    function spend(address asset, address to, uint256 amount, bytes32 purpose) external nonReentrant {
        (bytes32 humanId, ) = _active(msg.sender);
        _checkSpend(to, amount);
        uint256 threshold = _storage().spendThresholds[asset];
        if (amount > threshold) revert ExecutiveRegistrySpendNeedsApproval(asset, amount, threshold);
        _consumeAllowance(humanId, asset, amount);
        emit Spent(humanId, asset, to, amount, purpose, 0);
        _transferOut(asset, to, amount);
    }

    /**
     * @notice Proposes a spend (normally one above the threshold) for approval by other executives. The allowance
     * is checked now and consumed at execution.
     * @return id The spend proposal id (from 1).
     */
    function proposeSpend(address asset, address to, uint256 amount, bytes32 purpose) external returns (uint256 id) {
        (bytes32 humanId, ) = _active(msg.sender);
        _checkSpend(to, amount);
        uint256 remaining = _remaining(humanId, asset);
        if (amount > remaining) revert ExecutiveRegistryAllowanceExceeded(asset, amount, remaining);
        ExecutiveRegistryStorage storage $ = _storage();
        id = ++$.spendCount;
        SpendProposal storage p = $.spends[id];
        p.proposer = humanId;
        p.asset = asset;
        p.deadline = uint64(block.timestamp) + SPEND_PROPOSAL_LIFETIME;
        p.status = SpendStatus.Pending;
        p.to = to;
        p.amount = amount;
        p.purpose = purpose;
        emit SpendProposed(id, humanId, asset, to, amount, purpose, p.deadline);
    }

    /// @notice Another active executive approves a pending spend; each human once, never the proposer.
    function approveSpend(uint256 id) external {
        (bytes32 humanId, ) = _active(msg.sender);
        SpendProposal storage p = _pendingSpend(id);
        if (p.proposer == humanId) revert ExecutiveRegistryProposerCannotApprove(id);
        ExecutiveRegistryStorage storage $ = _storage();
        if ($.spendApprovedBy[id][humanId]) revert ExecutiveRegistrySpendAlreadyApproved(id, msg.sender);
        if (p.approvers.length >= MAX_SPEND_APPROVALS) revert ExecutiveRegistryTooManyApprovals(id);
        $.spendApprovedBy[id][humanId] = true;
        p.approvers.push(humanId);
        emit SpendApproved(id, humanId, msg.sender, p.approvers.length);
    }

    /**
     * @notice The proposer executes an approved spend. Re-checks the proposer's standing, the deadline, that at
     * least `spendApprovals` approvers are still active executives (at most {MAX_SPEND_APPROVALS} checks), the
     * allowance and the funds.
     */
    function executeSpend(uint256 id) external nonReentrant {
        (bytes32 humanId, ) = _active(msg.sender);
        SpendProposal storage p = _pendingSpend(id);
        if (p.proposer != humanId) revert ExecutiveRegistryNotSpendProposer(id, msg.sender);
        ExecutiveRegistryStorage storage $ = _storage();
        uint256 active;
        uint256 n = p.approvers.length;
        for (uint256 i = 0; i < n; ++i) {
            if (_isActive($, $.humans[p.approvers[i]])) ++active;
        }
        uint256 required = $.spendApprovals;
        if (active < required) revert ExecutiveRegistryNotEnoughApprovals(id, active, required);
        (address asset, address to, uint256 amount) = (p.asset, p.to, p.amount);
        _consumeAllowance(humanId, asset, amount);
        p.status = SpendStatus.Executed;
        emit Spent(humanId, asset, to, amount, p.purpose, id);
        _transferOut(asset, to, amount);
    }

    /// @notice Cancels a pending spend: its proposer's current account or the DAO.
    function cancelSpend(uint256 id) external {
        ExecutiveRegistryStorage storage $ = _storage();
        SpendProposal storage p = $.spends[id];
        if (p.status == SpendStatus.None) revert ExecutiveRegistryUnknownSpend(id);
        if (p.status != SpendStatus.Pending) revert ExecutiveRegistrySpendNotPending(id, p.status);
        if (msg.sender != owner() && $.humans[p.proposer].account != msg.sender) {
            revert ExecutiveRegistryNotSpendProposer(id, msg.sender);
        }
        p.status = SpendStatus.Cancelled;
        emit SpendCancelled(id, msg.sender);
    }

    /// @notice Sends unspent funds back to the DAO's timelock. DAO only.
    function clawback(address asset, uint256 amount) external onlyOwner nonReentrant {
        if (amount == 0) revert ExecutiveRegistryZeroAmount();
        address to = owner();
        emit FundsClawedBack(asset, to, amount);
        _transferOut(asset, to, amount);
    }

    // ------------------------------------------------------------------ resources

    /**
     * @notice Registers a DAO resource. DAO only.
     * @param custodian An active executive, or address(0) to keep it with the DAO.
     * @return id The resource id (from 1).
     */
    function addResource(
        ResourceKind kind,
        string calldata uri,
        address custodian
    ) external onlyOwner returns (uint256 id) {
        if (bytes(uri).length == 0) revert ExecutiveRegistryEmptyURI();
        bytes32 custodianId = _custodianId(custodian);
        ExecutiveRegistryStorage storage $ = _storage();
        id = ++$.resourceCount;
        Resource storage r = $.resources[id];
        r.kind = kind;
        r.exists = true;
        r.custodian = custodianId;
        r.uri = uri;
        emit ResourceAdded(id, kind, uri, custodian);
    }

    /**
     * @notice Hands custody to another active executive, or back to the DAO (`to` = address(0)). The current
     * custodian (while active) or the DAO.
     */
    function transferCustody(uint256 id, address to) external {
        Resource storage r = _custodianResource(id);
        bytes32 toId = _custodianId(to);
        address from = _custodianAccount(r.custodian);
        r.custodian = toId;
        emit CustodyTransferred(id, from, to);
    }

    /// @notice Updates where a resource lives (e.g. a new endpoint). The current custodian (while active) or the DAO.
    function updateResourceURI(uint256 id, string calldata uri) external {
        if (bytes(uri).length == 0) revert ExecutiveRegistryEmptyURI();
        _custodianResource(id).uri = uri;
        emit ResourceURIUpdated(id, uri);
    }

    /// @notice Removes a resource from the register. DAO only.
    function removeResource(uint256 id) external onlyOwner {
        ExecutiveRegistryStorage storage $ = _storage();
        if (!$.resources[id].exists) revert ExecutiveRegistryUnknownResource(id);
        delete $.resources[id];
        emit ResourceRemoved(id);
    }

    // ------------------------------------------------------------------ views

    /// @notice The standing of `account`.
    function status(address account) external view returns (Status memory s) {
        ExecutiveRegistryStorage storage $ = _storage();
        s.humanId = $.accountHuman[account];
        if (s.humanId == bytes32(0)) return s;
        Human storage h = $.humans[s.humanId];
        s.verifier = h.verifier;
        s.currentAccount = h.account;
        s.expiry = h.expiry;
        s.term = h.term;
        s.enrolled = h.account == account && h.expiry > block.timestamp && $.verifiers[h.verifier];
        s.appointed = h.executive;
        s.active = s.enrolled && h.executive;
    }

    /// @notice Whether `account` may use executive powers now (appointed, current, verified, verifier approved).
    function isExecutive(address account) external view returns (bool) {
        ExecutiveRegistryStorage storage $ = _storage();
        Human storage h = $.humans[$.accountHuman[account]];
        return h.account == account && account != address(0) && _isActive($, h);
    }

    /// @notice Whether `account` is a verified human now (current account, unexpired, verifier approved).
    function isVerifiedHuman(address account) external view returns (bool) {
        ExecutiveRegistryStorage storage $ = _storage();
        Human storage h = $.humans[$.accountHuman[account]];
        return h.account == account && account != address(0) && h.expiry > block.timestamp && $.verifiers[h.verifier];
    }

    /// @notice The human bound to `account` (zero if none). Stays set after a rotation away.
    function humanOf(address account) external view returns (bytes32) {
        return _storage().accountHuman[account];
    }

    /// @notice A human's record.
    function human(bytes32 humanId) external view returns (Human memory) {
        return _storage().humans[humanId];
    }

    /// @notice The human id a verifier's nullifier maps to.
    function humanIdOf(address verifier, bytes32 nullifier) external pure returns (bytes32) {
        return keccak256(abi.encode(verifier, nullifier));
    }

    /// @notice Whether the DAO approved `verifier`.
    function isVerifierApproved(address verifier) external view returns (bool) {
        return _storage().verifiers[verifier];
    }

    /// @notice The number of seated executives (suspended ones included).
    function executiveCount() external view returns (uint256) {
        return _storage().executiveCount;
    }

    /// @notice Committee approvals collected for `candidate`'s next term, and whether `member` gave one.
    function appointmentApprovals(address candidate, address member) external view returns (uint256, bool) {
        ExecutiveRegistryStorage storage $ = _storage();
        bytes32 humanId = $.accountHuman[candidate];
        Human storage h = $.humans[humanId];
        return (h.appointmentApprovals, $.appointmentApprovedBy[humanId][h.term][member]);
    }

    /**
     * @notice `account`'s allowance of `asset`, as it stands now (a lapsed period counts as fresh).
     * @return amount Per period.
     * @return spent In the current period.
     * @return remaining What may still be spent in the current period.
     * @return periodEnd When the current period ends (0 if no valid allowance).
     */
    function allowanceOf(
        address account,
        address asset
    ) external view returns (uint256 amount, uint256 spent, uint256 remaining, uint256 periodEnd) {
        ExecutiveRegistryStorage storage $ = _storage();
        bytes32 humanId = $.accountHuman[account];
        Allowance storage a = $.allowances[humanId][asset];
        if (a.term != $.humans[humanId].term || a.period == 0) return (0, 0, 0, 0);
        (uint64 start, uint128 used) = _rolled(a);
        return (a.amount, used, a.amount > used ? a.amount - used : 0, uint256(start) + a.period);
    }

    /// @notice The amount of `asset` above which a spend needs approvals.
    function spendThreshold(address asset) external view returns (uint256) {
        return _storage().spendThresholds[asset];
    }

    /// @notice How many other executives must approve a spend above the threshold.
    function spendApprovals() external view returns (uint256) {
        return _storage().spendApprovals;
    }

    /// @notice The number of spend proposals made.
    function spendCount() external view returns (uint256) {
        return _storage().spendCount;
    }

    /// @notice A spend proposal.
    function spendProposal(uint256 id) external view returns (SpendProposal memory) {
        return _storage().spends[id];
    }

    /// @notice Whether the human behind `approver` approved spend `id`.
    function hasApprovedSpend(uint256 id, address approver) external view returns (bool) {
        ExecutiveRegistryStorage storage $ = _storage();
        return $.spendApprovedBy[id][$.accountHuman[approver]];
    }

    /// @notice The number of resources registered so far (removed ones included).
    function resourceCount() external view returns (uint256) {
        return _storage().resourceCount;
    }

    /// @notice A resource, with its custodian's current account (zero = the DAO).
    function resource(
        uint256 id
    ) external view returns (ResourceKind kind, string memory uri, address custodian, bytes32 custodianHumanId) {
        Resource storage r = _storage().resources[id];
        if (!r.exists) revert ExecutiveRegistryUnknownResource(id);
        return (r.kind, r.uri, _custodianAccount(r.custodian), r.custodian);
    }

    /// @notice The constitution that gives the committee quorum.
    function constitution() external view returns (IConstitution) {
        return _storage().constitution;
    }

    /// @notice The governance committee.
    function committee() external view returns (IGovernanceCommittee) {
        return _storage().committee;
    }

    // ------------------------------------------------------------------ internals

    function _storage() private pure returns (ExecutiveRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    function _approveVerifier(address verifier) private {
        if (verifier == address(0)) revert ExecutiveRegistryZeroAddress();
        ExecutiveRegistryStorage storage $ = _storage();
        if ($.verifiers[verifier]) revert ExecutiveRegistryVerifierAlreadyApproved(verifier);
        $.verifiers[verifier] = true;
        emit VerifierApproved(verifier);
    }

    /// @dev The human behind `account`, who must be current (not rotated away).
    function _current(address account) private view returns (bytes32 humanId, Human storage h) {
        ExecutiveRegistryStorage storage $ = _storage();
        humanId = $.accountHuman[account];
        if (humanId == bytes32(0)) revert ExecutiveRegistryNotEnrolled(account);
        h = $.humans[humanId];
        if (h.account != account) revert ExecutiveRegistryAccountRotated(account, h.account);
    }

    /// @dev A current, verified human.
    function _enrolled(address account) private view returns (bytes32 humanId, Human storage h) {
        (humanId, h) = _current(account);
        if (!_storage().verifiers[h.verifier]) revert ExecutiveRegistryVerifierNotApproved(h.verifier);
        if (h.expiry <= block.timestamp) revert ExecutiveRegistryVerificationExpired(account, h.expiry);
    }

    /// @dev A current human holding a seat (verification not required: for removal and grants).
    function _seated(address account) private view returns (bytes32 humanId, Human storage h) {
        (humanId, h) = _current(account);
        if (!h.executive) revert ExecutiveRegistryNotExecutive(account);
    }

    /// @dev An executive who may use their powers now.
    function _active(address account) private view returns (bytes32 humanId, Human storage h) {
        (humanId, h) = _enrolled(account);
        if (!h.executive) revert ExecutiveRegistryNotExecutive(account);
    }

    function _isActive(ExecutiveRegistryStorage storage $, Human storage h) private view returns (bool) {
        return h.executive && h.expiry > block.timestamp && $.verifiers[h.verifier];
    }

    function _appoint(bytes32 humanId, Human storage h, address account, address by) private {
        h.executive = true;
        h.appointmentApprovals = 0;
        uint32 term = ++h.term;
        ++_storage().executiveCount;
        emit ExecutiveAppointed(humanId, account, term, by);
    }

    function _remove(bytes32 humanId, Human storage h, address account, address by) private {
        h.executive = false;
        --_storage().executiveCount;
        emit ExecutiveRemoved(humanId, account, by);
    }

    function _checkSpend(address to, uint256 amount) private pure {
        if (to == address(0)) revert ExecutiveRegistryZeroRecipient();
        if (amount == 0) revert ExecutiveRegistryZeroAmount();
    }

    /// @dev The running period's start and spent amount, rolling over in O(1) if periods have elapsed.
    function _rolled(Allowance storage a) private view returns (uint64 start, uint128 spent) {
        start = a.periodStart;
        spent = a.spent;
        if (block.timestamp >= uint256(start) + a.period) {
            start = uint64(block.timestamp - ((block.timestamp - start) % a.period));
            spent = 0;
        }
    }

    function _remaining(bytes32 humanId, address asset) private view returns (uint256) {
        ExecutiveRegistryStorage storage $ = _storage();
        Allowance storage a = $.allowances[humanId][asset];
        if (a.term != $.humans[humanId].term || a.period == 0) return 0;
        (, uint128 spent) = _rolled(a);
        return a.amount > spent ? a.amount - spent : 0;
    }

    function _consumeAllowance(bytes32 humanId, address asset, uint256 amount) private {
        uint256 remaining = _remaining(humanId, asset);
        if (amount > remaining) revert ExecutiveRegistryAllowanceExceeded(asset, amount, remaining);
        Allowance storage a = _storage().allowances[humanId][asset];
        (uint64 start, uint128 spent) = _rolled(a);
        a.periodStart = start;
        a.spent = spent + uint128(amount);
    }

    function _transferOut(address asset, address to, uint256 amount) private {
        uint256 balance = asset == ETH ? address(this).balance : IERC20(asset).balanceOf(address(this));
        if (amount > balance) revert ExecutiveRegistryInsufficientFunds(asset, amount, balance);
        if (asset == ETH) {
            Address.sendValue(payable(to), amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    function _pendingSpend(uint256 id) private view returns (SpendProposal storage p) {
        p = _storage().spends[id];
        if (p.status == SpendStatus.None) revert ExecutiveRegistryUnknownSpend(id);
        if (p.status != SpendStatus.Pending) revert ExecutiveRegistrySpendNotPending(id, p.status);
        if (block.timestamp > p.deadline) revert ExecutiveRegistrySpendExpired(id, p.deadline);
    }

    /// @dev `account` as a custodian: zero (the DAO) or an active executive.
    function _custodianId(address account) private view returns (bytes32 humanId) {
        if (account == address(0)) return bytes32(0);
        (humanId, ) = _active(account);
    }

    function _custodianAccount(bytes32 humanId) private view returns (address) {
        return humanId == bytes32(0) ? address(0) : _storage().humans[humanId].account;
    }

    /// @dev A resource the caller may manage: the DAO, or its custodian while an active executive.
    function _custodianResource(uint256 id) private view returns (Resource storage r) {
        r = _storage().resources[id];
        if (!r.exists) revert ExecutiveRegistryUnknownResource(id);
        if (msg.sender == owner()) return r;
        if (r.custodian == bytes32(0) || _storage().humans[r.custodian].account != msg.sender) {
            revert ExecutiveRegistryNotCustodian(id, msg.sender);
        }
        _active(msg.sender);
    }
}
