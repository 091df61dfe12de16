// How both executables load orgform's modules: from the fresh compiled build (dist/), or else
// from the TypeScript sources through tsx. `load("src/cli/main")` names a module by its path in
// the repository, without extension.
"use strict";
const { join } = require("node:path");
const compiledRoot = require("./compiled.cjs");

const root = join(__dirname, "..", "..");

module.exports = function entry(argv) {
  const dist = compiledRoot();
  if (dist) return { compiled: true, load: (module) => require(join(dist, `${module}.js`)) };
  require("./preload.cjs")(argv);
  require("tsx/cjs");
  return { compiled: false, load: (module) => require(join(root, `${module}.ts`)) };
};
