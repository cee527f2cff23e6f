import { Testing } from "cdktf";
import * as stackTrace from "cdktf/lib/tokens/private/stack-trace";

// Registers cdktf's matchers: toHaveResource, toHaveResourceWithProperties, ...
Testing.setupJest();

// cdktf records where every token was created, with a full stack trace; under Jest each
// trace runs through source-map-support, which made up half the time of tests that build
// stacks. Tests never read those traces (the app, run outside Jest, keeps them), so here a
// token remembers no creation stack. Synthesized JSON does not change.
(stackTrace as { captureStackTrace: () => string[] }).captureStackTrace = () => [];
