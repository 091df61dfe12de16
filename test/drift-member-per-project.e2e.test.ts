/**
 * Drift's unmanaged objects are de-duplicated by type and id alone, but a projects
 * member's id is the person's, the same in every project. A person added by hand to two managed
 * projects is two memberships made by hand; the report must name both.
 */
import { callAdminApi } from "../providers/examples";
import { projectsStackForFile } from "./support/projects-stack";

const file = projectsStackForFile("driftmembers", {
  uses: ["Project"],
  body: `
new Project(stack, "web", { name: "Drift Web" });
new Project(stack, "data", { name: "Drift Data" });
`,
});

it("reports a person added by hand to two managed projects in both", async () => {
  const apply = await file.run.orgform(["apply", "--auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  const p = { "api-key": file.projects.apiKey, authorization: `Bearer ${file.projects.token}` };
  const scopes: string[] = [];
  for (const address of ["projects_project.web", "projects_project.data"]) {
    const id = String(file.run.state().get(address)!.attributes.id);
    scopes.push(id);
    await callAdminApi(`${file.projects.url}/organizations/${file.projects.organizationId}/projects/${id}/users`, "POST", p, {
      data: { type: "users", attributes: { email: "bob@example.com", role: "MEMBER", orgRole: "MEMBER", projectOnly: false } },
    });
  }
  const drift = await file.run.orgform(["drift", "--json"]);
  const unmanaged = (JSON.parse(drift.stdout) as { stacks: Array<{ unmanaged: Array<{ type: string; scope: string; label: string }> }> }).stacks[0]!.unmanaged;
  const bob = unmanaged.filter((object) => object.type === "projects_member" && object.label === "bob@example.com");
  expect(bob.map((object) => object.scope).sort()).toEqual([...scopes].sort());
});
