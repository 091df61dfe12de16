/**
 * Golden files: a rendering is compared exactly with the file committed under test/golden/.
 * `UPDATE_GOLDEN=1 npx jest <test>` rewrites the files instead; review the diff before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const GOLDEN_DIR = join(__dirname, "..", "golden");

export function expectGolden(relativePath: string, actual: string): void {
  const file = join(GOLDEN_DIR, relativePath);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`No golden file ${file}: run with UPDATE_GOLDEN=1 to write it, then review it.`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
