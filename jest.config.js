const { vendorModuleMap } = require("./test/support/vendor-bundle.cjs");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // swc strips types without checking them (fast); test/typecheck.test.ts runs tsc.
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // cdktf, constructs, the providers, zod and yaml load from one bundle per test file (test/vendor-bundle.cjs);
  // JEST_UNBUNDLED=1 loads them from node_modules file by file, for stack traces that name their files.
  moduleNameMapper: process.env.JEST_UNBUNDLED ? {} : vendorModuleMap(),
  setupFilesAfterEnv: ["<rootDir>/test/support/setup.ts"],
  globalSetup: "<rootDir>/test/support/global-setup.cjs",
  globalTeardown: "<rootDir>/test/support/global-teardown.cjs",
  reporters: ["default", "<rootDir>/test/support/summary-reporter.cjs"],
  testSequencer: "<rootDir>/test/support/sequencer.cjs",
  testTimeout: 60000,
  // Jest leaves a core free by default; on the 2-core machines that is half the speed.
  // (A third worker, for the suites that wait on the processes they start, measured no better.)
  maxWorkers: 2,
};
