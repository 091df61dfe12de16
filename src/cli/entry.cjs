// How both executables load orgform's modules: from the fresh compiled build (dist/), or else
// from the TypeScript sources through tsx. `load("src/cli/main")` names a module by its path in
// the repository, without extension.
"use strict";
const { join } = require("node:path");
const { freshBuild, resolveQuickly } = require("./compiled.cjs");

const root = join(__dirname, "..", "..");

module.exports = function entry(argv) {
  performance.mark("orgform:bin");
  if (process.env.ORGFORM_STARTUP_MARKS) recordStartup(process.env.ORGFORM_STARTUP_MARKS);
  // Before any other module loads: every one of them can come from the module pack, or else from
  // the code cache. The pack goes second: it sees each module's source before the cache compiles it.
  require("./compile-cache.cjs")(process.env);
  require("./module-pack.cjs")(process.env);
  require("./lazy-dependencies.cjs")();
  const build = freshBuild();
  if (build) {
    resolveQuickly(build.dir, build.startedAtMs);
    return { compiled: true, load: (module) => require(join(build.dir, `${module}.js`)) };
  }
  require("./preload.cjs")(argv);
  require("tsx/cjs");
  return { compiled: false, load: (module) => require(join(root, `${module}.ts`)) };
};

/**
 * For the bench's start-up section (bench/startup.ts): at exit, writes to `file` the moments
 * (ms since the process started) of the marks made on the way (orgform:bin here, the synth's in
 * src/config/synth.ts), the exit, and the CPU time used. Timings only, nothing of the stack.
 */
function recordStartup(file) {
  process.once("exit", () => {
    const marks = Object.fromEntries(performance.getEntriesByType("mark").filter((mark) => mark.name.startsWith("orgform:")).map((mark) => [mark.name.slice(8), mark.startTime]));
    const cpu = process.cpuUsage();
    require("node:fs").writeFileSync(file, JSON.stringify({ marks: { ...marks, exit: performance.now() }, cpuMs: (cpu.user + cpu.system) / 1000 }));
  });
}
