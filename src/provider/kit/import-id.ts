/**
 * Import ids of objects that live inside another (a project's key: `<project id>/<key id>`),
 * parsed one way for every type (issue 17, item 2): a malformed id is one line naming the form
 * it must have, never "no such object". The last part takes the rest of the id, so it may hold
 * a slash or an email.
 */
import { OrgformError } from "../../errors";

/** The parts of `id`, one per name in `parts` (e.g. ["project id", "key id"]), each non-empty. */
export function parseImportId(type: string, id: string, parts: readonly string[]): string[] {
  const values: string[] = [];
  let rest = id;
  for (let index = 0; index < parts.length - 1; index++) {
    const slash = rest.indexOf("/");
    values.push(slash < 0 ? "" : rest.slice(0, slash));
    rest = slash < 0 ? "" : rest.slice(slash + 1);
  }
  values.push(rest);
  if (values.some((value) => value === "")) {
    throw new OrgformError("ARGUMENT_INVALID", `${type}: import id "${id}" must be ${parts.map((part) => `<${part}>`).join("/")}.`);
  }
  return values;
}

/** ResourceType.importId of a type whose import id is `<parent>/<id>` while its state id is the object's own. */
export function childImportId(parent: string): (attributes: Readonly<Record<string, unknown>>) => string {
  return (attributes) => `${String(attributes[parent])}/${String(attributes.id)}`;
}
