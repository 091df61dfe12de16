import { z } from "zod";
import { Sensitive } from "../../values/sensitive";
import { fromBlockOrEnv, missingSetting, parseProviderBlock } from "./settings";

const schema = z.object({ base_url: z.string().url("must be a URL").optional(), api_key: z.string().min(1).optional() });

it("parses the block with secrets revealed, and names a bad field without echoing its value", () => {
  expect(parseProviderBlock("demo", schema, { api_key: new Sensitive("sk-secret") })).toEqual({ api_key: "sk-secret" });
  expect(() => parseProviderBlock("demo", schema, { base_url: "sk-not-a-url" })).toThrow('provider "demo": base_url: must be a URL.');
  try {
    parseProviderBlock("demo", schema, { base_url: "sk-not-a-url" });
  } catch (error) {
    expect(String(error)).not.toContain("sk-not-a-url");
  }
});

it("takes the block's value, else the first environment variable set", () => {
  expect(fromBlockOrEnv("block", { A: "a" }, ["A"])).toBe("block");
  expect(fromBlockOrEnv(undefined, { A: "", B: "b" }, ["A", "B"])).toBe("b");
  expect(fromBlockOrEnv(undefined, {}, ["A"])).toBeUndefined();
});

it("names every way to set a missing setting", () => {
  expect(missingSetting("demo", "API key", ["DEMO_KEY", "OLD_KEY"], "apiKey", "DemoProvider").message).toBe('provider "demo": no API key. Set DEMO_KEY or OLD_KEY, or apiKey on DemoProvider.');
});
