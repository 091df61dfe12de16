#!/usr/bin/env node
// The orgform-terraform executable: what cdktf-cli runs as TERRAFORM_BINARY_NAME. Like bin.cjs it
// runs the compiled JavaScript when fresh (else the sources through tsx) and wires the built-in
// providers; emulators are not needed here.
"use strict";
const entry = require("./entry.cjs")(process.argv.slice(2));
const { terraformMain } = entry.load("src/cli/terraform-shim");

// A provider's module loads only when a command needs it (see ShimWiring).
terraformMain(process.argv.slice(2), { providers: () => entry.load("providers/manifest").builtInProviderManifest }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`orgform-terraform crashed: ${error && error.message}\n`);
    process.exitCode = 1;
  },
);
