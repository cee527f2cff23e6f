/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // swc strips types without checking them (fast); test/typecheck.test.ts runs tsc.
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/global-setup.cjs",
  globalTeardown: "<rootDir>/test/global-teardown.cjs",
  reporters: ["default", "<rootDir>/test/summary-reporter.cjs"],
  testSequencer: "<rootDir>/test/sequencer.cjs",
  testTimeout: 60000,
  // Jest leaves a core free by default; on the 2-core machines that is half the speed.
  // (A third worker, for the suites that wait on the processes they start, measured no better.)
  maxWorkers: 2,
};
