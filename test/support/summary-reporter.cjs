// Ends the run with one plain line, "jest: N passed, N failed, N skipped", that CI reads.
// A suite that fails to run (a syntax error, a throw at load) has no failed test, so
// each such suite counts as one failure: "0 failed" always means nothing failed.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const brokenSuites = results.testResults.filter((suite) => suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0)).length;
    const failed = results.numFailedTests + brokenSuites + (results.wasInterrupted ? 1 : 0);
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
