import { setupJest } from "cdktf/lib/testing/adapters/jest";

// cdktf's matchers (toHaveResourceWithProperties, ...) and their type declarations.
setupJest();
