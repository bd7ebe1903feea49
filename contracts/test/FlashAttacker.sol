// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IFlashBorrower, FlashLender} from "./FlashLender.sol";

interface IAttackedGovernor {
    function castVote(uint256 proposalId, uint8 support) external returns (uint256);
}

interface IAttackedCommittee {
    function submitDraft(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external returns (uint256);

    function backDraft(uint256 draftId, uint256 revision) external;
}

/**
 * @title FlashAttacker
 * @notice Test-only Beanstalk-style attacker: borrows the lender's tokens, delegates them to itself and, in the same
 * transaction, votes, drafts or backs an initiative; then repays.
 */
contract FlashAttacker is IFlashBorrower {
    enum Mode {
        Vote,
        Draft,
        Back
    }

    FlashLender public immutable lender;
    IAttackedGovernor public immutable governor;
    IAttackedCommittee public immutable committee;

    /// @notice Voting power seen inside the loan (after self-delegation).
    uint256 public votesDuringLoan;
    /// @notice Weight the governor counted for the vote cast inside the loan.
    uint256 public weightCounted;

    constructor(FlashLender lender_, IAttackedGovernor governor_, IAttackedCommittee committee_) {
        lender = lender_;
        governor = governor_;
        committee = committee_;
    }

    /// @notice Delegates whatever the attacker holds outside a loan (its honest, pre-snapshot stake).
    function delegateSelf(IVotes token) external {
        token.delegate(address(this));
    }

    /// @notice Runs the attack: `mode` picks what is attempted with the borrowed voting power.
    function attack(uint256 amount, Mode mode, uint256 id, uint256 revision) external {
        lender.flashLoan(this, amount, abi.encode(mode, id, revision));
    }

    /// @inheritdoc IFlashBorrower
    function onFlashLoan(
        address,
        address token,
        uint256 amount,
        uint256,
        bytes calldata data
    ) external returns (bytes32) {
        (Mode mode, uint256 id, uint256 revision) = abi.decode(data, (Mode, uint256, uint256));
        IVotes(token).delegate(address(this));
        votesDuringLoan = IVotes(token).getVotes(address(this));
        if (mode == Mode.Vote) {
            weightCounted = governor.castVote(id, 1);
        } else if (mode == Mode.Draft) {
            address[] memory targets = new address[](1);
            targets[0] = token;
            uint256[] memory values = new uint256[](1);
            bytes[] memory calldatas = new bytes[](1);
            calldatas[0] = abi.encodeCall(IERC20.transfer, (address(this), amount));
            committee.submitDraft(targets, values, calldatas, "Flash-loan draft");
        } else {
            committee.backDraft(id, revision);
        }
        IERC20(token).transfer(address(lender), amount);
        return lender.CALLBACK_SUCCESS();
    }
}
