// Preloaded (node --require) by the benchmark: records the process's peak RSS at exit.
"use strict";
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    require("fs").writeFileSync(file, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
