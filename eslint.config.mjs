import tseslint from "typescript-eslint";

/**
 * The one rule that matters most for speed: no barrel import of the AWS provider. `@cdktf/provider-aws` loads
 * every resource class (seconds and hundreds of MB per process); `@cdktf/provider-aws/lib/<resource>` loads one.
 */
export const DEEP_IMPORTS_ONLY = {
  paths: [
    { name: "@cdktf/provider-aws", message: "Import the resource you need: '@cdktf/provider-aws/lib/<resource>'." },
    { name: "@cdktf/provider-aws/lib", message: "Import the resource you need: '@cdktf/provider-aws/lib/<resource>'." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", ".gen/", "coverage/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", DEEP_IMPORTS_ONLY],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-aws']",
          message: "Import the resource you need: '@cdktf/provider-aws/lib/<resource>'.",
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
