// CommonJS like the rest of the project, so tests can load this config without dynamic import().
const tseslint = require("typescript-eslint");

/**
 * The one rule that matters most for speed: no barrel import of the AWS provider. `@cdktf/provider-aws` loads
 * every resource class (seconds and hundreds of MB per process); `@cdktf/provider-aws/lib/<resource>` loads one.
 */
const DEEP_IMPORT_MESSAGE = "Import the resource you need: '@cdktf/provider-aws/lib/<resource>'.";

/**
 * The layers (README: Layout), from the bottom: domain modules (everything in src/ but the three below) know nothing
 * of the config file and declare the inputs they need; src/config validates the file and may use domain modules;
 * stacks (stacks/, src/stacks/) and their composition (src/landing-zone.ts) may use everything; main.ts, the CLI,
 * is imported by nothing. Each pattern matches a relative import of a layer, whatever the importing file's depth.
 */
const LAYER_PATTERNS = {
  config: {
    regex: "^\\.{1,2}/(.*/)?config(/|$)",
    message: "Domain modules do not import src/config: declare the input you need as an interface that the config type satisfies (see src/network).",
  },
  stacks: {
    regex: "^\\.{1,2}/(.*/)?stacks(/|$)",
    message: "Only stacks and their composition import stacks (stacks/, src/stacks/): move the logic you need into a domain module.",
  },
  composition: {
    regex: "^\\.{1,2}/(.*/)?landing-zone(\\.ts)?$",
    message: "Only main.ts and tests import the composition of the stacks (src/landing-zone.ts).",
  },
  main: {
    regex: "^\\.{1,2}/(.*/)?main(\\.ts)?$",
    message: "Nothing imports main.ts, the CLI entry point (it synthesizes on import): use src/landing-zone.ts.",
  },
};

/** The options of no-restricted-imports: the barrel of the AWS provider everywhere, plus the given layer patterns. */
function restrictedImports(...layers) {
  return [
    "error",
    {
      paths: [
        { name: "@cdktf/provider-aws", message: DEEP_IMPORT_MESSAGE },
        { name: "@cdktf/provider-aws/lib", message: DEEP_IMPORT_MESSAGE },
      ],
      patterns: layers.map((layer) => LAYER_PATTERNS[layer]),
    },
  ];
}

module.exports = tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", ".gen/", "coverage/", "**/*.js"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": restrictedImports("main"),
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^@cdktf\\u002Fprovider-aws(\\u002Flib)?$/]",
          message: DEEP_IMPORT_MESSAGE,
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Constructs are created for their side effect on the construct tree.
      "no-new": "off",
    },
  },
  {
    // Domain modules: no config, no stacks. (A later entry's options replace an earlier one's, so each lists all.)
    files: ["src/**/*.ts"],
    ignores: ["src/config/**", "src/stacks/**", "src/landing-zone.ts"],
    rules: { "no-restricted-imports": restrictedImports("main", "config", "stacks", "composition") },
  },
  {
    // Config validation may use domain modules, but not the stacks built from it.
    files: ["src/config/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports("main", "stacks", "composition") },
  },
  {
    // Stacks may use everything below them, but not the composition that uses them.
    files: ["stacks/**/*.ts", "src/stacks/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports("main", "composition") },
  },
  {
    // Tests walk synthesized Terraform JSON, which has no static type.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
