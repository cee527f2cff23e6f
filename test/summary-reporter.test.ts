// The plain closing line CI reads must count a suite that failed to run as a failure.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require("./support/summary-reporter.cjs");

function lineFor(results: Record<string, unknown>): string {
  const written: string[] = [];
  // Jest's own spy, undone below: the reporter writes to stdout.
  const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => written.push(String(chunk)) > 0);
  try {
    new SummaryReporter().onRunComplete(new Set(), { numPendingTests: 0, numTodoTests: 0, wasInterrupted: false, ...results });
  } finally {
    write.mockRestore();
  }
  return written.join("").trim();
}

it("counts tests that failed", () => {
  expect(lineFor({ numPassedTests: 5, numFailedTests: 2, testResults: [{ numFailingTests: 2, failureMessage: "x" }] })).toBe(
    "jest: 5 passed, 2 failed, 0 skipped",
  );
});

it("counts a suite that failed to load as a failure, though it ran no test", () => {
  expect(
    lineFor({
      numPassedTests: 5,
      numFailedTests: 0,
      testResults: [{ numFailingTests: 0, testExecError: { message: "SyntaxError" }, failureMessage: "x" }],
    }),
  ).toBe("jest: 5 passed, 1 failed, 0 skipped");
});

it("counts an interrupted run as a failure", () => {
  expect(lineFor({ numPassedTests: 5, numFailedTests: 0, wasInterrupted: true, testResults: [] })).toBe("jest: 5 passed, 1 failed, 0 skipped");
});
