module.exports = {
  // Test-only contracts (mocks, the OpenZeppelin reference governor) are not measured.
  skipFiles: ["test/"],
  istanbulReporter: ["html", "json-summary", "text-summary", "lcov"],
  // The instrumented build needs the optimizer's stack handling, like the production build.
  configureYulOptimizer: true,
  mocha: { timeout: 600000 },
};
