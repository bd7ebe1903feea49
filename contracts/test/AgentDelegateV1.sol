// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../interfaces/IConstitution.sol";

/**
 * @title AgentDelegateV1 (test only): the first AgentDelegate implementation (sequential ballot nonces), kept to
 * validate upgrades from it.
 * @notice The DAO's AI delegate: a stable address members delegate their votes to, which votes as the active AGI
 * decides. Only the key of the model in force ({IConstitution-activeAgent}) may cast its votes, directly or by an
 * EIP-712 signature that anyone can relay (the inference node need not hold ETH).
 *
 * Why a contract and not the agent's key: the active agent changes each time a new constitution version comes into
 * force with a newly trained model. Members who delegated to a key would stay with the old model; members who
 * delegate here follow the model in force automatically. Any member can still override this delegate's vote with
 * their own balance on any proposal ({BytomGovernor-castOverrideVote}), or re-delegate at any time.
 */
contract AgentDelegateV1 is DAOControlledUpgradeable, EIP712Upgradeable, NoncesUpgradeable {
    /// @notice EIP-712 type of a ballot signed by the active agent's key. `reason` should carry the agent's published
    /// reasoning (a URI or hash), as the constitution asks.
    bytes32 public constant AGENT_BALLOT_TYPEHASH = keccak256(
        "AgentBallot(uint256 proposalId,uint8 support,string reason,uint256 nonce)"
    );

    /// @custom:storage-location erc7201:bytomdao.storage.AgentDelegate
    struct AgentDelegateStorage {
        IConstitution constitution;
        IGovernor governor;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.AgentDelegate")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xf3d00ef449aa24ec6a4d70424b5b03b5bb1e33844efc2717cee2dcc1fa379b00;

    /// @notice Only the active agent (the operator key of the model in force) may vote with this delegate.
    error AgentDelegateNotActiveAgent(address caller, address activeAgent);
    /// @notice The signature is not the active agent's over this ballot and its current nonce.
    error AgentDelegateInvalidSignature(address activeAgent);
    /// @notice An address argument was zero.
    error AgentDelegateZeroAddress();

    /// @notice The active agent voted with the votes delegated to this contract.
    event AgentVoteCast(
        uint256 indexed proposalId,
        address indexed agent,
        uint8 support,
        uint256 weight,
        string reason,
        bool relayed
    );

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initialises the delegate behind its proxy.
     * @param dao The DAO's timelock (upgrades).
     * @param constitution_ Source of the active agent.
     * @param governor_ The governor this delegate votes on.
     */
    function initialize(address dao, IConstitution constitution_, IGovernor governor_) external initializer {
        if (address(constitution_) == address(0) || address(governor_) == address(0)) {
            revert AgentDelegateZeroAddress();
        }
        __DAOControlled_init(dao);
        __EIP712_init("BytomDAO Agent Delegate", "1");
        __Nonces_init();
        AgentDelegateStorage storage $ = _getStorage();
        $.constitution = constitution_;
        $.governor = governor_;
    }

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

    /**
     * @notice Votes with every vote delegated here. Only the active agent.
     * @return weight The weight counted (delegated votes minus those of delegators who overrode).
     */
    function castVote(uint256 proposalId, uint8 support, string calldata reason) external returns (uint256 weight) {
        address agent = activeAgent();
        if (msg.sender != agent) revert AgentDelegateNotActiveAgent(msg.sender, agent);
        return _vote(proposalId, support, reason, agent, false);
    }

    /**
     * @notice Votes on the active agent's EIP-712 signature, submitted by anyone. The signature covers the agent's
     * nonce, so it cannot be replayed, and is bound to this contract and chain by the EIP-712 domain; a signature by a
     * previous agent is refused once its model is superseded.
     */
    function castVoteBySig(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        bytes calldata signature
    ) external returns (uint256 weight) {
        address agent = activeAgent();
        bytes32 structHash = keccak256(
            abi.encode(AGENT_BALLOT_TYPEHASH, proposalId, support, keccak256(bytes(reason)), _useNonce(agent))
        );
        if (!SignatureChecker.isValidSignatureNow(agent, _hashTypedDataV4(structHash), signature)) {
            revert AgentDelegateInvalidSignature(agent);
        }
        return _vote(proposalId, support, reason, agent, true);
    }

    function _vote(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        address agent,
        bool relayed
    ) private returns (uint256 weight) {
        weight = _getStorage().governor.castVoteWithReason(proposalId, support, reason);
        emit AgentVoteCast(proposalId, agent, support, weight, reason, relayed);
    }

    function _getStorage() private pure returns (AgentDelegateStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
