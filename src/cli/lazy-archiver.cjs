// cdktf's index loads archiver (with readable-stream, lodash, glob and zip/tar streams: about
// 80 modules, a quarter of loading cdktf) for one use: zipping a TerraformAsset's directory
// during synth. orgform's stacks declare no assets, so cdktf gets a stand-in that loads archiver
// on its first call and forwards to it: a stack that does zip an asset still gets the real one.
"use strict";
const Module = require("node:module");
const { sep } = require("node:path");

const CDKTF_FILE = `${sep}cdktf${sep}lib${sep}private${sep}fs.js`;

module.exports = function deferArchiverInCdktf() {
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    if (request === "archiver" && parent && typeof parent.filename === "string" && parent.filename.endsWith(CDKTF_FILE)) {
      let archiver;
      return function lazyArchiver(...args) {
        archiver ??= originalLoad.call(Module, request, parent, isMain);
        return archiver.apply(this, args);
      };
    }
    return originalLoad.apply(this, arguments);
  };
};
