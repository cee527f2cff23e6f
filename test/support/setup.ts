import { Testing } from "cdktf";

// Registers cdktf's matchers: toHaveResource, toHaveResourceWithProperties, ...
Testing.setupJest();
