#!/usr/bin/env node
// `npm run cdktf -- <command> [args]`: the project's cdktf CLI without its version check.
// The CLI asks checkpoint-api.hashicorp.com for news on every command; where that host is
// unreachable (CI runners with egress rules, air-gapped machines) it prints an
// "[ERROR] getaddrinfo ENOTFOUND" line that is no error of the command. CHECKPOINT_DISABLE
// turns the check off (set it yourself for `npx cdktf`). Arguments, exit code and signals pass through.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const cli = path.join(__dirname, "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
// npm runs this in the project; a relative STACKS_CONFIG_DIR is from where the user stood (INIT_CWD),
// as for the other commands (scripts/cli.ts, userFolder): made absolute before the app sees it.
if (env.npm_lifecycle_event === "cdktf" && env.INIT_CWD && env.STACKS_CONFIG_DIR) {
  env.STACKS_CONFIG_DIR = path.resolve(env.INIT_CWD, env.STACKS_CONFIG_DIR);
}
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
if (result.error) {
  console.error(`cannot start the cdktf CLI (${cli}): ${result.error.message}; run npm ci`);
  process.exit(1);
}
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 1);
