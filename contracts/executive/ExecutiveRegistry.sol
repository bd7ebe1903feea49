// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConstitution} from "../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../interfaces/IGovernanceCommittee.sol";
import {ExecutiveBudgets} from "./modules/ExecutiveBudgets.sol";
import {ExecutiveResources} from "./modules/ExecutiveResources.sol";

/**
 * @title ExecutiveRegistry
 * @notice The executive committee of BytomDAO: an unlimited number of verified natural persons who run daily
 * operations with budgets the DAO grants them and custody of the DAO's resources (websites, contracts, AI
 * infrastructure).
 * @dev The one deployed contract, combined from four modules with one concern each, the OpenZeppelin way
 * (abstract contracts, ERC-7201 storage per module, types, errors and events in {IExecutiveRegistry}):
 * - {ExecutivePersonhood}: verifiers, humans, accounts, personhood keys, rotation, migration, sunsets;
 * - {ExecutiveAppointments}: seats and terms (DAO or `reviewQuorum` committee members);
 * - {ExecutiveBudgets}: allowances, direct spends, co-approved spends, clawback;
 * - {ExecutiveResources}: the register of DAO resources and their custodians.
 * Every operation is O(1) in the number of executives: standing is checked at use time, never swept.
 *
 * Storage: v2 is a new deployment (v1 ran only on local networks; attestation humans' ids change with the issuer
 * binding, so no v1 state could carry over). The v1 namespace `bytomdao.storage.ExecutiveRegistry` is retired and
 * never reused, so a mistaken upgrade of a v1 proxy could not misread its words.
 *
 * Owner: the DAO's timelock ({DAOControlledUpgradeable}: UUPS, upgrades by the DAO only).
 */
contract ExecutiveRegistry is ExecutiveBudgets, ExecutiveResources {
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
     * @param enrolmentSunsets For each verifier, when it stops enrolling new humans (0: never; World ID 3.0:
     * 1806537600 = 2027-04-01 00:00 UTC).
     */
    function initialize(
        address dao,
        IConstitution constitution_,
        IGovernanceCommittee committee_,
        address[] calldata verifiers,
        uint64[] calldata enrolmentSunsets
    ) external initializer {
        __DAOControlled_init(dao);
        __ExecutivePersonhood_init(verifiers, enrolmentSunsets);
        __ExecutiveAppointments_init(constitution_, committee_);
        __ExecutiveBudgets_init();
    }

    /// @notice The standing of `account`.
    function status(address account) external view returns (Status memory s) {
        s.humanId = _personhood().accountHuman[account];
        if (s.humanId == bytes32(0)) return s;
        Personhood storage h = _personhood().humans[s.humanId];
        Seat storage seat = _appointments().seats[s.humanId];
        s.verifier = h.verifier;
        s.currentAccount = h.account;
        s.expiry = h.expiry;
        s.term = seat.term;
        s.enrolled = h.account == account && _verificationHolds(h);
        s.appointed = seat.executive;
        s.active = s.enrolled && seat.executive;
    }

    /// @notice A human's record.
    function human(bytes32 humanId) external view returns (Human memory) {
        Personhood storage h = _personhood().humans[humanId];
        Seat storage seat = _appointments().seats[humanId];
        uint8 approvals = _roundValid(seat, uint32(_appointments().committee.seatSet())) ? seat.approvals : 0;
        return Human(h.account, h.expiry, seat.term, h.verifier, seat.executive, approvals);
    }
}
