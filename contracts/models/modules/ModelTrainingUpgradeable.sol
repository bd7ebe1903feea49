// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IModelRegistry} from "../../interfaces/IModelRegistry.sol";
import {ModelBuildersUpgradeable} from "./ModelBuildersUpgradeable.sol";

/**
 * @title ModelTrainingUpgradeable
 * @notice Training requests (opened and closed by the Constitution), anchored training runs, checkpoints and
 * completion of the model registry.
 * @dev "Anchor, don't store": a run keeps one commitment, `keccak256(abi.encode(TrainingRun))`, plus the state its
 * rules need; the full record is in {TrainingRunRecorded} and whoever needs it (evaluators, data provers) gives it
 * back, checked by {_verifyRunRecord}. State is in the shared V1 namespace ({ModelRegistryBaseUpgradeable}).
 * No function loops over a growing set: provider lists are calldata bounded by {MAX_PROVIDERS}.
 */
abstract contract ModelTrainingUpgradeable is ModelBuildersUpgradeable, IModelRegistry {
    /// @notice Most data (and, separately, compute) providers one run may credit.
    uint256 public constant MAX_PROVIDERS = 16;

    modifier onlyConstitution() {
        if (msg.sender != address(_getModelRegistryStorage().constitution)) {
            revert ModelRegistryNotConstitution(msg.sender);
        }
        _;
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
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
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
        Request storage r = _getModelRegistryStorage().requests[version];
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
     * @param datasetRoot Merkle root of the dataset manifest (see {ModelDataProofs-leafOf}).
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
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        bytes32 key = _cursorKey(runId, msg.sender);
        bytes32 cursor = $.cursors[key];
        if (cursor == bytes32(0)) _revertNotTraining(runId);
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
     * @param weightsRoot Merkle root of the weights manifest (see {ModelDataProofs-leafOf}).
     * @param metricsHash Hash of the training/evaluation metrics report (emitted, not stored).
     * @param operator The model's operator key; becomes the active AGI agent on activation. It may not evaluate.
     * @param uri Where the weights manifest and metrics live.
     */
    function completeTrainingRun(
        uint256 runId,
        bytes32 weightsRoot,
        bytes32 metricsHash,
        address operator,
        string calldata uri
    ) external {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        Run storage run = $.runs[runId];
        if (msg.sender != run.trainer) revert ModelRegistryNotRunTrainer(runId, msg.sender);
        if (run.status != RunStatus.Training) revert ModelRegistryRunNotTraining(runId, run.status);
        _checkActiveBuilder(msg.sender, ROLE_TRAINER);
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

    // ------------------------------------------------------------------ views

    /// @notice Whether `run` is exactly the record anchored for `runId` (e.g. taken from its event).
    function verifyTrainingRun(uint256 runId, TrainingRun calldata run) external view returns (bool) {
        return _verifyRunRecord(runId, run);
    }

    /// @notice The training request of a constitution version (status None if there is none).
    function getRequest(uint256 version) external view returns (Request memory) {
        return _getModelRegistryStorage().requests[version];
    }

    /// @notice The stored state of a run (its full record is in {TrainingRunRecorded}).
    function getRun(uint256 runId) external view returns (Run memory run) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
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
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        bytes32 cursor = $.cursors[_cursorKey(runId, $.runs[runId].trainer)];
        return (uint64(uint256(cursor)), bytes24(cursor));
    }

    /// @notice The status of a run.
    function runStatus(uint256 runId) external view returns (RunStatus) {
        return _getModelRegistryStorage().runs[runId].status;
    }

    /// @notice Number of training requests ever opened (the genesis request is #1).
    function requestCount() external view returns (uint256) {
        return _getModelRegistryStorage().requestCount;
    }

    /// @notice Number of training runs ever recorded.
    function runCount() external view returns (uint256) {
        return _getModelRegistryStorage().runCount;
    }

    // ------------------------------------------------------------------ internals

    /// @dev Whether `run` hashes to the commitment anchored for `runId` (false for unknown runs).
    function _verifyRunRecord(uint256 runId, TrainingRun calldata run) internal view virtual returns (bool) {
        bytes32 commitment = _getModelRegistryStorage().runs[runId].commitment;
        return commitment != bytes32(0) && commitment == keccak256(abi.encode(run));
    }

    /// @dev Deletes a training run's checkpoint cursor (used when the run is rejected while training).
    function _clearCursor(uint256 runId, address trainer) internal {
        delete _getModelRegistryStorage().cursors[_cursorKey(runId, trainer)];
    }

    function _checkRunInput(
        uint256 version,
        bytes32 datasetRoot,
        bytes32 configHash,
        bytes32 codeHash,
        address[] calldata dataProviders,
        address[] calldata computeProviders
    ) private view {
        _checkActiveBuilder(msg.sender, ROLE_TRAINER);
        RequestStatus status = _getModelRegistryStorage().requests[version].status;
        if (status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(version, status);
        _checkCurrentVersion(version);
        if (datasetRoot == bytes32(0)) revert ModelRegistryEmptyDatasetRoot();
        if (configHash == bytes32(0)) revert ModelRegistryEmptyConfigHash();
        if (codeHash == bytes32(0)) revert ModelRegistryEmptyCodeHash();
        _checkProviders(dataProviders, ROLE_DATA_PROVIDER);
        _checkProviders(computeProviders, ROLE_COMPUTE_PROVIDER);
    }

    function _storeRun(TrainingRun memory run) private returns (uint256 runId) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
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

    /// @dev Bounded by MAX_PROVIDERS: the list is calldata, not a growing storage set.
    function _checkProviders(address[] calldata providers, uint8 role) private view {
        uint256 n = providers.length;
        if (n > MAX_PROVIDERS) revert ModelRegistryTooManyProviders(n, MAX_PROVIDERS);
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            address p = providers[i];
            if (p <= previous) revert ModelRegistryProvidersNotSorted(i);
            _checkActiveBuilder(p, role);
            previous = p;
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
    function _revertNotTraining(uint256 runId) private view {
        Run storage run = _getModelRegistryStorage().runs[runId];
        if (msg.sender != run.trainer) revert ModelRegistryNotRunTrainer(runId, msg.sender);
        revert ModelRegistryRunNotTraining(runId, run.status);
    }
}
