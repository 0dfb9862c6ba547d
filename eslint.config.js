// CommonJS like the rest of the project, so tests can load this config without dynamic import().
const tseslint = require("typescript-eslint");

/**
 * The one rule that matters most for speed: no barrel import of the AWS provider. `@cdktf/provider-aws` loads
 * every resource class (seconds and hundreds of MB per process); `@cdktf/provider-aws/lib/<resource>` loads one.
 */
const DEEP_IMPORT_MESSAGE = "Import the resource you need: '@cdktf/provider-aws/lib/<resource>'.";

module.exports = tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", ".gen/", "coverage/", "**/*.js"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@cdktf/provider-aws", message: DEEP_IMPORT_MESSAGE },
            { name: "@cdktf/provider-aws/lib", message: DEEP_IMPORT_MESSAGE },
          ],
        },
      ],
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
    // Tests walk synthesized Terraform JSON, which has no static type.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
