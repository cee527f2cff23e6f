// Orders the test files so the two workers finish together. Jest runs the slowest
// first when its cache (in the machine's TMPDIR) has their durations from an earlier
// run; on a new machine, as CI's, it has none and goes by file size, which started the
// files that run tsc, ESLint, the cdktf CLI or Terraform last and left one worker
// alone with them for a third of the run. Without durations, the files that start
// processes go first, each group largest first.
"use strict";
const fs = require("fs");
const Sequencer = require("@jest/test-sequencer").default;

/** A file that runs other programs: itself, or through test/e2e's Terraform helper. */
const startsProcesses = (file) => /from "child_process"|require\("child_process"\)|from "\.\/terraform"/.test(fs.readFileSync(file, "utf8"));

class SlowFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.every((test) => test.duration != null)) return sorted;
    const spawning = new Set(sorted.filter((test) => startsProcesses(test.path)));
    // Array.prototype.sort is stable: within each group, Jest's order stays.
    return [...sorted].sort((a, b) => Number(spawning.has(b)) - Number(spawning.has(a)));
  }
}

module.exports = SlowFirst;
