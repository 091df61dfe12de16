/**
 * Each provider README's "Files" table names every file of its folder and its sub-folders
 * (resources/, emulator/) and no file that is gone, so a newcomer reading it finds the code it
 * describes (test files are covered by `*.test.ts`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { builtInProviderManifest } from "./manifest";

describe.each(builtInProviderManifest.map((provider) => provider.name))("providers/%s/README.md", (name) => {
  const folder = join(__dirname, name);
  const readme = readFileSync(join(folder, "README.md"), "utf8");
  const files = readme.slice(readme.indexOf("## Files"), readme.indexOf("\n## ", readme.indexOf("## Files") + 1));
  // Files in the folder's sub-folders (resources/, emulator/) are named by their path in it.
  const named = [...files.matchAll(/`([\w./-]+\.ts)`/g)].map(([, file]) => file!).filter((file) => !/^(\.\.\/|providers\/|src\/|test\/)/.test(file));

  it("has a Files section that names every file in the folder", () => {
    expect(readme).toContain("## Files");
    const present = readdirSync(folder, { recursive: true, encoding: "utf8" })
      .map((file) => relative(folder, join(folder, file)).split("\\").join("/"))
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
    expect(present.filter((file) => !named.includes(file))).toEqual([]);
  });

  it("names no file that does not exist", () => {
    expect(named.filter((file) => !file.includes("*") && !existsSync(join(folder, file)))).toEqual([]);
  });
});
