#!/usr/bin/env node
// The orgform-terraform executable: what cdktf-cli runs as TERRAFORM_BINARY_NAME. Like bin.cjs it
// registers tsx (no build step) and wires the built-in providers; emulators are not needed here.
"use strict";
require("./preload.cjs")(process.argv.slice(2));
require("tsx/cjs");
const { terraformMain } = require("./terraform-shim.ts");

// Providers load only for the commands that use them (see ShimWiring).
terraformMain(process.argv.slice(2), { providers: () => require("../../providers/registry.ts").builtInProviders }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`orgform-terraform crashed: ${error && error.message}\n`);
    process.exitCode = 1;
  },
);
