/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // swc strips types without checking them; `tsc` in `npm test` is the type check.
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }] },
  // Both cores: the suites are independent, and Jest's default (cores - 1) would run them one by one here.
  maxWorkers: 2,
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
