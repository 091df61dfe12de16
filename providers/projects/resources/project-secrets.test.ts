/**
 * Issue 16, item 5: Get Project with `secret=true` returns a project's key pair at any time, so
 * `readSecrets` gives recovery of an interrupted create what it needs to adopt the project with
 * its secrets instead of deleting and recreating it (with every member and key inside). Over real
 * HTTP against the strict emulator.
 */
import { Gone, type Attributes } from "../../../src/provider/contract";
import { startFixture, type Fixture } from "../emulator/fixture";
import { projectsProvider } from "../provider";
import { projectType } from "./project";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(() => f.stop());

describe("projects_project readSecrets", () => {
  it("reads the key pair of a project whose create response was lost, as found by the list", async () => {
    const ctx = f.ctx("projects_project.app");
    // The POST reached the API, its answer did not: all recovery has is the list's view.
    const made = f.emulator.seedProject({ name: "Interrupted" });
    const listed = (await projectType.list!.fetch(ctx, f.emulator.organizationId)).find(
      (object): object is Attributes => !(object instanceof Gone) && object.id === made.id,
    )!;
    expect(listed.secret_key).toBeUndefined();

    const secrets = await projectType.readSecrets!(ctx, listed);
    expect(secrets).toEqual({ public_key: made.publicKey, secret_key: made.secretKey });
    // Every sensitive attribute of the type is in the answer, nothing else.
    for (const key of projectType.sensitive) expect(secrets[key]).toEqual(expect.any(String));
    // Adopted with its secrets, the project has every attribute a create would have recorded
    // but the members the API made with it, which only the create's own answer can tell.
    const reference = await projectType.create(ctx, { name: "Reference" });
    expect(Object.keys({ ...listed, ...secrets }).sort()).toEqual(Object.keys(reference).filter((key) => key !== "initial_member_ids").sort());
  });

  it("works from the state's attributes alone (id and organization)", async () => {
    const made = f.emulator.seedProject({ name: "From state" });
    const session = projectsProvider.configure({}, f.env);
    const secrets = await projectType.readSecrets!({ session, address: "projects_project.app" }, { id: made.id, organization_id: f.emulator.organizationId });
    expect(secrets.secret_key).toBe(made.secretKey);
  });

  it("fails loudly (never an empty pair) when the project is not there", async () => {
    await expect(projectType.readSecrets!(f.ctx(), { id: "proj_missing", organization_id: f.emulator.organizationId })).rejects.toThrow(/404|not found/i);
  });

  it("is declared only where the API hands a secret out again: not for API keys (encrypted in listings) or LLM keys (write-only)", () => {
    const withSecrets = projectsProvider.resources.filter((type) => type.readSecrets).map((type) => type.type);
    expect(withSecrets).toEqual(["projects_project"]);
  });
});
