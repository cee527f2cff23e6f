// Every temporary folder of a test run lives under one folder, removed when the run
// ends (test/support/global-teardown.cjs): no run leaves anything in the machine's TMPDIR.
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-stacks-tests-"));
  process.env.PLATFORM_STACKS_TEST_TMPDIR = dir;
  // Workers inherit the environment: os.tmpdir() is this folder in every test.
  process.env.TMPDIR = dir;
};
