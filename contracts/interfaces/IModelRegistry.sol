// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IModelRegistry
 * @notice The hook the {IConstitution} calls: a ratified amendment opens a training request for its version,
 * and a withdrawn amendment closes it.
 */
interface IModelRegistry {
    /**
     * @notice Opens the training request of a ratified constitution version. Only the Constitution may call this.
     * @param version The ratified constitution version.
     * @param specHash The amendment's text hash: the training spec the model must be trained for.
     * @param specURI Where the amendment text lives.
     * @return requestId The id of the new training request.
     */
    function openTrainingRequest(
        uint256 version,
        bytes32 specHash,
        string calldata specURI
    ) external returns (uint256 requestId);

    /// @notice Closes the open training request of `version` (the DAO withdrew it). Only the Constitution.
    function closeTrainingRequest(uint256 version) external;
}

/**
 * @title IModelRegistryTypes
 * @notice The records of the model registry, shared by its modules, events and errors.
 */
interface IModelRegistryTypes {
    /// @notice Lifecycle of a training request (one per ratified constitution version).
    enum RequestStatus {
        None,
        Open,
        Closed,
        Fulfilled
    }

    /**
     * @notice Lifecycle of a training run. `Passed` means the passes reached the review quorum and the challenge
     * window runs; `Failed` covers a failed evaluation and a rejection.
     */
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
     * @notice The full record of a training run, emitted in {IModelRegistryEvents-TrainingRunRecorded}; only its hash
     * is stored. Evaluations and data proofs take it back and check it against the run's commitment.
     * @dev `dataProviders` and `computeProviders` are strictly ascending (sorted, no duplicates), at most
     * `MAX_PROVIDERS` each.
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
     * @dev While the run is training, `lastStep` and `checkpointHead` live in the run's checkpoint cursor; `getRun`
     * reads them from there. They are copied here when the run completes. `operator` and `weightsRoot` are set once,
     * on completion. `passes` and `fails` are raw tallies of the ballots recorded (whoever cast them): activation and
     * failure count only the ballots of evaluators still eligible, from a list the caller gives.
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
}

/**
 * @title IModelRegistryEvents
 * @notice Every state change of the model registry is one of these events.
 */
interface IModelRegistryEvents is IModelRegistryTypes {
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
    /// @notice The DAO appointed an evaluator besides the committee members; `term` numbers this appointment.
    event EvaluatorAppointed(address indexed evaluator, uint256 term);
    /// @notice The DAO removed an appointed evaluator: its ballots stop counting.
    event EvaluatorRemoved(address indexed evaluator);
    /// @notice The upgrade from V1 counted the evaluators V1 had appointed.
    event AppointedEvaluatorsCounted(uint256 count);
    /// @notice The DAO changed the challenge window between a run's last pass and its activation.
    event ActivationDelaySet(uint256 oldDelay, uint256 newDelay);
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
    /**
     * @notice A pass brought (or kept) the run's passes at the review quorum: the challenge window runs until
     * `activatableAt`. Emitted again by every later pass, which restarts the window.
     */
    event TrainingRunPassed(uint256 indexed runId, uint256 passes, uint256 quorum, uint256 activatableAt);
    /// @notice `fails` eligible fail ballots leave fewer than `quorum` of the `eligible` evaluators: the run failed.
    event TrainingRunFailed(uint256 indexed runId, uint256 fails, uint256 quorum, uint256 eligible);
    /// @notice A committee member asked to reject a run; `supporters` current members have asked so far.
    event RunRejectionSupported(
        uint256 indexed runId,
        address indexed member,
        bytes32 reasonHash,
        uint256 supporters,
        uint256 quorum
    );
    /// @notice The DAO, or `reviewQuorum` committee members, rejected a run; its request stays open.
    event TrainingRunRejected(uint256 indexed runId, bytes32 reasonHash);
    /// @notice A passed run's model was activated: its version is in force and its operator is the active AGI.
    event ModelActivated(
        uint256 indexed modelId,
        uint256 indexed version,
        uint256 indexed runId,
        address operator,
        bytes32 weightsRoot
    );
}

/**
 * @title IModelRegistryErrors
 * @notice One custom error per refused input or state of the model registry.
 */
interface IModelRegistryErrors is IModelRegistryTypes {
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
    /// @notice The DAO already appointed the most evaluators the registry allows.
    error ModelRegistryTooManyEvaluators(uint256 max);
    /// @notice The evaluator is the run's trainer, its model operator or one of its credited providers.
    error ModelRegistryEvaluatorConflicted(uint256 runId, address evaluator);
    /// @notice The run is not awaiting evaluation.
    error ModelRegistryRunNotEvaluating(uint256 runId, RunStatus status);
    /// @notice The evaluator already assessed this run.
    error ModelRegistryAlreadyEvaluated(uint256 runId, address evaluator);
    /// @notice A score above MAX_SCORE.
    error ModelRegistryInvalidScore(uint16 score);
    /// @notice An evaluator list is not strictly ascending (unsorted or duplicated) at `index`.
    error ModelRegistryEvaluatorsNotSorted(uint256 index);
    /// @notice The evaluator recorded no ballot with this verdict on the run.
    error ModelRegistryNoSuchVerdict(uint256 runId, address evaluator, bool passed);
    /// @notice The evaluator's seat or appointment under which it voted has ended: its ballot no longer counts.
    error ModelRegistryEvaluatorLapsed(uint256 runId, address evaluator);
    /// @notice The run's counted passes do not reach the review quorum.
    error ModelRegistryQuorumNotReached(uint256 runId, uint256 passes, uint256 quorum);
    /// @notice The counted fails still leave at least `quorum` of the `eligible` evaluators: the run can pass.
    error ModelRegistryFailNotReached(uint256 runId, uint256 fails, uint256 quorum, uint256 eligible);
    /// @notice The challenge window of the passed run is still open.
    error ModelRegistryChallengeWindowOpen(uint256 runId, uint256 activatableAt);
    /// @notice An activation delay outside its hard bounds.
    error ModelRegistryActivationDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);
    /// @notice Only governance committee members may support a rejection.
    error ModelRegistryNotCommitteeMember(address caller);
    /// @notice The committee member already asked to reject this run.
    error ModelRegistryRejectionAlreadySupported(uint256 runId, address member);
    /// @notice The run failed its evaluation or was rejected.
    error ModelRegistryRunFailed(uint256 runId);
    /// @notice The run cannot be activated in its current status.
    error ModelRegistryRunNotPassed(uint256 runId, RunStatus status);
    /// @notice The run is unknown, failed or already activated.
    error ModelRegistryRunNotRejectable(uint256 runId, RunStatus status);
    /// @notice No model has this id.
    error ModelRegistryUnknownModel(uint256 modelId);
    /// @notice The run record given is not the one anchored for the run.
    error ModelRegistryRunRecordMismatch(uint256 runId);
}
