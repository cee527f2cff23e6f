// Orders the test files so the two workers finish together. Jest runs the slowest
// first when its cache (in the machine's TMPDIR) has their durations from an earlier
// run; on a new machine, as CI's, it has none and goes by file size, which started the
// files that run tsc, ESLint and the cdktf CLI last and left one worker alone with them
// for a third of the run. Without durations, the files below go first, slowest first
// (seconds on a new 2-core machine, 2026-11; only the order matters), then the rest by size.
"use strict";
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

const COLD_SECONDS = {
  "cli.test.ts": 11,
  "lint.test.ts": 8,
  "typecheck.test.ts": 7,
  "scripts.test.ts": 3.8,
  "permissions/simulation-prod.test.ts": 3.1,
  "permissions/simulation-examples.test.ts": 3,
  "permissions/organization-policies.test.ts": 2.8,
  "workflows.test.ts": 2.7,
  "permissions/simulation-staging.test.ts": 2.7,
  "app.test.ts": 2.5,
  "permissions/chains.test.ts": 2.3,
  "permissions/simulation-dev.test.ts": 2,
  "permissions/attacker-findings.test.ts": 1.6,
  "e2e/backend.test.ts": 1.9,
  "permissions/planner.test.ts": 1.8,
};

class SlowFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.every((test) => test.duration != null)) return sorted;
    // Jest's order puts the files that failed last time first: they stay first. The others
    // go by their duration where Jest has one (a file added since has none), else by the list.
    const estimate = (test) =>
      test.duration ?? (COLD_SECONDS[path.relative(path.join(__dirname, ".."), test.path).split(path.sep).join("/")] ?? 0) * 1000;
    const failed = sorted.filter((test) => this.hasFailed(test));
    const rest = sorted.filter((test) => !this.hasFailed(test));
    // Array.prototype.sort is stable: files with no estimate keep Jest's order (largest first).
    return [...failed, ...rest.sort((a, b) => estimate(b) - estimate(a))];
  }
}

module.exports = SlowFirst;
module.exports.COLD_SECONDS = COLD_SECONDS;
