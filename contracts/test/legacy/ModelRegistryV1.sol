// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DAOControlledUpgradeable} from "../../utils/DAOControlledUpgradeable.sol";
import {IConstitution} from "../../interfaces/IConstitution.sol";
import {IGovernanceCommittee} from "../../interfaces/IGovernanceCommittee.sol";
import {IModelRegistry} from "../../interfaces/IModelRegistry.sol";

/**
 * @title ModelRegistryV1 (frozen copy of the deployed V1, for upgrade validation only)
 * @notice The AGI constitution lifecycle of BytomDAO: ecosystem builders, training requests opened by ratified
 * amendments, anchored training runs and checkpoints, evaluations by the committee, and the activation that puts a
 * constitution version in force with its model as the active AGI.
 * @dev "Anchor, don't store": each record keeps one bytes32 commitment plus the state its rules need; the full
 * record is emitted in an event and verification functions take it back and compare it to the commitment.
 *
 * Merkle leaves (dataset roots and weights manifest roots) are built exactly as the OpenZeppelin merkle-tree
 * library's `StandardMerkleTree.of(values, ["string", "uint256", "bytes32"])` builds them, one leaf per file
 * `(relative POSIX path, size in bytes, SHA-256 of the content)`:
 * `keccak256(bytes.concat(keccak256(abi.encode(path, size, sha256))))`. See {leafOf}.
 *
 * Run lifecycle: `Training` (checkpoints) → `Evaluating` (final weights submitted) → `Passed` (passes reached the
 * constitution's `reviewQuorum`) → `Activated`; or `Failed` (too many fails to ever pass, or rejected by the DAO).
 * A failed run leaves its request open for another run. No function loops over a growing set.
 */
contract ModelRegistryV1 is DAOControlledUpgradeable, IModelRegistry {
    // ------------------------------------------------------------------ types

    /// @notice Lifecycle of a training request (one per ratified constitution version).
    enum RequestStatus {
        None,
        Open,
        Closed,
        Fulfilled
    }

    /// @notice Lifecycle of a training run.
    enum RunStatus {
        None,
        Training,
        Evaluating,
        Passed,
        Failed,
        Activated
    }

    /// @notice An ecosystem builder. `metadataHash` anchors the metadata URI (emitted in full in the events).
    struct Builder {
        bytes32 metadataHash;
        uint8 roles;
        bool suspended;
        uint48 registeredAt;
    }

    /// @notice The training request of one constitution version.
    /// @dev `specCommitment = keccak256(abi.encode(version, specHash, specURI))` (zero for the genesis version).
    struct Request {
        bytes32 specCommitment;
        uint64 id;
        uint64 modelId;
        uint32 runs;
        RequestStatus status;
    }

    /**
     * @notice The full record of a training run, emitted in {TrainingRunRecorded}; only its hash is stored.
     * @dev `dataProviders` and `computeProviders` are strictly ascending (sorted, no duplicates), at most
     * {MAX_PROVIDERS} each.
     */
    struct TrainingRun {
        uint256 version;
        address trainer;
        bytes32 datasetRoot;
        bytes32 configHash;
        bytes32 codeHash;
        address[] dataProviders;
        address[] computeProviders;
        string uri;
    }

    /**
     * @notice The stored state of a training run: the commitment plus what its rules need.
     * @dev While the run is training, `lastStep` and `checkpointHead` live in the run's checkpoint cursor (see
     * {checkpointCursor}); {getRun} reads them from there. They are copied here when the run completes.
     * `operator` and `weightsRoot` are set once, on completion: activation and {verifyWeights} need them.
     */
    struct Run {
        bytes32 commitment; // keccak256(abi.encode(TrainingRun))
        address trainer;
        uint64 version;
        RunStatus status;
        uint8 passes;
        uint8 fails;
        bytes24 checkpointHead;
        uint64 lastStep;
        address operator;
        bytes32 weightsRoot;
    }

    /// @notice An activated model: the weights manifest root (its commitment), its version, run and operator.
    struct Model {
        bytes32 weightsRoot;
        uint64 version;
        uint64 runId;
        uint48 activatedAt;
        address operator;
    }

    /// @custom:storage-location erc7201:bytomdao.storage.ModelRegistry
    struct ModelRegistryStorage {
        IConstitution constitution;
        IGovernanceCommittee committee;
        uint64 requestCount;
        uint64 runCount;
        uint64 modelCount;
        mapping(address builder => Builder) builders;
        mapping(address account => bool) evaluators;
        mapping(uint256 version => Request) requests;
        mapping(uint256 runId => Run) runs;
        mapping(uint256 runId => mapping(address evaluator => bytes32 commitment)) evaluations;
        mapping(uint256 modelId => Model) models;
        // keccak256(abi.encode(runId, trainer)) => bytes24 checkpoint head | uint64 last step.
        // Non-zero exactly while the run is Training: one slot is the whole checkpoint rule (trainer, status, step).
        mapping(bytes32 key => bytes32 cursor) cursors;
    }

    // ------------------------------------------------------------------ constants

    /// @notice Role bit: may record training runs.
    uint8 public constant ROLE_TRAINER = 1;
    /// @notice Role bit: may be credited as a data provider.
    uint8 public constant ROLE_DATA_PROVIDER = 2;
    /// @notice Role bit: may be credited as a compute provider.
    uint8 public constant ROLE_COMPUTE_PROVIDER = 4;
    /// @notice Role bit: builds agents on the active model.
    uint8 public constant ROLE_AGENT_BUILDER = 8;
    /// @notice All valid role bits.
    uint8 public constant ALL_ROLES = 15;
    /// @notice Most data (and, separately, compute) providers one run may credit.
    uint256 public constant MAX_PROVIDERS = 16;
    /// @notice Highest evaluation score (basis points).
    uint16 public constant MAX_SCORE = 10_000;
    /// @notice The constitution version whose model is registered at initialization.
    uint256 public constant GENESIS_VERSION = 1;

    /// @dev keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ModelRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x26d011e7f6ccfe2815ea0d2decb93adc75956c3d10475099734d2703841fb200;

    // ------------------------------------------------------------------ events

    /// @notice The founding constitution's model was registered as model #1, active.
    event GenesisModelRegistered(
        uint256 indexed modelId,
        uint256 indexed version,
        address indexed operator,
        bytes32 weightsRoot,
        string uri
    );
    /// @notice A builder registered with a role set and a metadata URI.
    event BuilderRegistered(address indexed builder, uint8 roles, string metadataURI);
    /// @notice A builder changed its roles or metadata URI.
    event BuilderUpdated(address indexed builder, uint8 roles, string metadataURI);
    /// @notice The DAO suspended a builder (reason anchored by hash).
    event BuilderSuspended(address indexed builder, bytes32 reasonHash);
    /// @notice The DAO restored a suspended builder.
    event BuilderRestored(address indexed builder);
    /// @notice The DAO appointed an evaluator besides the committee members.
    event EvaluatorAppointed(address indexed evaluator);
    /// @notice The DAO removed an appointed evaluator.
    event EvaluatorRemoved(address indexed evaluator);
    /// @notice A ratified amendment opened the training request of its version.
    event TrainingRequestOpened(uint256 indexed requestId, uint256 indexed version, bytes32 specHash, string specURI);
    /// @notice The training request of a withdrawn version was closed.
    event TrainingRequestClosed(uint256 indexed requestId, uint256 indexed version);
    /// @notice A model was activated for the request: the request is fulfilled.
    event TrainingRequestFulfilled(uint256 indexed requestId, uint256 indexed version, uint256 indexed modelId);
    /// @notice A trainer recorded a training run; the full record is here, only its commitment is stored.
    event TrainingRunRecorded(
        uint256 indexed runId,
        uint256 indexed version,
        address indexed trainer,
        bytes32 commitment,
        TrainingRun run
    );
    /// @notice The trainer anchored a checkpoint; `head` is the new rolling hash of the run's checkpoints.
    event CheckpointAnchored(uint256 indexed runId, uint64 step, bytes32 checkpointHash, bytes24 head);
    /// @notice The trainer submitted the final weights, metrics and model operator: the run awaits evaluation.
    event TrainingRunCompleted(
        uint256 indexed runId,
        address indexed operator,
        bytes32 weightsRoot,
        bytes32 metricsHash,
        uint64 lastStep,
        bytes24 checkpointHead,
        string uri
    );
    /// @notice An evaluator recorded its assessment of a run.
    event RunEvaluated(uint256 indexed runId, address indexed evaluator, bool passed, uint16 score, bytes32 reportHash);
    /// @notice The run's passes reached the review quorum: it may be activated.
    event TrainingRunPassed(uint256 indexed runId, uint256 passes, uint256 quorum);
    /// @notice The run collected so many fails it can no longer pass; its request stays open.
    event TrainingRunFailed(uint256 indexed runId, uint256 fails, uint256 quorum);
    /// @notice The DAO rejected a run; its request stays open.
    event TrainingRunRejected(uint256 indexed runId, bytes32 reasonHash);
    /// @notice A passed run's model was activated: its version is in force and its operator is the active AGI.
    event ModelActivated(
        uint256 indexed modelId,
        uint256 indexed version,
        uint256 indexed runId,
        address operator,
        bytes32 weightsRoot
    );

    // ------------------------------------------------------------------ errors

    /// @notice The DAO (owner) address is zero.
    error ModelRegistryZeroDAO();
    /// @notice The Constitution address is zero.
    error ModelRegistryZeroConstitution();
    /// @notice The committee address is zero.
    error ModelRegistryZeroCommittee();
    /// @notice A model operator address is zero.
    error ModelRegistryZeroOperator();
    /// @notice The evaluator to appoint is the zero address.
    error ModelRegistryZeroEvaluator();
    /// @notice A weights manifest root is zero.
    error ModelRegistryEmptyWeightsRoot();
    /// @notice A training request's spec (amendment text) hash is zero.
    error ModelRegistryEmptySpecHash();
    /// @notice A run's dataset Merkle root is zero.
    error ModelRegistryEmptyDatasetRoot();
    /// @notice A run's training config hash is zero.
    error ModelRegistryEmptyConfigHash();
    /// @notice A run's training code hash is zero.
    error ModelRegistryEmptyCodeHash();
    /// @notice A checkpoint hash is zero.
    error ModelRegistryEmptyCheckpointHash();
    /// @notice A run's metrics hash is zero.
    error ModelRegistryEmptyMetricsHash();
    /// @notice An evaluation report hash is zero.
    error ModelRegistryEmptyReportHash();
    /// @notice Only the Constitution may open or close training requests.
    error ModelRegistryNotConstitution(address caller);
    /// @notice Version 0 or a version beyond uint64.
    error ModelRegistryInvalidVersion(uint256 version);
    /// @notice The version already has a training request (one per version, ever).
    error ModelRegistryRequestExists(uint256 version);
    /// @notice The version's training request is missing, closed or fulfilled.
    error ModelRegistryRequestNotOpen(uint256 version, RequestStatus status);
    /// @notice The version is not the constitution's latest version, or no longer Ratified.
    error ModelRegistryStaleVersion(uint256 version, uint256 latestVersion);
    /// @notice A role set is empty or has unknown bits.
    error ModelRegistryInvalidRoles(uint8 roles);
    /// @notice The caller is already registered (use updateBuilder).
    error ModelRegistryBuilderAlreadyRegistered(address builder);
    /// @notice The account is not a registered builder.
    error ModelRegistryBuilderNotRegistered(address builder);
    /// @notice The builder is suspended by the DAO.
    error ModelRegistryBuilderSuspended(address builder);
    /// @notice The builder to restore is not suspended.
    error ModelRegistryBuilderNotSuspended(address builder);
    /// @notice The builder lacks the role this action needs.
    error ModelRegistryMissingRole(address builder, uint8 role);
    /// @notice More than MAX_PROVIDERS providers in one list.
    error ModelRegistryTooManyProviders(uint256 count, uint256 max);
    /// @notice A provider list is not strictly ascending (unsorted, duplicate or zero) at `index`.
    error ModelRegistryProvidersNotSorted(uint256 index);
    /// @notice No run has this id.
    error ModelRegistryUnknownRun(uint256 runId);
    /// @notice Only the run's trainer may anchor checkpoints or complete it.
    error ModelRegistryNotRunTrainer(uint256 runId, address caller);
    /// @notice The run is no longer training.
    error ModelRegistryRunNotTraining(uint256 runId, RunStatus status);
    /// @notice A checkpoint step must be above the last anchored step.
    error ModelRegistryStepNotIncreasing(uint256 runId, uint64 step, uint64 lastStep);
    /// @notice A run must anchor at least one checkpoint before it completes.
    error ModelRegistryNoCheckpoints(uint256 runId);
    /// @notice Only committee members and DAO-appointed evaluators may evaluate.
    error ModelRegistryNotEvaluator(address caller);
    /// @notice The account is already an appointed evaluator.
    error ModelRegistryEvaluatorAlreadyAppointed(address evaluator);
    /// @notice The account is not an appointed evaluator.
    error ModelRegistryEvaluatorNotAppointed(address evaluator);
    /// @notice The run is not awaiting evaluation.
    error ModelRegistryRunNotEvaluating(uint256 runId, RunStatus status);
    /// @notice The evaluator already assessed this run.
    error ModelRegistryAlreadyEvaluated(uint256 runId, address evaluator);
    /// @notice A score above MAX_SCORE.
    error ModelRegistryInvalidScore(uint16 score);
    /// @notice The run's passes have not reached the review quorum.
    error ModelRegistryQuorumNotReached(uint256 runId, uint256 passes, uint256 quorum);
    /// @notice The run failed its evaluation or was rejected by the DAO.
    error ModelRegistryRunFailed(uint256 runId);
    /// @notice The run cannot be activated in its current status.
    error ModelRegistryRunNotPassed(uint256 runId, RunStatus status);
    /// @notice The run is unknown, failed or already activated.
    error ModelRegistryRunNotRejectable(uint256 runId, RunStatus status);
    /// @notice No model has this id.
    error ModelRegistryUnknownModel(uint256 modelId);
    /// @notice The run record given is not the one anchored for the run.
    error ModelRegistryRunRecordMismatch(uint256 runId);

    // ------------------------------------------------------------------ modifiers

    modifier onlyConstitution() {
        if (msg.sender != address(_s().constitution)) revert ModelRegistryNotConstitution(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ init

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Sets up the registry behind its proxy and registers model #1, the founding constitution's model
     * (version 1), already active. Its request (id 1) is recorded as fulfilled so version 1 can never be reopened.
     * @dev Does not call the constitution: the two proxies reference each other and may be initialized in any order.
     * @param dao The DAO's timelock: owner, sole upgrader and administrator.
     * @param constitution_ The Constitution: the only caller of the request hooks and the target of activations.
     * @param committee_ The governance committee whose members evaluate runs.
     * @param genesisWeightsRoot Merkle root of the founding model's weights manifest.
     * @param genesisOperator The key the founding model's inference node signs and votes with.
     * @param genesisURI Where the founding model's manifest lives.
     */
    function initialize(
        address dao,
        IConstitution constitution_,
        IGovernanceCommittee committee_,
        bytes32 genesisWeightsRoot,
        address genesisOperator,
        string calldata genesisURI
    ) external initializer {
        if (dao == address(0)) revert ModelRegistryZeroDAO();
        if (address(constitution_) == address(0)) revert ModelRegistryZeroConstitution();
        if (address(committee_) == address(0)) revert ModelRegistryZeroCommittee();
        if (genesisWeightsRoot == bytes32(0)) revert ModelRegistryEmptyWeightsRoot();
        if (genesisOperator == address(0)) revert ModelRegistryZeroOperator();
        __DAOControlled_init(dao);

        ModelRegistryStorage storage $ = _s();
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

    // ------------------------------------------------------------------ builders

    /**
     * @notice Registers the caller as an ecosystem builder so it can train models or be credited for data and
     * compute. Anyone may register; the DAO can suspend abuse.
     * @param roles Bitmask of ROLE_* bits (non-zero, only the 4 known bits).
     * @param metadataURI Who the builder is and what it offers; only its hash is stored.
     */
    function registerBuilder(uint8 roles, string calldata metadataURI) external {
        Builder storage b = _s().builders[msg.sender];
        if (b.registeredAt != 0) revert ModelRegistryBuilderAlreadyRegistered(msg.sender);
        _checkRoles(roles);
        b.roles = roles;
        b.metadataHash = keccak256(bytes(metadataURI));
        b.registeredAt = uint48(block.timestamp);
        emit BuilderRegistered(msg.sender, roles, metadataURI);
    }

    /**
     * @notice Changes the caller's roles and metadata URI, so builders can grow or narrow their offer.
     * A suspended builder may update its profile but stays suspended.
     */
    function updateBuilder(uint8 roles, string calldata metadataURI) external {
        Builder storage b = _s().builders[msg.sender];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(msg.sender);
        _checkRoles(roles);
        b.roles = roles;
        b.metadataHash = keccak256(bytes(metadataURI));
        emit BuilderUpdated(msg.sender, roles, metadataURI);
    }

    /**
     * @notice Suspends a builder (DAO only): it can no longer record or complete runs nor be credited.
     * @param reasonHash Hash of the DAO's published reason.
     */
    function suspendBuilder(address builder, bytes32 reasonHash) external onlyOwner {
        Builder storage b = _s().builders[builder];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(builder);
        if (b.suspended) revert ModelRegistryBuilderSuspended(builder);
        b.suspended = true;
        emit BuilderSuspended(builder, reasonHash);
    }

    /// @notice Lifts a builder's suspension (DAO only), e.g. after mediation.
    function restoreBuilder(address builder) external onlyOwner {
        Builder storage b = _s().builders[builder];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(builder);
        if (!b.suspended) revert ModelRegistryBuilderNotSuspended(builder);
        b.suspended = false;
        emit BuilderRestored(builder);
    }

    // ------------------------------------------------------------------ evaluators

    /// @notice Appoints an evaluator besides the committee members (DAO only), e.g. an independent auditor.
    function appointEvaluator(address evaluator) external onlyOwner {
        if (evaluator == address(0)) revert ModelRegistryZeroEvaluator();
        ModelRegistryStorage storage $ = _s();
        if ($.evaluators[evaluator]) revert ModelRegistryEvaluatorAlreadyAppointed(evaluator);
        $.evaluators[evaluator] = true;
        emit EvaluatorAppointed(evaluator);
    }

    /// @notice Removes an appointed evaluator (DAO only). Evaluations it already recorded stay counted.
    function removeEvaluator(address evaluator) external onlyOwner {
        ModelRegistryStorage storage $ = _s();
        if (!$.evaluators[evaluator]) revert ModelRegistryEvaluatorNotAppointed(evaluator);
        $.evaluators[evaluator] = false;
        emit EvaluatorRemoved(evaluator);
    }

    // ------------------------------------------------------------------ requests (IModelRegistry)

    /**
     * @inheritdoc IModelRegistry
     * @dev Called by `Constitution.ratifyAmendment`. One request per version, ever.
     */
    function openTrainingRequest(
        uint256 version,
        bytes32 specHash,
        string calldata specURI
    ) external onlyConstitution returns (uint256 requestId) {
        if (version == 0 || version > type(uint64).max) revert ModelRegistryInvalidVersion(version);
        if (specHash == bytes32(0)) revert ModelRegistryEmptySpecHash();
        ModelRegistryStorage storage $ = _s();
        Request storage r = $.requests[version];
        if (r.status != RequestStatus.None) revert ModelRegistryRequestExists(version);
        requestId = ++$.requestCount;
        r.id = uint64(requestId);
        r.status = RequestStatus.Open;
        r.specCommitment = keccak256(abi.encode(version, specHash, specURI));
        emit TrainingRequestOpened(requestId, version, specHash, specURI);
    }

    /**
     * @inheritdoc IModelRegistry
     * @dev Called by the DAO-only `Constitution.withdrawAmendment`. Runs of a closed request can no longer be
     * evaluated or activated.
     */
    function closeTrainingRequest(uint256 version) external onlyConstitution {
        Request storage r = _s().requests[version];
        if (r.status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(version, r.status);
        r.status = RequestStatus.Closed;
        emit TrainingRequestClosed(r.id, version);
    }

    // ------------------------------------------------------------------ runs

    /**
     * @notice Records a training run for the open request of `version`, so the dataset, configuration, code and
     * credited providers are anchored before any weights exist. Caller: a registered, non-suspended trainer.
     * @dev Only `keccak256(abi.encode(TrainingRun))` is stored; the record is emitted in {TrainingRunRecorded}.
     * @param version The constitution version being trained; must be the latest one and ratified.
     * @param datasetRoot Merkle root of the dataset manifest (see the contract's leaf encoding).
     * @param configHash Hash of the training configuration.
     * @param codeHash Hash of the training code (e.g. a git tree or container digest).
     * @param dataProviders Credited data providers, strictly ascending, registered with ROLE_DATA_PROVIDER.
     * @param computeProviders Credited compute providers, strictly ascending, registered with ROLE_COMPUTE_PROVIDER.
     * @param uri Where the run's manifests and logs live.
     * @return runId The new run's id.
     */
    function recordTrainingRun(
        uint256 version,
        bytes32 datasetRoot,
        bytes32 configHash,
        bytes32 codeHash,
        address[] calldata dataProviders,
        address[] calldata computeProviders,
        string calldata uri
    ) external returns (uint256 runId) {
        _checkRunInput(version, datasetRoot, configHash, codeHash, dataProviders, computeProviders);
        runId = _storeRun(
            TrainingRun({
                version: version,
                trainer: msg.sender,
                datasetRoot: datasetRoot,
                configHash: configHash,
                codeHash: codeHash,
                dataProviders: dataProviders,
                computeProviders: computeProviders,
                uri: uri
            })
        );
    }

    /**
     * @notice Anchors a training checkpoint so the course of training is public and tamper-evident while it runs.
     * Caller: the run's trainer, while the run is training. Steps strictly increase (the first is ≥ 1).
     * @dev Gas is the point here (a run anchors many checkpoints): the happy path reads and writes one slot, the
     * cursor keyed by `(runId, msg.sender)`, which is non-zero only for the trainer of a training run. It packs the
     * last step (uint64) and the rolling head `bytes24(keccak256(abi.encode(head, step, checkpointHash)))`,
     * starting from `bytes24(commitment)`; 192 bits keep the chain collision-resistant (2^96). The checkpoint
     * itself is in {CheckpointAnchored}. The trainer's suspension is checked at record and completion, not here.
     */
    function anchorCheckpoint(uint256 runId, uint64 step, bytes32 checkpointHash) external {
        ModelRegistryStorage storage $ = _s();
        bytes32 key = _cursorKey(runId, msg.sender);
        bytes32 cursor = $.cursors[key];
        if (cursor == bytes32(0)) _revertNotTraining($, runId);
        uint64 last = uint64(uint256(cursor));
        if (step <= last) revert ModelRegistryStepNotIncreasing(runId, step, last);
        if (checkpointHash == bytes32(0)) revert ModelRegistryEmptyCheckpointHash();
        bytes24 head = bytes24(keccak256(abi.encode(bytes24(cursor), step, checkpointHash)));
        $.cursors[key] = bytes32(head) | bytes32(uint256(step));
        emit CheckpointAnchored(runId, step, checkpointHash, head);
    }

    /**
     * @notice Submits the end of training: the weights manifest root, the metrics and the model operator (the key
     * its inference node will vote and sign with). The run then awaits evaluation.
     * Caller: the run's trainer, still registered and not suspended, after at least one checkpoint.
     * @param weightsRoot Merkle root of the weights manifest (see the contract's leaf encoding).
     * @param metricsHash Hash of the training/evaluation metrics report (emitted, not stored).
     * @param operator The model's operator key; becomes the active AGI agent on activation.
     * @param uri Where the weights manifest and metrics live.
     */
    function completeTrainingRun(
        uint256 runId,
        bytes32 weightsRoot,
        bytes32 metricsHash,
        address operator,
        string calldata uri
    ) external {
        ModelRegistryStorage storage $ = _s();
        Run storage run = $.runs[runId];
        if (msg.sender != run.trainer) revert ModelRegistryNotRunTrainer(runId, msg.sender);
        if (run.status != RunStatus.Training) revert ModelRegistryRunNotTraining(runId, run.status);
        _checkActiveBuilder($, msg.sender, ROLE_TRAINER);
        bytes32 key = _cursorKey(runId, msg.sender);
        bytes32 cursor = $.cursors[key];
        uint64 lastStep = uint64(uint256(cursor));
        if (lastStep == 0) revert ModelRegistryNoCheckpoints(runId);
        if (weightsRoot == bytes32(0)) revert ModelRegistryEmptyWeightsRoot();
        if (metricsHash == bytes32(0)) revert ModelRegistryEmptyMetricsHash();
        if (operator == address(0)) revert ModelRegistryZeroOperator();
        delete $.cursors[key];
        run.checkpointHead = bytes24(cursor);
        run.lastStep = lastStep;
        run.weightsRoot = weightsRoot;
        run.operator = operator;
        run.status = RunStatus.Evaluating;
        emit TrainingRunCompleted(runId, operator, weightsRoot, metricsHash, lastStep, bytes24(cursor), uri);
    }

    /**
     * @notice Records the caller's assessment of a completed run, once per evaluator and run.
     * Caller: a committee member or an evaluator appointed by the DAO.
     * @dev When passes reach `constitution.reviewQuorum()` the run is `Passed`; when `fails + quorum > SEATS`
     * (e.g. 3 fails of 5 with quorum 3) it can no longer pass and is `Failed`. Either closes the evaluation.
     * @param passed Whether the model meets the constitution version it was trained for.
     * @param score 0..MAX_SCORE.
     * @param reportHash Hash of the evaluation report (emitted; the evaluation's commitment is stored).
     */
    function evaluateRun(uint256 runId, bool passed, uint16 score, bytes32 reportHash) external {
        ModelRegistryStorage storage $ = _s();
        if (!isEvaluator(msg.sender)) revert ModelRegistryNotEvaluator(msg.sender);
        Run storage run = $.runs[runId];
        if (run.status != RunStatus.Evaluating) revert ModelRegistryRunNotEvaluating(runId, run.status);
        Request storage r = $.requests[run.version];
        if (r.status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(run.version, r.status);
        mapping(address => bytes32) storage evals = $.evaluations[runId];
        if (evals[msg.sender] != bytes32(0)) revert ModelRegistryAlreadyEvaluated(runId, msg.sender);
        if (score > MAX_SCORE) revert ModelRegistryInvalidScore(score);
        if (reportHash == bytes32(0)) revert ModelRegistryEmptyReportHash();

        evals[msg.sender] = keccak256(abi.encode(passed, score, reportHash));
        emit RunEvaluated(runId, msg.sender, passed, score, reportHash);

        uint256 quorum = $.constitution.reviewQuorum();
        if (passed) {
            uint8 passes = ++run.passes;
            if (passes >= quorum) {
                run.status = RunStatus.Passed;
                emit TrainingRunPassed(runId, passes, quorum);
            }
        } else {
            uint8 fails = ++run.fails;
            if (fails + quorum > $.committee.SEATS()) {
                run.status = RunStatus.Failed;
                emit TrainingRunFailed(runId, fails, quorum);
            }
        }
    }

    /**
     * @notice Rejects a run (DAO only), e.g. for fraud found after the fact. The request stays open.
     * @param reasonHash Hash of the DAO's published reason.
     */
    function rejectRun(uint256 runId, bytes32 reasonHash) external onlyOwner {
        Run storage run = _s().runs[runId];
        RunStatus status = run.status;
        if (status != RunStatus.Training && status != RunStatus.Evaluating && status != RunStatus.Passed) {
            revert ModelRegistryRunNotRejectable(runId, status);
        }
        if (status == RunStatus.Training) delete _s().cursors[_cursorKey(runId, run.trainer)];
        run.status = RunStatus.Failed;
        emit TrainingRunRejected(runId, reasonHash);
    }

    /**
     * @notice Activates a passed run: its model gets the next id, the request is fulfilled and the Constitution
     * puts the version in force with the model's operator as the active AGI agent.
     * @dev Anyone may call once the run has passed: the decision was made by the evaluators, this only executes it.
     * Refused when the request is no longer open or the version is no longer the latest ratified one.
     * @return modelId The id of the activated model.
     */
    function activateRun(uint256 runId) external returns (uint256 modelId) {
        ModelRegistryStorage storage $ = _s();
        Run storage run = $.runs[runId];
        RunStatus status = run.status;
        if (status != RunStatus.Passed) {
            if (status == RunStatus.Failed) revert ModelRegistryRunFailed(runId);
            if (status == RunStatus.Evaluating) {
                revert ModelRegistryQuorumNotReached(runId, run.passes, $.constitution.reviewQuorum());
            }
            if (status == RunStatus.None) revert ModelRegistryUnknownRun(runId);
            revert ModelRegistryRunNotPassed(runId, status);
        }
        uint256 version = run.version;
        Request storage r = $.requests[version];
        if (r.status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(version, r.status);
        _checkCurrentVersion($, version);

        modelId = ++$.modelCount;
        address operator = run.operator;
        bytes32 weightsRoot = run.weightsRoot;
        $.models[modelId] = Model({
            weightsRoot: weightsRoot,
            version: uint64(version),
            runId: uint64(runId),
            activatedAt: uint48(block.timestamp),
            operator: operator
        });
        run.status = RunStatus.Activated;
        r.status = RequestStatus.Fulfilled;
        r.modelId = uint64(modelId);
        emit ModelActivated(modelId, version, runId, operator, weightsRoot);
        emit TrainingRequestFulfilled(r.id, version, modelId);
        $.constitution.enactVersion(version, modelId, operator);
    }

    // ------------------------------------------------------------------ verification

    /// @notice Whether `run` is exactly the record anchored for `runId` (e.g. taken from its event).
    function verifyTrainingRun(uint256 runId, TrainingRun calldata run) public view returns (bool) {
        bytes32 commitment = _s().runs[runId].commitment;
        return commitment != bytes32(0) && commitment == keccak256(abi.encode(run));
    }

    /**
     * @notice Proves that a data shard was in a run's training set.
     * @dev The dataset root is not stored (anchor, don't store): the caller passes the run record from
     * {TrainingRunRecorded}, which is checked against the run's commitment first. This keeps `recordTrainingRun`
     * one slot cheaper for every run, and every prover has the event anyway to learn the root.
     * @param run The run's full record; reverts {ModelRegistryRunRecordMismatch} if it is not the anchored one.
     * @param path The shard's relative POSIX path in the dataset directory.
     * @param size The shard's size in bytes.
     * @param sha256Digest The SHA-256 of the shard's content.
     * @param proof The `StandardMerkleTree` proof of the leaf `(path, size, sha256Digest)`.
     * @return Whether the shard is in the dataset the run was trained on.
     */
    function verifyTrainingData(
        uint256 runId,
        TrainingRun calldata run,
        string calldata path,
        uint256 size,
        bytes32 sha256Digest,
        bytes32[] calldata proof
    ) external view returns (bool) {
        if (!verifyTrainingRun(runId, run)) revert ModelRegistryRunRecordMismatch(runId);
        return MerkleProof.verifyCalldata(proof, run.datasetRoot, leafOf(path, size, sha256Digest));
    }

    /// @notice Whether `manifestRoot` is the weights manifest root of model `modelId` (reverts for unknown models).
    function verifyWeights(uint256 modelId, bytes32 manifestRoot) external view returns (bool) {
        bytes32 root = _s().models[modelId].weightsRoot;
        if (root == bytes32(0)) revert ModelRegistryUnknownModel(modelId);
        return root == manifestRoot;
    }

    /// @notice The Merkle leaf of one file, as `StandardMerkleTree.of(values, ["string","uint256","bytes32"])`.
    function leafOf(string calldata path, uint256 size, bytes32 sha256Digest) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(path, size, sha256Digest))));
    }

    // ------------------------------------------------------------------ views

    /// @notice The Constitution this registry serves.
    function constitution() external view returns (IConstitution) {
        return _s().constitution;
    }

    /// @notice The committee whose members evaluate runs.
    function committee() external view returns (IGovernanceCommittee) {
        return _s().committee;
    }

    /// @notice The training request of a constitution version (status None if there is none).
    function getRequest(uint256 version) external view returns (Request memory) {
        return _s().requests[version];
    }

    /// @notice The stored state of a run (its full record is in {TrainingRunRecorded}).
    function getRun(uint256 runId) external view returns (Run memory run) {
        ModelRegistryStorage storage $ = _s();
        run = $.runs[runId];
        if (run.status == RunStatus.Training) {
            bytes32 cursor = $.cursors[_cursorKey(runId, run.trainer)];
            run.checkpointHead = bytes24(cursor);
            run.lastStep = uint64(uint256(cursor));
        }
    }

    /**
     * @notice A training run's checkpoint cursor: last anchored step and rolling head (zero unless training).
     * The head starts at `bytes24(commitment)` and is `bytes24(keccak256(abi.encode(head, step, checkpointHash)))`.
     */
    function checkpointCursor(uint256 runId) external view returns (uint64 lastStep, bytes24 head) {
        ModelRegistryStorage storage $ = _s();
        bytes32 cursor = $.cursors[_cursorKey(runId, $.runs[runId].trainer)];
        return (uint64(uint256(cursor)), bytes24(cursor));
    }

    /// @notice The status of a run.
    function runStatus(uint256 runId) external view returns (RunStatus) {
        return _s().runs[runId].status;
    }

    /// @notice An activated model (weights root = its commitment, version, run, operator).
    function getModel(uint256 modelId) external view returns (Model memory) {
        Model memory m = _s().models[modelId];
        if (m.weightsRoot == bytes32(0)) revert ModelRegistryUnknownModel(modelId);
        return m;
    }

    /// @notice A builder's profile (registeredAt 0 if not registered).
    function getBuilder(address builder) external view returns (Builder memory) {
        return _s().builders[builder];
    }

    /// @notice Whether `builder` is registered, not suspended, and holds every bit of `roles`.
    function isActiveBuilder(address builder, uint8 roles) external view returns (bool) {
        Builder storage b = _s().builders[builder];
        return b.registeredAt != 0 && !b.suspended && b.roles & roles == roles;
    }

    /// @notice Whether `account` may evaluate runs: a committee member or a DAO-appointed evaluator.
    function isEvaluator(address account) public view returns (bool) {
        ModelRegistryStorage storage $ = _s();
        return $.evaluators[account] || $.committee.isMember(account);
    }

    /// @notice Whether `account` was appointed by the DAO as an evaluator.
    function isAppointedEvaluator(address account) external view returns (bool) {
        return _s().evaluators[account];
    }

    /**
     * @notice The commitment `keccak256(abi.encode(passed, score, reportHash))` of an evaluator's assessment of a
     * run, or zero if it has not evaluated it.
     */
    function evaluationOf(uint256 runId, address evaluator) external view returns (bytes32) {
        return _s().evaluations[runId][evaluator];
    }

    /// @notice Number of training requests ever opened (the genesis request is #1).
    function requestCount() external view returns (uint256) {
        return _s().requestCount;
    }

    /// @notice Number of training runs ever recorded.
    function runCount() external view returns (uint256) {
        return _s().runCount;
    }

    /// @notice Number of models ever activated (the genesis model is #1).
    function modelCount() external view returns (uint256) {
        return _s().modelCount;
    }

    // ------------------------------------------------------------------ internals

    function _checkRunInput(
        uint256 version,
        bytes32 datasetRoot,
        bytes32 configHash,
        bytes32 codeHash,
        address[] calldata dataProviders,
        address[] calldata computeProviders
    ) private view {
        ModelRegistryStorage storage $ = _s();
        _checkActiveBuilder($, msg.sender, ROLE_TRAINER);
        RequestStatus status = $.requests[version].status;
        if (status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(version, status);
        _checkCurrentVersion($, version);
        if (datasetRoot == bytes32(0)) revert ModelRegistryEmptyDatasetRoot();
        if (configHash == bytes32(0)) revert ModelRegistryEmptyConfigHash();
        if (codeHash == bytes32(0)) revert ModelRegistryEmptyCodeHash();
        _checkProviders($, dataProviders, ROLE_DATA_PROVIDER);
        _checkProviders($, computeProviders, ROLE_COMPUTE_PROVIDER);
    }

    function _storeRun(TrainingRun memory run) private returns (uint256 runId) {
        ModelRegistryStorage storage $ = _s();
        bytes32 commitment = keccak256(abi.encode(run));
        runId = ++$.runCount;
        Run storage stored = $.runs[runId];
        stored.commitment = commitment;
        stored.trainer = run.trainer;
        stored.status = RunStatus.Training;
        stored.version = uint64(run.version);
        $.cursors[_cursorKey(runId, run.trainer)] = bytes32(bytes24(commitment));
        unchecked {
            ++$.requests[run.version].runs;
        }
        emit TrainingRunRecorded(runId, run.version, run.trainer, commitment, run);
    }

    function _checkRoles(uint8 roles) private pure {
        if (roles == 0 || roles & ~ALL_ROLES != 0) revert ModelRegistryInvalidRoles(roles);
    }

    function _checkActiveBuilder(ModelRegistryStorage storage $, address builder, uint8 role) private view {
        Builder storage b = $.builders[builder];
        if (b.registeredAt == 0) revert ModelRegistryBuilderNotRegistered(builder);
        if (b.suspended) revert ModelRegistryBuilderSuspended(builder);
        if (b.roles & role == 0) revert ModelRegistryMissingRole(builder, role);
    }

    /// @dev Bounded by MAX_PROVIDERS: the list is calldata, not a growing storage set.
    function _checkProviders(ModelRegistryStorage storage $, address[] calldata providers, uint8 role) private view {
        uint256 n = providers.length;
        if (n > MAX_PROVIDERS) revert ModelRegistryTooManyProviders(n, MAX_PROVIDERS);
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            address p = providers[i];
            if (p <= previous) revert ModelRegistryProvidersNotSorted(i);
            _checkActiveBuilder($, p, role);
            previous = p;
        }
    }

    /// @dev A run may only target the constitution's latest version, and only while it is ratified (not withdrawn).
    function _checkCurrentVersion(ModelRegistryStorage storage $, uint256 version) private view {
        IConstitution c = $.constitution;
        uint256 latest = c.latestVersion();
        if (version != latest || c.getVersion(version).status != IConstitution.VersionStatus.Ratified) {
            revert ModelRegistryStaleVersion(version, latest);
        }
    }

    function _cursorKey(uint256 runId, address trainer) private pure returns (bytes32 key) {
        assembly ("memory-safe") {
            mstore(0x00, runId)
            mstore(0x20, trainer)
            key := keccak256(0x00, 0x40)
        }
    }

    /// @dev Slow path of a refused checkpoint: tells which rule failed.
    function _revertNotTraining(ModelRegistryStorage storage $, uint256 runId) private view {
        Run storage run = $.runs[runId];
        if (msg.sender != run.trainer) revert ModelRegistryNotRunTrainer(runId, msg.sender);
        revert ModelRegistryRunNotTraining(runId, run.status);
    }

    function _s() private pure returns (ModelRegistryStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STORAGE_LOCATION
        }
    }
}
