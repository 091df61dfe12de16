// Modules that orgform's dependencies load at start but a command almost never uses get a
// stand-in that loads the real module on first use (node's Module._load, hooked once per
// process by src/cli/entry.cjs, before anything else loads):
//   - cdktf's index loads archiver (with readable-stream, lodash, glob and zip/tar streams: about
//     80 modules, a quarter of loading cdktf) for one use: zipping a TerraformAsset's directory.
//     A stack that does zip an asset calls the stand-in, which loads archiver and forwards.
//   - cdktf writes cdk.tf.json and manifest.json with json-stable-stringify, which loads about 30
//     small modules (call-bind, get-intrinsic, …): cdktf gets stable-json.cjs instead, the same
//     text (options it does not handle go to the real module, loaded then).
//   - cdktf's check of a binary's version (run only by a stack that moves resources) loads all of
//     semver (about 45 modules): it gets a stand-in that loads semver on first use.
//   - zod exports every locale's error messages as `z.locales` (about 45 modules) and configures
//     English (its own import, untouched). The stand-in is the same namespace, loaded on first
//     read of any of its properties.
"use strict";
const Module = require("node:module");
const { sep } = require("node:path");

const ARCHIVER_USER = `${sep}cdktf${sep}lib${sep}private${sep}fs.js`;
const SEMVER_USER = `${sep}cdktf${sep}lib${sep}validations${sep}validate-binary-version.js`;
const STABLE_JSON_USERS = [`${sep}cdktf${sep}lib${sep}manifest.js`, `${sep}cdktf${sep}lib${sep}synthesize${sep}synthesizer.js`, `${sep}cdktf${sep}lib${sep}testing${sep}index.js`];
const ZOD_LOCALES_USERS = [`${sep}zod${sep}v4${sep}classic${sep}external.cjs`, `${sep}zod${sep}v4${sep}core${sep}index.cjs`];

module.exports = function deferUnusedDependencies() {
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    const from = parent && typeof parent.filename === "string" ? parent.filename : "";
    if (request === "archiver" && from.endsWith(ARCHIVER_USER)) {
      let archiver;
      return function lazyArchiver(...args) {
        archiver ??= originalLoad.call(Module, request, parent, isMain);
        return archiver.apply(this, args);
      };
    }
    if (request === "json-stable-stringify" && STABLE_JSON_USERS.some((user) => from.endsWith(user))) {
      const { stableJson, handles } = require("./stable-json.cjs");
      let original;
      return function stableStringify(value, options) {
        if (handles(options)) return stableJson(value, options);
        original ??= originalLoad.call(Module, request, parent, isMain);
        return original(value, options);
      };
    }
    if (request === "semver" && from.endsWith(SEMVER_USER)) return lazyNamespace(() => originalLoad.call(Module, request, parent, isMain), false);
    if (request === "../locales/index.cjs" && ZOD_LOCALES_USERS.some((user) => from.endsWith(user))) {
      // __esModule: zod's __importStar then takes the stand-in as the namespace, reading nothing.
      return lazyNamespace(() => originalLoad.call(Module, request, parent, isMain), true);
    }
    return originalLoad.apply(this, arguments);
  };
};

/** An object standing for a module's exports, which loads the module on first use of any of them. */
function lazyNamespace(load, esModule) {
  let loaded;
  const real = () => (loaded ??= load());
  return new Proxy(esModule ? { __esModule: true } : {}, {
    get: (_target, key) => (esModule && key === "__esModule" ? true : real()[key]),
    has: (_target, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
