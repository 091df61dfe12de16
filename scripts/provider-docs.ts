/** Writes each built-in provider README's attribute tables (providers/attribute-tables.ts). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withAttributeTables } from "../providers/attribute-tables";
import { builtInProviders } from "../providers/registry";

for (const provider of builtInProviders) {
  const path = join(__dirname, "..", "providers", provider.name, "README.md");
  const before = readFileSync(path, "utf8");
  const after = withAttributeTables(before, provider);
  if (after !== before) writeFileSync(path, after);
  console.log(`${path}: ${after === before ? "up to date" : "written"}`);
}
