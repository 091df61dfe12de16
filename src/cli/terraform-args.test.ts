/** orgform-terraform's flag parsing: terraform's spellings, including the ones cdktf-cli passes. */
import { parseFlags, SPECS } from "./terraform-args";

describe("parseFlags", () => {
  it.each([
    ["cdktf-cli's plan", "plan", ["-input=false", "-out", "plan", "-destroy", "-parallelism=4", "-no-color", "-var=a=1", "-var-file=x.tfvars"], { bools: { input: false, destroy: true, "no-color": true }, values: { out: "plan", parallelism: "4" }, multis: { var: ["a=1"], "var-file": ["x.tfvars"] }, positional: [] }],
    ["-name=value and --name", "plan", ["-out=p", "--refresh-only", "-refresh=false"], { bools: { "refresh-only": true, refresh: false }, values: { out: "p" }, multis: {}, positional: [] }],
    ["repeated -var and -target", "apply", ["-var", "a=1", "-var=b=2", "-target=x.y", "-auto-approve"], { bools: { "auto-approve": true }, values: {}, multis: { var: ["a=1", "b=2"], target: ["x.y"] }, positional: [] }],
    ["a saved plan after the flags", "apply", ["-auto-approve", "plan"], { bools: { "auto-approve": true }, values: {}, multis: {}, positional: ["plan"] }],
    ["-- ends the flags", "apply", ["--", "-odd-name"], { bools: {}, values: {}, multis: {}, positional: ["-odd-name"] }],
  ] as const)("%s", (_what, command, args, expected) => {
    const parsed = parseFlags(command, args, SPECS[command]);
    expect({
      bools: Object.fromEntries(parsed.bools),
      values: Object.fromEntries(parsed.values),
      multis: Object.fromEntries(parsed.multis),
      positional: parsed.positional,
    }).toEqual(expected);
  });

  it.each([
    ["an unknown flag", "apply", ["-bogus"], '"apply" does not accept -bogus'],
    ["a value flag without its value", "plan", ["-out"], "flag needs an argument: -out"],
    ["a boolean that is not one", "plan", ["-refresh=maybe"], 'invalid boolean value "maybe" for -refresh'],
    ["a flag of another command", "destroy", ["-refresh-only"], '"destroy" does not accept -refresh-only'],
  ] as const)("refuses %s", (_what, command, args, message) => {
    expect(() => parseFlags(command, args, SPECS[command])).toThrow(message);
  });
});
