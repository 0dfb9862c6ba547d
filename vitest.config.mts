// Vitest: TypeScript is transformed without a type check (`tsc` in `npm test` is the type check).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // describe, it, expect and vi without imports (types: "vitest/globals" in tsconfig.json).
    globals: true,
    setupFiles: ["__tests__/setup.ts"],
    // Both cores, one worker each, and the test files of a worker share one module registry: cdktf and the provider
    // classes load once per worker instead of once per test file (0.3-0.65 s of CPU each under Jest). So a test file
    // must leave nothing behind that another file could see: restore what it changes in process.env or on a module.
    pool: "threads",
    maxWorkers: 2,
    isolate: false,
    // Not a speed check (no test is timed): a guard against a hang. A synchronous synthesis on a loaded machine can
    // take far longer than Vitest's default 5 s, which Vitest, unlike Jest, enforces on synchronous tests too.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
