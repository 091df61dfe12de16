// JSON with every object's keys sorted, text for text what json-stable-stringify 1.3 writes
// with `{ space }` (cdktf writes cdk.tf.json and manifest.json with it): an empty object or
// array keeps its line break, a cycle through objects throws the same TypeError. It exists for
// start-up: json-stable-stringify loads about 30 small modules (call-bind, get-intrinsic, …);
// this loads none and writes as fast (arrays joined, as it does; src/cli/lazy-dependencies.cjs
// gives it to cdktf; test/stable-json.test.ts compares the two).
//
// While orgform synthesizes in its own process (src/config/synth.ts), each text also gets the
// value JSON.parse would make of it, built as the text is written (every member written, as
// written: -0 as 0, NaN as null, toJSON's result, no undefined members), registered under the
// text in globalThis[Symbol.for("orgform.synthesized-documents")]: the engine then plans from
// the document cdktf made instead of reading cdk.tf.json back and parsing it again.
"use strict";

const DOCUMENTS = Symbol.for("orgform.synthesized-documents");

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
  /** Where the documents go while orgform synthesizes; undefined (no document built) otherwise. */
  const documents = globalThis[DOCUMENTS];
  /** The parsed value of what write() last returned. */
  let parsed;

  const write = (input, level) => {
    let node = input;
    if (node && typeof node.toJSON === "function") node = node.toJSON();
    if (node === undefined) return undefined;
    if (typeof node !== "object" || node === null) {
      const text = JSON.stringify(node);
      if (documents && text !== undefined) parsed = typeof node === "number" ? (Number.isFinite(node) ? node + 0 : null) : node;
      return text;
    }
    const indent = indentAt(level);
    const out = [];
    if (Array.isArray(node)) {
      const items = documents && [];
      for (let i = 0; i < node.length; i++) {
        const written = write(node[i], level + 1);
        out.push(indent + space + (written || "null"));
        if (items) items.push(written ? parsed : null);
      }
      parsed = items;
      return `[${out.join(",")}${indent}]`;
    }
    if (ancestors.has(node)) throw new TypeError("Converting circular structure to JSON");
    ancestors.add(node);
    const members = documents && {};
    for (const key of Object.keys(node).sort()) {
      const written = write(node[key], level + 1);
      if (written) {
        out.push(indent + space + JSON.stringify(key) + colon + written);
        // defineProperty: a member named __proto__ is a member, as JSON.parse makes it.
        if (members) Object.defineProperty(members, key, { value: parsed, writable: true, enumerable: true, configurable: true });
      }
    }
    ancestors.delete(node);
    parsed = members;
    return `{${out.join(",")}${indent}}`;
  };
  const text = write(value, 0);
  if (documents && text !== undefined) documents.set(text, parsed);
  return text;
}

module.exports = { stableJson, handles };
