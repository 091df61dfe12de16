/**
 * `orgform import <address> <id>`: brings an existing object under management. The address must
 * be declared in the stack and the id must exist in the API; the object is written to state
 * (locked, with a backup), then the diff the next plan will apply is shown.
 */
import { OrgformError } from "../../errors";
import { importObject, refuseManagedElsewhere } from "../../plan/adopt";
import { makePlan } from "../../plan/plan";
import { emptyState } from "../../state/document";
import { StateWriter } from "../../state/writer";
import { openStack } from "../../project/open";
import { paletteFor } from "../views/color";
import { renderPlan } from "../views/plan-text";
import type { CommonOptions } from "../options";
import { openOptions, type Environment } from "./plan-apply";

export async function importCommand(environment: Environment, address: string, id: string, options: CommonOptions): Promise<number> {
  const { context, backend, config } = openStack(openOptions(environment, options));
  const resource = config.resources.get(address);
  if (!resource || resource.mode !== "managed") {
    const known = [...config.resources.values()].filter((r) => r.mode === "managed").map((r) => r.address);
    throw new OrgformError("USAGE", `"${address}" is not a resource in stack ${config.stack}. Declare it first; resources: ${known.join(", ") || "none"}.`);
  }
  const lock = await backend.lock("OperationTypeImport");
  try {
    const prevRun = (await backend.read()) ?? emptyState();
    if (prevRun.resources.has(address)) {
      throw new OrgformError("STATE_CONFLICT", `${address} is already managed (id ${String(prevRun.resources.get(address)!.attributes.id)}). Run \`orgform state rm ${address}\` first to import another object there.`);
    }
    refuseManagedElsewhere(prevRun.resources, address, resource.type, id);
    const imported = await importObject(context, address, resource.type, resource.provider, id);
    refuseManagedElsewhere(prevRun.resources, address, resource.type, imported.attributes.id);
    const writer = new StateWriter(backend, prevRun);
    writer.put(imported);
    await writer.flush();
    environment.io.out(`${address}: Import prepared! [id=${id}]\n\nImport successful! The object is now managed by orgform. The next plan will apply this diff:\n`);
    const plan = await makePlan(context, writer.document(), { mode: "normal", refresh: false, targets: [address], replace: [] });
    environment.io.out(renderPlan(plan, paletteFor(options.color === false)));
    return 0;
  } finally {
    await backend.unlock(lock);
  }
}
