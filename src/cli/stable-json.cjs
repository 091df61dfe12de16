// JSON with every object's keys sorted, text for text what json-stable-stringify 1.3 writes
// with `{ space }` (cdktf writes cdk.tf.json and manifest.json with it): an empty object or
// array keeps its line break, a cycle through objects throws the same TypeError. It exists for
// start-up: json-stable-stringify loads about 30 small modules (call-bind, get-intrinsic, …);
// this loads none and writes as fast (arrays joined, as it does; src/cli/lazy-dependencies.cjs
// gives it to cdktf; test/stable-json.test.ts compares the two).
"use strict";

/** Whether stableJson writes what json-stable-stringify would for these options. */
function handles(options) {
  if (options === undefined || options === null) return true;
  if (typeof options !== "object") return false;
  return Object.keys(options).every((key) => key === "space") && (options.space === undefined || typeof options.space === "number" || typeof options.space === "string");
}

function stableJson(value, options) {
  let space = (options && options.space) || "";
  if (typeof space === "number") space = " ".repeat(Math.max(0, space));
  const colon = space ? ": " : ":";
  const indents = [];
  const indentAt = (level) => (indents[level] ??= space ? `\n${space.repeat(level)}` : "");
  const ancestors = new Set();

  const write = (input, level) => {
    let node = input;
    if (node && typeof node.toJSON === "function") node = node.toJSON();
    if (node === undefined) return undefined;
    if (typeof node !== "object" || node === null) return JSON.stringify(node);
    const indent = indentAt(level);
    const out = [];
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) out.push(indent + space + (write(node[i], level + 1) || "null"));
      return `[${out.join(",")}${indent}]`;
    }
    if (ancestors.has(node)) throw new TypeError("Converting circular structure to JSON");
    ancestors.add(node);
    for (const key of Object.keys(node).sort()) {
      const written = write(node[key], level + 1);
      if (written) out.push(indent + space + JSON.stringify(key) + colon + written);
    }
    ancestors.delete(node);
    return `{${out.join(",")}${indent}}`;
  };
  return write(value, 0);
}

module.exports = { stableJson, handles };
