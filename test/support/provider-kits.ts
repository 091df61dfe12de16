/**
 * The providers the cross-provider tests run against: every built-in provider with a test kit
 * (providers/examples.ts), in the manifest's order. A provider joins the fault, leak and
 * recovery tests by giving a kit; no test names one.
 */
import type { Fault } from "../../src/emulator/faults";
import type { EmulatorServer } from "../../src/emulator/server";
import { builtInProviderManifest } from "../../providers/manifest";
import type { ProviderTestKit, Seen, StackPart } from "../../providers/examples";

export interface KitProvider {
  readonly name: string;
  readonly kit: ProviderTestKit;
}

export const kitProviders: readonly KitProvider[] = builtInProviderManifest.flatMap((provider) => (provider.testKit ? [{ name: provider.name, kit: provider.testKit() }] : []));

/** The CLI arguments of parts (their variables' values). */
export const argsOf = (parts: readonly StackPart[]): string[] => parts.flatMap((part) => [...(part.args ?? [])]);

/** Counts the faults an emulator actually injected, by kind (429, 500, reset-after-commit, …). */
export function countFaults(server: EmulatorServer): Map<string, number> {
  const counts = new Map<string, number>();
  const next = server.faults.next.bind(server.faults);
  server.faults.next = (method: string): Fault => {
    const fault = next(method);
    const kind = fault.kind === "status" ? String(fault.status) : fault.kind;
    counts.set(`${method} ${kind}`, (counts.get(`${method} ${kind}`) ?? 0) + 1);
    return fault;
  };
  return counts;
}

export const bySortedKey = (seen: readonly Seen[]): Seen[] => [...seen].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
