/**
 * Issue 17, asked of TypeScript's own language service: a construct prop's editor hover shows its
 * description (`PropsOf` renames snake_case fields with a mapped type, which drops each
 * property's JSDoc; the generated props interfaces carry it), and a generated props interface
 * that drifts from its schema's props does not compile.
 */
import { join } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "..");
const STACK = join(ROOT, "providers", "__hover_stack__.ts");
const GENERATED = join(ROOT, "providers", "openai", "constructs.generated.ts");

const stack = `import { TerraformStack } from "cdktf";
import { LangfuseProject, OpenaiProject } from "./index";
export function make(stack: TerraformStack): void {
  new OpenaiProject(stack, "p", { name: "Research" });
  new LangfuseProject(stack, "l", { retentionDays: 30, name: "Research" });
}
`;

// Shared, so each service parses the repository's files once; a replaced file has its own version.
const registry = ts.createDocumentRegistry();
let services = 0;

/** A language service over the repository's files, some of them replaced by `texts`. */
function languageService(texts: ReadonlyMap<string, string>): ts.LanguageService {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile).config as object;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const read = (file: string) => texts.get(file) ?? ts.sys.readFile(file);
  const version = String(++services);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...texts.keys()],
    getScriptVersion: (file) => (texts.has(file) ? version : "0"),
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => texts.has(file) || ts.sys.fileExists(file),
    readFile: read,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, registry);
}

// The second: a construct whose props add references to the generated ones (an intersection).
it.each([
  ["name: ", "(property) OpenaiProjectConfig.name: string", "Renamed in place. Destroying the resource archives the project (OpenAI cannot delete projects)."],
  ["retentionDays: ", "(property) LangfuseProjectProps.retentionDays?: number | undefined", "Days to keep data: 0 (default) keeps forever, else at least 3."],
])("the hover at a prop (%s) is its schema field's description", (prop, display, description) => {
  const info = languageService(new Map([[STACK, stack]])).getQuickInfoAtPosition(STACK, stack.indexOf(prop));
  expect(ts.displayPartsToString(info?.displayParts)).toBe(display);
  expect(ts.displayPartsToString(info?.documentation)).toBe(description);
});

it.each([
  ["a prop the schema lacks", "  readonly name: string;\n", "  readonly name: string;\n  readonly nickname?: string;\n"],
  ["another type", "  readonly name: string;\n", "  readonly name: string | number;\n"],
  ["a required prop made optional", "  readonly name: string;\n", "  readonly name?: string;\n"],
])("a generated props interface with %s does not compile", (_what, from, to) => {
  const text = ts.sys.readFile(GENERATED)!;
  const at = text.indexOf(from, text.indexOf("export interface OpenaiProjectConfig"));
  const drifted = text.slice(0, at) + to + text.slice(at + from.length);
  const diagnostics = languageService(new Map([[GENERATED, drifted]])).getSemanticDiagnostics(GENERATED);
  const lines = diagnostics.map((d) => drifted.slice(0, d.start).split("\n").length);
  expect(lines.map((line) => drifted.split("\n")[line - 1])).toContainEqual(expect.stringContaining("SameProps<OpenaiProjectConfig,"));
});
