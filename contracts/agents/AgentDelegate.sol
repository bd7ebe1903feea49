// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {VotesExtendedUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesExtendedUpgradeable.sol";
import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";
import {IAgentVoteCap, ICommitteeSeats} from "../interfaces/IAgentOversight.sol";

/// @dev The governor views the delegate needs besides {IGovernor}.
interface IAgentGovernor {
    function token() external view returns (address);

    function timelock() external view returns (address);

    function committee() external view returns (address);
}

/**
 * @title AgentDelegate
 * @notice The DAO's AI delegate: a stable address members delegate their votes to, which votes as the active AGI
 * decides. Only the key of the model in force ({IConstitution-activeAgent}) may cast its votes, directly or by an
 * EIP-712 ballot that anyone can relay (the inference node need not hold ETH).
 *
 * Why a contract and not the agent's key: the active agent changes each time a new constitution version comes into
 * force with a newly trained model. Members who delegated to a key would stay with the old model; members who
 * delegate here follow the model in force automatically. Any member can still override this delegate's vote with
 * their own balance on any proposal ({BytomGovernor-castOverrideVote}), or re-delegate at any time: none of the
 * safeguards below ever stands in the way of either.
 *
 * Safeguards (after the AI-delegate programmes run so far: an oversight committee whose only power is to force an
 * abstain, a bounded weight):
 * - **Ballots** expire, name the model that decided, and are one per proposal (the governor counts the delegate
 *   once), so a withheld ballot can neither be replayed late nor block the ballots of other proposals.
 * - **Vote cap**: the Constitution's `agentVoteCapBps` (0 = off) at the proposal's snapshot caps the weight this
 *   delegate's vote counts with at that share of the voting supply (total supply minus the treasury), applied to its
 *   weight after overrides, whatever their order ({GovernorSupermajorityCountingUpgradeable} capped votes).
 * - **Forced abstain**: `reviewQuorum` current committee members may, once per proposal and before the delegate
 *   voted, oblige it to abstain: it can then only cast Abstain on that proposal.
 * - **Recusal**: on a proposal with any action on a DAO-listed (target, selector) pair the delegate does not vote
 *   at all (`AgentDelegateRecused`): its delegators vote themselves by override. The actions are given with the
 *   vote and checked against the proposal id in O(actions).
 */
contract AgentDelegate is DAOControlledUpgradeable, EIP712Upgradeable {
    /// @notice A ballot of the active model, signed by its operator key and relayed by anyone.
    struct Ballot {
        uint256 proposalId;
        uint8 support; // 0 against, 1 for, 2 abstain
        string reason; // where the agent's published reasoning lives (a URI)
        bytes32 rationaleHash; // hash of that reasoning
        uint256 modelId; // the model that decided: must be the active model when the ballot is counted
        uint256 expiry; // last second (unix time) at which the ballot may be counted
    }

    /// @notice A proposal's actions as the governor hashed them (`hashProposal`), for the recusal check.
    struct ProposalActions {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        bytes32 descriptionHash;
    }

    /// @notice A (target, selector) pair the delegate may not vote on.
    struct Recusal {
        address target;
        bytes4 selector;
    }

    /// @dev Committee signals to force this delegate to abstain on a proposal.
    struct ForceAbstain {
        uint8 signals; // bitmap by seat, valid for `seatSet`
        uint32 seatSet; // the committee's seat-set version the signals were given under
        bool forced;
    }

    /// @notice EIP-712 type of a ballot signed by the active agent's key.
    bytes32 public constant AGENT_BALLOT_TYPEHASH = keccak256(
        "AgentBallot(uint256 proposalId,uint8 support,string reason,bytes32 rationaleHash,uint256 modelId,uint256 expiry)"
    );

    /// @notice A recusal with this selector covers every call to its target.
    bytes4 public constant ANY_SELECTOR = 0xffffffff;

    uint8 private constant _ABSTAIN = 2;

    /// @custom:storage-location erc7201:bytomdao.storage.AgentDelegate
    struct AgentDelegateStorage {
        IConstitution constitution;
        IGovernor governor;
        mapping(address target => mapping(bytes4 selector => bool)) recused;
        mapping(uint256 proposalId => ForceAbstain) forceAbstain;
    }

    /**
     * @dev The former sequential ballot nonces (OpenZeppelin `Nonces`), retired: ballots are now one per proposal.
     * Declared so that upgrades from the first implementation keep the namespace reserved. Never read or written.
     * @custom:storage-location erc7201:openzeppelin.storage.Nonces
     */
    struct NoncesStorage {
        mapping(address account => uint256) _nonces;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.AgentDelegate")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xf3d00ef449aa24ec6a4d70424b5b03b5bb1e33844efc2717cee2dcc1fa379b00;

    /// @notice Only the active agent (the operator key of the model in force) may vote with this delegate.
    error AgentDelegateNotActiveAgent(address caller, address activeAgent);
    /// @notice The signature is not the active agent's over this ballot.
    error AgentDelegateInvalidSignature(address activeAgent);
    /// @notice The ballot expired at `expiry`.
    error AgentDelegateBallotExpired(uint256 expiry);
    /// @notice The ballot was decided by `modelId`, which is not the active model.
    error AgentDelegateWrongModel(uint256 modelId, uint256 activeModelId);
    /// @notice The committee forced this delegate to abstain on `proposalId`: only Abstain can be cast.
    error AgentDelegateForcedAbstain(uint256 proposalId);
    /// @notice An action of `proposalId` calls a recused (target, selector): this delegate does not vote on it.
    error AgentDelegateRecused(uint256 proposalId, address target, bytes4 selector);
    /// @notice The actions given are not those of `proposalId`.
    error AgentDelegateActionsMismatch(uint256 proposalId);
    /// @notice The caller holds no committee seat.
    error AgentDelegateNotCommitteeMember(address account);
    /// @notice A forced abstain needs a reason.
    error AgentDelegateEmptyReason();
    /// @notice Abstain can be forced only while the proposal is Pending or Active.
    error AgentDelegateProposalNotOpen(uint256 proposalId, IGovernor.ProposalState state);
    /// @notice The delegate already voted on `proposalId`: it is too late to force an abstain.
    error AgentDelegateAlreadyVoted(uint256 proposalId);
    /// @notice The abstain on `proposalId` was already forced (once per proposal).
    error AgentDelegateAlreadyForced(uint256 proposalId);
    /// @notice This member already signalled on `proposalId` (under the current seat set).
    error AgentDelegateAlreadySignaled(uint256 proposalId, address member);
    /// @notice The recusal of (target, selector) is already `recused`.
    error AgentDelegateRecusalUnchanged(address target, bytes4 selector, bool recused);
    /// @notice An address argument was zero.
    error AgentDelegateZeroAddress();

    /**
     * @notice The active agent voted with the votes delegated to this contract.
     * @param modelId The active model (the Constitution's) when the vote was counted.
     * @param weight The weight counted: delegated votes less overrides, capped.
     * @param rationaleHash Hash of the agent's published reasoning; `reason` says where it lives.
     */
    event AgentVoteCast(
        uint256 indexed proposalId,
        address indexed agent,
        uint256 indexed modelId,
        uint8 support,
        uint256 weight,
        bytes32 rationaleHash,
        string reason,
        bool relayed
    );
    /// @notice A committee member signalled that this delegate must abstain on `proposalId`.
    event ForceAbstainSignaled(uint256 indexed proposalId, address indexed member, uint256 signals, string reason);
    /// @notice `reviewQuorum` members signalled: this delegate can only abstain on `proposalId`.
    event AgentAbstainForced(uint256 indexed proposalId, uint256 signals);
    /// @notice The DAO added or removed a recused (target, selector).
    event RecusalSet(address indexed target, bytes4 indexed selector, bool recused);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initialises the delegate behind its proxy. Every call to this contract itself is recused (its
     * upgrades and recusal list are never voted on by the AI), besides `recusals`.
     * @param dao The DAO's timelock (upgrades, the recusal list).
     * @param constitution_ Source of the active agent and model, the review quorum and the vote cap.
     * @param governor_ The governor this delegate votes on (and its committee).
     * @param recusals The (target, selector) pairs the delegate may not vote on (no zero target).
     */
    function initialize(
        address dao,
        IConstitution constitution_,
        IGovernor governor_,
        Recusal[] calldata recusals
    ) external initializer {
        if (address(constitution_) == address(0) || address(governor_) == address(0)) {
            revert AgentDelegateZeroAddress();
        }
        __DAOControlled_init(dao);
        __EIP712_init("BytomDAO Agent Delegate", "1");
        AgentDelegateStorage storage $ = _getStorage();
        $.constitution = constitution_;
        $.governor = governor_;
        _setRecusal(address(this), ANY_SELECTOR, true);
        for (uint256 i = 0; i < recusals.length; ++i) _setRecusal(recusals[i].target, recusals[i].selector, true);
    }

    // ------------------------------------------------------------------ views

    /// @notice The key allowed to vote now: the operator of the model in force.
    function activeAgent() public view returns (address) {
        return _getStorage().constitution.activeAgent();
    }

    /// @notice The constitution the active agent is read from.
    function constitution() external view returns (IConstitution) {
        return _getStorage().constitution;
    }

    /// @notice The governor this delegate votes on.
    function governor() external view returns (IGovernor) {
        return _getStorage().governor;
    }

    /// @notice The EIP-712 digest the active agent signs for `ballot`.
    function hashBallot(Ballot calldata ballot) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        AGENT_BALLOT_TYPEHASH,
                        ballot.proposalId,
                        ballot.support,
                        keccak256(bytes(ballot.reason)),
                        ballot.rationaleHash,
                        ballot.modelId,
                        ballot.expiry
                    )
                )
            );
    }

    /// @notice Whether a call to `target` with `selector` is recused (listed itself, or the target with any selector).
    function isRecused(address target, bytes4 selector) public view returns (bool) {
        mapping(bytes4 => bool) storage r = _getStorage().recused[target];
        return r[selector] || r[ANY_SELECTOR];
    }

    /// @notice Whether the committee forced this delegate to abstain on `proposalId`.
    function isAbstainForced(uint256 proposalId) external view returns (bool) {
        return _getStorage().forceAbstain[proposalId].forced;
    }

    /// @notice The signals to force an abstain on `proposalId` that count (given under the current seat set).
    function forceAbstainSignals(uint256 proposalId) external view returns (uint256) {
        ForceAbstain storage f = _getStorage().forceAbstain[proposalId];
        return f.seatSet == _committee().seatSet() ? _popcount(f.signals) : 0;
    }

    /**
     * @notice The cap on this delegate's counted weight on `proposalId`: the Constitution's cap at the snapshot and
     * the weight it allows (`type(uint256).max` when off).
     */
    function voteCap(uint256 proposalId) public view returns (uint256 capBps, uint256 maxWeight) {
        AgentDelegateStorage storage $ = _getStorage();
        uint256 snapshot = $.governor.proposalSnapshot(proposalId);
        capBps = IAgentVoteCap(address($.constitution)).agentVoteCapBpsAt(snapshot);
        // Before the snapshot the supply is not final (and the governor refuses the vote anyway).
        if (capBps == 0 || snapshot >= block.timestamp) return (capBps, type(uint256).max);
        IAgentGovernor g = IAgentGovernor(address($.governor));
        VotesExtendedUpgradeable token = VotesExtendedUpgradeable(g.token());
        uint256 supply = token.getPastTotalSupply(snapshot) - token.getPastBalanceOf(g.timelock(), snapshot);
        maxWeight = (supply * capBps) / 10_000;
    }

    // ------------------------------------------------------------ voting

    /**
     * @notice Votes with every vote delegated here. Only the active agent.
     * @param rationaleHash Hash of the reasoning published at `reason`.
     * @param actions The proposal's actions (from its `ProposalCreated` event), checked for recusal.
     * @return weight The weight counted (delegated votes less overrides, capped).
     */
    function castVote(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        bytes32 rationaleHash,
        ProposalActions calldata actions
    ) external returns (uint256 weight) {
        address agent = activeAgent();
        if (msg.sender != agent) revert AgentDelegateNotActiveAgent(msg.sender, agent);
        weight = _vote(proposalId, support, reason, actions);
        emit AgentVoteCast(
            proposalId,
            agent,
            _getStorage().constitution.activeModelId(),
            support,
            weight,
            rationaleHash,
            reason,
            false
        );
    }

    /**
     * @notice Votes on the active agent's EIP-712 ballot, submitted by anyone. The ballot is bound to this contract
     * and chain (domain), to the active model (`modelId`) and expires at `expiry`; it can count once, as the governor
     * counts this delegate once per proposal. Ballots for other proposals are independent: no sequential nonce.
     * @param actions The proposal's actions, checked for recusal (not part of the signature: they are checked
     * against the proposal id).
     */
    function castVoteBySig(
        Ballot calldata ballot,
        ProposalActions calldata actions,
        bytes calldata signature
    ) external returns (uint256 weight) {
        address agent = activeAgent();
        if (!SignatureChecker.isValidSignatureNow(agent, hashBallot(ballot), signature)) {
            revert AgentDelegateInvalidSignature(agent);
        }
        if (block.timestamp > ballot.expiry) revert AgentDelegateBallotExpired(ballot.expiry);
        uint256 activeModelId = _getStorage().constitution.activeModelId();
        if (ballot.modelId != activeModelId) revert AgentDelegateWrongModel(ballot.modelId, activeModelId);
        weight = _vote(ballot.proposalId, ballot.support, ballot.reason, actions);
        emit AgentVoteCast(
            ballot.proposalId,
            agent,
            activeModelId,
            ballot.support,
            weight,
            ballot.rationaleHash,
            ballot.reason,
            true
        );
    }

    // ------------------------------------------------------- oversight

    /**
     * @notice Signals that this delegate must abstain on `proposalId`. Committee members only, while the proposal is
     * Pending or Active and before the delegate voted. When `reviewQuorum` distinct members signalled under the
     * current seat set (a seat change voids earlier signals), the abstain is forced: once per proposal.
     * @param reason Why (published in the event).
     */
    function signalForceAbstain(uint256 proposalId, string calldata reason) external {
        AgentDelegateStorage storage $ = _getStorage();
        ICommitteeSeats committee = _committee();
        uint256 seat = committee.seatOf(msg.sender);
        if (seat == 0) revert AgentDelegateNotCommitteeMember(msg.sender);
        if (bytes(reason).length == 0) revert AgentDelegateEmptyReason();
        IGovernor.ProposalState state = $.governor.state(proposalId);
        if (state != IGovernor.ProposalState.Pending && state != IGovernor.ProposalState.Active) {
            revert AgentDelegateProposalNotOpen(proposalId, state);
        }
        if ($.governor.hasVoted(proposalId, address(this))) revert AgentDelegateAlreadyVoted(proposalId);
        ForceAbstain storage f = $.forceAbstain[proposalId];
        if (f.forced) revert AgentDelegateAlreadyForced(proposalId);
        uint32 seatSet = uint32(committee.seatSet());
        if (f.seatSet != seatSet) {
            f.signals = 0;
            f.seatSet = seatSet;
        }
        uint8 bit = uint8(1 << (seat - 1));
        if (f.signals & bit != 0) revert AgentDelegateAlreadySignaled(proposalId, msg.sender);
        f.signals |= bit;
        uint256 signals = _popcount(f.signals);
        emit ForceAbstainSignaled(proposalId, msg.sender, signals, reason);
        // ">=": the DAO may have lowered the review quorum below the signals already given.
        if (signals >= $.constitution.reviewQuorum()) {
            f.forced = true;
            emit AgentAbstainForced(proposalId, signals);
        }
    }

    /**
     * @notice Adds or removes a (target, selector) pair the delegate may not vote on; `ANY_SELECTOR` covers every
     * call to `target`, `0x00000000` calls with empty calldata. Only the DAO.
     */
    function setRecusal(address target, bytes4 selector, bool recused) external onlyOwner {
        if (_getStorage().recused[target][selector] == recused) {
            revert AgentDelegateRecusalUnchanged(target, selector, recused);
        }
        _setRecusal(target, selector, recused);
    }

    // ---------------------------------------------------------- internals

    /// @dev Checks the forced abstain and the recusal, then votes with the capped weight.
    function _vote(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        ProposalActions calldata actions
    ) private returns (uint256 weight) {
        AgentDelegateStorage storage $ = _getStorage();
        if (support != _ABSTAIN && $.forceAbstain[proposalId].forced) revert AgentDelegateForcedAbstain(proposalId);
        _checkRecusal(proposalId, actions);
        (, uint256 maxWeight) = voteCap(proposalId);
        weight =
            maxWeight == type(uint256).max
                ? $.governor.castVoteWithReason(proposalId, support, reason)
                : $.governor.castVoteWithReasonAndParams(proposalId, support, reason, abi.encode(maxWeight));
    }

    /// @dev Reverts unless `actions` are `proposalId`'s and none of them is recused. O(actions).
    function _checkRecusal(uint256 proposalId, ProposalActions calldata actions) private view {
        try
            _getStorage().governor.getProposalId(
                actions.targets,
                actions.values,
                actions.calldatas,
                actions.descriptionHash
            )
        returns (uint256 id) {
            if (id != proposalId) revert AgentDelegateActionsMismatch(proposalId);
        } catch {
            revert AgentDelegateActionsMismatch(proposalId);
        }
        for (uint256 i = 0; i < actions.targets.length; ++i) {
            bytes4 selector = bytes4(actions.calldatas[i]);
            if (isRecused(actions.targets[i], selector)) {
                revert AgentDelegateRecused(proposalId, actions.targets[i], selector);
            }
        }
    }

    function _setRecusal(address target, bytes4 selector, bool recused) private {
        if (target == address(0)) revert AgentDelegateZeroAddress();
        _getStorage().recused[target][selector] = recused;
        emit RecusalSet(target, selector, recused);
    }

    function _committee() private view returns (ICommitteeSeats) {
        return ICommitteeSeats(IAgentGovernor(address(_getStorage().governor)).committee());
    }

    function _popcount(uint8 bits) private pure returns (uint256 count) {
        for (; bits != 0; bits &= bits - 1) ++count;
    }

    function _getStorage() private pure returns (AgentDelegateStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
