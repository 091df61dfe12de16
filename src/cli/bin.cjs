#!/usr/bin/env node
// The orgform executable. It registers tsx so the TypeScript sources (and the user's TypeScript
// stacks, synthesized in-process) load without a build step, then wires the built-in providers
// into the engine: the only place where src/ meets providers/.
"use strict";
require("./preload.cjs")(process.argv.slice(2));
require("tsx/cjs");
const { main } = require("./main.ts");

// Providers and emulators load only for the commands that use them (see Wiring), so that
// `orgform --help` and `orgform version` answer at once.
main(process.argv.slice(2), {
  providers: () => require("../../providers/registry.ts").builtInProviders,
  emulators: () => require("../../providers/emulators.ts").builtInEmulators,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`orgform crashed: ${error && error.message}\n`);
    process.exitCode = 1;
  },
);
