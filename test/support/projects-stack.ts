/**
 * A test file's projects emulator and stack, for the files that each test one rule against one
 * small stack: the emulator starts and the stack is synthesized before the file's tests, and
 * both are gone after them. `body` is the construct code after the provider (`stack` in scope).
 */
import { ProjectsEmulator, projectsEmulatorDefinition } from "../../providers/projects/emulator";
import { StackRun } from "./stack-run";
import { PROVIDERS } from "./workdir";

export interface ProjectsStackFile {
  readonly projects: ProjectsEmulator;
  /** Set once the file's beforeAll has run. */
  readonly run: StackRun;
}

export function projectsStackForFile(
  name: string,
  options: {
    /** Constructs taken from the projects provider besides ProjectsProvider. */
    readonly uses: readonly string[];
    readonly body: string;
    /** Constructs taken from cdktf besides App and TerraformStack. */
    readonly cdktf?: readonly string[];
    readonly env?: (projects: ProjectsEmulator) => NodeJS.ProcessEnv;
  },
): ProjectsStackFile {
  const file = { projects: new ProjectsEmulator(), run: undefined as unknown as StackRun };
  beforeAll(async () => {
    await file.projects.start();
    file.run = new StackRun(name, { ...projectsEmulatorDefinition.environment(file.projects, file.projects.url), ...options.env?.(file.projects) }, `orgform-${name}-`);
    await file.run.synthOnce(`
import { ${["App", "TerraformStack", ...(options.cdktf ?? [])].join(", ")} } from "cdktf";
import { ${["ProjectsProvider", ...options.uses].join(", ")} } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "${name}");
new ProjectsProvider(stack, "projects");
${options.body}
app.synth();
`);
  });
  afterAll(async () => {
    await file.projects.stop();
    file.run?.remove();
  });
  return file;
}
