// Lint: typescript-eslint's recommended rules over src/, providers/, test/ and
// bench/, minus those the current code does not follow yet (each listed below with why).
// Formatting is not linted: the code keeps its own layout.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "cdktf.out/", "coverage/", "**/*.d.ts"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // A leading underscore marks a value left out on purpose (`const { alias: _alias, ...rest }`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // A variable a callback reads before its one assignment (a child process set after the
      // observer that kills it is registered) cannot be const.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // Debt: 16 `any`s remain (provider registry's type-erased sessions, tests' fixtures); DESIGN.md
      // allows none for attribute values. A warning until they are gone.
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    // Lazy require() keeps start-up fast: synth and the bench load heavy modules only when they run.
    files: ["src/config/synth.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.cjs", "**/*.js", "**/*.mjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
