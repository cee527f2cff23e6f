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
  testTimeout: 60000,
  // One worker more than the 2 cores: several suites wait on the processes they start
  // (the CLI, terraform, the scripts), and a third worker uses that time (measured: 36 s -> 32 s).
  maxWorkers: 3,
};
