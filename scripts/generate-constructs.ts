/** Writes each provider's constructs.generated.ts from its schemas (providers/construct-codegen.ts). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CODEGEN_SOURCES, generatedConstructs } from "../providers/construct-codegen";

for (const source of CODEGEN_SOURCES) {
  const path = join(__dirname, "..", "providers", source.folder, source.output);
  const after = generatedConstructs(source);
  let before: string | undefined;
  try {
    before = readFileSync(path, "utf8");
  } catch {
    before = undefined;
  }
  if (after !== before) writeFileSync(path, after);
  console.log(`${path}: ${after === before ? "up to date" : "written"}`);
}
