#!/usr/bin/env node
// The orgform executable: the only place where src/ meets providers/ (the built-in providers are
// wired into the engine here). It runs orgform's compiled JavaScript (dist/, built on install)
// when it is fresh; tsx is then registered only while the user's TypeScript stack loads (see
// src/config/synth.ts). Otherwise (a checkout with edited sources, or ORGFORM_FROM_SOURCE=1) it
// registers tsx and runs the TypeScript sources, as before the build existed.
"use strict";
const entry = require("./entry.cjs")(process.argv.slice(2));
const { main } = entry.load("src/cli/main");

// A provider's module loads only when a command needs it (the manifest says which provider serves
// which types; see Wiring); emulators only for `emulate` and `demo`.
main(process.argv.slice(2), {
  providers: () => entry.load("providers/manifest").builtInProviderManifest,
  emulators: () => entry.load("providers/emulators").builtInEmulators,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`orgform crashed: ${error && error.message}\n`);
    process.exitCode = 1;
  },
);
