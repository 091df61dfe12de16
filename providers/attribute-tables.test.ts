/** Each provider README's attribute tables match the types' declarations. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withAttributeTables } from "./attribute-tables";
import { builtInProviders } from "./registry";

it.each(builtInProviders.map((provider) => [provider.name, provider] as const))("providers/%s/README.md has the attribute tables of its types (npm run docs:providers writes them)", (name, provider) => {
  const readme = readFileSync(join(__dirname, name, "README.md"), "utf8");
  expect(readme).toBe(withAttributeTables(readme, provider));
});
