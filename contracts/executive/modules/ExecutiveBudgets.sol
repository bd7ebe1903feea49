// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ExecutiveAppointments} from "./ExecutiveAppointments.sol";

/**
 * @title ExecutiveBudgets
 * @notice Module of the {ExecutiveRegistry}: operational budgets. The registry holds ETH and ERC20 tokens the DAO
 * sends; the DAO grants each executive an allowance per asset (ETH = address(0)) per period. Spends up to the
 * asset's threshold are direct; above it, a spend is proposed and needs `spendApprovals` approvals from other
 * active executives before the proposer executes it. The threshold bounds the SUM of an executive's direct spends
 * of an asset in a period, not each call: ten spends just under it cannot move ten times it without co-approval.
 * @dev One concern: money. Execution re-checks everything (the proposer's and approvers' standing, the
 * allowance, the funds); the approver re-check is bounded by {MAX_SPEND_APPROVALS}, never by the number of
 * executives. Allowances, spend proposals and spend approvals belong to the term they were made in: an approval
 * counts only while its approver is active in that same term, a proposal only while its proposer is.
 *
 * Storage: ERC-7201 namespace `bytomdao.storage.ExecutiveBudgets`.
 */
abstract contract ExecutiveBudgets is ExecutiveAppointments, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev An allowance of one executive for one asset.
    struct Allowance {
        uint128 amount; // per period
        uint128 spent; // in the current period (direct and co-approved)
        uint64 period; // seconds
        uint64 periodStart;
        uint32 term; // the appointment term it was granted in
        uint96 directSpent; // spent directly (without co-approval) in the current period: at most the threshold
    }

    /// @custom:storage-location erc7201:bytomdao.storage.ExecutiveBudgets
    struct BudgetsStorage {
        mapping(bytes32 humanId => mapping(address asset => Allowance)) allowances;
        mapping(address asset => uint256) spendThresholds;
        uint256 spendApprovals;
        uint256 spendCount;
        mapping(uint256 id => SpendProposal) spends;
        mapping(uint256 id => mapping(bytes32 humanId => uint32 term)) spendApprovalTerm; // 0: never approved
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ExecutiveBudgets")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BUDGETS_STORAGE = 0x997e8e3ffebf2bb14b823a501c802bb57d061ed6539bad0658f92083a48e4500;

    /// @notice ETH, as an asset.
    address public constant ETH = address(0);
    /// @notice The most approvals the DAO may require for a spend (bounds the re-check at execution).
    uint256 public constant MAX_SPEND_APPROVALS = 16;
    /// @notice How long a spend proposal can be approved and executed.
    uint64 public constant SPEND_PROPOSAL_LIFETIME = 30 days;
    /// @notice The highest threshold the DAO may set (direct spends are counted in 96 bits).
    uint256 public constant MAX_SPEND_THRESHOLD = type(uint96).max;

    // solhint-disable-next-line func-name-mixedcase
    function __ExecutiveBudgets_init() internal onlyInitializing {
        _budgets().spendApprovals = 1;
        emit SpendApprovalsSet(1);
    }

    /// @notice Accepts ETH for operational budgets (normally sent by the DAO's timelock).
    receive() external payable {
        emit FundsReceived(msg.sender, msg.value);
    }

    // ------------------------------------------------------------------ DAO

    /**
     * @notice Grants `account` an allowance of `amount` of `asset` per `period` seconds (amount 0 revokes it).
     * Regranting with the same period in the same term keeps what was already spent in the running period;
     * otherwise a new period starts now. DAO only.
     */
    function grantAllowance(address account, address asset, uint128 amount, uint64 period) external onlyOwner {
        if (period == 0) revert ExecutiveRegistryZeroPeriod();
        (bytes32 humanId, Seat storage s) = _seated(account);
        Allowance storage a = _budgets().allowances[humanId][asset];
        uint32 term = s.term;
        if (a.term != term || a.period != period || a.periodStart == 0) {
            a.spent = 0;
            a.directSpent = 0;
            a.periodStart = uint64(block.timestamp);
            a.period = period;
            a.term = term;
        }
        a.amount = amount;
        emit AllowanceGranted(humanId, account, asset, amount, period);
    }

    /**
     * @notice Sets how much of `asset` each executive may spend directly per allowance period, in total; beyond
     * it spends need co-approval (0: every spend does). At most {MAX_SPEND_THRESHOLD}. DAO only.
     */
    function setSpendThreshold(address asset, uint256 threshold) external onlyOwner {
        if (threshold > MAX_SPEND_THRESHOLD) revert ExecutiveRegistryThresholdTooHigh(threshold);
        _budgets().spendThresholds[asset] = threshold;
        emit SpendThresholdSet(asset, threshold);
    }

    /// @notice Sets how many other executives must approve a spend above the threshold. DAO only.
    function setSpendApprovals(uint256 count) external onlyOwner {
        if (count == 0 || count > MAX_SPEND_APPROVALS) revert ExecutiveRegistryInvalidApprovalCount(count);
        _budgets().spendApprovals = count;
        emit SpendApprovalsSet(count);
    }

    /// @notice Sends unspent funds back to the DAO's timelock. DAO only.
    function clawback(address asset, uint256 amount) external onlyOwner nonReentrant {
        if (amount == 0) revert ExecutiveRegistryZeroAmount();
        address to = owner();
        emit FundsClawedBack(asset, to, amount);
        _transferOut(asset, to, amount);
    }

    // ------------------------------------------------------------------ executives

    /**
     * @notice Spends directly from the caller's allowance, as long as the caller's direct spends of `asset` in
     * this period stay within the threshold (above it: {proposeSpend}). Active executives only.
     * @param asset The token, or address(0) for ETH.
     * @param to The recipient.
     * @param amount The amount.
     * @param purpose A hash of the spend's justification (invoice, report...), published off chain.
     */
    function spend(address asset, address to, uint256 amount, bytes32 purpose) external nonReentrant {
        (bytes32 humanId, ) = _active(msg.sender);
        _checkSpend(to, amount);
        uint256 directRemaining = _directRemaining(humanId, asset);
        if (amount > directRemaining) revert ExecutiveRegistrySpendNeedsApproval(asset, amount, directRemaining);
        _consumeAllowance(humanId, asset, amount, true);
        emit Spent(humanId, asset, to, amount, purpose, 0);
        _transferOut(asset, to, amount);
    }

    /**
     * @notice Proposes a spend (normally one above the threshold) for approval by other executives. The allowance
     * is checked now and consumed at execution. Active executives only.
     * @return id The spend proposal id (from 1).
     */
    function proposeSpend(address asset, address to, uint256 amount, bytes32 purpose) external returns (uint256 id) {
        (bytes32 humanId, uint32 term) = _active(msg.sender);
        _checkSpend(to, amount);
        uint256 remaining = _remaining(humanId, asset);
        if (amount > remaining) revert ExecutiveRegistryAllowanceExceeded(asset, amount, remaining);
        BudgetsStorage storage $ = _budgets();
        id = ++$.spendCount;
        SpendProposal storage p = $.spends[id];
        p.proposer = humanId;
        p.asset = asset;
        p.deadline = uint64(block.timestamp) + SPEND_PROPOSAL_LIFETIME;
        p.status = SpendStatus.Pending;
        p.to = to;
        p.proposerTerm = term;
        p.amount = amount;
        p.purpose = purpose;
        emit SpendProposed(id, humanId, asset, to, amount, purpose, p.deadline);
    }

    /**
     * @notice Another active executive approves a pending spend; each human once per term, never the proposer.
     * An approval counts only while its approver stays active in the term it was given in; an approver re-appointed
     * since may approve again in their new term.
     */
    function approveSpend(uint256 id) external {
        (bytes32 humanId, uint32 term) = _active(msg.sender);
        SpendProposal storage p = _pendingSpend(id);
        if (p.proposer == humanId) revert ExecutiveRegistryProposerCannotApprove(id);
        mapping(bytes32 => uint32) storage approvalTerm = _budgets().spendApprovalTerm[id];
        uint32 previous = approvalTerm[humanId];
        if (previous == term) revert ExecutiveRegistrySpendAlreadyApproved(id, msg.sender);
        if (previous == 0) {
            if (p.approvers.length >= MAX_SPEND_APPROVALS) revert ExecutiveRegistryTooManyApprovals(id);
            p.approvers.push(humanId);
        }
        approvalTerm[humanId] = term;
        emit SpendApproved(id, humanId, msg.sender, p.approvers.length);
    }

    /**
     * @notice The proposer executes an approved spend. Re-checks the proposer's standing (in the term they proposed
     * in), the deadline, that at least `spendApprovals` approvers are active executives in the term they approved
     * in (at most {MAX_SPEND_APPROVALS} checks), the allowance and the funds.
     */
    function executeSpend(uint256 id) external nonReentrant {
        (bytes32 humanId, uint32 term) = _active(msg.sender);
        SpendProposal storage p = _pendingSpend(id);
        if (p.proposer != humanId) revert ExecutiveRegistryNotSpendProposer(id, msg.sender);
        if (p.proposerTerm != term) revert ExecutiveRegistrySpendTermEnded(id, p.proposerTerm);
        uint256 active = _validApprovals(id, p);
        uint256 required = _budgets().spendApprovals;
        if (active < required) revert ExecutiveRegistryNotEnoughApprovals(id, active, required);
        (address asset, address to, uint256 amount) = (p.asset, p.to, p.amount);
        _consumeAllowance(humanId, asset, amount, false);
        p.status = SpendStatus.Executed;
        emit Spent(humanId, asset, to, amount, p.purpose, id);
        _transferOut(asset, to, amount);
    }

    /// @notice Cancels a pending spend: its proposer's current account or the DAO.
    function cancelSpend(uint256 id) external {
        SpendProposal storage p = _budgets().spends[id];
        if (p.status == SpendStatus.None) revert ExecutiveRegistryUnknownSpend(id);
        if (p.status != SpendStatus.Pending) revert ExecutiveRegistrySpendNotPending(id, p.status);
        if (msg.sender != owner() && _accountOf(p.proposer) != msg.sender) {
            revert ExecutiveRegistryNotSpendProposer(id, msg.sender);
        }
        p.status = SpendStatus.Cancelled;
        emit SpendCancelled(id, msg.sender);
    }

    // ------------------------------------------------------------------ views

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
        bytes32 humanId = _personhood().accountHuman[account];
        Allowance storage a = _budgets().allowances[humanId][asset];
        if (a.term != _termOf(humanId) || a.period == 0) return (0, 0, 0, 0);
        (uint64 start, uint128 used, ) = _rolled(a);
        return (a.amount, used, a.amount > used ? a.amount - used : 0, uint256(start) + a.period);
    }

    /// @notice What `account` may still spend of `asset` directly (without co-approval) in the current period.
    function directSpendRemaining(address account, address asset) external view returns (uint256) {
        return _directRemaining(_personhood().accountHuman[account], asset);
    }

    /// @notice The amount of `asset` above which a spend needs approvals.
    function spendThreshold(address asset) external view returns (uint256) {
        return _budgets().spendThresholds[asset];
    }

    /// @notice How many other executives must approve a spend above the threshold.
    function spendApprovals() external view returns (uint256) {
        return _budgets().spendApprovals;
    }

    /// @notice The number of spend proposals made.
    function spendCount() external view returns (uint256) {
        return _budgets().spendCount;
    }

    /// @notice A spend proposal.
    function spendProposal(uint256 id) external view returns (SpendProposal memory) {
        return _budgets().spends[id];
    }

    /// @notice Whether the human behind `approver` approved spend `id` in their current term.
    function hasApprovedSpend(uint256 id, address approver) external view returns (bool) {
        bytes32 humanId = _personhood().accountHuman[approver];
        uint32 term = _budgets().spendApprovalTerm[id][humanId];
        return term != 0 && term == _termOf(humanId);
    }

    // ------------------------------------------------------------------ private

    function _budgets() private pure returns (BudgetsStorage storage $) {
        assembly {
            $.slot := BUDGETS_STORAGE
        }
    }

    function _checkSpend(address to, uint256 amount) private pure {
        if (to == address(0)) revert ExecutiveRegistryZeroRecipient();
        if (amount == 0) revert ExecutiveRegistryZeroAmount();
    }

    /// @dev The running period's start, spent and directly spent amounts, rolling over in O(1) if periods elapsed.
    function _rolled(Allowance storage a) private view returns (uint64 start, uint128 spent, uint96 direct) {
        start = a.periodStart;
        spent = a.spent;
        direct = a.directSpent;
        if (block.timestamp >= uint256(start) + a.period) {
            start = uint64(block.timestamp - ((block.timestamp - start) % a.period));
            spent = 0;
            direct = 0;
        }
    }

    /// @dev What the human may still spend directly in this period: the threshold minus this period's direct spends.
    function _directRemaining(bytes32 humanId, address asset) private view returns (uint256) {
        BudgetsStorage storage $ = _budgets();
        uint256 threshold = $.spendThresholds[asset];
        Allowance storage a = $.allowances[humanId][asset];
        if (a.term != _termOf(humanId) || a.period == 0) return threshold;
        (, , uint96 direct) = _rolled(a);
        return threshold > direct ? threshold - direct : 0;
    }

    function _remaining(bytes32 humanId, address asset) private view returns (uint256) {
        Allowance storage a = _budgets().allowances[humanId][asset];
        if (a.term != _termOf(humanId) || a.period == 0) return 0;
        (, uint128 spent, ) = _rolled(a);
        return a.amount > spent ? a.amount - spent : 0;
    }

    /// @dev Consumes `amount` of the allowance; `direct` spends also count against the threshold.
    function _consumeAllowance(bytes32 humanId, address asset, uint256 amount, bool direct) private {
        uint256 remaining = _remaining(humanId, asset);
        if (amount > remaining) revert ExecutiveRegistryAllowanceExceeded(asset, amount, remaining);
        Allowance storage a = _budgets().allowances[humanId][asset];
        (uint64 start, uint128 spent, uint96 directSpent) = _rolled(a);
        a.periodStart = start;
        a.spent = spent + uint128(amount);
        // direct spends never exceed the threshold, itself at most type(uint96).max: no overflow
        a.directSpent = direct ? directSpent + uint96(amount) : directSpent;
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

    /// @dev Approvers of spend `id` active in the term they approved in (at most {MAX_SPEND_APPROVALS} checks).
    function _validApprovals(uint256 id, SpendProposal storage p) private view returns (uint256 active) {
        mapping(bytes32 => uint32) storage approvalTerm = _budgets().spendApprovalTerm[id];
        uint256 n = p.approvers.length;
        for (uint256 i = 0; i < n; ++i) {
            bytes32 approver = p.approvers[i];
            if (_isActiveIn(approver, approvalTerm[approver])) ++active;
        }
    }

    function _pendingSpend(uint256 id) private view returns (SpendProposal storage p) {
        p = _budgets().spends[id];
        if (p.status == SpendStatus.None) revert ExecutiveRegistryUnknownSpend(id);
        if (p.status != SpendStatus.Pending) revert ExecutiveRegistrySpendNotPending(id, p.status);
        if (block.timestamp > p.deadline) revert ExecutiveRegistrySpendExpired(id, p.deadline);
    }
}
