/** The Anthropic Admin API's examples for the cross-provider tests (providers/examples.ts). */
import { ofType, type ProviderTestKit } from "../examples";
import { AnthropicEmulator, anthropicEmulatorDefinition } from "./emulator";

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
};
