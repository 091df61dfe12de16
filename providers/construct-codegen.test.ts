/**
 * The checked-in constructs.generated.ts files are what providers/construct-codegen.ts makes of
 * the schemas now: change a schema (a field, its description, an attribute) and this fails until
 * `npm run generate:constructs` writes them again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CODEGEN_SOURCES, generatedConstructs } from "./construct-codegen";

it.each(CODEGEN_SOURCES.map((source) => [`providers/${source.folder}/${source.output}`, source] as const))("%s is up to date (npm run generate:constructs writes it)", (path, source) => {
  expect(readFileSync(join(__dirname, "..", path), "utf8")).toBe(generatedConstructs(source));
});
