/** User-facing sentences in one place. */
export const MESSAGES = {
  legendHeader: "orgform used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:",
  actionsHeader: "orgform will perform the following actions:",
  noChanges: "No changes. Your organizations match the configuration.",
  noChangesDetail: "orgform has compared your stack with the live admin APIs and found no differences, so no changes are needed.",
  driftHeader: "Note: Objects have changed outside of orgform",
  driftDetail: "orgform detected the following changes made outside of orgform since the last \"orgform apply\":",
  approvePrompt: "Do you want to perform these actions?\n  orgform will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ",
  destroyPrompt: "Do you really want to destroy all resources?\n  orgform will destroy all your managed objects, as shown above.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n  Enter a value: ",
  cancelled: "Apply cancelled.",
  notInteractive:
    "orgform apply needs approval, and there is no terminal to ask in (CI or piped input). Review the plan, then run again with --auto-approve.",
  interrupted: "Interrupt received. Waiting for the calls in flight to finish; no new operations will start. Press Ctrl-C again to stop at once.",
} as const;

/** `orgform version` and `-v/--version`, shaped like `terraform version`'s first lines. */
export function versionText(orgformVersion: string, nodeVersion: string, platform: string): string {
  return `orgform ${orgformVersion}\nnode ${nodeVersion} on ${platform}`;
}

export const PAST = { create: "Creation", update: "Modifications", delete: "Destruction", read: "Read" } as const;
/** The noun for a type's own word for an action ("will be adopted"): "Adoption complete". */
export const PAST_BY_VERB: Readonly<Record<string, string>> = { adopted: "Adoption" };
export const DOING = { create: "Creating...", update: "Modifying...", delete: "Destroying...", read: "Reading..." } as const;

/**
 * Commander's usage error ("error: unknown command 'plna'\n(Did you mean plan?)\n") as one
 * line: the README promises one-line errors, and 30 lines of help bury the one that matters.
 */
export function usageErrorLine(commanderText: string): string {
  const parts = commanderText.trim().split("\n").map((line) => line.trim().replace(/^error: /, "").replace(/^\((.*)\)$/, "$1")).filter(Boolean);
  const sentence = parts.map((part) => (/[.?!]$/.test(part) ? part : `${part}.`)).join(" ");
  return `Error: ${sentence} Run \`orgform --help\` for usage.`;
}
