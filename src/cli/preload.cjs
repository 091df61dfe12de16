// Loads orgform's JavaScript dependencies before tsx's hook is installed. tsx looks at every file
// it loads (for ESM syntax to transform), which made `orgform plan` spend about 0.13 s of its
// start on cdktf's, zod's and undici's hundreds of plain JavaScript files. Loaded first, they are
// cached as node loads them. Commands that only print (help, version) load none of them. undici
// is left out: it loads with the first HTTP request (src/http/client.ts), and most commands that
// send none should not pay for it. This runs only when orgform runs from its sources (entry.cjs).
"use strict";

const PRINT_ONLY = new Set(["--help", "-h", "help", "version", "--version", "-v"]);

module.exports = function preloadDependencies(argv) {
  const command = argv[0];
  if (command === undefined || PRINT_ONLY.has(command)) return;
  for (const dependency of ["zod", "commander", "constructs", "cdktf"]) require(dependency);
};
