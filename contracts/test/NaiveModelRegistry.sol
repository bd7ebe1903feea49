// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @notice Gas reference only: a registry that stores every field of the same training run record (and every
 * checkpoint) in storage, with the same builder checks as {ModelRegistry}. Not upgradeable, no proxy.
 */
contract NaiveModelRegistry {
    error NaiveNotTrainer();
    error NaiveNotProvider(address provider);
    error NaiveStep();

    struct Checkpoint {
        uint64 step;
        bytes32 checkpointHash;
    }

    struct Run {
        uint256 version;
        address trainer;
        bytes32 datasetRoot;
        bytes32 configHash;
        bytes32 codeHash;
        address[] dataProviders;
        address[] computeProviders;
        string uri;
        uint8 status;
        Checkpoint[] checkpoints;
    }

    mapping(address => uint8) public roles;
    mapping(uint256 => Run) private _runs;
    uint256 public runCount;

    event RunRecorded(uint256 indexed runId);
    event CheckpointAnchored(uint256 indexed runId, uint64 step);

    function register(uint8 r) external {
        roles[msg.sender] = r;
    }

    function recordTrainingRun(
        uint256 version,
        bytes32 datasetRoot,
        bytes32 configHash,
        bytes32 codeHash,
        address[] calldata dataProviders,
        address[] calldata computeProviders,
        string calldata uri
    ) external returns (uint256 runId) {
        if (roles[msg.sender] & 1 == 0) revert NaiveNotTrainer();
        for (uint256 i = 0; i < dataProviders.length; ++i) {
            if (roles[dataProviders[i]] & 2 == 0) revert NaiveNotProvider(dataProviders[i]);
        }
        for (uint256 i = 0; i < computeProviders.length; ++i) {
            if (roles[computeProviders[i]] & 4 == 0) revert NaiveNotProvider(computeProviders[i]);
        }
        runId = ++runCount;
        Run storage r = _runs[runId];
        r.version = version;
        r.trainer = msg.sender;
        r.datasetRoot = datasetRoot;
        r.configHash = configHash;
        r.codeHash = codeHash;
        r.dataProviders = dataProviders;
        r.computeProviders = computeProviders;
        r.uri = uri;
        r.status = 1;
        emit RunRecorded(runId);
    }

    function anchorCheckpoint(uint256 runId, uint64 step, bytes32 checkpointHash) external {
        Run storage r = _runs[runId];
        if (msg.sender != r.trainer) revert NaiveNotTrainer();
        uint256 n = r.checkpoints.length;
        if (n > 0 && step <= r.checkpoints[n - 1].step) revert NaiveStep();
        r.checkpoints.push(Checkpoint(step, checkpointHash));
        emit CheckpointAnchored(runId, step);
    }
}
