/**
 * Envelope schemas (a page of items, `{ data: item }`) built once per item schema. zod compiles
 * an object schema on its first parse; building the envelope anew for every request made every
 * list call pay that compilation again (a fifth of a no-op plan's CPU at N=1,000).
 */
import type { z } from "zod";

export function oncePerItem<Build extends (item: z.ZodType) => z.ZodType>(build: Build): Build {
  const built = new WeakMap<z.ZodType, z.ZodType>();
  const memoized = (item: z.ZodType): z.ZodType => {
    let envelope = built.get(item);
    if (!envelope) {
      envelope = build(item);
      built.set(item, envelope);
    }
    return envelope;
  };
  return memoized as Build;
}
