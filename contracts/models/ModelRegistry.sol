// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConstitution} from "../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../interfaces/IGovernanceCommittee.sol";
import {ModelDataProofs} from "./modules/ModelDataProofs.sol";
import {ModelEvaluationUpgradeable} from "./modules/ModelEvaluationUpgradeable.sol";
import {ModelTrainingUpgradeable} from "./modules/ModelTrainingUpgradeable.sol";

/**
 * @title ModelRegistry
 * @notice The AGI constitution lifecycle of BytomDAO: ecosystem builders, training requests opened by ratified
 * amendments, anchored training runs and checkpoints, evaluations by the committee and appointed evaluators, a
 * challenge window, and the activation that puts a constitution version in force with its model as the active AGI.
 * @dev The one deployed contract, combining one module per concern, OpenZeppelin style:
 *
 * - {ModelRegistryBaseUpgradeable}: the V1 state, at V1's ERC-7201 location (DAO-controlled, UUPS);
 * - {ModelBuildersUpgradeable}: builders and roles;
 * - {ModelTrainingUpgradeable}: requests, runs, checkpoints, completion (the {IModelRegistry} hook);
 * - {ModelEvaluationUpgradeable}: evaluators, ballots, the challenge window, failure, rejection, activation
 *   (its own namespace, `erc7201:bytomdao.storage.ModelEvaluation`);
 * - {ModelDataProofs}: `verifyTrainingData`, `verifyWeights`, `leafOf` (stateless).
 *
 * Events and errors are declared in `IModelRegistryEvents` / `IModelRegistryErrors`. Run lifecycle: `Training`
 * (checkpoints) → `Evaluating` (final weights submitted) → `Passed` (passes reached the constitution's
 * `reviewQuorum`; challenge window) → `Activated`; or `Failed` (fails leave the quorum out of reach, or rejected
 * by the DAO or the committee). A failed run leaves its request open for another run.
 */
contract ModelRegistry is ModelEvaluationUpgradeable, ModelDataProofs {
    /// @notice The constitution version whose model is registered at initialization.
    uint256 public constant GENESIS_VERSION = 1;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Sets up the registry behind its proxy and registers model #1, the founding constitution's model
     * (version 1), already active. Its request (id 1) is recorded as fulfilled so version 1 can never be reopened.
     * The challenge window starts at its default ({DEFAULT_ACTIVATION_DELAY}).
     * @dev Does not call the constitution: the two proxies reference each other and may be initialized in any order.
     * Initializes straight to version 2 (so {initializeV2}, meant for proxies upgraded from V1, cannot run on a fresh
     * one); a V1 proxy cannot run it either, its constitution being set.
     * @param dao The DAO's timelock: owner, sole upgrader and administrator.
     * @param constitution_ The Constitution: the only caller of the request hooks and the target of activations.
     * @param committee_ The governance committee whose members evaluate runs.
     * @param genesisWeightsRoot Merkle root of the founding model's weights manifest.
     * @param genesisOperator The key the founding model's inference node signs and votes with.
     * @param genesisURI Where the founding model's manifest lives.
     * @custom:oz-upgrades-validate-as-initializer
     */
    function initialize(
        address dao,
        IConstitution constitution_,
        IGovernanceCommittee committee_,
        bytes32 genesisWeightsRoot,
        address genesisOperator,
        string calldata genesisURI
    ) external reinitializer(2) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        if (address($.constitution) != address(0)) revert InvalidInitialization();
        if (dao == address(0)) revert ModelRegistryZeroDAO();
        if (address(constitution_) == address(0)) revert ModelRegistryZeroConstitution();
        if (address(committee_) == address(0)) revert ModelRegistryZeroCommittee();
        if (genesisWeightsRoot == bytes32(0)) revert ModelRegistryEmptyWeightsRoot();
        if (genesisOperator == address(0)) revert ModelRegistryZeroOperator();
        __DAOControlled_init(dao);

        $.constitution = constitution_;
        $.committee = committee_;
        $.requestCount = 1;
        $.modelCount = 1;
        $.requests[GENESIS_VERSION] = Request({
            specCommitment: bytes32(0),
            id: 1,
            modelId: 1,
            runs: 0,
            status: RequestStatus.Fulfilled
        });
        $.models[1] = Model({
            weightsRoot: genesisWeightsRoot,
            version: uint64(GENESIS_VERSION),
            runId: 0,
            activatedAt: uint48(block.timestamp),
            operator: genesisOperator
        });
        emit GenesisModelRegistered(1, GENESIS_VERSION, genesisOperator, genesisWeightsRoot, genesisURI);
    }

    /**
     * @notice Upgrade step from V1 (DAO only, in the upgrade's `upgradeToAndCall`): counts the evaluators V1 had
     * appointed, which the fail rule needs (V1 kept no counter). Ballots cast under V1 carry no term and are not
     * counted: their evaluators may vote again.
     * @param appointedEvaluators Every evaluator V1 appointed and did not remove (from `EvaluatorAppointed` /
     * `EvaluatorRemoved`), strictly ascending, at most {MAX_APPOINTED_EVALUATORS}.
     */
    function initializeV2(address[] calldata appointedEvaluators) external reinitializer(2) onlyOwner {
        uint256 n = appointedEvaluators.length;
        if (n > MAX_APPOINTED_EVALUATORS) revert ModelRegistryTooManyEvaluators(MAX_APPOINTED_EVALUATORS);
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            address evaluator = appointedEvaluators[i];
            if (evaluator <= previous) revert ModelRegistryEvaluatorsNotSorted(i);
            if (!$.evaluators[evaluator]) revert ModelRegistryEvaluatorNotAppointed(evaluator);
            previous = evaluator;
        }
        _setAppointedCount(n);
        emit AppointedEvaluatorsCounted(n);
    }

    function _verifyRunRecord(
        uint256 runId,
        TrainingRun calldata run
    ) internal view override(ModelTrainingUpgradeable, ModelDataProofs) returns (bool) {
        return ModelTrainingUpgradeable._verifyRunRecord(runId, run);
    }

    function _weightsRootOf(uint256 modelId) internal view override returns (bytes32) {
        return _getModelRegistryStorage().models[modelId].weightsRoot;
    }
}
