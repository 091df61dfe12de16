/**
 * Two jest projects. `unit`: pure tests and in-process engine tests (real HTTP on loopback against
 * emulators started in the test process), fast: `npm run test:unit`. `e2e`: tests that run real
 * processes (the orgform CLI, lock racers, a PostgreSQL server). `npm test` runs both.
 */
const transform = {
  "^.+\\.ts$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2022" }, module: { type: "commonjs" } },
  ],
};

const base = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/providers", "<rootDir>/test"],
  transform,
};

/** Tests without `.e2e.` in their name that still start processes or servers of their own. */
const PROCESS_TESTS = ["<rootDir>/src/state/pg-backend.test.ts", "<rootDir>/src/state/local-lock.test.ts", "<rootDir>/test/github-actions.test.ts"];

module.exports = {
  // A global option: jest reads it only here, not per project.
  testTimeout: 240_000,
  projects: [
    {
      ...base,
      displayName: "unit",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "\\.e2e\\.test\\.ts$", ...PROCESS_TESTS],
    },
    {
      ...base,
      displayName: "e2e",
      testMatch: ["**/*.e2e.test.ts", ...PROCESS_TESTS],
    },
  ],
};
