// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ModelTrainingUpgradeable} from "./ModelTrainingUpgradeable.sol";

/**
 * @title ModelEvaluationUpgradeable
 * @notice Evaluation, failure, rejection and activation of training runs.
 *
 * Who evaluates: the governance committee's members and the evaluators the DAO appoints (at most
 * {MAX_APPOINTED_EVALUATORS}), except anyone the run credits or pays off: its trainer, its model operator and its
 * data and compute providers ({ModelRegistryEvaluatorConflicted}). Evaluators give the run record back (from
 * {TrainingRunRecorded}), so the conflict check reads the providers without the registry storing them.
 *
 * Ballots count only while their evaluator is eligible: a committee member while it holds a seat, an appointed
 * evaluator while the appointment (the term) it voted under lasts. Activation and failure are shown with calldata
 * lists of evaluators, strictly ascending, each re-checked now; as each entry must be a distinct, currently eligible
 * evaluator, a list is never longer than {eligibleEvaluatorCount} (at most 5 + {MAX_APPOINTED_EVALUATORS}).
 *
 * - Passed: when the raw passes reach `Constitution.reviewQuorum()`. Every pass from then on restarts the
 *   challenge window: activation is possible {activationDelay} after the latest pass, so every pass it counts was
 *   public for at least that long.
 * - Challenge window: the DAO ({rejectRun}) or `reviewQuorum` current committee members ({supportRejection})
 *   reject the run. Activation stays refused until the window ends.
 * - Activated: anyone, after the window, with `reviewQuorum` eligible passes ({activateRun}).
 * - Failed: anyone, with the eligible fails, once the evaluators left can no longer reach the quorum:
 *   `fails + reviewQuorum > eligibleEvaluatorCount()` ({failRun}).
 *
 * @dev New state lives in its own namespace, `erc7201:bytomdao.storage.ModelEvaluation`; the V1 state (runs, the
 * appointed-evaluator flags, evaluation commitments, models) stays in the shared V1 namespace. The only loops are
 * over calldata lists bounded as above and over the committee's five seats.
 */
abstract contract ModelEvaluationUpgradeable is ModelTrainingUpgradeable {
    /// @custom:storage-location erc7201:bytomdao.storage.ModelEvaluation
    struct ModelEvaluationStorage {
        uint32 activationDelay; // 0 = DEFAULT_ACTIVATION_DELAY (a registry upgraded from V1)
        uint32 appointedCount; // appointed evaluators now
        uint32 termCount; // appointments ever made
        mapping(address evaluator => uint32) termOf; // the evaluator's latest appointment
        // bit 0: a ballot exists; bit 1: passed; bits 8..39: the voter's term (termOf when it voted)
        mapping(uint256 runId => mapping(address evaluator => uint256)) ballots;
        mapping(uint256 runId => uint48) passedAt; // the latest pass at or above the quorum
        mapping(uint256 runId => mapping(address member => bool)) rejectionSupport;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("bytomdao.storage.ModelEvaluation")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MODEL_EVALUATION_STORAGE =
        0xe338cf1b16090ffa88669806d2e43d377a2f86b54d9b11b2079d696ca92d8300;

    /// @notice Highest evaluation score (basis points).
    uint16 public constant MAX_SCORE = 10_000;
    /// @notice Most evaluators the DAO may appoint besides the five committee members.
    uint256 public constant MAX_APPOINTED_EVALUATORS = 16;
    /// @notice The challenge window until the DAO sets one.
    uint256 public constant DEFAULT_ACTIVATION_DELAY = 2 days;
    /// @notice Shortest challenge window the DAO may set.
    uint256 public constant MIN_ACTIVATION_DELAY = 1 days;
    /// @notice Longest challenge window the DAO may set.
    uint256 public constant MAX_ACTIVATION_DELAY = 30 days;

    // ------------------------------------------------------------------ evaluators

    /**
     * @notice Appoints an evaluator besides the committee members (DAO only), e.g. an independent auditor. Each
     * appointment is a new term: ballots from an earlier term do not count again.
     */
    function appointEvaluator(address evaluator) external onlyOwner {
        if (evaluator == address(0)) revert ModelRegistryZeroEvaluator();
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        ModelEvaluationStorage storage e = _getModelEvaluationStorage();
        if ($.evaluators[evaluator]) revert ModelRegistryEvaluatorAlreadyAppointed(evaluator);
        if (e.appointedCount >= MAX_APPOINTED_EVALUATORS)
            revert ModelRegistryTooManyEvaluators(MAX_APPOINTED_EVALUATORS);
        $.evaluators[evaluator] = true;
        uint32 term = ++e.termCount;
        e.termOf[evaluator] = term;
        ++e.appointedCount;
        emit EvaluatorAppointed(evaluator, term);
    }

    /// @notice Removes an appointed evaluator (DAO only). Its ballots stop counting at once.
    function removeEvaluator(address evaluator) external onlyOwner {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        if (!$.evaluators[evaluator]) revert ModelRegistryEvaluatorNotAppointed(evaluator);
        $.evaluators[evaluator] = false;
        --_getModelEvaluationStorage().appointedCount;
        emit EvaluatorRemoved(evaluator);
    }

    /**
     * @notice Sets the challenge window between a run's latest pass and its activation (DAO only), within
     * [{MIN_ACTIVATION_DELAY}, {MAX_ACTIVATION_DELAY}]. Applies to passed runs not yet activated too.
     */
    function setActivationDelay(uint256 delay) external onlyOwner {
        if (delay < MIN_ACTIVATION_DELAY || delay > MAX_ACTIVATION_DELAY) {
            revert ModelRegistryActivationDelayOutOfBounds(delay, MIN_ACTIVATION_DELAY, MAX_ACTIVATION_DELAY);
        }
        emit ActivationDelaySet(activationDelay(), delay);
        _getModelEvaluationStorage().activationDelay = uint32(delay);
    }

    // ------------------------------------------------------------------ evaluation

    /**
     * @notice Records the caller's assessment of a completed run, once per evaluator and run while its ballot
     * counts (an evaluator re-appointed after removal votes again in its new term).
     * Caller: a committee member or an evaluator appointed by the DAO, not conflicted (see the contract notes).
     * @dev Accepted while the run is Evaluating or Passed (in the challenge window), so lapsed passes can be made
     * up. A pass that brings or keeps the raw passes at `reviewQuorum` makes the run Passed and (re)starts the
     * challenge window. Fails never end the evaluation by themselves: see {failRun}.
     * @param run The run's full record from {TrainingRunRecorded}; {ModelRegistryRunRecordMismatch} otherwise.
     * @param passed Whether the model meets the constitution version it was trained for.
     * @param score 0..MAX_SCORE.
     * @param reportHash Hash of the evaluation report (emitted; the evaluation's commitment is stored).
     */
    function evaluateRun(
        uint256 runId,
        TrainingRun calldata run,
        bool passed,
        uint16 score,
        bytes32 reportHash
    ) external {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        ModelEvaluationStorage storage e = _getModelEvaluationStorage();
        if (!isEvaluator(msg.sender)) revert ModelRegistryNotEvaluator(msg.sender);
        Run storage stored = $.runs[runId];
        _checkInEvaluation(runId, stored.status);
        Request storage r = $.requests[stored.version];
        if (r.status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(stored.version, r.status);
        uint256 previous = e.ballots[runId][msg.sender];
        if (previous != 0 && _isEligible(msg.sender, previous)) revert ModelRegistryAlreadyEvaluated(runId, msg.sender);
        if (score > MAX_SCORE) revert ModelRegistryInvalidScore(score);
        if (reportHash == bytes32(0)) revert ModelRegistryEmptyReportHash();
        if (!_verifyRunRecord(runId, run)) revert ModelRegistryRunRecordMismatch(runId);
        if (_isConflicted(runId, run, msg.sender)) revert ModelRegistryEvaluatorConflicted(runId, msg.sender);

        $.evaluations[runId][msg.sender] = keccak256(abi.encode(passed, score, reportHash));
        e.ballots[runId][msg.sender] = (uint256(e.termOf[msg.sender]) << 8) | (passed ? 3 : 1);
        emit RunEvaluated(runId, msg.sender, passed, score, reportHash);

        if (passed) {
            uint256 passes = ++stored.passes;
            uint256 quorum = $.constitution.reviewQuorum();
            if (passes >= quorum) {
                stored.status = RunStatus.Passed;
                e.passedAt[runId] = uint48(block.timestamp);
                emit TrainingRunPassed(runId, passes, quorum, block.timestamp + activationDelay());
            }
        } else {
            ++stored.fails;
        }
    }

    /**
     * @notice Declares a run Failed: the listed evaluators' fails leave too few eligible evaluators to reach the
     * quorum (`fails + reviewQuorum > eligibleEvaluatorCount()`). Anyone may call; the request stays open.
     * @param failers Evaluators that failed the run, strictly ascending, each still eligible in the term it voted.
     */
    function failRun(uint256 runId, address[] calldata failers) external {
        Run storage run = _getModelRegistryStorage().runs[runId];
        _checkInEvaluation(runId, run.status);
        uint256 fails = _countBallots(runId, failers, false);
        uint256 quorum = _getModelRegistryStorage().constitution.reviewQuorum();
        uint256 eligible = eligibleEvaluatorCount();
        if (fails + quorum <= eligible) revert ModelRegistryFailNotReached(runId, fails, quorum, eligible);
        run.status = RunStatus.Failed;
        emit TrainingRunFailed(runId, fails, quorum, eligible);
    }

    // ------------------------------------------------------------------ rejection

    /**
     * @notice Rejects a run (DAO only), e.g. for fraud found during the challenge window or while it trains.
     * The request stays open.
     * @param reasonHash Hash of the DAO's published reason.
     */
    function rejectRun(uint256 runId, bytes32 reasonHash) external onlyOwner {
        Run storage run = _getModelRegistryStorage().runs[runId];
        RunStatus status = run.status;
        if (status != RunStatus.Training && status != RunStatus.Evaluating && status != RunStatus.Passed) {
            revert ModelRegistryRunNotRejectable(runId, status);
        }
        if (status == RunStatus.Training) _clearCursor(runId, run.trainer);
        run.status = RunStatus.Failed;
        emit TrainingRunRejected(runId, reasonHash);
    }

    /**
     * @notice A committee member asks to reject a completed run not yet activated. When `reviewQuorum` current
     * members have asked, the run is rejected (Failed) and its request stays open. The support of a member who
     * lost its seat no longer counts.
     * @param reasonHash Hash of the member's published reason (the last supporter's is the rejection's).
     */
    function supportRejection(uint256 runId, bytes32 reasonHash) external {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        if (!$.committee.isMember(msg.sender)) revert ModelRegistryNotCommitteeMember(msg.sender);
        Run storage run = $.runs[runId];
        RunStatus status = run.status;
        if (status != RunStatus.Evaluating && status != RunStatus.Passed) {
            revert ModelRegistryRunNotRejectable(runId, status);
        }
        mapping(address => bool) storage support = _getModelEvaluationStorage().rejectionSupport[runId];
        if (support[msg.sender]) revert ModelRegistryRejectionAlreadySupported(runId, msg.sender);
        support[msg.sender] = true;
        uint256 supporters = rejectionSupport(runId);
        uint256 quorum = $.constitution.reviewQuorum();
        emit RunRejectionSupported(runId, msg.sender, reasonHash, supporters, quorum);
        if (supporters >= quorum) {
            run.status = RunStatus.Failed;
            emit TrainingRunRejected(runId, reasonHash);
        }
    }

    // ------------------------------------------------------------------ activation

    /**
     * @notice Activates a passed run after its challenge window: its model gets the next id, the request is
     * fulfilled and the Constitution puts the version in force with the model's operator as the active AGI agent.
     * @dev Anyone may call: the evaluators decided, this only executes it. Refused when the request is no longer
     * open or the version is no longer the latest ratified one.
     * @param passers At least `reviewQuorum` evaluators that passed the run, strictly ascending, each still eligible
     * in the term it voted (see {countedBallot}).
     * @return modelId The id of the activated model.
     */
    function activateRun(uint256 runId, address[] calldata passers) external returns (uint256 modelId) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        Run storage run = $.runs[runId];
        RunStatus status = run.status;
        uint256 quorum = $.constitution.reviewQuorum();
        if (status != RunStatus.Passed) {
            if (status == RunStatus.Failed) revert ModelRegistryRunFailed(runId);
            if (status == RunStatus.Evaluating) revert ModelRegistryQuorumNotReached(runId, run.passes, quorum);
            if (status == RunStatus.None) revert ModelRegistryUnknownRun(runId);
            revert ModelRegistryRunNotPassed(runId, status);
        }
        uint256 activatableAt_ = activatableAt(runId);
        if (block.timestamp < activatableAt_) revert ModelRegistryChallengeWindowOpen(runId, activatableAt_);
        uint256 version = run.version;
        Request storage r = $.requests[version];
        if (r.status != RequestStatus.Open) revert ModelRegistryRequestNotOpen(version, r.status);
        _checkCurrentVersion(version);
        uint256 passes = _countBallots(runId, passers, true);
        if (passes < quorum) revert ModelRegistryQuorumNotReached(runId, passes, quorum);

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
        _afterActivation(modelId, version, operator);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether `account` may evaluate runs: a committee member or a DAO-appointed evaluator.
    function isEvaluator(address account) public view returns (bool) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        return $.evaluators[account] || $.committee.isMember(account);
    }

    /// @notice Whether `account` was appointed by the DAO as an evaluator.
    function isAppointedEvaluator(address account) external view returns (bool) {
        return _getModelRegistryStorage().evaluators[account];
    }

    /// @notice The term (appointment number) of `evaluator`'s latest appointment; 0 if never appointed since V2.
    function evaluatorTerm(address evaluator) external view returns (uint256) {
        return _getModelEvaluationStorage().termOf[evaluator];
    }

    /**
     * @notice How many distinct accounts may evaluate now: the appointed evaluators plus the committee members
     * who are not also appointed. O(1): a counter and the five seats.
     */
    function eligibleEvaluatorCount() public view returns (uint256 count) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        count = _getModelEvaluationStorage().appointedCount;
        address[5] memory seats = $.committee.members();
        for (uint256 i = 0; i < 5; ++i) {
            if (seats[i] != address(0) && !$.evaluators[seats[i]]) ++count;
        }
    }

    /**
     * @notice The commitment `keccak256(abi.encode(passed, score, reportHash))` of an evaluator's assessment of a
     * run, or zero if it has not evaluated it.
     */
    function evaluationOf(uint256 runId, address evaluator) external view returns (bytes32) {
        return _getModelRegistryStorage().evaluations[runId][evaluator];
    }

    /**
     * @notice An evaluator's ballot on a run as activation and failure see it now.
     * @return counts Whether the evaluator voted and is still eligible in the term it voted under.
     * @return passed Its verdict (false if it did not vote).
     */
    function countedBallot(uint256 runId, address evaluator) external view returns (bool counts, bool passed) {
        uint256 ballot = _getModelEvaluationStorage().ballots[runId][evaluator];
        return (ballot != 0 && _isEligible(evaluator, ballot), ballot & 2 != 0);
    }

    /// @notice The challenge window currently in force (the DAO's setting, or the default).
    function activationDelay() public view returns (uint256) {
        uint256 delay = _getModelEvaluationStorage().activationDelay;
        return delay == 0 ? DEFAULT_ACTIVATION_DELAY : delay;
    }

    /// @notice When a Passed run may be activated (its latest pass plus the delay); 0 unless the run is Passed.
    function activatableAt(uint256 runId) public view returns (uint256) {
        if (_getModelRegistryStorage().runs[runId].status != RunStatus.Passed) return 0;
        return _getModelEvaluationStorage().passedAt[runId] + activationDelay();
    }

    /// @notice How many current committee members asked to reject the run.
    function rejectionSupport(uint256 runId) public view returns (uint256 supporters) {
        mapping(address => bool) storage support = _getModelEvaluationStorage().rejectionSupport[runId];
        address[5] memory seats = _getModelRegistryStorage().committee.members();
        for (uint256 i = 0; i < 5; ++i) {
            if (support[seats[i]]) ++supporters;
        }
    }

    /// @notice An activated model (weights root = its commitment, version, run, operator).
    function getModel(uint256 modelId) external view returns (Model memory) {
        Model memory m = _getModelRegistryStorage().models[modelId];
        if (m.weightsRoot == bytes32(0)) revert ModelRegistryUnknownModel(modelId);
        return m;
    }

    /// @notice Number of models ever activated (the genesis model is #1).
    function modelCount() external view returns (uint256) {
        return _getModelRegistryStorage().modelCount;
    }

    // ------------------------------------------------------------------ hooks and internals

    /**
     * @dev Hook: whether `account` has a stake in the run and may not evaluate it. Default: the trainer, the model
     * operator and every credited data and compute provider (lists bounded by MAX_PROVIDERS). An extension can add
     * affiliations (e.g. a declared conflict register). `run` is already checked against the commitment.
     */
    function _isConflicted(
        uint256 runId,
        TrainingRun calldata run,
        address account
    ) internal view virtual returns (bool) {
        if (account == run.trainer || account == _getModelRegistryStorage().runs[runId].operator) return true;
        return _contains(run.dataProviders, account) || _contains(run.computeProviders, account);
    }

    /**
     * @dev Hook: runs last in {activateRun}, after the model and the request are recorded and the events emitted.
     * Default: the Constitution puts `version` in force with the model and its operator as the active agent.
     */
    function _afterActivation(uint256 modelId, uint256 version, address operator) internal virtual {
        _getModelRegistryStorage().constitution.enactVersion(version, modelId, operator);
    }

    /// @dev Sets the appointed-evaluator counter (the upgrade from V1, whose appointments were not counted).
    function _setAppointedCount(uint256 count) internal {
        _getModelEvaluationStorage().appointedCount = uint32(count);
    }

    /// @dev Counts `evaluators`' ballots with `passed` as verdict; reverts on the first that does not count.
    function _countBallots(uint256 runId, address[] calldata evaluators, bool passed) private view returns (uint256 n) {
        mapping(address => uint256) storage ballots = _getModelEvaluationStorage().ballots[runId];
        address previous = address(0);
        n = evaluators.length;
        for (uint256 i = 0; i < n; ++i) {
            address evaluator = evaluators[i];
            if (evaluator <= previous) revert ModelRegistryEvaluatorsNotSorted(i);
            uint256 ballot = ballots[evaluator];
            if (ballot == 0 || (ballot & 2 != 0) != passed) revert ModelRegistryNoSuchVerdict(runId, evaluator, passed);
            if (!_isEligible(evaluator, ballot)) revert ModelRegistryEvaluatorLapsed(runId, evaluator);
            previous = evaluator;
        }
    }

    /**
     * @dev Eligible now, under the ballot's term: a committee member (the registry cannot see seat terms, so a
     * member's ballot counts while it holds a seat), or an appointed evaluator still in the appointment it voted
     * under.
     */
    function _isEligible(address evaluator, uint256 ballot) private view returns (bool) {
        ModelRegistryStorage storage $ = _getModelRegistryStorage();
        if ($.evaluators[evaluator] && _getModelEvaluationStorage().termOf[evaluator] == uint32(ballot >> 8)) {
            return true;
        }
        return $.committee.isMember(evaluator);
    }

    function _checkInEvaluation(uint256 runId, RunStatus status) private pure {
        if (status != RunStatus.Evaluating && status != RunStatus.Passed) {
            revert ModelRegistryRunNotEvaluating(runId, status);
        }
    }

    function _contains(address[] calldata list, address account) private pure returns (bool) {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == account) return true;
        }
        return false;
    }

    function _getModelEvaluationStorage() private pure returns (ModelEvaluationStorage storage $) {
        assembly ("memory-safe") {
            $.slot := MODEL_EVALUATION_STORAGE
        }
    }
}
