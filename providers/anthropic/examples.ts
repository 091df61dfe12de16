/** The Anthropic Admin API's examples for the cross-provider tests (providers/examples.ts). */
import { callAdminApi, choose, FAULT_EXEMPT, looks, ofType, type ProviderTestKit } from "../examples";
import { ANTHROPIC_VERSION, MAX_PAGE_SIZE } from "./client";
import { AnthropicEmulator, anthropicEmulatorDefinition } from "./emulator";

const CRASH_WORKSPACES = ["Crash WS 1", "Crash WS 2", "Crash WS 3"];
/** Users who exist in the organization already (made in the Console), and their workspace. */
const CRASH_MEMBERS = [
  { email: "ada@crash.example", workspace: 0 },
  { email: "bob@crash.example", workspace: 1 },
];
const CRASH_INVITES = ["invitee1@crash.example", "invitee2@crash.example"];
/** An API key made in the Console (the Admin API cannot make one), for the round trip to adopt. */
const EVERY_TYPE_KEY = "apikey_01EVERY000000TypeKey0000";

export const anthropicTestKit: ProviderTestKit = {
  async start() {
    const emulator = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-kit-key-0123456789" });
    const url = await emulator.start();
    const { store } = emulator;
    const liveWorkspaces = () => [...store.workspaces.values()].filter((w) => w.archived_at === null);
    const pendingInvites = () => [...store.invites.values()].filter((i) => i.status === "pending");
    return {
      env: anthropicEmulatorDefinition.environment(emulator, url),
      servers: [emulator.server],
      failNext: (method, status, message) => emulator.failNext(method, status, message),
      // The Admin API never hands out an API key's secret: the admin key is the only one.
      secrets: () => [emulator.adminApiKey],
      emulated: () => [
        ...liveWorkspaces().map((w) => ({ key: `workspace:${w.name}`, id: w.id })),
        ...pendingInvites().map((i) => ({ key: `invite:${i.email}`, id: i.id })),
      ],
      recorded: (state) => [
        ...ofType(state, "anthropic_workspace").map((a) => ({ key: `workspace:${String(a.name)}`, id: String(a.id) })),
        ...ofType(state, "anthropic_invite").map((a) => ({ key: `invite:${String(a.email)}`, id: String(a.id) })),
      ],
      counts: () => ({ workspaces: liveWorkspaces().length, anthropic_invites: pendingInvites().length }),
      prepare: () => {
        for (const { email } of CRASH_MEMBERS) emulator.seedUser({ email });
        const owner = emulator.seedUser({ email: "owner@every.example", role: "admin" });
        for (const email of ["ada@every.example", "grace@every.example"]) emulator.seedUser({ email });
        emulator.seedApiKey({ id: EVERY_TYPE_KEY, name: "ci (made in the Console)", createdBy: owner });
      },
      crash: {
        live: () => [
          ...store.listWorkspaces(false).flatMap((w) => [
            { key: `anthropic workspace "${w.name}"`, id: w.id, hasSecret: false, looks: looks(store.renderWorkspace(w)) },
            ...[...store.explicitMembers(w.id)]
              .filter(([userId]) => store.users.has(userId))
              .map(([userId, role]) => ({ key: `anthropic member ${store.user(userId).email} in workspace "${w.name}"`, id: `${w.id}/${userId}`, hasSecret: false, looks: role })),
          ]),
          ...store
            .listInvites()
            .filter((i) => store.inviteStatus(i) === "pending")
            .map((i) => ({ key: `anthropic invite ${i.email}`, id: i.id, hasSecret: false, looks: looks([i.email, i.role]) })),
        ],
        recorded: ({ address, attributes: a }) => {
          const workspace = (id: unknown) => store.workspaces.get(String(id))?.name ?? `(workspace ${String(id)})`;
          const user = (id: unknown) => store.users.get(String(id))?.email ?? `(user ${String(id)})`;
          switch (address.split(".")[0]) {
            case "anthropic_workspace":
              return { key: `anthropic workspace "${String(a.name)}"`, hasSecret: false };
            case "anthropic_workspace_member":
              return { key: `anthropic member ${user(a.user_id)} in workspace "${workspace(a.workspace_id)}"`, id: `${String(a.workspace_id)}/${String(a.user_id)}`, hasSecret: false };
            case "anthropic_invite":
              return { key: `anthropic invite ${String(a.email)}`, hasSecret: false };
            default:
              return undefined;
          }
        },
        async makeForeign(_kind, pick) {
          const name = choose(CRASH_WORKSPACES, pick);
          const headers = { ...FAULT_EXEMPT, "x-api-key": emulator.adminApiKey, "anthropic-version": ANTHROPIC_VERSION };
          return { key: `anthropic workspace "${name}"`, id: String((await callAdminApi(`${url}/v1/organizations/workspaces`, "POST", headers, { name })).id) };
        },
      },
      stop: () => emulator.stop(),
    };
  },
  faults: {
    declared: 30,
    seed: 10,
    uses: ["AnthropicProvider", "AnthropicWorkspace", "AnthropicInvite"],
    body: `
new AnthropicProvider(stack, "anthropic");
for (let i = 1; i <= 15; i++) new AnthropicWorkspace(stack, "ws" + i, { name: "Faults Workspace " + i });
for (let i = 1; i <= 15; i++) new AnthropicInvite(stack, "invite" + i, { email: "person" + i + "@faults.example.com", role: "user" });`,
  },
  leaks: {
    uses: ["AnthropicProvider", "AnthropicWorkspace"],
    body: `
new AnthropicProvider(stack, "anthropic");
new AnthropicWorkspace(stack, "ws", { name: "Leak Workspace" });`,
    outputs: [],
    sensitive: [],
    replaceable: [],
    wrongCredential: { env: "ANTHROPIC_ADMIN_API_KEY", value: "sk-ant-admin01-wrong-key-9c8b7a65" },
  },
  recovery: {
    uses: ["AnthropicProvider", "AnthropicWorkspace", "AnthropicInvite"],
    body: `
new AnthropicProvider(stack, "anthropic");
new AnthropicWorkspace(stack, "ws", { name: "Recover Workspace" });
new AnthropicInvite(stack, "an_invite", { email: "kim@example.com", role: "user" });`,
    parents: [],
    secretOnlyOnCreate: [],
  },
  crash: {
    uses: ["AnthropicProvider", "AnthropicWorkspace", "AnthropicWorkspaceMember", "AnthropicInvite", "DataAnthropicUser"],
    body: `
new AnthropicProvider(stack, "anthropic");
const workspaces = ${JSON.stringify(CRASH_WORKSPACES)}.map((name, i) => new AnthropicWorkspace(stack, "ws" + i, { name }));
${JSON.stringify(CRASH_MEMBERS)}.forEach(({ email, workspace }, i) => {
  const user = new DataAnthropicUser(stack, "user" + i, { email });
  new AnthropicWorkspaceMember(stack, "member" + i, { workspaceId: workspaces[workspace].id, userId: user.id, workspaceRole: "workspace_developer" });
});
${JSON.stringify(CRASH_INVITES)}.forEach((email, i) => new AnthropicInvite(stack, "invite" + i, { email, role: "user" }));`,
    foreignKinds: ["anthropic workspace"],
    declared: [
      ...CRASH_WORKSPACES.map((name) => `anthropic workspace "${name}"`),
      ...CRASH_MEMBERS.map(({ email, workspace }) => `anthropic member ${email} in workspace "${CRASH_WORKSPACES[workspace]}"`),
      ...CRASH_INVITES.map((email) => `anthropic invite ${email}`),
    ],
  },
  everyType: {
    uses: ["AnthropicProvider", "AnthropicWorkspace", "AnthropicWorkspaceMember", "AnthropicOrganizationMember", "AnthropicInvite", "AnthropicApiKey", "DataAnthropicUser", "DataAnthropicOrganization", "DataAnthropicWorkspace", "DataAnthropicApiKeys"],
    body: `
new AnthropicProvider(stack, "anthropic");
const ws = new AnthropicWorkspace(stack, "ws", { name: "Every Type", tags: { team: "research" } });
const ada = new DataAnthropicUser(stack, "ada", { email: "ada@every.example" });
new AnthropicWorkspaceMember(stack, "ada_ws", { workspaceId: ws.id, userId: ada.id, workspaceRole: "workspace_developer" });
new AnthropicOrganizationMember(stack, "grace", { email: "grace@every.example", role: "developer" });
new AnthropicInvite(stack, "invite", { email: "new.hire@every.example", role: "user" });
new AnthropicApiKey(stack, "console_key", { apiKeyId: "${EVERY_TYPE_KEY}", name: "CI (managed by orgform)" });
new DataAnthropicOrganization(stack, "organization");
new DataAnthropicWorkspace(stack, "ws_by_name", { name: "Every Type", dependsOn: [ws] });
new DataAnthropicApiKeys(stack, "active_keys", { status: "active" });`,
  },
  bench: {
    share: 0.45,
    children: 99,
    // The API allows 100 active workspaces.
    maxParents: 90,
    provider: { construct: "AnthropicProvider" },
    parent: {
      construct: "AnthropicWorkspace",
      type: "anthropic_workspace",
      pageSize: MAX_PAGE_SIZE,
      args: (w) => ({ name: `Bench Workspace ${w + 1}`, tags: { team: `team-${w}` } }),
      changed: (args) => ({ ...args, tags: { ...(args.tags as Record<string, string>), revision: "2" } }),
    },
    child: {
      construct: "AnthropicWorkspaceMember",
      type: "anthropic_workspace_member",
      pageSize: MAX_PAGE_SIZE,
      parentArgument: "workspaceId",
      args: (w, m, { people }) => ({ userId: people[(w * 37 + m) % people.length], workspaceRole: m % 2 ? "workspace_developer" : "workspace_user" }),
      changed: (args) => ({ ...args, workspaceRole: "workspace_admin" }),
    },
    // Users join in the Console: at least one per member slot, about one per ten memberships.
    people: {
      count: (children) => Math.max(0, ...children, Math.ceil(children.reduce((sum, count) => sum + 1 + count, 0) / 10)),
      seed(emulator, count) {
        if (!(emulator instanceof AnthropicEmulator)) throw new Error("bench: not the Anthropic emulator");
        return Array.from({ length: count }, (_, i) => emulator.seedUser({ email: `user${i + 1}@bench.example`, name: `User ${i + 1}`, role: "user" }));
      },
    },
  },
};
