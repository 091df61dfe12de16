/**
 * Golden files for the three plan renderers (text, JSON, Markdown) over plans built in-process.
 * Each case is one plan a user might see; the files under test/golden/plan-views/ are what they
 * see, byte for byte. UPDATE_GOLDEN=1 rewrites them (review the diff: behaviour must not change).
 */
import type { Plan } from "../src/plan/types";
import { COLORS, PLAIN } from "../src/cli/views/color";
import { renderPlan } from "../src/cli/views/plan-text";
import { planToJson } from "../src/cli/views/plan-json";
import { planToMarkdown } from "../src/cli/views/plan-markdown";
import { Sensitive } from "../src/values/sensitive";
import { unknown } from "../src/values/unknown";
import { Delivered } from "../src/values/delivered";
import { driftEntry, outputChange, plan, resourceChange, resourceState, state } from "./support/plan-builders";
import { expectGolden } from "./support/golden";

const SECRET = "sk-lf-golden-secret-0042";

const org = { id: "org-1", name: "Acme", metadata: { team: "ml", tier: "gold" }, project_ids: ["p-1"], created_at: "2026-01-01T00:00:00.000Z" };

const cases: Array<[string, Plan]> = [
  ["no-changes", plan({ changes: [resourceChange({ address: "langfuse_organization.acme", action: "no-op", before: org, after: org })] })],
  [
    "create-with-unknowns-and-secrets",
    plan({
      changes: [
        resourceChange({ address: "langfuse_organization.acme", action: "create", after: { name: "Acme", metadata: { team: "ml" }, id: unknown, project_ids: unknown } }),
        resourceChange({
          address: "langfuse_organization_api_key.ci",
          action: "create",
          after: { organization_id: unknown, note: "ci", id: unknown, public_key: unknown, secret_key: new Sensitive(unknown) },
          sensitiveKeys: ["secret_key"],
          dependencies: ["langfuse_organization.acme"],
        }),
        resourceChange({ address: "langfuse_organization_api_key.sunk", action: "create", after: { note: "sunk", id: unknown, secret_key: new Delivered("file secrets/ci.key") }, sensitiveKeys: ["secret_key"] }),
      ],
      outputs: [outputChange({ name: "org_id", action: "create", after: unknown }), outputChange({ name: "ci_secret", action: "create", after: unknown, sensitive: true })],
    }),
  ],
  [
    "update-map-and-computed",
    plan({
      changes: [
        resourceChange({
          address: "langfuse_organization.acme",
          action: "update",
          before: org,
          after: { ...org, metadata: { team: "research", tier: "gold", region: "eu" } },
        }),
        resourceChange({ address: "langfuse_organization.trimmed", action: "update", before: { id: "org-2", metadata: { team: "ml", tier: "gold" } }, after: { id: "org-2", metadata: { team: "ml" } } }),
        resourceChange({ address: "langfuse_organization.labelled", action: "update", before: { id: "org-3", metadata: {} }, after: { id: "org-3", metadata: { team: "ml" } } }),
        resourceChange({
          address: "projects_llm_api_key.headers",
          action: "update",
          before: { id: "l-2", extra_headers: new Sensitive({ "x-token": SECRET }) },
          after: { id: "l-2", extra_headers: new Sensitive({ "x-token": "other-secret-value" }) },
          sensitiveKeys: ["extra_headers"],
        }),
      ],
    }),
  ],
  [
    "replace-both-orders",
    plan({
      changes: [
        resourceChange({
          address: "anthropic_workspace.eng",
          action: "replace",
          replaceOrder: "delete-first",
          reason: "replace-because-force-new",
          before: { id: "wrkspc_1", name: "eng", data_residency: { workspace_geo: "us" } },
          after: { id: unknown, name: "eng", data_residency: { workspace_geo: "eu" } },
          replacePaths: ["data_residency"],
        }),
        resourceChange({
          address: "openai_admin_api_key.deploy",
          action: "replace",
          replaceOrder: "create-first",
          reason: "replace-by-request",
          before: { id: "key_1", name: "deploy", value: new Sensitive(SECRET) },
          after: { id: unknown, name: "deploy", value: new Sensitive(unknown) },
          sensitiveKeys: ["value"],
        }),
        resourceChange({
          address: "projects_project.tainted",
          action: "replace",
          replaceOrder: "delete-first",
          reason: "replace-because-tainted",
          before: { id: "p-9", name: "t" },
          after: { id: unknown, name: "t" },
        }),
      ],
    }),
  ],
  [
    "delete-archive-read-import",
    plan({
      changes: [
        resourceChange({ address: "anthropic_workspace.old", action: "delete", reason: "delete-because-no-config", before: { id: "wrkspc_2", name: "old", archived_at: null }, verbs: { delete: "archived", deleteNote: "the Admin API cannot delete workspaces" } }),
        resourceChange({ address: "langfuse_organization_api_key.gone", action: "delete", before: { id: "k-2", note: "gone", secret_key: new Sensitive(SECRET) }, sensitiveKeys: ["secret_key"] }),
        resourceChange({ address: "data.projects_project.lookup", mode: "data", action: "read", reason: "read-because-unknown-arguments", after: { id: unknown, name: "lookup" } }),
        resourceChange({ address: "projects_project.adopted", action: "no-op", importId: "p-77", reason: "import", before: { id: "p-77", name: "adopted" }, after: { id: "p-77", name: "adopted" } }),
        resourceChange({ address: "projects_project.adopted_changed", action: "update", importId: "p-78", reason: "import", before: { id: "p-78", name: "x" }, after: { id: "p-78", name: "y" } }),
        resourceChange({ address: "anthropic_user.me", action: "create", verbs: { create: "adopted" }, after: { email: "me@example.com", role: "user", id: unknown } }),
        resourceChange({ address: "projects_project.back", action: "create", reason: "create-because-gone", reasonText: "archived outside orgform", after: { name: "back", id: unknown } }),
      ],
      outputs: [
        outputChange({ name: "old_id", action: "delete", before: "wrkspc_2" }),
        outputChange({ name: "count", action: "update", before: 1, after: 2 }),
        outputChange({ name: "key", action: "update", before: new Sensitive(SECRET), after: new Sensitive("other-secret-value"), sensitive: true }),
      ],
    }),
  ],
  [
    // A data source read at apply because what it looks up is being made; another read while
    // planning, shown with the objects as refreshed in the JSON's prior_state (secrets null).
    "data-reads",
    plan({
      changes: [
        resourceChange({ address: "langfuse_organization.acme", action: "create", after: { name: "Acme", metadata: {}, id: unknown, project_ids: unknown } }),
        resourceChange({ address: "data.langfuse_organization.same", mode: "data", action: "read", reason: "read-because-dependency-pending", after: { name: "Acme" } }),
        resourceChange({ address: "langfuse_organization_api_key.ci", action: "no-op", before: { id: "k-1", note: "ci", secret_key: new Sensitive(SECRET) }, after: { id: "k-1", note: "ci", secret_key: new Sensitive(SECRET) }, sensitiveKeys: ["secret_key"] }),
      ],
      // Out of the plan's changes (as under --target), a key whose secret went to a sink is still not shown.
      priorState: state([
        resourceState("langfuse_organization_api_key.ci", { id: "k-1", note: "ci", secret_key: new Sensitive(SECRET) }),
        resourceState("langfuse_organization_api_key.sunk", { id: "k-2", note: "sunk", secret_key: new Delivered("file secrets/sunk.key", "sha256:0042") }),
      ]),
      dataResults: new Map([["data.langfuse_project.web", { name: "web", org_secret_key: new Sensitive(SECRET), id: "p-1", metadata: {} }]]),
    }),
  ],
  [
    "drift-and-warnings",
    plan({
      drift: [
        driftEntry({ address: "langfuse_organization.acme", kind: "changed", before: { name: "Acme", metadata: { team: "ml" } }, after: { name: "Acme Inc", metadata: { team: "ml" } }, changedKeys: ["name"] }),
        driftEntry({ address: "langfuse_organization_api_key.ci", kind: "changed", before: { note: "a", secret_key: new Sensitive(SECRET) }, after: { note: "b", secret_key: new Sensitive("rotated-secret") }, changedKeys: ["note", "secret_key"], sensitiveKeys: ["secret_key"] }),
        driftEntry({ address: "projects_project.p", kind: "deleted", before: { id: "p-1" } }),
        driftEntry({ address: "anthropic_workspace.w", kind: "gone", before: { id: "w-1" }, reasonText: "archived outside orgform" }),
      ],
      warnings: ["projects_llm_api_key.k: write-only arguments (secret_key) are never read back, so changes made to them outside orgform cannot be detected."],
      changes: [
        resourceChange({ address: "langfuse_organization.acme", action: "update", before: { id: "org-1", name: "Acme Inc" }, after: { id: "org-1", name: "Acme" } }),
        resourceChange({ address: "projects_llm_api_key.k", action: "update", before: { id: "l-1", secret_key: new Sensitive(SECRET), provider: "openai" }, after: { id: "l-1", secret_key: new Sensitive("new-secret-value"), provider: "openai" }, sensitiveKeys: ["secret_key"], writeOnlyKeys: ["secret_key"] }),
      ],
    }),
  ],
  ["drift-only-no-changes", plan({ mode: "refresh-only", drift: [driftEntry({ address: "projects_project.p", kind: "deleted", before: { id: "p-1" } })] })],
];

describe("plan views match their golden files", () => {
  it.each(cases)("%s: text", (name, subject) => {
    expectGolden(`plan-views/${name}.txt`, renderPlan(subject, PLAIN));
  });
  it.each(cases)("%s: JSON", (name, subject) => {
    expectGolden(`plan-views/${name}.json`, `${JSON.stringify(planToJson(subject), null, 2)}\n`);
  });
  it.each(cases)("%s: Markdown", (name, subject) => {
    expectGolden(`plan-views/${name}.md`, planToMarkdown(subject, 60_000, "Run `orgform plan` for the full plan."));
  });
  it("colours mark the symbols only", () => {
    expectGolden("plan-views/replace-both-orders.ansi.txt", renderPlan(cases[3]![1], COLORS));
  });
  it("a Markdown comment over its budget keeps the head and counts what it left out", () => {
    expectGolden("plan-views/delete-archive-read-import.budget.md", planToMarkdown(cases[4]![1], 1_200, "Run `orgform plan` for the full plan."));
  });
  it("no rendering contains a secret", () => {
    for (const [, subject] of cases) {
      const all = [renderPlan(subject, PLAIN), JSON.stringify(planToJson(subject)), planToMarkdown(subject, 60_000, "")].join("\n");
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain("rotated-secret");
    }
  });
});
