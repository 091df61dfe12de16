import type { z } from "zod";

/** One zod issue as a sentence naming the field: `field "apiKeys.0.id": expected string, received undefined`. */
export function describeZodIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid value";
  const field = issue.path.length > 0 ? `field "${issue.path.map(String).join(".")}"` : "the value";
  return `${field}: ${issue.message}`;
}
