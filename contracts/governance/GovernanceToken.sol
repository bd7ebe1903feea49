// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {VotesExtendedUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesExtendedUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DAOControlledUpgradeable} from "../utils/DAOControlledUpgradeable.sol";

/**
 * @title GovernanceToken
 * @notice The BytomDAO governance token: holders decide. ERC-20 with EIP-2612 permits and ERC-5805 votes on a
 * timestamp clock (ERC-6372 `mode=timestamp`), plus {VotesExtendedUpgradeable} checkpoints of every account's
 * delegate and balance, which let a member override the vote its delegate (for example the AI agent) cast.
 * @dev Capped supply, minted only by the DAO (the timelock). The DAO's treasury never votes: the timelock can
 * neither delegate its tokens nor receive delegated votes, and the Governor leaves its balance out of the quorum
 * base.
 */
contract GovernanceToken is
    ERC20Upgradeable,
    ERC20PermitUpgradeable,
    ERC20VotesUpgradeable,
    VotesExtendedUpgradeable,
    DAOControlledUpgradeable
{
    /// @custom:storage-location erc7201:bytomdao.storage.GovernanceToken
    struct GovernanceTokenStorage {
        uint256 cap;
    }

    // keccak256(abi.encode(uint256(keccak256("bytomdao.storage.GovernanceToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x9dcc7ade9a2e7e9d1491f24c6238f2da2d2ed69c3ae95c1ccf876c845e246500;

    /// @notice The initial distribution's recipient and amount arrays differ in length.
    error GovernanceTokenLengthMismatch(uint256 recipients, uint256 amounts);
    /// @notice The cap is zero or above what ERC20Votes can checkpoint (2^208 - 1).
    error GovernanceTokenInvalidCap(uint256 cap);
    /// @notice A mint would take the supply above the cap.
    error GovernanceTokenCapExceeded(uint256 supplyAfterMint, uint256 cap);
    /// @notice The DAO treasury's tokens never vote: it cannot delegate, nor be delegated to.
    error GovernanceTokenTreasuryCannotVote();

    /// @notice Emitted once at initialisation.
    event CapSet(uint256 cap);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initialises the token behind its proxy.
     * @param name_ ERC-20 name (also the EIP-712 domain name of permits and delegation signatures).
     * @param symbol_ ERC-20 symbol.
     * @param dao The DAO's timelock: the only minter and upgrader.
     * @param cap_ The maximum total supply.
     * @param recipients Initial distribution (the treasury share goes to `dao`).
     * @param amounts Amount per recipient.
     */
    function initialize(
        string calldata name_,
        string calldata symbol_,
        address dao,
        uint256 cap_,
        address[] calldata recipients,
        uint256[] calldata amounts
    ) external initializer {
        if (cap_ == 0 || cap_ > type(uint208).max) revert GovernanceTokenInvalidCap(cap_);
        if (recipients.length != amounts.length)
            revert GovernanceTokenLengthMismatch(recipients.length, amounts.length);
        __ERC20_init(name_, symbol_);
        __ERC20Permit_init(name_);
        __ERC20Votes_init();
        __VotesExtended_init();
        __DAOControlled_init(dao);
        _getStorage().cap = cap_;
        emit CapSet(cap_);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @notice The maximum total supply.
    function cap() public view returns (uint256) {
        return _getStorage().cap;
    }

    /**
     * @notice Mints new tokens. Only the DAO, i.e. only through a proposal that passed the >80% vote.
     * @dev Reverts with {GovernanceTokenCapExceeded} above the cap (and ERC20InvalidReceiver for address 0).
     */
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// @notice ERC-6372: the governance clock is the block timestamp.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20PermitUpgradeable
    function nonces(address owner_) public view override(ERC20PermitUpgradeable, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner_);
    }

    function _update(
        address from,
        address to,
        uint256 value
    ) internal override(ERC20Upgradeable, ERC20VotesUpgradeable) {
        super._update(from, to, value);
        if (from == address(0)) {
            uint256 supply = totalSupply();
            uint256 cap_ = _getStorage().cap;
            if (supply > cap_) revert GovernanceTokenCapExceeded(supply, cap_);
        }
    }

    function _delegate(
        address account,
        address delegatee
    ) internal override(VotesUpgradeable, VotesExtendedUpgradeable) {
        address treasury = owner();
        if (account == treasury || delegatee == treasury) {
            revert GovernanceTokenTreasuryCannotVote();
        }
        super._delegate(account, delegatee);
    }

    function _transferVotingUnits(
        address from,
        address to,
        uint256 amount
    ) internal override(VotesUpgradeable, VotesExtendedUpgradeable) {
        super._transferVotingUnits(from, to, amount);
    }

    function _getStorage() private pure returns (GovernanceTokenStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
